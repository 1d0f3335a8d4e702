// What the test page (fixture/entry.ts, bundled for Chromium) exposes on `window.chorusTest`.
// Types only, no DOM: the mocha side (Node) and the page side both import this file.
import type { Conversation } from '../../src/shared/conversation';

export interface RenderedLink {
  readonly text: string;
  readonly href: string | null;
  readonly dataHref: string | null;
  readonly title: string | null;
}

export interface RenderedButton {
  readonly action: string | null;
  readonly label: string | null;
  readonly title: string | null;
  readonly index: string | null;
  readonly disabled: boolean;
  readonly icon: string;
}

export interface RenderedCodeBlock {
  readonly index: string | null;
  readonly language: string | null;
  /** The exact text attached to the block (`data-code`), null while it is still streaming. */
  readonly code: string | null;
  /** What the `<code>` element shows. */
  readonly shownText: string;
  readonly codeClass: string;
  readonly tokenClasses: readonly string[];
  readonly buttons: readonly RenderedButton[];
  readonly streaming: boolean;
  /** While it streams: the text of each chunk block in its `<code>`, and the plain text after them. */
  readonly chunks: readonly string[];
  readonly plainTail: string;
}

/** What a test can see of the stage after rendering. */
export interface RenderFacts {
  readonly html: string;
  readonly text: string;
  /** Distinct lower-case tag names inside the stage. */
  readonly tags: readonly string[];
  /** Distinct attribute names inside the stage. */
  readonly attributes: readonly string[];
  readonly links: readonly RenderedLink[];
  readonly codeBlocks: readonly RenderedCodeBlock[];
}

export type PageEvent =
  | { readonly kind: 'openLink'; readonly url: string }
  | { readonly kind: 'code'; readonly action: string; readonly code: string; readonly language: string; readonly index: number };

export interface TrapState {
  /** Calls of alert/confirm/prompt/__xss: payloads that ran. */
  readonly xss: number;
  /** `securitypolicyviolation` events: things the CSP had to stop. */
  readonly violations: readonly string[];
}

export interface StreamComparison {
  readonly streamed: string;
  readonly expected: string;
  readonly frames: number;
}

export interface BenchFrameStats {
  /** Renders before finish() (the view's cadence decides when). */
  readonly frames: number;
  /** Time spent in the view's own renders (script + DOM mutation, not layout/paint), wall. */
  readonly renderMs: number;
  readonly longestRenderMs: number;
  /** Time spent keeping the end in view on the frame after each render (reading the page height lays it out), wall. */
  readonly scrollMs: number;
  readonly wallMs: number;
}

export interface ChorusTestApi {
  /** Replaces the renderer, with translated strings (undefined: English). */
  setStrings(strings: Record<string, string> | undefined): void;
  /** renderStatic into the stage. */
  renderStatic(markdown: string): RenderFacts;
  /** renderStatic into a detached element, code highlighted; its innerHTML. */
  staticHtml(markdown: string): string;
  /** renderStaticMany, each into a detached element, code highlighted; their innerHTML. */
  staticManyHtml(markdowns: readonly string[]): string[];
  /** Starts a streaming view on the stage whose frames run only when `streamFrame` is called. */
  streamStart(): void;
  streamAppend(deltas: readonly string[]): void;
  /** Runs the frame the view asked for, if any; whether there was one. */
  streamFrame(): boolean;
  streamFinish(): RenderFacts;
  streamSource(): string;
  /**
   * Streams `text` cut at `cuts` (offsets; cut inside the page, so a cut may split a surrogate
   * pair) with a frame after each delta whose number is in `frameAfter`, finishes, and compares
   * with renderStatic of the whole text.
   */
  streamAndCompare(text: string, cuts: readonly number[], frameAfter: readonly number[]): StreamComparison;
  /** Appends all of `text` at once, then runs frames until the view has caught up, and finishes. */
  streamInOneDelta(text: string): {
    readonly framesToCatchUp: number;
    readonly firstFrameChildren: number;
    readonly caughtUpChildren: number;
    readonly streamed: string;
    readonly expected: string;
  };
  /** Streams `text` cut at `cuts` into the stage with a frame after every delta, then finishes. */
  streamIntoStage(text: string, cuts: readonly number[]): RenderFacts;
  /** Streams with the view's own cadence: all deltas in one task, then waits two frames; how many renders came before finish(). */
  streamTogether(text: string, cuts: readonly number[]): Promise<{ readonly rendersBeforeFinish: number; readonly sourceMatches: boolean }>;
  /**
   * Streams `text` with the view's own cadence, a delta on each real animation frame, and calls
   * finish() right after the last delta; the HTML then, and renderStatic's.
   */
  streamWithCadenceAndFinish(text: string, cuts: readonly number[]): Promise<{ readonly streamed: string; readonly expected: string }>;
  /** Resolves after the page has been idle (what waits for idle time before it has run). */
  afterIdle(): Promise<void>;
  /** The registered highlighting grammars not compiled yet. */
  grammarsNotPrepared(): string[];
  /**
   * The real cadence on a simulated clock, for a stream that always has more to show: when it
   * rendered (ms) until `untilMs`, the n-th render costing `costsMs[n]` and taking in `charsTaken[n]` characters.
   */
  cadenceRenderTimes(untilMs: number, costsMs: readonly number[], charsTaken?: readonly number[]): number[];
  facts(): RenderFacts;
  /** Highlights the stage's code blocks still waiting to come into view. */
  highlightAll(): void;
  /** Remembers the stage's elements matching `selector`; their count. */
  mark(selector: string): number;
  /** For each remembered element: still the same node, in the stage. */
  marksInStage(): boolean[];
  /** Starts noting elements of the stage that are moved (removed and put back elsewhere). */
  watchMoves(): void;
  /** The elements moved since `watchMoves` or the last call, as `tag.class`. */
  takeMoves(): string[];
  /** The parts a long streaming table is shown in (tableParts.ts): column widths, body rows, head, and where the first row's cells start. */
  tableParts(): Array<{ widths: number[]; rows: number; head: boolean; lefts: number[] }>;
  takeEvents(): PageEvent[];
  trap(): TrapState;
  /** Waits for two animation frames (anything the last change triggers has started by then). */
  settle(): Promise<void>;
  /** Location of the page (to see that nothing navigated). */
  location(): string;

