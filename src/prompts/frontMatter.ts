// Front matter of a prompt file: `key: value` lines between two `---` lines at the very top. Only
// flat keys are read (no YAML lists or nesting): a prompt file needs a description and nothing more.
// No `vscode` import.

export interface FrontMatter {
  /** Keys in lower case; values trimmed, surrounding quotes removed. */
  readonly attributes: ReadonlyMap<string, string>;
  /** The text after the front matter (all of it when there is none). */
  readonly body: string;
}

const LINE = /\r\n|\n|\r/;

/** Splits `text` into its front matter and body, in one pass over the lines. */
export function parseFrontMatter(text: string): FrontMatter {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(LINE);
  const attributes = new Map<string, string>();
  if (lines[0]?.trim() !== '---') return { attributes, body: source };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '---') return { attributes, body: lines.slice(i + 1).join('\n') };
    const match = /^\s*([A-Za-z][\w-]*)\s*:(.*)$/.exec(line);
    if (match) attributes.set(match[1]!.toLowerCase(), unquote(match[2]!.trim()));
  }
  // No closing line: not front matter after all, the whole file is the prompt.
  return { attributes: new Map(), body: source };
}

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  return value;
}
