import * as vscode from 'vscode';
import { ChatViewProvider } from './chat/chatViewProvider';
import { registerApiKeyCommands } from './commands/apiKeyCommands';
import { registerPendingCommands } from './commands/notYetAvailable';
import { registerSelectModel } from './commands/selectModel';
import { registerTestConnection } from './commands/testConnection';
import { createModelStatusBar } from './chat/statusBar';
import { ProviderFactory } from './config/providerFactory';
import { LastEditor } from './editor/lastEditor';
import { PlaintextKeyGuard } from './config/plaintextKeyGuard';
import { SecretStore } from './config/secretStore';
import { type ProviderId, isProviderId } from './config/settings';

/** What `activate` returns: a small surface for other extensions and for Chorus's own integration tests. */
export interface ChorusApi {
  /** Resolves when the chat view's webview has loaded and said it is ready. */
  chatViewReady(): Promise<void>;
  /** Whether a provider has all its keys in SecretStorage (never the keys themselves). */
  hasApiKey(provider: ProviderId): Promise<boolean>;
}

export function activate(context: vscode.ExtensionContext): ChorusApi {
  // Diagnostics only; nothing secret is ever written here (keys, tokens, signed URLs).
  const log = vscode.window.createOutputChannel('Chorus', { log: true });
  context.subscriptions.push(log);
  const version = String(context.extension.packageJSON.version ?? '');
  log.info(`Chorus ${version} activating in ${vscode.env.appName} ${vscode.version}`);

  const secrets = new SecretStore(context.secrets);
  const keyGuard = new PlaintextKeyGuard(secrets, log);
  const providers = new ProviderFactory(secrets, context.globalState, log);
  const editors = new LastEditor();
  const chatView = new ChatViewProvider({ context, log, providers, secrets, editors });
  context.subscriptions.push(
    editors,
    chatView,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView),
    vscode.commands.registerCommand('chorus.newChat', async () => {
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
      await chatView.newChat();
    }),
    vscode.commands.registerCommand('chorus.showLog', () => log.show()),
    keyGuard,
    vscode.commands.registerCommand('chorus.moveKeysToSecretStorage', () => keyGuard.move()),
    ...registerApiKeyCommands(secrets, log),
    registerTestConnection(providers, log),
    registerSelectModel(providers, log),
    createModelStatusBar(),
    ...registerPendingCommands(log),
  );

  void keyGuard.check();

  return {
    chatViewReady: () => chatView.whenReady(),
    hasApiKey: async (provider) => isProviderId(provider) && (await secrets.has(provider)),
  };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
