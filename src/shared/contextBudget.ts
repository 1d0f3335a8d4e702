// What a question and its attachments use of a provider's input budget, and what to trim when they
// do not fit: the largest attachments first, down to a common size, the question never. Shared by
// the host (which sends) and the panel (whose meter shows it before sending). No vscode, no DOM.

import type { Attachment } from './conversation';
import { estimateTokens } from './tokenEstimate';

/** Qianfan v1 counts characters; other providers count tokens (estimated). */
export interface Budget {
  readonly unit: 'chars' | 'tokens';
  readonly limit: number;
}

export interface BudgetItem {
  readonly id: string;
  readonly text: string;
}

export interface ItemPlan {
  readonly id: string;
  /** Its size in the budget's unit. */
  readonly size: number;
  /** What is sent of it: all, a first part, or nothing. */
  readonly keptChars: number;
  readonly trimmed: boolean;
  readonly dropped: boolean;
}

export interface BudgetPlan {
  readonly limit: number;
  readonly unit: Budget['unit'];
  /** Question and attachments as they are. */
  readonly total: number;
  /** After trimming (still over the limit only when the question alone is). */
  readonly sent: number;
  readonly question: number;
  readonly items: readonly ItemPlan[];
}

/** Below this many units a trimmed attachment says too little to be worth sending. */
const SMALLEST_USEFUL = 200;

/** Long texts measured lately: the meter measures the same attachments on every keystroke. */
const measured = new Map<string, number>();
const MEASURED_KEPT = 64;

export function measure(text: string, unit: Budget['unit']): number {
  if (unit === 'chars') return text.length;
  if (text.length < 4096) return estimateTokens(text);
  let tokens = measured.get(text);
  if (tokens === undefined) {
    tokens = estimateTokens(text);
    measured.set(text, tokens);
    if (measured.size > MEASURED_KEPT) measured.delete(measured.keys().next().value!);
  }
  return tokens;
}

/**
 * The plan for sending `question` with `items` within `budget`. Attachments are cut to a common
 * size: every one larger than that size is cut to it (so the largest lose most), and one that would
 * keep less than SMALLEST_USEFUL is left out.
 */
export function planBudget(question: string, items: readonly BudgetItem[], budget: Budget): BudgetPlan {
  const q = measure(question, budget.unit);
  const sizes = items.map((item) => measure(item.text, budget.unit));
  const total = q + sizes.reduce((a, b) => a + b, 0);
  const room = Math.max(0, budget.limit - q);
  const cap = total <= budget.limit ? Infinity : commonCap(sizes, room);
  const plans = items.map((item, i): ItemPlan => {
    const size = sizes[i]!;
    const keep = Math.min(size, cap);
    const dropped = keep < size && keep < SMALLEST_USEFUL;
    const keptUnits = dropped ? 0 : keep;
    const keptChars = keptUnits >= size ? item.text.length : Math.floor((item.text.length * keptUnits) / Math.max(1, size));
    return { id: item.id, size, keptChars, trimmed: keptUnits < size && !dropped, dropped };
  });
  const sent = q + plans.reduce((sum, p, i) => sum + (p.dropped ? 0 : Math.min(sizes[i]!, cap)), 0);
  return { limit: budget.limit, unit: budget.unit, total, sent, question: q, items: plans };
}

/** The largest cap c with Σ min(size, c) ≤ room (water-filling over the sizes, smallest first). */
function commonCap(sizes: readonly number[], room: number): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  let left = room;
  for (let i = 0; i < sorted.length; i++) {
    const share = left / (sorted.length - i);
    if (sorted[i]! > share) return Math.floor(share);
    left -= sorted[i]!;
  }
  return Infinity;
}

type CodeAttachment = Extract<Attachment, { kind: 'code' }>;

/** What wraps each attachment in the request besides its text: path, line range, fences, a trim note. */
const WRAPPING_CHARS = 120;

/** The budget items for a question's code attachments (by index), and the room their wrapping takes. */
export function budgetItems(attachments: readonly Attachment[], budget: Budget): { items: BudgetItem[]; wrapping: number } {
  const code = attachments.map((a, i) => [a, i] as const).filter((e): e is readonly [CodeAttachment, number] => e[0].kind === 'code');
  return {
    items: code.map(([a, i]) => ({ id: String(i), text: a.text + (a.before ?? '') + (a.after ?? '') })),
    wrapping: code.reduce((sum, [a]) => sum + measure(a.path, budget.unit) + measure(' '.repeat(WRAPPING_CHARS), budget.unit), 0),
  };
}

/** The plan for a question and its attachments, wrapping included: what the meter shows. */
export function planAttachments(question: string, attachments: readonly Attachment[], budget: Budget): BudgetPlan {
  const { items, wrapping } = budgetItems(attachments, budget);
  const plan = planBudget(question, items, { unit: budget.unit, limit: Math.max(0, budget.limit - wrapping) });
  return { ...plan, limit: budget.limit, total: plan.total + wrapping, sent: plan.sent + wrapping };
}

/**
 * The attachments as they are sent within `budget`: each one the plan trims keeps its first part,
 * one it leaves out keeps no text, and both record their full length in `trimmedFrom` (the request
 * and the chip say so). Images are not counted: providers bill them apart.
 */
export function fitAttachments(question: string, attachments: readonly Attachment[], budget: Budget): Attachment[] {
  const plan = planAttachments(question, attachments, budget);
  const byIndex = new Map(plan.items.map((p) => [Number(p.id), p]));
  return attachments.map((a, i) => {
    const p = byIndex.get(i);
    if (a.kind !== 'code' || !p || (!p.trimmed && !p.dropped)) return a;
    const { before: _before, after: _after, ...rest } = a;
    const kept = p.dropped ? '' : cutAt(a.text, Math.min(p.keptChars, a.text.length));
    return { ...rest, text: kept, trimmedFrom: a.trimmedFrom ?? a.text.length };
  });
}

/** The first `chars` characters, not splitting a surrogate pair. */
export function cutAt(text: string, chars: number): string {
  const code = text.charCodeAt(chars - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? chars - 1 : chars);
}
