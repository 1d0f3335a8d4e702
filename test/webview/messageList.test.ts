import * as assert from 'node:assert/strict';
import type { Conversation } from '../../src/shared/conversation';
import { FIRST_TURNS } from '../../src/webview/sliceSizes';
import { useRenderPage } from './hooks';
import { generateConversation, storedConversation } from './markdownCorpus';

/** A stored conversation of `count` turns. */
const conversation = (count: number): Conversation => storedConversation(generateConversation(count, 7));

describe('message list: opening a long conversation', () => {
  const page = useRenderPage();

  it(`shows the last ${FIRST_TURNS} turns at once, at the end, then adds every older turn above them in order`, async () => {
    const long = conversation(1000);
    const opened = await page().call('listOpen', long);
    assert.ok(opened.shownTurns >= FIRST_TURNS && opened.shownTurns < 1000, `shown at once: ${opened.shownTurns}`);
    assert.equal(opened.atBottom, true, 'the end is in view, also after the turns settled (code highlighted, fonts loaded)');
    const done = await page().call('listComplete', 30_000);
    assert.equal(done.turns, 1000);
    assert.deepEqual(done.order, long.turns.map((t) => t.id), 'every turn, in order');
    assert.equal(done.atBottom, true, 'still at the end once the older turns are in');
  });

  it('keeps the turn the reader scrolled to in the same place while older turns are added above it', async () => {
    await page().call('listOpen', conversation(1000));
    const before = await page().call('listScrollUp', 900);
    const after = await page().call('listComplete', 30_000);
    assert.equal(after.turns, 1000);
    assert.equal(after.anchor?.turnId, before.turnId);
    assert.ok(Math.abs(after.anchor!.offset - before.offset) <= 1, `the turn moved from ${before.offset} px to ${after.anchor!.offset} px`);
    assert.equal(after.atBottom, false, 'the view was not pulled to the end');
  });

  it('a short conversation is complete at once', async () => {
    const opened = await page().call('listOpen', conversation(12));
    assert.equal(opened.shownTurns, 12);
    const done = await page().call('listComplete', 1_000);
    assert.equal(done.turns, 12);
  });
});
