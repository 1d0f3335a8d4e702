import * as vscode from 'vscode';
import { PREVIEW_SCHEME } from './rewritePreview';

const EXPLAIN = vscode.CodeActionKind.QuickFix.append('chorus.explain');
const REWRITE = vscode.CodeActionKind.RefactorRewrite.append('chorus.rewrite');

/** Explain and Rewrite in the lightbulb menu, for selected code. */
export class ChorusCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [EXPLAIN, REWRITE] };

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (range.isEmpty || document.uri.scheme === PREVIEW_SCHEME) return [];
    const wanted = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind);
    const actions: vscode.CodeAction[] = [];
    const add = (kind: vscode.CodeActionKind, title: string, command: string): void => {
      const action = new vscode.CodeAction(title, kind);
      action.command = { command, title };
      actions.push(action);
    };
    if (wanted(EXPLAIN)) add(EXPLAIN, vscode.l10n.t('Chorus: {0}', vscode.l10n.t('Explain Selection')), 'chorus.explainSelection');
    if (wanted(REWRITE) && !isReadonly(document)) add(REWRITE, vscode.l10n.t('Chorus: {0}', vscode.l10n.t('Rewrite Selection')), 'chorus.rewriteSelection');
    return actions;
  }
}

function isReadonly(document: vscode.TextDocument): boolean {
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
}
