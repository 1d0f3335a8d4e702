import * as vscode from 'vscode';
import { ChatViewProvider } from './chat/chatViewProvider';
import { registerPendingCommands } from './commands/notYetAvailable';

/** What `activate` returns: a small surface for other extensions and for Chorus's own integration tests. */
export interface ChorusApi {
  /** Resolves when the chat view's webview has loaded and said it is ready. */
  chatViewReady(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): ChorusApi {
  // Diagnostics only; nothing secret is ever written here (keys, tokens, signed URLs).
  const log = vscode.window.createOutputChannel('Chorus', { log: true });
  context.subscriptions.push(log);
  const version = String(context.extension.packageJSON.version ?? '');
  log.info(`Chorus ${version} activating in ${vscode.env.appName} ${vscode.version}`);

  const chatView = new ChatViewProvider(context.extensionUri, log, version);
  context.subscriptions.push(
    chatView,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView),
    vscode.commands.registerCommand('chorus.newChat', () =>
      vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`),
    ),
    vscode.commands.registerCommand('chorus.showLog', () => log.show()),
    ...registerPendingCommands(log),
  );

  return { chatViewReady: () => chatView.whenReady() };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
