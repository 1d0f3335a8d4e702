// Problems (diagnostics) written for a model: where, how bad, who says so, what, and the lines it
// points at with their numbers, as the Problems view and a compiler's output show them.
// No `vscode` import: unit-tested.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface ProblemLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

export interface Problem {
  readonly severity: Severity;
  /** Workspace-relative path (or an unsaved file's title). */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Who reports it (e.g. `ts`, `json`, `eslint`) and its code, when given. */
  readonly source?: string;
  readonly code?: string;
  readonly message: string;
  /** The lines the problem's range covers (at most a few). */
  readonly lines: readonly ProblemLine[];
}

/** Most lines shown of one problem's range: enough to see it, not a whole function. */
export const MAX_PROBLEM_LINES = 3;
/** A longer line (minified code, a data file on one line) is shown as a window around the problem. */
const MAX_LINE_CHARS = 240;
/** Characters kept before the problem's column when a long line is windowed. */
const LEAD_CHARS = 80;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Errors first, then warnings, then the rest; within one severity by file and line. */
export function sortProblems<T extends Pick<Problem, 'severity' | 'path' | 'line' | 'column'>>(problems: readonly T[]): T[] {
  return [...problems].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/** `text` as shown: whole when short; otherwise a window around the 0-based `column`, marked with … where cut. */
export function shownLine(text: string, column: number): string {
  if (text.length <= MAX_LINE_CHARS) return text;
  const start = Math.max(0, Math.min(column - LEAD_CHARS, text.length - MAX_LINE_CHARS));
  const end = start + MAX_LINE_CHARS;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** One problem: `path:line:col severity (source code): message`, then its lines, numbered. */
export function problemText(p: Problem): string {
  const origin = [p.source, p.code].filter((s) => s).join(' ');
  // A multi-line message (TypeScript's chains) stays readable under its first line.
  const message = p.message.replace(/\r?\n/g, '\n  ');
  const head = `${p.path}:${p.line}:${p.column} ${p.severity}${origin ? ` (${origin})` : ''}: ${message}`;
  const width = String(p.lines.at(-1)?.number ?? 0).length;
  return [head, ...p.lines.map((l) => `${String(l.number).padStart(width)} | ${l.text}`)].join('\n');
}

/** The problems one after another, with a note when `total` is more than were given. */
export function problemsText(problems: readonly Problem[], total: number): string {
  const text = problems.map(problemText).join('\n\n');
  const left = total - problems.length;
  return left > 0 ? `${text}\n\n(${left} more problem(s) not shown)` : text;
}
