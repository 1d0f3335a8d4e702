// The conversation on screen: prompts as plain text, answers as sanitised Markdown streamed in
// place, with per-turn actions, metrics, inline errors, a rate-limit countdown, and auto-scroll
// that yields to the user's own scrolling.
import type { Budget } from '../shared/contextBudget';
import type { Attachment, AssistantTurn, Conversation, Turn, TurnError, TurnMetrics, TurnStatus, UserTurn } from '../shared/conversation';
import { LIMITS, type WebviewStrings } from '../shared/webviewProtocol';
import { attachmentChip } from './attachmentChip';
import { refuseLongPaste } from './composer';
import { el, format, iconButton } from './dom';
import { FIRST_TURNS, OLDER_TURNS_PER_SLICE } from './sliceSizes';
import { whenIdle } from './render';
import { ThinkingSection } from './thinkingSection';

export interface StreamingAnswer {
  append(delta: string): void;
  finish(): void;
}

/** What the list needs from the Markdown renderer. */
export interface AnswerRenderer {
  /** `onRender` runs after each render of the view, in its task (keep the end in view on the next frame). */
  stream(container: HTMLElement, onRender: () => void): StreamingAnswer;
  renderStatic(container: HTMLElement, markdown: string): void;
  /** Many stored answers at once (opening a conversation): one sanitising pass for all. */
  renderStaticMany(items: ReadonlyArray<{ readonly container: HTMLElement; readonly markdown: string }>): void;
}

export interface MessageListCallbacks {
  stop(turnId: string): void;
  /** A sent turn's chip was clicked. */
  openAttachment(attachment: Extract<Attachment, { kind: 'code' }>): void;
  /** The budget the chips' sizes are counted in (the current model's). */
  budget(): Budget;
  regenerate(turnId: string): void;
  retry(turnId: string): void;
  edit(turnId: string, text: string): void;
  copy(text: string): void;
  setApiKey(): void;
}

type Deferred = Array<{ container: HTMLElement; markdown: string }>;

/** Runs `work` when the browser is idle (soon, in any case). */
function whenIdleOrSoon(work: () => void): void {
  whenIdle(work, 16, 100);
}

interface AnswerView {
  readonly root: HTMLElement;
  readonly thinking: ThinkingSection;
  readonly content: HTMLElement;
  readonly status: HTMLElement;
  readonly footer: HTMLElement;
  readonly stream?: StreamingAnswer;
  text: string;
  countdown?: number;
}

export class MessageList {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private readonly jump: HTMLButtonElement;
  private readonly announcer: HTMLElement;
  private readonly answers = new Map<string, AnswerView>();
  private stickToBottom = true;
  private scrollQueued = false;
  /** Bumped by every show(), so older turns of a conversation no longer shown are not added. */
  private shownGeneration = 0;
  /**
   * Turns change size after they are placed (code highlighted as it comes into view, fonts and icons
   * loading): the end stays in view through that, unless the reader has scrolled up.
   */
  private readonly sizes = new ResizeObserver(() => {
    if (this.stickToBottom) this.list.scrollTop = this.list.scrollHeight;
  });

  constructor(
    private readonly strings: WebviewStrings,
    private readonly renderer: AnswerRenderer,
    private readonly callbacks: MessageListCallbacks,
    private readonly locale: string,
  ) {
    this.list = el('div', { class: 'messages', attrs: { role: 'log', 'aria-label': strings.title, tabindex: '0' } });
    this.jump = iconButton('arrow-down', strings.jumpToLatest, () => {
      this.stickToBottom = true;
      this.scrollToBottom();
    }, true);
    this.jump.classList.add('jump-to-latest');
    this.jump.hidden = true;
    this.announcer = el('div', { class: 'sr-only', attrs: { 'aria-live': 'polite', role: 'status' } });
    this.root = el('div', { class: 'messages-frame' }, this.list, this.jump, this.announcer);
    this.list.addEventListener('scroll', () => {
      const atBottom = this.atEnd();
      this.stickToBottom = atBottom;
      this.jump.hidden = atBottom;
    });
  }

  /** The element code and link handlers are installed on. */
  get contentRoot(): HTMLElement {
    return this.list;
  }

