// A terminal's raw output as the plain text a person reads on screen: escape sequences (colours,
// cursor moves, titles, shell integration marks) taken out, progress lines that overwrite
// themselves reduced to what stays. One pass over the text, so hostile output stays linear.
// No `vscode` import: unit-tested.

const ESC = 0x1b;
const BEL = 0x07;
/** C1 controls, the 8-bit forms of ESC [, ESC ], ESC P and friends, and the string terminator. */
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
const C1_STRINGS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** After ESC: a control string (OSC, DCS, SOS, PM, APC) that runs until a terminator. */
const STRING_INTRODUCERS = new Set([']', 'P', 'X', '^', '_']);

/** Index after a CSI's parameters and final byte, starting at its first parameter; stops early at anything else. */
function skipCsi(raw: string, i: number): number {
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c >= 0x40 && c <= 0x7e) return i + 1;
    if (c < 0x20 || c > 0x3f) return i;
    i++;
  }
  return i;
}

/** Index after a control string's terminator (BEL, ESC \ or ST), starting inside it; at a stray ESC it ends there. */
function skipString(raw: string, i: number): number {
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === BEL || c === C1_ST) return i + 1;
    if (c === ESC) return raw[i + 1] === '\\' ? i + 2 : i;
    i++;
  }
  return i;
}

/** Index after the escape sequence starting at `i` (an ESC or a C1 control). */
function skipEscape(raw: string, i: number): number {
  const c = raw.charCodeAt(i);
  if (c === C1_CSI) return skipCsi(raw, i + 1);
  if (C1_STRINGS.has(c)) return skipString(raw, i + 1);
  if (c !== ESC) return i + 1;
  const next = raw[i + 1];
  if (next === '[') return skipCsi(raw, i + 2);
  if (next !== undefined && STRING_INTRODUCERS.has(next)) return skipString(raw, i + 2);
  // ESC, intermediates, a final byte: charset choices (ESC ( B), keypad modes (ESC =), ESC 7, ESC M…
  let j = i + 1;
  while (j < raw.length && raw.charCodeAt(j) >= 0x20 && raw.charCodeAt(j) <= 0x2f) j++;
  const final = raw.charCodeAt(j);
  return final >= 0x30 && final <= 0x7e ? j + 1 : j;
}

/** Controls that are dropped on their own: all but tab, line feed and carriage return. */
function dropped(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || (c >= 0x80 && c <= 0x9f);
}

/** `raw` without escape sequences and control characters. */
export function withoutEscapes(raw: string): string {
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c !== ESC && !dropped(c)) {
      i++;
      continue;
    }
    parts.push(raw.slice(from, i));
    i = c === ESC || c === C1_CSI || C1_STRINGS.has(c) ? skipEscape(raw, i) : i + 1;
    from = i;
  }
  parts.push(raw.slice(from));
  return parts.join('');
}

/** What stays of each line on screen: CRLF is a line end; after a lone CR (a progress line), the last text written. */
function settledLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && line.charCodeAt(end - 1) === 0x0d) end--;
      const cr = line.lastIndexOf('\r', end - 1);
      return line.slice(cr < 0 ? 0 : cr + 1, end).trimEnd();
    })
    .join('\n');
}

/** Raw terminal output as the text it shows. */
export function plainTerminalText(raw: string): string {
  const text = settledLines(withoutEscapes(raw));
  let start = 0;
  while (text.charCodeAt(start) === 0x0a) start++;
  return text.slice(start).trimEnd();
}

/** The last `max` characters of `text`, from the start of a line when it was cut there; `cut` says whether it was. */
export function tailOf(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const tail = text.slice(text.length - max);
  if (text[text.length - max - 1] === '\n') return { text: tail, cut: true };
  const newline = tail.indexOf('\n');
  // A first line cut in the middle (or half a surrogate pair) is left out.
  return { text: newline >= 0 ? tail.slice(newline + 1) : tail.slice(isLowSurrogate(tail.charCodeAt(0)) ? 1 : 0), cut: true };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export interface CommandRecord {
  readonly commandLine: string;
  /** Raw output, escape sequences included. */
  readonly output: string;
  /** Whether earlier raw output was dropped to keep within the cap. */
  readonly outputCut: boolean;
  /** Undefined while it runs, or when the shell did not report it. */
  readonly exitCode?: number;
  readonly running: boolean;
}

/** A command and its output as sent to the model, at most `max` characters of output (its end). */
export function commandText(record: CommandRecord, max: number): string {
  const output = tailOf(plainTerminalText(record.output), max);
  const lines = [`$ ${record.commandLine}`];
  if (output.cut || record.outputCut) lines.push('[… earlier output left out]');
  if (output.text) lines.push(output.text);
  // VS Code passes on only what a command writes before its last piece of output reaches the
  // screen together with the end mark: a quick command's output can be missing altogether.
  else if (!record.running) lines.push('[no output was reported for this command]');
  if (record.running) lines.push('[still running]');
  else if (record.exitCode !== undefined && record.exitCode !== 0) lines.push(`[exit code ${record.exitCode}]`);
  return lines.join('\n');
}
