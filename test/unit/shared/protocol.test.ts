import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/protocol';

describe('webview → host message guard', () => {
  it('accepts a well-formed ready message', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
  });

  it('takes a draft only with its text and a whole, non-negative revision', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'draft', text: 'half a question', revision: 7 }), { type: 'draft', text: 'half a question', revision: 7 });
    for (const revision of [undefined, -1, 1.5, '7', Number.NaN, 2 ** 60]) {
      assert.equal(parseWebviewMessage({ type: 'draft', text: 'x', revision }), undefined, String(revision));
    }
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'ready', extra: true },
      { type: { toString: () => 'ready' } },
      Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])),
    ];
    for (const value of bad) assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
  });
});
