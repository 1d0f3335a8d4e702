import * as vscode from 'vscode';
import { flaggedTurn, formatErrorMessage, ProviderError, type Translate } from '../providers';
import { inertText } from './inertText';

/**
 * VS Code's translation: the template looked up in the l10n bundle for the UI language (Chinese in
 * l10n/bundle.l10n.zh-cn.json), else the English template, with its placeholders filled in.
 */
const uiLanguage: Translate = (template, ...args) => vscode.l10n.t(template, ...args);

/**
 * A provider error in the UI language, built from its structured fields by the provider module's
 * own formatter (src/providers/userText.ts): the provider, what happened, the HTTP status or
 * provider code, the provider's own words (kept verbatim: often Chinese) and what to do, including
 * a provider's advice for its error code.
 */
export function errorText(error: ProviderError, t: Translate = uiLanguage): string {
  return formatErrorMessage(error, t);
}

/**
 * The same error without anything the provider, a model or a URL wrote: the provider's words, the
 * technical detail, the model name and the base URL are left out. This is what a notification may
 * show (VS Code renders `[label](command:…)` in notifications as a link that runs the command); the
 * whole text goes to the log behind "Show details". The provider's code is kept, made inert.
 */
export function errorSummary(error: ProviderError, t: Translate = uiLanguage): string {
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
  return inertText(errorText(bare, t));
}

/** What the panel says when the provider flagged a conversation and asked for its history to be cleared. */
export function flaggedText(banRound: number | undefined): string {
  const which = flaggedTurn(banRound, uiLanguage);
  const head = which
    ? vscode.l10n.t('The provider flagged this conversation as unsafe ({0}).', which)
    : vscode.l10n.t('The provider flagged this conversation as unsafe.');
  return `${head} ${vscode.l10n.t('Chorus closed it as the provider asked (its earlier turns stay in History) and started a new one. Rephrase your question and try again.')}`;
}
