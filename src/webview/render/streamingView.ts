import { isOpenFence, type ParsedText } from './blocks';
import { ClosedFences } from './closedFences';
import { fenceLanguageOf } from './codeBlockHtml';
import { streamingCadence, type ScheduleRender } from './renderCadence';
import { morphNodes } from './morph';
import type { MarkdownRenderer } from './renderer';
import { SectionBuilder } from './sections';
import { StreamingCodeBlock } from './streamingCodeBlock';
import { isTable, StreamingTable } from './streamingTable';

/** An answer being streamed into a container. */
export interface StreamingView {
  /**
   * Adds a piece of the answer; the DOM follows in a later task (see `streamingCadence`).
   */
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
   * Called after each DOM update, in the task that made it. Keeping the end in view belongs in the
   * next animation frame, where the layout happens anyway: reading a layout here would lay the page
   * out in this task too. `pending`: text received but not shown yet (more arrived than one render
   * takes in; the next renders catch up).
   */
  onRender?(info: { readonly finished: boolean; readonly pending: boolean }): void;
  /** How to wait for the next render; `streamingCadence()` unless a test drives renders itself. */
  scheduleRender?: ScheduleRender;
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

/** Source one render parses at most (cut at a line end), so that a burst of text never makes a long task. */
const RENDER_BUDGET_CHARS = 16 * 1024;

/**
 * Streams Markdown into `container` (which it empties and then owns). Deltas are only collected;
 * at each render (see `streamingCadence`) the uncommitted tail of the source is parsed again and only the blocks
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
  const schedule = options.scheduleRender ?? streamingCadence();
  const state: ViewState = { container, renderer, committed: [], committedLength: 0, committedCodeBlocks: 0, tail: '', shownEnd: 0, shown: [], sections: new SectionBuilder(), closedFences: new ClosedFences(), sawReferences: false, budget: RENDER_BUDGET_CHARS, pending: false };
  let cancelRender: (() => void) | undefined;
  let finished = false;
  let disposed = false;

  container.replaceChildren();

  /** A render; returns how many characters of text it took in. */
  const render = (): number => {
    cancelRender = undefined;
    if (disposed || finished) return 0;
    const shownBefore = state.shownEnd;
    update(state, false);
    options.onRender?.({ finished: false, pending: state.pending });
    if (state.pending) cancelRender = schedule(render);
    return state.shownEnd - shownBefore;
  };

  const getSource = (): string => state.committed.join('') + state.tail;

  return {
    append(delta) {
      if (finished || disposed || delta === '') return;
      state.tail += delta;
      cancelRender ??= schedule(render);
    },
    finish() {
      if (finished || disposed) return;
      cancelRender?.();
      cancelRender = undefined;
      update(state, true);
      finished = true;
      state.pending = false;
      if (state.sawReferences) {
        state.closedFences.dispose();
        container.replaceChildren(renderer.renderStatic(getSource()));
      } else {
        state.closedFences.flush();
        state.sections.add(state.shown.flatMap((block) => block.nodes));
        state.sections.dropEmpty();
      }
      state.shown = [];
      options.onRender?.({ finished: true, pending: false });
    },
    getSource,
    dispose() {
      disposed = true;
      cancelRender?.();
      cancelRender = undefined;
      state.closedFences.dispose();
    },
  };
}

/** Everything a streaming view keeps between renders. */
interface ViewState {
  readonly container: HTMLElement;
  readonly renderer: MarkdownRenderer;
  /** Source whose DOM is final, in the pieces it was committed in. */
  readonly committed: string[];
  committedLength: number;
  committedCodeBlocks: number;
  /** Source after the committed part (for an open table: after its final rows). */
  tail: string;
  /** Where the source the last render took in ends. */
  shownEnd: number;
  /** The blocks of the tail on screen. */
  shown: ShownBlock[];
  /** Where committed top-level nodes go. */
  readonly sections: SectionBuilder;
  /** Code blocks closed while streaming, waiting for their normal rendering. */
  readonly closedFences: ClosedFences;
  /** A large table being written, extended row by row; the tail then starts inside it. */
  table?: StreamingTable;
  sawReferences: boolean;
  /** How much of the tail the next render parses; grows while one block is larger than that. */
  budget: number;
  /** More was received than the last render parsed. */
  pending: boolean;
}

