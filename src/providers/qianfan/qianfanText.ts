// Every sentence the Qianfan provider adds, in one place (as ../userText.ts is for the module).
// Advice is a Wording: said through a translation function `t`, English by default, Chinese when
// the host passes vscode.l10n.t (every `t(template)` call here has an entry in the l10n bundle).
// Details and the notice are English; the host translates from the structured fields instead.

import type { Translate, Wording } from '../userText';

const qianfanConsole = (t: Translate) => t('the Qianfan console (console.bce.baidu.com/qianfan)');
const appConsole = (t: Translate) => t('the application in the Qianfan console (console.bce.baidu.com/qianfan → 应用接入)');
const checkEndpoint: Wording = (t) =>
  t('Check the Qianfan endpoint setting (the part of the service address after /wenxinworkshop/chat/) and the base URL.');
const checkKeys = (t: Translate) => t('Check the API Key and Secret Key of your Qianfan application (command "Chorus: Set API Key").');

/** What to do about each error code (see errorCodes.ts for what Chorus itself does). */
export const CODE_ADVICE: Readonly<Record<number, Wording>> = {
  1: (t) => t("Try again later; if it keeps happening, check the service's status in {0}.", qianfanConsole(t)),
  2: (t) => t('The service is briefly unavailable; try again in a moment.'),
  3: checkEndpoint,
  4: (t) => t("The service's overall request limit was reached; try again later, or raise the limit in {0}.", qianfanConsole(t)),
  6: (t) => t('In {0}, give the application access to this service and check that the service is running.', qianfanConsole(t)),
  13: (t) => t('Qianfan could not get a service token; try again later, and check the application in {0}.', qianfanConsole(t)),
  14: (t) => t("Check the Access Key and Secret Key (IAM keys, not the application's API Key) and that this computer's clock is right: signatures expire."),
  15: (t) => t('The application was not found or is still being created; check the API Key in {0}.', qianfanConsole(t)),
  17: (t) => t('The daily request limit was reached, or the service is not paid for: check billing (开通付费) in {0}, or try again tomorrow.', qianfanConsole(t)),
  18: (t) => t('Too many requests per second; wait a moment, or raise the QPS limit in {0}.', qianfanConsole(t)),
  19: (t) => t('The total request quota is used up; buy more or turn on pay-as-you-go in {0}.', qianfanConsole(t)),
  100: (t) => t('{0} {1}', t('The request lacked a valid parameter or access token.'), checkKeys(t)),
  110: (t) => t('{0} {1}', t('The access token was refused and a fresh one did not help.'), checkKeys(t)),
  111: (t) => t('{0} {1}', t('The access token expired and a fresh one did not help.'), checkKeys(t)),
  336000: (t) => t('Qianfan had an internal error; try again later.'),
  336001: (t) => t('Qianfan refused the request format; check the endpoint and the request settings.'),
  336002: (t) => t('Qianfan could not read the request; try again, and report it if it keeps happening.'),
  336003: (t) => t('Check the request settings (temperature, top_p, stop); if the conversation is long, shorten it or start a new chat.'),
  336004: (t) => t('The application may not call this service; grant it access in {0}.', qianfanConsole(t)),
  336005: checkEndpoint,
  336006: (t) => t('Qianfan refused the shape of the conversation; start a new chat.'),
  336100: (t) => t('Qianfan is under high load; try again in a moment.'),
  336101: checkEndpoint,
  336104: (t) => t('The system prompt was refused; shorten it, or send it inside the first message instead (Qianfan system prompt setting).'),
  336105: (t) => t('A request setting (such as user_id) was refused; check the Qianfan request settings.'),
  336501: (t) => t('The requests-per-minute limit was reached; wait a minute, or raise the RPM limit in {0}.', qianfanConsole(t)),
  336502: (t) => t('The tokens-per-minute limit was reached; wait a minute, or raise the TPM limit in {0}.', qianfanConsole(t)),
};

export const advice = {
  /** 336003 naming the input length. */
  inputTooLong: ((t) =>
    t('Shorten the message or the selection, start a new chat, or lower the Qianfan max input characters setting to what the endpoint takes.')) as Wording,
  /** The last message alone exceeds the limit (refused before sending). */
  questionTooLong: (chars: number, limit: number, withSystem: boolean): Wording => (t) =>
    withSystem
      ? t('The last message with the system prompt alone has {0} characters; this endpoint takes at most {1} (the Qianfan max input characters setting). Shorten it or send a smaller selection.', chars, limit)
      : t('The last message alone has {0} characters; this endpoint takes at most {1} (the Qianfan max input characters setting). Shorten it or send a smaller selection.', chars, limit),
  /** `invalid_client` from the token endpoint: which key it blames. */
  invalidClient: (description: string | undefined): Wording => (t) => {
    if (description === 'unknown client id') return t('The API Key is wrong: copy it again from {0} (command "Chorus: Set API Key").', appConsole(t));
    if (description === 'Client authentication failed') {
      return t('The Secret Key is wrong (the API Key was recognised): copy it again from {0} (command "Chorus: Set API Key").', appConsole(t));
    }
    return t('The API Key or Secret Key is wrong: copy both again from {0} (command "Chorus: Set API Key").', appConsole(t));
  },
  tokenRequestRefused: ((t) =>
    t('Qianfan refused the access-token request; check the API Key, the Secret Key and the base URL (command "Chorus: Set API Key").')) as Wording,
  checkBaseUrl: ((t) => t('Check the Qianfan base URL (https://aip.baidubce.com).')) as Wording,
  protocol: ((t) => t('Check that the base URL is the Qianfan API (https://aip.baidubce.com) and the endpoint is a chat service.')) as Wording,
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
