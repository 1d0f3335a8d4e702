// The list of slash commands the composer shows while its text is `/` and part of a name: filtered
// as the user types, Up/Down to move, Enter or Tab to take, Escape to close, or a click. The
// composer passes it keys only outside an IME composition. Descriptions come from prompt files, so
// everything here is set as text, never as HTML.
import type { SlashCommandInfo, WebviewStrings } from '../shared/webviewProtocol';
import { el } from './dom';

export interface SlashPickerCallbacks {
  /** The user took `name`. */
  take(name: string): void;
  /** The list opened (the host is asked for the commands again). */
  opened(): void;
}

/** Text the list opens for: a slash and the start of a name, nothing else on the line. */
const TYPING_NAME = /^\/([a-z0-9-]*)$/;

export class SlashPicker {
  readonly root: HTMLElement;
  private commands: readonly SlashCommandInfo[] = [];
  private shown: readonly SlashCommandInfo[] = [];
  private active = 0;
  private query: string | undefined;
  /** Escape closed the list: it stays closed until the text stops being a command name. */
  private dismissed = false;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly callbacks: SlashPickerCallbacks,
  ) {
    this.root = el('ul', { class: 'slash-picker', attrs: { role: 'listbox', id: 'slash-picker', 'aria-label': strings.slashCommands } });
    this.root.hidden = true;
    // mousedown, not click: the box keeps its focus (a blur would close the list under the pointer).
    this.root.addEventListener('mousedown', (e) => {
      e.preventDefault();
      const option = (e.target as Element | null)?.closest<HTMLElement>('[data-name]');
      if (option?.dataset.name) this.callbacks.take(option.dataset.name);
    });
  }

  get isOpen(): boolean {
    return this.query !== undefined;
  }

  /** The option the keyboard is on, for the box's aria-activedescendant. */
  get activeId(): string | undefined {
    return this.isOpen && this.shown.length ? `slash-option-${this.active}` : undefined;
  }

  setCommands(commands: readonly SlashCommandInfo[]): void {
    this.commands = commands;
    if (this.query !== undefined) this.render(this.query);
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
    this.render(match[1]!);
    if (opening) this.callbacks.opened();
  }

  close(): void {
    this.query = undefined;
    this.root.hidden = true;
    this.root.replaceChildren();
  }

  /** Acts on a key while the list is open; true when the key was the list's (the box must not act on it). */
  onKey(e: KeyboardEvent): boolean {
    if (!this.isOpen || e.altKey || e.ctrlKey || e.metaKey) return false;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!this.shown.length) return false;
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : this.shown.length - 1)) % this.shown.length;
        this.render(this.query!);
        return true;
      case 'Enter':
      case 'Tab': {
        const command = this.shown[this.active];
        if (!command || e.shiftKey) return false;
        this.callbacks.take(command.name);
        return true;
      }
      case 'Escape':
        this.dismissed = true;
        this.close();
        return true;
      default:
        return false;
    }
  }

  private render(query: string): void {
    if (query !== this.query) this.active = 0;
    this.query = query;
    const starts = this.commands.filter((c) => c.name.startsWith(query));
    const contains = this.commands.filter((c) => !c.name.startsWith(query) && c.name.includes(query));
    this.shown = [...starts, ...contains];
    this.active = Math.min(this.active, Math.max(0, this.shown.length - 1));
    const source = { builtIn: this.strings.slashBuiltIn, workspace: this.strings.slashWorkspace, user: this.strings.slashUser };
    const options = this.shown.map((command, index) =>
      el(
        'li',
        { class: 'slash-option', attrs: { role: 'option', id: `slash-option-${index}`, 'data-name': command.name, 'aria-selected': String(index === this.active), title: command.description } },
        el('span', { class: 'slash-name', text: `/${command.name}` }),
        el('span', { class: 'slash-description', text: command.description }),
        el('span', { class: 'slash-source', text: source[command.source] ?? '' }),
      ),
    );
    this.root.replaceChildren(...(options.length ? options : [el('li', { class: 'slash-empty', text: this.strings.slashNone })]));
    this.root.hidden = false;
    options[this.active]?.scrollIntoView?.({ block: 'nearest' });
  }
}
