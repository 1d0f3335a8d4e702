// The chat panel: header (model, new chat, history), the conversation, and the composer. Talks to
// the host only through the checked messages of src/shared/webviewProtocol.ts.
import type { Budget } from '../shared/contextBudget';
import type { Attachment, Conversation } from '../shared/conversation';
import type { HostMessage, PanelInfo, WebviewStrings } from '../shared/webviewProtocol';
import { createAnswerRenderer } from './answerRenderer';
import { Composer } from './composer';
import { el, format, iconButton } from './dom';
import { HistoryPanel } from './historyPanel';
import { MessageList } from './messageList';
import { postToHost, saveState, savedState } from './vscodeApi';

const root = document.getElementById('chorus-app')!;

/** A chip was clicked: the host opens its file (checked there), or the view it came from. */
function openAttachment(a: Extract<Attachment, { kind: 'code' }>): void {
  postToHost({ type: 'openAttachment', source: a.source ?? (a.startLine ? 'selection' : 'file'), path: a.path, ...(a.startLine ? { startLine: a.startLine } : {}) });
}

class ChatApp {
  private readonly list: MessageList;
  private readonly composer: Composer;
  private readonly history: HistoryPanel;
  private readonly modelButton: HTMLButtonElement;
  private readonly keyNotice: HTMLElement;
  private readonly instructionsLine: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly chat: HTMLElement;
  private streamingTurn: string | undefined;
  private budget: Budget = { unit: 'tokens', limit: 0 };
  /** The last revision of the composer's draft either copy holds. */
  private draftRevision = 0;
  /** A prompt the host returned to the box after it got no answer; Retry sends it, so the box lets it go. */
  private returned: string | undefined;

  constructor(
    private readonly strings: WebviewStrings,
    init: Extract<HostMessage, { type: 'init' }>,
  ) {
    const renderer = createAnswerRenderer(strings, {
      openLink: (url) => postToHost({ type: 'openLink', url }),
      codeAction: (action, code, language) => postToHost({ type: 'codeAction', action, code, language }),
    });
    this.list = new MessageList(strings, renderer, {
      stop: (turnId) => postToHost({ type: 'stop', turnId }),
      regenerate: (turnId) => postToHost({ type: 'regenerate', turnId }),
      retry: (turnId) => {
        if (this.returned !== undefined && this.composer.text === this.returned) this.composer.setDraft('');
        this.returned = undefined;
        postToHost({ type: 'retry', turnId });
      },
      edit: (turnId, text) => postToHost({ type: 'edit', turnId, text }),
      copy: (text) => postToHost({ type: 'copy', text }),
      setApiKey: () => postToHost({ type: 'setApiKey' }),
      openAttachment,
      budget: () => this.budget,
    }, init.locale);
    renderer.installHandlers(this.list.contentRoot);
    this.composer = new Composer(strings, this.composerCallbacks(), init.locale);
    this.history = new HistoryPanel(strings, {
      search: (query) => postToHost({ type: 'listHistory', query }),
      open: (id) => {
        postToHost({ type: 'openConversation', id });
        this.showChat();
      },
      exportConversation: (id) => postToHost({ type: 'exportConversation', id }),
      remove: (id) => postToHost({ type: 'deleteConversation', id }),
      close: () => this.showChat(),
    }, init.locale);
    this.modelButton = el('button', { class: 'model-picker', attrs: { type: 'button', title: strings.model } });
    this.modelButton.addEventListener('click', () => postToHost({ type: 'selectModel' }));
    const header = el(
      'header',
      { class: 'panel-header' },
      this.modelButton,
      el('span', { class: 'spacer' }),
      iconButton('add', strings.newChat, () => {
        postToHost({ type: 'newChat' });
        this.showChat();
      }),
      iconButton('history', strings.history, () => (this.history.visible ? this.showChat() : this.showHistory())),
    );
    this.keyNotice = el('div', { class: 'key-notice', attrs: { role: 'status' } });
    this.instructionsLine = el('div', { class: 'instructions-line' });
    this.banner = el('div', { class: 'banner', attrs: { role: 'alert' } });
    this.banner.hidden = true;
    this.chat = el('div', { class: 'chat' }, this.keyNotice, this.instructionsLine, this.banner, this.list.root, this.composer.root);
    root.replaceChildren(header, this.chat, this.history.root);
    root.dataset.version = init.version;
    this.applyPanel(init.panel);
    this.showConversation(init.conversation);
    // Two copies of the draft: the webview's own state and the host's workspaceState. Either can be
    // behind after a reload (a state write the page did not finish), so the higher revision wins.
    const saved = savedState();
    const ownIsNewer = saved.draft !== undefined && (saved.draftRevision ?? 0) > init.draft.revision;
    this.draftRevision = Math.max(init.draft.revision, saved.draftRevision ?? 0);
    this.composer.setDraft(ownIsNewer ? saved.draft! : init.draft.text);
    root.dataset.state = 'ready';
    this.composer.focus();
  }

