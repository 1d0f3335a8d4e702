// highlight.js's grammars are quadratic on some long tokens (java on a line of 40,000 `$` took
// seconds), so code past these limits is shown as plain text rather than risk freezing the view.
// Within them the worst seen is about 0.35 s (csharp on 10,000 characters of names one per line;
// 20,000 took 1.3 s), while a block of ordinary code this long highlights in about 30 ms.

/** Longest code block that is highlighted, in characters. */
export const MAX_HIGHLIGHTED_BLOCK = 10_000;
/** Longest line of a highlighted block, in characters. */
export const MAX_HIGHLIGHTED_LINE = 1_000;

/** Why `code` is not highlighted: the block or one of its lines is too long; undefined if it can be. */
export function highlightSkipped(code: string): 'block' | 'line' | undefined {
  if (code.length > MAX_HIGHLIGHTED_BLOCK) return 'block';
  for (let start = 0; start <= code.length; ) {
    const end = code.indexOf('\n', start);
    const lineEnd = end === -1 ? code.length : end;
    if (lineEnd - start > MAX_HIGHLIGHTED_LINE) return 'line';
    start = lineEnd + 1;
  }
  return undefined;
}
