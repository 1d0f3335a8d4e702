// Headers/response timeouts and the idle timeout between stream events (caller-provided numbers).

import * as assert from 'node:assert/strict';
import { createProvider, type ProviderOptions } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { completionBody, jsonReply, sseReply, stallBeforeHeaders, textChunks, type FakeProvider, type SsePiece } from '../../fixtures/fakeProvider';
import { ask, collect, failed, InstantClock, ofType, signal, withFakeProvider } from './helpers';

describe('providers/timeouts', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  });

  const make = (options: ProviderOptions) =>
    cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', retry: { maxRetries: 0 }, ...options }));

  it('no headers within headersMs: a timeout error for the headers phase, and the connection is closed', async () => {
    server.enqueue(stallBeforeHeaders());
    const c = await collect(make({ timeouts: { headersMs: 150 } }).stream(ask(), { signal: signal() }));
    const e = failed(c);
    assert.equal(e.kind, 'timeout');
    assert.equal(e.timeoutPhase, 'headers');
    assert.equal(e.timeoutMs, 150);
    assert.match(e.message, /no response within 1 s/);
    await server.requests.at(-1)!.closed;
  });

  it('a stalled connect/headers phase is retried like openai-node does, then succeeds', async () => {
    server.enqueue(stallBeforeHeaders());
    const p = make({ timeouts: { headersMs: 150 }, retry: { baseDelayMs: 1 }, clock: new InstantClock() });
    const c = await collect(p.stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(ofType(c.events, 'retrying')[0].error.kind, 'timeout');
  });

  it('a stream that stalls after some text: an idle timeout, the text kept', async () => {
    const chunks = textChunks('first words then silence', { piece: 6 });
    server.enqueue({ ...sseReply(chunks.slice(0, 3), { done: false }), end: 'stall' });
    const c = await collect(make({ timeouts: { idleMs: 200 } }).stream(ask(), { signal: signal() }));
    const e = failed(c);
    assert.equal(e.kind, 'timeout');
    assert.equal(e.timeoutPhase, 'idle');
    assert.match(e.message, /the answer stalled: nothing arrived for 1 s/);
    assert.equal(c.text, 'first words ');
    await server.requests.at(-1)!.closed;
  });

  it('keep-alive comments count as activity: a long wait with keep-alives is not a stall', async () => {
    const keepAlives: SsePiece[] = [];
    for (let i = 0; i < 30; i++) keepAlives.push({ comment: 'keep-alive' }, { delayMs: 50 });
    server.enqueue(sseReply([...keepAlives, ...textChunks('finally')]));
    const c = await collect(make({ timeouts: { idleMs: 600 } }).stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, 'finally');
  });

  it('a non-streamed answer may take longer than headersMs (servers answer when done), bounded by responseMs', async () => {
    server.enqueue({ ...jsonReply(completionBody('slow but whole')), delayMs: 300 });
    const ok = await make({ timeouts: { headersMs: 50, responseMs: 10_000 } }).complete(ask(), { signal: signal() });
    assert.equal(ok.text, 'slow but whole');
    server.enqueue(stallBeforeHeaders());
    await assert.rejects(make({ timeouts: { responseMs: 150 } }).complete(ask(), { signal: signal() }), (e: unknown) => {
      const err = e as { kind: string; timeoutPhase: string };
      return err.kind === 'timeout' && err.timeoutPhase === 'response';
    });
  });
});
