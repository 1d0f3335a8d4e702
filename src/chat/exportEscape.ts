import MarkdownIt from 'markdown-it';

// Exported Markdown is opened in VS Code's preview, which renders raw HTML and links bare URLs: text
// from the user or the model must not load images there (or turn into links nobody wrote). Outside
// fenced and inline code, `\`, `<`, `![`, `://`, `@` and dots inside words are escaped, so the preview
// shows them as written; code stays as written. Each message is then parsed as the preview would, and
// one that would still render an image, raw HTML or an automatic link is exported as a code block.

const preview = new MarkdownIt({ html: true, linkify: true });

/** `text` as Markdown that renders no image, raw HTML or automatic link. */
export function escapeForExport(text: string): string {
  const escaped = escapeOutsideCode(text);
  if (rendersSafely(escaped)) return escaped;
  const fence = fenceFor(text);
  return `${fence}\n${text}\n${fence}`;
}

/** A backtick fence longer than any run of backticks inside `text`. */
export function fenceFor(text: string): string {
  return '`'.repeat(Math.max(2, longestBacktickRun(text)) + 1);
}

/** The longest run of backticks in `text` (0 when there is none): a fence or code span must be longer. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

const OPENING_FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Escapes every line outside fenced code blocks (which are found as CommonMark does at the top level). */
function escapeOutsideCode(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      if (fence !== undefined) {
        if (closesFence(line, fence)) fence = undefined;
        return line;
      }
      const m = OPENING_FENCE.exec(line);
      // A backtick fence's info string cannot hold a backtick: that is inline code.
      if (m && !(m[1]!.startsWith('`') && line.includes('`', m[0].length))) {
        fence = m[1]!;
        return line;
      }
      return escapeLine(line);
    })
    .join('\n');
}

function closesFence(line: string, fence: string): boolean {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let run = 0;
  while (line[i + run] === fence[0]) run++;
  if (run < fence.length) return false;
  for (let j = i + run; j < line.length; j++) if (!' \t\r'.includes(line[j]!)) return false;
  return true;
}

/** Escapes a line outside its code spans (a backtick run up to the next run of the same length). */
function escapeLine(line: string): string {
  const runs: Array<{ start: number; end: number }> = [];
  for (const m of line.matchAll(/`+/g)) runs.push({ start: m.index, end: m.index + m[0].length });
  // The next run of the same length, for each run: found in one pass from the end, so linear.
  const nextSame: Array<number | undefined> = [];
  const lastOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i]!.end - runs[i]!.start;
    nextSame[i] = lastOfLength.get(length);
    lastOfLength.set(length, i);
  }
  let out = '';
  let done = 0;
  for (let i = 0; i < runs.length; i++) {
    const j = nextSame[i];
    if (j === undefined) continue;
    out += escapeProse(line.slice(done, runs[i]!.start)) + line.slice(runs[i]!.start, runs[j]!.end);
    done = runs[j]!.end;
    i = j;
  }
  return out + escapeProse(line.slice(done));
}

const WORD = /[\p{L}\p{N}]/u;

function escapeProse(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') out += '\\\\';
    else if (c === '<') out += '&lt;';
    else if (c === '!' && text[i + 1] === '[') out += '\\!';
    else if (c === ':' && text.startsWith('//', i + 1)) out += '\\:';
    else if (c === '@') out += '\\@';
    // Dots inside words would make a domain ("evil.example/x") that the preview links.
    else if (c === '.' && i > 0 && WORD.test(text[i - 1]!) && WORD.test(text[i + 1] ?? '')) out += '\\.';
    else out += c;
  }
  return out;
}

/** The preview would render no image, raw HTML or automatic link from `markdown`. */
function rendersSafely(markdown: string): boolean {
  const stack = preview.parse(markdown, {});
  while (stack.length) {
    const token = stack.pop()!;
    if (token.type === 'image' || token.type === 'html_block' || token.type === 'html_inline') return false;
    if (token.type === 'link_open' && (token.markup === 'linkify' || token.markup === 'autolink')) return false;
    if (token.children) stack.push(...token.children);
  }
  return true;
}