  /**
   * Shows a conversation: its last FIRST_TURNS turns at once, so a long one opens as fast as a short
   * one, and the older turns in slices while the browser is idle, above the view without moving it.
   */
  show(conversation: Conversation, empty: HTMLElement): void {
    const generation = ++this.shownGeneration;
    this.answers.clear();
    this.sizes.disconnect();
    const { turns } = conversation;
    const split = Math.max(0, turns.length - FIRST_TURNS);
    const stored: Deferred = [];
    this.list.replaceChildren(...(turns.length ? turns.slice(split).map((t) => this.renderTurn(t, stored)) : [empty]));
    this.renderer.renderStaticMany(stored);
    this.stickToBottom = true;
    this.scrollToBottom();
    let end = split;
    const renderOlder = (): void => {
      if (generation !== this.shownGeneration || end === 0) return;
      const start = Math.max(0, end - OLDER_TURNS_PER_SLICE);
      const older: Deferred = [];
      const nodes = turns.slice(start, end).map((t) => this.renderTurn(t, older));
      end = start;
      // Where the reader is, read now: the scroll event that updates stickToBottom may not have come yet.
      const { scrollTop, scrollHeight } = this.list;
      const following = this.stickToBottom && this.atEnd();
      this.list.prepend(...nodes);
      this.renderer.renderStaticMany(older);
      // The reader's place stays put: at the end, or where they had scrolled to.
      this.list.scrollTop = following ? this.list.scrollHeight : scrollTop + (this.list.scrollHeight - scrollHeight);
      if (end > 0) whenIdleOrSoon(renderOlder);
      else this.list.dataset.complete = 'true';
    };
    if (end > 0) {
      delete this.list.dataset.complete;
      whenIdleOrSoon(renderOlder);
    } else {
      this.list.dataset.complete = 'true';
    }
  }

  add(turn: Turn): void {
    this.list.querySelector('.empty-state')?.remove();
    this.list.append(this.renderTurn(turn));
    this.followOutput();
  }

  removeFrom(turnId: string): void {
    const start = this.list.querySelector(`[data-turn-id="${CSS.escape(turnId)}"]`);
    if (!start) return;
    let node: Element | null = start;
    while (node) {
      const next: Element | null = node.nextElementSibling;
      this.answers.delete((node as HTMLElement).dataset.turnId ?? '');
      this.sizes.unobserve(node);
      node.remove();
      node = next;
    }
  }

  appendDelta(turnId: string, text: string): void {
    const view = this.answers.get(turnId);
    if (!view?.stream) return;
    this.clearWaiting(view);
    view.thinking.answerStarted();
    view.text += text;
    view.stream.append(text);
  }

  /** A thinking model's reasoning, kept apart from the answer (`view.text` is what Copy takes). */
  appendReasoning(turnId: string, text: string): void {
    const view = this.answers.get(turnId);
    if (!view?.stream) return;
    this.clearWaiting(view);
    view.thinking.append(text);
  }

  finish(turnId: string, status: TurnStatus, metrics?: TurnMetrics, error?: TurnError, thinkingMs?: number): void {
    const view = this.answers.get(turnId);
    if (!view) return;
    this.clearWaiting(view);
    view.thinking.finish(thinkingMs);
    view.stream?.finish();
    view.root.dataset.status = status;
    view.root.setAttribute('aria-busy', 'false');
    this.renderStatus(view, turnId, status, error);
    this.renderFooter(view, turnId, status, metrics);
    this.announcer.textContent = `${this.strings.answerFinished}${status === 'done' ? '' : ` (${status === 'stopped' ? this.strings.stopped : this.strings.incomplete})`}`;
    this.followOutput();
  }

  /** The rate-limit queue's countdown: "waiting 23 s – InternLM allows 10 requests a minute". */
  waiting(turnId: string, untilMs: number, reason: string): void {
    const view = this.answers.get(turnId);
    if (!view) return;
    this.clearWaiting(view);
    const line = el('div', { class: 'waiting', attrs: { role: 'status' } });
    view.status.replaceChildren(line);
    const tick = (): void => {
      const seconds = Math.max(0, Math.ceil((untilMs - Date.now()) / 1000));
      line.textContent = format(this.strings.waiting, seconds, reason);
      if (seconds === 0) this.clearWaiting(view);
    };
    tick();
    view.countdown = window.setInterval(tick, 1000);
  }

