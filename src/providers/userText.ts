// Every user-facing sentence of the provider module, in one place. Error text is built from the
// structured fields of ProviderError by one implementation that takes a translation function `t`:
// the module itself says it in English (`english`); the host passes vscode.l10n.t, whose bundle
// (l10n/bundle.l10n.zh-cn.json) holds the Chinese for every `t(template)` call written here and in
// qianfan/qianfanText.ts. Punctuation goes through `t` too ('{0}.' is '{0}。' in Chinese).

import type { ProviderErrorDetails } from './errors';

/** Formats an English template: `{0}`, `{1}`, … are the arguments (vscode.l10n.t's signature and format). */
export type Translate = (template: string, ...args: Array<string | number>) => string;

/** The module's own language: the template itself, with its placeholders filled in. */
export const english: Translate = (template, ...args) =>
  template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? placeholder : String(arg);
  });

/** A sentence in whatever language `t` speaks (e.g. an error's advice, fixed when it is thrown). */
export type Wording = (t: Translate) => string;

/** What a message is built from: the error's details (not its plumbing) and where the request went. */
export type MessageFields = Omit<ProviderErrorDetails, 'retryable' | 'cause'> & {
  readonly providerName: string;
  readonly model?: string;
  readonly baseUrl?: string;
};

function seconds(ms: number | undefined): number {
  return Math.max(1, Math.ceil((ms ?? 0) / 1000));
}

/** Which turn the provider flagged, as Qianfan's ban_round says it (-1: the question just asked). */
export function flaggedTurn(banRound: number | undefined, t: Translate): string {
  if (banRound === -1) return t('the current question');
  return banRound !== undefined ? t('turn {0}', banRound) : '';
}

function invalidParamsHeadline(f: MessageFields, t: Translate): string {
  if (f.param && f.range) {
    return f.value !== undefined
      ? t('{0} = {1} is outside the allowed range {2}', f.param, f.value, f.range)
      : t('{0} is outside the allowed range {1}', f.param, f.range);
  }
  const param = f.param ?? t('the request');
  return f.detail ? t('{0} is not valid: {1}', param, f.detail) : t('{0} is not valid', param);
}

function headline(f: MessageFields, t: Translate): string {
  switch (f.kind) {
    case 'auth':
      return f.keyMissing ? t('no API key is set') : t('the API key was rejected');
    case 'forbidden':
      return t('access was denied');
    case 'notFound':
      return t('the model or endpoint was not found');
    case 'rateLimited':
      return t('the rate limit was reached');
    case 'quota':
      return t('the quota or account balance is used up');
    case 'server':
      return t('the server had an error');
    case 'badRequest':
      return t('the request was rejected');
    case 'contextTooLong':
      return t('the conversation is too long for the model');
    case 'invalidParams':
      return invalidParamsHeadline(f, t);
    case 'network':
      return f.detail ? t('could not reach the server ({0})', f.detail) : t('could not reach the server');
    case 'timeout':
      return f.timeoutPhase === 'idle'
        ? t('the answer stalled: nothing arrived for {0} s', seconds(f.timeoutMs))
        : t('no response within {0} s', seconds(f.timeoutMs));
    case 'truncated':
      return f.detail ? t('the answer ended before it was complete ({0})', f.detail) : t('the answer ended before it was complete');
    case 'protocol':
      return f.detail ? t('sent a response Chorus could not read ({0})', f.detail) : t('sent a response Chorus could not read');
    case 'cancelled':
      return t('the request was cancelled');
    case 'contentFlagged': {
      const which = flaggedTurn(f.banRound, t);
      return which ? t('the conversation was flagged as unsafe ({0})', which) : t('the conversation was flagged as unsafe');
    }
  }
}

function checkModelAndUrl(f: MessageFields, t: Translate): string {
  if (f.model && f.baseUrl) return t('Check the model name "{0}" and the base URL {1}.', f.model, f.baseUrl);
  if (f.model) return t('Check the model name "{0}" and the base URL.', f.model);
  if (f.baseUrl) return t('Check the model name and the base URL {0}.', f.baseUrl);
  return t('Check the model name and the base URL.');
}

function advice(f: MessageFields, t: Translate): string {
  switch (f.kind) {
    case 'auth':
      return t('Set a valid API key for {0} (command "Chorus: Set API Key").', f.providerName);
    case 'forbidden':
      return f.model
        ? t('Check that the key may use model "{0}" and that the account is active.', f.model)
        : t('Check that the key may use this model and that the account is active.');
    case 'notFound':
      return checkModelAndUrl(f, t);
    case 'rateLimited':
      return f.retryAfterMs !== undefined
        ? t('Wait {0} s and try again.', seconds(f.retryAfterMs))
        : t('Wait a minute and try again, or lower the requests-per-minute setting.');
    case 'quota':
      return t('Check the quota and balance of your {0} account.', f.providerName);
    case 'server':
      return t('Try again in a moment.');
    case 'badRequest':
      return t('Check the model name and the request settings (temperature, max tokens).');
    case 'contextTooLong':
      return t('Shorten the conversation or the selection, or start a new chat.');
    case 'invalidParams':
      return f.param === 'model' ? t('Choose another model or fix the model name.') : t('Change the setting and try again.');
    case 'network':
      return f.baseUrl
        ? t('Check the network connection, the base URL {0} and the proxy settings (http.proxy).', f.baseUrl)
        : t('Check the network connection, the base URL and the proxy settings (http.proxy).');
    case 'timeout':
      return t('Try again; raise the timeout setting if the model is slow.');
    case 'truncated':
      return t('The partial answer was kept; try again to get the rest.');
    case 'protocol':
      return t('Check that the base URL points to an OpenAI-compatible endpoint.');
    case 'cancelled':
      return '';
    case 'contentFlagged':
      return t('Its history has to be cleared: start a new chat.');
  }
}

