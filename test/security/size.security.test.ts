// Size: a 1 MB paste into every text box of the panel, and a 1 MB selection given to every editor
// action, must be trimmed or refused with a message, never hang, crash or fail silently. A 1 MB
// answer from the model must render.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { LIMITS } from '../../src/shared/webviewProtocol';
import { sseReply, textChunks } from '../fixtures/fakeProvider';
import { composer } from '../e2e/chatPanel';
import { runCommand } from '../e2e/workbench';
import { answerCount, ask, clearToasts, finishedAnswer, newChat, openInEditor } from './chatUi';
import { chorusLog, findExtensionHost, pollUntil } from './extensionHost';
import { figure } from './figures';
import { hostErrorMark, hostErrorsSince, type Session, withChatPanel } from './session';

const MB = 1 << 20;
const REFUSED = 'Ignored a malformed message from the chat webview';

/** Puts `text` on the browser's clipboard, as copying it elsewhere would. */
async function copy(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(value), text);
}

/** Lines of code, `bytes` long in all. */
function bigSource(bytes: number): string {
  const line = 'const value = computeSomethingRatherLong(alpha, beta, gamma); // filler\n';
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

describe('Size: 1 MB pastes, selections and answers', function () {
  this.timeout(10 * 60_000);
  let s: Session;
  let frame: Frame;
  const results: string[] = [];

  withChatPanel((session, chat) => {
    s = session;
    frame = chat;
  });

  beforeEach(async () => {
    // Each test starts from the chat, even if the one before failed in the history view.
    if (await frame.locator('.history:not([hidden])').count()) await frame.locator('.history-top button[aria-label="Back to chat"]').click();
  });

  after(() => {
    for (const line of results) figure('Size', line);
  });

  it('a 1 MB paste into the prompt box is refused with a message; one at the limit is taken', async () => {
    await newChat(frame);
    await copy(s.page, 'x'.repeat(MB));
    await composer(frame).click();
    await s.page.keyboard.press('Control+V');
    const message = await pollUntil(() => frame.locator('.composer .composer-message').innerText(), (text) => text !== '', 10_000);
    const length = (await composer(frame).inputValue()).length;
    results.push(`prompt box, 1 MB paste: ${length === 0 ? 'refused' : `took ${length} characters`} — "${message}"`);
    assert.equal(length, 0, 'nothing was pasted');
    assert.match(message, /too long \(1,048,576 characters; the limit is 200,000\)/);
    await copy(s.page, 'y'.repeat(LIMITS.text));
    await s.page.keyboard.press('Control+V');
    const taken = await pollUntil(async () => (await composer(frame).inputValue()).length, (n) => n > 0);
    results.push(`prompt box, paste of exactly ${LIMITS.text} characters: took ${taken}`);
    assert.equal(taken, LIMITS.text);
    await composer(frame).fill('');
  });

  it('a 1 MB paste into the box that edits an earlier prompt is refused with a message, never dropped silently', async () => {
    s.fake.enqueue(sseReply(textChunks('A first answer.')));
    await ask(frame, 'A prompt to edit later');
    const logBefore = chorusLog(s.server.userDataDir).length;
    await frame.locator('article.turn.user').last().locator('button[aria-label="Edit"]').click();
    const box = frame.locator('.edit-box');
    await box.click();
    await copy(s.page, 'z'.repeat(MB));
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.press('Control+V');
    const message = await pollUntil(async () => ((await frame.locator('.edit-form .composer-message').count()) ? frame.locator('.edit-form .composer-message').innerText() : ''), (text) => text !== '', 5_000);
    const length = (await box.inputValue()).length;
    results.push(`edit box, 1 MB paste: ${length <= LIMITS.text ? 'refused' : `took ${length} characters`} — "${message}"`);
    assert.ok(length <= LIMITS.text, `the edit box holds ${length} characters, more than the host takes`);
    assert.match(message, /too long/);
    // Saving what is there still works, and nothing was sent that the host had to refuse.
    s.fake.enqueue(sseReply(textChunks('An answer to the edit.')));
    await box.fill('The edited prompt');
    await box.press('Enter');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'An answer to the edit.' }).waitFor();
    assert.ok(!chorusLog(s.server.userDataDir).slice(logBefore).includes(REFUSED), 'the host was never sent an oversized edit');
  });

  it('a 1 MB paste into the history search is cut to what the host takes, and the search still answers', async () => {
    const logBefore = chorusLog(s.server.userDataDir).length;
    await frame.locator('button[aria-label="History"]').click();
    const search = frame.locator('.history-search');
    await search.click();
    await copy(s.page, 'q'.repeat(MB));
    await s.page.keyboard.press('Control+V');
    const length = await pollUntil(async () => (await search.inputValue()).length, (n) => n > 0);
    await frame.locator('.history-list').waitFor();
    await frame.waitForTimeout(1000);
    const refused = chorusLog(s.server.userDataDir).slice(logBefore).includes(REFUSED);
    results.push(`history search, 1 MB paste: trimmed to ${length} characters; refused by the host: ${refused ? 'yes' : 'no'}`);
    assert.ok(length <= LIMITS.query, `the search box holds ${length} characters; the host takes ${LIMITS.query}`);
    assert.ok(!refused, 'the host never had to refuse the query');
    await frame.locator('.history-top button[aria-label="Back to chat"]').click();
  });

  it('a 1 MB selection is refused with a message by Explain, Rewrite, Ask about Selection and the attach buttons', async () => {
    const file = path.join(s.folder, 'big-selection.txt');
    fs.writeFileSync(file, bigSource(MB));
    const requests = s.fake.requests.length;
    const hostErrors = hostErrorMark(s);
    const pid = findExtensionHost(s.server.userDataDir);
    await openInEditor(s.page, file);
    await s.page.keyboard.press('Control+A');
    const refusals: string[] = [];
    const tooLarge = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'too large to attach' });
    for (const command of ['Chorus: Explain Selection', 'Chorus: Rewrite Selection', 'Chorus: Ask about Selection']) {
      await clearToasts(s.page);
      await runCommand(s.page, command);
      await tooLarge.first().waitFor();
      refusals.push(`${command}: "${(await tooLarge.first().innerText()).split('\n')[0]}"`);
    }
    for (const button of ['Attach selection', 'Attach current file']) {
      await clearToasts(s.page);
      await frame.locator(`.composer button[aria-label^="${button}"]`).click();
      await tooLarge.first().waitFor();
      refusals.push(`${button}: "${(await tooLarge.first().innerText()).split('\n')[0]}"`);
    }
    await clearToasts(s.page);
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('Control+W');
    results.push(`1 MB selection: refused by ${refusals.length}/5 actions, requests sent ${s.fake.requests.length - requests}; e.g. ${refusals[0]}`);
    assert.equal(refusals.length, 5);
    for (const line of refusals) assert.match(line, /\(1,048,576 characters; the limit is 200,000\)/, 'the numbers are written as the UI language writes them');
    assert.equal(s.fake.requests.length, requests, 'nothing was sent to the provider');
    assert.equal(await frame.locator('.composer .chip').count(), 0, 'nothing was attached');
    assert.equal(findExtensionHost(s.server.userDataDir), pid, 'the extension host is the same process');
    assert.deepEqual(hostErrorsSince(s, hostErrors), []);
  });

  it('a 1 MB answer streams in and renders, and the panel answers the next prompt', async () => {
    await newChat(frame);
    const paragraph = 'Model output can be long. **Bold**, `code`, and a [link](https://example.com/docs).\n\n';
    const fence = '```ts\n' + bigSource(4000).replace(/[^\n]*$/, '') + '```\n\n';
    let answer = '';
    while (answer.length < MB) answer += paragraph.repeat(20) + fence;
    s.fake.enqueue(sseReply(textChunks(answer, { piece: 4096 })));
    const started = Date.now();
    const before = await answerCount(frame);
    await composer(frame).fill('Write a very long answer');
    await composer(frame).press('Enter');
    // A bound against a hang, not a speed requirement.
    const { status } = await finishedAnswer(frame, before, 180_000);
    const seconds = (Date.now() - started) / 1000;
    const blocks = await frame.locator('article.turn.assistant').last().locator('.chorus-code').count();
    results.push(`1 MB answer (${(answer.length / MB).toFixed(2)} MB): ${status} after ${seconds.toFixed(1)} s, ${blocks} code blocks on screen`);
    assert.equal(status, 'done');
    assert.ok(blocks > 100, 'the whole answer rendered');
    s.fake.enqueue(sseReply(textChunks('Still responsive.')));
    const next = await ask(frame, 'And now a short one');
    assert.equal(next.status, 'done');
    await newChat(frame);
  });
});
