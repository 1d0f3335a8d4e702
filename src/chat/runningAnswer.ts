// One answer while it streams: asks the provider, posts the text (and a thinking model's reasoning,
// apart) in small batched deltas, keeps the
// turn current (a reopened panel shows the text so far), and ends as done, stopped, failed or
// flagged. The controller decides what an ended answer does to its conversation. No `vscode` import.
import { randomUUID } from 'node:crypto';
import type { ChatRequest, StreamEvent, Usage } from '../providers';
import { ProviderError } from '../providers';
import { requestMessages } from '../prompts/chatTurns';
import type { AssistantTurn, TurnError, TurnMetrics, TurnStatus } from '../shared/conversation';
import type { HostMessage } from '../shared/webviewProtocol';
import type { ChatControllerDeps, MutableConversation, ProviderHandle } from './chatController';

/** What a running answer is given by the controller. */
export interface AnswerContext {
  readonly deps: ChatControllerDeps;
  readonly now: () => number;
  /** Posts to the webview while the answer's conversation is on screen. */
  post(message: HostMessage): void;
  /** Replaces the answer's turn in its conversation. */
  update(turn: AssistantTurn): void;
  /** The stream is over (its last text posted): the answer no longer counts as running. */
  ended(turnId: string): void;
}

export class RunningAnswer {
  readonly abort = new AbortController();
  /** The answer's turn as it stands (its provider, model and notice; the text is in `text`). */
  turn: AssistantTurn;
  private handle: ProviderHandle | undefined;
  private text = '';
  private pending = '';
  private reasoning = '';
  private pendingReasoning = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started: number;
  /** First token of either kind; of thinking; of the answer. */
  private firstAt: number | undefined;
  private firstReasoningAt: number | undefined;
  private firstAnswerAt: number | undefined;
  private usage: Usage | undefined;
  private status: TurnStatus = 'done';
  private error: TurnError | undefined;

  constructor(
    private readonly conversation: MutableConversation,
    private readonly context: AnswerContext,
  ) {
    this.turn = {
      id: randomUUID(),
      role: 'assistant',
      text: '',
      status: 'streaming',
      createdAt: context.now(),
      provider: conversation.provider,
      model: conversation.model,
    };
    this.started = context.now();
  }

  /** Streams the answer to the conversation's last prompt; resolves with the error if the provider flagged it. */
  async run(): Promise<ProviderError | undefined> {
    const { deps } = this.context;
    const conversation = this.conversation;
    try {
      this.handle = await deps.createProvider(conversation.provider || undefined, conversation.model || undefined);
      this.turn = { ...this.turn, provider: this.handle.providerId, model: this.handle.model };
      const system = await deps.systemPrompt?.();
      const request: ChatRequest = { messages: requestMessages(conversation.turns.slice(0, -1), system), ...deps.generation(this.handle.providerId) };
      this.started = this.context.now();
      for await (const event of this.handle.provider.stream(request, { signal: this.abort.signal })) this.onEvent(event);
    } catch (caught) {
      if (this.abort.signal.aborted) {
        this.status = 'stopped';
      } else if (caught instanceof ProviderError && caught.kind === 'contentFlagged') {
        return caught;
      } else {
        this.status = 'error';
        this.error = deps.describeError(caught);
        deps.log.warn(`Answer failed: ${this.error.message}`);
      }
    } finally {
      if (this.timer) clearTimeout(this.timer);
      this.flush();
      this.context.ended(this.turn.id);
      void this.handle?.provider.dispose();
    }
    return undefined;
  }

  /** The finished turn, as it is saved and shown, ended at `end`. */
  finish(end: number): AssistantTurn & { readonly metrics?: TurnMetrics } {
    const metrics = metricsOf(this.usage, this.timing(end), this.text.length, this.reasoning.length);
    const error = this.error;
    return { ...this.streamed(end), status: this.status, ...(metrics ? { metrics } : {}), ...(error ? { error } : {}) };
  }

  private timing(end: number): Timing {
    return { started: this.started, firstAt: this.firstAt, firstAnswerAt: this.firstAnswerAt, end };
  }

