import * as vscode from 'vscode';
import { qianfanAuthMode } from './configuration';
import { PLAINTEXT_KEY_SETTING_NAMES, PLAINTEXT_KEY_SETTINGS, cleanKey, secretSlots } from './secretSlots';
import type { SecretStore } from './secretStore';
import { ENDPOINT_ID_PATTERN } from './endpoints';

/**
 * Finds keys written into settings.json, warns, and moves them into SecretStorage when the user
 * agrees. Only the user's own settings are moved: a workspace is not the user, and moving its value
 * would let a cloned repository replace the user's stored key with one of its choosing. A key already
 * stored is replaced only after asking.
 */
export class PlaintextKeyGuard implements vscode.Disposable {
  private readonly listener: vscode.Disposable;
  private warned = new Set<string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if ([...PLAINTEXT_KEY_SETTING_NAMES, 'chorus.endpoints'].some((name) => event.affectsConfiguration(name))) void this.check();
    });
  }

  /** Names of the key settings that hold a value in the user's settings. */
  found(): string[] {
    return [...this.holding((i) => i?.globalValue), ...endpointKeys(this.endpointLayer((i) => i?.globalValue)).map((e) => e.name)];
  }

  /** Names of the key settings that hold a value in the workspace's settings (never moved). */
  foundInWorkspace(): string[] {
    const pick = (i: ReturnType<vscode.WorkspaceConfiguration['inspect']>): unknown => i?.workspaceValue ?? i?.workspaceFolderValue;
    return [...this.holding(pick), ...endpointKeys(this.endpointLayer(pick)).map((e) => e.name)];
  }

  private endpointLayer(pick: (inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>) => unknown): unknown {
    return pick(vscode.workspace.getConfiguration('chorus').inspect<unknown>('endpoints'));
  }

  private holding(pick: (inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>) => unknown): string[] {
    const config = vscode.workspace.getConfiguration('chorus');
    return PLAINTEXT_KEY_SETTINGS.filter(({ setting }) => {
      const value = pick(config.inspect<unknown>(setting));
      return typeof value === 'string' && value.trim() !== '';
    }).map((s) => `chorus.${s.setting}`);
  }

  /** Warns once per setting name about keys in settings, offering to move the user's own. */
  async check(): Promise<void> {
    const inWorkspace = this.foundInWorkspace().filter((name) => !this.warned.has(`workspace ${name}`));
    for (const name of inWorkspace) this.warned.add(`workspace ${name}`);
    if (inWorkspace.length) {
      this.log.warn(`The workspace's settings hold a key (${inWorkspace.join(', ')}); it is not used or moved`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'This workspace\'s settings hold an API key ({0}). Chorus never uses or moves keys from workspace settings; remove it from the workspace\'s settings.json and set your key with "Chorus: Set API Key".',
          inWorkspace.join(', '),
        ),
      );
    }
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

  /** Moves every key in the user's settings into SecretStorage and removes it from there. */
  async move(): Promise<string[]> {
    const moved = [...(await this.moveSettings()), ...(await this.moveEndpointKeys())];
    if (moved.length) {
      this.log.info(`Moved ${moved.join(', ')} from settings into SecretStorage`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Chorus moved {0} into secure storage and removed it from settings.', moved.join(', ')));
    }
    return moved;
  }

  /** An `apiKey` written into one of the user's `chorus.endpoints` entries goes under that endpoint's id. */
  private async moveEndpointKeys(): Promise<string[]> {
    const config = vscode.workspace.getConfiguration('chorus');
    const entries = this.endpointLayer((i) => i?.globalValue);
    const moved: string[] = [];
    for (const { id, key, name } of endpointKeys(entries)) {
      if (await this.store(secretSlots(id)[0]!.storageKey, key, name)) moved.push(name);
    }
    if (moved.length && Array.isArray(entries)) {
      const keep = (entry: unknown): unknown => {
        if (typeof entry !== 'object' || entry === null || !moved.some((name) => name === endpointKeyName((entry as { id?: unknown }).id))) return entry;
        const { apiKey: _moved, ...rest } = entry as Record<string, unknown>;
        return rest;
      };
      await config.update('endpoints', entries.map(keep), vscode.ConfigurationTarget.Global);
    }
    return moved;
  }

  private async moveSettings(): Promise<string[]> {
    const config = vscode.workspace.getConfiguration('chorus');
    const moved: string[] = [];
    for (const entry of PLAINTEXT_KEY_SETTINGS) {
      const value = config.inspect<unknown>(entry.setting)?.globalValue;
      if (typeof value !== 'string' || value.trim() === '') continue;
      const name = `chorus.${entry.setting}`;
      const slot = secretSlots(entry.provider, entry.mode ?? qianfanAuthMode())[entry.slot]!;
      if (!(await this.store(slot.storageKey, value, name))) continue;
      await config.update(entry.setting, undefined, vscode.ConfigurationTarget.Global);
      moved.push(name);
    }
    return moved;
  }

  /** Stores `value` from setting `name`, asking first if another key is stored there; false when the user keeps that one. */
  private async store(storageKey: string, value: string, name: string): Promise<boolean> {
    const stored = await this.secrets.getSlot(storageKey);
    if (stored !== undefined && stored !== cleanKey(value) && !(await this.replaceAllowed(name))) {
      this.log.info(`Kept the stored key; ${name} stays in settings`);
      return false;
    }
    await this.secrets.storeSlot(storageKey, value);
    return true;
  }

  private async replaceAllowed(name: string): Promise<boolean> {
    const replace = vscode.l10n.t('Replace Stored Key');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('A key is already in secure storage. Replace it with the one in {0}?', name),
      { modal: true, detail: vscode.l10n.t('Choose Cancel to keep the stored key; the setting then stays as it is.') },
      replace,
    );
    return choice === replace;
  }

  dispose(): void {
    this.listener.dispose();
  }
}

function endpointKeyName(id: unknown): string {
  return `chorus.endpoints › ${String(id)} › apiKey`;
}

/** `apiKey` fields in a list of endpoint entries (out of habit from other tools), by a valid id. */
function endpointKeys(entries: unknown): Array<{ readonly id: string; readonly key: string; readonly name: string }> {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, apiKey } = entry as { id?: unknown; apiKey?: unknown };
    if (typeof id !== 'string' || !ENDPOINT_ID_PATTERN.test(id) || typeof apiKey !== 'string' || apiKey.trim() === '') return [];
    return [{ id, key: apiKey, name: endpointKeyName(id) }];
  });
}
