// OpenAI-style chunks (streamed `delta`s or a whole `message` body) → StreamEvents.
// Handles what real servers do (providers.md A): `finish_reason` "" or null until the end, several
// choices, usage on any chunk (the last non-null wins), tool-call fragments merged by index (LMDeploy
// puts a new random id on every fragment), error objects inside the stream, no `[DONE]`.
// Thinking arrives as `reasoning_content`, `reasoning` or a `<think>` block at the start of
// `content`: all three become `reasoning` events.

import { classifyError, type ErrorInfo } from './errors';
import { errorFromJson } from './errorShapes';
import { ThinkTagSplitter, type ThinkSplit } from './thinkTags';
import { details } from './userText';
import type { CallContext, ResponseDecoder, SseEvent } from './chatProtocol';
import type { FinishReason, StreamEvent, ToolCall, Usage } from './types';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function usageFromWire(u: Json): Usage {
  return { promptTokens: num(u.prompt_tokens), completionTokens: num(u.completion_tokens), totalTokens: num(u.total_tokens) };
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

const SNIPPET = 120;

interface ToolCallState {
  id: string;
  name: string;
  arguments: string;
}

export class OpenAIDecoder implements ResponseDecoder {
  private isDone = false;
  private metaSent = false;
  private readonly finished = new Map<number, FinishReason>();
  private readonly seen = new Set<number>();
  private readonly tools = new Map<string, ToolCallState>();
  private usage: Usage | undefined;
  /** Choices that produced text, thinking or a tool call: "length" then means the answer was cut, not the input too long. */
  private readonly answered = new Set<number>();
  /** The last text delta per choice: LMDeploy's error words when it finishes with "error". */
  private readonly lastText = new Map<number, string>();
  /** Per choice: a `<think>` block at the start of `content` becomes reasoning (thinkTags.ts). */
  private readonly thinkTags = new Map<number, ThinkTagSplitter>();

  constructor(private readonly ctx: CallContext) {}

  get done(): boolean {
    return this.isDone;
  }

  event(event: SseEvent, atEnd: boolean): readonly StreamEvent[] {
    const data = event.data.trim();
    if (event.event === 'error') throw this.errorFromText(data);
    if (data === '' || event.event === 'ping' || event.event === 'keepalive') return [];
    if (data === '[DONE]') {
      this.isDone = true;
      return [];
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      if (atEnd) throw this.truncated(details.lastEventCut);
      throw this.ctx.error({ kind: 'protocol', detail: details.eventNotJson(data.slice(0, SNIPPET)) });
    }
    return this.chunk(parsed);
  }

  invalidLine(line: string): readonly StreamEvent[] {
    const trimmed = line.trim();
    // A bare JSON error without `data:` still says what went wrong.
    if (trimmed.startsWith('{')) {
      try {
        const info = errorFromJson(JSON.parse(trimmed));
        if (info) throw this.errorFromInfo(info);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
      }
    }
    throw this.ctx.error({ kind: 'protocol', detail: details.lineNotSse(trimmed.slice(0, SNIPPET)) });
  }

  json(body: unknown): readonly StreamEvent[] {
    const events = this.chunk(body);
    if (!isRecord(body) || !Array.isArray(body.choices)) {
      throw this.ctx.error({ kind: 'protocol', detail: details.noChoices });
    }
    // A whole body is complete by definition; end() fills in missing finish reasons.
    this.isDone = true;
    return events;
  }

  end(): readonly StreamEvent[] {
    const unfinished = [...this.seen].filter((i) => !this.finished.has(i));
    if (!this.isDone && (this.seen.size === 0 || unfinished.length > 0)) {
      throw this.truncated(details.streamEndedEarly);
    }
    const events: StreamEvent[] = [];
    // [DONE] without a finish reason still means the server ended the answer normally.
    if (this.seen.size === 0) unfinished.push(0);
    for (const choice of unfinished) {
      this.flushThinking(choice, events);
      events.push({ type: 'finish', choice, reason: 'stop' });
    }
    if (this.usage) events.push({ type: 'usage', usage: this.usage });
    return events;
  }

  private truncated(detail: string): Error {
    return this.ctx.error({ kind: 'truncated', detail });
  }

  private errorFromText(data: string): Error {
    let info;
    try {
      info = errorFromJson(JSON.parse(data));
    } catch {
      info = undefined;
    }
    info ??= { message: data || undefined };
    return this.errorFromInfo(info);
  }

  private errorFromInfo(info: ErrorInfo): Error {
    return this.ctx.error({ kind: classifyError(info), status: info.status, code: info.code, providerMessage: info.message });
  }

  private chunk(value: unknown): StreamEvent[] {
    if (!isRecord(value)) throw this.ctx.error({ kind: 'protocol', detail: details.chunkNotObject });
    const info = errorFromJson(value);
    if (info) throw this.errorFromInfo(info);

    const events: StreamEvent[] = [];
    if (!this.metaSent && (typeof value.id === 'string' || typeof value.model === 'string')) {
      this.metaSent = true;
      events.push({
        type: 'meta',
        id: typeof value.id === 'string' ? value.id : undefined,
        model: typeof value.model === 'string' ? value.model : undefined,
        created: num(value.created),
      });
    }
    if (isRecord(value.usage)) this.usage = usageFromWire(value.usage);

    const choices = Array.isArray(value.choices) ? value.choices : [];
    choices.forEach((c: unknown, position) => {
      if (!isRecord(c)) return;
      const choice = num(c.index) ?? position;
      this.seen.add(choice);
      const delta = isRecord(c.delta) ? c.delta : isRecord(c.message) ? c.message : undefined;
      const reason = c.finish_reason;
      // LMDeploy ends a failed generation with finish_reason "error" and its words as the content.
      if (reason === 'error' && !this.finished.has(choice)) {
        throw this.ctx.error({ kind: 'server', providerMessage: nonEmpty(delta?.content) ?? this.lastText.get(choice) });
      }
      let thinking: string | undefined;
      if (delta) {
        // vLLM and Ollama name it `reasoning`; a server sending both means the same text, once.
        thinking = nonEmpty(delta.reasoning_content) ?? nonEmpty(delta.reasoning);
        if (thinking !== undefined) events.push({ type: 'reasoning', choice, text: thinking });
        if (typeof delta.content === 'string' && delta.content !== '') {
          this.content(choice, delta.content, events);
          this.lastText.set(choice, delta.content);
        }
        if (thinking !== undefined || this.lastText.has(choice)) this.answered.add(choice);
        if (Array.isArray(delta.tool_calls)) {
          this.toolCalls(choice, delta.tool_calls, events);
          if (delta.tool_calls.length > 0) this.answered.add(choice);
        }
      }
      // "length" before a single token: the input alone filled the context (LMDeploy, vLLM).
      if (reason === 'length' && !this.answered.has(choice) && !this.finished.has(choice)) throw this.ctx.error({ kind: 'contextTooLong' });
      if (typeof reason === 'string' && reason !== '' && !this.finished.has(choice)) {
        this.flushThinking(choice, events);
        this.finished.set(choice, reason);
        events.push({ type: 'finish', choice, reason });
      }
    });
    return events;
  }

  private content(choice: number, content: string, events: StreamEvent[]): void {
    let splitter = this.thinkTags.get(choice);
    if (!splitter) {
      splitter = new ThinkTagSplitter();
      this.thinkTags.set(choice, splitter);
    }
    this.pushSplit(choice, splitter.push(content), events);
  }

  /** The choice ended: text held back for a possibly cut tag goes out before its finish. */
  private flushThinking(choice: number, events: StreamEvent[]): void {
    const splitter = this.thinkTags.get(choice);
    if (splitter) this.pushSplit(choice, splitter.flush(), events);
  }

  private pushSplit(choice: number, split: ThinkSplit, events: StreamEvent[]): void {
    if (split.reasoning !== '') events.push({ type: 'reasoning', choice, text: split.reasoning });
    if (split.text !== '') events.push({ type: 'text', choice, text: split.text });
  }

  private toolCalls(choice: number, fragments: unknown[], events: StreamEvent[]): void {
    fragments.forEach((f: unknown, position) => {
      if (!isRecord(f)) return;
      // Merge by index, never by id (LMDeploy 0.8-0.10 changes the id on every fragment).
      const index = num(f.index) ?? position;
      const key = `${choice}:${index}`;
      let state = this.tools.get(key);
      if (!state) {
        state = { id: '', name: '', arguments: '' };
        this.tools.set(key, state);
      }
      if (typeof f.id === 'string' && f.id !== '') state.id ||= f.id;
      const fn = isRecord(f.function) ? f.function : undefined;
      if (fn && typeof fn.name === 'string' && fn.name !== '') state.name = fn.name;
      let delta = '';
      if (fn && typeof fn.arguments === 'string') delta = fn.arguments;
      else if (fn && fn.arguments !== undefined && fn.arguments !== null) delta = JSON.stringify(fn.arguments);
      state.arguments += delta;
      const call: ToolCall = { id: state.id, name: state.name, arguments: state.arguments };
      events.push({ type: 'toolCall', choice, index, argumentsDelta: delta, call });
    });
  }
}
