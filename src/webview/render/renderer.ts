import type { default as MarkdownIt, Token } from 'markdown-it';
import { type ParsedText, parsedText } from './blocks';
import { type CodeToolbarFactory, codeToolbarFactory } from './codeToolbar';
import { completeCodeBlocks, type Highlighting } from './completeCodeBlocks';
import { createMarkdownIt } from './markdown';
import type { RenderEnv } from './renderEnv';
import { sanitizeToFragment } from './sanitize';
import { groupIntoSections } from './sections';
import { type RenderStrings, resolveStrings } from './strings';

/** Turns model Markdown into safe DOM. One per webview (it holds the configured markdown-it). */
export interface MarkdownRenderer {
  readonly strings: RenderStrings;
  /** Makes code block toolbars in these strings. */
  readonly codeToolbar: CodeToolbarFactory;
  /**
   * A whole message at once (history, restored state). Its code is highlighted when it comes near
   * the viewport (`highlightAll` forces it).
   */
  renderStatic(markdown: string): DocumentFragment;
  /**
   * Many messages at once (opening a conversation): the same as `renderStatic` on each, but
   * sanitized in one pass, which saves a parse document per message.
   */
  renderStaticMany(markdowns: readonly string[]): DocumentFragment[];
  /** Parses a text into top-level blocks (for the streaming view). */
  parse(text: string): ParsedText;
  /** Blocks [from, to) of a parsed text, code highlighted now (or left empty: 'none'); code blocks numbered from `codeIndexStart`. */
  renderBlocks(parsed: ParsedText, from: number, to: number, codeIndexStart: number, highlighting?: Exclude<Highlighting, 'when-visible'>): DocumentFragment;
  /**
   * Blocks [from, to) each on its own, code highlighted now, sanitized in one pass (a stream's
   * render often shows several new blocks: a pass each cost a parse document each).
   */
  renderEachBlock(parsed: ParsedText, from: number, to: number, codeIndexStart: number): DocumentFragment[];
}

/** @param strings the host's translations of the toolbar labels etc.; English for anything missing */
export function createMarkdownRenderer(strings?: Partial<RenderStrings>): MarkdownRenderer {
  const resolved = resolveStrings(strings);
  const md = createMarkdownIt(resolved);
  const toolbar = codeToolbarFactory(resolved);
  const parse = (text: string): ParsedText => {
    const env: { references?: object } = {};
    return parsedText(text, md.parse(text, env), env);
  };
  const renderBlocks = (parsed: ParsedText, from: number, to: number, codeIndexStart: number, highlighting: Exclude<Highlighting, 'when-visible'> = 'now'): DocumentFragment => {
    const first = parsed.blocks[from]?.firstToken ?? parsed.tokens.length;
    const end = parsed.blocks[to - 1]?.endToken ?? first;
    return renderTokens(md, toolbar, parsed, first, end, codeIndexStart, highlighting);
  };
  const renderStatic = (markdown: string): DocumentFragment => {
    const parsed = parse(markdown);
    const fragment = renderTokens(md, toolbar, parsed, 0, parsed.tokens.length, 0, 'when-visible');
    groupIntoSections([...fragment.childNodes]);
    return fragment;
  };
  return {
    strings: resolved,
    codeToolbar: toolbar,
    renderStatic,
    renderStaticMany: (markdowns) => {
      const rendered = markdowns.map((markdown) => {
        const parsed = parse(markdown);
        return renderHtml(md, parsed, 0, parsed.tokens.length, 0);
      });
      const fragments = sanitizeEach(rendered.map(({ html }) => html));
      if (!fragments) return markdowns.map((markdown) => renderStatic(markdown));
      return fragments.map((fragment, i) => {
        completeCodeBlocks(fragment, rendered[i].env.codes, 0, toolbar, 'when-visible');
        groupIntoSections([...fragment.childNodes]);
        return fragment;
      });
    },
    parse,
    renderBlocks,
    renderEachBlock: (parsed, from, to, codeIndexStart) => {
      const rendered: Array<{ html: string; env: RenderEnv }> = [];
      for (let i = from, codeIndex = codeIndexStart; i < to; codeIndex += parsed.blocks[i].codeBlocks, i++) {
        rendered.push(renderHtml(md, parsed, parsed.blocks[i].firstToken, parsed.blocks[i].endToken, codeIndex));
      }
      const fragments = rendered.length === 1 ? [sanitizeToFragment(rendered[0].html)] : sanitizeEach(rendered.map(({ html }) => html));
      if (!fragments) return rendered.map((_, i) => renderBlocks(parsed, from + i, from + i + 1, rendered[i].env.codeIndexStart));
      for (const [i, fragment] of fragments.entries()) completeCodeBlocks(fragment, rendered[i].env.codes, rendered[i].env.codeIndexStart, toolbar, 'now');
      return fragments;
    },
  };
}

/** Wraps each piece of a batch while it is sanitized. */
const BATCH_PART = 'chorus-batch-part';

/**
 * Each piece of HTML sanitized, in one pass; undefined if a piece did not stay inside its wrapper
 * (then each must be sanitized on its own).
 */
function sanitizeEach(htmls: readonly string[]): DocumentFragment[] | undefined {
  const parts = [...sanitizeToFragment(htmls.map((html) => `<div class="${BATCH_PART}">${html}</div>`).join('')).childNodes];
  const whole = parts.length === htmls.length && parts.every((part) => part instanceof Element && part.localName === 'div' && part.className === BATCH_PART);
  if (!whole) return undefined;
  return parts.map((part) => {
    const fragment = document.createDocumentFragment();
    fragment.append(...part.childNodes);
    return fragment;
  });
}

/** markdown-it's HTML for tokens [first, end), and the code blocks it collected. */
function renderHtml(md: MarkdownIt, parsed: ParsedText, first: number, end: number, codeIndexStart: number): { html: string; env: RenderEnv } {
  const env: RenderEnv = { codeIndexStart, codes: [], lineTerminators: parsed.lines.terminators, linkDepth: 0 };
  const tokens = first === 0 && end === parsed.tokens.length ? parsed.tokens : parsed.tokens.slice(first, end);
  return { html: md.renderer.render(tokens as Token[], md.options, env), env };
}

function renderTokens(md: MarkdownIt, toolbar: CodeToolbarFactory, parsed: ParsedText, first: number, end: number, codeIndexStart: number, highlighting: Highlighting): DocumentFragment {
  const { html, env } = renderHtml(md, parsed, first, end, codeIndexStart);
  const fragment = sanitizeToFragment(html);
  completeCodeBlocks(fragment, env.codes, codeIndexStart, toolbar, highlighting);
  return fragment;
}
