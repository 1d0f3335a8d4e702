import * as vscode from 'vscode';
import { parseInstructions, rememberInstruction } from './instructionHistory';

const RECENT_KEY = 'chorus.rewrite.recentInstructions';

/**
 * Asks how to rewrite the code: type a new instruction, or pick one of the recent ones (newest
 * first). Undefined when dismissed.
 */
export function askForInstruction(state: vscode.Memento): Promise<string | undefined> {
  const recent = parseInstructions(state.get(RECENT_KEY));
  const recentItems = recent.map((label): vscode.QuickPickItem => ({ label, description: vscode.l10n.t('recent') }));
  const pick = vscode.window.createQuickPick();
  pick.title = vscode.l10n.t('Chorus: {0}', vscode.l10n.t('Rewrite Selection'));
  pick.placeholder = recent.length
    ? vscode.l10n.t('How should the code change? Type an instruction, or pick a recent one')
    : vscode.l10n.t('How should the code change? For example: add error handling');
  pick.items = recentItems;
  pick.ignoreFocusOut = true;
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | undefined): void => {
      if (done) return;
      done = true;
      resolve(value?.trim() || undefined);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      // What is typed comes first, so Enter takes it even when it also matches a recent instruction.
      pick.items = typed && !recent.includes(typed) ? [{ label: typed, description: vscode.l10n.t('new instruction'), alwaysShow: true }, ...recentItems] : recentItems;
    });
    pick.onDidAccept(() => finish(pick.selectedItems[0]?.label ?? pick.value));
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

export async function rememberUsedInstruction(state: vscode.Memento, instruction: string): Promise<void> {
  await state.update(RECENT_KEY, rememberInstruction(parseInstructions(state.get(RECENT_KEY)), instruction));
}
