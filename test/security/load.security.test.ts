// Load: 20 streamed answers through the real UI (chat prompts, Explain Selection, Rewrite
// Selection), each answer running while another streams, and every one checked: the chat text as
// saved, the rewrite as accepted into the file on disk. The extension host's memory is measured
// before and after through its inspector, after forced full garbage collections.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { RecordedRequest, Reply } from '../fixtures/fakeProvider';
import { sseReply, textChunks } from '../fixtures/fakeProvider';
import { composer } from '../e2e/chatPanel';
import { runCommand, screenshot } from '../e2e/workbench';
import { answerCount, clearToasts, finishedAnswer, newChat, openInEditor, savedConversations } from './chatUi';
import { pollUntil } from './extensionHost';
import { figure } from './figures';
import { hostErrorMark, hostErrorsSince, type Session, session } from './session';

const WAVES = 10;
const FILE = 'load-work.txt';
const MB = 1024 * 1024;

type Body = { messages: Array<{ role: string; content: string }> };

/** `text` streamed in about `pieces` deltas spread over `ms`. */
function paced(text: string, pieces: number, ms: number): { reply: Reply; ms: number } {
  const size = Math.ceil(text.length / pieces);
  const chunks = textChunks(text, { piece: size });
  const body = chunks.flatMap((chunk, i) => (i > 0 && i < chunks.length - 1 ? [{ delayMs: Math.round(ms / pieces) }, chunk] : [chunk]));
  return { reply: sseReply(body), ms };
}

function lineText(i: number): string {
  return `line ${i} of the load test: total = total + ${i};`;
}

/** Selects line `line` (1-based) of the active editor with the keyboard. */
async function selectLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
}

