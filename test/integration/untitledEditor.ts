// An unsaved document opened in an editor, for the editor-action suites.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Opens `content` in an editor and waits until VS Code reports it as the active one (a loaded machine can lag). */
export async function openUntitled(content: string, language = 'typescript'): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content, language }));
  for (let waited = 0; vscode.window.activeTextEditor?.document !== editor.document && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the opened editor became active');
  return editor;
}

/**
 * Closes every unsaved document's editor without saving. Each is shown first: with the chat panel
 * focused there is no active text editor, and a loop over the active one left editors open for
 * the next test to find.
 */
export async function closeUntitledEditors(): Promise<void> {
  const open = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs).flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])));
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled && open.has(d.uri.toString()))) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
