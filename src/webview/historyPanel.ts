// Past conversations, newest first, searchable; each can be opened, exported or deleted.
import type { ConversationSummary } from '../shared/conversation';
import { LIMITS, type WebviewStrings } from '../shared/webviewProtocol';
import { el, iconButton } from './dom';

export interface HistoryCallbacks {
  search(query: string): void;
  open(id: string): void;
  exportConversation(id: string): void;
  remove(id: string): void;
  close(): void;
}

export class HistoryPanel {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private readonly input: HTMLInputElement;
  private searchTimer: number | undefined;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly callbacks: HistoryCallbacks,
    private readonly locale: string,
  ) {
    // Longer queries are cut to the length the host takes (a longer one would be refused, and the list left stale).
    this.input = el('input', { class: 'history-search', attrs: { type: 'search', placeholder: strings.searchHistory, 'aria-label': strings.searchHistory, maxlength: String(LIMITS.query) } });
    this.input.addEventListener('input', () => {
      if (this.searchTimer !== undefined) clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => this.callbacks.search(this.input.value), 150);
    });
    this.input.addEventListener('keydown', (e) => e.key === 'Escape' && this.callbacks.close());
    this.list = el('ul', { class: 'history-list', attrs: { 'aria-label': strings.history } });
    this.root = el(
      'section',
      { class: 'history', attrs: { 'aria-label': strings.history } },
      el('div', { class: 'history-top' }, iconButton('arrow-left', strings.backToChat, () => this.callbacks.close()), this.input),
      this.list,
    );
    this.root.hidden = true;
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  /** Lists again for the query shown (a conversation changed while the list was open). */
  refresh(): void {
    if (this.visible) this.callbacks.search(this.input.value);
  }

  open(): void {
    this.root.hidden = false;
    this.input.value = '';
    this.callbacks.search('');
    this.input.focus();
  }

  hide(): void {
    this.root.hidden = true;
  }

  show(items: readonly ConversationSummary[]): void {
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    if (items.length === 0) {
      this.list.replaceChildren(el('li', { class: 'history-empty', text: this.strings.noHistory }));
      return;
    }
    this.list.replaceChildren(
      ...items.map((item) => {
        const meta = item.answering
          ? el('span', { class: 'history-meta history-answering' }, el('span', { class: 'codicon codicon-loading codicon-modifier-spin', attrs: { 'aria-hidden': 'true' } }), el('span', { text: ` ${this.strings.answering} · ${item.model}` }))
          : el('span', { class: 'history-meta', text: `${date.format(item.updatedAt)} · ${item.model}` });
        const open = el('button', { class: 'history-open', attrs: { type: 'button', title: item.title } }, el('span', { class: 'history-title', text: item.title || '…' }), meta);
        open.addEventListener('click', () => this.callbacks.open(item.id));
        return el(
          'li',
          { class: 'history-item', attrs: { 'data-conversation-id': item.id } },
          open,
          iconButton('markdown', this.strings.export, () => this.callbacks.exportConversation(item.id)),
          iconButton('trash', this.strings.delete, () => this.callbacks.remove(item.id)),
        );
      }),
    );
  }
}
