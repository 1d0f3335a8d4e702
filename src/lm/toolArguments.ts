// A tool call's argument text → the object VS Code's LanguageModelToolCallPart takes. InternLM writes
// Python-style dicts ({'location': 'shanghai'}); those are repaired by re-quoting their strings.
// Linear in the input, whatever it is.

export class ToolArgumentsError extends Error {}

export function parseToolArguments(text: string): object {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const parsed = tryJson(trimmed) ?? tryJson(pythonToJson(trimmed));
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as object;
  throw new ToolArgumentsError(trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** Single- and double-quoted strings become JSON strings; True, False and None outside strings become JSON's. */
function pythonToJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      let value = '';
      for (i++; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\\' && i + 1 < text.length) {
          i++;
          value += ESCAPES[text[i]!] ?? `\\${text[i]}`;
        } else value += text[i];
      }
      i++;
      out += JSON.stringify(value);
      continue;
    }
    const word = /^(True|False|None)\b/.exec(text.slice(i, i + 6));
    if (word) {
      out += word[1] === 'True' ? 'true' : word[1] === 'False' ? 'false' : 'null';
      i += word[1]!.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