const MAX_PROVIDER_MESSAGE = 300;

/**
 * The whole message in `t`'s language (English by default): provider, what happened (status,
 * code), the provider's own words (verbatim, cut at 300 characters), what to do.
 */
export function formatErrorMessage(f: MessageFields, t: Translate = english): string {
  const where: string[] = [];
  if (f.status !== undefined) where.push(`HTTP ${f.status}`);
  if (f.code !== undefined && f.code !== '' && f.code !== String(f.status)) where.push(t('code {0}', f.code));
  let text = t('{0}: {1}', f.providerName, headline(f, t));
  if (where.length > 0) text = t('{0} ({1})', text, where.reduce((a, b) => t('{0}, {1}', a, b)));
  text = t('{0}.', text);
  if (f.providerMessage) {
    const said = f.providerMessage.length > MAX_PROVIDER_MESSAGE
      ? `${f.providerMessage.slice(0, MAX_PROVIDER_MESSAGE)}…`
      : f.providerMessage;
    text = t('{0} {1}', text, t('{0} said: "{1}".', f.providerName, said));
  }
  const todo = f.advice ? f.advice(t) : advice(f, t);
  return todo ? t('{0} {1}', text, todo) : text;
}

/** Why a request waits in the client-side queue, e.g. "InternLM allows 10 requests a minute". */
export function rateLimitWaitReason(providerName: string, requestsPerMinute: number): string {
  return `${providerName} allows ${requestsPerMinute} request${requestsPerMinute === 1 ? '' : 's'} a minute`;
}

/** Why an attempt is retried, for the `retrying` event. */
export function retryReason(f: Pick<MessageFields, 'kind' | 'status' | 'detail'>): string {
  const status = f.status !== undefined ? ` (HTTP ${f.status})` : '';
  switch (f.kind) {
    case 'rateLimited':
      return `rate limited${status}`;
    case 'server':
      return `server error${status}`;
    case 'network':
      return `connection failed${f.detail ? ` (${f.detail})` : ''}`;
    case 'timeout':
      return 'timed out';
    case 'truncated':
      return 'the stream ended early';
    default:
      return `${f.kind}${status}`;
  }
}

/** Text used when a parameter the provider does not take is dropped (a log line, not an error). */
export function droppedParamNote(providerName: string, param: string): string {
  return `${providerName} does not take "${param}"; it was not sent.`;
}

/**
 * Short explanations that go into `detail` (and so into the message) when the module itself
 * finds a problem. Kept here with the rest of the English text.
 */
export const details = {
  noModel: (providerName: string) => `no model is set for ${providerName}`,
  noModelListed: (providerName: string) => `no model is set for ${providerName}, and its server lists none (Ollama: ollama pull <model>)`,
  badModelName: (model: string, providerName: string, hint: string) => `"${model}" is not a ${providerName} model name; ${hint}`,
  lanruiModelShape: 'Lanrui model names look like model_name/model_version',
  noMessages: 'at least one message is needed',
  roleNotTaken: (n: number, role: string, providerName: string, roles: readonly string[]) =>
    `message ${n} has role "${role}"; ${providerName} takes ${roles.join(', ')}`,
  noContent: (n: number) => `message ${n} has no content`,
  unknownPart: (n: number) => `message ${n} has an unknown part`,
  noImages: (model: string) => `model "${model}" does not take images`,
  badImageUrl: (n: number) => `message ${n} has an image that is neither an http(s) URL nor a base64 data URL`,
  stopList: 'stop must be a list of non-empty strings',
  toolNames: 'every tool needs a name',
  notHttpUrl: (url: string) => `"${url}" is not an http(s) URL`,
  streamEndedEarly: 'the stream ended without [DONE] or a finish reason',
  lastEventCut: 'the last event was cut off',
  eventNotJson: (snippet: string) => `an event is not JSON: ${snippet}`,
  lineNotSse: (snippet: string) => `a line is not server-sent events: ${snippet}`,
  chunkNotObject: 'a chunk is not a JSON object',
  noChoices: 'the response has no choices',
  bodyNotJson: 'the response is not valid JSON',
  bodyNotJsonQuoted: (snippet: string) => `the response is not JSON: ${snippet}`,
  modelListShape: 'the model list has no "data" array',
  redirected: (location: string) => `redirected to ${location}`,
  connectionLost: (code: string) => `the connection was lost (${code})`,
  tls: (code: string) => `TLS ${code}; a proxy that inspects TLS may need http.proxyStrictSSL off`,
} as const;

/** Advice that goes with a result that is not an error. */
export const hints = {
  /** An empty model list: Ollama answers `"data": null` until a model is pulled. */
  noModels: 'The server lists no models. If it is Ollama, pull one first (ollama pull <model>).',
} as const;
