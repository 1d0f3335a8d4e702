/**
 * Where each line of a text starts, counting line endings as markdown-it does (\r\n, \r or \n),
 * so that markdown-it's token line numbers (`map`) index these arrays.
 */
export interface LineIndex {
  /** Offset of each line's first character; the last line may be empty. */
  readonly starts: readonly number[];
  /** Each line's raw ending ('' for the last line); only when the text has a \r, else all are \n. */
  readonly terminators: readonly string[] | undefined;
}

export function indexLines(text: string): LineIndex {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return { starts, terminators: undefined };
  }
  const terminators: string[] = [];
  const ending = /\r\n|\r|\n/g;
  for (let match = ending.exec(text); match; match = ending.exec(text)) {
    terminators.push(match[0]);
    starts.push(match.index + match[0].length);
  }
  terminators.push('');
  return { starts, terminators };
}
