import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChorusApi } from '../../src/extension';

const EXTENSION_ID = 'chorus-dev.chorus';

describe('Chorus activation', () => {
  let api: ChorusApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<ChorusApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
    api = await extension.activate();
  });

  it('registers every command the manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const id of ['chorus.newChat', 'chorus.explainSelection', 'chorus.rewriteSelection', 'chorus.acceptRewrite', 'chorus.rejectRewrite', 'chorus.askAboutSelection', 'chorus.setApiKey', 'chorus.clearApiKey', 'chorus.selectModel']) {
      assert.ok(contributed.includes(id), `${id} is contributed in package.json`);
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'every contributed command is registered');
  });

  it('before VS Code 1.104, offers no language models and activates all the same', async () => {
    assert.match(vscode.version, /^1\.(9\d|10[0-3])\./, 'this suite runs on a VS Code without the provider API');
    assert.deepEqual(await vscode.lm.selectChatModels({ vendor: 'chorus' }), []);
  });

  it('opens the chat view, whose webview loads and reports ready', async () => {
    await vscode.commands.executeCommand('chorus.newChat');
    await withTimeout(api.chatViewReady(), 20_000, 'the chat webview did not report ready');
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}
