import * as vscode from 'vscode';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { LastEditor } from '../editor/lastEditor';
import { askAboutSecret, fileAttachments } from '../context/fileAttachments';
import type { Attachment } from '../shared/conversation';

/**
 * `chorus.addToChat`: files and folders (Explorer and editor-tab context menus pass the clicked
 * `Uri` and the selected `Uri[]`; a command call may pass either) become chips in the composer.
 * Without an argument, the active editor's file.
 */
export function registerAddToChat(chatView: ChatViewProvider, editors: LastEditor): vscode.Disposable {
  return vscode.commands.registerCommand('chorus.addToChat', async (clicked?: unknown, selected?: unknown): Promise<Attachment[]> => {
    const uris = urisOf(selected).length ? urisOf(selected) : urisOf(clicked).length ? urisOf(clicked) : urisOf(editors.get()?.document.uri);
    if (uris.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: choose a file or folder to add to the chat.'));
      return [];
    }
    const { attachments, refused } = await fileAttachments(uris, askAboutSecret);
    for (const attachment of attachments) await chatView.attachToComposer(attachment);
    if (refused.length) void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: {0}', refused.join(' ')));
    return attachments;
  });
}

function urisOf(value: unknown): vscode.Uri[] {
  if (value instanceof vscode.Uri) return [value];
  return Array.isArray(value) ? value.filter((v): v is vscode.Uri => v instanceof vscode.Uri) : [];
}