/** One render (or, `final`, the last): brings the DOM up to the source received. */
function update(state: ViewState, final: boolean): void {
  // Up to the budget, cut after a line end; what lies beyond is treated as not received yet.
  const { tail, budget } = state;
  const cut = final || tail.length <= budget ? -1 : tail.indexOf('\n', budget);
  state.pending = cut !== -1 && cut + 1 < tail.length;
  const received = state.pending ? tail.slice(0, cut + 1) : tail;
  state.shownEnd = state.committedLength + received.length;
  let rest = received;
  if (state.table) {
    const consumed = updateTable(state, state.table, received, final);
    if (state.table) return;
    rest = received.slice(consumed);
  }
  const parsed = state.renderer.parse(rest);
  state.sawReferences ||= parsed.hasReferences;
  const wanted = wantedBlocks(parsed, final, state.committedLength, state.committedCodeBlocks);
  state.shown = showBlocks((previous) => state.sections.parentFor(previous, state.container), state.renderer, state.closedFences, parsed, state.shown, wanted);
  if (final) return;
  // Commit the blocks later text can no longer change.
  const commit = committableBlocks(parsed);
  if (commit > 0) {
    commitSource(state, parsed.lines.starts[parsed.blocks[commit].firstLine]);
    state.committedCodeBlocks = wanted[commit].codeIndexStart;
    commitNodes(state, state.shown.slice(0, commit).flatMap((block) => block.nodes));
    state.shown = state.shown.slice(commit);
  }
  // A large table still being written is extended from now on rather than rendered again.
  const last = parsed.blocks.length - 1;
  if (commit === last && state.shown.length === 1 && isTable(parsed, parsed.blocks[last]) && !state.pending) {
    const adopted = StreamingTable.adopt(parsed, parsed.blocks[last], state.shown[0].nodes);
    if (adopted) {
      // The tail now starts where this render's commit ended (the table's first line, or 0).
      commitSource(state, adopted.rowsEnd - (commit > 0 ? parsed.lines.starts[parsed.blocks[commit].firstLine] : 0));
      state.table = adopted.table;
      state.shown = [];
      // The row being written left the screen with the adoption: show it again now.
      updateTable(state, adopted.table, state.tail, false);
    }
  }
  // A block larger than the budget commits nothing: give the next render more.
  state.budget = state.pending && commit === 0 ? budget * 2 : RENDER_BUDGET_CHARS;
}

/**
 * Extends the open table with `received` (the start of the tail). Once the table has ended (and,
 * as for any block, the two lines after it are complete) or the answer is `final`, the table is
 * committed and the view goes back to blocks; returns how much of `received` the table took then.
 */
function updateTable(state: ViewState, table: StreamingTable, received: string, final: boolean): number {
  const parsed = state.renderer.parse(table.head + received);
  state.sawReferences ||= parsed.hasReferences;
  const ended = final || committableBlocks(parsed) > 0 || !isTable(parsed, parsed.blocks[0]);
  const rowsEnd = isTable(parsed, parsed.blocks[0]) ? table.update(parsed, state.renderer, ended) : table.head.length;
  const consumed = rowsEnd - table.head.length;
  commitSource(state, consumed);
  state.budget = RENDER_BUDGET_CHARS;
  if (!ended) return consumed;
  state.table = undefined;
  commitNodes(state, [...table.nodes]);
  return consumed;
}

/** The first `length` characters of the tail are final. */
function commitSource(state: ViewState, length: number): void {
  if (length <= 0) return;
  state.committed.push(state.tail.slice(0, length));
  state.committedLength += length;
  state.tail = state.tail.slice(length);
}

