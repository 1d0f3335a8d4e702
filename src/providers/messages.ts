// Every user-facing English sentence of the provider module, in one place. The host can translate
// from the structured fields of ProviderError (kind, status, code, providerMessage, retryAfterMs,
// param, range, timeoutMs) instead of parsing these strings.

import type { ProviderErrorDetails } from './errors';

/** What a message is built from: the error's details (not its plumbing) and where the request went. */
export type MessageFields = Omit<ProviderErrorDetails, 'retryable' | 'cause'> & {
  readonly providerName: string;
  readonly model?: string;
  readonly baseUrl?: string;
};

const SET_KEY = 'Chorus: Set API Key';

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `${s} s`;
}

function headline(f: MessageFields): string {
  switch (f.kind) {
    case 'auth':
      return f.keyMissing ? 'no API key is set' : 'the API key was rejected';
    case 'forbidden':
      return 'access was denied';
    case 'notFound':
      return 'the model or endpoint was not found';
    case 'rateLimited':
      return 'the rate limit was reached';
    case 'quota':
      return 'the quota or account balance is used up';
    case 'server':
      return 'the server had an error';
    case 'badRequest':
      return 'the request was rejected';
    case 'contextTooLong':
      return 'the conversation is too long for the model';
    case 'invalidParams':
      if (f.param && f.range) {
        return `${f.param}${f.value !== undefined ? ` = ${f.value}` : ''} is outside the allowed range ${f.range}`;
      }
      return `${f.param ?? 'the request'} is not valid${f.detail ? `: ${f.detail}` : ''}`;
    case 'network':
      return `could not reach the server${f.detail ? ` (${f.detail})` : ''}`;
    case 'timeout':
      if (f.timeoutPhase === 'idle') {
        return `the answer stalled: nothing arrived for ${seconds(f.timeoutMs ?? 0)}`;
      }
      return `no response within ${seconds(f.timeoutMs ?? 0)}`;
    case 'truncated':
      return `the answer ended before it was complete${f.detail ? ` (${f.detail})` : ''}`;
    case 'protocol':
      return `sent a response Chorus could not read${f.detail ? ` (${f.detail})` : ''}`;
    case 'cancelled':
      return 'the request was cancelled';
    case 'contentFlagged':
      return `the conversation was flagged as unsafe${
        f.banRound === -1 ? ' (the current question)' : f.banRound !== undefined ? ` (turn ${f.banRound})` : ''
      }`;
  }
}

function advice(f: MessageFields): string {
  switch (f.kind) {
    case 'auth':
      return `Set a valid API key for ${f.providerName} (command "${SET_KEY}").`;
    case 'forbidden':
      return `Check that the key may use ${f.model ? `model "${f.model}"` : 'this model'} and that the account is active.`;
    case 'notFound':
      return `Check the model name${f.model ? ` "${f.model}"` : ''} and the base URL${f.baseUrl ? ` ${f.baseUrl}` : ''}.`;
    case 'rateLimited':
      return f.retryAfterMs !== undefined
        ? `Wait ${seconds(f.retryAfterMs)} and try again.`
        : 'Wait a minute and try again, or lower the requests-per-minute setting.';
    case 'quota':
      return `Check the quota and balance of your ${f.providerName} account.`;
    case 'server':
      return 'Try again in a moment.';
    case 'badRequest':
      return 'Check the model name and the request settings (temperature, max tokens).';
    case 'contextTooLong':
      return 'Shorten the conversation or the selection, or start a new chat.';
    case 'invalidParams':
      return f.param === 'model' ? 'Choose another model or fix the model name.' : 'Change the setting and try again.';
    case 'network':
      return `Check the network connection, the base URL${f.baseUrl ? ` ${f.baseUrl}` : ''} and the proxy settings (http.proxy).`;
    case 'timeout':
      return 'Try again; raise the timeout setting if the model is slow.';
    case 'truncated':
      return 'The partial answer was kept; try again to get the rest.';
    case 'protocol':
      return 'Check that the base URL points to an OpenAI-compatible endpoint.';
    case 'cancelled':
      return '';
    case 'contentFlagged':
      return 'Its history has to be cleared: start a new chat.';
  }
}

const MAX_PROVIDER_MESSAGE = 300;

/** The full English message: provider, what happened (status/code), the provider's words, what to do. */
export function formatErrorMessage(f: MessageFields): string {
  const where: string[] = [];
  if (f.status !== undefined) where.push(`HTTP ${f.status}`);
  if (f.code !== undefined && f.code !== '' && f.code !== String(f.status)) where.push(`code ${f.code}`);
  let text = `${f.providerName}: ${headline(f)}`;
  if (where.length > 0) text += ` (${where.join(', ')})`;
  text += '.';
  if (f.providerMessage) {
    const said = f.providerMessage.length > MAX_PROVIDER_MESSAGE
      ? `${f.providerMessage.slice(0, MAX_PROVIDER_MESSAGE)}…`
      : f.providerMessage;
    text += ` ${f.providerName} said: "${said}".`;
  }
  const todo = f.advice ?? advice(f);
  if (todo) text += ` ${todo}`;
  return text;
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
