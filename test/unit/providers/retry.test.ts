// Retries happen only before anything was delivered, on the statuses and failures openai-node
// retries, with the server's Retry-After honoured; back-off waits are recorded, not slept.

import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/providers/errors';
import { createProvider, type ChatProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { parseRetryAfter, retryDelayMs } from '../../../src/providers/retry';
import {
  lmdeployErrorReply,
  openaiErrorReply,
  resetBeforeHeaders,
  sseReply,
  textChunks,
  type FakeProvider,
} from '../../fixtures/fakeProvider';
import { ask, collect, failed, InstantClock, ofType, signal, withFakeProvider } from './helpers';

const ctx = { providerId: 'x', providerName: 'X', secrets: [] };

describe('providers/retry: delay rules', () => {
  it('parses retry-after-ms, Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter({ 'retry-after-ms': '250' }, now), 250);
    assert.equal(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }, now), 250);
    assert.equal(parseRetryAfter({ 'retry-after': '7' }, now), 7000);
    assert.equal(parseRetryAfter({ 'retry-after': '1.5' }, now), 1500);
    assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now), 30_000);
    assert.equal(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, now), 0);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(parseRetryAfter({}, now), undefined);
  });

  it('uses the server\'s wait when it is at most 60 s', () => {
    assert.equal(retryDelayMs(0, new ProviderError(ctx, { kind: 'rateLimited', retryAfterMs: 60_000 })), 60_000);
    assert.equal(retryDelayMs(1, new ProviderError(ctx, { kind: 'rateLimited', retryAfterMs: 0 })), 0);
  });

  it('otherwise backs off 0.5 s·2ⁿ capped at 8 s, with up to 25% jitter', () => {
    const e = new ProviderError(ctx, { kind: 'server', retryAfterMs: 61_000 });
    const at = (n: number, random: number): number => retryDelayMs(n, e, { random: () => random });
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => at(n, 0)), [500, 1000, 2000, 4000, 8000, 8000]);
    assert.equal(at(0, 0.999999), 500 * (1 - 0.999999 * 0.25));
    for (let i = 0; i < 50; i++) {
      const d = retryDelayMs(2, e);
      assert.ok(d > 1500 && d <= 2000, String(d));
    }
    assert.equal(retryDelayMs(0, e, { baseDelayMs: 10, random: () => 0 }), 10);
  });
});

describe('providers/retry: against a server', () => {
  let server: FakeProvider;
  let clock: InstantClock;
  let provider: ChatProvider;
  withFakeProvider((started) => {
    server = started;
  });
  beforeEach(() => {
    clock = new InstantClock();
    provider = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', clock, retry: { baseDelayMs: 10, random: () => 0 } });
  });
  afterEach(() => provider.dispose());

  const run = () => collect(provider.stream(ask(), { signal: signal() }));

  for (const status of [408, 409, 429, 500, 502, 503, 504]) {
    it(`retries HTTP ${status} and then succeeds`, async () => {
      const before = server.requests.length;
      server.enqueue(openaiErrorReply(status, `status ${status}`));
      const c = await run();
      assert.equal(c.error, undefined);
      assert.match(c.text, /Hello, Chorus!/);
      assert.equal(server.requests.length - before, 2);
      const retrying = ofType(c.events, 'retrying');
      assert.equal(retrying.length, 1);
      assert.equal(retrying[0].attempt, 1);
      assert.equal(retrying[0].maxRetries, 2);
      assert.equal(retrying[0].error.status, status);
      assert.deepEqual(clock.waits, [10]);
    });
  }

  for (const status of [400, 401, 403, 404, 422]) {
    it(`does not retry HTTP ${status}`, async () => {
      const before = server.requests.length;
      server.enqueue(lmdeployErrorReply(status, 'no'));
      const c = await run();
      assert.equal(failed(c).status, status);
      assert.equal(server.requests.length - before, 1);
      assert.equal(ofType(c.events, 'retrying').length, 0);
    });
  }

  it('gives up after 2 retries, backing off 1x then 2x the base delay, and reports the last error', async () => {
    const before = server.requests.length;
    server.enqueue(openaiErrorReply(500, 'a'), openaiErrorReply(502, 'b'), openaiErrorReply(503, 'c'));
    const c = await run();
    const e = failed(c);
    assert.equal(e.status, 503);
    assert.equal(e.providerMessage, 'c');
    assert.equal(server.requests.length - before, 3);
    assert.deepEqual(ofType(c.events, 'retrying').map((r) => [r.attempt, r.delayMs]), [[1, 10], [2, 20]]);
    assert.deepEqual(clock.waits, [10, 20]);
  });

  it('honours retry-after-ms, then Retry-After in seconds, then as an HTTP date', async () => {
    server.enqueue(openaiErrorReply(429, 'slow down', { headers: { 'retry-after-ms': '15', 'retry-after': '9' } }));
    await run();
    server.enqueue(openaiErrorReply(429, 'slow down', { headers: { 'retry-after': '3' } }));
    await run();
    server.enqueue(openaiErrorReply(503, 'busy', { headers: { 'retry-after': new Date(Date.now() + 5000).toUTCString() } }));
    await run();
    assert.equal(clock.waits[0], 15);
    assert.equal(clock.waits[1], 3000);
    assert.ok(clock.waits[2] > 3000 && clock.waits[2] <= 5000, String(clock.waits[2]));
  });

  it('does not retry when the server asks for more than 60 s, and says how long to wait', async () => {
    const before = server.requests.length;
    server.enqueue(openaiErrorReply(429, 'daily limit', { headers: { 'retry-after': '120' } }));
    const e = failed(await run());
    assert.equal(server.requests.length - before, 1);
    assert.equal(e.retryAfterMs, 120_000);
    assert.match(e.message, /Wait 120 s and try again/);
  });

  it('retries a connection reset before headers', async () => {
    const before = server.requests.length;
    server.enqueue(resetBeforeHeaders());
    const c = await run();
    assert.equal(c.error, undefined);
    assert.equal(server.requests.length - before, 2);
    assert.equal(ofType(c.events, 'retrying')[0].error.kind, 'network');
  });

  it('retries a server error event that arrives before any text', async () => {
    server.enqueue(sseReply([{ error: { message: 'overloaded', type: 'server_error' } }], { done: false }));
    const c = await run();
    assert.equal(c.error, undefined);
    assert.equal(ofType(c.events, 'retrying').length, 1);
  });

  it('never retries once text was delivered', async () => {
    const before = server.requests.length;
    const chunks = textChunks('some text', { piece: 4 });
    server.enqueue(sseReply([...chunks.slice(0, 2), { error: { message: 'overloaded', type: 'server_error' } }], { done: false }));
    const c = await run();
    assert.equal(failed(c).kind, 'server');
    assert.equal(c.text, 'some');
    assert.equal(server.requests.length - before, 1);
    assert.equal(ofType(c.events, 'retrying').length, 0);
  });

  it('never retries a reset once text was delivered', async () => {
    const before = server.requests.length;
    server.enqueue({ ...sseReply(textChunks('abcdef', { piece: 3 }).slice(0, 2), { done: false }), end: 'reset' });
    const c = await run();
    assert.ok(c.error);
    assert.equal(c.text, 'abc');
    assert.equal(server.requests.length - before, 1);
  });

  it('with retries off, the first failure is final', async () => {
    const p = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', retry: { maxRetries: 0 } });
    server.enqueue(openaiErrorReply(503, 'busy'));
    const e = failed(await collect(p.stream(ask(), { signal: signal() })));
    assert.equal(e.status, 503);
    await p.dispose();
  });
});
