// Qianfan's second auth mode (seed "基于安全认证AK/SK进行签名计算鉴权"): every request carries
// `x-bce-date` and an `Authorization: bce-auth-v1/...` header signed with the IAM Access Key and
// Secret Key over the method, path, query and the host, content-type and x-bce-date headers. No
// token, so nothing to refresh; a refused signature (code 14) is usually wrong keys or a wrong clock.

import type { Auth } from '../auth';
import { systemClock, type Clock } from '../clock';
import type { HttpRequestSpec } from '../chatProtocol';
import { bceAuthorization, bceTimestamp, DEFAULT_EXPIRATION_SECONDS } from './signer';

export interface QianfanSignatureAuthOptions {
  readonly accessKey?: string;
  readonly secretKey?: string;
  /** Signature lifetime (default 1800 s). */
  readonly expirationSeconds?: number;
  /** Source of the signing time. */
  readonly clock?: Clock;
}

/** The headers signed on every request (the SDKs sign these at least). */
export const SIGNED_HEADERS = ['host', 'content-type', 'x-bce-date'] as const;

function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

export function qianfanSignatureAuth(options: QianfanSignatureAuthOptions): Auth {
  const accessKey = options.accessKey?.trim() ?? '';
  const secretKey = options.secretKey?.trim() ?? '';
  const clock = options.clock ?? systemClock;
  return {
    configured: accessKey !== '' && secretKey !== '',
    async apply(spec: HttpRequestSpec): Promise<void> {
      const now = clock.now();
      spec.headers['x-bce-date'] = bceTimestamp(now);
      spec.headers['content-type'] ??= 'application/json';
      // undici sends the URL's host (port included when not the default) as Host: sign exactly that.
      const headers = { ...spec.headers, host: spec.url.host };
      const params: Record<string, string> = {};
      for (const [k, v] of spec.url.searchParams) params[k] = v;
      spec.headers.authorization = bceAuthorization({
        accessKey,
        secretKey,
        method: spec.method,
        path: decodedPath(spec.url),
        params,
        headers,
        headersToSign: SIGNED_HEADERS,
        timestamp: now,
        expirationSeconds: options.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS,
      });
    },
    secrets: () => [accessKey, secretKey].filter(Boolean),
  };
}
