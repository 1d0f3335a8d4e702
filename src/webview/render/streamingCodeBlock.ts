import { codeBlockHtml } from './codeBlockHtml';
import type { CodeToolbarFactory } from './codeToolbar';
import { resolveLanguage } from './highlight';
import { highlightedPiece } from './highlightedCode';
import { highlightSkipped, MAX_HIGHLIGHTED_BLOCK } from './highlightLimits';
import { sanitizeToFragment } from './sanitize';

/** Complete lines that wait before they are highlighted, together and once, while a fence streams. */
const CHUNK_LINES = 8;
/**
 * A highlighted chunk, while the fence streams: a block of its own (media/render.css), so that a
 * render adding lines lays out only those. In one run of text the whole block was laid out again on
 * every frame: 14 ms of layout per frame at 1,500 lines. Unwrapped when the fence closes.
 */
const CHUNK_CLASS = 'chorus-code-chunk';

/**
 * A fence still being streamed. Highlighting the whole block again on every render would cost
 * O(size²) over its life; instead complete lines are highlighted in chunks of at least a few lines,
 * each once, and the lines after the last chunk show as plain text. A chunk is highlighted on its
 * own, so a construct spanning chunks (a long block comment) may be coloured wrongly until the fence
 * closes: then the streaming view brings this to the normally rendered block. That keeps the code
 * as it is when every chunk ended outside any token (`complete`), which is most blocks. Its
 * buttons are disabled and it is marked busy until then.
 */
export class StreamingCodeBlock {
  /** The nodes it put in the container. */
  readonly nodes: readonly ChildNode[];
  private readonly language: string;
  /** Its `<code>`. */
  readonly code: Element;
  private readonly plain: Text;
  private highlightedLength = 0;
  /** Every chunk so far can be followed by the next highlighted on its own (see `highlightPieceToHtml`). */
  private joins = true;

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
      this.joins = true;
    }
    // Once CHUNK_LINES complete lines wait, every complete line is highlighted, in one chunk: a
    // flood of code takes one call, not one per CHUNK_LINES lines.
    let lines = 0;
    for (let next = content.indexOf('\n', this.highlightedLength); next !== -1 && lines < CHUNK_LINES; next = content.indexOf('\n', next + 1)) lines++;
    if (lines === CHUNK_LINES) {
      const end = content.lastIndexOf('\n') + 1;
      // Past the block limit the lines stay plain text (the finished block is then not highlighted
      // at all), in chunks all the same: one run of text laid out again on every frame grew with it.
      this.highlightChunk(content.slice(this.highlightedLength, end), true, end > MAX_HIGHLIGHTED_BLOCK);
      this.highlightedLength = end;
    }
    const rest = content.slice(this.highlightedLength);
    if (this.plain.data !== rest) this.plain.data = rest;
  }

  /**
   * The fence closed, its code is `shown` (its content without the last line break) and its
   * language `fenceLanguage` (the opening line may have grown since it streamed): highlights the
   * lines left and says whether the code now shows exactly what the block highlighted whole
   * shows. If not, the code must be rendered again.
   */
  complete(shown: string, fenceLanguage: string): boolean {
    for (const chunk of this.code.querySelectorAll(`:scope > .${CHUNK_CLASS}`)) chunk.replaceWith(...chunk.childNodes);
    if (!this.joins || resolveLanguage(fenceLanguage) !== this.language) return false;
    // Past the limits the whole block is plain text with a note.
    if (this.language !== 'plaintext' && highlightSkipped(shown) !== undefined) return false;
    if (this.highlightedLength > shown.length) {
      // The last chunk took the line break that ends the block: it is a text node's last character.
      const last = this.plain.previousSibling;
      if (!(last instanceof Text) || !last.data.endsWith('\n') || this.highlightedLength !== shown.length + 1) return false;
      last.data = last.data.slice(0, -1);
    } else if (this.highlightedLength < shown.length) this.highlightChunk(shown.slice(this.highlightedLength), false);
    this.highlightedLength = shown.length;
    this.plain.data = '';
    return this.joins;
  }

  /** Highlights `chunk` (or not: `plain`) before the plain tail; `wrap`: in a chunk block of its own (see CHUNK_CLASS). */
  private highlightChunk(chunk: string, wrap: boolean, plain = false): void {
    const { nodes, joins } = plain ? { nodes: chunk, joins: this.language === 'plaintext' } : highlightedPiece(chunk, this.language);
    if (wrap) {
      const block = document.createElement('span');
      block.className = CHUNK_CLASS;
      block.append(nodes);
      this.plain.before(block);
    } else this.plain.before(nodes);
    this.joins &&= joins;
  }
}
