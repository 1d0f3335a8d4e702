// The endpoint presets against a real HTTP server speaking the OpenAI protocol: the thinking switch
// each service documents, reasoning sent back only where a tool-call turn needs it, the output-limit
// name, each reasoning form decoded, and a model taken from /models when none is set.

import * as assert from 'node:assert/strict';
import { createProvider, type ProviderOptions } from '../../../src/providers/provider';
import type { ProviderPreset } from '../../../src/providers/preset';
import { ENDPOINT_PRESETS } from '../../../src/providers/presets/endpointPresets';
import { hunyuanPreset } from '../../../src/providers/presets/hunyuan';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { qwenPreset } from '../../../src/providers/presets/qwen';
import type { ChatMessage, ChatRequest } from '../../../src/providers/types';
import { jsonReply, sseReply, textChunks, withFaults, type FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, failed, ofType, signal, withFakeProvider } from './helpers';

type Body = Record<string, unknown> & { messages: Array<Record<string, unknown>> };

const preset = (id: string): ProviderPreset => ENDPOINT_PRESETS.find((p) => p.id === id)!;

describe('providers/endpoint presets', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  });
  const make = (p: ProviderPreset, options: ProviderOptions = {}) =>
    cleanup.add(createProvider(p, { baseUrl: server.baseUrl, apiKey: 'key-abcdef', requestsPerMinute: 0, model: 'm', ...options }));

  async function sent(p: ProviderPreset, request: ChatRequest, options: ProviderOptions = {}): Promise<Body> {
    server.enqueue(sseReply(textChunks('ok')));
    const result = await collect(make(p, options).stream(request, { signal: signal() }));
    assert.equal(result.error, undefined, result.error?.message);
    return server.requests.at(-1)!.body as Body;
  }

  const switches: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['deepseek', { thinking: { type: 'enabled' } }, { thinking: { type: 'disabled' } }],
    ['glm', { thinking: { type: 'enabled' } }, { thinking: { type: 'disabled' } }],
    ['kimi', { thinking: { type: 'enabled' } }, { thinking: { type: 'disabled' } }],
    ['ark', { thinking: { type: 'enabled' } }, { thinking: { type: 'disabled' } }],
    ['qwen', { enable_thinking: true }, { enable_thinking: false }],
    ['siliconflow', { enable_thinking: true }, { enable_thinking: false }],
    ['vllm', { chat_template_kwargs: { enable_thinking: true } }, { chat_template_kwargs: { enable_thinking: false } }],
    ['lmdeploy', { chat_template_kwargs: { enable_thinking: true } }, { chat_template_kwargs: { enable_thinking: false } }],
    ['ollama', {}, { reasoning_effort: 'none' }],
  ];
  for (const [id, on, off] of switches) {
    it(`${id}: thinking on and off are sent in the service's documented form, and auto sends nothing`, async () => {
      const fields = (body: Body) => Object.fromEntries(Object.entries(body).filter(([k]) => ['thinking', 'enable_thinking', 'chat_template_kwargs', 'reasoning_effort'].includes(k)));
      assert.deepEqual(fields(await sent(preset(id), ask('q', { thinking: 'on' }))), on);
      assert.deepEqual(fields(await sent(preset(id), ask('q', { thinking: 'off' }))), off);
      assert.deepEqual(fields(await sent(preset(id), ask('q'))), {});
    });
  }

  it('sends no thinking switch to a service that documents none (Hunyuan, a plain OpenAI-compatible server)', async () => {
    for (const p of [hunyuanPreset, openaiPreset]) {
      const body = await sent(p, ask('q', { thinking: 'off' }));
      for (const key of ['thinking', 'enable_thinking', 'chat_template_kwargs', 'reasoning_effort']) assert.ok(!(key in body), `${p.id} got ${key}`);
    }
  });

  const toolTurn: ChatMessage[] = [
    { role: 'user', content: 'Weather in Shanghai?' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'weather', arguments: '{"city":"Shanghai"}' }], reasoning: 'Need the tool.' },
    { role: 'tool', content: '{"t":40}', toolCallId: 'c1' },
    { role: 'assistant', content: 'It is 40 degrees.', reasoning: 'ordinary turn reasoning' },
    { role: 'user', content: 'And tomorrow?' },
  ];

  for (const id of ['deepseek', 'kimi', 'glm']) {
    it(`${id}: a tool-call turn carries its reasoning_content back exactly; an ordinary turn never does`, async () => {
      const body = await sent(preset(id), { messages: toolTurn });
      assert.equal(body.messages[1]!.reasoning_content, 'Need the tool.');
      assert.ok(!('reasoning_content' in body.messages[3]!), 'not on an answer without tool calls');
      assert.ok(!JSON.stringify(body).includes('ordinary turn reasoning'));
      // Even when none was received: the field must be there, empty (DeepSeek answers 400 without it).
      const empty = await sent(preset(id), { messages: toolTurn.map((m, i) => (i === 1 ? { ...m, reasoning: undefined } : m)) });
      assert.equal(empty.messages[1]!.reasoning_content, '');
    });
  }

  it('other services never get reasoning back, not even on a tool-call turn', async () => {
    for (const id of ['qwen', 'siliconflow', 'ark', 'hunyuan', 'ollama', 'vllm', 'lmdeploy']) {
      const body = await sent(preset(id), { messages: toolTurn });
      assert.ok(!JSON.stringify(body).includes('reasoning_content'), id);
    }
  });

  it('Qwen gets its output limit as max_completion_tokens; the others as max_tokens', async () => {
    const qwen = await sent(qwenPreset, ask('q', { maxTokens: 100 }));
    assert.equal(qwen.max_completion_tokens, 100);
    assert.ok(!('max_tokens' in qwen));
    assert.equal((await sent(preset('deepseek'), ask('q', { maxTokens: 100 }))).max_tokens, 100);
  });

  const base = { id: 'r', object: 'chat.completion.chunk', created: 1, model: 'm' };
  const delta = (d: Record<string, unknown>, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta: d, finish_reason: finish }] });
  for (const p of ENDPOINT_PRESETS) {
    it(`${p.id}: thinking in its ${p.reasoningField ?? 'reasoning_content'} field becomes reasoning events, apart from the answer`, async () => {
      const field = p.reasoningField ?? 'reasoning_content';
      server.enqueue(sseReply([delta({ role: 'assistant', [field]: '先想' }), delta({ [field]: '一想。' }), delta({ content: 'Answer.' }), delta({}, 'stop')]));
      const result = await collect(make(p).stream(ask(), { signal: signal() }));
      assert.equal(result.error, undefined);
      assert.equal(ofType(result.events, 'reasoning').map((e) => e.text).join(''), '先想一想。');
      assert.equal(result.text, 'Answer.');
    });
  }

  it('a <think> block in the content, its tags cut across deltas and its bytes cut inside UTF-8 characters on the wire', async () => {
    const content = '<think>先想 👋 一下</think>\n\n答案 ✅';
    const deltas = content.match(/.{1,3}/gsu)!.map((piece) => delta({ content: piece }));
    for (const size of [1, 2, 5]) {
      server.enqueue(withFaults(sseReply([...deltas, delta({}, 'stop')]), { chunkSizes: [size] }));
      const result = await collect(make(preset('lmdeploy')).stream(ask(), { signal: signal() }));
      assert.equal(result.error, undefined);
      assert.equal(ofType(result.events, 'reasoning').map((e) => e.text).join(''), '先想 👋 一下', `${size}-byte writes`);
      assert.equal(result.text, '答案 ✅');
    }
  });

  it('thinking with no answer, and an answer with no thinking, both end cleanly', async () => {
    server.enqueue(sseReply([delta({ role: 'assistant', reasoning_content: '只想不答' }), delta({}, 'stop')]));
    const onlyThinking = await collect(make(preset('deepseek')).stream(ask(), { signal: signal() }));
    assert.equal(onlyThinking.error, undefined);
    assert.equal(ofType(onlyThinking.events, 'reasoning').map((e) => e.text).join(''), '只想不答');
    assert.equal(onlyThinking.text, '');
    server.enqueue(sseReply(textChunks('Just the answer.')));
    const onlyAnswer = await collect(make(preset('deepseek')).stream(ask(), { signal: signal() }));
    assert.equal(ofType(onlyAnswer.events, 'reasoning').length, 0);
    assert.equal(onlyAnswer.text, 'Just the answer.');
  });

  it('reads what a /models list says about images, where it says anything', async () => {
    server.enqueue(
      jsonReply({
        object: 'list',
        data: [
          { id: 'a', object: 'model', input_modalities: ['text', 'image'] },
          { id: 'b', object: 'model', architecture: { input_modalities: ['text'] } },
          { id: 'c', object: 'model', capabilities: ['completion', 'vision'] },
          { id: 'd', object: 'model', capabilities: { vision: false } },
          { id: 'e', object: 'model' },
        ],
      }),
    );
    const models = await make(openaiPreset).listModels({ signal: signal() });
    assert.deepEqual(models.map((m) => [m.id, m.vision]), [['a', true], ['b', false], ['c', true], ['d', false], ['e', undefined]]);
  });

  it('with no model set, uses the first model /models lists, and lists only once', async () => {
    const provider = make(openaiPreset, { model: '' });
    const chosen: string[] = [];
    const withCallback = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, requestsPerMinute: 0, onModelChosen: (m) => chosen.push(m) }));
    for (const p of [provider, withCallback]) {
      const before = server.requests.length;
      // The queue answers any request, so the first call gets the server's own /models and answer.
      assert.equal((await collect(p.stream(ask(), { signal: signal() }))).error, undefined);
      server.enqueue(sseReply(textChunks('two')));
      assert.equal((await collect(p.stream(ask(), { signal: signal() }))).text, 'two');
      const paths = server.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/^.*\/v1/, '')}`);
      assert.deepEqual(paths, ['GET /models', 'POST /chat/completions', 'POST /chat/completions']);
      assert.equal((server.requests.at(-1)!.body as Body).model, 'fake-model', 'the first listed model');
    }
    assert.deepEqual(chosen, ['fake-model']);
  });
});

describe('providers/endpoint presets: a server that lists no models', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider(
    (started) => {
      server = started;
    },
    { models: [] },
  );

  it('says to pull a model instead of sending a request without one', async () => {
    const provider = cleanup.add(createProvider(preset('ollama'), { baseUrl: server.baseUrl, requestsPerMinute: 0 }));
    const e = failed(await collect(provider.stream(ask(), { signal: signal() })));
    assert.equal(e.param, 'model');
    assert.match(e.message, /lists none \(Ollama: ollama pull <model>\)/);
    assert.ok(server.requests.every((r) => r.method === 'GET'), 'no chat request was sent');
  });
});
