import * as vscode from 'vscode';

/** Commands the manifest already lists but this version does not implement yet, with their titles. */
export const PENDING_COMMANDS: ReadonlyArray<{ readonly id: string; readonly title: () => string }> = [
  { id: 'chorus.explainSelection', title: () => vscode.l10n.t('Explain Selection') },
  { id: 'chorus.rewriteSelection', title: () => vscode.l10n.t('Rewrite Selection') },
];

/** Registers each pending command so that running it says plainly that it is not available yet. */
export function registerPendingCommands(log: vscode.LogOutputChannel): vscode.Disposable[] {
  return PENDING_COMMANDS.map(({ id, title }) =>
    vscode.commands.registerCommand(id, async () => {
      const message = vscode.l10n.t('Chorus: "{0}" is not available yet in this version.', title());
      log.info(`${id}: not available yet`);
      void vscode.window.showInformationMessage(message);
      return message;
    }),
  );
}
