import * as vscode from 'vscode';
import { inertText } from '../ui/inertText';
import { reportError } from '../ui/showError';
import { currentProvider, modelSetting } from '../config/configuration';
import type { ProviderFactory } from '../config/providerFactory';
import { PROVIDER_IDS, PROVIDER_NAMES, type ProviderId } from '../config/settings';

type Item = vscode.QuickPickItem & { readonly provider?: ProviderId; readonly model?: string };

/**
 * `chorus.selectModel`: a QuickPick of the current provider's models (from its `/models` list where
 * it has one), with a way to switch provider. The choice is saved in user settings.
 */
export function registerSelectModel(factory: ProviderFactory, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('chorus.selectModel', async (providerArg?: unknown, modelArg?: unknown) => {
    if (typeof providerArg === 'string' && (PROVIDER_IDS as readonly string[]).includes(providerArg) && typeof modelArg === 'string') {
      await save(providerArg as ProviderId, modelArg);
      return { provider: providerArg, model: modelArg };
    }
    let provider = currentProvider();
    for (;;) {
      const picked = await pickModel(factory, provider, log);
      if (!picked) return undefined;
      if (picked.model !== undefined) {
        await save(provider, picked.model);
        return { provider, model: picked.model };
      }
      const next = await vscode.window.showQuickPick(
        PROVIDER_IDS.map((id) => ({ label: PROVIDER_NAMES[id], id, description: id === provider ? vscode.l10n.t('current') : undefined })),
        { placeHolder: vscode.l10n.t('Choose a provider') },
      );
      if (!next) return undefined;
      provider = next.id;
    }
  });
}

async function save(provider: ProviderId, model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('chorus');
  await config.update('provider', provider, vscode.ConfigurationTarget.Global);
  const key = provider === 'qianfan' ? 'qianfan.endpoint' : `${provider}.model`;
  await config.update(key, model, vscode.ConfigurationTarget.Global);
}

/** Qianfan endpoint names, as in the custom service's address after /wenxinworkshop/chat/. */
const ENDPOINT_PATTERN = /^[A-Za-z0-9_.-]+$/;

/**
 * Resolves to `{model}` for a model, `{}` for "change provider", undefined when dismissed. Qianfan's
 * "model" is the custom service's endpoint name: typed and checked, since there is no list to read.
 */
async function pickModel(factory: ProviderFactory, provider: ProviderId, log: vscode.LogOutputChannel): Promise<{ model?: string } | undefined> {
  const qianfan = provider === 'qianfan';
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = qianfan ? vscode.l10n.t('Qianfan endpoint') : vscode.l10n.t('Chorus: {0} models', PROVIDER_NAMES[provider]);
  quickPick.placeholder = qianfan
    ? vscode.l10n.t('The part of your custom service\'s API address after /wenxinworkshop/chat/')
    : vscode.l10n.t('Choose a model, or type a model name');
  const switchItem: Item = { label: vscode.l10n.t('$(arrow-swap) Change provider…'), alwaysShow: true };
  const current = modelSetting(provider);
  let listed: string[] = [];
  const show = (): void => {
    const typed = quickPick.value.trim();
    const unique = [...new Set([current, ...listed].filter(Boolean))];
    // A typed name is offered as it is (Enter never falls through to "Change provider…", which is always shown).
    const typedItem: Item[] = [];
    if (typed && !unique.includes(typed)) {
      typedItem.push(
        !qianfan
          ? { label: inertText(typed), model: typed, description: vscode.l10n.t('use this model name'), alwaysShow: true }
          : ENDPOINT_PATTERN.test(typed)
            ? { label: inertText(typed), model: typed, description: vscode.l10n.t('new endpoint'), alwaysShow: true }
            : { label: vscode.l10n.t('$(warning) Letters, digits, _ . - only'), alwaysShow: true },
      );
    }
    // Names come from the server's /models list: shown as text, never as `$(icon)` markup.
    const models: Item[] = unique.map((model) => ({ label: inertText(model), model, description: model === current ? vscode.l10n.t('current') : undefined }));
    // Typing to filter, Enter takes the first model that matches; a name nothing matches is taken as typed.
    const match = typed ? models.find((item) => item.model!.toLowerCase().includes(typed.toLowerCase())) : undefined;
    // "Change provider…" stays at the top, where the list arriving from the server does not move it.
    quickPick.items = match
      ? [switchItem, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...models, ...typedItem]
      : [...typedItem, switchItem, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...models];
    if (match) quickPick.activeItems = [match];
    else if (typedItem.length) quickPick.activeItems = typedItem;
  };
  show();
  quickPick.onDidChangeValue(show);
  const controller = new AbortController();
  if (!qianfan) {
    quickPick.busy = true;
    void listModels(quickPick, factory, provider, log, controller.signal, (ids) => {
      listed = ids;
      show();
    });
  }
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0];
      const typed = quickPick.value.trim();
      if (item === switchItem) resolve({});
      else if (item?.model !== undefined) resolve({ model: item.model });
      // A typed name nothing matched: any model name, but only a well-formed Qianfan endpoint.
      else if (typed && (!qianfan || ENDPOINT_PATTERN.test(typed))) resolve({ model: typed });
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

/** Fills the picker from the server's model list, or says in its placeholder why it cannot. */
async function listModels(
  quickPick: vscode.QuickPick<Item>,
  factory: ProviderFactory,
  provider: ProviderId,
  log: vscode.LogOutputChannel,
  signal: AbortSignal,
  listed: (ids: string[]) => void,
): Promise<void> {
  try {
    const { provider: client } = await factory.create(provider);
    try {
      const models = await client.listModels({ signal });
      // An empty list (Ollama before a model is pulled) says what to do instead.
      if (models.length === 0 && models.hint) {
        quickPick.placeholder = vscode.l10n.t('The server lists no models. If it is Ollama, pull one first (ollama pull <model>), or type a model name.');
      }
      listed(models.map((m) => m.id));
    } finally {
      void client.dispose();
    }
  } catch (error) {
    const report = reportError(error);
    log.warn(`Listing models failed: ${report.details}`);
    quickPick.placeholder = vscode.l10n.t('Could not list models ({0}); type a model name', report.summary.slice(0, 160));
  } finally {
    quickPick.busy = false;
  }
}
