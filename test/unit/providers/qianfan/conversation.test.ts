// Shaping a chat history into what wenxinworkshop takes, and fitting it into the input limit by
// leaving out the oldest whole turns (pure functions; the provider tests check the wire).

import * as assert from 'node:assert/strict';
import { alternate, charCount, fitConversation, isFitProblem, type FittedConversation } from '../../../../src/providers/qianfan/conversation';
import type { ChatMessage } from '../../../../src/providers/types';

const u = (content: string): ChatMessage => ({ role: 'user', content });
const a = (content: string): ChatMessage => ({ role: 'assistant', content });
const sys = (content: string): ChatMessage => ({ role: 'system', content });

function fitted(messages: ChatMessage[], maxInputChars = 4800, systemPrompt: 'field' | 'prepend' = 'field'): FittedConversation {
  const r = fitConversation(messages, { maxInputChars, systemPrompt });
  assert.ok(!isFitProblem(r), `unexpected problem ${JSON.stringify(r)}`);
  return r;
}

describe('providers/qianfan/conversation', () => {
  it('counts characters as code points (an emoji is one)', () => {
    assert.equal(charCount('你好'), 2);
    assert.equal(charCount('a😀b'), 3);
  });

  it('keeps an alternating conversation as it is', () => {
    const r = fitted([u('q1'), a('a1'), u('q2')]);
    assert.deepEqual(r.messages, [
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
    ]);
    assert.equal(r.droppedTurns, 0);
    assert.equal(r.chars, 6);
  });

  it('drops empty messages, joins same-role neighbours, and drops answers before the first question', () => {
    const shaped = alternate([a('hello from nowhere'), u('q1'), a('  '), u('q1 again'), a('a1'), a('more'), u('q2')]);
    assert.deepEqual(shaped, [
      { role: 'user', content: 'q1\n\nq1 again' },
      { role: 'assistant', content: 'a1\n\nmore' },
      { role: 'user', content: 'q2' },
    ]);
    assert.equal(shaped.length % 2, 1);
  });

  it('joins text parts and ignores tool messages', () => {
    const shaped = alternate([
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      { role: 'tool', content: 'result', toolCallId: 'x' },
    ]);
    assert.deepEqual(shaped, [{ role: 'user', content: 'ab' }]);
  });

  it('takes system prompts out of the messages into the system field, joined in order', () => {
    const r = fitted([sys('be brief'), u('q1'), a('a1'), sys('use English'), u('q2')]);
    assert.equal(r.system, 'be brief\n\nuse English');
    assert.deepEqual(r.messages.map((m) => m.role), ['user', 'assistant', 'user']);
  });

  it('counts the system field against the limit, leaving out older turns for it', () => {
    const r = fitted([sys('S'.repeat(6)), u('1111'), a('1111'), u('2222')], 14);
    assert.equal(r.chars, 10, 'the system prompt and the last question');
    assert.equal(r.droppedTurns, 1);
    assert.equal(r.system, 'SSSSSS');
    assert.deepEqual(fitConversation([sys('S'.repeat(17)), u('z'.repeat(4))], { maxInputChars: 20, systemPrompt: 'field' }), {
      problem: 'questionTooLong',
      chars: 21,
      limit: 20,
      withSystem: true,
    });
  });

  it("'prepend' puts the system prompt in front of the first question sent, and counts it", () => {
    const r = fitted([sys('S'), u('q1'), a('a1'), u('q2')], 4800, 'prepend');
    assert.equal(r.system, undefined);
    assert.equal(r.messages[0].content, 'S\n\nq1');
    assert.equal(r.chars, 3 + 2 + 2 + 2);
  });

  it('drops the oldest whole turns (question and answer) until the rest fits', () => {
    const q = (n: number, size: number): string => `${n}`.padEnd(size, 'x');
    const messages = [u(q(1, 100)), a(q(1, 100)), u(q(2, 100)), a(q(2, 100)), u(q(3, 100))];
    const all = fitted(messages, 500);
    assert.equal(all.droppedTurns, 0);
    const one = fitted(messages, 499);
    assert.equal(one.droppedTurns, 1);
    assert.deepEqual(one.messages.map((m) => m.content[0]), ['2', '2', '3']);
    assert.equal(one.chars, 300);
    const two = fitted(messages, 299);
    assert.equal(two.droppedTurns, 2);
    assert.deepEqual(two.messages.map((m) => m.content[0]), ['3']);
    assert.equal(two.messages.length % 2, 1);
  });

  it('in prepend mode the system prompt moves to the first question that is still sent', () => {
    const r = fitted([sys('S'), u('1111'), a('1111'), u('2222')], 9, 'prepend');
    assert.equal(r.droppedTurns, 1);
    assert.deepEqual(r.messages, [{ role: 'user', content: 'S\n\n2222' }]);
  });

  it('refuses when the last question alone is over the limit, saying by how much', () => {
    const r = fitConversation([u('x'.repeat(10)), a('y'), u('z'.repeat(21))], { maxInputChars: 20, systemPrompt: 'field' });
    assert.deepEqual(r, { problem: 'questionTooLong', chars: 21, limit: 20, withSystem: false });
    const p = fitConversation([sys('S'.repeat(5)), u('z'.repeat(15))], { maxInputChars: 20, systemPrompt: 'prepend' });
    assert.deepEqual(p, { problem: 'questionTooLong', chars: 22, limit: 20, withSystem: true });
  });

  it('refuses a conversation with no question, or one that ends with an answer', () => {
    assert.deepEqual(fitConversation([u(' '), a('x')], { maxInputChars: 10, systemPrompt: 'field' }), { problem: 'noQuestion' });
    assert.deepEqual(fitConversation([sys('only system')], { maxInputChars: 10, systemPrompt: 'field' }), { problem: 'noQuestion' });
    assert.deepEqual(fitConversation([u('q'), a('a')], { maxInputChars: 10, systemPrompt: 'field' }), { problem: 'endsWithAnswer' });
  });
});