  private composerCallbacks(): ConstructorParameters<typeof Composer>[1] {
    return {
      send: (text, attachments) => {
        this.returned = undefined;
        postToHost({ type: 'send', text, attachments });
      },
      stop: () => this.streamingTurn && postToHost({ type: 'stop', turnId: this.streamingTurn }),
      attach: (what) => postToHost({ type: 'attach', what }),
      draftChanged: (text) => {
        const revision = ++this.draftRevision;
        saveState({ draft: text, draftRevision: revision });
        postToHost({ type: 'draft', text, revision });
      },
      imagePasted: (name, dataUrl) => postToHost({ type: 'imagePasted', name, dataUrl }),
      listCommands: () => postToHost({ type: 'listCommands' }),
      mentionQuery: (seq, query) => postToHost({ type: 'mentionQuery', seq, query }),
      mentionTake: (id) => postToHost({ type: 'mentionTake', id }),
      openAttachment,
    };
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        return; // Handled at start-up.
      case 'panel':
        this.applyPanel(message.panel);
        return;
      case 'conversation':
        this.showConversation(message.conversation);
        return;
      case 'turnAdded':
        this.list.add(message.turn);
        if (message.turn.role === 'assistant' && message.turn.status === 'streaming') this.setStreaming(message.turn.id);
        return;
      case 'turnsRemoved':
        this.list.removeFrom(message.fromTurnId);
        return;
      case 'delta':
        this.list.appendDelta(message.turnId, message.text);
        return;
      case 'reasoningDelta':
        this.list.appendReasoning(message.turnId, message.text);
        return;
      case 'turnFinished':
        this.list.finish(message.turnId, message.status, message.metrics, message.error, message.thinkingMs);
        if (this.streamingTurn === message.turnId) this.setStreaming(undefined);
        return;
      case 'waiting':
        this.list.waiting(message.turnId, message.untilMs, message.reason);
        return;
      case 'notice':
        this.list.notice(message.turnId, message.text);
        return;
      case 'restoreDraft':
        this.returned = message.text;
        this.composer.setDraft(message.text, message.attachments as Attachment[]);
        this.composer.focus();
        return;
      case 'attachment':
        this.composer.addAttachment(message.attachment);
        this.composer.focus();
        return;
      case 'history':
        this.history.show(message.items);
        return;
      case 'historyChanged':
        this.history.refresh();
        return;
      case 'flagged':
        this.banner.replaceChildren(el('span', { class: 'codicon codicon-warning', attrs: { 'aria-hidden': 'true' } }), el('span', { text: message.text }), iconButton('close', this.strings.close, () => (this.banner.hidden = true)));
        this.banner.hidden = false;
        return;
      case 'slashCommands':
        this.composer.setCommands(message.commands);
        return;
      case 'mentions':
        this.composer.setMentions(message.seq, message.items);
        return;
      default: {
        const unreachable: never = message;
        void unreachable;
      }
    }
  }

  private setStreaming(turnId: string | undefined): void {
    this.streamingTurn = turnId;
    this.composer.setBusy(turnId !== undefined);
    root.dataset.streaming = String(turnId !== undefined);
  }

  private showConversation(conversation: Conversation): void {
    this.list.show(conversation, this.emptyState());
    const last = conversation.turns.at(-1);
    this.setStreaming(last?.role === 'assistant' && last.status === 'streaming' ? last.id : undefined);
  }

  private emptyState(): HTMLElement {
    return el('div', { class: 'empty-state' }, el('h1', { class: 'chorus-title', text: this.strings.title }), el('p', { class: 'chorus-welcome', text: this.strings.welcome }));
  }

  private applyPanel(panel: PanelInfo): void {
    this.modelButton.replaceChildren(
      el('span', { class: 'codicon codicon-sparkle', attrs: { 'aria-hidden': 'true' } }),
      el('span', { class: 'model-name', text: `${panel.providerName} · ${panel.model || '—'}` }),
      el('span', { class: 'codicon codicon-chevron-down', attrs: { 'aria-hidden': 'true' } }),
    );
    this.modelButton.setAttribute('aria-label', `${this.strings.model}: ${panel.providerName} ${panel.model}`);
    this.composer.setAcceptsImages(panel.acceptsImages);
    this.budget = panel.budget;
    this.composer.setBudget(panel.budget);
    this.keyNotice.hidden = panel.hasKey;
    // Which workspace files the model is told to follow; file names are text, never markup.
    this.instructionsLine.hidden = panel.instructions.length === 0;
    this.instructionsLine.replaceChildren(
      el('span', { class: 'codicon codicon-book', attrs: { 'aria-hidden': 'true' } }),
      el('span', { text: format(this.strings.instructions, panel.instructions.join(', ')) }),
    );
    if (!panel.hasKey) {
      const button = iconButton('key', this.strings.setKey, () => postToHost({ type: 'setApiKey' }), true);
      button.classList.add('primary');
      this.keyNotice.replaceChildren(el('span', { text: format(this.strings.noKey, panel.providerName) }), button);
    }
  }

  private showHistory(): void {
    this.chat.hidden = true;
    this.history.open();
  }

  private showChat(): void {
    this.history.hide();
    this.chat.hidden = false;
    this.composer.focus();
  }
}

let app: ChatApp | undefined;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'init') {
    if (!app) app = new ChatApp(message.strings, message);
    return;
  }
  app?.handle(message);
});

postToHost({ type: 'ready' });
