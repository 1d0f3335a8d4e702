import * as vscode from 'vscode';
import { currentProvider } from '../config/configuration';
import type { ProviderFactory } from '../config/providerFactory';
import { providerName } from '../config/providerCatalog';
import { inertText } from '../ui/inertText';

/** Shows the provider and model in the status bar; a click runs `chorus.selectModel`. */
export function createModelStatusBar(providers: ProviderFactory): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('chorus.model', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Chorus Model');
  item.command = 'chorus.selectModel';
  const update = (): void => {
    const provider = currentProvider();
    const effective = providers.effectiveModel(provider);
    const model = effective.model || (effective.firstListed ? vscode.l10n.t('first model the server lists') : vscode.l10n.t('no model'));
    // A model name can come from a workspace's settings: shown as text, never as `$(icon)` markup.
    item.text = `$(comment-discussion) ${inertText(model)}`;
    item.tooltip = vscode.l10n.t('Chorus: {0}, model {1}. Click to change.', providerName(provider), model);
  };
  update();
  item.show();
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('chorus')) update();
  });
  return vscode.Disposable.from(item, listener);
}
