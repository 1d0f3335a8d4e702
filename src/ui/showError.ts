import * as vscode from 'vscode';
import { ProviderError } from '../providers';
import { errorSummary, errorText } from './errorText';
import { inertText } from './inertText';

/** What a failure says: `summary` is safe for a notification, `details` (the provider's own words too) is for the log. */
export interface ErrorReport {
  readonly summary: string;
  readonly details: string;
}

/** The one way a failure is put into words for the user, in the UI language, whoever failed. */
export function reportError(error: unknown): ErrorReport {
  if (error instanceof ProviderError) return { summary: errorSummary(error), details: errorText(error) };
  const message = error instanceof Error ? error.message : String(error);
  return { summary: inertText(message), details: message };
}

/**
 * Shows a failure as an error notification with fixed text, plus `actions` and "Show details",
 * which opens the log where the whole text was written. Resolves to the action chosen, if any.
 */
export async function showError(
  report: ErrorReport,
  log: vscode.LogOutputChannel,
  ...actions: string[]
): Promise<string | undefined> {
  log.error(report.details);
  const details = vscode.l10n.t('Show Details');
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Chorus: {0}', report.summary), ...actions, details);
  if (choice === details) log.show(true);
  return choice === details ? undefined : choice;
}
