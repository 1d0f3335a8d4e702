// Turns a model's answer into text that can replace the selection: the code is taken out of its
// fence (prose around it dropped), then fitted to the selection's indentation and line endings.
// No `vscode` import: unit-tested in plain Node.

/** What the cleaner needs to know about the selection being replaced. */
export interface SelectionShape {
  /** The selected text, exactly as in the document. */
  readonly original: string;
  /** The text on the selection's first line before the selection starts. */
  readonly linePrefix: string;
  /** The document's line ending. */
  readonly eol: '\n' | '\r\n';
  /** The editor's indentation: tabs, or spaces of this width. */
  readonly insertSpaces: boolean;
  readonly tabSize: number;
}

const LINE_BREAK = /\r\n|\n|\r/;
// The info string is the rest of the line, taken by slicing: `(.*)$` here retried every shorter run of
// fence characters when a line separator (U+2028) stopped `.`, which is quadratic on a long run.
const OPENING_FENCE = /^( {0,3})(`{3,}|~{3,})/;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** `text` without its trailing spaces and tabs. A loop: `/[ \t]+$/` is quadratic on a long run of them before other text. */
function trimTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(0, end);
}

/**
 * The code in an answer. A fenced block is unwrapped (the first, if several) and the prose around it
 * dropped; an answer without a fence is taken as code. While `streaming`, an unclosed fence is read
 * up to the end, and a last line that may still grow into a fence is held back.
 */
export function extractCode(answer: string, streaming = false): string {
  const lines = answer.split(LINE_BREAK);
  const opening = lines.findIndex((line) => {
    const m = OPENING_FENCE.exec(line);
    // A backtick fence's info string cannot hold a backtick (CommonMark), which tells it from inline code.
    return m !== null && !(m[2]!.startsWith('`') && line.includes('`', m[0].length));
  });
  if (opening < 0) {
    if (streaming) {
      // The first characters of a fence: wait for the rest rather than flash them as code.
      const first = lines.find((line) => !isBlank(line)) ?? '';
      if (/^ {0,3}(`{1,2}|~{1,2})$/.test(first) && lines.filter((l) => !isBlank(l)).length === 1) return '';
    }
    return unwrapInlineCode(trimBlankLines(lines)).join('\n');
  }
  const [, indent, marker] = OPENING_FENCE.exec(lines[opening]!)!;
  const char = marker![0]!;
  const closing = new RegExp(`^ {0,3}${char === '`' ? '`' : '~'}{${marker!.length},}[ \\t]*$`);
  const body: string[] = [];
  let closed = false;
  for (const line of lines.slice(opening + 1)) {
    if (closing.test(line)) {
      closed = true;
      break;
    }
    // Content of an indented fence loses up to that much indentation (CommonMark).
    body.push(line.slice(Math.min(indent!.length, leadingWhitespace(line).length)));
  }
  if (streaming && !closed && body.length > 0 && /^ {0,3}(`+|~+)$/.test(body.at(-1)!)) body.pop();
  return body.join('\n');
}

/** A one-line answer in single backticks (`x + 1`) is that code. */
function unwrapInlineCode(lines: string[]): string[] {
  if (lines.length !== 1) return lines;
  const m = /^\s*`([^`]+)`\s*$/.exec(lines[0]!);
  return m ? [m[1]!] : lines;
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start++;
  while (end > start && isBlank(lines[end - 1]!)) end--;
  return lines.slice(start, end);
}

/** The longest leading whitespace all non-blank lines share. */
function commonIndent(lines: readonly string[]): string {
  let common: string | undefined;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const ws = leadingWhitespace(line);
    if (common === undefined) {
      common = ws;
      continue;
    }
    let i = 0;
    while (i < common.length && i < ws.length && common[i] === ws[i]) i++;
    common = common.slice(0, i);
  }
  return common ?? '';
}

/** Leading whitespace converted to the editor's style (models often answer with spaces for tabs). */
function toIndentStyle(line: string, shape: SelectionShape): string {
  const ws = leadingWhitespace(line);
  const rest = line.slice(ws.length);
  const size = Math.max(1, shape.tabSize);
  if (shape.insertSpaces) return ws.includes('\t') ? ws.replace(/\t/g, ' '.repeat(size)) + rest : line;
  if (!ws.includes(' ')) return line;
  const width = [...ws].reduce((sum, c) => sum + (c === '\t' ? size : 1), 0);
  return '\t'.repeat(Math.floor(width / size)) + ' '.repeat(width % size) + rest;
}

/**
 * The selection as the model is shown it: when the selection starts inside its line's indentation,
 * that indentation is included, so the model sees (and answers with) the code's real indentation.
 */
export function shownSelection(shape: Pick<SelectionShape, 'original' | 'linePrefix'>): string {
  return isBlank(shape.linePrefix) ? shape.linePrefix + shape.original : shape.original;
}

/**
 * Fits code to the selection it replaces: the selection's base indentation and indentation style,
 * its leading blank lines and trailing line break, and the document's line endings.
 */
export function fitToSelection(code: string, shape: SelectionShape): string {
  const lines = trimBlankLines(code.split(LINE_BREAK)).map((line) => (isBlank(line) ? '' : toIndentStyle(trimTrailingBlanks(line), shape)));
  if (lines.length === 0) return '';
  const original = shape.original;
  // Blank lines opening the selection, and the line break (plus next line's indentation) closing it, stay as they were.
  // trimStart/trimEnd rather than searching for /\S\s*$/: linear whatever the whitespace.
  const blank = isBlank(original);
  const firstCode = blank ? -1 : original.length - original.trimStart().length;
  const lead = firstCode < 0 ? '' : trimTrailingBlanks(original.slice(0, firstCode));
  const lastCode = blank ? -1 : original.trimEnd().length - 1;
  const tail = lastCode < 0 ? '' : original.slice(lastCode + 1);
  const trail = /[\r\n]/.test(tail) ? tail.slice(tail.search(/[\r\n]/)) : '';

  const target = commonIndent(shownSelection(shape).split(LINE_BREAK));
  const current = commonIndent(lines);
  const fitted = lines.map((line) => (line === '' ? line : target + line.slice(current.length)));
  if (lead === '') {
    // The document already holds the text before the selection on its first line.
    const prefix = shape.linePrefix;
    const first = fitted[0]!;
    fitted[0] = isBlank(prefix) && first.startsWith(prefix) ? first.slice(prefix.length) : first.trimStart();
  }
  const eol = shape.eol;
  const normalize = (text: string): string => text.split(LINE_BREAK).join(eol);
  return normalize(lead) + fitted.join(eol) + normalize(trail);
}

/** The replacement for the selection from a model's answer (see extractCode and fitToSelection). */
export function cleanRewrite(answer: string, shape: SelectionShape, streaming = false): string {
  return fitToSelection(extractCode(answer, streaming), shape);
}
