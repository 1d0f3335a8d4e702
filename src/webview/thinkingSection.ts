// A thinking model's reasoning, above its answer: a <details> open while it thinks, closed by itself
// when the answer starts (the user can open it again), titled with how long it thought. Rendered as
// safe Markdown by the answer's renderer, streamed the same way (one render per batch of deltas).
import type { AssistantTurn } from '../shared/conversation';
import type { WebviewStrings } from '../shared/webviewProtocol';
import { el, format } from './dom';
import type { AnswerRenderer, StreamingAnswer } from './messageList';

export class ThinkingSection {
  readonly root: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  private stream: StreamingAnswer | undefined;
  /** When the first thinking arrived here: the duration shown until the host's figure comes. */
  private startedAt: number | undefined;
  private thoughtMs: number | undefined;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly renderer: AnswerRenderer,
    private readonly onRender: () => void,
  ) {
    this.summary = el('summary', { class: 'thinking-summary' });
    this.body = el('div', { class: 'thinking-body markdown-body' });
    this.root = el('details', { class: 'thinking' }, this.summary, this.body);
    this.root.hidden = true;
  }

  /** A stored turn (or one shown again mid-answer): its thinking, closed unless it is still thinking. */
  show(turn: AssistantTurn, deferred?: Array<{ container: HTMLElement; markdown: string }>): void {
    if (!turn.reasoning) return;
    if (turn.status === 'streaming') {
      this.append(turn.reasoning);
      if (turn.text) this.answerStarted(turn.thinkingMs);
      return;
    }
    this.root.hidden = false;
    if (deferred) deferred.push({ container: this.body, markdown: turn.reasoning });
    else this.renderer.renderStatic(this.body, turn.reasoning);
    this.titled(turn.thinkingMs ?? 0);
  }

  append(text: string): void {
    if (!this.stream) {
      this.root.hidden = false;
      this.root.open = true;
      this.summary.textContent = this.strings.thinking;
      this.startedAt = performance.now();
      this.stream = this.renderer.stream(this.body, this.onRender);
    }
    this.stream.append(text);
  }

  /** The first answer text: the thinking is over, and folds away. */
  answerStarted(thinkingMs?: number): void {
    if (!this.stream || this.thoughtMs !== undefined) return;
    this.root.open = false;
    this.titled(thinkingMs ?? performance.now() - (this.startedAt ?? performance.now()));
  }

  /** The answer ended; `thinkingMs` is the host's measure, which replaces this view's own. */
  finish(thinkingMs?: number): void {
    if (!this.stream) return;
    this.stream.finish();
    // Thinking with no answer stays open: it is all there is to read.
    this.titled(thinkingMs ?? this.thoughtMs ?? performance.now() - (this.startedAt ?? performance.now()));
  }

  private titled(ms: number): void {
    this.thoughtMs = ms;
    this.summary.textContent = format(this.strings.thoughtFor, Math.max(1, Math.round(ms / 1000)));
  }
}
