// Baidu Cloud request signing, bce-auth-v1 (providers.md B, after baidubce/bce-sdk-go auth/signer.go
// and bce-sdk-js src/auth.js): the second auth mode of the wenxinworkshop API, with an IAM Access
// Key and Secret Key instead of an OAuth token. Pure functions over node:crypto, so the published
// test vector can be checked without a network.

import { createHmac } from 'node:crypto';

export interface BceSignInput {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly method: string;
  /** The decoded path, e.g. /rpc/2.0/ai_custom/v1/wenxinworkshop/chat/chatglm3_6b. */
  readonly path: string;
  /** Query parameters; null and undefined sign as an empty value. */
  readonly params?: Readonly<Record<string, string | null | undefined>>;
  /** Request headers by any casing. */
  readonly headers: Readonly<Record<string, string | number | undefined>>;
  /** Names of the headers to sign (any casing); headers missing or empty are left out. */
  readonly headersToSign: readonly string[];
  /** Signing time: a Date or epoch milliseconds. */
  readonly timestamp: Date | number;
  /** How long the signature is valid (default 1800 s, the SDKs' default). */
  readonly expirationSeconds?: number;
}

export const DEFAULT_EXPIRATION_SECONDS = 1800;

/** UTC `yyyy-mm-ddThh:mm:ssZ`, the form of `x-bce-date` and of the signature's timestamp. */
export function bceTimestamp(time: Date | number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Uppercase %XX over UTF-8 bytes for everything but A-Z a-z 0-9 - _ . ~ (and `/` when asked). */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if ((byte < 0x80 && UNRESERVED.test(c)) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `enc(k)=enc(v)` for every parameter but `authorization`, sorted, joined by `&`. */
export function canonicalQuery(params: Readonly<Record<string, string | null | undefined>> = {}): string {
  return Object.entries(params)
    .filter(([k]) => k.toLowerCase() !== 'authorization')
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v ?? '')}`)
    .sort()
    .join('&');
}

/** The canonical header block and the signed header names, both sorted. */
export function canonicalHeaders(
  headers: Readonly<Record<string, string | number | undefined>>,
  headersToSign: readonly string[],
): { canonical: string; signed: string[] } {
  const wanted = new Set(headersToSign.map((h) => h.trim().toLowerCase()));
  const lines: string[] = [];
  const signed: string[] = [];
  for (const [name, raw] of Object.entries(headers)) {
    const key = name.trim().toLowerCase();
    if (!wanted.has(key) || raw === undefined) continue;
    const value = String(raw).trim();
    if (value === '') continue;
    lines.push(`${uriEncode(key)}:${uriEncode(value)}`);
    signed.push(key);
  }
  return { canonical: lines.sort().join('\n'), signed: signed.sort() };
}

function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

/** The `Authorization` header value: `bce-auth-v1/{ak}/{timestamp}/{expiration}/{signedHeaders}/{signature}`. */
export function bceAuthorization(input: BceSignInput): string {
  const expiration = input.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  const prefix = `bce-auth-v1/${input.accessKey}/${bceTimestamp(input.timestamp)}/${expiration}`;
  // The signing key is the lowercase hex string of the first HMAC, used as text.
  const signingKey = hmacHex(input.secretKey, prefix);
  const { canonical, signed } = canonicalHeaders(input.headers, input.headersToSign);
  const canonicalRequest = [input.method.toUpperCase(), uriEncode(input.path, true), canonicalQuery(input.params), canonical].join('\n');
  return `${prefix}/${signed.join(';')}/${hmacHex(signingKey, canonicalRequest)}`;
}
