import * as assert from 'node:assert/strict';
import { SseReader, type SseItem } from '../../../src/providers/sse';

function feedSplit(bytes: Buffer, sizes: number[]): SseItem[] {
  const reader = new SseReader();
  const items: SseItem[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    items.push(...reader.feed(bytes.subarray(at, at + size)));
    at += size;
  }
  items.push(...reader.end());
  return items;
}

const data = (items: SseItem[]): string[] => items.filter((i) => i.type === 'event').map((i) => (i as { data: string }).data);

describe('providers/sse: SseReader', () => {
  const stream = Buffer.from('data: {"t":"你好，世界 👋"}\n\n: keep-alive\n\ndata: {"t":"二"}\n\ndata: [DONE]\n\n', 'utf8');

  it('yields the same events however the bytes are split, including inside a UTF-8 character', () => {
    const whole = feedSplit(stream, [stream.length]);
    assert.deepEqual(data(whole), ['{"t":"你好，世界 👋"}', '{"t":"二"}', '[DONE]']);
    for (const sizes of [[1], [2], [3], [5, 1, 7], [4, 2]]) {
      assert.deepEqual(feedSplit(stream, sizes), whole, `split ${JSON.stringify(sizes)}`);
    }
  });

  it('splits inside a 4-byte emoji produce no replacement characters', () => {
    const bytes = Buffer.from('data: 👋👋\n\n', 'utf8');
    const items = feedSplit(bytes, [7, 1, 1, 1, 1, 1, 1, 1]);
    assert.deepEqual(data(items), ['👋👋']);
    assert.ok(!JSON.stringify(items).includes('\ufffd'));
  });

  it('handles CRLF and CR line ends', () => {
    assert.deepEqual(data(feedSplit(Buffer.from('data: a\r\n\r\ndata: b\r\n\r\n'), [3])), ['a', 'b']);
    assert.deepEqual(data(feedSplit(Buffer.from('data: a\r\rdata: b\r\r'), [1])), ['a', 'b']);
  });

  it('reports comments (keep-alives) separately and never as events', () => {
    const items = feedSplit(Buffer.from(': keep-alive\n\n: OPENROUTER PROCESSING\n\ndata: x\n\n'), [4]);
    assert.deepEqual(
      items.filter((i) => i.type === 'comment').map((i) => (i as { text: string }).text),
      ['keep-alive', 'OPENROUTER PROCESSING'],
    );
    assert.deepEqual(data(items), ['x']);
  });

  it('keeps the event name (event: error)', () => {
    const items = feedSplit(Buffer.from('event: error\ndata: {"error":{"message":"boom"}}\n\n'), [5]);
    assert.deepEqual(items, [{ type: 'event', event: 'error', data: '{"error":{"message":"boom"}}', id: undefined }]);
  });

  it('joins multi-line data with newlines', () => {
    assert.deepEqual(data(feedSplit(Buffer.from('data: {\ndata: "a": 1\ndata: }\n\n'), [2])), ['{\n"a": 1\n}']);
  });

  it('reports a line that is not SSE as invalid, with the whole line', () => {
    const items = feedSplit(Buffer.from('data: ok\n\n{"object":"error","message":"bad"}\n\n'), [6]);
    assert.deepEqual(data(items), ['ok']);
    assert.deepEqual(items.filter((i) => i.type === 'invalid'), [{ type: 'invalid', line: '{"object":"error","message":"bad"}' }]);
  });

  it('at the end flushes an event that lacked its blank line and a trailing non-SSE line', () => {
    assert.deepEqual(data(feedSplit(Buffer.from('data: a\n\ndata: [DONE]\n'), [100])), ['a', '[DONE]']);
    assert.deepEqual(data(feedSplit(Buffer.from('data: a\n\ndata: [DONE]'), [100])), ['a', '[DONE]']);
    const items = feedSplit(Buffer.from('data: a\n\nInternal Server Error'), [100]);
    assert.deepEqual(items.at(-1), { type: 'invalid', line: 'Internal Server Error' });
  });

  it('flushes a UTF-8 sequence cut off at the very end as a replacement character rather than dropping it', () => {
    const bytes = Buffer.from('data: 好', 'utf8');
    const items = feedSplit(bytes.subarray(0, bytes.length - 1), [100]);
    assert.equal(data(items)[0], '\ufffd');
  });
});