/** Nodes that will not change any more. */
function commitNodes(state: ViewState, nodes: readonly ChildNode[]): void {
  state.sections.add(nodes);
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
 * New blocks go where `parentFor` says (see SectionBuilder): after the block before them.
 * Returns what is on screen now.
 */
function showBlocks(
  parentFor: (previous: ChildNode | undefined) => HTMLElement,
  renderer: MarkdownRenderer,
  closed: ClosedFences,
  parsed: ParsedText,
  shown: readonly ShownBlock[],
  wanted: readonly WantedBlock[],
): ShownBlock[] {
  // Keep the blocks whose source did not change; update an open fence in place, and one that just closed.
  const next: ShownBlock[] = [];
  let same = 0;
  for (; same < shown.length && same < wanted.length; same++) {
    const was = shown[same];
    const now = wanted[same];
    if (was.openFence && fenceClosed(was, now, parsed, same)) {
      next.push(closeFence(was, was.openFence, now, parsed, same, renderer, closed));
      continue;
    }
    if (was.start !== now.start || was.codeIndexStart !== now.codeIndexStart || was.source !== now.source) break;
    if (Boolean(was.openFence) !== now.openFence) break;
    if (was.openFence) was.openFence.update(parsed.tokens[parsed.blocks[same].firstToken].content);
    next.push(was);
  }
  // Every block from here on but an open fence (only ever the last) is rendered, in one pass.
  const rendered = wanted.length - (wanted[wanted.length - 1]?.openFence ? 1 : 0);
  const fragments = same < rendered ? renderer.renderEachBlock(parsed, same, rendered, wanted[same].codeIndexStart) : [];
  // Blocks still being written: morph the DOM they had into their new rendering.
  let i = same;
  for (; i < wanted.length && i < shown.length; i++) {
    const was = shown[i];
    const now = wanted[i];
    if (was.openFence || now.openFence || was.start !== now.start || was.codeIndexStart !== now.codeIndexStart || was.nodes.length === 0) break;
    next.push({ start: now.start, source: now.source, codeIndexStart: now.codeIndexStart, nodes: morphNodes(was.nodes, [...fragments[i - same].childNodes]) });
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
      block = { start: now.start, source: now.source, codeIndexStart: now.codeIndexStart, nodes: [...fragments[i - same].childNodes] };
    }
    const previous = next.flatMap((shownBlock) => shownBlock.nodes);
    parentFor(previous[previous.length - 1]).append(...block.nodes);
    next.push(block);
  }
  return next;
}

/** Whether the open fence `was` is now closed, the same block otherwise. */
function fenceClosed(was: ShownBlock, now: WantedBlock, parsed: ParsedText, index: number): boolean {
  const block = parsed.blocks[index];
  if (now.openFence || block.endToken - block.firstToken !== 1 || parsed.tokens[block.firstToken].type !== 'fence') return false;
  return was.start === now.start && was.codeIndexStart === now.codeIndexStart && now.source.startsWith(was.source);
}

/** Shows the whole content of a fence just closed in its streaming block; its normal rendering follows at once when its code is final, else when the page is idle (see ClosedFences). */
function closeFence(was: ShownBlock, fence: StreamingCodeBlock, now: WantedBlock, parsed: ParsedText, index: number, renderer: MarkdownRenderer, closed: ClosedFences): ShownBlock {
  const { content, info } = parsed.tokens[parsed.blocks[index].firstToken];
  fence.update(content);
  // An info string with escapes or entities: the static rendering reads it unescaped, this did not.
  const final = !/[\\&]/.test(info) && fence.complete(content.endsWith('\n') ? content.slice(0, -1) : content, fenceLanguageOf(info));
  closed.add({ nodes: was.nodes, render: () => renderer.renderBlocks(parsed, index, index + 1, now.codeIndexStart, final ? 'none' : 'now'), code: final ? fence.code : undefined });
  return { start: now.start, source: now.source, codeIndexStart: now.codeIndexStart, nodes: was.nodes };
}

/** How many leading blocks later text can no longer change: each is followed by another block and by two complete lines. */
function committableBlocks(parsed: ParsedText): number {
  const lastCompleteLine = parsed.lines.starts.length - 2;
  let commit = 0;
  while (commit < parsed.blocks.length - 1 && parsed.blocks[commit].endLine + 1 <= lastCompleteLine) commit++;
  return commit;
}