  /** Removes what the last benchmark rendered and lets the page settle. */
  benchReset(): Promise<void>;
  /** renderStatic into a new container and lays it out; code highlighted as it shows, or all of it. */
  benchRenderOnce(markdown: string, highlightEverything: boolean): Promise<number>;
  /** The text and cuts the next benchStream / benchStreamBurst stream (so that passing them in is not measured). */
  benchLoad(text: string, cuts: readonly number[]): void;
  /** Streams the loaded deltas, `deltasPerFrame` at a time, 60 times a second, each time its own task (as the host's messages come). */
  benchStream(deltasPerFrame: number): Promise<BenchFrameStats>;
  /** Streams the loaded deltas, each posted as its own task, as fast as the page takes them; frames as the browser makes them. */
  benchStreamBurst(): Promise<{ readonly frames: number; readonly wallMs: number }>;
  /** With `markdown` rendered, `deliveries` tasks 60 times a second; `renders` of them, evenly spread, add a word at the end and keep it in view. */
  benchFrameFloor(markdown: string, deliveries: number, renders: number): Promise<void>;
  /** Streams `prefix` into a new view until it is all on screen (to measure the frames that follow with benchStreamMore). */
  benchStreamPrepare(prefix: string): Promise<void>;
  /** Appends `deltas` to the view of benchStreamPrepare, `perFrame` per animation frame, keeping the end in view. */
  benchStreamMore(deltas: readonly string[], perFrame: number): Promise<void>;
  /** Renders the whole source so far on every `sampleEvery`-th delta, as a naive renderer would on each; total ms. */
  benchNaive(text: string, cuts: readonly number[], sampleEvery: number): number;
  /** Renders messages into one list, each with renderStatic or all with renderStaticMany (`batch`). */
  benchConversation(messages: readonly string[], batch: boolean): Promise<{ readonly renderMs: number; readonly layoutMs: number }>;
  /** Opens `conversation` in the chat's real message list (600 px high); what shows at once, and how long that took. */
  listOpen(conversation: Conversation): Promise<ListOpened>;
  /** Scrolls the list `px` above its end and notes the turn at the top of the view and where it is. */
  listScrollUp(px: number): Promise<ListAnchor>;
  /** Waits until every turn is in the list; where the noted turn is now. */
  listComplete(timeoutMs: number): Promise<ListCompleted>;
  /** One step of a streaming answer in the opened list (as the host posts it), then how its Thinking section looks. */
  listStream(turnId: string, step: ListStep): Promise<ThinkingShown>;
}

export type ListStep =
  | { readonly reasoning: string }
  | { readonly text: string }
  | { readonly finish: { readonly thinkingMs?: number } }
  /** The user opens (or closes) the Thinking section. */
  | { readonly toggle: boolean };

export interface ThinkingShown {
  readonly present: boolean;
  readonly hidden: boolean;
  readonly open: boolean;
  readonly summary: string;
  /** The rendered thinking: its text and whether Markdown became elements (e.g. <strong>). */
  readonly thinkingText: string;
  readonly thinkingHasStrong: boolean;
  /** The answer's rendered text. */
  readonly answerText: string;
  /** The thinking comes before the answer in the turn. */
  readonly aboveAnswer: boolean;
}

export interface ListOpened {
  /** show() plus the layout it causes, ms. */
  readonly firstMs: number;
  readonly shownTurns: number;
  readonly atBottom: boolean;
}

export interface ListAnchor {
  readonly turnId: string;
  /** The turn's top, relative to the list's top, px. */
  readonly offset: number;
}

export interface ListCompleted {
  /** From show() until every turn was in the list, ms. */
  readonly completeMs: number;
  readonly turns: number;
  /** Turn ids in the order shown. */
  readonly order: readonly string[];
  /** Where the noted turn is now (undefined: none was noted). */
  readonly anchor?: ListAnchor;
  readonly atBottom: boolean;
}
