import * as vscode from 'vscode';
import type { Conversation } from '../shared/conversation';
import { conversationToMarkdown } from './exportMarkdown';

/** Opens a conversation as a new, unsaved Markdown document (History's Export). */
export async function exportConversation(conversation: Conversation): Promise<void> {
  const document = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: conversationToMarkdown(conversation, { user: vscode.l10n.t('You'), assistant: vscode.l10n.t('Chorus'), thinking: vscode.l10n.t('Thinking') }),
  });
  await vscode.window.showTextDocument(document);
}
