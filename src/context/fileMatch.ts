// Fuzzy search over workspace paths for the `@` picker, in memory: the index is built once (and
// again when files come and go), and a keystroke only scores the list. Each query word must appear
// in the path in order, case-insensitively (`paygate` finds paymentGateway.ts); matches that start
// words, run together and sit in the file's own name rank first, as in fzf's first algorithm.
//
// Written here rather than taken from a library: uFuzzy's insert-tolerant mode compiles the query
// into a backtracking regex that took seconds on a long hostile query, and fzf-for-js ships only
// an ES module our Node test runner cannot load. This one is linear: each word is one forward and
// one backward scan of the path. No vscode: unit-tested and benchmarked in plain Node.

export interface PathMatch {
  readonly path: string;
  readonly folder: boolean;
}

/** Longer queries are cut: no file name needs more, and a keystroke stays cheap. */
const MAX_QUERY = 100;
const MAX_WORDS = 8;

export class PathMatcher {
  private readonly files: string[];
  private readonly lowerFiles: string[];
  private readonly folders: string[];
  private readonly lowerFolders: string[];

  /** `paths`: workspace-relative file paths with `/` separators, in the order an empty query lists them. */
  constructor(paths: readonly string[]) {
    this.files = [...paths];
    this.lowerFiles = this.files.map((p) => p.toLowerCase());
    this.folders = foldersOf(paths);
    this.lowerFolders = this.folders.map((p) => p.toLowerCase());
  }

  get size(): number {
    return this.files.length;
  }

  /** Files, then folders, matching `query`, best first; with an empty query, the first `limit` files. */
  search(query: string, limit: number): PathMatch[] {
    const words = query.slice(0, MAX_QUERY).toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
    if (words.length === 0) return this.files.slice(0, limit).map((path) => ({ path, folder: false }));
    const files = best(this.files, this.lowerFiles, words, limit).map((path) => ({ path, folder: false }));
    const folders = best(this.folders, this.lowerFolders, words, limit - files.length).map((path) => ({ path, folder: true }));
    return [...files, ...folders];
  }
}

function best(paths: readonly string[], lower: readonly string[], words: readonly string[], limit: number): string[] {
  if (limit <= 0) return [];
  const scored: Array<{ readonly index: number; readonly score: number }> = [];
  for (let i = 0; i < paths.length; i++) {
    const score = pathScore(paths[i]!, lower[i]!, words);
    if (score >= 0) scored.push({ index: i, score });
  }
  scored.sort((a, b) => b.score - a.score || paths[a.index]!.length - paths[b.index]!.length);
  return scored.slice(0, limit).map((s) => paths[s.index]!);
}

/** The sum of the words' scores, or -1 when one does not match. */
export function pathScore(path: string, lower: string, words: readonly string[]): number {
  const nameStart = lower.lastIndexOf('/') + 1;
  let total = 0;
  for (const word of words) {
    const score = wordScore(path, lower, word, nameStart);
    if (score < 0) return -1;
    total += score;
  }
  return total;
}

/**
 * fzf's v1: the first end where `word` is a subsequence (forward scan), then the latest start that
 * still holds it (backward scan), so the span is short; scored on that span.
 */
function wordScore(path: string, lower: string, word: string, nameStart: number): number {
  let w = 0;
  let end = -1;
  for (let i = 0; i < lower.length && end < 0; i++) if (lower[i] === word[w] && ++w === word.length) end = i;
  if (end < 0) return -1;
  let score = 0;
  let start = end;
  let previous = -2;
  for (let i = end, k = word.length - 1; k >= 0; i--) {
    if (lower[i] !== word[k]) continue;
    score += 16 + (startsWord(path, i) ? 8 : 0) + (i + 1 === previous ? 4 : 0);
    previous = i;
    start = i;
    k--;
  }
  const gaps = end - start + 1 - word.length;
  return score - gaps + (start >= nameStart ? 24 : 0) + (start === nameStart ? 16 : 0);
}

/** After a separator, or an upper-case letter after a lower-case one (paymentGateway). */
function startsWord(path: string, i: number): boolean {
  if (i === 0) return true;
  const before = path[i - 1]!;
  if ('/\\._- '.includes(before)) return true;
  const c = path[i]!;
  return c !== c.toLowerCase() && before === before.toLowerCase() && before !== before.toUpperCase();
}

/** Every folder that holds one of `paths`, sorted. */
function foldersOf(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) folders.add(path.slice(0, slash));
  }
  return [...folders].sort();
}
