import * as vscode from 'vscode';
import { codeAttachment } from '../editor/attachments';
import type { LastEditor } from '../editor/lastEditor';
import { askAboutSecret } from './fileAttachments';
import { WorkspaceFileIndex } from './fileIndex';
import { type Candidate, MentionService } from './mentionService';
import { problemsAttachment } from './problems';
import { findSymbols, type SymbolHit, symbolAttachment } from './symbols';
import { gitChangesAttachment } from './gitChanges';
import { terminalAttachment, type TerminalRecorder } from './terminalOutput';

/** The `@` picker's service with every source wired in; the index is listed only when the picker first opens. */
export function createChatMentions(editors: LastEditor, terminals: TerminalRecorder): { mentions: MentionService; disposables: vscode.Disposable[] } {
  const index = new WorkspaceFileIndex();
  const mentions = new MentionService(index, {
    selection: () => {
      const editor = editors.get();
      return editor ? codeAttachment(editor, false) : vscode.l10n.t('Open a file in the editor first.');
    },
    problems: (scope) => problemsAttachment(scope, editors.get()),
    terminal: () => terminalAttachment(terminals),
    gitChanges: () => gitChangesAttachment(),
    symbols: async (query, limit) => (await findSymbols(query, limit)).map(symbolCandidate),
    confirmSecret: askAboutSecret,
  });
  return { mentions, disposables: [index] };
}

/** A symbol as the picker lists it: its name, then its container and file. */
function symbolCandidate(hit: SymbolHit): Candidate {
  const path = vscode.workspace.asRelativePath(hit.uri);
  return {
    kind: 'symbol',
    label: hit.name,
    detail: hit.container ? `${hit.container} · ${path}` : path,
    take: async () => {
      const result = await symbolAttachment(hit);
      return typeof result === 'string' ? { attachments: [], refused: [result] } : { attachments: [result], refused: [] };
    },
  };
}
