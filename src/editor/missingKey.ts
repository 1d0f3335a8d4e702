import * as vscode from 'vscode';
import { getSetting, qianfanAuthMode } from '../config/configuration';
import type { ProviderFactory } from '../config/providerFactory';
import type { SecretStore } from '../config/secretStore';
import { PROVIDER_NAMES, SETTING_DEFAULTS, type ProviderId } from '../config/settings';

const trimSlashes = (url: string): string => url.trim().replace(/\/+$/, '');

/**
 * Whether a request would fail for want of a key. The provider module's rule: OpenAI-compatible
 * servers never need one, InternLM only at its own cloud address (a private LMDeploy may run without).
 */
export async function keyIsMissing(id: ProviderId, secrets: SecretStore, providers: ProviderFactory): Promise<boolean> {
  if (providers.keyOptional(id)) return false;
  if (id === 'internlm' && trimSlashes(getSetting('internlm.baseUrl')) !== trimSlashes(SETTING_DEFAULTS['internlm.baseUrl'])) return false;
  return !(await secrets.has(id, qianfanAuthMode()));
}

/** The notification for a missing key, whose button opens Set API Key for that provider. */
export function offerToSetKey(id: ProviderId): string {
  const message = vscode.l10n.t('Chorus: no API key is set for {0}.', PROVIDER_NAMES[id]);
  const setKey = vscode.l10n.t('Set API Key');
  void vscode.window.showWarningMessage(message, setKey).then((choice) => {
    if (choice === setKey) void vscode.commands.executeCommand('chorus.setApiKey', id);
  });
  return message;
}
