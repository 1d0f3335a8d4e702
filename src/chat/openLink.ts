import * as vscode from 'vscode';
import { linkTarget } from './linkTarget';

/**
 * Opens a link from an answer after showing the user where it goes. Only http and https: a model
 * can be prompt-injected into offering `command:`, `file:` or `vscode:` links. The host is shown on
 * its own line, without the userinfo that could disguise it, and links to this machine or the local
 * network say so.
 */
export async function openLinkFromAnswer(url: string, log: vscode.LogOutputChannel): Promise<boolean> {
  const target = linkTarget(url);
  if (!target) {
    log.warn(`Refused to open a ${schemeOf(url)} link from an answer`);
    return false;
  }
  const lines = [vscode.l10n.t('Host: {0}', target.host), '', target.url];
  if (target.scope === 'thisComputer') lines.push('', vscode.l10n.t('Warning: this link points at this computer.'));
  if (target.scope === 'localNetwork') lines.push('', vscode.l10n.t('Warning: this link points at your local network.'));
  if (target.hadUserinfo) lines.push('', vscode.l10n.t('The link had a user name or password before the host; it was removed.'));
  const open = vscode.l10n.t('Open Link');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Open this link from the answer in your browser?'),
    { modal: true, detail: lines.join('\n') },
    open,
  );
  if (choice !== open) return false;
  return vscode.env.openExternal(vscode.Uri.parse(target.url, true));
}

/** The scheme of a refused link, for the log (never the rest of it). */
function schemeOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return 'malformed';
  }
}
