// The wenxinworkshop decoder on the path the engine uses (bytes → SSE → decoder → events), without
// HTTP: the seed's stream recorded from the fake server and split at every byte boundary, framing
// variants, the end of a stream, errors and the need_clear_history flag inside streams and bodies.

import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { decodeEventStream } from '../../../../src/providers/eventStream';
import { QianfanDecoder } from '../../../../src/providers/qianfan/decoder';
import type { StreamEvent } from '../../../../src/providers/types';
import { qianfanChunks, qianfanSeed, seedStreamBody, startFakeQianfan } from '../../../fixtures/fakeQianfan';
import { collect, failed, ofType, type Collected } from '../helpers';
import { qianfanContext } from './helpers';

function source(chunks: readonly Uint8Array[]): { next(): Promise<Uint8Array | undefined> } {
  let i = 0;
  return { next: async () => chunks[i++] };
}

function decode(chunks: ReadonlyArray<Uint8Array | string>, notices?: () => readonly StreamEvent[]): Promise<Collected> {
  const bytes = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
  return collect(decodeEventStream(source(bytes), new QianfanDecoder(qianfanContext(), notices)));
}

const sse = (...objects: Array<Record<string, unknown> | string>): string =>
  objects.map((o) => `data: ${typeof o === 'string' ? o : JSON.stringify(o)}\n\n`).join('');

