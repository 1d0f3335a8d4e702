// How credentials get onto a request, kept apart from protocols: a static Bearer key for the
// OpenAI-style presets, nothing for a keyless local server, or a token fetched by a callback and
// cached until shortly before it expires (what Qianfan's OAuth access_token needs).

import { systemClock, type Clock } from './clock';
import type { HttpRequestSpec } from './chatProtocol';

export interface Auth {
  /** False when no credentials are configured (a key is missing). */
  readonly configured: boolean;
  /** Adds credentials to a request about to be sent; may fetch a token first. */
  apply(spec: HttpRequestSpec, signal: AbortSignal): Promise<void>;
  /**
   * The server rejected the credentials: drop cached ones. Returns true when fresh credentials can
   * be obtained, so the call is retried once.
   */
  invalidate?(): boolean;
  /** Values to scrub from logs and error messages. */
  secrets(): readonly string[];
}

export const noAuth: Auth = {
  configured: false,
  apply: async () => undefined,
  secrets: () => [],
};

/** Users paste keys with stray spaces or a "Bearer " prefix (the InternLM page shows both forms). */
export function normalizeKey(key: string | undefined): string | undefined {
  const k = key?.trim().replace(/^bearer\s+/i, '').trim();
  return k ? k : undefined;
}

export function bearerAuth(apiKey: string | undefined): Auth {
  const key = normalizeKey(apiKey);
  if (!key) return noAuth;
  return {
    configured: true,
    apply: async (spec) => {
      spec.headers.authorization = `Bearer ${key}`;
    },
    secrets: () => [key],
  };
}

export interface FetchedToken {
  readonly token: string;
  /** Lifetime from now; undefined means it does not expire. */
  readonly expiresInMs?: number;
}

export interface CachedTokenAuthOptions {
  /** Obtains a fresh token (e.g. Qianfan's OAuth endpoint); errors propagate to the call. */
  fetchToken(signal: AbortSignal): Promise<FetchedToken>;
  /** Puts the token on the request; default is a Bearer header. */
  applyToken?(spec: HttpRequestSpec, token: string): void;
  /** Refresh this long before expiry (default 60 s). */
  refreshMarginMs?: number;
  /** Other secrets to scrub (e.g. the client secret used to fetch the token). */
  secrets?: readonly string[];
  clock?: Clock;
}

export function cachedTokenAuth(options: CachedTokenAuthOptions): Auth {
  const clock = options.clock ?? systemClock;
  const margin = options.refreshMarginMs ?? 60_000;
  const applyToken = options.applyToken ?? ((spec, token) => (spec.headers.authorization = `Bearer ${token}`));
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const known = new Set<string>(options.secrets?.filter(Boolean) ?? []);

  const current = async (signal: AbortSignal): Promise<string> => {
    if (cached && clock.now() < cached.expiresAt - margin) return cached.token;
    // Concurrent calls share one fetch.
    inFlight ??= options
      .fetchToken(signal)
      .then((t) => {
        known.add(t.token);
        cached = { token: t.token, expiresAt: t.expiresInMs === undefined ? Infinity : clock.now() + t.expiresInMs };
        return t.token;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    configured: true,
    apply: async (spec, signal) => applyToken(spec, await current(signal)),
    invalidate: () => {
      cached = undefined;
      return true;
    },
    secrets: () => [...known],
  };
}
