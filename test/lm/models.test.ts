import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProvider';
import { chorusModels, until } from './lmTypes';

const chorus = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');

describe('Chorus models in vscode.lm, as another extension sees them', () => {
  let local: FakeProvider;
  let team: FakeProvider;

  before(async () => {
    local = await startFakeProvider({ models: ['qwen3:8b', 'llava:7b'] });
    team = await startFakeProvider({ apiKey: 'sk-team-lm-0123456789' });
    await chorus().update('openai.baseUrl', local.baseUrl, vscode.ConfigurationTarget.Global);
    await chorus().update('openai.model', 'qwen3:8b', vscode.ConfigurationTarget.Global);
    await chorus().update('endpoints', [{ id: 'team', name: 'Team DeepSeek', preset: 'deepseek', baseUrl: team.baseUrl, model: 'fake-model' }], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('chorus.clearApiKey', 'lanrui');
    for (const key of ['openai.baseUrl', 'openai.model', 'endpoints', 'lanrui.model', 'languageModels.enabled']) await chorus().update(key, undefined, vscode.ConfigurationTarget.Global);
    await local?.close();
    await team?.close();
  });

  it('lists each configured provider that needs no key or has one: its model and what its server lists, with limits and capabilities', async () => {
    await until(async () => (await chorusModels()).some((m) => m.id === 'openai/llava:7b'), 'the local server\'s list');
    const models = await chorusModels();
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes('openai/qwen3:8b'), ids.join(', '));
    assert.ok(!ids.some((id) => id.startsWith('team/')), 'the team endpoint (a hosted preset) has no key yet: not offered');
    assert.ok(!ids.some((id) => id.startsWith('internlm/')), 'InternLM\'s hosted service has no key: not offered');
    const qwen = models.find((m) => m.id === 'openai/qwen3:8b')!;
    assert.equal(qwen.vendor, 'chorus');
    assert.equal(qwen.name, 'qwen3:8b');
    assert.equal(qwen.family, 'qwen3:8b');
    assert.equal(qwen.version, 'openai');
    assert.ok(qwen.maxInputTokens > 0);
  });

  it('offers a provider\'s models once its key is set, and withdraws them when it is cleared', async () => {
    await vscode.commands.executeCommand('chorus.setApiKey', 'team', 'sk-team-lm-0123456789');
    await until(async () => (await chorusModels()).some((m) => m.id === 'team/internlm3-latest'), 'the team endpoint\'s models');
    await chorus().update('lanrui.model', 'meta/llama-3', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('chorus.setApiKey', 'lanrui', 'sk-lanrui-lm-0123456789');
    await until(async () => (await chorusModels()).some((m) => m.id === 'lanrui/meta/llama-3'), 'Lanrui\'s configured model');
    await vscode.commands.executeCommand('chorus.clearApiKey', 'team');
    await until(async () => !(await chorusModels()).some((m) => m.id.startsWith('team/')), 'the team models to go');
  });

  it('chorus.languageModels.enabled off withdraws every Chorus model; on offers them again', async () => {
    await chorus().update('languageModels.enabled', false, vscode.ConfigurationTarget.Global);
    await until(async () => (await chorusModels()).length === 0, 'no Chorus models');
    await chorus().update('languageModels.enabled', true, vscode.ConfigurationTarget.Global);
    await until(async () => (await chorusModels()).some((m) => m.id === 'openai/qwen3:8b'), 'the models back');
  });
});