describe('providers/qianfan/decoder', () => {
  let recorded: Buffer;

  before(async () => {
    // Record the stream body exactly as the fake server sends it for the seed's stream request.
    const fake = await startFakeQianfan();
    try {
      const token = await request(`${fake.baseUrl}/oauth/2.0/token?grant_type=client_credentials&client_id=${fake.apiKey}&client_secret=${fake.secretKey}`, { method: 'POST' });
      const { access_token } = (await token.body.json()) as { access_token: string };
      const res = await request(`${fake.baseUrl}/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/chatglm3_6b?access_token=${access_token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: '给我推荐一些自驾游路线' }], stream: true }),
      });
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      recorded = Buffer.from(await res.body.arrayBuffer());
    } finally {
      await fake.close();
    }
  });

  it('the recorded body is the seed stream, and decodes to its text, usage and a normal finish', async () => {
    assert.equal(recorded.toString('utf8'), seedStreamBody());
    const whole = await decode([recorded]);
    assert.equal(whole.error, undefined);
    assert.equal(whole.text, qianfanSeed.streamText);
    assert.deepEqual(ofType(whole.events, 'meta'), [{ type: 'meta', id: qianfanSeed.streamId, model: 'chatglm3_6b', created: 1680166793 }]);
    assert.deepEqual(ofType(whole.events, 'finish'), [{ type: 'finish', choice: 0, reason: 'stop' }]);
    assert.deepEqual(ofType(whole.events, 'usage'), [{ type: 'usage', usage: qianfanSeed.streamUsage }]);
  });

  it('decodes the same text at every split position of the recorded body (inside UTF-8 characters too)', async () => {
    const expected = (await decode([recorded])).events;
    const wrong: number[] = [];
    for (let at = 0; at <= recorded.length; at++) {
      const split = await decode([recorded.subarray(0, at), recorded.subarray(at)]);
      if (split.error || split.text !== qianfanSeed.streamText) wrong.push(at);
      else assert.deepEqual(split.events, expected, `events differ when split at byte ${at}`);
    }
    assert.deepEqual(wrong, [], `wrong text when split at bytes ${wrong.slice(0, 10).join(', ')}`);
    assert.ok(recorded.length > 3000, 'the recorded body is the whole seed stream');
  });

  it('decodes the recorded body fed one byte at a time', async () => {
    const bytes = Array.from({ length: recorded.length }, (_, i) => recorded.subarray(i, i + 1));
    const c = await decode(bytes);
    assert.equal(c.error, undefined);
    assert.equal(c.text, qianfanSeed.streamText);
  });

  it('decodes the seed stream as the page prints it (events ended by a single newline)', async () => {
    const c = await decode([seedStreamBody('\n')]);
    assert.equal(c.error, undefined);
    assert.equal(c.text, qianfanSeed.streamText);
    assert.deepEqual(ofType(c.events, 'finish').map((e) => e.reason), ['stop']);
  });

  it('stops at is_end: bytes after it are not read as part of the answer', async () => {
    const c = await decode([sse(...qianfanChunks(['a', 'b'])), 'data: {"result":"late","is_end":false}\n\n', 'garbage without data\n\n']);
    assert.equal(c.error, undefined);
    assert.equal(c.text, 'ab');
  });

  it('with single-newline framing, lines after is_end are not part of the answer either', async () => {
    const lines = qianfanChunks(['a', 'b']).map((c) => `data: ${JSON.stringify(c)}\n`).join('');
    const c = await decode([`${lines}data: {"result":"late","is_end":false}\n`]);
    assert.equal(c.error, undefined);
    assert.equal(c.text, 'ab');
  });

  it('accepts [DONE] as the end, also without is_end', async () => {
    const c = await decode([sse(...qianfanChunks(['x', 'y'], { noEnd: true }), '[DONE]')]);
    assert.equal(c.error, undefined);
    assert.equal(c.text, 'xy');
    assert.deepEqual(ofType(c.events, 'finish').map((e) => e.reason), ['stop']);
  });

  it('reports is_truncated as finish reason length', async () => {
    const c = await decode([sse(...qianfanChunks(['long ', 'answer'], { truncated: true }))]);
    assert.deepEqual(ofType(c.events, 'finish').map((e) => e.reason), ['length']);
    const body = new QianfanDecoder(qianfanContext()).json({ result: 'cut', is_truncated: true, need_clear_history: false });
    assert.deepEqual(ofType([...body], 'finish').map((e) => e.reason), ['length']);
  });

  it('a stream that ends before is_end is truncated (retryable), keeping what arrived', async () => {
    const c = await decode([sse(...qianfanChunks(['par', 'tial'], { noEnd: true }))]);
    const e = failed(c);
    assert.equal(e.kind, 'truncated');
    assert.equal(e.retryable, true);
    assert.equal(c.text, 'partial');
    assert.match(e.message, /before is_end/);
  });

  it('an error_code event inside the stream is the mapped error', async () => {
    const c = await decode([sse(...qianfanChunks(['a'], { noEnd: true }), { error_code: 336100, error_msg: 'Server high load' })]);
    const e = failed(c);
    assert.equal(c.text, 'a');
    assert.equal(e.kind, 'server');
    assert.equal(e.code, '336100');
    assert.equal(e.providerMessage, 'Server high load');
    assert.equal(e.retryable, true);
  });

  it('need_clear_history stops the answer with contentFlagged carrying ban_round', async () => {
    const flagged = { ...qianfanChunks(['never shown'])[0], need_clear_history: true, ban_round: 2 };
    const c = await decode([sse(...qianfanChunks(['first '], { noEnd: true }), flagged)]);
    const e = failed(c);
    assert.equal(e.kind, 'contentFlagged');
    assert.equal(e.banRound, 2);
    assert.equal(e.retryable, false);
    assert.equal(c.text, 'first ');
    assert.match(e.message, /flagged as unsafe \(turn 2\).*start a new chat/);
    const body = new QianfanDecoder(qianfanContext());
    assert.throws(() => body.json({ result: '', need_clear_history: true, ban_round: -1 }), (err: Error & { banRound?: number }) => err.banRound === -1 && /the current question/.test(err.message));
  });

  it('a whole body: result, usage, finish; an error body is the mapped error; a body with neither is refused', () => {
    const d = new QianfanDecoder(qianfanContext());
    const events = [...d.json(JSON.parse(qianfanSeed.singleTurnBody)), ...d.end()];
    assert.equal(ofType(events, 'text').map((e) => e.text).join(''), qianfanSeed.singleTurnText);
    assert.deepEqual(ofType(events, 'usage'), [{ type: 'usage', usage: qianfanSeed.singleTurnUsage }]);
    assert.equal(d.done, true);
    assert.throws(() => new QianfanDecoder(qianfanContext()).json(JSON.parse(qianfanSeed.error110Body)), { kind: 'auth', code: '110' });
    assert.throws(() => new QianfanDecoder(qianfanContext()).json({ id: 'x' }), { kind: 'protocol' });
  });

  it('reads a JSON error sent without SSE framing, even pretty-printed over several lines', async () => {
    const oneLine = await decode(['{"error_code":18,"error_msg":"Open api qps request limit reached"}\n']);
    assert.equal(failed(oneLine).kind, 'rateLimited');
    const pretty = await decode([qianfanSeed.error110Body, '\n']);
    const e = failed(pretty);
    assert.equal(e.code, '110');
    assert.equal(e.providerMessage, 'Access token invalid or no longer valid');
  });

  it('an event that is not JSON is a protocol error; a cut-off last event is truncated', async () => {
    assert.equal(failed(await decode(['data: <html>\n\n'])).kind, 'protocol');
    assert.equal(failed(await decode([`data: ${JSON.stringify(qianfanChunks(['a'])[0]).slice(0, 30)}`])).kind, 'truncated');
  });

  it('delivers notices once, before the first answer events', async () => {
    let calls = 0;
    const notice: StreamEvent = { type: 'notice', code: 'turnsDropped', dropped: 1, message: 'm' };
    const c = await decode([sse(...qianfanChunks(['a', 'b']))], () => (calls++ === 0 ? [notice] : []));
    assert.deepEqual(c.events[0], notice);
    assert.equal(ofType(c.events, 'notice').length, 1);
    assert.equal(c.text, 'ab');
  });
});
