// The chat panel's conversations: sends prompts through the shared provider module, streams the
// answer to the webview in small batched deltas, and keeps history. An answer keeps streaming when
// the user switches to another conversation (or starts a new one) and is saved when it ends; the
// panel shows whichever conversation is open. No `vscode` import: the host passes in how to create a
// provider, how to post to the webview and where history lives.
import { randomUUID } from 'node:crypto';
import type { ChatProvider, ChatRequest, Logger, ProviderError, StreamEvent } from '../providers';
import type { Attachment, AssistantTurn, Conversation, Turn, TurnError, UserTurn } from '../shared/conversation';
import { titleFrom } from '../shared/conversation';
import type { HostMessage } from '../shared/webviewProtocol';
import type { HistoryStore } from './historyStore';
import { RunningAnswer } from './runningAnswer';

export interface ProviderHandle {
  readonly provider: ChatProvider;
  readonly providerId: string;
  readonly model: string;
}

export interface ChatControllerDeps {
  /** A provider for the conversation's provider and model (undefined: the current settings). */
  createProvider(providerId?: string, model?: string): Promise<ProviderHandle>;
  /** Provider and model a new conversation starts with. */
  currentSelection(): { providerId: string; model: string };
  /** The same at the first prompt, once the user answered about a workspace's choice of provider. */
  chooseSelection?(): Promise<{ providerId: string; model: string }>;
  readonly store: HistoryStore;
  post(message: HostMessage): void;
  /** The system prompt of every request (instructions, answer language); none when undefined. */
  systemPrompt?(): Promise<string | undefined>;
  /** Generation settings for a request to this provider (temperature, top_p, max tokens, thinking). */
  generation(providerId: string): Pick<ChatRequest, 'temperature' | 'topP' | 'maxTokens' | 'thinking'>;
  /** An error as the user should read it (translated by the host). */
  describeError(error: unknown): TurnError;
  /** Why a request waits in the client-side rate-limit queue, e.g. "InternLM allows 10 requests a minute". */
  waitingReason?(providerName: string, requestsPerMinute: number): string;
  /** An attempt failed and is retried (before any text arrived), in the UI language. */
  retryingText?(event: Extract<StreamEvent, { type: 'retrying' }>): string;
  /** A provider's notice in the UI language (e.g. Qianfan dropped the oldest turns to fit its limit). */
  noticeText?(notice: Extract<StreamEvent, { type: 'notice' }>): string;
  /** What the answer says when it reached the size cap (chorus.maxAnswerCharacters) and was cut there. */
  answerTooLongText?(chars: number): string;
  /** What to tell the user when the provider flagged the conversation (which turn, when it says). */
  flaggedMessage(error: ProviderError): string;
  readonly log: Logger;
  readonly now?: () => number;
  /** How often streamed text is posted to the webview (default 16 ms, about one frame). */
  readonly flushIntervalMs?: number;
}

export type MutableConversation = { -readonly [K in keyof Conversation]: Conversation[K] } & { turns: Turn[] };

interface Running {
  readonly abort: AbortController;
  readonly conversation: MutableConversation;
}

