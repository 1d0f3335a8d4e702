import * as assert from 'node:assert/strict';
import { ThinkTagSplitter } from '../../../src/providers/thinkTags';

/** Feeds `pieces` and returns the thinking and answer text, checking nothing is held back at the end. */
function split(pieces: readonly string[]): { reasoning: string; text: string } {
  const s = new ThinkTagSplitter();
  let reasoning = '';
  let text = '';
  for (const p of [...pieces.map((piece) => s.push(piece)), s.flush()]) {
    reasoning += p.reasoning;
    text += p.text;
  }
  return { reasoning, text };
}

/** Every way of cutting `content` into two and into three pieces. */
function* cuts(content: string): Generator<string[]> {
  for (let i = 0; i <= content.length; i++) {
    yield [content.slice(0, i), content.slice(i)];
    for (let j = i; j <= content.length; j++) yield [content.slice(0, i), content.slice(i, j), content.slice(j)];
  }
}

describe('providers/thinkTags', () => {
  const samples: Array<{ content: string; reasoning: string; text: string }> = [
    { content: '<think>想一想 👋 ok</think>\n\n答案：是 ✅', reasoning: '想一想 👋 ok', text: '答案：是 ✅' },
    { content: '\n <think>a<b</thi</think>x', reasoning: 'a<b</thi', text: 'x' },
    { content: '<think>只想不答</think>', reasoning: '只想不答', text: '' },
    { content: '<think>no end 😶', reasoning: 'no end 😶', text: '' },
    { content: '直接回答 <think>x</think>', reasoning: '', text: '直接回答 <think>x</think>' },
    { content: '<thinking>no</thinking>', reasoning: '', text: '<thinking>no</thinking>' },
    { content: '<thi', reasoning: '', text: '<thi' },
  ];

  for (const sample of samples) {
    it(`splits ${JSON.stringify(sample.content)} the same wherever the deltas are cut`, () => {
      for (const pieces of cuts(sample.content)) {
        assert.deepEqual(split(pieces), { reasoning: sample.reasoning, text: sample.text }, JSON.stringify(pieces));
      }
      // One character (UTF-16 unit) at a time: the tags split at every position at once.
      assert.deepEqual(split(sample.content.split('')), { reasoning: sample.reasoning, text: sample.text });
    });
  }

  it('passes an answer without thinking through at once, leading whitespace and all', () => {
    const s = new ThinkTagSplitter();
    assert.deepEqual(s.push('    indented code'), { reasoning: '', text: '    indented code' });
    assert.deepEqual(s.push('<think>'), { reasoning: '', text: '<think>' });
  });

  it('streams thinking as it comes, holding back only a possibly cut closing tag', () => {
    const s = new ThinkTagSplitter();
    assert.deepEqual(s.push('<think>first'), { reasoning: 'first', text: '' });
    for (let i = 0; i < 1000; i++) assert.deepEqual(s.push('x'), { reasoning: 'x', text: '' });
    assert.deepEqual(s.push('end</thi'), { reasoning: 'end', text: '' });
    assert.deepEqual(s.push('nk>'), { reasoning: '', text: '' });
    assert.deepEqual(s.push('\n\nanswer'), { reasoning: '', text: 'answer' });
  });

  it('gives up waiting for <think> after a long run of whitespace', () => {
    const s = new ThinkTagSplitter();
    const spaces = ' '.repeat(300);
    assert.deepEqual(s.push(spaces), { reasoning: '', text: spaces });
  });
});
