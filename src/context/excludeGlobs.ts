// The exclude glob for the `@` picker's file search: `files.exclude` and `search.exclude` patterns
// that are on, in one `{a,b,…}` group as `workspace.findFiles` takes it. A pattern holding its own
// braces is expanded first (`**/*.{js,map}` → `**/*.js`, `**/*.map`), since groups do not nest.
// No vscode: the settings' values are passed in.

/** The patterns set to `true` (a `{ when: … }` condition depends on sibling files: left out). */
export function enabledPatterns(...settings: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>): string[] {
  return settings.flatMap((setting) => Object.entries(setting ?? {}).filter(([, on]) => on === true).map(([pattern]) => pattern));
}

/** One glob matching any of `patterns`, or undefined for none. */
export function excludeGlob(patterns: readonly string[]): string | undefined {
  const expanded = [...new Set(patterns.flatMap(expandBraces))].filter((p) => p && !/[{},]/.test(p));
  return expanded.length ? `{${expanded.join(',')}}` : undefined;
}

/** Groups expanded per pattern at most: each multiplies the patterns, and settings can come from a workspace. */
const MAX_GROUPS = 4;

/**
 * `a{b,c}d` → `abd`, `acd`, one group at a time. A pattern with unbalanced braces, or more than
 * MAX_GROUPS groups, is kept as it is (and then left out by excludeGlob).
 */
export function expandBraces(pattern: string): string[] {
  if ((pattern.match(/\{/g)?.length ?? 0) > MAX_GROUPS) return [pattern];
  const open = pattern.indexOf('{');
  const close = open < 0 ? -1 : pattern.indexOf('}', open);
  if (open < 0 || close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return pattern
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => expandBraces(`${head}${choice}${tail}`));
}
