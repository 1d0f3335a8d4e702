// Every call takes an AbortSignal; aborting (or walking away) closes the socket promptly.

import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/providers/errors';
import { createProvider, type ChatProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { openaiErrorReply, sseReply, stallBeforeHeaders, textChunks, withFaults, type FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, failed, withFakeProvider } from './helpers';

const LONG = 'word '.repeat(400);

describe('providers/cancellation', () => {
  let server: FakeProvider;
  let provider: ChatProvider;
  withFakeProvider((started) => {
    server = started;
    provider = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm' });
    return provider;
  });

  it('aborting mid-stream ends the iteration as cancelled and the server sees the connection close', async () => {
    server.enqueue(withFaults(sseReply(textChunks(LONG, { piece: 5 })), { chunkDelayMs: 20 }));
    const controller = new AbortController();
    let text = '';
    let error: unknown;
    try {
      for await (const ev of provider.stream(ask(), { signal: controller.signal })) {
        if (ev.type === 'text') {
          text += ev.text;
          controller.abort();
        }
      }
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ProviderError && error.kind === 'cancelled', String(error));
    assert.equal(error.message, 'OpenAI-compatible: the request was cancelled.');
    assert.ok(text.length > 0 && text.length < LONG.length);
    const req = server.requests.at(-1)!;
    await req.closed;
    assert.ok(req.isClosed());
  });

  it('breaking out of the loop closes the connection too', async () => {
    server.enqueue(withFaults(sseReply(textChunks(LONG, { piece: 5 })), { chunkDelayMs: 20 }));
    for await (const ev of provider.stream(ask(), { signal: new AbortController().signal })) {
      if (ev.type === 'text') break;
    }
    await server.requests.at(-1)!.closed;
  });

  it('aborting while waiting for headers closes the connection', async () => {
    server.enqueue(stallBeforeHeaders());
    const controller = new AbortController();
    const done = collect(provider.stream(ask(), { signal: controller.signal }));
    await server.waitForRequests(server.requests.length + 1);
    controller.abort();
    assert.equal(failed(await done).kind, 'cancelled');
    await server.requests.at(-1)!.closed;
  });

  it('an already aborted signal sends nothing', async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort();
    assert.equal(failed(await collect(provider.stream(ask(), { signal: controller.signal }))).kind, 'cancelled');
    await assert.rejects(provider.complete(ask(), { signal: controller.signal }), (e: unknown) => e instanceof ProviderError && e.kind === 'cancelled');
    await assert.rejects(provider.listModels({ signal: controller.signal }), (e: unknown) => e instanceof ProviderError && e.kind === 'cancelled');
    assert.equal(server.requests.length, before);
  });

  it('aborting during a retry back-off ends at once (the back-off here is a minute)', async () => {
    const p = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', retry: { baseDelayMs: 60_000 } });
    server.enqueue(openaiErrorReply(503, 'busy'));
    const controller = new AbortController();
    const seen: string[] = [];
    const done = p.complete(ask(), { signal: controller.signal, onEvent: (e) => {
      seen.push(e.type);
      if (e.type === 'retrying') controller.abort();
    } });
    await assert.rejects(done, (e: unknown) => e instanceof ProviderError && e.kind === 'cancelled');
    assert.deepEqual(seen, ['retrying']);
    await p.dispose();
  });

  it('complete() aborted mid-answer keeps what arrived as the error\'s partial result', async () => {
    server.enqueue(withFaults(sseReply(textChunks(LONG, { piece: 5 })), { chunkDelayMs: 20 }));
    const controller = new AbortController();
    let texts = 0;
    const err = await provider
      .complete(ask(), { signal: controller.signal, stream: true, onEvent: (e) => e.type === 'text' && ++texts === 3 && controller.abort() })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ProviderError && err.kind === 'cancelled');
    assert.equal(err.partial?.text, 'word word word ');
  });
});
