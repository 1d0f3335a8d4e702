import * as vscode from 'vscode';
import type { RewriteController } from './rewriteController';

/**
 * Accept / Reject above the code a rewrite will replace, in the file itself (VS Code's diff editor
 * hides CodeLens by default; there the editor title has the same buttons).
 */
export class RewriteLenses implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly rewrites: RewriteController) {
    this.onDidChangeCodeLenses = rewrites.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const session = this.rewrites.current;
    if (!session?.pending || document.uri.toString() !== session.uri.toString()) return [];
    // When an edit touched the code, the lens stays at the top of the file, where the user can still decide.
    const line = session.rangeIn(document)?.start.line ?? 0;
    const at = new vscode.Range(line, 0, line, 0);
    const lens = (title: string, command: string): vscode.CodeLens => new vscode.CodeLens(at, { title, command });
    if (session.state === 'streaming') {
      return [lens(`$(loading~spin) ${vscode.l10n.t('Chorus is rewriting this code…')}`, 'chorus.showRewrite'), lens(vscode.l10n.t('Cancel'), 'chorus.rejectRewrite')];
    }
    return [
      lens(`$(check) ${vscode.l10n.t('Accept')}`, 'chorus.acceptRewrite'),
      lens(`$(close) ${vscode.l10n.t('Reject')}`, 'chorus.rejectRewrite'),
      lens(`$(diff) ${vscode.l10n.t('Show Changes')}`, 'chorus.showRewrite'),
    ];
  }
}
