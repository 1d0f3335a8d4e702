// The optional logger gets method, redacted URL, status and timings; never keys or token values.

import * as assert from 'node:assert/strict';
import { cachedTokenAuth } from '../../../src/providers/auth';
import { createProvider } from '../../../src/providers/provider';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { openaiErrorReply, type FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, RecordingLogger, signal, withFakeProvider } from './helpers';

const KEY = 'sk-live-Very-Secret-Key-0123456789';

describe('providers/logging', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  }, { basePath: '/api/v1' });

  it('logs method, scheme and host (never path or query), status, content type and timings of a call', async () => {
    const logger = new RecordingLogger();
    const p = cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: KEY, requestsPerMinute: 0, logger }));
    await collect(p.stream(ask(), { signal: signal() }));
    const url = server.origin;
    assert.ok(logger.lines.includes(`debug [internlm] POST ${url}`), logger.text);
    assert.match(logger.text, new RegExp(`info \\[internlm\\] POST ${url.replace(/[.]/g, '\\.')} → 200 text/event-stream; charset=utf-8 in \\d+ ms`));
    assert.match(logger.text, /info \[internlm\] answer complete in \d+ ms, first token after \d+ ms, \d+ events/);
    assert.ok(!logger.text.includes(KEY));
  });

  it('logs failures as warnings with the full (redacted) message', async () => {
    const logger = new RecordingLogger();
    const p = cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: KEY, requestsPerMinute: 0, logger, retry: { maxRetries: 0 } }));
    server.enqueue(openaiErrorReply(401, `bad key ${KEY}`));
    await collect(p.stream(ask(), { signal: signal() }));
    assert.match(logger.text, /warn \[internlm\] InternLM: the API key was rejected \(HTTP 401\)\. InternLM said: "bad key \*\*\*"/);
    assert.ok(!logger.text.includes(KEY));
  });

  it('never logs access_token or client_secret values carried in the URL', async () => {
    const logger = new RecordingLogger();
    const auth = cachedTokenAuth({
      fetchToken: async () => ({ token: '24.TokenValue-abcdef', expiresInMs: 3_600_000 }),
      applyToken: (spec, token) => spec.url.searchParams.set('access_token', token),
      secrets: ['client-secret-value'],
    });
    const p = cleanup.add(
      createProvider(openaiPreset, { baseUrl: `${server.baseUrl}?client_secret=client-secret-value`, model: 'm', auth, logger }),
    );
    await collect(p.stream(ask(), { signal: signal() }));
    const req = server.requests.at(-1)!;
    assert.equal(req.query.get('access_token'), '24.TokenValue-abcdef', 'the token did reach the server');
    assert.ok(logger.lines.length >= 3);
    assert.ok(!logger.text.includes('TokenValue'), logger.text);
    assert.ok(!logger.text.includes('client-secret-value'), logger.text);
    assert.match(logger.text, /POST http:\/\/127\.0\.0\.1:\d+ → /);
    assert.ok(!logger.text.includes('access_token'), logger.text);
  });
});
