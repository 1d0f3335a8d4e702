// One call from start to finish, for any protocol: validation, the client-side rate limit, the
// HTTP exchange with its timeouts, decoding by content type, and retries (only while nothing has
// been delivered to the caller).

import type { Auth } from './auth';
import { abortReason, sleep, type Clock } from './clock';
import { decodeEventStream } from './eventStream';
import { BodyReader } from './http/bodyReader';
import type { HttpClient, HttpResponse } from './http/transport';
import { details, droppedParamNote, rateLimitWaitReason, retryReason } from './userText';
import { ProviderError, toProviderError } from './errors';
import type { CallContext, HttpRequestSpec, ResponseDecoder } from './chatProtocol';
import type { RateLimiter } from './rateLimiter';
import { keyNeededAt } from './preset';
import { redactUrl, urlForLog } from './redact';
import { parseRetryAfter, retryDelayMs, wantsLongWait, type RetryOptions } from './retry';
import type { ChatRequest, Logger, ModelList, StreamEvent } from './types';
import { validateRequest } from './validate';

export interface Timeouts {
  /** Connecting (TCP + TLS). Default 30 s. */
  readonly connectMs?: number;
  /** From sending a streaming request to its response headers, connecting included. Default 60 s. */
  readonly headersMs?: number;
  /** Longest silence between stream events (keep-alive comments count) once the answer streams. Default 60 s. */
  readonly idleMs?: number;
  /** A whole non-streamed answer: such servers send headers only when generation is done. Default 300 s. */
  readonly responseMs?: number;
}

export const DEFAULT_TIMEOUTS = { connectMs: 30_000, headersMs: 60_000, idleMs: 60_000, responseMs: 300_000 } as const;

/** Default cap on one answer's text + thinking characters; a looping model or hostile server stops here. */
export const DEFAULT_MAX_ANSWER_CHARS = 4 * 1024 * 1024;

export interface EngineDeps {
  readonly http: HttpClient;
  readonly auth: Auth;
  readonly limiter?: RateLimiter;
  readonly clock: Clock;
  readonly retry: RetryOptions;
  readonly timeouts: Timeouts;
  readonly logger?: Logger;
  /** Cap on text + reasoning characters per answer (default DEFAULT_MAX_ANSWER_CHARS). */
  readonly maxAnswerChars?: number;
}

const ERROR_BODY_LIMIT = 64 * 1024;
const JSON_BODY_LIMIT = 32 * 1024 * 1024;

type Phase = 'headers' | 'idle' | 'response';

function header(res: HttpResponse, name: string): string {
  const v = res.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

function isVisible(ev: StreamEvent): boolean {
  return ev.type === 'text' || ev.type === 'reasoning' || ev.type === 'toolCall';
}

class Exchange {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut: { phase: Phase; ms: number } | undefined;
  /** Set once response headers arrived: a connection lost after that cut an answer short. */
  responding = false;
  private readonly forward: () => void;

  constructor(private readonly signal: AbortSignal) {
    this.forward = () => this.controller.abort(abortReason(signal));
    if (signal.aborted) this.forward();
    else signal.addEventListener('abort', this.forward, { once: true });
  }

  get innerSignal(): AbortSignal {
    return this.controller.signal;
  }

  /** (Re)starts the timer for the current phase. */
  arm(phase: Phase, ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!(ms > 0 && Number.isFinite(ms))) return;
    this.timer = setTimeout(() => {
      this.timedOut = { phase, ms };
      this.controller.abort(new Error(`${phase} timeout`));
    }, ms);
  }

  /** What a failure during this exchange really was. */
  explain(err: unknown, ctx: CallContext): ProviderError {
    if (this.signal.aborted) return ctx.error({ kind: 'cancelled', cause: err });
    if (this.timedOut) return ctx.error({ kind: 'timeout', timeoutMs: this.timedOut.ms, timeoutPhase: this.timedOut.phase, cause: err });
    const e = toProviderError(err, ctx.errorContext);
    if (e.kind === 'network' && this.responding) return ctx.error({ kind: 'truncated', detail: details.connectionLost(e.detail ?? 'closed'), cause: err });
    return e;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.forward);
  }
}

export class Engine {
  constructor(private readonly deps: EngineDeps) {}

  private log(level: keyof Logger, ctx: CallContext, message: string): void {
    this.deps.logger?.[level](`[${ctx.preset.id}] ${message}`);
  }

  // Scheme and host only: a path or query may carry a key in a form redaction does not know.
  private url(url: URL): string {
    return urlForLog(url);
  }

  /** A streamed (or, with stream=false, whole) chat answer as events. */
  async *chat(ctx: CallContext, request: ChatRequest, stream: boolean, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    if (signal.aborted) throw ctx.error({ kind: 'cancelled' });
    const dropped = validateRequest(request, ctx);
    ctx.preset.protocol.validate?.(request, ctx);
    for (const p of dropped) this.log('warn', ctx, droppedParamNote(ctx.preset.name, p));
    this.requireKey(ctx);
    yield* this.withRetries(ctx, signal, (s) => this.chatAttempt(ctx, request, stream, s));
  }

