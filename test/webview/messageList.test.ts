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

describe('message list: a thinking model', () => {
  const page = useRenderPage();
  const streaming = (): Conversation => ({
    id: 'c-think',
    title: 'Think',
    createdAt: 0,
    updatedAt: 0,
    provider: 'openai',
    model: 'deepseek-reasoner',
    turns: [
      { id: 'u1', role: 'user', text: 'Why?', createdAt: 0 },
      { id: 'a1', role: 'assistant', text: '', status: 'streaming', createdAt: 1, provider: 'openai', model: 'deepseek-reasoner' },
    ],
  });

  it('shows the thinking in a Thinking section above the answer, open while it thinks, folded when the answer starts', async () => {
    await page().call('listOpen', streaming());
    const before = await page().call('listStream', 'a1', { text: '' });
    assert.equal(before.hidden, true, 'no Thinking section before any thinking');

    const thinking = await page().call('listStream', 'a1', { reasoning: 'Let me think: **cache** <img src=x onerror=__xss()>' });
    assert.equal(thinking.hidden, false);
    assert.equal(thinking.open, true, 'open while thinking');
    assert.equal(thinking.summary, 'thinking');
    assert.equal(thinking.thinkingHasStrong, true, 'rendered as Markdown');
    assert.match(thinking.thinkingText, /Let me think: cache/);
    assert.equal(thinking.aboveAnswer, true);
    const more = await page().call('listStream', 'a1', { reasoning: ' and more.' });
    assert.match(more.thinkingText, /cache[\s\S]*and more\./);

    const answering = await page().call('listStream', 'a1', { text: 'The **answer**.' });
    assert.equal(answering.open, false, 'closed by itself when the answer starts');
    assert.equal(answering.summary, 'thoughtFor', 'says how long it thought');
    assert.equal(answering.answerText.trim(), 'The answer.', 'the answer holds no thinking');

    await page().call('listStream', 'a1', { toggle: true });
    const reopened = await page().call('listStream', 'a1', { text: ' More answer.' });
    assert.equal(reopened.open, true, 'the user opened it again, and more answer does not close it');
    const finished = await page().call('listStream', 'a1', { finish: { thinkingMs: 12_000 } });
    assert.equal(finished.summary, 'thoughtFor');
    assert.match(finished.thinkingText, /and more\./);
    assert.equal((await page().call('trap')).xss, 0, 'the thinking ran no script');
  });

  it('a stored answer shows its thinking folded, and an answer without thinking shows no section', async () => {
    const stored: Conversation = {
      ...streaming(),
      turns: [
        { id: 'u1', role: 'user', text: 'Why?', createdAt: 0 },
        { id: 'a1', role: 'assistant', text: 'Because.', reasoning: 'I *thought*.', thinkingMs: 3000, status: 'done', createdAt: 1, provider: 'openai', model: 'm' },
        { id: 'u2', role: 'user', text: 'And?', createdAt: 2 },
        { id: 'a2', role: 'assistant', text: 'Plain.', status: 'done', createdAt: 3, provider: 'openai', model: 'm' },
      ],
    };
    await page().call('listOpen', stored);
    const first = await page().call('listStream', 'a1', { toggle: false });
    assert.equal(first.hidden, false);
    assert.equal(first.open, false);
    assert.equal(first.thinkingText.trim(), 'I thought.');
    assert.equal(first.answerText.trim(), 'Because.');
    const second = await page().call('listStream', 'a2', { text: '' });
    assert.equal(second.hidden, true);
  });
});

describe('message list: highlighting grammars', () => {
  const page = useRenderPage();

  it('prepares every grammar while the page is idle, not in the render that first needs one', async () => {
    const before = await page().call('grammarsNotPrepared');
    assert.ok(before.includes('java') && before.includes('powershell'), `not prepared on a fresh page: ${before.join(', ')}`);
    await page().call('listOpen', conversation(2));
    let left = before;
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await page().call('afterIdle');
      left = await page().call('grammarsNotPrepared');
    }
    assert.deepEqual(left, []);
  });
});
