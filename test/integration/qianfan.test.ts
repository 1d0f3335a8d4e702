import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/commands/testConnection';
import { startFakeQianfan, type FakeQianfan } from '../fixtures/fakeQianfan';

describe('Qianfan (wenxinworkshop) through the extension', () => {
  let fake: FakeQianfan;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');
  const settings = ['provider', 'qianfan.baseUrl', 'qianfan.auth', 'qianfan.endpoint'];

  before(async () => {
    fake = await startFakeQianfan({ apiKey: 'qf-api-key-123456', secretKey: 'qf-secret-key-654321', accessKey: 'iam-ak-000111', iamSecretKey: 'iam-sk-222333' });
    await config().update('provider', 'qianfan', vscode.ConfigurationTarget.Global);
    await config().update('qianfan.baseUrl', fake.baseUrl, vscode.ConfigurationTarget.Global);
    await config().update('qianfan.endpoint', 'chatglm3_6b', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const key of settings) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('chorus.clearApiKey', 'qianfan');
    await fake.close();
  });

  it('fetches an access token with the API Key and Secret Key and answers', async () => {
    await config().update('qianfan.auth', 'accessToken', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('chorus.setApiKey', 'qianfan', fake.apiKey, fake.secretKey);
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, true, report.message);
    assert.equal(fake.tokenRequests().length, 1, 'a token was fetched');
    assert.ok(fake.chatRequests().at(-1)!.path.endsWith('/wenxinworkshop/chat/chatglm3_6b'), 'the endpoint was called');
    assert.equal(fake.tokens.length, 1);
  });

  it('reuses the stored token on the next request', async () => {
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, true, report.message);
    assert.equal(fake.tokens.length, 1, 'no second token was fetched');
  });

  it('says which key is wrong when the Secret Key is rejected', async () => {
    await vscode.commands.executeCommand('chorus.setApiKey', 'qianfan', fake.apiKey, 'not-the-secret-key');
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, false);
    assert.match(report.message, /Secret Key/);
    assert.ok(!report.message.includes('not-the-secret-key'), 'the key is not in the message');
  });

  it('signs requests with the IAM Access Key and Secret Key in signature mode', async () => {
    await config().update('qianfan.auth', 'signature', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('chorus.setApiKey', 'qianfan', fake.accessKey, fake.iamSecretKey);
    const report = await vscode.commands.executeCommand<ConnectionReport>('chorus.testConnection');
    assert.equal(report.ok, true, report.message);
    const last = fake.chatRequests().at(-1)!;
    assert.match(String(last.headers.authorization), /^bce-auth-v1\/iam-ak-000111\//);
  });
});
