import * as vscode from 'vscode';
import type { ProviderFactory } from '../config/providerFactory';
import { providerName } from '../config/providerCatalog';
import { ProviderError } from '../providers';
import { inertText } from '../ui/inertText';
import { reportError, showError } from '../ui/showError';

/** What `chorus.testConnection` returns, for scripts and tests. */
export interface ConnectionReport {
  readonly ok: boolean;
  readonly provider: string;
  readonly model?: string;
  readonly latencyMs?: number;
  /** What the notification says: fixed text, never the provider's words or a URL. */
  readonly message: string;
  /** The whole text, the provider's own words included, as written to the log. */
  readonly details?: string;
  /** The provider error's kind when it failed. */
  readonly kind?: string;
}

/** `chorus.testConnection`: one minimal request to the current provider; reports model and latency, or the exact error and its fix. */
export function registerTestConnection(factory: ProviderFactory, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('chorus.testConnection', async (): Promise<ConnectionReport> => {
    const id = await factory.currentProvider();
    const name = providerName(id);
    const report: ConnectionReport = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Chorus: testing the connection to {0}…', name), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        const started = Date.now();
        try {
          const { provider } = await factory.create(id);
          try {
            const result = await provider.complete(
              { messages: [{ role: 'user', content: 'ping' }], maxTokens: 1 },
              { signal: controller.signal },
            );
            const latencyMs = Date.now() - started;
            // The server names the model: its words never reach a notification as markup.
            const model = inertText(result.model || provider.model);
            return { ok: true, provider: id, model, latencyMs, message: vscode.l10n.t('Chorus: connected to {0} ({1}) in {2} ms.', name, model, latencyMs) };
          } finally {
            void provider.dispose();
          }
        } catch (error) {
          const { summary, details } = reportError(error);
          return { ok: false, provider: id, message: summary, details, kind: error instanceof ProviderError ? error.kind : undefined };
        } finally {
          cancel.dispose();
        }
      },
    );
    log.info(`Test connection to ${id}: ${report.ok ? `ok in ${report.latencyMs} ms` : 'failed'}`);
    if (report.ok) {
      void vscode.window.showInformationMessage(report.message);
    } else {
      const setKey = vscode.l10n.t('Set API Key');
      const settings = vscode.l10n.t('Open Settings');
      const actions = report.kind === 'auth' || report.kind === 'forbidden' ? [setKey, settings] : [settings];
      void showError({ summary: report.message, details: report.details ?? report.message }, log, ...actions).then((choice) => {
        if (choice === setKey) void vscode.commands.executeCommand('chorus.setApiKey', id);
        if (choice === settings) void vscode.commands.executeCommand('workbench.action.openSettings', `chorus.${id}`);
      });
    }
    return report;
  });
}
