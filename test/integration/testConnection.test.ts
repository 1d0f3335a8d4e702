import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/commands/testConnection';
import { completionBody, jsonReply, openaiErrorReply, startFakeProvider, type FakeProvider } from '../fixtures/fakeProvider';
import { OPENAI_SETTINGS, pointOpenAiAt, resetChorusSettings } from './openAiSettings';

describe('Chorus: Test Connection', () => {
  let fake: FakeProvider;
  const goodKey = 'sk-good-0123456789abcdef';

  before(async () => {
    fake = await startFakeProvider({ apiKey: goodKey });
    await pointOpenAiAt(fake.baseUrl);
  });

  after(async () => {
    await resetChorusSettings(OPENAI_SETTINGS);
    await vscode.commands.executeCommand('chorus.clearApiKey', 'openai');
    await fake.close();
  });

  it('reports the model and latency when the provider answers', async () => {
    await vscode.commands.executeCommand('chorus.setApiKey', 'openai', goodKey);
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, true, report.message);
    assert.equal(report.model, 'fake-model');
    assert.ok(typeof report.latencyMs === 'number' && report.latencyMs >= 0);
    const request = fake.requests.at(-1)!;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.authorization, `Bearer ${goodKey}`);
  });

  it('reports a rejected key with the status, the provider and the fix, without the key', async () => {
    const badKey = 'sk-wrong-key-fedcba9876543210';
    await vscode.commands.executeCommand('chorus.setApiKey', 'openai', badKey);
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, false);
    assert.equal(report.kind, 'auth');
    assert.match(report.message, /401/);
    assert.match(report.message, /OpenAI-compatible/i);
    assert.match(report.message, /Set API Key/);
    assert.ok(!report.message.includes(badKey), 'the key is not in the message');
  });

  it('shows no provider text as a link: a command link in the error stays in the details', async () => {
    await vscode.commands.executeCommand('chorus.setApiKey', 'openai', goodKey);
    const link = '[Open the docs](command:chorus.setApiKey?%5B%22openai%22%2C%22sk-attacker-0000000000%22%5D)';
    fake.enqueue(openaiErrorReply(400, `Bad request. ${link}`, { code: '$(alert)[x](command:workbench.action.terminal.new)' }));
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, false);
    assert.match(report.message, /OpenAI-compatible/);
    assert.match(report.message, /HTTP 400/);
    assert.doesNotMatch(report.message, /\]\(|\$\(/, 'no link or icon syntax in the notification');
    assert.doesNotMatch(report.message, /Open the docs/, 'the provider\'s words stay out of the notification');
    assert.match(report.details ?? '', /Open the docs/, 'the provider\'s words are in the details');
  });

  it('names the model the server reported without markup', async () => {
    await vscode.commands.executeCommand('chorus.setApiKey', 'openai', goodKey);
    fake.enqueue(jsonReply(completionBody('pong', { model: '[m](command:workbench.action.terminal.new)' })));
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, true, report.message);
    assert.doesNotMatch(report.message, /\]\(/);
  });
});
