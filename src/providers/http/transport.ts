// Sends one HTTP request with undici through the dispatcher the proxy settings select. Timeouts
// and retries live in the engine; undici's own timers are disabled so there is one source of truth.

import { request } from 'undici';
import type { HttpRequestSpec } from '../chatProtocol';
import type { ResponseBody } from './bodyReader';
import type { DispatcherPool } from './dispatcher';

export interface HttpResponse {
  readonly status: number;
  /** Lowercase names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: ResponseBody;
}

export interface HttpClient {
  /** The proxy a request to `url` goes through (redacted), for the log. */
  route(url: URL): string | undefined;
  /** Aborting `signal` closes the connection, also while the body is being read. */
  send(spec: HttpRequestSpec, signal: AbortSignal): Promise<HttpResponse>;
}

export function createUndiciClient(pool: DispatcherPool): HttpClient {
  return {
    route: (url) => pool.forUrl(url).via,
    async send(spec, signal) {
      const { dispatcher } = pool.forUrl(spec.url);
      const res = await request(spec.url, {
        method: spec.method,
        headers: spec.headers,
        body: spec.body,
        signal,
        dispatcher,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      return { status: res.statusCode, headers: res.headers, body: res.body };
    },
  };
}
