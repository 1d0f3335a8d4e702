// Qianfan's access-token auth: API Key + Secret Key → an OAuth token (30 days) put in the
// `access_token` query parameter. The token is cached with its expiry and refreshed shortly before
// it; when the server still says 110/111 the engine calls invalidate() and retries once with a fresh
// one (bce-qianfan-sdk oauth.py, go base_model.go). The host can keep the token across restarts
// (SecretStorage) through loadToken/saveToken/clearToken. Neither keys nor token are ever logged.

import { createHash } from 'node:crypto';
import type { Auth } from '../auth';
import { systemClock, type Clock } from '../clock';
import { ProviderError, type ErrorContext } from '../errors';
import type { HttpClient } from '../http/transport';
import type { HttpRequestSpec } from '../chatProtocol';
import type { Logger } from '../types';
import { fetchAccessToken } from './oauth';

/** What the host stores (as is) and hands back. */
export interface StoredQianfanToken {
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** Which base URL and key pair the token belongs to: a hash, not the keys. A stored token of other keys is ignored. */
  readonly keyId: string;
}

/** Persistence hooks; each may fail (a failure is logged and the token kept in memory only). */
export interface QianfanTokenHooks {
  /** Called once, before the first token is needed. */
  readonly loadToken?: () => Promise<StoredQianfanToken | undefined>;
  /** Called after every fetched token. */
  readonly saveToken?: (stored: StoredQianfanToken) => Promise<void>;
  /** Called when the server refused the stored token (110/111), so it is not loaded again. */
  readonly clearToken?: () => Promise<void>;
}

export interface QianfanTokenAuthOptions extends QianfanTokenHooks {
  readonly apiKey?: string;
  readonly secretKey?: string;
  /** Without trailing slash; the token endpoint is {baseUrl}/oauth/2.0/token. */
  readonly baseUrl: string;
  readonly http: HttpClient;
  /** Refresh this long before expiry (default 5 minutes). */
  readonly refreshMarginMs?: number;
  /** Token request timeout (default 60 s). */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly providerId?: string;
  readonly providerName?: string;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/** Ties a stored token to the base URL and keys that fetched it, without revealing them. */
export function tokenKeyId(baseUrl: string, apiKey: string, secretKey: string): string {
  return createHash('sha256').update(`${baseUrl}\n${apiKey}\n${secretKey}`).digest('hex').slice(0, 16);
}

/** `work`, or a cancelled ProviderError as soon as `signal` aborts (the work goes on for others). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, context: ErrorContext): Promise<T> {
  const cancelled = (): ProviderError => new ProviderError(context, { kind: 'cancelled', cause: signal.reason });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

type Log = (level: keyof Logger, message: string) => void;

/** Runs one of the host's storage hooks: its failing must not fail the answer, and its message cannot hold the token. */
async function storageHook(log: Log, name: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    log('warn', `${name} failed: ${e instanceof Error ? e.name : 'error'}; the access token is kept in memory only`);
  }
}

/** A stored token that is well formed and was issued for these keys and this base URL. */
function usableStoredToken(stored: StoredQianfanToken | undefined, keyId: string, log: Log): StoredQianfanToken | undefined {
  if (!stored || typeof stored.token !== 'string' || stored.token === '' || typeof stored.expiresAt !== 'number') return undefined;
  if (stored.keyId !== keyId) {
    log('info', 'the stored access token belongs to other keys or another base URL; fetching a new one');
    return undefined;
  }
  return stored;
}

/** Where token errors happened; the secrets are read when an error is made, so later tokens are scrubbed too. */
function tokenErrorContext(providerId: string, options: QianfanTokenAuthOptions, known: ReadonlySet<string>): ErrorContext {
  return {
    providerId,
    providerName: options.providerName ?? 'Qianfan',
    baseUrl: options.baseUrl,
    get secrets() {
      return [...known];
    },
  };
}

export function qianfanTokenAuth(options: QianfanTokenAuthOptions): Auth {
  const apiKey = options.apiKey?.trim() ?? '';
  const secretKey = options.secretKey?.trim() ?? '';
  const configured = apiKey !== '' && secretKey !== '';
  const clock = options.clock ?? systemClock;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const providerId = options.providerId ?? 'qianfan';
  const log: Log = (level, message) => options.logger?.[level](`[${providerId}] ${message}`);
  const keyId = configured ? tokenKeyId(options.baseUrl, apiKey, secretKey) : '';
  // Every token ever used stays scrubbed from logs and errors.
  const known = new Set<string>([apiKey, secretKey].filter(Boolean));
  let cached: { token: string; expiresAt: number } | undefined;
  let loading: Promise<void> | undefined;
  let inFlight: Promise<string> | undefined;
  const errorContext = tokenErrorContext(providerId, options, known);
  const fresh = (t: { expiresAt: number } | undefined): boolean => t !== undefined && clock.now() < t.expiresAt - margin;

  const loadStored = async (): Promise<void> => {
    const load = options.loadToken;
    if (!load) return;
    await storageHook(log, 'loadToken', async () => {
      const stored = usableStoredToken(await load(), keyId, log);
      if (!stored) return;
      known.add(stored.token);
      if (fresh(stored)) cached = { token: stored.token, expiresAt: stored.expiresAt };
      else log('info', 'the stored access token has expired; fetching a new one');
    });
  };

  // One fetch at a time, shared by concurrent calls. It is not tied to any caller's signal: a caller
  // that stops waiting must not cancel the token the others wait for (its own timeout bounds it).
  const refresh = (): Promise<string> => {
    inFlight ??= fetchAccessToken(
      { http: options.http, baseUrl: options.baseUrl, apiKey, secretKey, errorContext, timeoutMs: options.timeoutMs, logger: options.logger },
    )
      .then(async (issued) => {
        known.add(issued.token);
        const expiresAt = clock.now() + issued.expiresInSeconds * 1000;
        cached = { token: issued.token, expiresAt };
        const save = options.saveToken;
        if (save) await storageHook(log, 'saveToken', () => save({ token: issued.token, expiresAt, keyId }));
        return issued.token;
      })
      .catch((error: unknown) => {
        // A stale token must not make the engine think a refresh could still help.
        cached = undefined;
        throw error;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  const current = async (signal: AbortSignal): Promise<string> => {
    loading ??= loadStored();
    await untilAborted(loading, signal, errorContext);
    if (cached && fresh(cached)) return cached.token;
    if (cached) log('info', 'the access token is about to expire; fetching a new one');
    return untilAborted(refresh(), signal, errorContext);
  };

  return {
    configured,
    async apply(spec: HttpRequestSpec, signal: AbortSignal): Promise<void> {
      spec.url.searchParams.set('access_token', await current(signal));
    },
    invalidate(): boolean {
      // Only a token can be renewed; when the keys themselves were refused there is nothing to retry.
      if (!cached) return false;
      cached = undefined;
      log('info', 'the access token was refused; fetching a new one and retrying once');
      const clear = options.clearToken;
      if (clear) void storageHook(log, 'clearToken', clear);
      return true;
    },
    secrets: () => [...known],
  };
}
