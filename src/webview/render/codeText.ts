/**
 * The code of a fenced or indented block exactly as the model wrote it. markdown-it hands over the
 * content with every line ending turned into \n; this puts the source's own endings (\r\n) back
 * and drops the ending that precedes the closing fence, which belongs to the fence, not the code.
 *
 * @param firstLine the source line (in the parsed text) of the content's first line
 * @param terminators the parsed text's raw line endings, undefined when they are all \n
 */
export function exactCode(content: string, firstLine: number, terminators: readonly string[] | undefined): string {
  const code = content.endsWith('\n') ? content.slice(0, -1) : content;
  if (!terminators) return code;
  const lines = code.split('\n');
  let result = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) result += (terminators[firstLine + i - 1] || '\n') + lines[i];
  return result;
}
