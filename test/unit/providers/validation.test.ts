// Requests a provider would reject are refused before anything is sent; only supported
// parameters are sent.

import * as assert from 'node:assert/strict';
import { createProvider, type ProviderOptions } from '../../../src/providers/provider';
import type { ProviderPreset } from '../../../src/providers/preset';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { lanruiPreset } from '../../../src/providers/presets/lanrui';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { qianfanV2Preset } from '../../../src/providers/presets/qianfanV2';
import { formatRange, inRange } from '../../../src/providers/validate';
import type { FakeProvider } from '../../fixtures/fakeProvider';
import type { ChatRequest } from '../../../src/providers/types';
import { ask, collect, failed, RecordingLogger, signal, withFakeProvider } from './helpers';

describe('providers/validation', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  });

  const make = (preset: ProviderPreset, options: ProviderOptions = {}) =>
    cleanup.add(createProvider(preset, { baseUrl: server.baseUrl, apiKey: 'key-abcdef', requestsPerMinute: 0, ...options }));

  async function refused(preset: ProviderPreset, request: ChatRequest, options: ProviderOptions = {}) {
    const before = server.requests.length;
    const e = failed(await collect(make(preset, options).stream(request, { signal: signal() })));
    assert.equal(server.requests.length, before, 'no request may reach the server');
    return e;
  }

  const outOfRange: Array<[ProviderPreset, Partial<ChatRequest>, string, string]> = [
    [internlmPreset, { temperature: 1.5 }, 'temperature', '[0, 1]'],
    [internlmPreset, { temperature: -0.1 }, 'temperature', '[0, 1]'],
    [internlmPreset, { topP: 1.01 }, 'top_p', '(0, 1]'],
    [internlmPreset, { n: 0 }, 'n', '[1, ∞) (whole numbers)'],
    [internlmPreset, { maxTokens: 10.5 }, 'max_tokens', '[1, ∞) (whole numbers)'],
    [lanruiPreset, { temperature: 2.5 }, 'temperature', '[0, 2]'],
    [lanruiPreset, { topP: 0 }, 'top_p', '(0, 1]'],
    [lanruiPreset, { presencePenalty: -2.5 }, 'presence_penalty', '[-2, 2]'],
    [lanruiPreset, { frequencyPenalty: 3 }, 'frequency_penalty', '[-2, 2]'],
    [qianfanV2Preset, { temperature: 0 }, 'temperature', '(0, 1]'],
    [openaiPreset, { temperature: Number.NaN }, 'temperature', '[0, 2]'],
  ];
  for (const [preset, params, param, range] of outOfRange) {
    it(`${preset.name}: ${param} = ${Object.values(params)[0]} is refused, naming ${param} and ${range}`, async () => {
      const model = preset === lanruiPreset ? 'meta-llama/Llama-2-7b-chat-hf' : 'some-model';
      const e = await refused(preset, ask('q', params), { model });
      assert.equal(e.kind, 'invalidParams');
      assert.equal(e.param, param);
      assert.equal(e.range, range);
      assert.ok(e.message.startsWith(`${preset.name}: ${param} = `), e.message);
      assert.ok(e.message.includes(`allowed range ${range}`), e.message);
    });
  }

  it('accepts the edges of the ranges', async () => {
    const r = await collect(make(internlmPreset).stream(ask('q', { temperature: 0, topP: 1 }), { signal: signal() }));
    assert.equal(r.error, undefined);
    const l = await collect(make(lanruiPreset, { model: 'a/b' }).stream(ask('q', { temperature: 2, topP: 1, presencePenalty: -2, frequencyPenalty: 2 }), { signal: signal() }));
    assert.equal(l.error, undefined);
  });

  it('InternLM sends only the parameters its page lists (stop and penalties are dropped and logged)', async () => {
    const logger = new RecordingLogger();
    const p = make(internlmPreset, { logger });
    const request = ask('q', {
      temperature: 0.8,
      topP: 0.9,
      n: 1,
      maxTokens: 100,
      stop: ['END'],
      presencePenalty: 1,
      frequencyPenalty: 1,
      tools: [{ name: 'get_current_weather' }],
    });
    assert.equal((await collect(p.stream(request, { signal: signal() }))).error, undefined);
    const body = server.requests.at(-1)!.body as Record<string, unknown>;
    const allowed = ['model', 'messages', 'n', 'temperature', 'top_p', 'stream', 'max_tokens', 'tools'];
    assert.deepEqual(Object.keys(body).sort(), [...allowed].sort());
    assert.match(logger.text, /InternLM does not take "stop"; it was not sent/);
    assert.match(logger.text, /InternLM does not take "presence_penalty"/);
  });

  it('Lanrui sends its penalties and no tools; refuses a model name without model_name/model_version', async () => {
    const p = make(lanruiPreset, { model: 'qwen/qwen2.5-7b' });
    await collect(p.stream(ask('q', { presencePenalty: 0.5, frequencyPenalty: -0.5, tools: [{ name: 't' }] }), { signal: signal() }));
    const body = server.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(body.presence_penalty, 0.5);
    assert.equal(body.frequency_penalty, -0.5);
    assert.equal(body.tools, undefined);
    assert.equal(body.model, 'qwen/qwen2.5-7b');
    const e = await refused(lanruiPreset, ask(), { model: 'qwen2.5' });
    assert.equal(e.param, 'model');
    assert.match(e.message, /model_name\/model_version/);
  });

  it('a model set per request overrides the provider default', async () => {
    await collect(make(internlmPreset).stream(ask('q', { model: 'internvl3-latest' }), { signal: signal() }));
    assert.equal((server.requests.at(-1)!.body as Record<string, unknown>).model, 'internvl3-latest');
  });

  it('images: sent as image_url parts to internvl3 (URL and base64), refused for internlm3', async () => {
    const request: ChatRequest = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe the image please' },
            { type: 'image', url: 'https://static.openxlab.org.cn/internvl/demo/visionpro.png' },
            { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
          ],
        },
      ],
    };
    await collect(make(internlmPreset, { model: 'internvl3-latest' }).stream(request, { signal: signal() }));
    const sent = server.requests.at(-1)!.body as { messages: Array<{ content: unknown }> };
    assert.deepEqual(sent.messages[0].content, [
      { type: 'text', text: 'Describe the image please' },
      { type: 'image_url', image_url: { url: 'https://static.openxlab.org.cn/internvl/demo/visionpro.png' } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
    ]);
    const e = await refused(internlmPreset, request, { model: 'internlm3-latest' });
    assert.equal(e.kind, 'invalidParams');
    assert.match(e.message, /does not take images/);
    const bad = await refused(openaiPreset, { messages: [{ role: 'user', content: [{ type: 'image', url: 'file:///etc/passwd' }] }] }, { model: 'm' });
    assert.match(bad.message, /neither an http\(s\) URL nor a base64 data URL/);
  });

  it('text-only part lists are sent as a plain string', async () => {
    await collect(make(openaiPreset, { model: 'm' }).stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] }, { signal: signal() }));
    assert.equal((server.requests.at(-1)!.body as { messages: Array<{ content: unknown }> }).messages[0].content, 'ab');
  });

  it('tool turns are sent in the wire shape (assistant tool_calls, tool results)', async () => {
    await collect(
      make(internlmPreset).stream(
        {
          messages: [
            { role: 'user', content: '今天天气怎么样' },
            { role: 'assistant', content: '我需要使用 get_current_weather API', toolCalls: [{ id: '97102', name: 'get_current_weather', arguments: "{'location': 'shanghai'}" }] },
            { role: 'tool', content: "{'temperature': '40'}", toolCallId: '97102' },
          ],
        },
        { signal: signal() },
      ),
    );
    const sent = server.requests.at(-1)!.body as { messages: unknown[] };
    assert.deepEqual(sent.messages[1], {
      role: 'assistant',
      content: '我需要使用 get_current_weather API',
      tool_calls: [{ id: '97102', type: 'function', function: { name: 'get_current_weather', arguments: "{'location': 'shanghai'}" } }],
    });
    assert.deepEqual(sent.messages[2], { role: 'tool', content: "{'temperature': '40'}", tool_call_id: '97102' });
  });

  it('refuses roles the provider does not take, empty conversations and a missing model', async () => {
    const tool = await refused(lanruiPreset, { messages: [{ role: 'tool', content: 'x', toolCallId: '1' }] }, { model: 'a/b' });
    assert.match(tool.message, /role "tool"/);
    const empty = await refused(openaiPreset, { messages: [] }, { model: 'm' });
    assert.equal(empty.param, 'messages');
    // A server without a model list and no model set: nothing to fall back on.
    const noModel = await refused({ ...openaiPreset, listModels: false }, ask());
    assert.equal(noModel.param, 'model');
    assert.match(noModel.message, /no model is set/);
  });

  it('refuses to call the hosted service without a key, and a malformed base URL', async () => {
    const e = await refused(internlmPreset, ask(), { apiKey: '  ', baseUrl: internlmPreset.baseUrl });
    assert.equal(e.kind, 'auth');
    assert.equal(e.keyMissing, true);
    assert.match(e.message, /^InternLM: no API key is set\. Set a valid API key for InternLM/);
    const url = await refused(openaiPreset, ask(), { baseUrl: 'localhost:8000/v1', model: 'm' });
    assert.equal(url.param, 'baseUrl');
  });

  it('a private LMDeploy deployment of InternLM needs no key, and gets no Authorization header', async () => {
    const p = make(internlmPreset, { apiKey: undefined });
    assert.equal((await collect(p.stream(ask(), { signal: signal() }))).error, undefined);
    assert.equal(server.requests.at(-1)!.headers.authorization, undefined);
  });

  // LMDeploy (behind InternLM, and the OpenAI-compatible preset's default server) refuses top_p 0:
  // lmdeploy/serve/openai/api_server.py checks 0 < top_p <= 1.
  it('top_p 0 is refused for InternLM and OpenAI-compatible, naming the range (0, 1]', async () => {
    for (const preset of [internlmPreset, openaiPreset]) {
      const e = await refused(preset, ask('q', { topP: 0 }), { model: 'internlm3-latest' });
      assert.equal(e.kind, 'invalidParams');
      assert.equal(e.param, 'top_p');
      assert.equal(e.range, '(0, 1]');
      assert.match(e.message, /top_p = 0 is outside the allowed range \(0, 1\]/);
    }
  });

  it('range helpers', () => {
    assert.equal(formatRange({ min: 0, minExclusive: true, max: 1 }), '(0, 1]');
    assert.ok(inRange(1, { min: 0, max: 1 }));
    assert.ok(!inRange(0, { min: 0, minExclusive: true }));
    assert.ok(!inRange(Infinity, {}));
  });
});
