// A configured provider: a preset plus the caller's base URL, model, key and network settings.
// This is the object the host holds for the chat panel, explain and rewrite alike.

import { ResultBuilder } from './accumulate';
import { firstListedModel } from './firstListedModel';
import { bearerAuth, type Auth } from './auth';
import { systemClock, type Clock } from './clock';
import { DEFAULT_TIMEOUTS, Engine, type Timeouts } from './engine';
import { ProviderError, type ErrorContext, type ProviderErrorDetails } from './errors';
import { DispatcherPool, type ProxySettings } from './http/dispatcher';
import { createUndiciClient, type HttpClient } from './http/transport';
import { details } from './userText';
import { isHttpUrl } from './validate';
import type { ProviderPreset } from './preset';
import type { CallContext } from './chatProtocol';
import { RateLimiter } from './rateLimiter';
import type { RetryOptions } from './retry';
import type { CallOptions, ChatRequest, ChatResult, Logger, ModelList, StreamEvent } from './types';

export interface ProviderOptions {
  readonly apiKey?: string;
  /** Overrides the preset's base URL (e.g. a private LMDeploy deployment). */
  readonly baseUrl?: string;
  /** Overrides the preset's default model. */
  readonly model?: string;
  /** Client-side limit; default the preset's (InternLM: 10). 0 turns it off. */
  readonly requestsPerMinute?: number;
  readonly timeouts?: Timeouts;
  readonly retry?: RetryOptions;
  readonly proxy?: ProxySettings;
  readonly logger?: Logger;
  /** Drives rate-limit waits and retry back-off (tests inject a fake). */
  readonly clock?: Clock;
  /** Replaces key-based auth, e.g. cachedTokenAuth for a token fetched by a callback. */
  readonly auth?: Auth;
  /** A limiter shared with other instances of the same provider (the registry passes one). */
  readonly rateLimiter?: RateLimiter;
  /**
   * Most characters (text + thinking) one answer may have; beyond it the engine stops reading,
   * closes the connection and ends the answer with finish reason 'answerTooLong'. Default 4 M.
   */
  readonly maxAnswerChars?: number;
  /** Replaces the undici client (for tests that need no network). */
  readonly http?: HttpClient;
  /** Called once when no model is set and the first model the server lists is used instead. */
  readonly onModelChosen?: (model: string) => void;
}

export interface CompleteOptions extends CallOptions {
  /** Stream internally (default false: a non-streamed request). The result is the same. */
  readonly stream?: boolean;
  /** Sees every event, e.g. `waiting` and `retrying` for the UI. */
  readonly onEvent?: (ev: StreamEvent) => void;
}

export interface ListModelsOptions extends CallOptions {
  readonly onEvent?: (ev: StreamEvent) => void;
}

export interface ChatProvider {
  readonly id: string;
  readonly name: string;
  readonly preset: ProviderPreset;
  /** Without trailing slash. */
  readonly baseUrl: string;
  /** The default model of this instance ('' when none is set). */
  readonly model: string;
  /** Events of one answer; errors are thrown as ProviderError. Breaking out of the loop closes the connection. */
  stream(request: ChatRequest, options: CallOptions): AsyncGenerator<StreamEvent, void, undefined>;
  /** The merged answer. On failure the ProviderError carries `partial` when some answer had arrived. */
  complete(request: ChatRequest, options: CompleteOptions): Promise<ChatResult>;
  /** `GET {base}/models`, or the preset's known models when the endpoint has no list. */
  listModels(options: ListModelsOptions): Promise<ModelList>;
  /** Closes pooled connections. */
  dispose(): Promise<void>;
}

function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function createProvider(preset: ProviderPreset, options: ProviderOptions = {}): ChatProvider {
  const baseUrl = normalizeBaseUrl(options.baseUrl || preset.baseUrl);
  const defaultModel = options.model?.trim() || preset.defaultModel || '';
  const auth = options.auth ?? bearerAuth(options.apiKey);
  const clock = options.clock ?? systemClock;
  const rpm = options.requestsPerMinute ?? preset.requestsPerMinute ?? 0;
  const limiter = options.rateLimiter ?? (rpm > 0 ? new RateLimiter(rpm, clock) : undefined);
  const pool = new DispatcherPool(options.proxy, { connectTimeoutMs: options.timeouts?.connectMs ?? DEFAULT_TIMEOUTS.connectMs });
  const engine = new Engine({
    http: options.http ?? createUndiciClient(pool),
    auth,
    limiter,
    clock,
    retry: options.retry ?? {},
    timeouts: options.timeouts ?? {},
    logger: options.logger,
    maxAnswerChars: options.maxAnswerChars,
  });

  const context = (request: ChatRequest | undefined): CallContext => {
    const model = request?.model?.trim() || defaultModel;
    const errorContext: ErrorContext = {
      providerId: preset.id,
      providerName: preset.name,
      model: model || undefined,
      baseUrl,
      // A getter: a token fetched during the call must be scrubbed too.
      get secrets() {
        return auth.secrets();
      },
    };
    const ctx: CallContext = {
      preset,
      baseUrl,
      model,
      errorContext,
      error: (details: ProviderErrorDetails) => new ProviderError(errorContext, details),
    };
    checkBaseUrl(ctx);
    return ctx;
  };

  const withModel = firstListedModel(preset, defaultModel, (signal) => engine.models(context(undefined), signal), options.onModelChosen, (request) => context(request));

  return {
    id: preset.id,
    name: preset.name,
    preset,
    baseUrl,
    model: defaultModel,

    async *stream(request, { signal }) {
      const resolved = await withModel(request, signal);
      yield* engine.chat(context(resolved), resolved, true, signal);
    },

    async complete(request, { signal, stream = false, onEvent }) {
      const builder = new ResultBuilder();
      try {
        const resolved = await withModel(request, signal);
        for await (const ev of engine.chat(context(resolved), resolved, stream, signal)) {
          builder.add(ev);
          onEvent?.(ev);
        }
      } catch (e) {
        if (e instanceof ProviderError && builder.hasContent) e.partial = builder.result();
        throw e;
      }
      return builder.result();
    },

    listModels({ signal, onEvent }) {
      return Promise.resolve().then(() => engine.models(context(undefined), signal, onEvent));
    },

    dispose: () => pool.close(),
  };
}

/** A malformed base URL is a settings mistake: say so before trying to connect. */
function checkBaseUrl(ctx: CallContext): void {
  if (!isHttpUrl(ctx.baseUrl)) throw ctx.error({ kind: 'invalidParams', param: 'baseUrl', detail: details.notHttpUrl(ctx.baseUrl) });
}
