import { codeBlockHtml } from './codeBlockHtml';
import type { CodeToolbarFactory } from './codeToolbar';
import { resolveLanguage } from './highlight';
import { highlightedCode } from './highlightedCode';
import { MAX_HIGHLIGHTED_BLOCK } from './highlightLimits';
import { sanitizeToFragment } from './sanitize';

/** Complete lines highlighted together, once, while a fence streams. */
const CHUNK_LINES = 8;

/**
 * A fence still being streamed. Highlighting the whole block again on every frame would cost
 * O(size²) over its life; instead complete lines are highlighted in chunks of a few lines, each
 * once, and the lines after the last chunk show as plain text. A chunk is highlighted on its own,
 * so a construct spanning chunks (a long block comment) may be coloured wrongly until the fence
 * closes: then the streaming view replaces this with the normally rendered block. Its buttons are
 * disabled and it is marked busy until then.
 */
export class StreamingCodeBlock {
  /** The nodes it put in the container. */
  readonly nodes: readonly ChildNode[];
  private readonly language: string;
  private readonly code: Element;
  private readonly plain: Text;
  private highlightedLength = 0;

  constructor(index: number, fenceLanguage: string, toolbar: CodeToolbarFactory) {
    this.language = resolveLanguage(fenceLanguage);
    const fragment = sanitizeToFragment(codeBlockHtml({ index, fenceLanguage, language: this.language }));
    const block = fragment.querySelector('.chorus-code');
    const code = block?.querySelector('pre > code');
    if (!block || !code) throw new Error('code block markup without <code>');
    block.classList.add('chorus-code-streaming');
    block.setAttribute('aria-busy', 'true');
    block.prepend(toolbar(index, fenceLanguage, true));
    this.code = code;
    this.plain = document.createTextNode('');
    code.append(this.plain);
    this.nodes = [...fragment.childNodes];
  }

  /** Shows `content` (the fence's content so far, \n line endings; it only grows). */
  update(content: string): void {
    if (content.length < this.highlightedLength) {
      this.code.replaceChildren(this.plain);
      this.highlightedLength = 0;
    }
    for (;;) {
      let end = this.highlightedLength;
      let lines = 0;
      for (let next = content.indexOf('\n', end); next !== -1 && lines < CHUNK_LINES; next = content.indexOf('\n', end)) {
        end = next + 1;
        lines++;
      }
      // Past the block limit the rest stays plain text (the finished block is then not highlighted at all).
      if (lines < CHUNK_LINES || end > MAX_HIGHLIGHTED_BLOCK) break;
      this.plain.before(highlightedCode(content.slice(this.highlightedLength, end), this.language));
      this.highlightedLength = end;
    }
    const rest = content.slice(this.highlightedLength);
    if (this.plain.data !== rest) this.plain.data = rest;
  }
}
