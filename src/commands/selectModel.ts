import * as vscode from 'vscode';
import { inertText } from '../ui/inertText';
import { reportError } from '../ui/showError';
import { currentProvider, modelSetting } from '../config/configuration';
import { saveEndpointField } from '../config/endpointSettings';
import type { ProviderFactory } from '../config/providerFactory';
import { endpoints, findEndpoint, isKnownProvider, providerIds, providerName } from '../config/providerCatalog';
import type { SecretStore } from '../config/secretStore';
import type { ProviderId } from '../config/settings';
import { addEndpoint } from './addEndpoint';

type Item = vscode.QuickPickItem & { readonly provider?: ProviderId; readonly model?: string; readonly action?: 'switch' | 'add' };
type Picked = { readonly provider: ProviderId; readonly model: string } | { readonly action: 'switch' | 'add' };

/**
 * `chorus.selectModel`: with `(providerId, model)` it switches at once; without, a QuickPick of the
 * models grouped by provider (the current one, then each endpoint, from their `/models` lists), with
 * "Add endpoint…" and "Change provider…". The choice is saved in user settings.
 */
export function registerSelectModel(factory: ProviderFactory, secrets: SecretStore, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('chorus.selectModel', async (providerArg?: unknown, modelArg?: unknown) => {
    if (isKnownProvider(providerArg) && typeof modelArg === 'string') {
      await saveModel(providerArg, modelArg);
      return { provider: providerArg, model: modelArg };
    }
    let provider = currentProvider();
    for (;;) {
      const picked = await pickModel(factory, provider, log);
      if (!picked) return undefined;
      if ('provider' in picked) {
        await saveModel(picked.provider, picked.model);
        return { provider: picked.provider, model: picked.model };
      }
      const next = picked.action === 'add' ? await addEndpoint(secrets, log) : await pickProvider(provider);
      if (!next) return undefined;
      provider = next;
    }
  });
}

async function pickProvider(current: ProviderId): Promise<ProviderId | undefined> {
  const next = await vscode.window.showQuickPick(
    providerIds().map((id) => ({ label: inertText(providerName(id)), id, description: id === current ? vscode.l10n.t('current') : findEndpoint(id) ? id : undefined })),
    { placeHolder: vscode.l10n.t('Choose a provider') },
  );
  return next?.id;
}

/** Saves the provider as the active one and the model as its model (an endpoint's in its own entry). */
export async function saveModel(provider: ProviderId, model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('chorus');
  await config.update('provider', provider, vscode.ConfigurationTarget.Global);
  if (findEndpoint(provider)) await saveEndpointField(provider, 'model', model);
  else await config.update(provider === 'qianfan' ? 'qianfan.endpoint' : `${provider}.model`, model, vscode.ConfigurationTarget.Global);
}

/** Qianfan endpoint names, as in the custom service's address after /wenxinworkshop/chat/. */
const ENDPOINT_PATTERN = /^[A-Za-z0-9_.-]+$/;

interface Group {
  readonly provider: ProviderId;
  readonly current: string;
  listed: string[];
}

/**
 * Resolves to a model, an action, or undefined when dismissed. Qianfan's "model" is the custom
 * service's endpoint name: typed and checked, since there is no list to read.
 */
async function pickModel(factory: ProviderFactory, provider: ProviderId, log: vscode.LogOutputChannel): Promise<Picked | undefined> {
  const qianfan = provider === 'qianfan';
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = qianfan ? vscode.l10n.t('Qianfan endpoint') : vscode.l10n.t('Chorus: {0} models', inertText(providerName(provider)));
  quickPick.placeholder = qianfan
    ? vscode.l10n.t('The part of your custom service\'s API address after /wenxinworkshop/chat/')
    : vscode.l10n.t('Choose a model, or type a model name');
  const others = qianfan ? [] : endpoints().filter((e) => e.id !== provider && !e.problem && !e.fromWorkspace);
  const groups: Group[] = [provider, ...others.map((e) => e.id)].map((id) => ({ provider: id, current: modelSetting(id), listed: [] }));
  const show = (): void => showItems(quickPick, groups, qianfan);
  show();
  quickPick.onDidChangeValue(show);
  const controller = new AbortController();
  if (!qianfan) {
    quickPick.busy = true;
    void Promise.all(groups.map((group, i) => fillGroup(quickPick, factory, group, i === 0, log, controller.signal).then(show))).finally(() => {
      quickPick.busy = false;
    });
  }
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0];
      const typed = quickPick.value.trim();
      if (item?.action) resolve({ action: item.action });
      else if (item?.model !== undefined) resolve({ provider: item.provider ?? provider, model: item.model });
      // A typed name nothing matched: any model name, but only a well-formed Qianfan endpoint.
      else if (typed && (!qianfan || ENDPOINT_PATTERN.test(typed))) resolve({ provider, model: typed });
      else return;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      controller.abort();
      quickPick.dispose();
      resolve(undefined);
    });
    quickPick.show();
  });
}

