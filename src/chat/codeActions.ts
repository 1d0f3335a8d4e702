import * as vscode from 'vscode';
import type { LastEditor } from '../editor/lastEditor';
import type { CodeAction } from '../shared/protocol';

/** Code from an answer into the editor: copy, insert at the cursor, replace the selection, or a new file. */
export async function runCodeAction(action: CodeAction, code: string, language: string, editors: LastEditor): Promise<void> {
  switch (action) {
    case 'copy':
      await vscode.env.clipboard.writeText(code);
      return;
    case 'newFile': {
      const document = await vscode.workspace.openTextDocument({ content: code, language: knownLanguage(language) });
      await vscode.window.showTextDocument(document);
      return;
    }
    case 'insert':
    case 'apply': {
      const editor = editors.get();
      if (!editor) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: open a file in the editor first.'));
        return;
      }
      // One edit, so a single undo takes it back.
      await editor.edit((builder) => {
        if (action === 'insert') builder.insert(editor.selection.active, code);
        else builder.replace(editor.selection, code);
      });
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return;
    }
  }
}

function knownLanguage(language: string): string | undefined {
  return /^[a-z0-9+#._-]{1,40}$/i.test(language) ? language.toLowerCase() : undefined;
}
