import type { Token } from 'markdown-it';
import { indexLines, type LineIndex } from './lines';

/** One top-level block of a parsed text (a paragraph, a list, a fence, a table …). */
export interface TopLevelBlock {
  /** Tokens [firstToken, endToken) of the parse. */
  readonly firstToken: number;
  readonly endToken: number;
  /** Source lines [firstLine, endLine) of the parsed text. */
  readonly firstLine: number;
  readonly endLine: number;
  /** Code blocks it renders (fences and indented code, nested ones included). */
  readonly codeBlocks: number;
}

/** A text parsed by markdown-it, with its top-level blocks and line index. */
export interface ParsedText {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly lines: LineIndex;
  readonly blocks: readonly TopLevelBlock[];
  /** Whether it defines reference links (`[label]: url`), which reach blocks before them. */
  readonly hasReferences: boolean;
}

/** Groups markdown-it's block tokens into top-level blocks, using their `map` line ranges. */
export function topLevelBlocks(tokens: readonly Token[]): TopLevelBlock[] {
  const blocks: TopLevelBlock[] = [];
  let depth = 0;
  let first = 0;
  let codeBlocks = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (depth === 0) {
      first = i;
      codeBlocks = 0;
    }
    if (token.type === 'fence' || token.type === 'code_block') codeBlocks++;
    depth += token.nesting;
    if (depth === 0) {
      const map = tokens[first].map ?? [0, 0];
      blocks.push({ firstToken: first, endToken: i + 1, firstLine: map[0], endLine: map[1], codeBlocks });
    }
  }
  return blocks;
}

export function parsedText(text: string, tokens: readonly Token[], env: { references?: object }): ParsedText {
  return {
    text,
    tokens,
    lines: indexLines(text),
    blocks: topLevelBlocks(tokens),
    hasReferences: env.references !== undefined && Object.keys(env.references).length > 0,
  };
}

const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*(?:\r\n|\r|\n)?$/;

/**
 * Whether `block` is a top-level fence still being written: no closing marker yet, or one on the
 * last line with no line ending yet (more backticks or text may follow). markdown-it closes such a
 * fence at the end of the text, like any Markdown viewer.
 */
export function isOpenFence(parsed: ParsedText, block: TopLevelBlock): boolean {
  const token = parsed.tokens[block.firstToken];
  if (block.endToken - block.firstToken !== 1 || token.type !== 'fence') return false;
  if (block.endLine - block.firstLine < 2) return true;
  const { starts } = parsed.lines;
  if (block.endLine >= starts.length) return true;
  const last = parsed.text.slice(starts[block.endLine - 1], starts[block.endLine]);
  const closing = CLOSING_FENCE.exec(last)?.[1];
  return !(closing && closing[0] === token.markup[0] && closing.length >= token.markup.length);
}
