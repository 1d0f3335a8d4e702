import * as vscode from 'vscode';
import { inertText } from '../ui/inertText';
import { qianfanAuthMode } from '../config/configuration';
import { secretSlots } from '../config/secretSlots';
import { EmptyKeyError, type SecretStore } from '../config/secretStore';
import { findEndpoint, isKnownProvider, providerIds, providerName } from '../config/providerCatalog';
import type { ProviderId } from '../config/settings';

/**
 * `chorus.setApiKey` and `chorus.clearApiKey`. With arguments `(providerId, key, secret?)` they run
 * without prompts, for automation and keybindings; without, they ask.
 */
export function registerApiKeyCommands(secrets: SecretStore, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('chorus.setApiKey', async (providerArg?: unknown, keyArg?: unknown, secretArg?: unknown) => {
      const provider = providerArg === undefined ? await pickProvider(secrets, vscode.l10n.t('Set the API key for which provider?')) : checkProvider(providerArg);
      if (!provider) return false;
      const mode = qianfanAuthMode();
      const values =
        keyArg === undefined ? await promptForKeys(provider) : [stringOrUndefined(keyArg), stringOrUndefined(secretArg)];
      if (!values) return false; // Cancelled: the old key stays.
      try {
        await secrets.set(provider, values, mode);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.warn(`Key for ${provider} not saved: ${error instanceof EmptyKeyError ? 'empty value' : message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Chorus: {0}', message));
        return false;
      }
      log.info(`Key for ${provider} saved in SecretStorage`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Chorus: the key for {0} is saved in VS Code\'s secure storage.', providerName(provider)));
      return true;
    }),
    vscode.commands.registerCommand('chorus.clearApiKey', async (providerArg?: unknown) => {
      const provider = providerArg === undefined ? await pickProvider(secrets, vscode.l10n.t('Clear the API key of which provider?'), true) : checkProvider(providerArg);
      if (!provider) return false;
      await secrets.clear(provider);
      log.info(`Key for ${provider} cleared`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Chorus: the key for {0} is cleared.', providerName(provider)));
      return true;
    }),
  ];
}

function checkProvider(value: unknown): ProviderId | undefined {
  if (isKnownProvider(value)) return value;
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Chorus: unknown provider "{0}". Use one of: {1}.', inertText(String(value).slice(0, 40)), providerIds().join(', ')),
  );
  return undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

async function pickProvider(secrets: SecretStore, placeHolder: string, onlyWithKeys = false): Promise<ProviderId | undefined> {
  const mode = qianfanAuthMode();
  const items = await Promise.all(
    providerIds().map(async (id) => {
      const hasKey = await secrets.has(id, mode);
      return {
        id,
        hasKey,
        label: providerName(id),
        description: hasKey ? vscode.l10n.t('$(key) key set') : vscode.l10n.t('no key'),
      };
    }),
  );
  const shown = onlyWithKeys ? items.filter((item) => item.hasKey) : items;
  if (shown.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Chorus: no provider has a key set.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(shown, { placeHolder, ignoreFocusOut: true }))?.id;
}

/** Asks for each key the provider needs, masked. Undefined when the user cancels any prompt. */
async function promptForKeys(provider: ProviderId): Promise<string[] | undefined> {
  const mode = qianfanAuthMode();
  const slots = secretSlots(provider, mode);
  const values: string[] = [];
  for (const [i, slot] of slots.entries()) {
    const prompt =
      provider === 'qianfan'
        ? mode === 'signature'
          ? vscode.l10n.t('Qianfan IAM {0} (console → Security Authentication → Access Key) ({1}/{2})', slot.label, i + 1, slots.length)
          : vscode.l10n.t('Qianfan application {0} (console → Application List) ({1}/{2})', slot.label, i + 1, slots.length)
        : keyPrompt(provider, slot.label);
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Chorus: Set API Key'),
      prompt,
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
    });
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** "DeepSeek API Key", with where to get one when the preset knows. */
function keyPrompt(provider: ProviderId, label: string): string {
  const name = providerName(provider);
  const url = findEndpoint(provider)?.preset.keyUrl;
  return url ? vscode.l10n.t('{0} {1} (get one at {2})', name, label, url) : vscode.l10n.t('{0} {1}', name, label);
}