  /** `GET {base}/models` with the same limits, retries and error handling as a chat call. */
  async models(ctx: CallContext, signal: AbortSignal, onEvent?: (ev: StreamEvent) => void): Promise<ModelList> {
    if (signal.aborted) throw ctx.error({ kind: 'cancelled' });
    const protocol = ctx.preset.protocol;
    if (!ctx.preset.listModels || !protocol.buildModelsRequest || !protocol.parseModels) {
      return (ctx.preset.knownModels ?? []).map((id) => ({ id }));
    }
    this.requireKey(ctx);
    const out: { models: ModelList } = { models: [] };
    for await (const ev of this.withRetries(ctx, signal, (s) => this.modelsAttempt(ctx, s, out))) onEvent?.(ev);
    return out.models;
  }

  // A generator only so that it fits withRetries; it yields nothing (models() checked the methods exist).
  // eslint-disable-next-line require-yield -- withRetries takes a generator; this attempt has no events to yield
  private async *modelsAttempt(ctx: CallContext, signal: AbortSignal, out: { models: ModelList }): AsyncGenerator<StreamEvent, void, undefined> {
    const protocol = ctx.preset.protocol;
    const body = await this.jsonAttempt(ctx, protocol.buildModelsRequest!(ctx), signal);
    out.models = protocol.parseModels!(body, ctx);
  }

  private requireKey(ctx: CallContext): void {
    if (keyNeededAt(ctx.preset, ctx.baseUrl) && !this.deps.auth.configured) throw ctx.error({ kind: 'auth', keyMissing: true });
  }

  private async *withRetries(
    ctx: CallContext,
    signal: AbortSignal,
    attempt: (signal: AbortSignal) => AsyncGenerator<StreamEvent, void, undefined>,
  ): AsyncGenerator<StreamEvent, void, undefined> {
    const maxRetries = this.deps.retry.maxRetries ?? 2;
    let retries = 0;
    let authRetried = false;
    let delivered = false;
    for (;;) {
      yield* this.waitForSlot(ctx, signal);
      try {
        for await (const ev of attempt(signal)) {
          if (isVisible(ev)) delivered = true;
          yield ev;
        }
        return;
      } catch (raw) {
        const err = signal.aborted ? ctx.error({ kind: 'cancelled', cause: raw }) : toProviderError(raw, ctx.errorContext);
        this.log(err.kind === 'cancelled' ? 'info' : 'warn', ctx, err.message);
        // Text already shown cannot be taken back: a retry would repeat or contradict it.
        if (delivered || err.kind === 'cancelled') throw err;
        if (err.kind === 'auth' && !authRetried && this.deps.auth.invalidate?.()) {
          authRetried = true;
          this.log('info', ctx, 'credentials rejected; retrying once with fresh ones');
          continue;
        }
        if (!err.retryable || retries >= maxRetries || wantsLongWait(err)) throw err;
        const delayMs = retryDelayMs(retries, err, this.deps.retry);
        retries++;
        yield { type: 'retrying', attempt: retries, maxRetries, delayMs, reason: retryReason(err), error: err };
        try {
          await sleep(delayMs, signal, this.deps.clock);
        } catch (e) {
          throw ctx.error({ kind: 'cancelled', cause: e });
        }
      }
    }
  }

  private async *waitForSlot(ctx: CallContext, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    const limiter = this.deps.limiter;
    if (!limiter) return;
    const reservation = limiter.reserve();
    let settled = false;
    try {
      if (reservation.waitMs > 0) {
        const reason = rateLimitWaitReason(ctx.preset.name, limiter.requestsPerMinute);
        this.log('info', ctx, `waiting ${Math.ceil(reservation.waitMs)} ms: ${reason}`);
        yield { type: 'waiting', ms: reservation.waitMs, reason, requestsPerMinute: limiter.requestsPerMinute };
      }
      await reservation.ready(signal);
      settled = true;
    } catch (e) {
      throw signal.aborted ? ctx.error({ kind: 'cancelled', cause: e }) : e;
    } finally {
      // Also when the caller stopped iterating while we waited.
      if (!settled) reservation.cancel();
    }
  }

  /** Sends `spec` (credentials added) and returns a successful response; error statuses throw. */
  private async open(ctx: CallContext, spec: HttpRequestSpec, ex: Exchange, phase: Phase, ms: number): Promise<{ res: HttpResponse; body: BodyReader }> {
    await this.deps.auth.apply(spec, ex.innerSignal);
    const via = this.deps.http.route(spec.url);
    const started = performance.now();
    this.log('debug', ctx, `${spec.method} ${this.url(spec.url)}${via ? ` via proxy ${via}` : ''}`);
    ex.arm(phase, ms);
    const res = await this.deps.http.send(spec, ex.innerSignal);
    ex.responding = true;
    const body = new BodyReader(res.body);
    const elapsed = Math.round(performance.now() - started);
    this.log('info', ctx, `${spec.method} ${this.url(spec.url)} → ${res.status} ${header(res, 'content-type')} in ${elapsed} ms`);
    if (res.status >= 200 && res.status < 300) return { res, body };
    if (res.status >= 300 && res.status < 400) {
      body.destroy();
      throw ctx.error({ kind: 'protocol', status: res.status, detail: details.redirected(redactUrl(header(res, 'location'), ctx.errorContext.secrets)) });
    }
    const bodyText = await body.text(ERROR_BODY_LIMIT);
    throw ctx.preset.protocol.errorFromResponse(
      { status: res.status, headers: res.headers, bodyText, retryAfterMs: parseRetryAfter(res.headers, this.deps.clock.now()) },
      ctx,
    );
  }

