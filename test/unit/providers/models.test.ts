// GET {base}/models for the model picker, with the same error handling as chat.

import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/providers/errors';
import { createProvider, type ProviderOptions } from '../../../src/providers/provider';
import type { ProviderPreset } from '../../../src/providers/preset';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { qianfanV2Preset } from '../../../src/providers/presets/qianfanV2';
import { hints } from '../../../src/providers/userText';
import { jsonReply, openaiErrorReply, type FakeProvider } from '../../fixtures/fakeProvider';
import { InstantClock, signal, withFakeProvider } from './helpers';

describe('providers/models', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  }, { models: ['internlm3-latest', 'internvl3-latest'], basePath: '/api/v1' });
  const make = (preset: ProviderPreset, options: ProviderOptions = {}) =>
    cleanup.add(createProvider(preset, { baseUrl: server.baseUrl, apiKey: 'key-123456', requestsPerMinute: 0, ...options }));

  it('lists the models the endpoint offers', async () => {
    const models = await make(internlmPreset).listModels({ signal: signal() });
    assert.deepEqual(models.map((m) => m.id), ['internlm3-latest', 'internvl3-latest']);
    assert.equal(models[0].ownedBy, 'chorus-fake');
    const req = server.requests.at(-1)!;
    assert.equal(req.method, 'GET');
    assert.equal(req.path, '/api/v1/models');
    assert.equal(req.headers.authorization, 'Bearer key-123456');
  });

  it('reports errors the same way as chat (401 → auth, naming the provider)', async () => {
    server.enqueue(openaiErrorReply(401, 'invalid token'));
    await assert.rejects(make(internlmPreset, { retry: { maxRetries: 0 } }).listModels({ signal: signal() }), (e: unknown) => {
      assert.ok(e instanceof ProviderError);
      assert.equal(e.kind, 'auth');
      assert.match(e.message, /^InternLM: the API key was rejected \(HTTP 401\)/);
      return true;
    });
  });

  it('retries a 503 and reports the retry', async () => {
    server.enqueue(openaiErrorReply(503, 'busy'));
    const seen: string[] = [];
    const models = await make(openaiPreset, { clock: new InstantClock(), retry: { baseDelayMs: 1 } }).listModels({ signal: signal(), onEvent: (e) => seen.push(e.type) });
    assert.equal(models.length, 2);
    assert.deepEqual(seen, ['retrying']);
  });

  it('a body that is not a model list is a protocol error', async () => {
    server.enqueue(jsonReply({ models: [] }));
    await assert.rejects(make(openaiPreset).listModels({ signal: signal() }), (e: unknown) => e instanceof ProviderError && e.kind === 'protocol');
    server.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, body: ['not json'] });
    await assert.rejects(make(openaiPreset).listModels({ signal: signal() }), (e: unknown) => e instanceof ProviderError && e.kind === 'protocol');
  });

  it('an endpoint without a list (Qianfan v2 preset) gives the known models without a request', async () => {
    const before = server.requests.length;
    const models = await make(qianfanV2Preset).listModels({ signal: signal() });
    assert.ok(models.some((m) => m.id === 'ernie-4.0-turbo-8k'));
    assert.equal(server.requests.length, before);
  });

  // ollama openai/openai.go ListCompletion: Data []Model stays nil with no model pulled → "data": null.
  it('Ollama /v1/models {"object":"list","data":null}: an empty list with a hint to pull a model', async () => {
    server.enqueue(jsonReply({ object: 'list', data: null }));
    const models = await make(openaiPreset).listModels({ signal: signal() });
    assert.equal(models.length, 0);
    assert.equal(models.hint, hints.noModels);
    assert.match(hints.noModels, /ollama pull/);
  });
});
