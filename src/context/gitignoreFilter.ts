import ignore, { type Ignore } from 'ignore';

// .gitignore rules for the `@` picker, as git reads them: each file's rules apply to the paths
// under its own folder, relative to that folder. The `ignore` package implements git's matching
// (negation, anchoring, `**`, trailing slashes). No vscode: unit-tested in plain Node.

export interface GitignoreFile {
  /** The folder holding the .gitignore, relative to the workspace folder ('' at its root). */
  readonly dir: string;
  readonly content: string;
}

/** The `paths` (relative, `/`-separated) that no .gitignore above them ignores. */
export function notIgnored(paths: readonly string[], files: readonly GitignoreFile[]): string[] {
  if (files.length === 0) return [...paths];
  const rules = files.map((file) => ({ prefix: file.dir ? `${file.dir}/` : '', matcher: ignore().add(file.content) as Ignore }));
  return paths.filter((path) => !rules.some(({ prefix, matcher }) => path.startsWith(prefix) && matcher.ignores(path.slice(prefix.length))));
}
