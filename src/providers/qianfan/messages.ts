// Every English sentence the Qianfan provider adds, in one place (as ../messages.ts is for the
// module). The host translates from ProviderError's structured fields (kind, code, param, value,
// range, banRound) and the notice's `dropped`; these texts are the English fallback.

const CONSOLE = 'the Qianfan console (console.bce.baidu.com/qianfan)';
const APP_CONSOLE = 'the application in the Qianfan console (console.bce.baidu.com/qianfan → 应用接入)';
const SET_KEYS = 'command "Chorus: Set API Key"';
const CHECK_ENDPOINT =
  'Check the Qianfan endpoint setting (the part of the service address after /wenxinworkshop/chat/) and the base URL.';
const CHECK_KEYS = `Check the API Key and Secret Key of your Qianfan application (${SET_KEYS}).`;

/** What to do about each error code (see errorCodes.ts for what Chorus itself does). */
export const CODE_ADVICE: Readonly<Record<number, string>> = {
  1: `Try again later; if it keeps happening, check the service's status in ${CONSOLE}.`,
  2: 'The service is briefly unavailable; try again in a moment.',
  3: CHECK_ENDPOINT,
  4: `The service's overall request limit was reached; try again later, or raise the limit in ${CONSOLE}.`,
  6: `In ${CONSOLE}, give the application access to this service and check that the service is running.`,
  13: `Qianfan could not get a service token; try again later, and check the application in ${CONSOLE}.`,
  14: "Check the Access Key and Secret Key (IAM keys, not the application's API Key) and that this computer's clock is right: signatures expire.",
  15: `The application was not found or is still being created; check the API Key in ${CONSOLE}.`,
  17: `The daily request limit was reached, or the service is not paid for: check billing (开通付费) in ${CONSOLE}, or try again tomorrow.`,
  18: `Too many requests per second; wait a moment, or raise the QPS limit in ${CONSOLE}.`,
  19: `The total request quota is used up; buy more or turn on pay-as-you-go in ${CONSOLE}.`,
  100: `The request lacked a valid parameter or access token. ${CHECK_KEYS}`,
  110: `The access token was refused and a fresh one did not help. ${CHECK_KEYS}`,
  111: `The access token expired and a fresh one did not help. ${CHECK_KEYS}`,
  336000: 'Qianfan had an internal error; try again later.',
  336001: 'Qianfan refused the request format; check the endpoint and the request settings.',
  336002: 'Qianfan could not read the request; try again, and report it if it keeps happening.',
  336003: 'Check the request settings (temperature, top_p, stop); if the conversation is long, shorten it or start a new chat.',
  336004: `The application may not call this service; grant it access in ${CONSOLE}.`,
  336005: CHECK_ENDPOINT,
  336006: 'Qianfan refused the shape of the conversation; start a new chat.',
  336100: 'Qianfan is under high load; try again in a moment.',
  336101: CHECK_ENDPOINT,
  336104: 'The system prompt was refused; shorten it, or send it inside the first message instead (Qianfan system prompt setting).',
  336105: 'A request setting (such as user_id) was refused; check the Qianfan request settings.',
  336501: `The requests-per-minute limit was reached; wait a minute, or raise the RPM limit in ${CONSOLE}.`,
  336502: `The tokens-per-minute limit was reached; wait a minute, or raise the TPM limit in ${CONSOLE}.`,
};

export const advice = {
  /** 336003 naming the input length. */
  inputTooLong: 'Shorten the message or the selection, start a new chat, or lower the Qianfan max input characters setting to what the endpoint takes.',
  /** The last message alone exceeds the limit (refused before sending). */
  questionTooLong: (chars: number, limit: number, withSystem: boolean) =>
    `The last message${withSystem ? ' with the system prompt' : ''} alone has ${chars} characters; ` +
    `this endpoint takes at most ${limit} (the Qianfan max input characters setting). Shorten it or send a smaller selection.`,
  /** `invalid_client` from the token endpoint: which key it blames. */
  invalidClient: (description: string | undefined) => {
    if (description === 'unknown client id') return `The API Key is wrong: copy it again from ${APP_CONSOLE} (${SET_KEYS}).`;
    if (description === 'Client authentication failed') {
      return `The Secret Key is wrong (the API Key was recognised): copy it again from ${APP_CONSOLE} (${SET_KEYS}).`;
    }
    return `The API Key or Secret Key is wrong: copy both again from ${APP_CONSOLE} (${SET_KEYS}).`;
  },
  tokenRequestRefused: `Qianfan refused the access-token request; check the API Key, the Secret Key and the base URL (${SET_KEYS}).`,
  checkBaseUrl: 'Check the Qianfan base URL (https://aip.baidubce.com).',
  protocol: 'Check that the base URL is the Qianfan API (https://aip.baidubce.com) and the endpoint is a chat service.',
} as const;

/** Short explanations that go into `detail`. */
export const details = {
  noQuestion: 'there is no question to send (every message is empty)',
  endsWithAnswer: (providerName: string) => `${providerName} answers only a conversation that ends with the user's message`,
  stopList: (providerName: string, items: number, chars: number) => `${providerName} takes at most ${items} stop strings of at most ${chars} characters`,
  userId: 'user_id must be a non-empty string',
  lineNotSse: (snippet: string) => `a line is not server-sent events: ${snippet}`,
  eventNotJson: (snippet: string) => `an event is not JSON: ${snippet}`,
  lastEventCut: 'the last event was cut off',
  chunkNotObject: 'a chunk is not a JSON object',
  noResult: 'the response has neither "result" nor "error_code"',
  endedInsideJson: (snippet: string) => `the body ended inside JSON: ${snippet}`,
  endedBeforeIsEnd: 'the stream ended before is_end',
  endedWithoutAnswer: 'the stream ended without an answer',
  tokenNotJson: (snippet: string) => `the token response is not JSON: ${snippet}`,
  tokenNotObject: 'the token response is not a JSON object',
  noAccessToken: 'the token response has no access_token',
  tokenEndpointFailed: 'the token endpoint failed',
  tokenRequest: 'access token request',
} as const;

/** The `notice` event's text when the oldest turns were left out. */
export function turnsDroppedMessage(providerName: string, dropped: number, limit: number): string {
  const turns = dropped === 1 ? 'turn' : `${dropped} turns`;
  return `The oldest ${turns} of this conversation ${dropped === 1 ? 'was' : 'were'} left out to fit ${providerName}'s limit of ${limit} characters.`;
}

/** Why the registry's Qianfan entry cannot make calls by itself. */
export const needsQianfanAuth =
  'Qianfan takes an API Key and a Secret Key (or IAM keys) and was set up without them; the host creates it with createQianfanProvider';

/** What a valid endpoint looks like (the hint after "… is not a Qianfan model name;"). */
export const endpointHint = 'the endpoint is the last part of the service address, after /wenxinworkshop/chat/ (e.g. chatglm3_6b)';
