import * as vscode from 'vscode';
import { MAX_CODE_ATTACHMENT, tooLargeToAttach } from '../editor/attachments';
import { askForInstruction, rememberUsedInstruction } from '../editor/instructionPrompt';
import type { LastEditor } from '../editor/lastEditor';
import type { RewriteController, RewriteResult } from '../editor/rewriteController';
import { PREVIEW_SCHEME } from '../editor/rewritePreview';
import { resolveTarget } from '../editor/selectionTarget';

/** What the command resolves to: the rewrite's outcome, or 'refused' with the reason shown to the user. */
export type RewriteCommandResult = RewriteResult | { readonly state: 'refused'; readonly message: string };

/** A command argument `{ "instruction": "…" }` (from a keybinding) skips the prompt. */
function instructionArgument(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = (arg as { instruction?: unknown }).instruction;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function refuse(message: string): RewriteCommandResult {
  void vscode.window.showWarningMessage(message);
  return { state: 'refused', message };
}

/**
 * `chorus.rewriteSelection` (asks for an instruction, then streams a proposal into a diff preview),
 * `chorus.acceptRewrite`, `chorus.rejectRewrite`, and `chorus.showRewrite` (the CodeLens's "Show Changes").
 */
export function registerRewriteCommands(rewrites: RewriteController, editors: LastEditor, state: vscode.Memento): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('chorus.rewriteSelection', async (arg?: unknown): Promise<RewriteCommandResult> => {
      const editor = editors.get();
      if (!editor || editor.document.uri.scheme === PREVIEW_SCHEME) return refuse(vscode.l10n.t('Chorus: open a file in the editor first.'));
      const { range } = await resolveTarget(editor);
      const text = editor.document.getText(range);
      if (!text.trim()) return refuse(vscode.l10n.t('Chorus: select the code to rewrite.'));
      if (text.length > MAX_CODE_ATTACHMENT) {
        return refuse(tooLargeToAttach(text.length));
      }
      const instruction = instructionArgument(arg) ?? (await askForInstruction(state));
      if (!instruction) return { state: 'cancelled' };
      await rememberUsedInstruction(state, instruction);
      return rewrites.rewrite(editor, range, instruction);
    }),
    vscode.commands.registerCommand('chorus.acceptRewrite', () => rewrites.accept()),
    vscode.commands.registerCommand('chorus.rejectRewrite', () => rewrites.reject()),
    vscode.commands.registerCommand('chorus.showRewrite', () => rewrites.showChanges()),
  ];
}
