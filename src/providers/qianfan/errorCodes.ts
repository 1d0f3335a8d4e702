// Qianfan wenxinworkshop error codes → what Chorus does about them (providers.md B; codes from
// baidubce/bce-qianfan-sdk python/qianfan/consts.py and go/qianfan/consts.go, retry set from the Go
// SDK's default RetryErrCodes). Errors arrive as `{"error_code": N, "error_msg": "..."}`, usually
// with HTTP 200, so the code, not the status, decides: retry with back-off, refresh the access
// token and retry once, or stop with a message that says what to do.

import { classifyError, type ErrorKind, type ProviderErrorDetails } from '../errors';

export type QianfanAction = 'retry' | 'refreshToken' | 'fail';

export interface QianfanCode {
  readonly kind: ErrorKind;
  readonly action: QianfanAction;
  /** What to do, in the words the user sees after the provider's message. */
  readonly advice: string;
}

const CONSOLE = 'the Qianfan console (console.bce.baidu.com/qianfan)';
const CHECK_ENDPOINT =
  'Check the Qianfan endpoint setting (the part of the service address after /wenxinworkshop/chat/) and the base URL.';
const CHECK_KEYS = 'Check the API Key and Secret Key of your Qianfan application (command "Chorus: Set API Key").';

export const QIANFAN_CODES: Readonly<Record<number, QianfanCode>> = {
  1: { kind: 'server', action: 'fail', advice: `Try again later; if it keeps happening, check the service's status in ${CONSOLE}.` },
  2: { kind: 'server', action: 'retry', advice: 'The service is briefly unavailable; try again in a moment.' },
  3: { kind: 'notFound', action: 'fail', advice: CHECK_ENDPOINT },
  4: { kind: 'rateLimited', action: 'fail', advice: `The service's overall request limit was reached; try again later, or raise the limit in ${CONSOLE}.` },
  6: { kind: 'forbidden', action: 'fail', advice: `In ${CONSOLE}, give the application access to this service and check that the service is running.` },
  13: { kind: 'server', action: 'fail', advice: `Qianfan could not get a service token; try again later, and check the application in ${CONSOLE}.` },
  14: {
    kind: 'auth',
    action: 'fail',
    advice: 'Check the Access Key and Secret Key (IAM keys, not the application\'s API Key) and that this computer\'s clock is right: signatures expire.',
  },
  15: { kind: 'notFound', action: 'retry', advice: `The application was not found or is still being created; check the API Key in ${CONSOLE}.` },
  17: {
    kind: 'quota',
    action: 'fail',
    advice: `The daily request limit was reached, or the service is not paid for: check billing (开通付费) in ${CONSOLE}, or try again tomorrow.`,
  },
  18: { kind: 'rateLimited', action: 'retry', advice: `Too many requests per second; wait a moment, or raise the QPS limit in ${CONSOLE}.` },
  19: { kind: 'quota', action: 'fail', advice: `The total request quota is used up; buy more or turn on pay-as-you-go in ${CONSOLE}.` },
  100: { kind: 'badRequest', action: 'fail', advice: `The request lacked a valid parameter or access token. ${CHECK_KEYS}` },
  110: { kind: 'auth', action: 'refreshToken', advice: `The access token was refused and a fresh one did not help. ${CHECK_KEYS}` },
  111: { kind: 'auth', action: 'refreshToken', advice: `The access token expired and a fresh one did not help. ${CHECK_KEYS}` },
  336000: { kind: 'server', action: 'fail', advice: 'Qianfan had an internal error; try again later.' },
  336001: { kind: 'badRequest', action: 'fail', advice: 'Qianfan refused the request format; check the endpoint and the request settings.' },
  336002: { kind: 'badRequest', action: 'fail', advice: 'Qianfan could not read the request; try again, and report it if it keeps happening.' },
  336003: { kind: 'badRequest', action: 'fail', advice: 'Check the request settings (temperature, top_p, stop); if the conversation is long, shorten it or start a new chat.' },
  336004: { kind: 'forbidden', action: 'fail', advice: `The application may not call this service; grant it access in ${CONSOLE}.` },
  336005: { kind: 'notFound', action: 'fail', advice: CHECK_ENDPOINT },
  336006: { kind: 'badRequest', action: 'fail', advice: 'Qianfan refused the shape of the conversation; start a new chat.' },
  336100: { kind: 'server', action: 'retry', advice: 'Qianfan is under high load; try again in a moment.' },
  336101: { kind: 'badRequest', action: 'fail', advice: CHECK_ENDPOINT },
  336104: { kind: 'badRequest', action: 'fail', advice: 'The system prompt was refused; shorten it, or turn off sending it as a separate field.' },
  336105: { kind: 'badRequest', action: 'fail', advice: 'A request setting (such as user_id) was refused; check the Qianfan request settings.' },
  336501: { kind: 'rateLimited', action: 'retry', advice: `The requests-per-minute limit was reached; wait a minute, or raise the RPM limit in ${CONSOLE}.` },
  336502: { kind: 'rateLimited', action: 'retry', advice: `The tokens-per-minute limit was reached; wait a minute, or raise the TPM limit in ${CONSOLE}.` },
};

const LENGTH_TEXT = /max(imum)?[_ ]length|too long|长度|过长|超过/i;

/** 336003 is "invalid parameter" in general; the common case names the input length. */
const TOO_LONG: QianfanCode = {
  kind: 'contextTooLong',
  action: 'fail',
  advice: 'Shorten the message or the selection, start a new chat, or lower the Qianfan max input characters setting to what the endpoint takes.',
};

/** The code's entry, or undefined for a code the table does not know. */
export function qianfanCode(code: number, message = ''): QianfanCode | undefined {
  if (code === 336003 && LENGTH_TEXT.test(message)) return TOO_LONG;
  return QIANFAN_CODES[code];
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
