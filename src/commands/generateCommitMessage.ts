import * as vscode from 'vscode';
import type { CommitMessageController, CommitMessageResult } from '../scm/commitMessageController';
import { type GitApi, type GitRepository, gitApi } from '../scm/gitApi';

/**
 * `chorus.generateCommitMessage` (Source Control title, Command Palette) and `chorus.stopCommitMessage`.
 * The title button passes its source control; from the palette it is the active editor's repository,
 * or the only one, or the one the user picks.
 */
export function registerCommitMessageCommands(controller: CommitMessageController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('chorus.generateCommitMessage', async (from?: unknown): Promise<CommitMessageResult | undefined> => {
      // A second press while a message is being written stops it.
      if (controller.busy) {
        controller.stop();
        return { state: 'stopped' };
      }
      const api = await gitApi();
      if (!api) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: the built-in Git extension is not available or is turned off (git.enabled).'));
        return undefined;
      }
      const repository = await chooseRepository(api, from);
      if (!repository) return undefined;
      const result = await controller.generate(repository);
      if (result.state === 'nothingToDescribe') void vscode.window.showInformationMessage(vscode.l10n.t('Chorus: there are no changes to write a commit message for.'));
      return result;
    }),
    vscode.commands.registerCommand('chorus.stopCommitMessage', () => controller.stop()),
  ];
}

async function chooseRepository(api: GitApi, from: unknown): Promise<GitRepository | undefined> {
  // The Source Control title passes its SourceControl (which has rootUri); a script may pass a Uri.
  const given = from instanceof vscode.Uri ? from : (from as { rootUri?: unknown } | undefined)?.rootUri;
  if (given instanceof vscode.Uri) return api.getRepository(given) ?? undefined;
  const active = vscode.window.activeTextEditor?.document.uri;
  const ofEditor = active && api.getRepository(active);
  if (ofEditor) return ofEditor;
  if (api.repositories.length === 1) return api.repositories[0];
  if (api.repositories.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: no Git repository is open.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    api.repositories.map((repository) => ({ label: vscode.workspace.asRelativePath(repository.rootUri, true) || repository.rootUri.fsPath, repository })),
    { placeHolder: vscode.l10n.t('Which repository is the commit message for?') },
  );
  return picked?.repository;
}
