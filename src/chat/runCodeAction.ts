import * as vscode from 'vscode';
import type { LastEditor } from '../editor/lastEditor';
import type { RewriteController } from '../editor/rewriteController';
import { PREVIEW_SCHEME } from '../editor/rewritePreview';
import type { CodeAction } from '../shared/webviewProtocol';

/**
 * Code from an answer into the editor: copy, insert at the cursor, a new file, or apply to the
 * selection, which goes through the same diff preview and Accept / Reject as Rewrite Selection.
 */
export async function runCodeAction(action: CodeAction, code: string, language: string, editors: LastEditor, rewrites: RewriteController): Promise<void> {
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
      if (!editor || editor.document.uri.scheme === PREVIEW_SCHEME) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: open a file in the editor first.'));
        return;
      }
      if (action === 'apply') {
        await rewrites.propose(editor, code);
        return;
      }
      // One edit, so a single undo takes it back.
      await editor.edit((builder) => builder.insert(editor.selection.active, code));
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return;
    }
  }
}

function knownLanguage(language: string): string | undefined {
  return /^[a-z0-9+#._-]{1,40}$/i.test(language) ? language.toLowerCase() : undefined;
}
