// The meter by Send: what the question and its attachments will use of the model's input budget,
// and, over it, which attachments will be cut or left out before sending (the largest first, the
// question never). The host cuts the same way when it sends (shared/contextBudget.ts).
import { type Budget, planAttachments } from '../shared/contextBudget';
import type { Attachment } from '../shared/conversation';
import type { WebviewStrings } from '../shared/webviewProtocol';
import { chipLabel, sizeText } from './attachmentChip';
import { el, format } from './dom';

export class BudgetMeter {
  readonly root: HTMLElement;
  /** Over budget: what will be cut, above the box. */
  readonly note: HTMLElement;
  private readonly label: HTMLElement;
  /** A native <progress>: its fill needs no style attribute, which the panel never carries. */
  private readonly bar: HTMLProgressElement;
  private budget: Budget = { unit: 'tokens', limit: 0 };
  private pending: { question: string; attachments: readonly Attachment[] } | undefined;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly locale: string,
  ) {
    this.bar = el('progress', { class: 'budget-bar', attrs: { 'aria-hidden': 'true' } });
    this.label = el('span', { class: 'budget-label' });
    this.root = el('span', { class: 'budget-meter', attrs: { role: 'meter', 'aria-valuemin': '0' } }, this.bar, this.label);
    this.note = el('div', { class: 'budget-note', attrs: { role: 'status' } });
    this.note.hidden = true;
  }

  setBudget(budget: Budget): void {
    this.budget = budget;
  }

  /** Measured at the next frame: typing fast measures once per frame, not once per key. */
  update(question: string, attachments: readonly Attachment[]): void {
    const first = this.pending === undefined;
    this.pending = { question, attachments };
    if (first) requestAnimationFrame(() => this.render());
  }

  private render(): void {
    const { question, attachments } = this.pending!;
    this.pending = undefined;
    const { unit, limit } = this.budget;
    const plan = planAttachments(question, attachments, this.budget);
    const used = Math.min(plan.total, limit);
    const over = plan.total > limit;
    this.root.hidden = limit <= 0 || (plan.total === 0 && attachments.length === 0);
    this.root.classList.toggle('budget-over', over);
    this.root.setAttribute('aria-valuemax', String(limit));
    this.root.setAttribute('aria-valuenow', String(used));
    this.bar.max = Math.max(1, limit);
    this.bar.value = used;
    const text = format(this.strings.budgetUsed, sizeText(plan.total, unit, this.strings, this.locale), sizeText(limit, unit, this.strings, this.locale));
    this.label.textContent = text;
    this.root.title = text;
    const cuts = plan.items.flatMap((item) => {
      const a = attachments[Number(item.id)];
      if (a?.kind !== 'code' || (!item.trimmed && !item.dropped)) return [];
      return [item.dropped ? format(this.strings.willLeaveOut, chipLabel(a)) : format(this.strings.willTrim, chipLabel(a), Math.round((100 * item.keptChars) / Math.max(1, a.text.length)))];
    });
    this.note.hidden = !over;
    this.note.textContent = over ? (cuts.length ? format(this.strings.overBudget, cuts.join(', ')) : this.strings.questionOverBudget) : '';
  }
}
