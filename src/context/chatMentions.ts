import type * as vscode from 'vscode';
import { codeAttachment } from '../editor/attachments';
import type { LastEditor } from '../editor/lastEditor';
import { askAboutSecret } from './fileAttachments';
import { WorkspaceFileIndex } from './fileIndex';
import { MentionService } from './mentionService';

/** The `@` picker's service with every source wired in; the index is listed only when the picker first opens. */
export function createChatMentions(editors: LastEditor): { mentions: MentionService; disposables: vscode.Disposable[] } {
  const index = new WorkspaceFileIndex();
  const mentions = new MentionService(index, {
    selection: () => {
      const editor = editors.get();
      return editor ? codeAttachment(editor, false) : 'Open a file in the editor first.';
    },
    problems: () => Promise.resolve('TODO'),
    terminal: () => 'TODO',
    gitChanges: () => Promise.resolve('TODO'),
    symbols: () => Promise.resolve([]),
    confirmSecret: askAboutSecret,
  });
  return { mentions, disposables: [index] };
}
