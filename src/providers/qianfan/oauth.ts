// One OAuth access-token request (seed "Access Token获取", providers.md B):
// POST {base}/oauth/2.0/token?grant_type=client_credentials&client_id=<API Key>&client_secret=<Secret Key>
// → {"access_token":"24.…","expires_in":2592000,…}, or {"error":"invalid_client","error_description":…}
// where "unknown client id" means the API Key is wrong and "Client authentication failed" the Secret
// Key (bce-qianfan-sdk python/qianfan/resources/auth/oauth.py). The secret travels in the URL: the
// URL is only ever logged through redactUrl.

import { ProviderError, toProviderError, type ErrorContext, type ProviderErrorDetails } from '../errors';
import { BodyReader } from '../http/bodyReader';
import type { HttpClient } from '../http/transport';
import { redactUrl } from '../redact';
import type { Logger } from '../types';
import { qianfanErrorDetails } from './errorCodes';
import { advice, details } from './qianfanText';

export const TOKEN_PATH = '/oauth/2.0/token';
/** The documented lifetime (30 days), assumed when a response leaves `expires_in` out. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 2_592_000;

export interface IssuedToken {
  readonly token: string;
  readonly expiresInSeconds: number;
}

export interface TokenRequest {
  readonly http: HttpClient;
  /** Without trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly secretKey: string;
  readonly errorContext: ErrorContext;
  /** Gives up on a token endpoint that does not answer (default 60 s). */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
}

export function tokenUrl(baseUrl: string, apiKey: string, secretKey: string): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${TOKEN_PATH}`);
  url.searchParams.set('grant_type', 'client_credentials');
  url.searchParams.set('client_id', apiKey);
  url.searchParams.set('client_secret', secretKey);
  return url;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The token in a token endpoint's answer, or the ProviderError it amounts to. */
export function parseTokenResponse(status: number, bodyText: string, context: ErrorContext): IssuedToken {
  const fail = (details: ProviderErrorDetails): never => {
    throw new ProviderError(context, { status, ...details });
  };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    if (status >= 500) fail({ kind: 'server', detail: details.tokenEndpointFailed });
    fail({ kind: 'protocol', detail: details.tokenNotJson(bodyText.slice(0, 120)), advice: advice.checkBaseUrl });
  }
  if (!isRecord(body)) return fail({ kind: 'protocol', detail: details.tokenNotObject, advice: advice.checkBaseUrl });
  const description = typeof body.error_description === 'string' ? body.error_description : undefined;
  if (body.error === 'invalid_client') {
    return fail({ kind: 'auth', code: 'invalid_client', providerMessage: description, advice: advice.invalidClient(description) });
  }
  if (typeof body.error === 'string' && body.error !== '') {
    return fail({
      kind: status >= 500 ? 'server' : 'badRequest',
      code: body.error,
      providerMessage: description,
      advice: advice.tokenRequestRefused,
    });
  }
  const code = typeof body.error_code === 'number' && body.error_code !== 0 ? body.error_code : undefined;
  if (code !== undefined) {
    return fail(qianfanErrorDetails(code, typeof body.error_msg === 'string' ? body.error_msg : undefined, status));
  }
  if (status >= 500) return fail({ kind: 'server', detail: details.tokenEndpointFailed });
  const token = body.access_token;
  if (typeof token !== 'string' || token === '') return fail({ kind: 'protocol', detail: details.noAccessToken, advice: advice.checkBaseUrl });
  const expires = body.expires_in;
  const expiresInSeconds = typeof expires === 'number' && Number.isFinite(expires) && expires > 0 ? expires : DEFAULT_TOKEN_LIFETIME_SECONDS;
  return { token, expiresInSeconds };
}

/** Fetches a fresh access token; errors are ProviderErrors (network ones retryable by the engine). */
export async function fetchAccessToken(req: TokenRequest, signal: AbortSignal = new AbortController().signal): Promise<IssuedToken> {
  const url = tokenUrl(req.baseUrl, req.apiKey, req.secretKey);
  const shown = redactUrl(url, req.errorContext.secrets);
  const timeoutMs = req.timeoutMs ?? 60_000;
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('token request timeout'));
  }, timeoutMs);
  timer.unref?.();
  let body: BodyReader | undefined;
  const started = performance.now();
  try {
    req.logger?.debug(`[${req.errorContext.providerId}] POST ${shown}`);
    const res = await req.http.send(
      { method: 'POST', url, headers: { accept: 'application/json', 'content-type': 'application/json' } },
      controller.signal,
    );
    body = new BodyReader(res.body);
    const text = await body.text(64 * 1024);
    req.logger?.info(`[${req.errorContext.providerId}] POST ${shown} → ${res.status} in ${Math.round(performance.now() - started)} ms`);
    const issued = parseTokenResponse(res.status, text, req.errorContext);
    req.logger?.info(`[${req.errorContext.providerId}] got an access token valid for ${Math.round(issued.expiresInSeconds / 3600)} h`);
    return issued;
  } catch (e) {
    if (signal.aborted) throw new ProviderError(req.errorContext, { kind: 'cancelled', cause: e });
    if (timedOut) throw new ProviderError(req.errorContext, { kind: 'timeout', timeoutMs, timeoutPhase: 'headers', detail: details.tokenRequest, cause: e });
    throw toProviderError(e, req.errorContext);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forward);
    body?.destroy();
  }
}
