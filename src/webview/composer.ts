// The prompt box: multi-line, Enter sends and Shift+Enter adds a line, but Enter that confirms an
// IME composition (Chinese, Japanese input) never sends. The draft survives hiding and reloading.
// Typing `/` at the start opens the slash-command list (slashPicker.ts), `@` at the start of a word
// the list of what can be attached (mentionPicker.ts). Attachments show as chips above the box,
// and the meter by Send shows what the question and they will use of the model's input budget.
import type { Budget } from '../shared/contextBudget';
import type { Attachment } from '../shared/conversation';
import type { MentionItem } from '../shared/mentions';
import { LIMITS, type SlashCommandInfo, type WebviewStrings } from '../shared/webviewProtocol';
import { attachmentChip } from './attachmentChip';
import { BudgetMeter } from './budgetMeter';
import { el, format, iconButton } from './dom';
import { MentionPicker } from './mentionPicker';
import { SlashPicker } from './slashPicker';

export interface ComposerCallbacks {
  send(text: string, attachments: readonly Attachment[]): void;
  stop(): void;
  attach(what: 'selection' | 'file' | 'image'): void;
  draftChanged(text: string): void;
  imagePasted(name: string, dataUrl: string): void;
  /** The slash-command list opened: the host sends the commands again. */
  listCommands(): void;
  /** The `@` list's query changed: the host answers with items for `seq`. */
  mentionQuery(seq: number, query: string): void;
  /** The user took an item of the `@` list. */
  mentionTake(id: string): void;
  /** A chip was clicked. */
  openAttachment(attachment: Extract<Attachment, { kind: 'code' }>): void;
}

const MAX_PASTED_IMAGE_BYTES = 4 * 1024 * 1024;

