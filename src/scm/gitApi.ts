// The parts of the built-in git extension's API (`vscode.git`, version 1) that Chorus uses, typed
// here instead of copying its whole git.d.ts.
import * as vscode from 'vscode';

/** `Status.UNTRACKED` in git.d.ts. */
export const STATUS_UNTRACKED = 7;

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: {
    readonly indexChanges: readonly GitChange[];
    readonly workingTreeChanges: readonly GitChange[];
    /** Only when `git.untrackedChanges` is `separate`; otherwise untracked files are working-tree changes. */
    readonly untrackedChanges?: readonly GitChange[];
  };
  /** `git diff` (`cached`: `git diff --cached`). */
  diff(cached?: boolean): Promise<string>;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The git extension's API, or undefined when it is missing or turned off (`git.enabled`). */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  return exports?.enabled ? exports.getAPI(1) : undefined;
}

/** Paths of the untracked files, relative to the repository. */
export function untrackedFiles(repository: GitRepository): string[] {
  const { workingTreeChanges, untrackedChanges = [] } = repository.state;
  return [...workingTreeChanges, ...untrackedChanges]
    .filter((c) => c.status === STATUS_UNTRACKED)
    .map((c) => (c.uri.path.startsWith(`${repository.rootUri.path}/`) ? c.uri.path.slice(repository.rootUri.path.length + 1) : c.uri.path));
}