describe('Load: 20 answers streaming alongside one another', function () {
  this.timeout(15 * 60_000);
  let s: Session;
  let frame: Frame;

  before(async () => {
    s = await session();
    frame = await s.chat();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(s.page, 'security-load-failed');
  });

  it('every chat, explain and rewrite answer completes correctly, and memory returns to within 20 MB', async () => {
    const file = path.join(s.folder, FILE);
    fs.writeFileSync(file, `${Array.from({ length: WAVES + 1 }, (_, i) => lineText(i + 1)).join('\n')}\n`);
    const intervals: Array<{ kind: string; start: number; end: number }> = [];
    s.fake.setScript((request: RecordedRequest) => {
      const messages = (request.body as Body).messages;
      const all = messages.map((m) => m.content).join('\n');
      const last = messages.at(-1)!.content;
      let answer: { reply: Reply; ms: number };
      let kind: string;
      const rewrite = /Load rewrite (\d+)/.exec(all);
      const chat = /^Load chat (\d+)$/.exec(last);
      const explained = /line (\d+) of the load test/.exec(last);
      if (rewrite) {
        kind = 'rewrite';
        answer = paced(`\`\`\`\nrewritten line ${rewrite[1]} of the load test;\n\`\`\``, 6, 1200);
      } else if (chat) {
        kind = 'chat';
        answer = paced(`Chat answer ${chat[1]}: ${'streaming text '.repeat(40)}done.`, 12, 3000);
      } else if (explained && /Explain/i.test(last)) {
        kind = 'explain';
        answer = paced(`Explanation of line ${explained[1]}: ${'it adds to the total '.repeat(30)}done.`, 12, 3000);
      } else {
        kind = 'other';
        answer = paced('Unexpected request.', 1, 0);
      }
      intervals.push({ kind, start: Date.now(), end: Date.now() + answer.ms });
      return answer.reply;
    });
    const { page } = s;
    const openFile = (): Promise<void> => openInEditor(page, file);
    const hostErrors = hostErrorMark(s);
    const expectedChat = new Map<string, string>();
    const failures: string[] = [];
    let streams = 0;
    let before = { heapUsed: 0, rss: 0 };
    let refusedWhileBusy = '';

    await newChat(frame);
    // Wave 0 warms up (first rewrite, first diff editor); memory is measured after it.
    for (let wave = 0; wave <= WAVES; wave++) {
      if (wave === 1) before = await s.host.memoryAfterGc();
      const line = wave + 1;
      await openFile();
      await selectLine(page, line);
      const answersBefore = await answerCount(frame);
      if (wave % 2 === 0) {
        await composer(frame).fill(`Load chat ${wave}`);
        await composer(frame).press('Enter');
        expectedChat.set(`Load chat ${wave}`, `Chat answer ${wave}: ${'streaming text '.repeat(40)}done.`);
      } else {
        await runCommand(page, 'Chorus: Explain Selection');
      }
      // The answer is streaming (and Explain has moved the focus to the panel) before the rewrite starts.
      await frame.locator('article.turn.assistant').nth(answersBefore).waitFor();
      if (wave === 2) {
        // One answer at a time in the panel: a third stream asked for now is refused with a message, not queued or lost.
        await openFile();
        await selectLine(page, line);
        await runCommand(page, 'Chorus: Explain Selection');
        const busy = page.locator('.notifications-toasts .notification-toast', { hasText: 'still answering' });
        await busy.first().waitFor();
        refusedWhileBusy = (await busy.first().innerText()).split('\n')[0]!;
        await clearToasts(page);
      }
      // While that answer streams, the rewrite of the same line.
      await openFile();
      await selectLine(page, line);
      await runCommand(page, 'Chorus: Rewrite Selection');
      const instruction = page.locator('.quick-input-widget input');
      await instruction.waitFor();
      await instruction.fill(`Load rewrite ${wave}`);
      await page.keyboard.press('Enter');

      const { answer, status } = await finishedAnswer(frame, answersBefore, 60_000);
      const shown = await pollUntil(async () => (await answer.locator('.answer').innerText()).trim(), (t) => t.endsWith('done.'), 5_000);
      if (status !== 'done' || !shown.endsWith('done.')) failures.push(`wave ${wave} ${wave % 2 === 0 ? 'chat' : 'explain'}: ${status}, "${shown.slice(0, 60)}"`);
      // The rewrite is complete when its diff shows the proposal and its progress note is gone.
      await page.locator('.monaco-diff-editor .view-lines', { hasText: `rewritten line ${wave} of the load test;` }).first().waitFor({ timeout: 60_000 });
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'rewriting' }).waitFor({ state: 'detached', timeout: 60_000 });
      await runCommand(page, 'Chorus: Accept Rewrite');
      const expected = `rewritten line ${wave} of the load test;`;
      await page.locator('.tab.active', { hasText: FILE }).waitFor();
      await page.locator('.editor-instance .view-lines', { hasText: expected }).first().waitFor();
      await page.keyboard.press('Control+S');
      const lines = await pollUntil(() => fs.readFileSync(file, 'utf8').split('\n'), (now) => now[line - 1] === expected, 10_000);
      if (lines[line - 1] !== expected) failures.push(`wave ${wave} rewrite: line ${line} is "${lines[line - 1]}"`);
      if (wave > 0) streams += 2;
    }

    // The chat answers as Chorus saved them.
    const saved = new Map<string, string>();
    for (const conversation of savedConversations(s)) {
      conversation.turns.forEach((turn, i) => {
        const next = conversation.turns[i + 1];
        if (turn.role === 'user' && expectedChat.has(turn.text) && next?.role === 'assistant') saved.set(turn.text, next.text);
      });
    }
    for (const [prompt, text] of expectedChat) if (saved.get(prompt) !== text) failures.push(`${prompt}: saved "${(saved.get(prompt) ?? '').slice(0, 60)}"`);

    s.fake.setScript(undefined);
    await newChat(frame);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+W');
    await page.waitForTimeout(2000);
    const after = await s.host.memoryAfterGc();
    const measured = intervals.filter((i) => i.kind !== 'other');
    const peak = Math.max(...measured.map((a) => measured.filter((b) => b.start <= a.start && a.start < b.end).length));
    const delta = (after.heapUsed - before.heapUsed) / MB;
    figure('Load', `streams: ${streams} after a warm-up wave (${streams / 2} chat or explain answers, ${streams / 2} rewrites), each pair streaming at once (peak concurrent streams at the provider: ${peak}); completed correctly: ${streams - failures.length}/${streams}`);
    figure('Load', `extension host heap after forced GC (inspector HeapProfiler.collectGarbage): before ${(before.heapUsed / MB).toFixed(1)} MB, after ${(after.heapUsed / MB).toFixed(1)} MB, delta ${delta >= 0 ? '+' : ''}${delta.toFixed(1)} MB (RSS ${(before.rss / MB).toFixed(0)} → ${(after.rss / MB).toFixed(0)} MB)`);
    figure('Load', `a third stream while the panel answers: refused with "${refusedWhileBusy}"`);
    assert.deepEqual(failures, [], 'every answer and rewrite is exactly what the provider sent');
    assert.match(refusedWhileBusy, /still answering/);
    assert.ok(peak >= 2, 'streams really overlapped');
    assert.ok(delta <= 20, `heap grew by ${delta.toFixed(1)} MB`);
    assert.deepEqual(hostErrorsSince(s, hostErrors), [], 'no unhandled error in the extension host');
  });
});
