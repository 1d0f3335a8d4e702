import * as vscode from 'vscode';
import { currentProvider, generationSettings, getSetting, modelSetting } from '../config/configuration';
import type { Instructions } from '../config/instructions';
import type { ProviderFactory } from '../config/providerFactory';
import type { SecretStore } from '../config/secretStore';
import { inputBudget } from '../config/inputBudget';
import { isKnownProvider, providerName } from '../config/providerCatalog';
import type { MentionService } from '../context/mentionService';
import { openAttachmentSource } from '../context/openAttachment';
import { codeAttachment, pickImageAttachment } from '../editor/attachments';
import type { LastEditor } from '../editor/lastEditor';
import { keyIsMissing } from '../editor/missingKey';
import type { RewriteController } from '../editor/rewriteController';
import { chatSystemPrompt } from '../prompts/systemPrompt';
import { type Budget, fitAttachments } from '../shared/contextBudget';
import type { Attachment, ConversationSummary } from '../shared/conversation';
import { type HostMessage, type PanelInfo, type SlashCommandInfo, type WebviewMessage, parseWebviewMessage } from '../shared/webviewProtocol';
import { flaggedText } from '../ui/errorText';
import { Disposable } from '../util/disposable';
import { ChatController } from './chatController';
import { DraftStore } from './draftStore';
import { exportConversation } from './exportConversation';
import { HistoryStore } from './historyStore';
import { openLinkFromAnswer } from './openLink';
import { runCodeAction } from './runCodeAction';
import { SlashCommands } from './slashCommands';
import { describeError } from './turnError';
import { renderWebviewHtml } from './webviewHtml';
import { webviewStrings } from './webviewStrings';

const CURRENT_KEY = 'chorus.chat.currentConversation';

export interface ChatViewDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly providers: ProviderFactory;
  readonly secrets: SecretStore;
  readonly editors: LastEditor;
  /** Where "Apply to selection" goes: the rewrite preview, with Accept / Reject. */
  readonly rewrites: RewriteController;
  /** The user's and the workspace's instructions, sent as the system prompt. */
  readonly instructions: Instructions;
  /** What the composer's `@` picker offers. */
  readonly mentions: MentionService;
}

