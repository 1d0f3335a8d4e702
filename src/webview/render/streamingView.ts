import { isOpenFence, type ParsedText } from './blocks';
import { fenceLanguageOf } from './codeBlockHtml';
import { morphNodes } from './morph';
import type { MarkdownRenderer } from './renderer';
import { StreamingCodeBlock } from './streamingCodeBlock';

/** An answer being streamed into a container. */
export interface StreamingView {
  /** Adds a piece of the answer; the DOM follows on the next animation frame. */
  append(delta: string): void;
  /** Renders everything received, synchronously; the view is then complete (later appends are ignored). */
  finish(): void;
  /** The whole Markdown received so far. */
  getSource(): string;
  /** Stops updating (e.g. the message was removed); the DOM stays as it is. */
  dispose(): void;
}

export interface StreamingViewOptions {
  /**
   * Called after each DOM update (e.g. to keep the view scrolled to the bottom). `pending`: text
   * received but not shown yet (more arrived than one frame renders; the next frames catch up).
   */
  onFrame?(info: { readonly finished: boolean; readonly pending: boolean }): void;
  /** How to wait for the next frame; `requestAnimationFrame` unless a test drives frames itself. */
  scheduleFrame?(callback: () => void): () => void;
}

/** What is on screen for one top-level block of the part not yet committed. */
interface ShownBlock {
  /** Absolute source offset of its first character. */
  readonly start: number;
  /** The source it was rendered from (for an open fence: its opening line). */
  readonly source: string;
  readonly codeIndexStart: number;
  readonly nodes: readonly ChildNode[];
  /** Set while it is a fence still being written. */
  readonly openFence?: StreamingCodeBlock;
}

/** What one block of the current parse should show. */
interface WantedBlock {
  readonly start: number;
  readonly source: string;
  readonly codeIndexStart: number;
  readonly openFence: boolean;
}

/** Source one frame parses at most (cut at a line end), so that a burst of text never makes a long task. */
const FRAME_BUDGET_CHARS = 16 * 1024;

const requestFrame = (callback: () => void): (() => void) => {
  const handle = requestAnimationFrame(() => callback());
  return () => cancelAnimationFrame(handle);
};

/**
 * Streams Markdown into `container` (which it empties and then owns). Deltas are only collected;
 * once per animation frame the uncommitted tail of the source is parsed again and only the blocks
 * whose source changed are rendered again, normally just the last one, whose DOM is then morphed
 * into the new rendering (see `morphNodes`). Blocks that later text can no longer change are
 * committed: their DOM is never touched again and their text never parsed again.
 *
 * A block is committed once another block follows it and the two lines after its end are complete
 * (ended by a newline): markdown-it decides where a block ends from the line that ends it and, for
 * a table interrupting a paragraph, the line after; later text cannot change those lines.
 *
 * Reference definitions (`[x]: https://…`) can turn text in earlier blocks into links; if the
 * answer has any, `finish()` renders the whole answer once more, so that the result is exactly
 * what `renderStatic` gives.
 */
export function createStreamingView(container: HTMLElement, renderer: MarkdownRenderer, options: StreamingViewOptions = {}): StreamingView {
  const schedule = options.scheduleFrame ?? requestFrame;
  const committed: string[] = [];
  let committedLength = 0;
  let committedCodeBlocks = 0;
  let tail = '';
  let shown: ShownBlock[] = [];
  let sawReferences = false;
  let cancelFrame: (() => void) | undefined;
  let finished = false;
  let disposed = false;
  /** How much of the tail the next frame parses; grows while one block is larger than that. */
  let budget = FRAME_BUDGET_CHARS;
  let pending = false;

  container.replaceChildren();

  const update = (final: boolean): void => {
    // Up to the budget, cut after a line end; what lies beyond is treated as not received yet.
    const cut = final || tail.length <= budget ? -1 : tail.indexOf('\n', budget);
    pending = cut !== -1 && cut + 1 < tail.length;
    const parsed = renderer.parse(pending ? tail.slice(0, cut + 1) : tail);
    sawReferences ||= parsed.hasReferences;
    const wanted = wantedBlocks(parsed, final, committedLength, committedCodeBlocks);
    shown = showBlocks(container, renderer, parsed, shown, wanted);

    // Commit the blocks later text can no longer change.
    if (!final) {
      const commit = committableBlocks(parsed);
      if (commit > 0) {
        const end = parsed.lines.starts[parsed.blocks[commit].firstLine];
        committed.push(tail.slice(0, end));
        committedLength += end;
        committedCodeBlocks = wanted[commit].codeIndexStart;
        tail = tail.slice(end);
        shown = shown.slice(commit);
      }
      // A block larger than the budget commits nothing: give the next frame more.
      budget = pending && commit === 0 ? budget * 2 : FRAME_BUDGET_CHARS;
    }
  };

  const frame = (): void => {
    cancelFrame = undefined;
    if (disposed || finished) return;
    update(false);
    if (pending) cancelFrame = schedule(frame);
    options.onFrame?.({ finished: false, pending });
  };

  const getSource = (): string => committed.join('') + tail;

  return {
    append(delta) {
      if (finished || disposed || delta === '') return;
      tail += delta;
      cancelFrame ??= schedule(frame);
    },
    finish() {
      if (finished || disposed) return;
      cancelFrame?.();
      cancelFrame = undefined;
      update(true);
      finished = true;
      pending = false;
      if (sawReferences) {
        container.replaceChildren(renderer.renderStatic(getSource()));
        shown = [];
      }
      options.onFrame?.({ finished: true, pending: false });
    },
    getSource,
    dispose() {
      disposed = true;
      cancelFrame?.();
      cancelFrame = undefined;
    },
  };
}

