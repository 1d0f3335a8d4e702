import { codeBlockHtml } from './codeBlockHtml';
import { highlightToHtml, resolveLanguage } from './highlight';
import { sanitizeToFragment } from './sanitize';
import type { RenderStrings } from './strings';

/** Smallest amount of new complete lines worth highlighting again. */
const MIN_REHIGHLIGHT_CHARS = 256;

/**
 * A fence still being streamed. Re-highlighting the whole block on every frame would cost
 * O(size²) over its life, so complete lines are highlighted again only once they have grown by
 * half since the last time (O(size) overall); the lines after that show as plain text until then.
 * When the fence closes, the streaming view replaces this with the normally rendered block.
 */
export class StreamingCodeBlock {
  /** The nodes it put in the container. */
  readonly nodes: readonly ChildNode[];
  private readonly language: string;
  private readonly highlighted: HTMLElement;
  private readonly plain: Text;
  private highlightedLength = 0;

  constructor(index: number, fenceLanguage: string, strings: RenderStrings) {
    this.language = resolveLanguage(fenceLanguage);
    const fragment = sanitizeToFragment(codeBlockHtml({ index, fenceLanguage, language: this.language, codeHtml: '', inProgress: true }, strings));
    const code = fragment.querySelector('code');
    if (!code) throw new Error('code block markup without <code>');
    this.highlighted = code.ownerDocument.createElement('span');
    this.plain = code.ownerDocument.createTextNode('');
    code.append(this.highlighted, this.plain);
    this.nodes = [...fragment.childNodes];
  }

  /** Shows `content` (the fence's content so far, \n line endings). */
  update(content: string): void {
    if (content.length < this.highlightedLength) {
      this.highlighted.replaceChildren();
      this.highlightedLength = 0;
    }
    const complete = content.lastIndexOf('\n') + 1;
    const grown = complete - this.highlightedLength;
    if (grown > 0 && grown >= Math.max(MIN_REHIGHLIGHT_CHARS, this.highlightedLength / 2)) {
      this.highlighted.replaceChildren(sanitizeToFragment(highlightToHtml(content.slice(0, complete), this.language)));
      this.highlightedLength = complete;
    }
    const rest = content.slice(this.highlightedLength);
    if (this.plain.data !== rest) this.plain.data = rest;
  }
}
