import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChorusApi } from '../../src/extension';
import type { AssistantTurn } from '../../src/shared/conversation';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProvider';
import { resetChorusSettings } from './openAiSettings';

const chorus = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');
type Body = Record<string, unknown> & { model: string };

describe('endpoints of your own (chorus.endpoints)', () => {
  let api: ChorusApi;
  let fake: FakeProvider;
  const key = `sk-team-${randomBytes(12).toString('hex')}`;

  const useEndpoints = async (entries: ReadonlyArray<Record<string, unknown>>, provider: string): Promise<void> => {
    await chorus().update('endpoints', entries, vscode.ConfigurationTarget.Global);
    await chorus().update('provider', provider, vscode.ConfigurationTarget.Global);
  };
  const lastAnswer = (): AssistantTurn => api.currentConversation().turns.at(-1) as AssistantTurn;

  before(async () => {
    api = await vscode.extensions.getExtension<ChorusApi>('chorus-dev.chorus')!.activate();
    // The fake answers only requests that carry this key, as a vLLM started with --api-key does.
    fake = await startFakeProvider({ apiKey: key });
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('chorus.newChat');
  });

  after(async () => {
    await vscode.commands.executeCommand('chorus.clearApiKey', 'team-vllm');
    await resetChorusSettings(['endpoints', 'provider', 'temperature']);
    await fake?.close();
  });

  it('takes its key by the endpoint id, and sends it with the endpoint\'s thinking switch and temperature over the global one', async () => {
    await chorus().update('temperature', 0.9, vscode.ConfigurationTarget.Global);
    await useEndpoints([{ id: 'team-vllm', name: 'Team vLLM', preset: 'vllm', baseUrl: fake.baseUrl, model: 'fake-model', temperature: 0.2, thinking: 'off' }], 'team-vllm');
    assert.equal(await api.hasApiKey('team-vllm'), false);
    assert.equal(await vscode.commands.executeCommand('chorus.setApiKey', 'team-vllm', key), true);
    assert.equal(await api.hasApiKey('team-vllm'), true);

    await api.sendPrompt('Hello, team server');
    assert.equal(lastAnswer().status, 'done', lastAnswer().error?.message);
    assert.equal(lastAnswer().provider, 'team-vllm');
    const request = fake.requests.at(-1)!;
    assert.equal(request.headers.authorization, `Bearer ${key}`);
    const body = request.body as Body;
    assert.equal(body.model, 'fake-model');
    assert.equal(body.temperature, 0.2, 'the endpoint\'s own temperature wins');
    assert.deepEqual(body.chat_template_kwargs, { enable_thinking: false }, 'vLLM\'s documented switch');
  });

  it('chorus.selectModel(endpointId, model) switches without a picker and keeps the model in the endpoint\'s entry', async () => {
    await useEndpoints([{ id: 'team-vllm', name: 'Team vLLM', preset: 'vllm', baseUrl: fake.baseUrl, model: 'fake-model', thinking: 'off' }], 'internlm');
    const chosen = await vscode.commands.executeCommand('chorus.selectModel', 'team-vllm', 'internlm3-latest');
    assert.deepEqual(chosen, { provider: 'team-vllm', model: 'internlm3-latest' });
    assert.equal(chorus().get('provider'), 'team-vllm');
    const [entry] = chorus().inspect<Array<Record<string, unknown>>>('endpoints')!.globalValue!;
    assert.deepEqual(entry, { id: 'team-vllm', name: 'Team vLLM', preset: 'vllm', baseUrl: fake.baseUrl, model: 'internlm3-latest', thinking: 'off' });
    await api.sendPrompt('Which model?');
    assert.equal((fake.requests.at(-1)!.body as Body).model, 'internlm3-latest');
  });

  it('with no model set, asks the server for its models and uses the first one', async () => {
    await useEndpoints([{ id: 'team-vllm', name: 'Team vLLM', preset: 'vllm', baseUrl: fake.baseUrl }], 'team-vllm');
    const before = fake.requests.length;
    await api.sendPrompt('Any model will do');
    assert.equal(lastAnswer().status, 'done', lastAnswer().error?.message);
    const sent = fake.requests.slice(before);
    assert.deepEqual(sent.map((r) => r.method), ['GET', 'POST']);
    assert.equal((sent[1]!.body as Body).model, 'fake-model', 'the first model the server lists');
  });

  it('refuses a value outside the preset\'s range before sending, naming the setting and the range', async () => {
    await useEndpoints([{ id: 'my-kimi', name: 'Kimi', preset: 'kimi', baseUrl: fake.baseUrl, model: 'kimi-k3', temperature: 1.5 }], 'my-kimi');
    const before = fake.requests.length;
    await api.sendPrompt('Too hot?');
    assert.equal(lastAnswer().status, 'error');
    assert.match(lastAnswer().error!.message, /chorus\.endpoints › my-kimi › temperature is 1\.5; Kimi takes \[0, 1\]/);
    assert.equal(fake.requests.length, before, 'nothing was sent');
  });

  it('names an endpoint that is not defined instead of falling back to another provider', async () => {
    await useEndpoints([], 'gone-endpoint');
    await api.sendPrompt('Hello?');
    assert.equal(lastAnswer().status, 'error');
    assert.match(lastAnswer().error!.message, /no provider or endpoint "gone-endpoint" is defined/);
  });
});
