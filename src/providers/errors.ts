// The one error type every provider call throws, and how raw failures are classified into it.
// Fields are structured so the host can translate (a later issue adds Chinese through the host);
// the English message comes from messages.ts. Every text field is scrubbed of secrets on entry.

import { details as detailText, formatErrorMessage, type Wording } from './userText';
import { redactText, redactUrl } from './redact';
import type { ChatResult } from './types';

export type ErrorKind =
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'quota'
  | 'server'
  | 'badRequest'
  | 'contextTooLong'
  | 'invalidParams'
  | 'network'
  | 'timeout'
  | 'truncated'
  | 'protocol'
  | 'cancelled'
  /** The provider judged the input unsafe and asks for the conversation's history to be cleared (Qianfan need_clear_history). */
  | 'contentFlagged';

/** What every error needs to know about where it happened. */
export interface ErrorContext {
  readonly providerId: string;
  readonly providerName: string;
  readonly model?: string;
  readonly baseUrl?: string;
  /** Values (keys, tokens) scrubbed from every text field. */
  readonly secrets: readonly string[];
}

export interface ProviderErrorDetails {
  readonly kind: ErrorKind;
  readonly status?: number;
  /** The provider's own error code (string or number as text). */
  readonly code?: string;
  /** The provider's own error text, scrubbed. */
  readonly providerMessage?: string;
  readonly retryAfterMs?: number;
  /** For invalidParams: the wire name of the parameter and its allowed range. */
  readonly param?: string;
  readonly range?: string;
  /** For invalidParams: the refused value as text. */
  readonly value?: string;
  readonly timeoutMs?: number;
  readonly timeoutPhase?: 'headers' | 'idle' | 'response';
  /** A short technical detail (network error code, protocol problem). */
  readonly detail?: string;
  /** True when no key was configured (as opposed to a rejected key). */
  readonly keyMissing?: boolean;
  /** For contentFlagged: the turn the provider flagged (Qianfan ban_round; -1 = the current question). */
  readonly banRound?: number;
  /** What to do, when the provider's error code says more than the kind does; replaces the kind's advice. In any language: see userText.ts. */
  readonly advice?: Wording;
  /** Overrides whether the kind is worth another attempt (a provider's code table knows better). */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/**
 * Provider text kept in an error (characters). Servers can send error bodies of megabytes; a few KB
 * say all there is to say, and scrubbing and classifying then cost little whatever the text is.
 */
export const PROVIDER_TEXT_LIMIT = 4096;

/**
 * `text` scrubbed and cut to PROVIDER_TEXT_LIMIT. Scrubbing runs on a longer window first, so a
 * secret straddling the final cut is masked whole instead of leaving its first characters behind.
 */
function scrubbed(text: string, secrets: readonly string[]): string {
  return redactText(text.slice(0, 2 * PROVIDER_TEXT_LIMIT), secrets).slice(0, PROVIDER_TEXT_LIMIT);
}

/** Advice whose words, in any language, pass through the same scrub as the provider's. */
function scrubbedWording(wording: Wording, scrub: (s: string) => string | undefined): Wording {
  return (t) => scrub(wording(t)) ?? '';
}

const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['rateLimited', 'server', 'network', 'timeout', 'truncated']);

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ErrorKind;
  readonly providerId: string;
  readonly providerName: string;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly status?: number;
  readonly code?: string;
  readonly providerMessage?: string;
  readonly retryAfterMs?: number;
  readonly param?: string;
  readonly range?: string;
  readonly value?: string;
  readonly timeoutMs?: number;
  readonly timeoutPhase?: 'headers' | 'idle' | 'response';
  readonly detail?: string;
  readonly keyMissing?: boolean;
  readonly banRound?: number;
  readonly advice?: Wording;
  private readonly retryOverride?: boolean;
  /** What had arrived before the failure (set by `complete()`); streamed text is already with the caller. */
  partial?: ChatResult;

  constructor(context: ErrorContext, details: ProviderErrorDetails) {
    const scrub = (s: string | undefined): string | undefined => (s === undefined ? undefined : scrubbed(s, context.secrets));
    const fields = {
      ...details,
      providerName: context.providerName,
      model: context.model,
      // Credentials in the URL (user:pass@, ?access_token=) never reach a message.
      baseUrl: context.baseUrl === undefined ? undefined : redactUrl(context.baseUrl, context.secrets),
      code: scrub(details.code),
      providerMessage: scrub(details.providerMessage?.trim()),
      detail: scrub(details.detail),
      advice: details.advice && scrubbedWording(details.advice, scrub),
    };
    super(formatErrorMessage(fields), details.cause !== undefined ? { cause: details.cause } : undefined);
    this.kind = details.kind;
    this.providerId = context.providerId;
    this.providerName = context.providerName;
    this.model = context.model;
    this.baseUrl = fields.baseUrl;
    this.status = details.status;
    this.code = fields.code;
    this.providerMessage = fields.providerMessage;
    this.retryAfterMs = details.retryAfterMs;
    this.param = details.param;
    this.range = details.range;
    this.value = details.value;
    this.timeoutMs = details.timeoutMs;
    this.timeoutPhase = details.timeoutPhase;
    this.detail = fields.detail;
    this.keyMissing = details.keyMissing;
    this.banRound = details.banRound;
    this.advice = fields.advice;
    this.retryOverride = details.retryable;
  }

  /** Worth another attempt if nothing was shown yet (openai-node's rule: 408, 409, 429, 5xx, connection errors). */
  get retryable(): boolean {
    if (this.retryOverride !== undefined) return this.retryOverride;
    return RETRYABLE_KINDS.has(this.kind) || this.status === 408 || this.status === 409;
  }

  /** Plain structured data for the host (e.g. to post to the webview or translate). */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      providerId: this.providerId,
      providerName: this.providerName,
      model: this.model,
      status: this.status,
      code: this.code,
      providerMessage: this.providerMessage,
      retryAfterMs: this.retryAfterMs,
      param: this.param,
      range: this.range,
      value: this.value,
      timeoutMs: this.timeoutMs,
      timeoutPhase: this.timeoutPhase,
      detail: this.detail,
      banRound: this.banRound,
      message: this.message,
    };
  }
}

