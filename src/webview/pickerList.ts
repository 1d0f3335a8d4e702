// The list under the composer that the `/` and `@` pickers show: a listbox whose options are built
// as text, Up/Down to move, Enter or Tab to take, Escape to close, or a click. The box keeps the
// focus and points at the active option (aria-activedescendant).
import { el } from './dom';

export interface PickerOption {
  /** Goes into the option's data-key, for a click to find it. */
  readonly key: string;
  readonly title: string;
  readonly parts: readonly HTMLElement[];
}

export type PickerKey = 'moved' | 'take' | 'close' | undefined;

export class PickerList {
  readonly root: HTMLUListElement;
  private count = 0;
  private active = 0;
  private open = false;

  constructor(
    private readonly idPrefix: string,
    label: string,
    className: string,
    private readonly onTake: (index: number) => void,
  ) {
    this.root = el('ul', { class: `picker ${className}`, attrs: { role: 'listbox', id: idPrefix, 'aria-label': label } });
    this.root.hidden = true;
    // mousedown, not click: the box keeps its focus (a blur would close the list under the pointer).
    this.root.addEventListener('mousedown', (e) => {
      e.preventDefault();
      const option = (e.target as Element | null)?.closest<HTMLElement>('[data-index]');
      if (option) this.onTake(Number(option.dataset.index));
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  get activeIndex(): number {
    return this.active;
  }

  /** The option the keyboard is on, for the box's aria-activedescendant. */
  get activeId(): string | undefined {
    return this.open && this.count ? `${this.idPrefix}-option-${this.active}` : undefined;
  }

  /** Shows `options` (or `empty` for none); `keepActive` keeps the keyboard's place, else the first is active. */
  show(options: readonly PickerOption[], empty: string, keepActive: boolean): void {
    this.count = options.length;
    this.active = keepActive ? Math.min(this.active, Math.max(0, this.count - 1)) : 0;
    this.open = true;
    const items = options.map((option, index) =>
      el(
        'li',
        { class: 'picker-option', attrs: { role: 'option', id: `${this.idPrefix}-option-${index}`, 'data-index': String(index), 'data-key': option.key, 'aria-selected': String(index === this.active), title: option.title } },
        ...option.parts,
      ),
    );
    this.root.replaceChildren(...(items.length ? items : [el('li', { class: 'picker-empty', text: empty })]));
    this.root.hidden = false;
    items[this.active]?.scrollIntoView?.({ block: 'nearest' });
  }

  close(): void {
    this.open = false;
    this.count = 0;
    this.root.hidden = true;
    this.root.replaceChildren();
  }

  /** What a key does while the list is open; the caller stops the box from acting on a key that did something. */
  onKey(e: KeyboardEvent): PickerKey {
    if (!this.open || e.altKey || e.ctrlKey || e.metaKey) return undefined;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!this.count) return undefined;
        this.moveTo((this.active + (e.key === 'ArrowDown' ? 1 : this.count - 1)) % this.count);
        return 'moved';
      case 'Enter':
      case 'Tab':
        if (!this.count || e.shiftKey) return undefined;
        this.onTake(this.active);
        return 'take';
      case 'Escape':
        this.close();
        return 'close';
      default:
        return undefined;
    }
  }

  private moveTo(index: number): void {
    this.root.querySelector(`[aria-selected="true"]`)?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = this.root.querySelector<HTMLElement>(`#${this.idPrefix}-option-${index}`);
    option?.setAttribute('aria-selected', 'true');
    option?.scrollIntoView?.({ block: 'nearest' });
  }
}
