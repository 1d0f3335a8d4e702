import * as vscode from 'vscode';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import { problemsAttachment } from '../context/problems';
import type { LastEditor } from '../editor/lastEditor';
import type { Attachment } from '../shared/conversation';

/**
 * `chorus.addProblemsToChat` (editor context menu): the problems of the editor's file go into the
 * chat composer as a chip, with the lines they point at. With none, says so instead.
 */
export function registerAddProblemsToChat(chatView: ChatViewProvider, editors: LastEditor): vscode.Disposable {
  return vscode.commands.registerCommand('chorus.addProblemsToChat', async (): Promise<Attachment | undefined> => {
    const attachment = await problemsAttachment('file', editors.get());
    if (typeof attachment === 'string') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: {0}', attachment));
      return undefined;
    }
    await chatView.attachToComposer(attachment);
    return attachment;
  });
}
