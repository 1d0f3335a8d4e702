import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_ANSWER, openaiErrorReply, sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { startFakeQianfan, type FakeQianfan } from '../fixtures/fakeQianfan';
import { chorusModels, isText, isToolCall, lm, streamOf, until, withTools, type ToolCallPart } from './lmTypes';

const chorus = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');
const user = (text: string) => vscode.LanguageModelChatMessage.User(text);
type Body = { messages: Array<Record<string, unknown>>; tools?: unknown[]; system?: string };

async function model(id: string): Promise<vscode.LanguageModelChat> {
  await until(async () => (await chorusModels()).some((m) => m.id === id), `model ${id}`);
  return (await chorusModels()).find((m) => m.id === id)!;
}

/** Every part of a response: text joined, tool calls in order. */
async function read(response: vscode.LanguageModelChatResponse): Promise<{ text: string; calls: ToolCallPart[] }> {
  let text = '';
  const calls: ToolCallPart[] = [];
  for await (const part of streamOf(response)) {
    if (isText(part)) text += part.value;
    else if (isToolCall(part)) calls.push(part);
  }
  return { text, calls };
}

describe('answers from Chorus models through vscode.lm', () => {
  let fake: FakeProvider;
  let qianfan: FakeQianfan;

  before(async () => {
    fake = await startFakeProvider();
    qianfan = await startFakeQianfan({ apiKey: 'qf-api-key-123456', secretKey: 'qf-secret-key-654321' });
    // A private InternLM (LMDeploy) needs no key; Qianfan gets its two.
    await chorus().update('internlm.baseUrl', fake.baseUrl, vscode.ConfigurationTarget.Global);
    await chorus().update('qianfan.baseUrl', qianfan.baseUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('chorus.setApiKey', 'qianfan', qianfan.apiKey, qianfan.secretKey);
  });

  after(async () => {
    await vscode.commands.executeCommand('chorus.clearApiKey', 'qianfan');
    for (const key of ['internlm.baseUrl', 'qianfan.baseUrl']) await chorus().update(key, undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
    await qianfan?.close();
  });

  it('streams the provider\'s answer, equal to what the server sent', async () => {
    const internlm = await model('internlm/internlm3-latest');
    const response = await internlm.sendRequest([user('Hello')], {}, new vscode.CancellationTokenSource().token);
    const { text, calls } = await read(response);
    assert.equal(text, DEFAULT_ANSWER);
    assert.deepEqual(calls, []);
    assert.equal((fake.requests.at(-1)!.body as Body).messages.at(-1)!.content, 'Hello');
  });

  it('keeps a thinking model\'s reasoning out of the answer', async () => {
    const internlm = await model('internlm/internlm3-latest');
    const base = { id: 'r', object: 'chat.completion.chunk', created: 1, model: 'internlm3-latest' };
    const delta = (d: Record<string, unknown>, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta: d, finish_reason: finish }] });
    fake.enqueue(sseReply([delta({ role: 'assistant', reasoning_content: 'private-thought ' }), delta({ content: 'Only this.' }), delta({}, 'stop')]));
    const { text } = await read(await internlm.sendRequest([user('Think')], {}, new vscode.CancellationTokenSource().token));
    assert.equal(text, 'Only this.');
  });

  it('a tool call round trip against InternLM: its single-quoted arguments repaired, the result sent back, the final answer streamed', async () => {
    const internlm = await model('internlm/internlm3-latest');
    const base = { id: 'chatcmpl-123', object: 'chat.completion.chunk', created: 1677652288, model: 'internlm3-latest' };
    const call = { index: 0, id: '97102', type: 'function', function: { name: 'get_current_weather', arguments: "{'location': 'shanghai', 'unit': 'celsius'}" } };
    fake.enqueue(sseReply([{ ...base, choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [call] }, finish_reason: null }] }, { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }]));
    const tools = withTools([{ name: 'get_current_weather', description: 'Weather in a city', inputSchema: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string' } } } }]);
    const first = await read(await internlm.sendRequest([user('上海天气如何?')], tools, new vscode.CancellationTokenSource().token));
    assert.equal(first.calls.length, 1);
    assert.equal(first.calls[0]!.callId, '97102');
    assert.equal(first.calls[0]!.name, 'get_current_weather');
    assert.deepEqual(first.calls[0]!.input, { location: 'shanghai', unit: 'celsius' });
    assert.equal(((fake.requests.at(-1)!.body as Body).tools as Array<{ function: { name: string } }>)[0]!.function.name, 'get_current_weather');

    fake.enqueue(sseReply(textChunks('上海今天 40 度。')));
    const messages = [
      user('上海天气如何?'),
      new lm.LanguageModelChatMessage(vscode.LanguageModelChatMessageRole.Assistant, [new lm.LanguageModelToolCallPart('97102', 'get_current_weather', first.calls[0]!.input)]),
      new lm.LanguageModelChatMessage(vscode.LanguageModelChatMessageRole.User, [new lm.LanguageModelToolResultPart('97102', [new lm.LanguageModelTextPart("{'temperature': '40'}")])]),
    ];
    const final = await read(await internlm.sendRequest(messages, tools, new vscode.CancellationTokenSource().token));
    assert.equal(final.text, '上海今天 40 度。');
    const sent = (fake.requests.at(-1)!.body as Body).messages;
    assert.deepEqual(sent[1], { role: 'assistant', content: '', tool_calls: [{ id: '97102', type: 'function', function: { name: 'get_current_weather', arguments: '{"location":"shanghai","unit":"celsius"}' } }] });
    assert.deepEqual(sent[2], { role: 'tool', content: "{'temperature': '40'}", tool_call_id: '97102' });
  });

  it('a provider error reaches the caller with the provider, the code and the advice, never the key', async () => {
    const internlm = await model('internlm/internlm3-latest');
    fake.enqueue(openaiErrorReply(401, 'Incorrect API key provided', { code: 'invalid_api_key' }));
    await assert.rejects(
      async () => read(await internlm.sendRequest([user('Hi')], {}, new vscode.CancellationTokenSource().token)),
      (error: Error) => /InternLM/.test(error.message) && /401/.test(error.message) && /Incorrect API key provided/.test(error.message),
    );
  });

  it('a Qianfan conversation with a system message follows Qianfan\'s rules: system field, turns alternating from the user, an odd count', async () => {
    const glm = await model('qianfan/chatglm3_6b');
    const system = new lm.LanguageModelChatMessage(3, 'Answer in one sentence.');
    const messages = [system, user('First question'), vscode.LanguageModelChatMessage.Assistant('First answer'), vscode.LanguageModelChatMessage.Assistant('More of it'), user('Second question')];
    const { text } = await read(await glm.sendRequest(messages, {}, new vscode.CancellationTokenSource().token));
    assert.ok(text.length > 0);
    const body = qianfan.chatRequests().at(-1)!.body as Body;
    assert.equal(body.system, 'Answer in one sentence.');
    const roles = body.messages.map((m) => m.role);
    assert.equal(roles.length % 2, 1, roles.join(','));
    roles.forEach((role, i) => assert.equal(role, i % 2 === 0 ? 'user' : 'assistant', roles.join(',')));
    assert.equal(body.messages.at(-1)!.content, 'Second question');
  });

  it('counts tokens with the same estimate as the rest of Chorus', async () => {
    const internlm = await model('internlm/internlm3-latest');
    assert.equal(await internlm.countTokens('abcdefghij'), 3);
    assert.equal(await internlm.countTokens('你好世界'), 3);
  });
});
