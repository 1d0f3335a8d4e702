// The seam between the provider-neutral call machinery (engine.ts) and a wire protocol.
// OpenAI-compatible servers are one implementation (openaiClient.ts); a protocol with another body
// and stream format (e.g. Qianfan's wenxinworkshop `result`/`is_end`) is another, plugged in through
// a preset. Authentication is separate (auth.ts), so a protocol never sees how keys are obtained.

import type { ErrorContext, ProviderError, ProviderErrorDetails } from './errors';
import type { ProviderPreset } from './preset';
import type { SseItem } from './sse';
import type { ChatRequest, ModelList, StreamEvent } from './types';

export type HttpHeaders = Record<string, string>;

/** One HTTP request, before credentials are added by an Auth. */
export interface HttpRequestSpec {
  readonly method: 'GET' | 'POST';
  /** Mutable so an Auth can add a query parameter (e.g. access_token). */
  readonly url: URL;
  readonly headers: HttpHeaders;
  readonly body?: string;
}

/** Everything a protocol needs to know about the call it serves. */
export interface CallContext {
  readonly preset: ProviderPreset;
  /** Without trailing slash. */
  readonly baseUrl: string;
  readonly model: string;
  readonly errorContext: ErrorContext;
  /** Builds a ProviderError tagged with this provider, scrubbed of its secrets. */
  error(details: ProviderErrorDetails): ProviderError;
}

export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyText: string;
  /** From retry-after-ms / Retry-After, already parsed. */
  readonly retryAfterMs?: number;
}

export type SseEvent = Extract<SseItem, { type: 'event' }>;

/**
 * Decodes one response. Created per attempt. Methods return the events to deliver and throw
 * ProviderError for error payloads.
 */
export interface ResponseDecoder {
  /** One SSE event. `atEnd` is true for an event flushed after the body ended (it may be cut short). */
  event(event: SseEvent, atEnd: boolean): readonly StreamEvent[];
  /** A line that is not SSE. */
  invalidLine(line: string): readonly StreamEvent[];
  /** A whole JSON body (a non-streamed answer, or an error, possibly in reply to a streaming request). */
  json(body: unknown): readonly StreamEvent[];
  /** The body ended: trailing events (usage), or throws `truncated` if the answer was not finished. */
  end(): readonly StreamEvent[];
  /** True once the protocol's end marker arrived; the rest of the body is not read. */
  readonly done: boolean;
}

export interface ChatProtocol {
  readonly id: string;
  /** Checks beyond the preset's parameter rules (e.g. message order); throws invalidParams. */
  validate?(request: ChatRequest, ctx: CallContext): void;
  buildChatRequest(request: ChatRequest, stream: boolean, ctx: CallContext): HttpRequestSpec;
  createDecoder(ctx: CallContext): ResponseDecoder;
  /** An HTTP error status into a typed error. */
  errorFromResponse(response: ErrorResponse, ctx: CallContext): ProviderError;
  /** Absent when the protocol has no model listing. */
  buildModelsRequest?(ctx: CallContext): HttpRequestSpec;
  parseModels?(body: unknown, ctx: CallContext): ModelList;
}
