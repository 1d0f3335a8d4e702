// Keeps a rewrite's target range attached to its text while the document is edited, and finds
// that text again when tracking was lost. No `vscode` import: unit-tested in plain Node.

/** A range as character offsets into the document: [start, end). */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** One edit: `length` characters at `offset` replaced by `textLength` characters. */
export interface OffsetChange {
  readonly offset: number;
  readonly length: number;
  readonly textLength: number;
}

/**
 * Where the range is after an edit, or 'overlap' when the edit touched the range's own text.
 * Typing right at the range's start or end is outside it: it moves it, or leaves it alone.
 */
export function shiftRange(range: OffsetRange, change: OffsetChange): OffsetRange | 'overlap' {
  const changeEnd = change.offset + change.length;
  const delta = change.textLength - change.length;
  if (changeEnd <= range.start) return { start: range.start + delta, end: range.end + delta };
  if (change.offset >= range.end) return range;
  return 'overlap';
}

/** Offsets where `needle` occurs in `text` (overlapping occurrences included). */
export function occurrences(text: string, needle: string): number[] {
  if (needle === '') return [];
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

export type Located =
  /** The text is still where it was tracked. */
  | { readonly kind: 'inPlace'; readonly range: OffsetRange }
  /** Tracking was lost, but the text occurs exactly once: it is there now. */
  | { readonly kind: 'moved'; readonly range: OffsetRange }
  /** The text is gone or ambiguous: applying would be a guess. */
  | { readonly kind: 'changed' };

/**
 * Where `original` is in `text` now. `tracked` is the range kept up to date through edits
 * (undefined when an edit touched it or tracking was lost).
 */
export function locate(text: string, original: string, tracked: OffsetRange | undefined): Located {
  if (tracked && text.slice(tracked.start, tracked.end) === original) return { kind: 'inPlace', range: tracked };
  const found = occurrences(text, original);
  if (found.length === 1) return { kind: 'moved', range: { start: found[0]!, end: found[0]! + original.length } };
  return { kind: 'changed' };
}
