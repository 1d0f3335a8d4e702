import * as vscode from 'vscode';
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

/** Resolves to `{model}` for a model, `{}` for "change provider", undefined when dismissed. */
async function pickModel(factory: ProviderFactory, provider: ProviderId, log: vscode.LogOutputChannel): Promise<{ model?: string } | undefined> {
  if (provider === 'qianfan') {
    const endpoint = await vscode.window.showInputBox({
      title: vscode.l10n.t('Qianfan endpoint'),
      prompt: vscode.l10n.t('The part of your custom service\'s API address after /wenxinworkshop/chat/'),
      value: modelSetting('qianfan'),
      validateInput: (v) => (/^[A-Za-z0-9_.-]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, _ . - only')),
    });
    return endpoint === undefined ? undefined : { model: endpoint.trim() };
  }
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = vscode.l10n.t('Chorus: {0} models', PROVIDER_NAMES[provider]);
  quickPick.placeholder = vscode.l10n.t('Choose a model, or type a model name');
  quickPick.busy = true;
  const switchItem: Item = { label: vscode.l10n.t('$(arrow-swap) Change provider…'), alwaysShow: true };
  const current = modelSetting(provider);
  const show = (models: string[]): void => {
    const unique = [...new Set([current, ...models].filter(Boolean))];
    quickPick.items = [
      switchItem,
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...unique.map((model) => ({ label: model, model, description: model === current ? vscode.l10n.t('current') : undefined })),
    ];
  };
  show([]);
  const controller = new AbortController();
  void (async () => {
    try {
      const { provider: client } = await factory.create(provider);
      try {
        show((await client.listModels({ signal: controller.signal })).map((m) => m.id));
      } finally {
        void client.dispose();
      }
    } catch (error) {
      log.warn(`Listing models failed: ${error instanceof Error ? error.message : String(error)}`);
      quickPick.placeholder = vscode.l10n.t('Could not list models ({0}); type a model name', error instanceof Error ? error.message.slice(0, 120) : '');
    } finally {
      quickPick.busy = false;
    }
  })();
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0];
      const typed = quickPick.value.trim();
      quickPick.hide();
      if (item === switchItem) resolve({});
      else resolve(item?.model !== undefined ? { model: item.model } : typed ? { model: typed } : undefined);
    });
    quickPick.onDidHide(() => {
      controller.abort();
      quickPick.dispose();
      resolve(undefined);
    });
    quickPick.show();
  });
}
