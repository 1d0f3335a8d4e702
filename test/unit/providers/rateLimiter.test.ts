// The client-side requests-per-minute queue, on a clock the test moves by hand.

import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/providers/errors';
import { createProvider } from '../../../src/providers/provider';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { RateLimiter } from '../../../src/providers/rateLimiter';
import { ProviderRegistry } from '../../../src/providers/registry';
import type { FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, flush, ManualClock, signal, withFakeProvider } from './helpers';

describe('providers/rateLimiter: the queue', () => {
  it('lets the limit through at once, then queues with the wait each request faces', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(10, clock);
    const granted = Array.from({ length: 10 }, () => limiter.reserve());
    assert.ok(granted.every((r) => r.waitMs === 0));
    const r11 = limiter.reserve();
    const r12 = limiter.reserve();
    assert.equal(r11.waitMs, 60_000);
    assert.equal(r12.waitMs, 60_000);
    const late = Array.from({ length: 9 }, () => limiter.reserve());
    assert.equal(limiter.reserve().waitMs, 120_000, 'the 21st waits for a second window');
    const order: number[] = [];
    void r11.ready(signal()).then(() => order.push(11));
    void r12.ready(signal()).then(() => order.push(12));
    clock.advance(59_999);
    await flush();
    assert.deepEqual(order, []);
    clock.advance(1);
    await flush();
    assert.deepEqual(order, [11, 12]);
    for (const r of late) r.cancel();
  });

  it('is a sliding window: a slot frees a minute after the request that used it', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(3, clock);
    limiter.reserve();
    clock.advance(10_000);
    limiter.reserve();
    clock.advance(10_000);
    limiter.reserve();
    const next = limiter.reserve();
    assert.equal(next.waitMs, 40_000);
    let done = false;
    void next.ready(signal()).then(() => (done = true));
    clock.advance(39_999);
    await flush();
    assert.equal(done, false);
    clock.advance(1);
    await flush();
    assert.equal(done, true);
    assert.equal(limiter.reserve().waitMs, 10_000);
  });

  it('aborting while queued leaves the queue at once, and the next in line moves up', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(1, clock);
    limiter.reserve();
    const a = limiter.reserve();
    const b = limiter.reserve();
    const controller = new AbortController();
    const aReady = a.ready(controller.signal);
    let bDone = false;
    void b.ready(signal()).then(() => (bDone = true));
    assert.equal(limiter.queued, 2);
    controller.abort(new Error('stop'));
    await assert.rejects(aReady, /stop/);
    assert.equal(limiter.queued, 1);
    clock.advance(60_000);
    await flush();
    assert.equal(bDone, true, 'b took the slot a gave up');
    assert.equal(clock.pending, 0, 'no timer left once the queue is empty');
  });

  it('refuses a limit below 1', () => {
    assert.throws(() => new RateLimiter(0));
  });
});

describe('providers/rateLimiter: in a provider', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  });

  it('InternLM defaults to 10 requests a minute; the 11th reports why it waits and how long', async () => {
    const clock = new ManualClock();
    const p = cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: 'k-123456', clock }));
    for (let i = 0; i < 10; i++) await p.complete(ask(), { signal: signal() });
    const before = server.requests.length;
    const it11 = p.stream(ask(), { signal: signal() })[Symbol.asyncIterator]();
    const first = await it11.next();
    assert.deepEqual(first.value, { type: 'waiting', ms: 60_000, reason: 'InternLM allows 10 requests a minute', requestsPerMinute: 10 });
    const rest = it11.next();
    await flush();
    assert.equal(server.requests.length, before, 'nothing is sent while waiting');
    clock.advance(60_000);
    assert.equal((await rest).value?.type, 'meta');
    await collect({ [Symbol.asyncIterator]: () => it11 });
    assert.equal(server.requests.length, before + 1);
  });

  it('takes requestsPerMinute from the caller', async () => {
    const clock = new ManualClock();
    const p = cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: 'k-123456', clock, requestsPerMinute: 1 }));
    await p.complete(ask(), { signal: signal() });
    const events: string[] = [];
    const done = p.complete(ask(), { signal: signal(), onEvent: (e) => events.push(e.type === 'waiting' ? `waiting ${e.reason}` : e.type) });
    await flush();
    assert.deepEqual(events, ['waiting InternLM allows 1 request a minute']);
    clock.advance(60_000);
    await done;
  });

  it('aborting while queued ends the call promptly as cancelled, sending nothing', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(1, clock);
    const p = cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: 'k-123456', clock, rateLimiter: limiter }));
    await p.complete(ask(), { signal: signal() });
    const before = server.requests.length;
    const controller = new AbortController();
    const it = p.stream(ask(), { signal: controller.signal })[Symbol.asyncIterator]();
    assert.equal((await it.next()).value?.type, 'waiting');
    const pending = it.next();
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof ProviderError && e.kind === 'cancelled');
    assert.equal(limiter.queued, 0);
    assert.equal(server.requests.length, before);
  });

  it('a caller that stops listening while queued leaves the queue too', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(1, clock);
    const p = cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: 'k-123456', clock, rateLimiter: limiter }));
    await p.complete(ask(), { signal: signal() });
    for await (const ev of p.stream(ask(), { signal: signal() })) {
      assert.equal(ev.type, 'waiting');
      break;
    }
    assert.equal(limiter.queued, 0);
  });

  it('the registry keeps one limiter per provider endpoint across re-created providers', async () => {
    const clock = new ManualClock();
    const registry = new ProviderRegistry();
    const options = { baseUrl: server.baseUrl, apiKey: 'k-123456', clock, requestsPerMinute: 2 };
    const a = cleanup.add(registry.create('internlm', options));
    await a.complete(ask(), { signal: signal() });
    const b = cleanup.add(registry.create('internlm', { ...options, apiKey: 'another-key-1' }));
    await b.complete(ask(), { signal: signal() });
    const waits: number[] = [];
    const third = b.complete(ask(), { signal: signal(), onEvent: (e) => e.type === 'waiting' && waits.push(e.ms) });
    await flush();
    assert.deepEqual(waits, [60_000]);
    clock.advance(60_000);
    await third;
    const other = cleanup.add(registry.create('internlm', { ...options, baseUrl: `${server.baseUrl}/` , requestsPerMinute: 3 }));
    const c = await collect(other.stream(ask(), { signal: signal() }));
    assert.ok(!c.events.some((e) => e.type === 'waiting'), 'a new limit starts a new window');
  });
});