export class ChatController {
  private conversation: MutableConversation;
  /** Answers streaming now, by turn id, with the conversation each belongs to (shown or not). */
  private readonly running = new Map<string, Running>();
  /** Conversations deleted while answering: their answers end without saving them again (then leave this set). */
  private readonly deleted = new Set<string>();
  /** The first prompt waits for the user's answer about a workspace's provider; a second send meanwhile is ignored. */
  private choosing = false;
  private readonly now: () => number;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.conversation = this.blank();
  }

  get current(): Conversation {
    return this.conversation;
  }

  /** The conversation on screen is answering (another prompt there waits for it). */
  get busy(): boolean {
    return this.isAnswering(this.conversation.id);
  }

  /** `id` has an answer streaming, shown or in the background. */
  isAnswering(id: string): boolean {
    return this.liveConversation(id) !== undefined;
  }

  /**
   * Sends a prompt and resolves when its answer has finished (or failed, or was stopped). `prompt`,
   * when given, is sent in place of `text` (a slash command's filled-in prompt); `text` is what the panel shows.
   */
  async send(text: string, attachments: readonly Attachment[] = [], prompt?: string): Promise<void> {
    if (this.busy) {
      this.deps.log.warn('A prompt was sent while an answer is still streaming; ignored');
      return;
    }
    if (!text.trim() && attachments.length === 0) return;
    // The provider asked for this conversation's history to be cleared: the prompt starts a new one.
    if (this.conversation.closed) this.showBlank();
    this.dropTrailingFailure();
    // A conversation starts with the model chosen when its first prompt is sent (settings may have changed since New Chat).
    if (this.conversation.turns.length === 0) {
      if (this.choosing) return;
      this.choosing = true;
      try {
        const { providerId, model } = this.deps.chooseSelection ? await this.deps.chooseSelection() : this.deps.currentSelection();
        this.setModel(providerId, model);
      } finally {
        this.choosing = false;
      }
    }
    const user: UserTurn = {
      id: randomUUID(),
      role: 'user',
      text,
      ...(prompt !== undefined ? { prompt } : {}),
      ...(attachments.length ? { attachments } : {}),
      createdAt: this.now(),
    };
    this.conversation.turns.push(user);
    if (!this.conversation.title) this.conversation.title = titleFrom(text) || titleFrom(attachments[0]?.kind === 'code' ? attachments[0].path : '') || 'Chat';
    this.deps.post({ type: 'turnAdded', turn: user });
    await this.answer();
  }

  /** Stops a streaming answer at once; the text so far stays. */
  stop(turnId: string): void {
    this.running.get(turnId)?.abort.abort();
  }

  /** Generates the answer to `turnId`'s prompt again, replacing it and anything after it. */
  async regenerate(turnId: string): Promise<void> {
    const index = this.conversation.turns.findIndex((t) => t.id === turnId && t.role === 'assistant');
    if (index < 0 || this.busy || this.conversation.closed) return;
    this.conversation.turns.splice(index);
    this.deps.post({ type: 'conversation', conversation: this.conversation });
    await this.answer();
  }

  /** Replaces a prompt's text (and what is sent for it, as in `send`) and answers it again; the turns after it are replaced. */
  async edit(turnId: string, text: string, prompt?: string): Promise<void> {
    const index = this.conversation.turns.findIndex((t) => t.id === turnId && t.role === 'user');
    if (index < 0 || this.busy || !text.trim() || this.conversation.closed) return;
    const { prompt: _old, ...old } = this.conversation.turns[index] as UserTurn;
    const edited: UserTurn = { ...old, text, ...(prompt !== undefined ? { prompt } : {}), createdAt: this.now() };
    this.conversation.turns.splice(index, this.conversation.turns.length - index, edited);
    if (index === 0) this.conversation.title = titleFrom(text) || this.conversation.title;
    this.deps.post({ type: 'conversation', conversation: this.conversation });
    await this.answer();
  }

  /** Shows a new, empty conversation; an answer still streaming in the old one carries on. */
  async newConversation(): Promise<void> {
    this.showBlank();
  }

  async open(id: string): Promise<boolean> {
    if (id === this.conversation.id) {
      this.deps.post({ type: 'conversation', conversation: this.conversation });
      return true;
    }
    // A conversation answering in the background is shown live, with its text so far.
    const live = this.liveConversation(id);
    const loaded = live ?? (await this.deps.store.load(id));
    if (!loaded) return false;
    this.conversation = live ?? settled(loaded);
    this.deps.post({ type: 'conversation', conversation: this.conversation });
    return true;
  }

  async remove(id: string): Promise<void> {
    if (this.isAnswering(id)) {
      this.deleted.add(id);
      this.stopAll(id);
    }
    await this.deps.store.delete(id);
    if (id === this.conversation.id) this.showBlank();
  }

  /** The conversation continues with another model (the header's picker). */
  setModel(providerId: string, model: string): void {
    this.conversation.provider = providerId;
    this.conversation.model = model;
  }

  dispose(): void {
    this.stopAll();
  }

  /** Stops every answer, or those of conversation `id`. */
  private stopAll(id?: string): void {
    for (const r of this.running.values()) if (id === undefined || r.conversation.id === id) r.abort.abort();
  }

  private liveConversation(id: string): MutableConversation | undefined {
    for (const r of this.running.values()) if (r.conversation.id === id) return r.conversation;
    return undefined;
  }

  private showBlank(): void {
    this.conversation = this.blank();
    this.deps.post({ type: 'conversation', conversation: this.conversation });
  }

  private shown(conversation: MutableConversation): boolean {
    return this.conversation === conversation;
  }

  /** Posts to the webview only while `conversation` is the one on screen. */
  private postFor(conversation: MutableConversation, message: HostMessage): void {
    if (this.shown(conversation)) this.deps.post(message);
  }

  private blank(): MutableConversation {
    const { providerId, model } = this.deps.currentSelection();
    const now = this.now();
    return { id: randomUUID(), title: '', createdAt: now, updatedAt: now, provider: providerId, model, turns: [] };
  }

  /** A prompt that got no answer went back to the composer; sending again replaces it. */
  private dropTrailingFailure(): void {
    const turns = this.conversation.turns;
    const last = turns.at(-1);
    if (last?.role === 'assistant' && last.status === 'error' && last.text === '' && turns.at(-2)?.role === 'user') {
      const removedFrom = turns[turns.length - 2]!.id;
      turns.splice(turns.length - 2);
      this.deps.post({ type: 'turnsRemoved', fromTurnId: removedFrom });
    }
  }

  /** Answers the last user turn of the conversation on screen; it may be left while the answer streams. */
  private async answer(): Promise<void> {
    const conversation = this.conversation;
    const prompt = conversation.turns.at(-1);
    if (prompt?.role !== 'user') return;
    const answer = new RunningAnswer(conversation, {
      deps: this.deps,
      now: this.now,
      post: (message) => this.postFor(conversation, message),
      update: (turn) => this.replaceTurn(conversation, turn),
      ended: (turnId) => this.running.delete(turnId),
    });
    this.running.set(answer.turn.id, { abort: answer.abort, conversation });
    conversation.turns.push(answer.turn);
    this.deps.post({ type: 'turnAdded', turn: answer.turn });
    // The prompt is on disk before the answer starts: a window closed mid-answer loses nothing, and
    // History lists the conversation while it answers in the background.
    void this.persist(conversation);

    const flagged = await answer.run();
    if (this.deleted.delete(conversation.id)) return;
    if (flagged) {
      await this.closeFlagged(conversation, prompt, answer.turn.id, flagged);
      return;
    }
    const end = this.now();
    const turn = answer.finish(end);
    this.replaceTurn(conversation, turn);
    conversation.updatedAt = end;
    if (this.shown(conversation)) {
      const { status, metrics, error, thinkingMs } = turn;
      this.deps.post({ type: 'turnFinished', turnId: turn.id, status, ...(metrics ? { metrics } : {}), ...(error ? { error } : {}), ...(thinkingMs !== undefined ? { thinkingMs } : {}) });
      if (status === 'error' && turn.text === '') {
        this.deps.post({ type: 'restoreDraft', text: prompt.text, attachments: prompt.attachments ?? [] });
      }
    }
    // Saved whether or not it is still on screen: an answer finished in the background is in History.
    await this.persist(conversation);
  }

  /**
   * The provider flagged the prompt: the earlier turns stay readable in History; the flagged prompt
   * and its answer go, and the conversation is closed so nothing of it is sent again, as asked.
   */
  private async closeFlagged(conversation: MutableConversation, prompt: UserTurn, answerId: string, flagged: ProviderError): Promise<void> {
    const kept = conversation.turns.filter((t) => t.id !== answerId && t.id !== prompt.id);
    conversation.turns.splice(0, conversation.turns.length, ...kept);
    if (kept.length === 0) {
      await this.deps.store.delete(conversation.id);
    } else {
      conversation.closed = { reason: 'flagged', ...(flagged.banRound !== undefined ? { banRound: flagged.banRound } : {}) };
      await this.persist(conversation);
    }
    this.deps.post({ type: 'flagged', text: this.deps.flaggedMessage(flagged) });
    if (this.shown(conversation)) {
      this.showBlank();
      // The prompt goes back to the box: the user is asked to rephrase it, not to type it again.
      this.deps.post({ type: 'restoreDraft', text: prompt.text, attachments: prompt.attachments ?? [] });
    }
  }

  private replaceTurn(conversation: MutableConversation, turn: AssistantTurn): void {
    const index = conversation.turns.findIndex((t) => t.id === turn.id);
    if (index >= 0) conversation.turns[index] = turn;
  }

  private async persist(conversation = this.conversation): Promise<void> {
    if (this.deleted.has(conversation.id)) return;
    try {
      await this.deps.store.save(conversation);
      this.deps.post({ type: 'historyChanged' });
    } catch (error) {
      this.deps.log.error(`Saving the conversation failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** A conversation read from disk: an answer saved mid-stream (the window closed) is shown as stopped. */
function settled(conversation: Conversation): MutableConversation {
  const turns = conversation.turns.map((t): Turn => (t.role === 'assistant' && t.status === 'streaming' ? { ...t, status: 'stopped' } : t));
  return { ...conversation, turns };
}
