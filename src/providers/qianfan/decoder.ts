// wenxinworkshop responses → StreamEvents (seed "返回参数", providers.md B and D). A stream is
// `data: {... "result": "<fragment>", "is_end": false ...}` events, concatenated until `is_end: true`
// (no `[DONE]` is documented; one is accepted). A whole body has `result`. Any of them may instead
// be `{"error_code", "error_msg"}` (HTTP 200 included), or carry `need_clear_history: true`, which
// stops the answer: the provider wants the conversation closed and its history cleared.

import { usageFromWire } from '../openaiDecoder';
import type { CallContext, ResponseDecoder, SseEvent } from '../chatProtocol';
import type { FinishReason, StreamEvent, Usage } from '../types';
import { qianfanErrorDetails } from './errorCodes';
import { advice, details } from './qianfanText';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function int(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** The seed's error shape; 0 means no error. */
export function errorCodeOf(value: Json): number | undefined {
  const code = int(value.error_code);
  return code !== undefined && code !== 0 ? code : undefined;
}

/** finish_reason as newer endpoints send it ("normal" while streaming and at a normal end). */
function finishFromWire(reason: string | undefined, truncated: boolean): FinishReason {
  if (truncated) return 'length';
  switch (reason) {
    case undefined:
    case '':
    case 'normal':
    case 'stop':
      return 'stop';
    case 'function_call':
      return 'tool_calls';
    default:
      return reason;
  }
}

const PROTOCOL_ADVICE = advice.protocol;
const SNIPPET = 120;
/** A JSON body spread over several non-SSE lines is collected up to this size. */
const MAX_LOOSE_JSON = 64 * 1024;

export class QianfanDecoder implements ResponseDecoder {
  private isDone = false;
  private metaSent = false;
  private finishSent = false;
  private sawAnswer = false;
  private truncated = false;
  private finishReason: string | undefined;
  private usage: Usage | undefined;
  private looseJson = '';

  /** `notices()` returns events to deliver before the answer (once; the caller keeps track). */
  constructor(
    private readonly ctx: CallContext,
    private readonly notices: () => readonly StreamEvent[] = () => [],
  ) {}

  get done(): boolean {
    return this.isDone;
  }

  event(event: SseEvent, atEnd: boolean): readonly StreamEvent[] {
    const data = event.data.trim();
    if (event.event === 'error') throw this.errorFromText(data);
    if (data === '') return [];
    if (data === '[DONE]') {
      this.isDone = true;
      return [];
    }
    const events: StreamEvent[] = [];
    for (const value of this.parseData(data, atEnd)) {
      // Several JSON lines in one event: nothing after is_end belongs to the answer.
      if (this.isDone) break;
      events.push(...this.chunk(value, true));
    }
    return this.deliver(events);
  }

  invalidLine(line: string): readonly StreamEvent[] {
    const trimmed = line.trim();
    // A JSON body without `data:` (an error, or a pretty-printed one over several lines).
    if (trimmed.startsWith('{') || this.looseJson) {
      this.looseJson += `${trimmed}\n`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(this.looseJson);
      } catch {
        if (this.looseJson.length <= MAX_LOOSE_JSON) return [];
        parsed = undefined;
      }
      this.looseJson = '';
      if (isRecord(parsed)) return this.deliver(this.chunk(parsed, true));
    }
    throw this.ctx.error({ kind: 'protocol', detail: details.lineNotSse(trimmed.slice(0, SNIPPET)), advice: PROTOCOL_ADVICE });
  }

  json(body: unknown): readonly StreamEvent[] {
    if (isRecord(body) && errorCodeOf(body) === undefined && body.need_clear_history !== true && typeof body.result !== 'string') {
      throw this.ctx.error({ kind: 'protocol', detail: details.noResult, advice: PROTOCOL_ADVICE });
    }
    return this.deliver(this.chunk(body, false));
  }

  end(): readonly StreamEvent[] {
    if (this.looseJson) {
      throw this.ctx.error({ kind: 'protocol', detail: details.endedInsideJson(this.looseJson.slice(0, SNIPPET)), advice: PROTOCOL_ADVICE });
    }
    if (!this.isDone) {
      throw this.ctx.error({
        kind: 'truncated',
        detail: this.sawAnswer ? details.endedBeforeIsEnd : details.endedWithoutAnswer,
      });
    }
    const events: StreamEvent[] = [];
    // `[DONE]` without `is_end` still ends the answer normally.
    if (!this.finishSent) events.push(this.finish());
    if (this.usage) events.push({ type: 'usage', usage: this.usage });
    return this.deliver(events);
  }

  /** One `data:` payload; servers that end events with a single newline put several JSON lines in one. */
  private parseData(data: string, atEnd: boolean): unknown[] {
    try {
      return [JSON.parse(data)];
    } catch {
      // Fall through to line by line.
    }
    const lines = data.split('\n').map((l) => l.replace(/^data:\s?/, '').trim()).filter((l) => l !== '');
    if (lines.length > 1) {
      try {
        return lines.map((l) => JSON.parse(l) as unknown);
      } catch {
        // Not JSON lines either.
      }
    }
    if (atEnd) throw this.ctx.error({ kind: 'truncated', detail: details.lastEventCut });
    throw this.ctx.error({ kind: 'protocol', detail: details.eventNotJson(data.slice(0, SNIPPET)), advice: PROTOCOL_ADVICE });
  }

  private chunk(value: unknown, streaming: boolean): StreamEvent[] {
    if (!isRecord(value)) throw this.ctx.error({ kind: 'protocol', detail: details.chunkNotObject, advice: PROTOCOL_ADVICE });
    const code = errorCodeOf(value);
    if (code !== undefined) {
      const message = typeof value.error_msg === 'string' ? value.error_msg : undefined;
      throw this.ctx.error(qianfanErrorDetails(code, message));
    }
    if (value.need_clear_history === true) {
      // The answer stops here; whatever this chunk says is not shown.
      throw this.ctx.error({ kind: 'contentFlagged', banRound: int(value.ban_round) });
    }

    const events: StreamEvent[] = [];
    if (!this.metaSent) {
      this.metaSent = true;
      events.push({
        type: 'meta',
        id: typeof value.id === 'string' ? value.id : undefined,
        model: this.ctx.model || undefined,
        created: typeof value.created === 'number' ? value.created : undefined,
      });
    }
    if (isRecord(value.usage)) this.usage = usageFromWire(value.usage);
    if (value.is_truncated === true) this.truncated = true;
    if (typeof value.finish_reason === 'string' && value.finish_reason !== '') this.finishReason = value.finish_reason;
    if (typeof value.result === 'string') {
      this.sawAnswer = true;
      if (value.result !== '') events.push({ type: 'text', choice: 0, text: value.result });
    }
    if (!streaming || value.is_end === true) {
      this.isDone = true;
      events.push(this.finish());
    }
    return events;
  }

  private finish(): StreamEvent {
    this.finishSent = true;
    return { type: 'finish', choice: 0, reason: finishFromWire(this.finishReason, this.truncated) };
  }

  private deliver(events: readonly StreamEvent[]): readonly StreamEvent[] {
    const notices = this.notices();
    return notices.length > 0 ? [...notices, ...events] : events;
  }

  private errorFromText(data: string): Error {
    try {
      const parsed: unknown = JSON.parse(data);
      if (isRecord(parsed)) this.chunk(parsed, true);
    } catch (e) {
      if (!(e instanceof SyntaxError)) return e as Error;
    }
    return this.ctx.error({ kind: 'server', providerMessage: data || undefined });
  }
}
