import * as vscode from 'vscode';
import type { ProviderFactory } from '../config/providerFactory';
import { providerName } from '../config/providerCatalog';
import type { ProviderId } from '../config/settings';

/** Whether a request would fail for want of a key (the provider module's rule, at the configured address). */
export async function keyIsMissing(id: ProviderId, providers: ProviderFactory): Promise<boolean> {
  return !(await providers.hasUsableKey(id));
}

/** The notification for a missing key, whose button opens Set API Key for that provider. */
export function offerToSetKey(id: ProviderId): string {
  const message = vscode.l10n.t('Chorus: no API key is set for {0}.', providerName(id));
  const setKey = vscode.l10n.t('Set API Key');
  void vscode.window.showWarningMessage(message, setKey).then((choice) => {
    if (choice === setKey) void vscode.commands.executeCommand('chorus.setApiKey', id);
  });
  return message;
}
