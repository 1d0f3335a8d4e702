// Text for an attachment, cut to a limit when it is longer. The cut keeps the start (the request says
// "only the first N of its M characters") and records the length before it (`trimmedFrom`), so the
// chip and the request both say so. No `vscode` import: unit-tested.

import { cutAt } from '../shared/contextBudget';

export interface CappedText {
  readonly text: string;
  /** The length before the cut; absent when the text is whole. */
  readonly trimmedFrom?: number;
}

/** The first `max` characters of `text` (never half a surrogate pair), marked when cut. */
export function cappedText(text: string, max: number): CappedText {
  return text.length <= max ? { text } : { text: cutAt(text, max), trimmedFrom: text.length };
}
