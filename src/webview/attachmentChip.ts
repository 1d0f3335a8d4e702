// An attachment as a chip: its name, its size in the budget's unit, whether it was cut, a click
// that opens where it came from, and × to remove it (in the composer only). Names and paths come
// from the workspace and are set as text.
import { type Budget, measure } from '../shared/contextBudget';
import type { Attachment } from '../shared/conversation';
import type { WebviewStrings } from '../shared/webviewProtocol';
import { el, format, iconButton } from './dom';

type Code = Extract<Attachment, { kind: 'code' }>;

export interface ChipActions {
  open?(attachment: Code): void;
  remove?(): void;
}

const ICONS: Readonly<Record<NonNullable<Code['source']>, string>> = {
  file: 'file-code',
  folder: 'folder',
  selection: 'selection',
  problems: 'warning',
  terminal: 'terminal',
  git: 'git-compare',
  symbol: 'symbol-method',
};

export function chipLabel(attachment: Code): string {
  const name = attachment.path.replace(/\/$/, '').split('/').pop() ?? attachment.path;
  const lines = attachment.startLine ? `:${attachment.startLine}-${attachment.endLine ?? attachment.startLine}` : '';
  return `${name}${attachment.path.endsWith('/') ? '/' : ''}${lines}`;
}

/** "1.2K tokens" or "3,400 characters", as the budget counts. */
export function sizeText(size: number, unit: Budget['unit'], strings: WebviewStrings, locale: string): string {
  const n = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(size);
  return format(unit === 'chars' ? strings.chars : strings.tokens, n);
}

export function attachmentChip(attachment: Attachment, budget: Budget, strings: WebviewStrings, locale: string, actions: ChipActions): HTMLElement {
  const code = attachment.kind === 'code' ? attachment : undefined;
  const label = code ? chipLabel(code) : attachment.kind === 'image' ? attachment.name : '';
  const size = code ? sizeText(measure(code.text, budget.unit), budget.unit, strings, locale) : '';
  const cut = code?.trimmedFrom === undefined ? '' : code.text ? strings.trimmed : strings.leftOut;
  const title = [code?.path ?? label, size, cut].filter(Boolean).join(' · ');
  const icon = code ? ICONS[code.source ?? (code.startLine ? 'selection' : 'file')] : 'file-media';
  const chip = el('span', { class: `chip${cut ? ' chip-trimmed' : ''}`, attrs: { role: 'listitem', title } });
  const body: HTMLElement[] = [
    el('span', { class: `codicon codicon-${icon}`, attrs: { 'aria-hidden': 'true' } }),
    el('span', { class: 'chip-label', text: label }),
    el('span', { class: 'chip-size', text: [size, cut].filter(Boolean).join(' · ') }),
  ];
  if (code && actions.open) {
    const open = el('button', { class: 'chip-open', attrs: { type: 'button', title: format(strings.openAttachment, code.path), 'aria-label': format(strings.openAttachment, code.path) } }, ...body);
    open.addEventListener('click', () => actions.open!(code));
    chip.append(open);
  } else {
    chip.append(...body);
  }
  if (actions.remove) chip.append(iconButton('close', `${strings.removeAttachment} ${label}`, () => actions.remove!()));
  return chip;
}
