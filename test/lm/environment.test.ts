import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConsumerApi } from './consumer/extension';

const CHORUS_ID = 'chorus-dev.chorus';
const CONSUMER_ID = 'chorus-test.chorus-lm-consumer';

describe('the lm test environment', () => {
  it('is VS Code 1.104', () => {
    assert.match(vscode.version, /^1\.104\./);
  });

  it('offers vscode.lm.registerLanguageModelChatProvider (not in our @types/vscode 1.90)', () => {
    const lm = vscode.lm as unknown as Record<string, unknown>;
    assert.equal(typeof lm.registerLanguageModelChatProvider, 'function');
    assert.equal(typeof vscode.lm.selectChatModels, 'function');
  });

  it('has Chorus installed from its package, as a user has it', () => {
    const chorus = vscode.extensions.getExtension(CHORUS_ID);
    assert.ok(chorus, `${CHORUS_ID} is installed`);
    // An installed extension lives in the extensions folder as <publisher>.<name>-<version>.
    assert.match(path.basename(chorus.extensionPath), /^chorus-dev\.chorus-\d+\.\d+\.\d+/);
  });

  it('runs as code of the consumer extension, so vscode.lm sees the consumer as the caller', async () => {
    const consumer = vscode.extensions.getExtension<ConsumerApi>(CONSUMER_ID);
    assert.ok(consumer, `${CONSUMER_ID} is the extension under development`);
    assert.ok(__dirname.startsWith(consumer.extensionPath), `${__dirname} lies inside ${consumer.extensionPath}`);
    const api = await consumer.activate();
    assert.equal(api.context.extension.id, CONSUMER_ID);
  });
});
