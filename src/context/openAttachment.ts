import * as vscode from 'vscode';
import type { AttachmentSource } from '../shared/conversation';

// A chip was clicked: open what the attachment came from. The path comes from the webview, which
// is untrusted, so it is only ever looked up as a file inside a workspace folder (no absolute
// paths, no `..`), and only opened in an editor, never run.

export async function openAttachmentSource(source: AttachmentSource, path: string, startLine: number | undefined): Promise<void> {
  switch (source) {
    case 'problems':
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    case 'terminal':
      vscode.window.activeTerminal?.show();
      return;
    case 'git':
      await vscode.commands.executeCommand('workbench.view.scm');
      return;
    case 'folder': {
      const uri = await workspaceEntry(path.replace(/\/$/, ''), vscode.FileType.Directory);
      if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
      return;
    }
    default:
      await openFile(path, startLine);
  }
}

async function openFile(path: string, startLine: number | undefined): Promise<void> {
  const untitled = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.uri.path === path);
  const uri = untitled?.uri ?? (await workspaceEntry(path, vscode.FileType.File));
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: {0} is no longer in the workspace.', path));
    return;
  }
  const line = Math.max(0, (startLine ?? 1) - 1);
  await vscode.window.showTextDocument(uri, { preview: true, selection: new vscode.Range(line, 0, line, 0) });
}

/** The workspace file or folder `path` names (as asRelativePath wrote it), if it exists. */
async function workspaceEntry(path: string, type: vscode.FileType): Promise<vscode.Uri | undefined> {
  const segments = path.split('/');
  if (!path || path.startsWith('/') || segments.some((s) => s === '..' || s === '.' || s === '' || s.includes('\\'))) return undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    // In a multi-root workspace asRelativePath starts with the folder's name.
    const rest = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 && segments[0] === folder.name ? segments.slice(1) : segments;
    const uri = vscode.Uri.joinPath(folder.uri, ...rest);
    const stat = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    if (stat && stat.type & type) return uri;
  }
  return undefined;
}
