import * as vscode from 'vscode';

/**
 * Opens a link from an answer after showing the user where it goes. Only http and https: a model
 * can be prompt-injected into offering `command:`, `file:` or `vscode:` links.
 */
export async function openLinkFromAnswer(url: string, log: vscode.LogOutputChannel): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    log.warn(`Refused to open a ${parsed.protocol} link from an answer`);
    return false;
  }
  const open = vscode.l10n.t('Open Link');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Open this link from the answer in your browser?'),
    { modal: true, detail: parsed.toString() },
    open,
  );
  if (choice !== open) return false;
  return vscode.env.openExternal(vscode.Uri.parse(parsed.toString(), true));
}
