// The `@` picker: typing `@` at the start of a word opens a list of what can be attached (files,
// folders, open editors, selection, problems, terminal, git changes, symbols), filtered as the user
// types. The host searches and answers with items it numbered; taking one sends back its id only.
// Answers come back numbered too, so a slow answer to an older query never replaces a newer one.
import type { MentionItem, MentionKind } from '../shared/mentions';
import { LIMITS, type WebviewStrings } from '../shared/webviewProtocol';
import { el } from './dom';
import { type PickerKey, PickerList } from './pickerList';

export interface MentionPickerCallbacks {
  /** Search for `query`; the answer goes to setItems with the same `seq`. */
  query(seq: number, query: string): void;
  /** The user took `item`; `from`–`to` is the `@query` text in the box, to be removed. */
  take(item: MentionItem, from: number, to: number): void;
}

/** `@` and what follows it, right before the caret, at the start of the box or after a space. */
const TYPING_MENTION = /(?:^|\s)@([^\s@]*)$/;
/** How far back from the caret an `@` is looked for (a mention is a word, not a paragraph). */
const LOOK_BACK = 120;

const ICONS: Readonly<Record<MentionKind, string>> = {
  file: 'file',
  folder: 'folder',
  openEditor: 'files',
  selection: 'selection',
  problems: 'warning',
  workspaceProblems: 'warning',
  terminal: 'terminal',
  git: 'git-compare',
  symbol: 'symbol-method',
};

export class MentionPicker {
  private readonly list: PickerList;
  private items: readonly MentionItem[] = [];
  private seq = 0;
  /** The open mention: its query and where its `@` is in the box. */
  private mention: { readonly query: string; readonly at: number; readonly caret: number } | undefined;
  private dismissedAt: number | undefined;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly callbacks: MentionPickerCallbacks,
  ) {
    this.list = new PickerList('mention-picker', strings.mentions, 'mention-picker', (index) => this.take(index));
  }

  get root(): HTMLElement {
    return this.list.root;
  }

  get isOpen(): boolean {
    return this.list.isOpen;
  }

  get activeId(): string | undefined {
    return this.list.activeId;
  }

  /** The box's text or caret changed: opens, re-queries or closes. */
  update(text: string, caret: number): void {
    const before = text.slice(Math.max(0, caret - LOOK_BACK), caret);
    const match = TYPING_MENTION.exec(before);
    if (!match || match[1]!.length > LIMITS.query) {
      this.dismissedAt = undefined;
      this.close();
      return;
    }
    const at = caret - match[1]!.length - 1;
    if (this.dismissedAt === at) return;
    if (this.mention && this.mention.at === at && this.mention.query === match[1]) return;
    this.mention = { query: match[1]!, at, caret };
    this.callbacks.query(++this.seq, match[1]!);
  }

  /** The host's answer for query `seq`. */
  setItems(seq: number, items: readonly MentionItem[]): void {
    if (seq !== this.seq || !this.mention) return;
    const keep = this.list.isOpen && this.items.length > 0 && items.slice(0, this.items.length).every((item, i) => item.label === this.items[i]!.label);
    this.items = items;
    this.list.show(
      items.map((item) => ({
        key: item.id,
        title: item.detail ? `${item.label} — ${item.detail}` : item.label,
        parts: [
          el('span', { class: `codicon codicon-${ICONS[item.kind] ?? 'file'}`, attrs: { 'aria-hidden': 'true' } }),
          el('span', { class: 'mention-label', text: item.label }),
          el('span', { class: 'mention-detail', text: item.detail }),
        ],
      })),
      this.strings.mentionNone,
      keep,
    );
  }

  close(): void {
    this.mention = undefined;
    this.items = [];
    this.list.close();
  }

  /** Acts on a key while the list is open; true when the key was the list's. */
  onKey(e: KeyboardEvent): boolean {
    const at = this.mention?.at;
    const done: PickerKey = this.list.onKey(e);
    if (done === 'close') {
      // Escape: closed until this `@` is gone.
      this.dismissedAt = at;
      this.close();
    }
    return done !== undefined;
  }

  private take(index: number): void {
    const item = this.items[index];
    const mention = this.mention;
    if (!item || !mention) return;
    this.close();
    this.callbacks.take(item, mention.at, mention.at + 1 + mention.query.length);
  }
}