/** What each block of `parsed` should show; offsets and code-block indexes continue the committed part's. */
function wantedBlocks(parsed: ParsedText, final: boolean, committedLength: number, committedCodeBlocks: number): WantedBlock[] {
  const { starts } = parsed.lines;
  let codeIndex = committedCodeBlocks;
  return parsed.blocks.map((block, i) => {
    const openFence = !final && i === parsed.blocks.length - 1 && isOpenFence(parsed, block);
    const from = starts[block.firstLine];
    const to = openFence ? (starts[block.firstLine + 1] ?? parsed.text.length) : (starts[block.endLine] ?? parsed.text.length);
    const wanted = { start: committedLength + from, source: parsed.text.slice(from, to), codeIndexStart: codeIndex, openFence };
    codeIndex += block.codeBlocks;
    return wanted;
  });
}

/**
 * Brings the DOM of the uncommitted blocks from `shown` to `wanted`: blocks whose source did not
 * change stay, blocks still being written are rendered again and morphed, the rest is replaced.
 * Returns what is on screen now.
 */
function showBlocks(
  container: HTMLElement,
  renderer: MarkdownRenderer,
  parsed: ParsedText,
  shown: readonly ShownBlock[],
  wanted: readonly WantedBlock[],
): ShownBlock[] {
  // Keep the blocks whose source did not change; update an open fence in place.
  let same = 0;
  while (same < shown.length && same < wanted.length) {
    const was = shown[same];
    const now = wanted[same];
    if (was.start !== now.start || was.codeIndexStart !== now.codeIndexStart || was.source !== now.source) break;
    if (Boolean(was.openFence) !== now.openFence) break;
    if (was.openFence) was.openFence.update(parsed.tokens[parsed.blocks[same].firstToken].content);
    same++;
  }
  const next = shown.slice(0, same);
  // Blocks still being written: render again and morph the DOM they had into the new one.
  let i = same;
  for (; i < wanted.length && i < shown.length; i++) {
    const was = shown[i];
    const now = wanted[i];
    if (was.openFence || now.openFence || was.start !== now.start || was.codeIndexStart !== now.codeIndexStart || was.nodes.length === 0) break;
    const fragment = renderer.renderBlocks(parsed, i, i + 1, now.codeIndexStart);
    next.push({ start: now.start, source: now.source, codeIndexStart: now.codeIndexStart, nodes: morphNodes(was.nodes, [...fragment.childNodes]) });
  }
  for (const block of shown.slice(i)) for (const node of block.nodes) node.remove();
  for (; i < wanted.length; i++) {
    const now = wanted[i];
    let block: ShownBlock;
    if (now.openFence) {
      const token = parsed.tokens[parsed.blocks[i].firstToken];
      const openFence = new StreamingCodeBlock(now.codeIndexStart, fenceLanguageOf(token.info), renderer.codeToolbar);
      openFence.update(token.content);
      block = { start: now.start, source: now.source, codeIndexStart: now.codeIndexStart, nodes: openFence.nodes, openFence };
    } else {
      const fragment = renderer.renderBlocks(parsed, i, i + 1, now.codeIndexStart);
      block = { start: now.start, source: now.source, codeIndexStart: now.codeIndexStart, nodes: [...fragment.childNodes] };
    }
    container.append(...block.nodes);
    next.push(block);
  }
  return next;
}

/** How many leading blocks later text can no longer change: each is followed by another block and by two complete lines. */
function committableBlocks(parsed: ParsedText): number {
  const lastCompleteLine = parsed.lines.starts.length - 2;
  let commit = 0;
  while (commit < parsed.blocks.length - 1 && parsed.blocks[commit].endLine + 1 <= lastCompleteLine) commit++;
  return commit;
}
