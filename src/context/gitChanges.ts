import * as vscode from 'vscode';
import { MAX_CODE_ATTACHMENT } from '../editor/attachments';
import { fitDiff } from '../prompts/commitDiff';
import { gitApi, type GitRepository, untrackedFiles } from '../scm/gitApi';
import type { Attachment } from '../shared/conversation';
import { cappedText } from './cappedText';

// The Source Control view as an attachment: each repository's staged and unstaged diff and its
// untracked files, through the built-in git extension. A diff too large for one attachment is
// fitted as for commit messages (every file listed, hunks trimmed evenly), never cut blindly.

/** Room for each repository's headings, besides its diffs and untracked list. */
const HEADINGS = 200;
/** Untracked files listed by name per repository (a missing .gitignore can leave thousands). */
const MAX_UNTRACKED = 200;

interface Changes {
  readonly name: string;
  readonly staged: string;
  readonly unstaged: string;
  readonly untracked: readonly string[];
}

/** Staged and unstaged changes of the workspace's repositories, or why there are none to attach. */
export async function gitChangesAttachment(): Promise<Attachment | string> {
  const api = await gitApi();
  if (!api) return vscode.l10n.t('Git is not available: the Git extension is missing or turned off (git.enabled).');
  if (api.repositories.length === 0) return vscode.l10n.t('No Git repository is open in this workspace.');
  const all = await Promise.all(api.repositories.map(changesOf));
  const changed = all.filter((c) => c.staged.trim() || c.unstaged.trim() || c.untracked.length);
  const names = all.map((c) => c.name).join(', ');
  if (changed.length === 0) return vscode.l10n.t('No changes in {0}: nothing is staged, modified or untracked.', names);
  const { text, whole } = changesText(changed);
  return {
    kind: 'code',
    source: 'git',
    path: vscode.l10n.t('Git changes in {0}', changed.map((c) => c.name).join(', ')),
    languageId: 'diff',
    text,
    ...(text.length < whole ? { trimmedFrom: whole } : {}),
  };
}

async function changesOf(repository: GitRepository): Promise<Changes> {
  // The git extension refreshes its state on its own schedule; the untracked list is read after a fresh status.
  await (repository as GitRepository & { status?(): Promise<void> }).status?.().catch(() => undefined);
  const [staged, unstaged] = await Promise.all([repository.diff(true), repository.diff(false)]);
  return { name: repositoryName(repository.rootUri), staged, unstaged, untracked: untrackedFiles(repository) };
}

/** A workspace folder's name when the repository is one, else its path in the workspace. */
function repositoryName(root: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(root);
  return folder && folder.uri.path === root.path ? folder.name : vscode.workspace.asRelativePath(root);
}

/**
 * Every repository's sections, within MAX_CODE_ATTACHMENT: diffs that fit stay whole; otherwise the
 * smaller ones are kept whole and the larger share what is left. `whole` is the length without fitting.
 */
function changesText(changes: readonly Changes[]): { text: string; whole: number } {
  const diffs = changes.flatMap((c) => [c.staged, c.unstaged]).filter((d) => d.trim());
  const full = new Map(diffs.map((d) => [d, fitDiff(d, Infinity)]));
  const whole = sectionsText(changes, (d) => full.get(d) ?? '').length;
  const fitted = new Map<string, string>();
  let left = MAX_CODE_ATTACHMENT - changes.reduce((n, c) => n + HEADINGS + untrackedText(c.untracked).length, 0);
  [...diffs]
    .sort((a, b) => full.get(a)!.length - full.get(b)!.length)
    .forEach((diff, i, sorted) => {
      const share = Math.max(200, Math.floor(left / (sorted.length - i)));
      const text = full.get(diff)!.length <= share ? full.get(diff)! : fitDiff(diff, share);
      fitted.set(diff, text);
      left -= text.length;
    });
  // Many tiny shares can still overrun the limit: then the end is cut.
  return { text: cappedText(sectionsText(changes, (d) => fitted.get(d) ?? ''), MAX_CODE_ATTACHMENT).text, whole };
}

/** The text sent: per repository "Staged", "Not staged" and the untracked files by name. */
function sectionsText(changes: readonly Changes[], diff: (raw: string) => string): string {
  return changes
    .map((c) => {
      const parts = [
        c.staged.trim() ? `Staged (git diff --cached):\n${diff(c.staged)}` : 'Staged: nothing.',
        c.unstaged.trim() ? `Not staged (git diff):\n${diff(c.unstaged)}` : 'Not staged: nothing.',
        ...(c.untracked.length ? [`Untracked files (not shown):\n${untrackedText(c.untracked)}`] : []),
      ];
      return changes.length > 1 ? `Repository ${c.name}:\n\n${parts.join('\n\n')}` : parts.join('\n\n');
    })
    .join('\n\n');
}

function untrackedText(paths: readonly string[]): string {
  const more = paths.length > MAX_UNTRACKED ? `\n(and ${paths.length - MAX_UNTRACKED} more)` : '';
  return paths.slice(0, MAX_UNTRACKED).join('\n') + more;
}
