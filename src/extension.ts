import * as vscode from 'vscode';
import { createChatMentions } from './context/chatMentions';
import type { FileAttachments } from './context/fileAttachments';
import type { MentionItem } from './shared/mentions';
import { ChatViewProvider } from './chat/chatViewProvider';
import { registerApiKeyCommands } from './commands/apiKeyCommands';
import { registerAskAboutSelection } from './commands/askAboutSelection';
import { registerAddToChat } from './commands/addToChat';
import { registerAddProblemsToChat } from './commands/addProblemsToChat';
import { registerExplainSelection } from './commands/explainSelection';
import { registerCommitMessageCommands } from './commands/generateCommitMessage';
import { registerRewriteCommands } from './commands/rewriteSelection';
import { registerSelectModel } from './commands/selectModel';
import { registerTestConnection } from './commands/testConnection';
import { createModelStatusBar } from './chat/statusBar';
import { registerLmBridge } from './lm/registerLmBridge';
import { Instructions } from './config/instructions';
import { ProviderFactory } from './config/providerFactory';
import { ChorusCodeActions } from './editor/codeActionProvider';
import { LastEditor } from './editor/lastEditor';
import { type RewriteInfo, RewriteController } from './editor/rewriteController';
import { RewriteLenses } from './editor/rewriteLenses';
import { RewritePreview } from './editor/rewritePreview';
import { PlaintextKeyGuard } from './config/plaintextKeyGuard';
import { forgetWorkspaceChoices, keepWorkspaceChoicesIn } from './config/workspaceChoices';
import { SecretStore } from './config/secretStore';
import { CommitMessageController } from './scm/commitMessageController';
import { TerminalRecorder } from './context/terminalOutput';
import type { ProviderId } from './config/settings';
import { isKnownProvider } from './config/providerCatalog';
import type { Conversation } from './shared/conversation';
import type { SlashCommandInfo } from './shared/webviewProtocol';

/** What `activate` returns: a small surface for other extensions and for Chorus's own integration tests. */
export interface ChorusApi {
  /** Resolves when the chat view's webview has loaded and said it is ready. */
  chatViewReady(): Promise<void>;
  /** Whether a provider has all its keys in SecretStorage (never the keys themselves). */
  hasApiKey(provider: ProviderId): Promise<boolean>;
  /** The rewrite proposal under way or waiting for Accept / Reject, if any. */
  currentRewrite(): RewriteInfo | undefined;
  /** The conversation the chat panel shows. */
  currentConversation(): Conversation;
  /** Sends a prompt in the chat panel as its composer does (a `/name` command is expanded first); resolves when answered. */
  sendPrompt(text: string): Promise<void>;
  /** The slash commands the composer offers (built-ins and prompt files). */
  slashCommands(): Promise<SlashCommandInfo[]>;
  /** The `@` picker's items for `query`, its first answer and then the symbols, as the composer gets them. */
  mentionItems(query: string): Promise<MentionItem[]>;
  /** What taking an item attaches, and why anything was not (in the UI language). */
  takeMention(id: string): Promise<FileAttachments>;
}

export function activate(context: vscode.ExtensionContext): ChorusApi {
  // Diagnostics only; nothing secret is ever written here (keys, tokens, signed URLs).
  const log = vscode.window.createOutputChannel('Chorus', { log: true });
  context.subscriptions.push(log);
  const version = String(context.extension.packageJSON.version ?? '');
  log.info(`Chorus ${version} activating in ${vscode.env.appName} ${vscode.version}`);

  const secrets = new SecretStore(context.secrets);
  const keyGuard = new PlaintextKeyGuard(secrets, log);
  keepWorkspaceChoicesIn(context.workspaceState);
  const providers = new ProviderFactory(secrets, log);
  const editors = new LastEditor();
  const preview = new RewritePreview();
  const instructions = new Instructions(log);
  const rewrites = new RewriteController(providers, preview, log, instructions);
  // Listens from now on: VS Code tells of a terminal command only while it runs.
  const terminals = new TerminalRecorder();
  const chatMentions = createChatMentions(editors, terminals);
  const chatView = new ChatViewProvider({ context, log, providers, secrets, editors, rewrites, instructions, mentions: chatMentions.mentions });
  const commitMessages = new CommitMessageController(providers, instructions, log);
  context.subscriptions.push(
    terminals,
    ...chatMentions.disposables,
    instructions,
    commitMessages,
    ...registerCommitMessageCommands(commitMessages),
    editors,
    preview,
    rewrites,
    chatView,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView),
    vscode.commands.registerCommand('chorus.newChat', async () => {
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
      await chatView.newChat();
    }),
    vscode.commands.registerCommand('chorus.showLog', () => log.show()),
    keyGuard,
    vscode.commands.registerCommand('chorus.moveKeysToSecretStorage', () => keyGuard.move()),
    vscode.commands.registerCommand('chorus.forgetWorkspaceChoices', () => forgetWorkspaceChoices()),
    ...registerApiKeyCommands(secrets, log),
    registerTestConnection(providers, log),
    registerSelectModel(providers, secrets, log),
    createModelStatusBar(providers),
    registerLmBridge(providers, secrets, log),
    registerExplainSelection({ chatView, providers, secrets, editors, log }),
    registerAskAboutSelection(chatView, editors),
    registerAddToChat(chatView, editors),
    registerAddProblemsToChat(chatView, editors),
    ...registerRewriteCommands(rewrites, editors, context.globalState),
    vscode.languages.registerCodeLensProvider({ pattern: '**' }, new RewriteLenses(rewrites)),
    vscode.languages.registerCodeActionsProvider('*', new ChorusCodeActions(), ChorusCodeActions.metadata),
  );

  void keyGuard.check();

  return {
    chatViewReady: () => chatView.whenReady(),
    hasApiKey: async (provider) => isKnownProvider(provider) && (await secrets.has(provider)),
    currentRewrite: () => rewrites.info(),
    currentConversation: () => chatView.controller.current,
    sendPrompt: (text) => chatView.sendPrompt(text),
    slashCommands: () => chatView.slashCommands(),
    mentionItems: async (query) => [...(await chatMentions.mentions.search(query)), ...(await chatMentions.mentions.searchSymbols(query))],
    takeMention: (id) => chatMentions.mentions.take(id),
  };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