function showItems(quickPick: vscode.QuickPick<Item>, groups: readonly Group[], qianfan: boolean): void {
  const typed = quickPick.value.trim();
  const [own] = groups;
  const switchItem: Item = { label: vscode.l10n.t('$(arrow-swap) Change provider…'), alwaysShow: true, action: 'switch' };
  const addItem: Item = { label: vscode.l10n.t('$(add) Add endpoint…'), alwaysShow: true, action: 'add' };
  // Names come from the servers' /models lists: shown as text, never as `$(icon)` markup.
  const sections = groups.map((group) => {
    const unique = [...new Set([group.current, ...group.listed].filter(Boolean))];
    const items: Item[] = unique.map((model) => ({ label: inertText(model), model, provider: group.provider, description: model === group.current ? vscode.l10n.t('current') : undefined }));
    return { group, items };
  });
  // A typed name is offered as it is, for the current provider.
  const typedItem: Item[] = [];
  if (typed && !sections[0]!.items.some((item) => item.model === typed)) {
    typedItem.push(
      !qianfan
        ? { label: inertText(typed), model: typed, provider: own!.provider, description: vscode.l10n.t('use this model name'), alwaysShow: true }
        : ENDPOINT_PATTERN.test(typed)
          ? { label: inertText(typed), model: typed, provider: own!.provider, description: vscode.l10n.t('new endpoint'), alwaysShow: true }
          : { label: vscode.l10n.t('$(warning) Letters, digits, _ . - only'), alwaysShow: true },
    );
  }
  const all = sections.flatMap((s) => s.items);
  // Typing filters; Enter takes the first model that matches, else the name as typed.
  const match = typed ? all.find((item) => item.model!.toLowerCase().includes(typed.toLowerCase())) : undefined;
  const listed = sections.flatMap(({ group, items }) => [{ label: inertText(providerName(group.provider)), kind: vscode.QuickPickItemKind.Separator } as Item, ...items]);
  // The actions stay at the top, where lists arriving from the servers do not move them.
  quickPick.items = match ? [switchItem, addItem, ...listed, ...typedItem] : [...typedItem, switchItem, addItem, ...listed];
  if (match) quickPick.activeItems = [match];
  else if (typedItem.length) quickPick.activeItems = typedItem;
}

/** Fills a group from its server's model list; for the current provider, says in the placeholder why it cannot. */
async function fillGroup(
  quickPick: vscode.QuickPick<Item>,
  factory: ProviderFactory,
  group: Group,
  isCurrent: boolean,
  log: vscode.LogOutputChannel,
  signal: AbortSignal,
): Promise<void> {
  try {
    const models = await factory.listModels(group.provider, signal);
    // An empty list (Ollama before a model is pulled) says what to do instead.
    if (isCurrent && models.length === 0 && models.hint) {
      quickPick.placeholder = vscode.l10n.t('The server lists no models. If it is Ollama, pull one first (ollama pull <model>), or type a model name.');
    }
    group.listed = models.map((m) => m.id);
  } catch (error) {
    const report = reportError(error);
    log.warn(`Listing models of ${group.provider} failed: ${report.details}`);
    if (isCurrent) quickPick.placeholder = vscode.l10n.t('Could not list models ({0}); type a model name', report.summary.slice(0, 160));
  }
}
