import * as assert from 'node:assert/strict';
import { fitAttachments, planAttachments, planBudget } from '../../../src/shared/contextBudget';
import type { Attachment } from '../../../src/shared/conversation';
import { userContent } from '../../../src/prompts/chatTurns';

type Code = Extract<Attachment, { kind: 'code' }>;
const code = (path: string, text: string): Code => ({ kind: 'code', source: 'file', path, languageId: 'text', text });

describe('shared/contextBudget', () => {
  it('sends everything that fits, as it is', () => {
    const plan = planBudget('Why?', [{ id: 'a', text: 'x'.repeat(100) }], { unit: 'chars', limit: 4800 });
    assert.equal(plan.total, 104);
    assert.equal(plan.sent, 104);
    assert.deepEqual(plan.items, [{ id: 'a', size: 100, keptChars: 100, trimmed: false, dropped: false }]);
  });

  it('over Qianfan\'s 4,800 characters, trims the largest attachments first to a common size, never the question', () => {
    const question = '请解释这段代码的作用。'.repeat(10);
    const plan = planBudget(question, [
      { id: 'small', text: 's'.repeat(500) },
      { id: 'big', text: 'b'.repeat(6000) },
      { id: 'mid', text: 'm'.repeat(3000) },
    ], { unit: 'chars', limit: 4800 });
    const byId = Object.fromEntries(plan.items.map((p) => [p.id, p]));
    assert.equal(byId.small!.trimmed, false, 'the small one is kept whole');
    assert.equal(byId.big!.keptChars, byId.mid!.keptChars, 'the two large ones are cut to the same size');
    assert.ok(byId.big!.trimmed && byId.mid!.trimmed);
    assert.equal(plan.question, question.length);
    assert.ok(plan.sent <= 4800, `${plan.sent}`);
    assert.ok(plan.sent >= 4798, 'the room is used, not wasted');
  });

  it('counts Chinese at about twice the tokens of English when the budget is in tokens', () => {
    const chinese = planBudget('', [{ id: 'zh', text: '函数'.repeat(1000) }], { unit: 'tokens', limit: 100_000 });
    const english = planBudget('', [{ id: 'en', text: 'fn'.repeat(1000) }], { unit: 'tokens', limit: 100_000 });
    assert.equal(chinese.items[0]!.size, 1200);
    assert.equal(english.items[0]!.size, 600);
  });

  it('leaves out an attachment that would keep too little, and says so', () => {
    const plan = planBudget('q'.repeat(4700), [{ id: 'a', text: 'a'.repeat(1000) }], { unit: 'chars', limit: 4800 });
    assert.deepEqual(plan.items[0], { id: 'a', size: 1000, keptChars: 0, trimmed: false, dropped: true });
    assert.equal(plan.sent, 4700);
  });

  it('a question over the budget by itself is still sent whole; everything else is left out', () => {
    const plan = planBudget('q'.repeat(5000), [{ id: 'a', text: 'a'.repeat(10) }], { unit: 'chars', limit: 4800 });
    assert.equal(plan.sent, 5000);
    assert.equal(plan.items[0]!.dropped, true);
  });

  it('fits Qianfan\'s 4,800 characters when sending: the request, wrapping included, is within the limit and says what was cut', () => {
    const question = '这段代码有什么问题?';
    const attachments = [code('src/a.ts', 'a'.repeat(3000)), code('src/b.ts', 'b'.repeat(3000)), code('notes.md', '说明'.repeat(50))];
    const fitted = fitAttachments(question, attachments, { unit: 'chars', limit: 4800 });
    const sent = userContent(question, fitted) as string;
    assert.ok(sent.length <= 4800, `${sent.length}`);
    assert.ok(sent.length > 4200, `the room is used: ${sent.length}`);
    assert.equal((fitted[2] as Code).text, '说明'.repeat(50), 'the small one is whole');
    assert.equal((fitted[2] as Code).trimmedFrom, undefined);
    assert.equal((fitted[0] as Code).trimmedFrom, 3000);
    assert.equal((fitted[0] as Code).text.length, (fitted[1] as Code).text.length, 'the two large ones are cut alike');
    assert.match(sent, /\(trimmed: only the first \d+ of its 3000 characters are included\)/);
    assert.ok(sent.endsWith(question), 'the question is sent whole, last');
  });

  it('leaves out what would keep too little, and the request names it with its size', () => {
    const fitted = fitAttachments('q'.repeat(4650), [code('big.log', 'x'.repeat(9000))], { unit: 'chars', limit: 4800 });
    assert.deepEqual(fitted[0], { kind: 'code', source: 'file', path: 'big.log', languageId: 'text', text: '', trimmedFrom: 9000 });
    assert.match(userContent('q', fitted) as string, /^big\.log: \(left out: its 9000 characters did not fit the model's input limit\)\n\nq$/);
  });

  it('changes nothing that fits, and never counts or cuts images', () => {
    const image: Attachment = { kind: 'image', name: 'a.png', dataUrl: 'data:image/png;base64,AAAA' };
    const attachments = [code('a.ts', 'const a = 1;'), image];
    assert.deepEqual(fitAttachments('Why?', attachments, { unit: 'tokens', limit: 24_000 }), attachments);
    assert.equal(planAttachments('Why?', [image], { unit: 'tokens', limit: 24_000 }).items.length, 0);
  });

  it('in tokens, a Chinese file uses about twice the budget of an English one of the same length', () => {
    const budget = { unit: 'tokens', limit: 1_000_000 } as const;
    const zh = planAttachments('', [code('zh.md', '中文说明'.repeat(2500))], budget);
    const en = planAttachments('', [code('en.md', 'text'.repeat(2500))], budget);
    assert.equal(zh.items[0]!.size, 6000);
    assert.equal(en.items[0]!.size, 3000);
  });

  it('a cut never splits a character outside the Basic Multilingual Plane', () => {
    const fitted = fitAttachments('', [code('emoji.txt', '😀'.repeat(3000))], { unit: 'chars', limit: 1000 });
    const text = (fitted[0] as Code).text;
    assert.ok(text.length > 0 && text.length < 6000);
    assert.equal([...text].every((c) => c === '😀'), true);
  });
});
