// Qianfan wenxinworkshop error codes → what Chorus does about them (providers.md B; codes from
// baidubce/bce-qianfan-sdk python/qianfan/consts.py and go/qianfan/consts.go, retry set from the Go
// SDK's default RetryErrCodes). Errors arrive as `{"error_code": N, "error_msg": "..."}`, usually
// with HTTP 200, so the code, not the status, decides: retry with back-off, refresh the access
// token and retry once, or stop with a message that says what to do (messages.ts).

import { classifyError, type ErrorKind, type ProviderErrorDetails } from '../errors';
import type { Wording } from '../userText';
import { advice, CODE_ADVICE } from './qianfanText';

export type QianfanAction = 'retry' | 'refreshToken' | 'fail';

export interface QianfanCode {
  readonly kind: ErrorKind;
  readonly action: QianfanAction;
}

export const QIANFAN_CODES: Readonly<Record<number, QianfanCode>> = {
  1: { kind: 'server', action: 'fail' }, // unknown error
  2: { kind: 'server', action: 'retry' }, // service temporarily unavailable
  3: { kind: 'notFound', action: 'fail' }, // unsupported openapi method (wrong path / endpoint)
  4: { kind: 'rateLimited', action: 'fail' }, // the service's overall request limit
  6: { kind: 'forbidden', action: 'fail' }, // no permission to access data
  13: { kind: 'server', action: 'fail' }, // get service token failed
  14: { kind: 'auth', action: 'fail' }, // IAM certification failed (signature mode)
  15: { kind: 'notFound', action: 'retry' }, // app not exists or being created
  17: { kind: 'quota', action: 'fail' }, // daily request limit / not paid for
  18: { kind: 'rateLimited', action: 'retry' }, // QPS limit
  19: { kind: 'quota', action: 'fail' }, // total request limit
  100: { kind: 'badRequest', action: 'fail' }, // invalid parameter (e.g. no access_token)
  110: { kind: 'auth', action: 'refreshToken' }, // access token invalid
  111: { kind: 'auth', action: 'refreshToken' }, // access token expired
  336000: { kind: 'server', action: 'fail' }, // internal error
  336001: { kind: 'badRequest', action: 'fail' }, // invalid argument
  336002: { kind: 'badRequest', action: 'fail' }, // invalid JSON
  336003: { kind: 'badRequest', action: 'fail' }, // invalid parameter (length: see below)
  336004: { kind: 'forbidden', action: 'fail' }, // permission error
  336005: { kind: 'notFound', action: 'fail' }, // API name does not exist
  336006: { kind: 'badRequest', action: 'fail' }, // messages shape
  336100: { kind: 'server', action: 'retry' }, // server high load
  336101: { kind: 'badRequest', action: 'fail' }, // invalid HTTP method
  336104: { kind: 'badRequest', action: 'fail' }, // invalid argument: system
  336105: { kind: 'badRequest', action: 'fail' }, // invalid argument: user setting
  336501: { kind: 'rateLimited', action: 'retry' }, // RPM limit
  336502: { kind: 'rateLimited', action: 'retry' }, // TPM limit
};

/** 336003 is "invalid parameter" in general; the common case names the input length. */
const LENGTH_TEXT = /max(imum)?[_ ]length|too long|长度|过长|超过/i;

/** The code's entry and advice, or undefined for a code the table does not know. */
export function qianfanCode(code: number, message = ''): (QianfanCode & { readonly advice: Wording | undefined }) | undefined {
  if (code === 336003 && LENGTH_TEXT.test(message)) return { kind: 'contextTooLong', action: 'fail', advice: advice.inputTooLong };
  const entry = QIANFAN_CODES[code];
  return entry && { ...entry, advice: CODE_ADVICE[code] };
}

/** Error details for `{error_code, error_msg}`; unknown codes are classified by their text. */
export function qianfanErrorDetails(code: number, message: string | undefined, status?: number): ProviderErrorDetails {
  const entry = qianfanCode(code, message);
  const base = { status, code: String(code), providerMessage: message };
  if (!entry) return { ...base, kind: classifyError({ code: String(code), message, status }) };
  return {
    ...base,
    kind: entry.kind,
    advice: entry.advice,
    // The table decides, not the kind: 4 is a rate limit that back-off does not fix, 15 an app that may appear.
    retryable: entry.action === 'retry',
  };
}
