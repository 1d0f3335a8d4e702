import * as vscode from 'vscode';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import { MAX_CODE_ATTACHMENT, tooLargeToAttach } from '../editor/attachments';
import type { LastEditor } from '../editor/lastEditor';
import { PREVIEW_SCHEME } from '../editor/rewritePreview';
import { type CodeAttachment, codeWithContext, resolveTarget } from '../editor/selectionTarget';

/**
 * `chorus.askAboutSelection`: the selection (or, with none, the function or line at the cursor)
 * goes into the chat composer as a chip, for the user to ask their own question about it.
 */
export function registerAskAboutSelection(chatView: ChatViewProvider, editors: LastEditor): vscode.Disposable {
  return vscode.commands.registerCommand('chorus.askAboutSelection', async (): Promise<CodeAttachment | undefined> => {
    const editor = editors.get();
    if (!editor || editor.document.uri.scheme === PREVIEW_SCHEME) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: open a file in the editor first.'));
      return undefined;
    }
    const { range } = await resolveTarget(editor);
    const text = editor.document.getText(range);
    if (!text.trim() || text.length > MAX_CODE_ATTACHMENT) {
      void vscode.window.showWarningMessage(
        text.trim()
          ? tooLargeToAttach(text.length)
          : vscode.l10n.t('Nothing to attach: the selection is empty.'),
      );
      return undefined;
    }
    const attachment = codeWithContext(editor.document, range, text);
    await chatView.attachToComposer(attachment);
    return attachment;
  });
}