export class Composer {
  readonly root: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly imageButton: HTMLButtonElement;
  private readonly message: HTMLElement;
  private readonly picker: SlashPicker;
  private readonly mentions: MentionPicker;
  private readonly meter: BudgetMeter;
  private budget: Budget = { unit: 'tokens', limit: 0 };
  private attachments: Attachment[] = [];
  private composing = false;
  private busy = false;
  private draftTimer: number | undefined;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly callbacks: ComposerCallbacks,
    private readonly locale: string,
  ) {
    this.input = el('textarea', {
      class: 'composer-input',
      attrs: { rows: '3', placeholder: strings.placeholder, 'aria-label': strings.placeholder, maxlength: String(LIMITS.text) },
    });
    this.chips = el('div', { class: 'composer-chips', attrs: { role: 'list' } });
    this.message = el('div', { class: 'composer-message', attrs: { role: 'status' } });
    this.sendButton = iconButton('send', strings.send, () => this.submit(), true);
    this.sendButton.classList.add('primary', 'composer-send');
    this.stopButton = iconButton('debug-stop', strings.stop, () => this.callbacks.stop(), true);
    this.stopButton.classList.add('composer-stop');
    this.stopButton.hidden = true;
    this.imageButton = iconButton('file-media', strings.attachImage, () => this.callbacks.attach('image'));
    const tools = el(
      'div',
      { class: 'composer-tools' },
      iconButton('selection', strings.attachSelection, () => this.callbacks.attach('selection')),
      iconButton('file-code', strings.attachFile, () => this.callbacks.attach('file')),
      this.imageButton,
      el('span', { class: 'spacer' }),
      (this.meter = new BudgetMeter(strings, locale)).root,
      this.stopButton,
      this.sendButton,
    );
    this.picker = new SlashPicker(strings, { take: (name) => this.takeCommand(name), opened: () => this.callbacks.listCommands() });
    this.mentions = new MentionPicker(strings, {
      query: (seq, query) => this.callbacks.mentionQuery(seq, query),
      take: (item, from, to) => this.takeMention(item, from, to),
    });
    this.input.setAttribute('aria-controls', `${this.picker.root.id} ${this.mentions.root.id}`);
    this.input.setAttribute('aria-autocomplete', 'list');
    this.root = el('form', { class: 'composer', attrs: { 'aria-label': strings.placeholder } }, this.picker.root, this.mentions.root, this.chips, this.meter.note, this.input, this.message, tools);
    this.root.addEventListener('submit', (e) => e.preventDefault());
    this.input.addEventListener('compositionstart', () => (this.composing = true));
    this.input.addEventListener('compositionend', () => {
      // Some engines fire keydown(Enter) right after compositionend; let that Enter pass as part of the composition.
      setTimeout(() => {
        this.composing = false;
        this.updatePicker();
      }, 0);
    });
    this.input.addEventListener('blur', () => this.closePicker());
    this.input.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('paste', (e) => this.onPaste(e));
    this.setAcceptsImages(false);
  }

  get text(): string {
    return this.input.value;
  }

  focus(): void {
    this.input.focus();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
  }

  setAcceptsImages(accepts: boolean): void {
    this.imageButton.hidden = !accepts;
  }

  /** The current model's input budget: chips show sizes in its unit, the meter measures against it. */
  setBudget(budget: Budget): void {
    this.budget = budget;
    this.meter.setBudget(budget);
    this.renderChips();
  }

  /** The host's answer to the `@` list's query `seq`. */
  setMentions(seq: number, items: readonly MentionItem[]): void {
    this.mentions.setItems(seq, items);
    this.syncPickerState();
  }

  /** Puts text (and attachments) into the box, e.g. a prompt that got no answer. */
  setDraft(text: string, attachments: readonly Attachment[] = []): void {
    this.input.value = text;
    this.closePicker();
    this.attachments = [...attachments];
    this.renderChips();
    this.callbacks.draftChanged(text);
  }

  /** The slash commands the list offers. */
  setCommands(commands: readonly SlashCommandInfo[]): void {
    this.picker.setCommands(commands);
    this.syncPickerState();
  }

  addAttachment(attachment: Attachment): void {
    if (this.attachments.length >= LIMITS.attachments) return;
    this.attachments.push(attachment);
    this.renderChips();
  }

  private onKeyDown(e: KeyboardEvent): void {
    // keyCode 229 is what browsers report for keys the IME is handling.
    if (e.isComposing || this.composing || e.keyCode === 229) return;
    if (this.picker.onKey(e) || this.mentions.onKey(e)) {
      e.preventDefault();
      this.syncPickerState();
      return;
    }
    if (e.key !== 'Enter' || e.shiftKey || e.altKey) return;
    e.preventDefault();
    this.submit();
  }

  private onInput(): void {
    this.showMessage('');
    if (!this.composing) this.updatePicker();
    this.meter.update(this.input.value, this.attachments);
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    this.draftTimer = window.setTimeout(() => this.callbacks.draftChanged(this.input.value), 300);
  }

  private onPaste(e: ClipboardEvent): void {
    const items = [...(e.clipboardData?.items ?? [])];
    const image = items.find((item) => item.kind === 'file' && item.type.startsWith('image/'));
    if (image && !this.imageButton.hidden) {
      e.preventDefault();
      const file = image.getAsFile();
      if (!file) return;
      if (file.size > MAX_PASTED_IMAGE_BYTES) {
        this.showMessage(format(this.strings.imageTooLarge, (file.size / 1048576).toFixed(1), MAX_PASTED_IMAGE_BYTES / 1048576));
        return;
      }
      const reader = new FileReader();
      reader.onload = () => typeof reader.result === 'string' && this.callbacks.imagePasted(file.name || 'pasted-image.png', reader.result);
      reader.readAsDataURL(file);
      return;
    }
    const refused = refuseLongPaste(this.input, e, this.strings);
    if (refused) this.showMessage(refused);
  }

  private updatePicker(): void {
    this.picker.update(this.input.value, this.input.selectionEnd);
    this.mentions.update(this.input.value, this.input.selectionEnd);
    this.syncPickerState();
  }

  private closePicker(): void {
    this.picker.close();
    this.mentions.close();
    this.syncPickerState();
  }

  /** The box tells assistive technology whether the list is open and which option is active. */
  private syncPickerState(): void {
    this.input.setAttribute('aria-expanded', String(this.picker.isOpen || this.mentions.isOpen));
    const active = this.picker.activeId ?? this.mentions.activeId;
    if (active) this.input.setAttribute('aria-activedescendant', active);
    else this.input.removeAttribute('aria-activedescendant');
  }

  /** `/name ` goes into the box, ready for the rest of the line. */
  private takeCommand(name: string): void {
    this.input.value = `/${name} `;
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
    this.closePicker();
    this.onInput();
  }

  /** The `@query` text leaves the box; what it named comes back from the host as a chip. */
  private takeMention(item: MentionItem, from: number, to: number): void {
    const text = this.input.value;
    this.input.value = text.slice(0, from) + text.slice(to);
    this.input.setSelectionRange(from, from);
    this.syncPickerState();
    this.callbacks.mentionTake(item.id);
    this.onInput();
  }

  private submit(): void {
    const text = this.input.value;
    if (this.busy || (!text.trim() && this.attachments.length === 0)) return;
    this.callbacks.send(text, this.attachments);
    this.closePicker();
    this.input.value = '';
    this.attachments = [];
    this.renderChips();
    this.callbacks.draftChanged('');
  }

  private showMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  private renderChips(): void {
    this.chips.replaceChildren(
      ...this.attachments.map((attachment, index) =>
        attachmentChip(attachment, this.budget, this.strings, this.locale, {
          open: (code) => this.callbacks.openAttachment(code),
          remove: () => {
            this.attachments.splice(index, 1);
            this.renderChips();
          },
        }),
      ),
    );
    this.chips.hidden = this.attachments.length === 0;
    this.meter.update(this.input.value, this.attachments);
  }
}

/**
 * Refuses a paste that would make `box` longer than LIMITS.text, which the host would not accept
 * (the box's maxlength would cut it silently instead). Returns the message to show, or '' when the
 * paste fits. Refused rather than cut: the user should decide what to send.
 */
export function refuseLongPaste(box: HTMLTextAreaElement, e: ClipboardEvent, strings: WebviewStrings): string {
  const text = e.clipboardData?.getData('text/plain') ?? '';
  const room = LIMITS.text - (box.value.length - (box.selectionEnd - box.selectionStart));
  if (text.length <= room) return '';
  e.preventDefault();
  return format(strings.pasteTooLong, text.length.toLocaleString(), LIMITS.text.toLocaleString());
}
