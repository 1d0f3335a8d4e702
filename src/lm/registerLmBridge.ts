import * as vscode from 'vscode';
import { generationSettings, getSetting } from '../config/configuration';
import type { ProviderFactory } from '../config/providerFactory';
import { providerName } from '../config/providerCatalog';
import type { SecretStore } from '../config/secretStore';
import { ProviderError } from '../providers';
import { errorText } from '../ui/errorText';
import { createLmResponder } from './lmChatProvider';
import { LmModels } from './lmModels';
import { lmApi, type LmChatProvider, type LmParts } from './newerApi';

/** The vendor id VS Code shows Chorus's models under (package.json `languageModelChatProviders`). */
export const LM_VENDOR = 'chorus';

/**
 * Offers Chorus's models to VS Code's chat and to every extension using `vscode.lm`, where this VS
 * Code has the API (1.104+) and `chorus.languageModels.enabled` is on. Nothing happens on older versions.
 */
export function registerLmBridge(factory: ProviderFactory, secrets: SecretStore, log: vscode.LogOutputChannel): vscode.Disposable {
  const api = lmApi();
  if (!api) {
    log.info(`Language Model API: not in VS Code ${vscode.version}; Chorus models are offered from VS Code 1.104`);
    return new vscode.Disposable(() => undefined);
  }
  const models = new LmModels(factory, log);
  let registration: vscode.Disposable | undefined;
  const update = (): void => {
    const enabled = getSetting('languageModels.enabled');
    if (enabled && !registration) {
      try {
        registration = api.register(LM_VENDOR, lmChatProvider(factory, models, api.parts, log));
        log.info('Language Model API: Chorus models offered to VS Code');
      } catch (error) {
        // Before 1.104 the function exists as a proposal that throws for extensions not enabled for it.
        log.info(`Language Model API: not available in VS Code ${vscode.version} (${error instanceof Error ? error.message : String(error)})`);
      }
    } else if (!enabled && registration) {
      registration.dispose();
      registration = undefined;
      log.info('Language Model API: Chorus models withdrawn (chorus.languageModels.enabled is off)');
    }
  };
  update();
  const listeners = [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('chorus.languageModels.enabled')) update();
      else if (e.affectsConfiguration('chorus')) models.refresh();
    }),
    secrets.onDidChange(() => models.refresh()),
  ];
  return new vscode.Disposable(() => {
    registration?.dispose();
    for (const l of listeners) l.dispose();
    models.dispose();
  });
}

function lmChatProvider(factory: ProviderFactory, models: LmModels, parts: LmParts, log: vscode.LogOutputChannel): LmChatProvider {
  const responder = createLmResponder({
    parts,
    create: async (id, model) => (await factory.create(id, model)).provider,
    generation: generationSettings,
    describe: (error) => (error instanceof ProviderError ? errorText(error) : error instanceof Error ? error.message : String(error)),
    badToolArguments: (id, tool, raw) =>
      vscode.l10n.t('{0} called the tool "{1}" with arguments that are not JSON, so the call was not passed on: {2}', providerName(id), tool, raw),
    log: (line) => log.info(line),
  });
  return {
    onDidChangeLanguageModelChatInformation: models.onDidChange,
    provideLanguageModelChatInformation: () => models.models(),
    provideLanguageModelChatResponse: (model, messages, options, progress, token) => responder.respond(model, messages, options, progress, token),
    provideTokenCount: (_model, text) => Promise.resolve(responder.countTokens(text)),
  };
}
