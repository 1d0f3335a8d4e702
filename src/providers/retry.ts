// When and how long to wait before another attempt, after openai-node (src/client.ts): honour
// retry-after-ms, then Retry-After (seconds or an HTTP date) when it is at most 60 s, else back off
// 0.5 s·2ⁿ capped at 8 s with jitter. Whether to retry at all is decided by the engine, which
// never retries once text was delivered.

import type { ProviderError } from './errors';

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number;
  /** First back-off delay (default 500 ms); tests make it tiny. */
  readonly baseDelayMs?: number;
  /** Back-off cap (default 8 s). */
  readonly maxDelayMs?: number;
  /** Source of jitter in [0, 1) (default Math.random). */
  readonly random?: () => number;
}

export const MAX_RETRY_AFTER_MS = 60_000;

type HeaderValue = string | string[] | undefined;

function first(v: HeaderValue): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Milliseconds the server asked us to wait, if it said so (any size; the caller judges it). */
export function parseRetryAfter(headers: Readonly<Record<string, HeaderValue>>, nowMs: number): number | undefined {
  const ms = first(headers['retry-after-ms']);
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const ra = first(headers['retry-after']);
  if (ra === undefined || ra.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Number(ra) * 1000;
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Delay before retry number `retryIndex` (0 for the first retry). */
export function retryDelayMs(retryIndex: number, error: ProviderError, options: RetryOptions = {}): number {
  const after = error.retryAfterMs;
  if (after !== undefined && after >= 0 && after <= MAX_RETRY_AFTER_MS) return after;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 8000;
  const delay = Math.min(base * 2 ** retryIndex, cap);
  const random = options.random ?? Math.random;
  // Up to 25% less, so clients that failed together do not retry together.
  return delay * (1 - random() * 0.25);
}

/**
 * A server asking for more than a minute will not be ready after a short back-off either: better to
 * tell the user how long to wait than to spend retries (and rate-limit slots) on it.
 */
export function wantsLongWait(error: ProviderError): boolean {
  return error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS;
}