/** Maps an HTTP status to a kind when the body says nothing more specific. */
export function kindFromStatus(status: number): ErrorKind {
  if (status === 401) return 'auth';
  if (status === 402) return 'quota';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 408) return 'timeout';
  if (status === 413) return 'contextTooLong';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  return 'badRequest';
}

// Wording seen in OpenAI, LMDeploy, vLLM and Chinese providers' error texts. The InternLM rate-limit
// body is undocumented, so any text mentioning the limit counts as rate limiting.
const QUOTA_TEXT = /insufficient[_ ]quota|quota exceeded|exceeded your (current )?quota|balance|余额|欠费|arrear|额度/i;
const RATE_TEXT = /rate[_ -]?limit|too many requests|rpm_|tpm_|qps|requests? per minute|请求过于频繁|频率|限流|流控/i;
const LENGTH_TEXT = /context[_ ]length|context window|maximum context|too long|max(imum)?[_ ]length|token limit|exceeds? the (model|max)|超过.{0,12}长度|过长|超长/i;
const AUTH_TYPE = /authenticat|invalid[_ ]api[_ ]key|invalid[_ ]token|unauthori[sz]ed|api key/i;

export interface ErrorInfo {
  readonly status?: number;
  readonly code?: string;
  readonly type?: string;
  readonly message?: string;
}

/** Classifies an error from its HTTP status (if any) and the provider's code, type and text. */
export function classifyError(info: ErrorInfo): ErrorKind {
  const text = [info.code, info.type, info.message].filter(Boolean).join(' ').slice(0, PROVIDER_TEXT_LIMIT);
  const numericCode = info.code !== undefined && /^\d{3}$/.test(info.code) ? Number(info.code) : undefined;
  // LMDeploy puts the HTTP status in `code` of its flat error objects, also inside a stream.
  const status = info.status !== undefined && info.status >= 400 ? info.status : numericCode;
  if (status === 401) return 'auth';
  if (status === 404) return 'notFound';
  if (QUOTA_TEXT.test(text)) return 'quota';
  if (RATE_TEXT.test(text)) return 'rateLimited';
  if (LENGTH_TEXT.test(text)) return 'contextTooLong';
  if (status !== undefined && status >= 400) return kindFromStatus(status);
  if (AUTH_TYPE.test(text)) return 'auth';
  if (/permission|forbidden/i.test(text)) return 'forbidden';
  if (/not[_ ]found|does not exist/i.test(text)) return 'notFound';
  if (/invalid[_ ]request|validation|invalid[_ ]param/i.test(text)) return 'badRequest';
  // An error event with no hint is the server's failure, worth a retry if nothing was shown.
  return 'server';
}

/** Network error codes that mean the connection itself failed. */
function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/;

/** Turns anything thrown during a call into a ProviderError (ProviderErrors pass through). */
export function toProviderError(err: unknown, context: ErrorContext): ProviderError {
  if (err instanceof ProviderError) return err;
  const code = networkCode(err);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new ProviderError(context, { kind: 'timeout', timeoutPhase: 'headers', detail: code, cause: err });
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new ProviderError(context, { kind: 'timeout', timeoutPhase: 'idle', detail: code, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  let detail = code ?? message;
  if (code && TLS_CODES.test(code)) detail = detailText.tls(code);
  return new ProviderError(context, { kind: 'network', detail, cause: err });
}
