// The list of slash commands the composer shows while its text is `/` and part of a name, filtered
// as the user types (pickerList.ts does the keys). The composer passes it keys only outside an IME
// composition. Descriptions come from prompt files, so everything here is set as text.
import type { SlashCommandInfo, WebviewStrings } from '../shared/webviewProtocol';
import { el } from './dom';
import { type PickerKey, PickerList } from './pickerList';

export interface SlashPickerCallbacks {
  /** The user took `name`. */
  take(name: string): void;
  /** The list opened (the host is asked for the commands again). */
  opened(): void;
}

/** Text the list opens for: a slash and the start of a name, nothing else on the line. */
const TYPING_NAME = /^\/([a-z0-9-]*)$/;

export class SlashPicker {
  private readonly list: PickerList;
  private commands: readonly SlashCommandInfo[] = [];
  private shown: readonly SlashCommandInfo[] = [];
  private query: string | undefined;
  /** Escape closed the list: it stays closed until the text stops being a command name. */
  private dismissed = false;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly callbacks: SlashPickerCallbacks,
  ) {
    this.list = new PickerList('slash-picker', strings.slashCommands, 'slash-picker', (index) => {
      const command = this.shown[index];
      if (command) this.callbacks.take(command.name);
    });
  }

  get root(): HTMLElement {
    return this.list.root;
  }

  get isOpen(): boolean {
    return this.query !== undefined;
  }

  get activeId(): string | undefined {
    return this.list.activeId;
  }

  setCommands(commands: readonly SlashCommandInfo[]): void {
    this.commands = commands;
    if (this.query !== undefined) this.render(this.query, true);
  }

  /** The box's text changed: opens, filters or closes the list. `caret` is where the cursor is. */
  update(text: string, caret: number): void {
    const match = caret === text.length ? TYPING_NAME.exec(text) : null;
    if (!match) {
      this.dismissed = false;
      this.close();
      return;
    }
    if (this.dismissed) return;
    const opening = this.query === undefined;
    this.render(match[1]!, match[1] === this.query);
    if (opening) this.callbacks.opened();
  }

  close(): void {
    this.query = undefined;
    this.list.close();
  }

  /** Acts on a key while the list is open; true when the key was the list's (the box must not act on it). */
  onKey(e: KeyboardEvent): boolean {
    const done: PickerKey = this.list.onKey(e);
    if (done === 'close') {
      this.dismissed = true;
      this.query = undefined;
    }
    return done !== undefined;
  }

  private render(query: string, keepActive: boolean): void {
    this.query = query;
    const starts = this.commands.filter((c) => c.name.startsWith(query));
    const contains = this.commands.filter((c) => !c.name.startsWith(query) && c.name.includes(query));
    this.shown = [...starts, ...contains];
    const source = { builtIn: this.strings.slashBuiltIn, workspace: this.strings.slashWorkspace, user: this.strings.slashUser };
    this.list.show(
      this.shown.map((command) => ({
        key: command.name,
        title: command.description,
        parts: [el('span', { class: 'slash-name', text: `/${command.name}` }), el('span', { class: 'slash-description', text: command.description }), el('span', { class: 'slash-source', text: source[command.source] ?? '' })],
      })),
      this.strings.slashNone,
      keepActive,
    );
  }
}