  notice(turnId: string, text: string): void {
    const view = this.answers.get(turnId);
    if (!view) return;
    view.root.querySelector('.notice')?.remove();
    view.thinking.root.before(el('div', { class: 'notice', attrs: { role: 'note' }, text }));
  }

  private clearWaiting(view: AnswerView): void {
    if (view.countdown !== undefined) {
      clearInterval(view.countdown);
      view.countdown = undefined;
      view.status.replaceChildren();
    }
  }

  /** With `deferred`, stored answers are queued there for one batch render instead of rendered one by one. */
  private renderTurn(turn: Turn, deferred?: Deferred): HTMLElement {
    const node = turn.role === 'user' ? this.renderUser(turn) : this.renderAssistant(turn, deferred);
    this.sizes.observe(node);
    return node;
  }

  private renderUser(turn: UserTurn): HTMLElement {
    const text = el('div', { class: 'user-text', text: turn.text });
    // The context this turn sent, as it was sent (cut ones say so); Regenerate and Edit send it again.
    const chips = (turn.attachments ?? []).map((a) => attachmentChip(a, this.callbacks.budget(), this.strings, this.locale, { open: (code) => this.callbacks.openAttachment(code) }));
    const actions = el(
      'div',
      { class: 'turn-actions' },
      iconButton('edit', this.strings.edit, () => this.startEdit(root, turn)),
      iconButton('copy', this.strings.copy, () => this.callbacks.copy(turn.text)),
    );
    const root = el(
      'article',
      { class: 'turn user', attrs: { 'data-turn-id': turn.id, 'aria-label': this.strings.you } },
      el('header', { class: 'turn-header' }, el('span', { class: 'codicon codicon-account', attrs: { 'aria-hidden': 'true' } }), el('span', { class: 'turn-role', text: this.strings.you }), actions),
      chips.length ? el('div', { class: 'turn-chips' }, ...chips) : null,
      text,
    );
    return root;
  }

