import * as vscode from 'vscode';

/**
 * Calls `changed` whenever what a set of workspace files says may have changed: one of them is
 * created, edited or deleted, the workspace is trusted (untrusted workspaces' files are not read),
 * folders come or go, or one of `settings` changes.
 */
export function watchWorkspaceFiles(globs: readonly string[], settings: readonly string[], changed: () => void): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  for (const glob of globs) {
    const watcher = vscode.workspace.createFileSystemWatcher(glob);
    disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
  }
  disposables.push(
    vscode.workspace.onDidGrantWorkspaceTrust(changed),
    vscode.workspace.onDidChangeWorkspaceFolders(changed),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (settings.some((setting) => e.affectsConfiguration(setting))) changed();
    }),
  );
  return vscode.Disposable.from(...disposables);
}
