import * as vscode from 'vscode';
import { PROVIDER_NAMES, SETTING_DEFAULTS, type ProviderId, type SettingKey } from './settings';

const CONFIRMED_KEY = 'chorus.confirmedBaseUrls';

/**
 * The base URL a provider's key may be sent to. A workspace's settings can point a provider at another
 * host (a cloned repository could carry such a setting to harvest keys), so a workspace value is used
 * only in a trusted workspace and after the user confirmed that host once; otherwise the user's own
 * setting (or the default) applies.
 */
export async function trustedBaseUrl(
  provider: ProviderId,
  hasKey: boolean,
  state: vscode.Memento,
  log: vscode.LogOutputChannel,
): Promise<string> {
  const key = `${provider}.baseUrl` as SettingKey;
  const inspected = vscode.workspace.getConfiguration('chorus').inspect<string>(key);
  const own = inspected?.globalValue ?? (SETTING_DEFAULTS[key] as string);
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (!fromWorkspace || fromWorkspace.trim() === own.trim() || !hasKey) return fromWorkspace?.trim() || own;
  const name = PROVIDER_NAMES[provider];
  if (!vscode.workspace.isTrusted) {
    log.warn(`Ignoring the workspace's chorus.${key}: the workspace is not trusted`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Chorus ignores this workspace\'s {0} address for {1} because the workspace is not trusted; your own setting is used.', `chorus.${key}`, name),
    );
    return own;
  }
  const confirmed = state.get<string[]>(CONFIRMED_KEY, []);
  const entry = `${provider} ${fromWorkspace.trim()}`;
  if (confirmed.includes(entry)) return fromWorkspace.trim();
  const allow = vscode.l10n.t('Allow');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This workspace\'s settings send your {0} key to {1}. Allow it?', name, hostOf(fromWorkspace)),
    { modal: true, detail: vscode.l10n.t('Setting chorus.{0} = {1}. If you did not expect this, choose Cancel and your own setting is used.', key, fromWorkspace) },
    allow,
  );
  if (choice !== allow) {
    log.warn(`The user declined the workspace's chorus.${key}`);
    return own;
  }
  await state.update(CONFIRMED_KEY, [...confirmed, entry]);
  return fromWorkspace.trim();
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