  private async *chatAttempt(ctx: CallContext, request: ChatRequest, stream: boolean, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    const t = { ...DEFAULT_TIMEOUTS, ...this.deps.timeouts };
    const ex = new Exchange(signal);
    let body: BodyReader | undefined;
    let complete = false;
    const started = performance.now();
    let firstVisible: number | undefined;
    let count = 0;
    try {
      const spec = ctx.preset.protocol.buildChatRequest(request, stream, ctx);
      const opened = await this.open(ctx, spec, ex, stream ? 'headers' : 'response', stream ? t.headersMs : t.responseMs);
      body = opened.body;
      const decoder = ctx.preset.protocol.createDecoder(ctx);
      const idle = stream ? (): void => ex.arm('idle', t.idleMs) : undefined;
      idle?.();
      const contentType = header(opened.res, 'content-type').toLowerCase();
      const cap = this.deps.maxAnswerChars ?? DEFAULT_MAX_ANSWER_CHARS;
      let chars = 0;
      for await (const ev of this.decodeBody(ctx, contentType, body, decoder, idle)) {
        count++;
        if (firstVisible === undefined && isVisible(ev)) firstVisible = performance.now() - started;
        if (ev.type === 'text' || ev.type === 'reasoning') {
          if (chars + ev.text.length > cap) {
            // Keep what fits, end the answer, and stop reading (finally destroys the body, closing the socket).
            const rest = cap - chars;
            if (rest > 0) yield { ...ev, text: ev.text.slice(0, rest) };
            this.log('warn', ctx, `answer stopped at ${cap} characters`);
            yield { type: 'finish', choice: ev.choice, reason: 'answerTooLong' };
            return;
          }
          chars += ev.text.length;
        }
        yield ev;
      }
      complete = true;
      this.log(
        'info',
        ctx,
        `answer complete in ${Math.round(performance.now() - started)} ms` +
          `${firstVisible !== undefined ? `, first token after ${Math.round(firstVisible)} ms` : ''}, ${count} events`,
      );
    } catch (e) {
      throw ex.explain(e, ctx);
    } finally {
      ex.dispose();
      if (body) {
        if (complete) body.release();
        else body.destroy();
      }
    }
  }

  /** Branches on the content type: SSE → the stream parser; JSON → one body (answer or error). */
  private async *decodeBody(
    ctx: CallContext,
    contentType: string,
    body: BodyReader,
    decoder: ResponseDecoder,
    onActivity: (() => void) | undefined,
  ): AsyncGenerator<StreamEvent, void, undefined> {
    let kind: 'sse' | 'json' | undefined = contentType.includes('text/event-stream')
      ? 'sse'
      : /[/+]json\b/.test(contentType)
        ? 'json'
        : undefined;
    let first: Uint8Array | undefined;
    if (!kind) {
      // No usable content type: a JSON body starts with '{'.
      first = await body.next();
      const text = first ? Buffer.from(first.subarray(0, 64)).toString('utf8').trimStart() : '';
      kind = text.startsWith('{') || text.startsWith('[') ? 'json' : 'sse';
    }
    if (kind === 'sse') {
      yield* decodeEventStream(body, decoder, onActivity, first);
      return;
    }
    const text = await body.text(JSON_BODY_LIMIT, first, onActivity);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Cut short, or not JSON at all; a bare error line still gets classified by the decoder.
      decoder.invalidLine(text.trim().split(/\r?\n/, 1)[0] ?? '');
      throw ctx.error({ kind: 'protocol', detail: details.bodyNotJson });
    }
    for (const ev of decoder.json(parsed)) yield ev;
    for (const ev of decoder.end()) yield ev;
  }

  private async jsonAttempt(ctx: CallContext, spec: HttpRequestSpec, signal: AbortSignal): Promise<unknown> {
    const t = { ...DEFAULT_TIMEOUTS, ...this.deps.timeouts };
    const ex = new Exchange(signal);
    let body: BodyReader | undefined;
    try {
      const opened = await this.open(ctx, spec, ex, 'headers', t.headersMs);
      body = opened.body;
      const idle = (): void => ex.arm('idle', t.idleMs);
      idle();
      const text = await body.text(JSON_BODY_LIMIT, undefined, idle);
      try {
        return JSON.parse(text);
      } catch {
        throw ctx.error({ kind: 'protocol', detail: details.bodyNotJsonQuoted(text.slice(0, 120)) });
      }
    } catch (e) {
      throw ex.explain(e, ctx);
    } finally {
      ex.dispose();
      body?.destroy();
    }
  }
}
