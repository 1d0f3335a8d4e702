import * as assert from 'node:assert/strict';
import { parseInstructions, rememberInstruction } from '../../../src/editor/instructionHistory';

describe('recent instructions', () => {
  it('puts the newest first, without duplicates, and keeps at most ten', () => {
    assert.deepEqual(rememberInstruction(['b', 'a'], ' a '), ['a', 'b']);
    assert.deepEqual(rememberInstruction(['a'], '   '), ['a']);
    const many = Array.from({ length: 10 }, (_, i) => `i${i}`);
    assert.deepEqual(rememberInstruction(many, 'new').length, 10);
    assert.equal(rememberInstruction(many, 'new')[0], 'new');
  });

  it('reads back only strings from storage', () => {
    assert.deepEqual(parseInstructions(['a', 3, '', 'b']), ['a', 'b']);
    assert.deepEqual(parseInstructions('a'), []);
  });
});