  private startEdit(root: HTMLElement, turn: UserTurn): void {
    const textNode = root.querySelector('.user-text');
    if (!textNode || root.querySelector('.edit-box')) return;
    // The same limit as the composer: the host refuses a longer prompt, so the box never holds one.
    const box = el('textarea', { class: 'edit-box', attrs: { rows: '3', 'aria-label': this.strings.edit, maxlength: String(LIMITS.text) } });
    box.value = turn.text;
    const message = el('div', { class: 'composer-message', attrs: { role: 'status' } });
    message.hidden = true;
    const showMessage = (text: string): void => {
      message.textContent = text;
      message.hidden = !text;
    };
    box.addEventListener('paste', (e) => showMessage(refuseLongPaste(box, e, this.strings)));
    box.addEventListener('input', () => showMessage(''));
    const done = (): void => {
      editor.remove();
      (textNode as HTMLElement).hidden = false;
    };
    const save = iconButton('check', this.strings.save, () => {
      if (box.value.trim()) this.callbacks.edit(turn.id, box.value);
      done();
    }, true);
    save.classList.add('primary');
    const editor = el('div', { class: 'edit-form' }, box, message, el('div', { class: 'edit-actions' }, save, iconButton('close', this.strings.cancel, done, true)));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') done();
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        save.click();
      }
    });
    (textNode as HTMLElement).hidden = true;
    textNode.after(editor);
    box.focus();
  }

  private renderAssistant(turn: AssistantTurn, deferred?: Deferred): HTMLElement {
    const content = el('div', { class: 'answer markdown-body' });
    const status = el('div', { class: 'turn-status' });
    const footer = el('footer', { class: 'turn-footer' });
    const thinking = new ThinkingSection(this.strings, this.renderer, () => this.followOutput());
    const root = el(
      'article',
      { class: 'turn assistant', attrs: { 'data-turn-id': turn.id, 'data-status': turn.status, 'aria-label': this.strings.assistant, 'aria-busy': String(turn.status === 'streaming') } },
      el(
        'header',
        { class: 'turn-header' },
        el('span', { class: 'codicon codicon-sparkle', attrs: { 'aria-hidden': 'true' } }),
        el('span', { class: 'turn-role', text: this.strings.assistant }),
        el('span', { class: 'turn-model', text: turn.model }),
      ),
      turn.notice ? el('div', { class: 'notice', attrs: { role: 'note' }, text: turn.notice }) : null,
      thinking.root,
      content,
      status,
      footer,
    );
    const streaming = turn.status === 'streaming';
    const view: AnswerView = { root, thinking, content, status, footer, text: turn.text, ...(streaming ? { stream: this.renderer.stream(content, () => this.followOutput()) } : {}) };
    thinking.show(turn, deferred);
    if (streaming) {
      if (turn.text) view.stream!.append(turn.text);
      footer.append(iconButton('debug-stop', this.strings.stop, () => this.callbacks.stop(turn.id), true));
    } else {
      if (deferred) deferred.push({ container: content, markdown: turn.text });
      else this.renderer.renderStatic(content, turn.text);
      this.renderStatus(view, turn.id, turn.status, turn.error);
      this.renderFooter(view, turn.id, turn.status, turn.metrics);
    }
    this.answers.set(turn.id, view);
    return root;
  }

  private renderStatus(view: AnswerView, turnId: string, status: TurnStatus, error?: TurnError): void {
    if (status === 'error' && error) {
      const retry = iconButton('refresh', this.strings.retry, () => this.callbacks.retry(turnId), true);
      const box = el('div', { class: 'turn-error', attrs: { role: 'alert' } }, el('span', { class: 'codicon codicon-error', attrs: { 'aria-hidden': 'true' } }), el('span', { class: 'error-text', text: error.message }), retry);
      if (error.kind === 'auth') box.append(iconButton('key', this.strings.setKey, () => this.callbacks.setApiKey(), true));
      view.status.replaceChildren(view.text ? el('div', { class: 'incomplete', text: this.strings.incomplete }) : '', box);
    } else if (status === 'stopped') {
      view.status.replaceChildren(el('div', { class: 'incomplete', text: this.strings.stopped }));
    } else {
      view.status.replaceChildren();
    }
  }

  private renderFooter(view: AnswerView, turnId: string, status: TurnStatus, metrics?: TurnMetrics): void {
    const figures: string[] = [];
    const number = new Intl.NumberFormat(this.locale);
    if (metrics?.totalTokens !== undefined || metrics?.completionTokens !== undefined) {
      figures.push(format(this.strings.tokens, number.format(metrics.totalTokens ?? metrics.completionTokens ?? 0)));
    }
    if (metrics?.timeToFirstTokenMs !== undefined) figures.push(format(this.strings.firstToken, number.format(metrics.timeToFirstTokenMs)));
    if (metrics?.tokensPerSecond !== undefined) figures.push(format(this.strings.tokensPerSecond, number.format(metrics.tokensPerSecond)));
    view.footer.replaceChildren(
      el('span', { class: 'turn-metrics', text: figures.join(' · ') }),
      el(
        'span',
        { class: 'turn-actions' },
        iconButton('copy', this.strings.copy, () => this.callbacks.copy(view.text)),
        status !== 'streaming' ? iconButton('refresh', this.strings.regenerate, () => this.callbacks.regenerate(turnId)) : null,
      ),
    );
  }

  /** The end of the conversation is in view (within a small margin). */
  private atEnd(): boolean {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
  }

  /**
   * After output grew (a streaming view renders in a task of its own): the end comes into view on
   * the next frame, whose layout that scroll reuses, unless the user has scrolled up.
   */
  private followOutput(): void {
    if (this.stickToBottom) this.scrollToBottom();
    else this.jump.hidden = false;
  }

  private scrollToBottom(): void {
    if (this.scrollQueued) return;
    this.scrollQueued = true;
    requestAnimationFrame(() => {
      this.scrollQueued = false;
      this.list.scrollTop = this.list.scrollHeight;
      this.jump.hidden = true;
    });
  }
}
