import * as assert from 'node:assert/strict';
import { locate, occurrences, shiftRange } from '../../../src/editor/anchor';

describe('shiftRange', () => {
  const range = { start: 10, end: 20 };

  it('moves the range by an edit before it', () => {
    assert.deepEqual(shiftRange(range, { offset: 2, length: 3, textLength: 8 }), { start: 15, end: 25 });
    assert.deepEqual(shiftRange(range, { offset: 0, length: 10, textLength: 0 }), { start: 0, end: 10 });
  });

  it('treats typing right at its start as before it, and right at its end as after it', () => {
    assert.deepEqual(shiftRange(range, { offset: 10, length: 0, textLength: 1 }), { start: 11, end: 21 });
    assert.deepEqual(shiftRange(range, { offset: 20, length: 0, textLength: 5 }), range);
  });

  it('ignores an edit after it', () => {
    assert.deepEqual(shiftRange(range, { offset: 25, length: 4, textLength: 0 }), range);
  });

  it('reports an edit inside it or across its edges as an overlap', () => {
    assert.equal(shiftRange(range, { offset: 12, length: 0, textLength: 1 }), 'overlap');
    assert.equal(shiftRange(range, { offset: 8, length: 4, textLength: 0 }), 'overlap');
    assert.equal(shiftRange(range, { offset: 19, length: 3, textLength: 3 }), 'overlap');
  });

  it('moves an empty range (an insertion point) with typing at it', () => {
    assert.deepEqual(shiftRange({ start: 5, end: 5 }, { offset: 5, length: 0, textLength: 2 }), { start: 7, end: 7 });
  });
});

describe('locate', () => {
  it('finds the text where it was tracked', () => {
    assert.deepEqual(locate('aa XYZ bb XYZ', 'XYZ', { start: 10, end: 13 }), { kind: 'inPlace', range: { start: 10, end: 13 } });
  });

  it('re-anchors to the one place the text is when tracking was lost', () => {
    assert.deepEqual(locate('new line\nfoo(); bar();', 'bar();', undefined), { kind: 'moved', range: { start: 16, end: 22 } });
  });

  it('refuses to guess when the text is gone or occurs more than once', () => {
    assert.deepEqual(locate('foo(); foo();', 'foo();', undefined), { kind: 'changed' });
    assert.deepEqual(locate('abc', 'xyz', { start: 0, end: 3 }), { kind: 'changed' });
  });

  it('counts overlapping occurrences', () => {
    assert.deepEqual(occurrences('aaa', 'aa'), [0, 1]);
    assert.deepEqual(occurrences('abc', ''), []);
  });
});
