import * as vscode from 'vscode';
import { inertText } from '../ui/inertText';
import { type Decision, type Override, decisionKey, describeAddress, resolveOverride } from './workspaceOverride';
import type { Endpoint } from './endpoints';
import { providerName } from './providerCatalog';
import { DESTINATION_SETTINGS, SETTING_DEFAULTS, type SettingKey } from './settings';

/** One workspace value to ask about: what the decision is kept under, and how the dialog shows it. */
interface Question {
  readonly setting: string;
  readonly proposed: string;
  readonly lines: readonly string[];
}

// The user's answers about a workspace's destination settings, kept per workspace so that a refusal
// is not asked again on every request, and a changed value is asked about afresh.
const DECISIONS_KEY = 'chorus.workspaceSettingDecisions';

let memento: vscode.Memento | undefined;
let asking: Promise<void> | undefined;
const warnedUntrusted = new Set<string>();

/** Where answers are kept (the extension's workspaceState), set once at activation. */
export function keepWorkspaceChoicesIn(state: vscode.Memento): void {
  memento = state;
}

function decisions(): Record<string, Decision> {
  return memento?.get<Record<string, Decision>>(DECISIONS_KEY) ?? {};
}

export function isDestinationSetting(key: SettingKey): boolean {
  return DESTINATION_SETTINGS.includes(key);
}

/** Which value of a destination setting applies now, and whether the user still has to be asked. */
export function overrideOf(key: SettingKey): Override {
  const inspected = vscode.workspace.getConfiguration('chorus').inspect<unknown>(key);
  const own = inspected?.globalValue ?? inspected?.defaultValue ?? SETTING_DEFAULTS[key];
  const workspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  return resolveOverride(key, { own, workspace }, vscode.workspace.isTrusted, decisions());
}

/**
 * Before a request: asks, in one dialog, about every workspace value among `keys` the user has not
 * answered yet; in an untrusted workspace says once that they are ignored. Answers are remembered.
 */
export async function confirmWorkspaceSettings(keys: readonly SettingKey[], log: vscode.LogOutputChannel, endpoints: readonly Endpoint[] = []): Promise<void> {
  while (asking) await asking;
  // A workspace endpoint the workspace also makes current is asked about in the same dialog.
  const pending: Question[] = endpoints.filter((e) => e.fromWorkspace && decisions()[decisionKey(endpointSetting(e), e.baseUrl)] === undefined).map(endpointQuestion);
  for (const key of keys.filter(isDestinationSetting)) {
    const override = overrideOf(key);
    if (override.state === 'pending') pending.push({ setting: key, proposed: override.proposed, lines: describeSetting(key, override.proposed) });
    if (override.state === 'untrusted' && !warnedUntrusted.has(key)) {
      warnedUntrusted.add(key);
      log.warn(`Ignoring the workspace's chorus.${key}: the workspace is not trusted`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Chorus ignores this workspace\'s chorus.{0} setting because the workspace is not trusted; your own setting is used.', key),
      );
    }
  }
  await askOnce(pending, log);
}

/**
 * Before a request to an endpoint defined in the workspace's `chorus.endpoints`: asks once whether
 * to send to its address; throws when the user said no (now or before).
 */
export async function confirmWorkspaceEndpoint(endpoint: Endpoint, log: vscode.LogOutputChannel): Promise<void> {
  while (asking) await asking;
  const decided = (): Decision | undefined => decisions()[decisionKey(endpointSetting(endpoint), endpoint.baseUrl)];
  if (decided() === undefined) await askOnce([endpointQuestion(endpoint)], log);
  if (decided() !== 'allow') {
    throw new Error(
      vscode.l10n.t('Chorus: you chose not to send requests to this workspace\'s endpoint "{0}". Choose another provider, or run "Chorus: Ask Again About This Workspace\'s Provider Settings".', endpoint.id),
    );
  }
}

function endpointSetting(endpoint: Endpoint): string {
  return `endpoints.${endpoint.id}`;
}

function endpointQuestion(endpoint: Endpoint): Question {
  const lines = [vscode.l10n.t('Endpoint: {0} ({1})', inertText(endpoint.name), endpoint.id), ...describeAddressLines(endpoint.name, endpoint.baseUrl)];
  return { setting: endpointSetting(endpoint), proposed: endpoint.baseUrl, lines };
}

function describeSetting(key: SettingKey, proposed: string): string[] {
  if (key === 'provider') return [vscode.l10n.t('Provider: {0}', inertText(providerName(proposed)))];
  if (key === 'qianfan.endpoint') return [vscode.l10n.t('Qianfan endpoint: {0}', inertText(proposed))];
  return describeAddressLines(providerName(key.slice(0, -'.baseUrl'.length)), proposed);
}

function describeAddressLines(name: string, url: string): string[] {
  const address = describeAddress(url);
  const lines = [vscode.l10n.t('{0} address: {1}', inertText(name), inertText(address.shown))];
  if (address.plainHttpAway) lines.push(vscode.l10n.t('Warning: plain http to another machine; anyone on the way can read your prompts and key.'));
  return lines;
}

async function askOnce(pending: readonly Question[], log: vscode.LogOutputChannel): Promise<void> {
  if (pending.length === 0) return;
  asking = ask(pending, log);
  try {
    await asking;
  } finally {
    asking = undefined;
  }
}

async function ask(pending: readonly Question[], log: vscode.LogOutputChannel): Promise<void> {
  const lines = pending.flatMap((q) => q.lines);
  lines.push('', vscode.l10n.t('Your prompts, selections, attached files and the key you set for that provider would go there. Choose Cancel to keep your own settings; Chorus will not ask again about these values.'));
  const use = vscode.l10n.t('Use Workspace Settings');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This workspace\'s settings change where Chorus sends your requests. Use them?'),
    { modal: true, detail: lines.join('\n') },
    use,
  );
  const decision: Decision = choice === use ? 'allow' : 'refuse';
  const next = { ...decisions() };
  for (const { setting, proposed } of pending) next[decisionKey(setting, proposed)] = decision;
  await memento?.update(DECISIONS_KEY, next);
  log.info(`Workspace settings ${pending.map((p) => `chorus.${p.setting}`).join(', ')}: ${decision === 'allow' ? 'allowed' : 'refused'} by the user`);
}

/** `chorus.forgetWorkspaceChoices`: forgets this workspace's answers, so the next request asks again. */
export async function forgetWorkspaceChoices(): Promise<void> {
  await memento?.update(DECISIONS_KEY, undefined);
  warnedUntrusted.clear();
}