  /** The turn with the text and thinking so far. */
  private streamed(now: number): AssistantTurn {
    const thinkingMs = this.firstReasoningAt !== undefined ? Math.max(0, (this.firstAnswerAt ?? now) - this.firstReasoningAt) : undefined;
    return { ...this.turn, text: this.text, ...(this.reasoning ? { reasoning: this.reasoning, thinkingMs } : {}) };
  }

  private onEvent(event: StreamEvent): void {
    const { deps, now } = this.context;
    switch (event.type) {
      case 'text':
        if (event.choice !== 0) break;
        this.text += event.text;
        this.pending += event.text;
        this.firstAt ??= now();
        this.firstAnswerAt ??= now();
        this.timer ??= setTimeout(() => this.flush(), deps.flushIntervalMs ?? 16);
        break;
      case 'reasoning':
        if (event.choice !== 0) break;
        this.reasoning += event.text;
        this.pendingReasoning += event.text;
        this.firstAt ??= now();
        this.firstReasoningAt ??= now();
        this.timer ??= setTimeout(() => this.flush(), deps.flushIntervalMs ?? 16);
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'waiting':
        // Time spent in the rate-limit queue is not the provider's latency.
        this.started = now() + event.ms;
        this.context.post({
          type: 'waiting',
          turnId: this.turn.id,
          untilMs: Date.now() + event.ms,
          reason: deps.waitingReason?.(this.handle!.provider.name, event.requestsPerMinute) ?? event.reason,
        });
        break;
      case 'notice':
        this.notice(deps.noticeText?.(event) ?? event.message);
        break;
      case 'finish':
        // The engine stopped reading at the size cap: what came is kept, the answer ends as cut off.
        if (event.choice === 0 && event.reason === 'answerTooLong') {
          this.notice(deps.answerTooLongText?.(this.text.length) ?? 'The answer was too long and was cut off.');
          this.status = 'stopped';
        }
        break;
      case 'retrying':
        this.context.post({ type: 'notice', turnId: this.turn.id, text: deps.retryingText?.(event) ?? event.reason });
        break;
      default:
        break;
    }
  }

  private notice(text: string): void {
    this.turn = { ...this.turn, notice: text };
    this.context.post({ type: 'notice', turnId: this.turn.id, text });
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.pending && !this.pendingReasoning) return;
    // Thinking first: a batch holding the end of the thinking and the start of the answer keeps their order.
    if (this.pendingReasoning) this.context.post({ type: 'reasoningDelta', turnId: this.turn.id, text: this.pendingReasoning });
    if (this.pending) this.context.post({ type: 'delta', turnId: this.turn.id, text: this.pending });
    this.pending = '';
    this.pendingReasoning = '';
    // Kept current so a panel that is reopened (or a conversation shown again) mid-answer has the text so far.
    this.context.update(this.streamed(this.context.now()));
  }
}

interface Timing {
  readonly started: number;
  readonly firstAt: number | undefined;
  readonly firstAnswerAt: number | undefined;
  readonly end: number;
}

/**
 * Time to first token counts thinking; tokens/s is the answer's, from its first token. Servers count
 * thinking in completion_tokens, so with thinking the answer's tokens are its share of what streamed
 * (by characters: an estimate, but one that does not charge the thinking to the answer's time).
 */
function metricsOf(usage: Usage | undefined, timing: Timing, answerChars: number, reasoningChars: number): TurnMetrics | undefined {
  const { started, firstAt, firstAnswerAt, end } = timing;
  if (!usage && firstAt === undefined) return undefined;
  const streamingSeconds = firstAnswerAt !== undefined ? (end - firstAnswerAt) / 1000 : 0;
  const completion = usage?.completionTokens;
  const answerTokens = completion !== undefined && reasoningChars > 0 ? (completion * answerChars) / (answerChars + reasoningChars) : completion;
  return {
    ...(usage?.promptTokens !== undefined ? { promptTokens: usage.promptTokens } : {}),
    ...(completion !== undefined ? { completionTokens: completion } : {}),
    ...(usage?.totalTokens !== undefined ? { totalTokens: usage.totalTokens } : {}),
    ...(firstAt !== undefined ? { timeToFirstTokenMs: Math.max(0, firstAt - started) } : {}),
    ...(answerTokens !== undefined && streamingSeconds > 0.05 ? { tokensPerSecond: Math.round((answerTokens / streamingSeconds) * 10) / 10 } : {}),
    totalMs: Math.max(0, end - started),
  };
}
