// The language-model responder against a real HTTP server: what VS Code would receive, and that a
// cancelled token closes the connection. (VS Code 1.104 does not pass a consumer's cancellation on
// once a request has started, so the lm stage cannot show this end to end; here the token is ours.)

import * as assert from 'node:assert/strict';
import { createLmResponder, type LmToken } from '../../../src/lm/lmChatProvider';
import type { LmModelInfo, LmRequestMessage } from '../../../src/lm/newerApi';
import { createProvider } from '../../../src/providers/provider';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { english, formatErrorMessage, ProviderError } from '../../../src/providers';
import { openaiErrorReply, sseReply, textChunks, type FakeProvider } from '../../fixtures/fakeProvider';
import { withFakeProvider } from '../providers/helpers';

class TextPart {
  constructor(readonly value: string) {}
}
class ToolCallPart {
  constructor(
    readonly callId: string,
    readonly name: string,
    readonly input: object,
  ) {}
}

/** A token the test cancels, shaped as VS Code's. */
function cancellable(): { token: LmToken; cancel(): void } {
  const listeners: Array<() => void> = [];
  let cancelled = false;
  return {
    token: {
      get isCancellationRequested() {
        return cancelled;
      },
      onCancellationRequested: (listener) => {
        listeners.push(listener);
        return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
      },
    },
    cancel: () => {
      cancelled = true;
      for (const l of [...listeners]) l();
    },
  };
}

const KEY = 'sk-lm-secret-0123456789abcdef';
const model = (id: string): LmModelInfo => ({ id, name: id, family: id, version: '', maxInputTokens: 1000, maxOutputTokens: 100, capabilities: {} });
const user = (text: string): LmRequestMessage => ({ role: 1, content: [new TextPart(text)], name: undefined });

describe('lm/responder: answering VS Code from a provider', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  });
  const responder = () =>
    createLmResponder({
      parts: { TextPart, ToolCallPart },
      create: async (_id, m) => cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, model: m, apiKey: KEY, requestsPerMinute: 0 })),
      generation: () => ({ temperature: 0.5 }),
      describe: (error) => (error instanceof ProviderError ? formatErrorMessage(error, english) : String(error)),
      badToolArguments: (id, tool, raw) => `${id}: ${tool}: ${raw}`,
      log: () => undefined,
    });

  it('reports the answer as text parts, leaves thinking out, and sends the provider\'s settings', async () => {
    const base = { id: 'r', object: 'chat.completion.chunk', created: 1, model: 'm' };
    server.enqueue(sseReply([{ ...base, choices: [{ index: 0, delta: { reasoning_content: 'hidden' }, finish_reason: null }] }, ...textChunks('Shown answer.')]));
    const parts: unknown[] = [];
    await responder().respond(model('internlm/internlm3-latest'), [user('Hi')], { toolMode: 1 }, { report: (p) => parts.push(p) }, cancellable().token);
    assert.ok(parts.every((p) => p instanceof TextPart));
    assert.equal(parts.map((p) => (p as TextPart).value).join(''), 'Shown answer.');
    const body = server.requests.at(-1)!.body as { model: string; temperature: number };
    assert.equal(body.model, 'internlm3-latest');
    assert.equal(body.temperature, 0.5);
  });

  it('a cancelled token closes the provider\'s connection mid-answer and ends quietly', async () => {
    const chunks = textChunks('A long answer still arriving', { piece: 3 });
    server.enqueue(sseReply([...chunks.slice(0, 2), { delayMs: 60_000 }, ...chunks.slice(2)]));
    const { token, cancel } = cancellable();
    const parts: unknown[] = [];
    const done = responder().respond(model('internlm/internlm3-latest'), [user('Go')], { toolMode: 1 }, { report: (p) => {
      parts.push(p);
      cancel();
    } }, token);
    await done;
    await server.requests.at(-1)!.closed;
    assert.ok(parts.length >= 1 && parts.length <= 2, `stopped after the first words (${parts.length} parts)`);
  });

  it('reports complete tool calls with repaired arguments, and refuses arguments it cannot read', async () => {
    const base = { id: 'r', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const call = (args: string) => ({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'weather', arguments: args } }] }, finish_reason: 'tool_calls' }] });
    server.enqueue(sseReply([call("{'city': '上海'}")]));
    const parts: unknown[] = [];
    await responder().respond(model('internlm/internlm3-latest'), [user('?')], { toolMode: 1, tools: [{ name: 'weather', description: 'w' }] }, { report: (p) => parts.push(p) }, cancellable().token);
    assert.deepEqual(parts, [new ToolCallPart('c1', 'weather', { city: '上海' })]);
    server.enqueue(sseReply([call('{city: oops')]));
    await assert.rejects(
      responder().respond(model('internlm/internlm3-latest'), [user('?')], { toolMode: 1 }, { report: () => undefined }, cancellable().token),
      /internlm: weather: \{city: oops/,
    );
  });

  it('a provider error reaches the caller as the described text, without the key', async () => {
    server.enqueue(openaiErrorReply(401, `Incorrect API key provided: ${KEY}`, { code: 'invalid_api_key' }));
    await assert.rejects(
      responder().respond(model('internlm/internlm3-latest'), [user('?')], { toolMode: 1 }, { report: () => undefined }, cancellable().token),
      (e: Error) => /InternLM/.test(e.message) && /401/.test(e.message) && /Incorrect API key provided/.test(e.message) && !e.message.includes(KEY),
    );
  });
});