/** Hosts the chat side panel (`chorus.chat`): serves its HTML and acts on its checked messages. */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = 'chorus.chat';

  private view: vscode.WebviewView | undefined;
  private readyWaiters: Array<() => void> = [];
  private ready = false;
  readonly controller: ChatController;
  readonly history: HistoryStore;
  private readonly drafts: DraftStore;
  private readonly commands: SlashCommands;
  private restored: Promise<void>;

  constructor(private readonly deps: ChatViewDeps) {
    super();
    const { context, log } = deps;
    this.drafts = new DraftStore(context.workspaceState);
    this.history = new HistoryStore(vscode.Uri.joinPath(context.globalStorageUri, 'conversations').fsPath, (warning) => {
      log.warn(warning);
      void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: {0}', warning));
    });
    this.controller = new ChatController({
      createProvider: async (providerId, model) => {
        // A conversation continues with its provider and model, unless that endpoint is gone.
        const known = isKnownProvider(providerId);
        const id = known ? providerId : await deps.providers.currentProvider();
        const { provider } = await deps.providers.create(id, known ? model : undefined);
        return { provider, providerId: id, model: provider.model };
      },
      currentSelection: () => {
        const id = currentProvider();
        return { providerId: id, model: modelSetting(id) };
      },
      chooseSelection: async () => {
        const id = await deps.providers.currentProvider();
        return { providerId: id, model: modelSetting(id) };
      },
      store: this.history,
      post: (message) => {
        if (message.type === 'turnFinished' || message.type === 'conversation') void context.workspaceState.update(CURRENT_KEY, this.controller.current.id);
        void this.post(message);
      },
      systemPrompt: () => this.systemPrompt(),
      generation: generationSettings,
      describeError,
      retryingText: (event) =>
        vscode.l10n.t(
          'Attempt {0} failed ({1}); trying again in {2} s.',
          event.attempt,
          event.error.status !== undefined ? `HTTP ${event.error.status}` : event.error.kind,
          Math.max(1, Math.round(event.delayMs / 1000)),
        ),
      noticeText: (notice) =>
        vscode.l10n.t('{0} older turns were left out so the conversation fits the provider\'s limit (chorus.qianfan.maxInputChars).', notice.dropped),
      waitingReason: (providerName, requestsPerMinute) => vscode.l10n.t('{0} allows {1} requests a minute', providerName, requestsPerMinute),
      flaggedMessage: (error) => flaggedText(error.banRound),
      answerTooLongText: (chars) =>
        vscode.l10n.t(
          'The answer reached {0} characters and was cut off there; what arrived is kept. A model that repeats itself can be stopped sooner, or allowed more, with chorus.maxAnswerCharacters.',
          new Intl.NumberFormat(vscode.env.language).format(chars),
        ),
      log,
    });
    this.register({ dispose: () => this.controller.dispose() });
    this.commands = this.register(new SlashCommands(deps.editors, log, () => void this.postCommands()));
    // Reopen the conversation that was on screen before a reload.
    const last = context.workspaceState.get<string>(CURRENT_KEY);
    this.restored = last ? this.controller.open(last).then(() => undefined) : Promise.resolve();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('chorus')) void this.postPanel();
      }),
    );
    this.register({ dispose: deps.secrets.onDidChange(() => void this.postPanel()).dispose });
    this.register(deps.instructions.onDidChange(() => void this.postPanel()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const webview = view.webview;
    const root = this.deps.context.extensionUri;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    };
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview.js')).toString(),
      styleUris: [
        vscode.Uri.joinPath(root, 'dist', 'codicons', 'codicon.css'),
        vscode.Uri.joinPath(root, 'media', 'chat.css'),
        vscode.Uri.joinPath(root, 'media', 'render.css'),
      ].map((uri) => webview.asWebviewUri(uri).toString()),
      lang: vscode.env.language,
    });
    const subscriptions = [
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      // Hidden, the webview's page is dropped and loaded again when shown: until it says ready
      // again, messages would be lost (an attachment added while the Explorer had the sidebar).
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
        for (const subscription of subscriptions) subscription.dispose();
      }),
    ];
    this.deps.log.debug('Chat view resolved');
  }

  /** Resolves once the webview has loaded its script and said it is ready. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Puts an attachment into the composer as a chip (Ask about Selection), revealing the view first. */
  async attachToComposer(attachment: Attachment): Promise<boolean> {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    await this.whenReady();
    return this.post({ type: 'attachment', attachment });
  }

  /** Sends a prompt as the composer does: a `/name` command goes as its prompt with the placeholders filled in. */
  async sendPrompt(text: string, attachments: readonly Attachment[] = []): Promise<void> {
    await this.controller.send(text, attachments, await this.commands.expand(text));
  }

  /** The slash commands the composer offers now. */
  slashCommands(): Promise<SlashCommandInfo[]> {
    return this.commands.infos();
  }

  async newChat(): Promise<void> {
    await this.controller.newConversation();
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn(`Ignored a malformed message from the chat webview (${describeShape(raw)})`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error(`Handling "${message.type}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    const { log, editors } = this.deps;
    switch (message.type) {
      case 'ready':
        await this.onReady();
        return;
      case 'send':
        await this.drafts.sent();
        // Cut as the meter showed before sending (the webview's own cut is not trusted).
        await this.sendPrompt(message.text, fitAttachments(message.text, message.attachments, await this.budget()));
        return;
      case 'stop':
        this.controller.stop(message.turnId);
        return;
      case 'regenerate':
      case 'retry':
        await this.controller.regenerate(message.turnId);
        return;
      case 'edit':
        await this.controller.edit(message.turnId, message.text, await this.commands.expand(message.text));
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'codeAction':
        await runCodeAction(message.action, message.code, message.language, editors, this.deps.rewrites);
        return;
      case 'openLink':
        await openLinkFromAnswer(message.url, log);
        return;
      case 'draft':
        await this.drafts.save(message);
        return;
      case 'newChat':
        await this.controller.newConversation();
        return;
      case 'listHistory': {
        const items = message.query.trim() ? await this.history.search(message.query) : await this.history.list();
        await this.post({ type: 'history', items: this.markAnswering(items), query: message.query });
        return;
      }
      case 'openConversation':
        await this.controller.open(message.id);
        return;
      case 'deleteConversation':
        await this.controller.remove(message.id);
        await this.post({ type: 'history', items: this.markAnswering(await this.history.list()), query: '' });
        return;
      case 'exportConversation': {
        const conversation = message.id === this.controller.current.id ? this.controller.current : await this.history.load(message.id);
        if (conversation) await exportConversation(conversation);
        return;
      }
      case 'selectModel': {
        // The header's picker also moves the conversation on screen to the chosen model.
        const chosen = await vscode.commands.executeCommand<{ provider: string; model: string } | undefined>('chorus.selectModel');
        if (chosen) this.controller.setModel(chosen.provider, chosen.model);
        return;
      }
      case 'listCommands':
        await this.postCommands();
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand('chorus.setApiKey', currentProvider());
        return;
      case 'attach':
      case 'imagePasted':
      case 'mentionQuery':
      case 'mentionTake':
      case 'openAttachment':
        await this.handleContext(message);
        return;
      default: {
        const unreachable: never = message;
        log.warn(`Unhandled webview message ${JSON.stringify(unreachable).slice(0, 80)}`);
      }
    }
  }

  /** What the composer attaches: the buttons, a pasted image, the `@` picker, and a clicked chip. */
  private async handleContext(message: Extract<WebviewMessage, { type: 'attach' | 'imagePasted' | 'mentionQuery' | 'mentionTake' | 'openAttachment' }>): Promise<void> {
    switch (message.type) {
      case 'attach':
        return this.attach(message.what);
      case 'imagePasted':
        await this.post({ type: 'attachment', attachment: { kind: 'image', name: message.name, dataUrl: message.dataUrl } });
        return;
      case 'mentionQuery':
        return this.answerMentions(message.seq, message.query);
      case 'mentionTake':
        return this.takeMention(message.id);
      case 'openAttachment':
        return openAttachmentSource(message.source, message.path, message.startLine);
    }
  }

  /** The webview loaded its script: it gets everything it shows, then whoever waited for it goes on. */
  private async onReady(): Promise<void> {
    await this.restored;
    this.ready = true;
    await this.post({
      type: 'init',
      version: String(this.deps.context.extension.packageJSON.version ?? ''),
      locale: vscode.env.language,
      strings: webviewStrings(),
      panel: await this.panelInfo(),
      conversation: this.controller.current,
      draft: this.drafts.get(),
    });
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    await this.postCommands();
  }

  private async postCommands(): Promise<void> {
    if (this.ready) await this.post({ type: 'slashCommands', commands: await this.commands.infos() });
  }

  private async attach(what: 'selection' | 'file' | 'image'): Promise<void> {
    let result;
    if (what === 'image') {
      result = await pickImageAttachment();
    } else {
      const editor = this.deps.editors.get();
      result = editor ? codeAttachment(editor, what === 'file') : vscode.l10n.t('Open a file in the editor first.');
    }
    if (result === undefined) return;
    if (typeof result === 'string') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: {0}', result));
      return;
    }
    await this.post({ type: 'attachment', attachment: result });
  }

  /** The `@` picker's items: files at once, symbols (which ask language servers) in a second answer. */
  private async answerMentions(seq: number, query: string): Promise<void> {
    const items = await this.deps.mentions.search(query);
    await this.post({ type: 'mentions', seq, items });
    const symbols = await this.deps.mentions.searchSymbols(query);
    if (symbols.length) await this.post({ type: 'mentions', seq, items: [...items, ...symbols] });
  }

  private async takeMention(id: string): Promise<void> {
    const { attachments, refused } = await this.deps.mentions.take(id);
    for (const attachment of attachments) await this.post({ type: 'attachment', attachment });
    if (refused.length) void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: {0}', refused.join(' ')));
  }

  /** What one question and its attachments may use with the current provider. */
  private async budget(): Promise<Budget> {
    const id = currentProvider();
    return inputBudget(id, this.deps.providers.presetOf(id), (await this.systemPrompt()) ?? '');
  }

  /** History items answering in the background say so. */
  private markAnswering(items: readonly ConversationSummary[]): ConversationSummary[] {
    return items.map((item) => (this.controller.isAnswering(item.id) ? { ...item, answering: true } : item));
  }

  private async panelInfo(): Promise<PanelInfo> {
    const id = currentProvider();
    const { model, firstListed } = this.deps.providers.effectiveModel(id);
    const hasKey = !(await keyIsMissing(id, this.deps.providers));
    return {
      providerName: providerName(id),
      // An unset model is the first one the server lists: the header says so.
      model: !firstListed ? model : model ? vscode.l10n.t('{0} (first listed by the server)', model) : vscode.l10n.t('first model the server lists'),
      hasKey,
      acceptsImages: this.deps.providers.acceptsImages(id, model),
      instructions: await this.deps.instructions.fileNames(),
      budget: await this.budget(),
    };
  }

  private async systemPrompt(): Promise<string | undefined> {
    const language = getSetting('responseLanguage');
    return chatSystemPrompt(await this.deps.instructions.sources(), language === 'auto' ? undefined : language);
  }

  private async postPanel(): Promise<void> {
    if (this.ready) await this.post({ type: 'panel', panel: await this.panelInfo() });
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.view?.webview.postMessage(message) ?? Promise.resolve(false);
  }
}

/** Type and keys of a rejected message, for the log (never its values). */
function describeShape(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as { type?: unknown }).type;
  return `type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}, ${Object.keys(raw).length} keys`;
}
