import * as vscode from 'vscode';
import { ProviderError } from '../providers';
import { inertText } from './inertText';

const MAX_PROVIDER_MESSAGE = 300;

/**
 * A provider error in the UI language, built from its structured fields: the provider, what
 * happened, the HTTP status or provider code, the provider's own words (kept verbatim: often
 * Chinese) and what to do. English users get the provider module's own sentence.
 */
export function errorText(error: ProviderError, language = vscode.env.language): string {
  if (!language.toLowerCase().startsWith('zh')) return error.message;
  const where: string[] = [];
  if (error.status !== undefined) where.push(`HTTP ${error.status}`);
  if (error.code && error.code !== String(error.status)) where.push(vscode.l10n.t('code {0}', error.code));
  let text = `${error.providerName}:${headline(error)}`;
  if (where.length) text += `(${where.join(',')})`;
  text += '。';
  if (error.providerMessage) {
    const said = error.providerMessage.length > MAX_PROVIDER_MESSAGE ? `${error.providerMessage.slice(0, MAX_PROVIDER_MESSAGE)}…` : error.providerMessage;
    text += vscode.l10n.t('{0} says: "{1}".', error.providerName, said);
  }
  const todo = advice(error);
  return todo ? `${text}${todo}` : text;
}

/**
 * The same error without anything the provider, a model or a URL wrote: the provider's words, the
 * technical detail, the model name and the base URL are left out. This is what a notification may
 * show (VS Code renders `[label](command:…)` in notifications as a link that runs the command); the
 * whole text goes to the log behind "Show details". The provider's code is kept, made inert.
 */
export function errorSummary(error: ProviderError, language = vscode.env.language): string {
  const bare = new ProviderError(
    { providerId: error.providerId, providerName: error.providerName, secrets: [] },
    {
      kind: error.kind,
      status: error.status,
      // A code is the provider's too: kept only when it looks like one (e.g. 336003, invalid_api_key).
      code: error.code !== undefined && /^[\w.:-]{1,40}$/.test(error.code) ? error.code : undefined,
      retryAfterMs: error.retryAfterMs,
      param: error.param,
      range: error.range,
      timeoutMs: error.timeoutMs,
      timeoutPhase: error.timeoutPhase,
      keyMissing: error.keyMissing,
      banRound: error.banRound,
      advice: error.advice,
    },
  );
  return inertText(errorText(bare, language));
}

/** Which turn the provider flagged, as Qianfan's ban_round says it (-1: the question just asked). */
function flaggedTurn(banRound: number | undefined): string {
  if (banRound === -1) return vscode.l10n.t('the current question');
  return banRound !== undefined ? vscode.l10n.t('turn {0}', banRound) : '';
}

/** What the panel says when the provider flagged a conversation and asked for its history to be cleared. */
export function flaggedText(banRound: number | undefined): string {
  const which = flaggedTurn(banRound);
  const head = which
    ? vscode.l10n.t('The provider flagged this conversation as unsafe ({0}).', which)
    : vscode.l10n.t('The provider flagged this conversation as unsafe.');
  return `${head} ${vscode.l10n.t('Chorus closed it as the provider asked (its earlier turns stay in History) and started a new one. Rephrase your question and try again.')}`;
}

function seconds(ms: number | undefined): number {
  return Math.max(1, Math.ceil((ms ?? 0) / 1000));
}

function headline(e: ProviderError): string {
  switch (e.kind) {
    case 'auth':
      return e.keyMissing ? vscode.l10n.t('no API key is set') : vscode.l10n.t('the API key was rejected');
    case 'forbidden':
      return vscode.l10n.t('access was denied');
    case 'notFound':
      return vscode.l10n.t('the model or endpoint was not found');
    case 'rateLimited':
      return vscode.l10n.t('the rate limit was reached');
    case 'quota':
      return vscode.l10n.t('the quota or account balance is used up');
    case 'server':
      return vscode.l10n.t('the server had an error');
    case 'badRequest':
      return vscode.l10n.t('the request was rejected');
    case 'contextTooLong':
      return vscode.l10n.t('the conversation is too long for the model');
    case 'invalidParams':
      return e.param && e.range
        ? vscode.l10n.t('{0} is outside the allowed range {1}', e.value !== undefined ? `${e.param} = ${e.value}` : e.param, e.range)
        : vscode.l10n.t('{0} is not valid', e.param ?? 'request') + (e.detail ? `(${e.detail})` : '');
    case 'network':
      return vscode.l10n.t('could not reach the server') + (e.detail ? `(${e.detail})` : '');
    case 'timeout':
      return e.timeoutPhase === 'idle'
        ? vscode.l10n.t('the answer stalled: nothing arrived for {0} s', seconds(e.timeoutMs))
        : vscode.l10n.t('no response within {0} s', seconds(e.timeoutMs));
    case 'truncated':
      return vscode.l10n.t('the answer ended before it was complete');
    case 'protocol':
      return vscode.l10n.t('sent a response Chorus could not read') + (e.detail ? `(${e.detail})` : '');
    case 'cancelled':
      return vscode.l10n.t('the request was cancelled');
    case 'contentFlagged': {
      const which = flaggedTurn(e.banRound);
      return vscode.l10n.t('the conversation was flagged as unsafe') + (which ? `(${which})` : '');
    }
    default:
      return e.message;
  }
}

function advice(e: ProviderError): string {
  switch (e.kind) {
    case 'auth':
      return vscode.l10n.t('Set a valid API key for {0} (command "Chorus: Set API Key").', e.providerName);
    case 'forbidden':
      return vscode.l10n.t('Check that the key may use this model and that the account is active.');
    case 'notFound':
      return vscode.l10n.t('Check the model name "{0}" and the base URL.', e.model ?? '');
    case 'rateLimited':
      return e.retryAfterMs !== undefined
        ? vscode.l10n.t('Wait {0} s and try again.', seconds(e.retryAfterMs))
        : vscode.l10n.t('Wait a minute and try again, or lower the requests-per-minute setting.');
    case 'quota':
      return vscode.l10n.t('Check the quota and balance of your {0} account.', e.providerName);
    case 'server':
      return vscode.l10n.t('Try again in a moment.');
    case 'badRequest':
      return vscode.l10n.t('Check the model name and the request settings (temperature, max tokens).');
    case 'contextTooLong':
      return vscode.l10n.t('Shorten the conversation or the selection, or start a new chat.');
    case 'invalidParams':
      return vscode.l10n.t('Change the setting and try again.');
    case 'network':
      return e.baseUrl
        ? vscode.l10n.t('Check the network connection, the base URL {0} and the proxy settings (http.proxy).', e.baseUrl)
        : vscode.l10n.t('Check the network connection, the base URL and the proxy settings (http.proxy).');
    case 'timeout':
      return vscode.l10n.t('Try again; raise the timeout setting if the model is slow.');
    case 'truncated':
      return vscode.l10n.t('The partial answer was kept; try again to get the rest.');
    case 'protocol':
      return vscode.l10n.t('Check that the base URL points to an OpenAI-compatible endpoint.');
    case 'contentFlagged':
      return vscode.l10n.t('Its history has to be cleared: start a new chat.');
    default:
      return '';
  }
}
