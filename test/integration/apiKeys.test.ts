import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChorusApi } from '../../src/extension';
import { startFakeProvider } from '../fixtures/fakeProvider';
import { OPENAI_SETTINGS, pointOpenAiAt, resetChorusSettings } from './openAiSettings';
import { filesContaining } from './scanForSecret';

describe('provider keys', () => {
  let api: ChorusApi;
  const key = `sk-chorus-${randomBytes(12).toString('hex')}`;

  before(async () => {
    api = await vscode.extensions.getExtension<ChorusApi>('chorus-dev.chorus')!.activate();
  });

  after(async () => {
    for (const provider of ['internlm', 'qianfan', 'lanrui'] as const) await vscode.commands.executeCommand('chorus.clearApiKey', provider);
  });

  it('sets a key by arguments, trimmed, and clears it', async () => {
    assert.equal(await api.hasApiKey('lanrui'), false);
    assert.equal(await vscode.commands.executeCommand('chorus.setApiKey', 'lanrui', `  ${key}\n`), true);
    assert.equal(await api.hasApiKey('lanrui'), true);
    assert.equal(await vscode.commands.executeCommand('chorus.clearApiKey', 'lanrui'), true);
    assert.equal(await api.hasApiKey('lanrui'), false);
  });

  it('refuses an empty key and keeps the old one', async () => {
    await vscode.commands.executeCommand('chorus.setApiKey', 'internlm', key);
    assert.equal(await vscode.commands.executeCommand('chorus.setApiKey', 'internlm', '   '), false);
    assert.equal(await api.hasApiKey('internlm'), true);
  });

  it('needs both of Qianfan\'s keys, and stores neither when one is missing', async () => {
    assert.equal(await vscode.commands.executeCommand('chorus.setApiKey', 'qianfan', 'api-key-only'), false);
    assert.equal(await api.hasApiKey('qianfan'), false);
    assert.equal(await vscode.commands.executeCommand('chorus.setApiKey', 'qianfan', 'qf-api', `qf-secret-${key}`), true);
    assert.equal(await api.hasApiKey('qianfan'), true);
  });

  it('refuses an unknown provider', async () => {
    assert.notEqual(await vscode.commands.executeCommand('chorus.setApiKey', 'not-a-provider', key), true);
  });

  it('leaves no trace of the key in settings, logs or extension storage', async () => {
    await vscode.commands.executeCommand('chorus.setApiKey', 'internlm', key);
    const userData = process.env.CHORUS_TEST_USER_DATA_DIR;
    assert.ok(userData, 'the harness says where VS Code keeps user data');
    // The log is written to disk lazily: wait until our own log line about this key is there, which
    // also shows the scan reads the log files it should.
    const logged = 'Key for internlm saved in SecretStorage';
    for (let i = 0; i < 50 && filesContaining(userData, logged).length === 0; i++) await new Promise((r) => setTimeout(r, 200));
    assert.ok(filesContaining(userData, logged).some((file) => file.startsWith('logs')), 'the Chorus log reached the disk');
    assert.ok(fs.existsSync(path.join(userData, 'User', 'settings.json')), 'user settings are among the scanned files');
    assert.deepEqual(filesContaining(userData, key), [], 'no file under the user data folder holds the key');
    const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    assert.deepEqual(filesContaining(workspace, key), [], 'no workspace file holds the key');
  });

  it('finds a key pasted into the user settings and moves it into secure storage', async () => {
    await vscode.commands.executeCommand('chorus.clearApiKey', 'internlm');
    const config = vscode.workspace.getConfiguration('chorus');
    await config.update('internlm.apiKey', `  ${key} `, vscode.ConfigurationTarget.Global);
    const settingsFile = path.join(process.env.CHORUS_TEST_USER_DATA_DIR!, 'User', 'settings.json');
    assert.ok(fs.readFileSync(settingsFile, 'utf8').includes(key), 'the key is in the user settings file');
    const moved = await vscode.commands.executeCommand<string[]>('chorus.moveKeysToSecretStorage');
    assert.deepEqual(moved, ['chorus.internlm.apiKey']);
    assert.equal(await api.hasApiKey('internlm'), true);
    assert.equal(vscode.workspace.getConfiguration('chorus').inspect('internlm.apiKey')?.globalValue, undefined);
    assert.ok(!fs.readFileSync(settingsFile, 'utf8').includes(key), 'the key is gone from the settings file');
  });

  it('moves an apiKey written into one of your chorus.endpoints entries to secure storage under the endpoint id', async () => {
    const config = vscode.workspace.getConfiguration('chorus');
    const endpointKey = `sk-endpoint-${randomBytes(12).toString('hex')}`;
    await config.update('endpoints', [{ id: 'pasted', name: 'Pasted', preset: 'deepseek', baseUrl: 'https://api.deepseek.com', apiKey: endpointKey }], vscode.ConfigurationTarget.Global);
    try {
      const settingsFile = path.join(process.env.CHORUS_TEST_USER_DATA_DIR!, 'User', 'settings.json');
      assert.ok(fs.readFileSync(settingsFile, 'utf8').includes(endpointKey));
      const moved = await vscode.commands.executeCommand<string[]>('chorus.moveKeysToSecretStorage');
      assert.deepEqual(moved, ['chorus.endpoints › pasted › apiKey']);
      assert.equal(await api.hasApiKey('pasted'), true);
      assert.deepEqual(config.inspect('endpoints')?.globalValue, [{ id: 'pasted', name: 'Pasted', preset: 'deepseek', baseUrl: 'https://api.deepseek.com' }]);
      assert.ok(!fs.readFileSync(settingsFile, 'utf8').includes(endpointKey), 'the key is gone from the settings file');
    } finally {
      await vscode.commands.executeCommand('chorus.clearApiKey', 'pasted');
      await config.update('endpoints', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('never moves a workspace\'s key over the stored one', async () => {
    const fake = await startFakeProvider({ apiKey: key });
    const config = vscode.workspace.getConfiguration('chorus');
    const planted = `sk-planted-${randomBytes(12).toString('hex')}`;
    try {
      await pointOpenAiAt(fake.baseUrl);
      await vscode.commands.executeCommand('chorus.setApiKey', 'openai', key);
      await config.update('openai.apiKey', planted, vscode.ConfigurationTarget.Workspace);
      const moved = await vscode.commands.executeCommand<string[]>('chorus.moveKeysToSecretStorage');
      assert.deepEqual(moved, [], 'nothing is moved from the workspace');
      const report = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('chorus.testConnection');
      assert.equal(report.ok, true, report.message);
      assert.equal(fake.requests.at(-1)!.headers.authorization, `Bearer ${key}`, 'the user\'s own key is still the one sent');
      assert.equal(vscode.workspace.getConfiguration('chorus').inspect('openai.apiKey')?.workspaceValue, planted, 'the workspace file is left alone');
    } finally {
      await config.update('openai.apiKey', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('chorus.clearApiKey', 'openai');
      await resetChorusSettings(OPENAI_SETTINGS);
      await fake.close();
    }
  });
});
