import * as assert from 'node:assert/strict';
import { planBudget } from '../../../src/shared/contextBudget';

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
});
