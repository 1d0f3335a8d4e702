import * as vscode from 'vscode';
import { ENDPOINT_PRESETS, isHttpUrl, keyNeededAt, openaiPreset, type ProviderPreset } from '../providers';
import { addEndpointEntry, freeEndpointId } from '../config/endpointSettings';
import { providerIds } from '../config/providerCatalog';
import type { SecretStore } from '../config/secretStore';
import type { ProviderId } from '../config/settings';

/**
 * "Add endpoint…": preset → base URL → key; the model is chosen next in the model picker. The
 * endpoint goes into the user's `chorus.endpoints`, its key into SecretStorage under its id.
 * Resolves to the new endpoint's id, or undefined when cancelled (then nothing is written).
 */
export async function addEndpoint(secrets: SecretStore, log: vscode.LogOutputChannel): Promise<ProviderId | undefined> {
  const preset = await pickPreset();
  if (!preset) return undefined;
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add endpoint: {0} (2/3)', preset.label ?? preset.name),
    prompt: vscode.l10n.t('Base URL (the address before /chat/completions)'),
    value: preset.baseUrl,
    ignoreFocusOut: true,
    validateInput: (text) => (isHttpUrl(text.trim()) ? undefined : vscode.l10n.t('Enter an http:// or https:// address.')),
  });
  if (baseUrl === undefined) return undefined;
  const needsKey = keyNeededAt(preset, baseUrl);
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add endpoint: {0} (3/3)', preset.label ?? preset.name),
    prompt: needsKey
      ? preset.keyUrl
        ? vscode.l10n.t('API key (get one at {0}); leave empty to set it later', preset.keyUrl)
        : vscode.l10n.t('API key; leave empty to set it later')
      : vscode.l10n.t('API key, only if the server was started with one; otherwise leave empty'),
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return undefined;
  const id = freeEndpointId(preset === openaiPreset ? 'custom' : preset.id, providerIds());
  await addEndpointEntry({ id, name: preset.label ?? preset.name, ...(preset === openaiPreset ? {} : { preset: preset.id }), baseUrl: baseUrl.trim() });
  if (key.trim()) await secrets.set(id, [key]);
  log.info(`Endpoint ${id} added (${preset.id})${key.trim() ? ', key saved in SecretStorage' : ''}`);
  return id;
}

async function pickPreset(): Promise<ProviderPreset | undefined> {
  const items = [...ENDPOINT_PRESETS, openaiPreset].map((preset) => ({
    preset,
    label: preset === openaiPreset ? vscode.l10n.t('Other OpenAI-compatible server') : (preset.label ?? preset.name),
    description: preset.baseUrl,
    detail: preset.keyRequired === 'never' ? vscode.l10n.t('runs on your machine; no key needed') : undefined,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Add endpoint (1/3)'), placeHolder: vscode.l10n.t('Which service?'), ignoreFocusOut: true });
  return picked?.preset;
}
