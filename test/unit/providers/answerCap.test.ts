// A looping model or a hostile server can stream without end: the engine stops reading at a cap on
// the answer's characters (text + thinking), keeps exactly what came up to it, and closes the socket.

import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_ANSWER_CHARS } from '../../../src/providers';
import { createProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { sseReply, textChunks, type FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, ofType, signal, withFakeProvider } from './helpers';

describe('providers/answer cap', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  });

  const endless = 'abcdefghij'.repeat(200);

  it('stops at maxAnswerChars: text cut exactly at the cap, finish "answerTooLong", socket closed', async function () {
    this.timeout(5000);
    const never = new Promise(() => undefined);
    const chunks = textChunks(endless, { piece: 10 });
    // Reasoning counts too: 5 characters of thinking first, then text; the server never ends.
    server.enqueue(sseReply([{ id: 'x', choices: [{ index: 0, delta: { reasoning_content: 'think' }, finish_reason: null }] }, ...chunks.slice(0, -1), { until: never }], { done: false }));
    const p = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', retry: { maxRetries: 0 }, maxAnswerChars: 55 }));
    const c = await collect(p.stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, endless.slice(0, 50));
    assert.deepEqual(ofType(c.events, 'finish'), [{ type: 'finish', choice: 0, reason: 'answerTooLong' }]);
    await server.requests.at(-1)!.closed;
    assert.ok(server.requests.at(-1)!.isClosed());
  });

  it('complete() keeps the capped answer with finishReason "answerTooLong"', async () => {
    server.enqueue(sseReply(textChunks(endless, { piece: 7 })));
    const p = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', retry: { maxRetries: 0 }, maxAnswerChars: 100 }));
    const r = await p.complete(ask(), { signal: signal(), stream: true });
    assert.equal(r.text, endless.slice(0, 100));
    assert.equal(r.choices[0].finishReason, 'answerTooLong');
  });

  it('defaults to 4 M characters, and an answer under the cap is untouched', async () => {
    assert.equal(DEFAULT_MAX_ANSWER_CHARS, 4 * 1024 * 1024);
    server.enqueue(sseReply(textChunks(endless)));
    const p = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', retry: { maxRetries: 0 } }));
    const c = await collect(p.stream(ask(), { signal: signal() }));
    assert.equal(c.text, endless);
    assert.deepEqual(ofType(c.events, 'finish').map((e) => e.reason), ['stop']);
  });
});
