// Streaming against a real local HTTP server: framing, choices, usage, errors inside the stream.

import * as assert from 'node:assert/strict';
import { createProvider, type ChatProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { sseReply, textChunks, withFaults, jsonReply, completionBody, type FakeProvider, type SsePiece } from '../../fixtures/fakeProvider';
import { ask, collect, failed, ofType, signal, withFakeProvider } from './helpers';

const ANSWER = '你好，Chorus！Here is `code`:\n```ts\nconst x = "α β γ 👋";\n```\n结束。';

describe('providers/streaming: real HTTP streams', () => {
  let server: FakeProvider;
  let provider: ChatProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
    provider = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'fake-model', retry: { maxRetries: 0 } });
    return provider;
  });

  it('streams the scripted default answer (a Markdown code block) and asks for usage', async () => {
    const c = await collect(provider.stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.match(c.text, /```ts\n/);
    assert.equal(ofType(c.events, 'usage').length, 1);
    assert.deepEqual((server.requests.at(-1)!.body as Record<string, unknown>).stream_options, { include_usage: true });
  });

  for (const sizes of [[1], [2], [3], [7, 1, 13], [64]]) {
    it(`reassembles the same text when the body arrives in pieces of ${JSON.stringify(sizes)} bytes (splits inside UTF-8 characters and lines)`, async () => {
      server.enqueue(withFaults(sseReply(textChunks(ANSWER, { piece: 3 })), { chunkSizes: sizes, chunkDelayMs: sizes[0] < 4 ? 0 : 1 }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.equal(c.text, ANSWER);
      assert.ok(!c.text.includes('\ufffd'));
    });
  }

  it('accepts CRLF line ends', async () => {
    server.enqueue(sseReply(textChunks(ANSWER), { eol: '\r\n' }));
    const c = await collect(provider.stream(ask(), { signal: signal() }));
    assert.equal(c.text, ANSWER);
    assert.equal(c.error, undefined);
  });

  it('ignores comment keep-alives anywhere, including before the first event and after finish', async () => {
    const chunks: SsePiece[] = textChunks('abc', { piece: 1 });
    const pieces: SsePiece[] = [{ comment: 'keep-alive' }, chunks[0], { comment: 'OPENROUTER PROCESSING' }, ...chunks.slice(1), { comment: 'keep-alive' }];
    server.enqueue(sseReply(pieces));
    const c = await collect(provider.stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, 'abc');
  });

  it('keeps n > 1 choices apart', async () => {
    server.enqueue(sseReply(textChunks(['first answer', 'second, longer answer'], { piece: 4 })));
    const c = await collect(provider.stream(ask('q', { n: 2 }), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.textByChoice.get(0), 'first answer');
    assert.equal(c.textByChoice.get(1), 'second, longer answer');
    assert.deepEqual(ofType(c.events, 'finish').map((f) => f.choice), [0, 1]);
    assert.equal((server.requests.at(-1)!.body as Record<string, unknown>).n, 2);
  });

  for (const usageOn of ['every', 'finish', 'separate'] as const) {
    it(`reports usage sent on ${usageOn === 'separate' ? 'a last chunk without choices' : `${usageOn} chunk(s)`}`, async () => {
      const usage = { prompt_tokens: 11, completion_tokens: 22, total_tokens: 33 };
      server.enqueue(sseReply(textChunks('hi', { usage, usageOn })));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.deepEqual(ofType(c.events, 'usage'), [{ type: 'usage', usage: { promptTokens: 11, completionTokens: 22, totalTokens: 33 } }]);
    });
  }

  it('handles a JSON (non-SSE) body in reply to a streaming request', async () => {
    server.enqueue(jsonReply(completionBody('whole answer', { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } })));
    const c = await collect(provider.stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, 'whole answer');
    assert.deepEqual(c.events.map((e) => e.type), ['meta', 'text', 'finish', 'usage']);
  });

  it('sniffs the body when the content type says neither SSE nor JSON', async () => {
    server.enqueue(sseReply(textChunks('sniffed'), { contentType: 'text/plain' }));
    assert.equal((await collect(provider.stream(ask(), { signal: signal() }))).text, 'sniffed');
    server.enqueue({ ...jsonReply(completionBody('json too')), headers: { 'content-type': 'text/plain' } });
    assert.equal((await collect(provider.stream(ask(), { signal: signal() }))).text, 'json too');
  });

  it('complete() without streaming returns the merged result', async () => {
    const result = await provider.complete(ask(), { signal: signal() });
    assert.match(result.text, /Hello, Chorus!/);
    assert.equal(result.choices[0].finishReason, 'stop');
    assert.equal((server.requests.at(-1)!.body as Record<string, unknown>).stream, false);
  });

  it('complete({stream: true}) merges the streamed events into the same result shape', async () => {
    server.enqueue(sseReply(textChunks(['a', 'b'])));
    const seen: string[] = [];
    const result = await provider.complete(ask('q', { n: 2 }), { signal: signal(), stream: true, onEvent: (e) => seen.push(e.type) });
    assert.deepEqual(result.choices.map((c) => c.text), ['a', 'b']);
    assert.ok(seen.includes('text'));
  });

  describe('errors inside an open stream', () => {
    it('an {"error":...} event after text: typed error, text kept', async () => {
      const chunks = textChunks('partial answer', { piece: 4 });
      server.enqueue(sseReply([...chunks.slice(0, 3), { error: { message: 'The server is overloaded', type: 'server_error', code: 'overloaded' } }], { done: false }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      const e = failed(c);
      assert.equal(e.kind, 'server');
      assert.equal(e.providerMessage, 'The server is overloaded');
      assert.equal(c.text, 'partial ');
    });

    it('an LMDeploy {"object":"error"} event: typed error (the InternLM page checks for it)', async () => {
      server.enqueue(sseReply([{ object: 'error', message: 'Input validation error: too long, max length is 32768', code: 400 }], { done: false }));
      const e = failed(await collect(provider.stream(ask(), { signal: signal() })));
      assert.equal(e.kind, 'contextTooLong');
      assert.match(e.message, /Shorten the conversation/);
    });

    it('`event: error`: typed error with the provider message', async () => {
      server.enqueue(sseReply([textChunks('x')[0], { event: 'error', data: '{"error":{"message":"quota exceeded for today","code":"insufficient_quota"}}' }], { done: false }));
      const e = failed(await collect(provider.stream(ask(), { signal: signal() })));
      assert.equal(e.kind, 'quota');
      assert.equal(e.code, 'insufficient_quota');
    });

    it('a line that is not SSE: protocol error quoting it, text kept', async () => {
      const chunks = textChunks('before', { piece: 6 });
      server.enqueue(sseReply([chunks[0], chunks[1], { raw: 'upstream connect error or disconnect/reset before headers\n' }], { done: false }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      const e = failed(c);
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, /upstream connect error/);
      assert.equal(c.text, 'before');
    });

    it('a stream that ends without [DONE] or finish: truncated, text kept', async () => {
      const chunks = textChunks('cut short here', { piece: 5 });
      server.enqueue(sseReply(chunks.slice(0, 3), { done: false }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.equal(failed(c).kind, 'truncated');
      assert.equal(c.text, 'cut short ');
    });

    it('a connection reset mid-stream: truncated (connection lost), text kept', async () => {
      const chunks = textChunks('reset soon', { piece: 5 });
      server.enqueue(withFaults(sseReply(chunks.slice(0, 3), { done: false }), { end: 'reset', chunkDelayMs: 5 }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      const e = failed(c);
      assert.equal(e.kind, 'truncated');
      assert.match(e.message, /the answer ended before it was complete \(the connection was lost \((ECONNRESET|UND_ERR_SOCKET)\)\)/);
      assert.equal(c.text, 'reset soon');
    });

    it('a stream cut in the middle of an event: truncated', async () => {
      const chunks = textChunks('abc', { piece: 1 });
      server.enqueue(sseReply([chunks[0], chunks[1], { raw: 'data: {"id":"chatcmpl-fake","choices":[{"index":0,"del' }], { done: false }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.equal(failed(c).kind, 'truncated');
      assert.equal(c.text, 'a');
    });
  });

  it('a slow stream (chunks 20 ms apart) arrives complete', async () => {
    server.enqueue(withFaults(sseReply(textChunks('slow but steady', { piece: 5 })), { chunkDelayMs: 20 }));
    const c = await collect(provider.stream(ask(), { signal: signal() }));
    assert.equal(c.text, 'slow but steady');
  });

  it('reuses the connection for the next call after [DONE]', async () => {
    const p = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm' }));
    const before = server.connectionCount;
    for (let i = 0; i < 3; i++) {
      const c = await collect(p.stream(ask(), { signal: signal() }));
      assert.equal(c.error, undefined);
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(server.connectionCount - before, 1);
  });
});
