import * as vscode from 'vscode';

/**
 * The text editor the user last worked in. When the chat panel has focus there is no active text
 * editor, yet "insert at cursor" and "attach selection" mean that one.
 */
export class LastEditor implements vscode.Disposable {
  private editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly listener = vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e && e.document.uri.scheme !== 'output') this.editor = e;
  });

  get(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    // The remembered editor may have been closed.
    return this.editor && vscode.window.visibleTextEditors.includes(this.editor) ? this.editor : vscode.window.visibleTextEditors[0];
  }

  dispose(): void {
    this.listener.dispose();
  }
}
