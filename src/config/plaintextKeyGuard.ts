import * as vscode from 'vscode';
import { qianfanAuthMode } from './configuration';
import { PLAINTEXT_KEY_SETTING_NAMES, PLAINTEXT_KEY_SETTINGS, secretSlots } from './secretSlots';
import type { SecretStore } from './secretStore';

/** Finds keys written into settings.json, warns, and moves them into SecretStorage when the user agrees. */
export class PlaintextKeyGuard implements vscode.Disposable {
  private readonly listener: vscode.Disposable;
  private warned = new Set<string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (PLAINTEXT_KEY_SETTING_NAMES.some((name) => event.affectsConfiguration(name))) void this.check();
    });
  }

  /** Names of the key settings that currently hold a value. */
  found(): string[] {
    const config = vscode.workspace.getConfiguration('chorus');
    return PLAINTEXT_KEY_SETTINGS.filter(({ setting }) => {
      const inspected = config.inspect<unknown>(setting);
      return [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim());
    }).map((s) => `chorus.${s.setting}`);
  }

  /** Warns once per setting name about keys in settings, offering to move them. */
  async check(): Promise<void> {
    const found = this.found().filter((name) => !this.warned.has(name));
    if (found.length === 0) return;
    for (const name of found) this.warned.add(name);
    this.log.warn(`A key was found in settings (${found.join(', ')}); offering to move it to SecretStorage`);
    const move = vscode.l10n.t('Move to Secure Storage');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Chorus found an API key in your settings ({0}). Settings are plain text, can sync to other machines and every extension can read them. Move it to VS Code\'s secure storage and remove it from settings?',
        found.join(', '),
      ),
      move,
    );
    if (choice === move) await this.move();
  }

  /** Moves every key found in settings into SecretStorage and removes it from every settings file. */
  async move(): Promise<string[]> {
    const config = vscode.workspace.getConfiguration('chorus');
    const moved: string[] = [];
    for (const entry of PLAINTEXT_KEY_SETTINGS) {
      const inspected = config.inspect<unknown>(entry.setting);
      // The most specific value wins, as it is the one the user would expect to be used.
      const value = [inspected?.workspaceFolderValue, inspected?.workspaceValue, inspected?.globalValue].find(
        (v): v is string => typeof v === 'string' && v.trim().length > 0,
      );
      if (value === undefined) continue;
      const slot = secretSlots(entry.provider, entry.mode ?? qianfanAuthMode())[entry.slot]!;
      await this.secrets.storeSlot(slot.storageKey, value);
      if (inspected?.globalValue !== undefined) await config.update(entry.setting, undefined, vscode.ConfigurationTarget.Global);
      if (inspected?.workspaceValue !== undefined) await config.update(entry.setting, undefined, vscode.ConfigurationTarget.Workspace);
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const folderConfig = vscode.workspace.getConfiguration('chorus', folder.uri);
        if (folderConfig.inspect(entry.setting)?.workspaceFolderValue !== undefined) {
          await folderConfig.update(entry.setting, undefined, vscode.ConfigurationTarget.WorkspaceFolder);
        }
      }
      moved.push(`chorus.${entry.setting}`);
    }
    if (moved.length) {
      this.log.info(`Moved ${moved.join(', ')} from settings into SecretStorage`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Chorus moved {0} into secure storage and removed it from settings.', moved.join(', ')));
    }
    return moved;
  }

  dispose(): void {
    this.listener.dispose();
  }
}
