// Load: 20 answers streaming at once through the real UI: chat prompts in conversations of their
// own (each New Chat leaves the previous answer streaming in the background), Explain Selection
// (which starts a new conversation while the panel is answering) and Rewrite Selection. The fake
// provider holds every stream after its first words until all 20 are open, so they really overlap;
// then each one is checked: the chat text as saved, the rewrite as accepted into the file on disk.
// The extension host's memory is measured before and after through its inspector, after forced
// full garbage collections.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { RecordedRequest } from '../fixtures/fakeProvider';
import { sseReply, textChunks } from '../fixtures/fakeProvider';
import { composer } from '../e2e/chatPanel';
import { runCommand } from '../e2e/workbench';
import { finishedAnswer, newChat, openInEditor, savedConversations } from './chatUi';
import { pollUntil } from './extensionHost';
import { figure } from './figures';
import { hostErrorMark, hostErrorsSince, type Session, withChatPanel } from './session';

const CHATS = 13;
const EXPLAINS = 6;
const STREAMS = CHATS + EXPLAINS + 1;
const FILE = 'load-work.txt';
const MB = 1024 * 1024;

type Body = { messages: Array<{ role: string; content: string }> };
type Kind = 'chat' | 'explain' | 'rewrite';

function lineText(i: number): string {
  return `line ${i} of the load test: total = total + ${i};`;
}

/** What the fake answers to each kind of request, numbered by the prompt it came from. */
function answerFor(kind: Kind, n: number): string {
  if (kind === 'rewrite') return `\`\`\`\nrewritten line ${n} of the load test;\n\`\`\``;
  if (kind === 'chat') return `Chat answer ${n}: ${'streaming text '.repeat(40)}done.`;
  return `Explanation of line ${n}: ${'it adds to the total '.repeat(30)}done.`;
}

/** Which request this is: a rewrite, a chat prompt or an explanation, and its number. */
function classify(request: RecordedRequest): { kind: Kind; n: number } | undefined {
  const messages = (request.body as Body).messages;
  const all = messages.map((m) => m.content).join('\n');
  const last = messages.at(-1)!.content;
  const rewrite = /Load rewrite (\d+)/.exec(all);
  if (rewrite) return { kind: 'rewrite', n: Number(rewrite[1]) };
  const chat = /^Load chat (\d+)$/.exec(last);
  if (chat) return { kind: 'chat', n: Number(chat[1]) };
  // The selected line, as the attachment's header names it (the lines around it come as context).
  const explained = /load-work\.txt \(lines (\d+)-\d+\)/.exec(last);
  if (explained && /Explain/i.test(last)) return { kind: 'explain', n: Number(explained[1]) };
  return undefined;
}

/** Selects line `line` (1-based) of the active editor with the keyboard. */
async function selectLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
}

/** A release the fake's streams wait on; it also opens by itself after `ms`, so a failure cannot hang the run. */
function gate(ms: number): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const timer = setTimeout(open, ms);
  void opened.then(() => clearTimeout(timer));
  return { opened, open };
}

describe('Load: 20 answers streaming at once', function () {
  this.timeout(15 * 60_000);
  let s: Session;
  let frame: Frame;

  withChatPanel((session, chat) => {
    s = session;
    frame = chat;
  }, 'load');

  it('every chat, explain and rewrite answer completes correctly, and memory returns to within 20 MB', async () => {
    const { page } = s;
    const file = path.join(s.folder, FILE);
    fs.writeFileSync(file, `${Array.from({ length: STREAMS + 2 }, (_, i) => lineText(i + 1)).join('\n')}\n`);
    const openFile = (): Promise<void> => openInEditor(page, file);
    let hold = gate(0);
    const held: RecordedRequest[] = [];
    s.fake.setScript((request: RecordedRequest) => {
      const what = classify(request);
      const text = what ? answerFor(what.kind, what.n) : 'Unexpected request.';
      if (what) held.push(request);
      // The first words at once (the stream is open and showing), the rest once every stream is open.
      const chunks = textChunks(text, { piece: Math.ceil(text.length / 8) });
      return sseReply([...chunks.slice(0, 2), { until: hold.opened, keepAliveMs: 1000 }, ...chunks.slice(2)]);
    });
    const hostErrors = hostErrorMark(s);

    /** Sends `Load chat n` in a new conversation; resolves once its answer is streaming. */
    const chat = async (n: number): Promise<void> => {
      await newChat(frame);
      await composer(frame).fill(`Load chat ${n}`);
      await composer(frame).press('Enter');
      await frame.locator('article.turn.assistant .answer', { hasText: `Chat answer ${n}:` }).waitFor();
    };
    /** Explain Selection on line `n`; resolves once its answer is streaming in the panel. */
    const explain = async (n: number): Promise<void> => {
      await openFile();
      await selectLine(page, n);
      await runCommand(page, 'Chorus: Explain Selection');
      await frame.locator('article.turn.assistant .answer', { hasText: `Explanation of line ${n}:` }).waitFor();
    };
    /** Rewrite Selection on line `n`; resolves once its request reached the provider. */
    const rewrite = async (n: number): Promise<void> => {
      const before = held.length;
      await openFile();
      await selectLine(page, n);
      await runCommand(page, 'Chorus: Rewrite Selection');
      const instruction = page.locator('.quick-input-widget input');
      await instruction.waitFor();
      await instruction.fill(`Load rewrite ${n}`);
      await page.keyboard.press('Enter');
      await pollUntil(() => held.length, (count) => count > before, 30_000);
    };
    /** Waits for the rewrite of line `n` to be proposed, accepts it and saves; the line on disk is returned. */
    const acceptRewrite = async (n: number): Promise<string | undefined> => {
      const expected = `rewritten line ${n} of the load test;`;
      await page.locator('.monaco-diff-editor .view-lines', { hasText: expected }).first().waitFor({ timeout: 60_000 });
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'rewriting' }).waitFor({ state: 'detached', timeout: 60_000 });
      await runCommand(page, 'Chorus: Accept Rewrite');
      await page.locator('.tab.active', { hasText: FILE }).waitFor();
      await page.locator('.editor-instance .view-lines', { hasText: expected }).first().waitFor();
      await page.keyboard.press('Control+S');
      const lines = await pollUntil(() => fs.readFileSync(file, 'utf8').split('\n'), (now) => now[n - 1] === expected, 10_000);
      return lines[n - 1];
    };

    // A warm-up round (first diff editor, first explanation), not held; memory is measured after it.
    await chat(100);
    await finishedAnswer(frame, 0, 60_000);
    await explain(STREAMS + 1);
    await finishedAnswer(frame, 1, 60_000);
    await rewrite(STREAMS + 1);
    await acceptRewrite(STREAMS + 1);
    await newChat(frame);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+W');
    const before = await s.host.memoryAfterGc();

    // The measured round: 20 streams opened one after another and held open together.
    held.length = 0;
    hold = gate(8 * 60_000);
    const started = Date.now();
    for (let n = 1; n <= CHATS; n++) await chat(n);
    for (let n = 1; n <= EXPLAINS; n++) await explain(n);
    await rewrite(EXPLAINS + 1);
    // History shows every conversation still answering (the one on screen too).
    await frame.locator('button[aria-label="History"]').click();
    const answeringInHistory = frame.locator('.history-item:has(.history-answering)');
    await pollUntil(() => answeringInHistory.count(), (count) => count === CHATS + EXPLAINS, 10_000);
    const listedAnswering = await answeringInHistory.count();
    const open = held.filter((r) => !r.isClosed()).length;
    const openedInMs = Date.now() - started;
    hold.open();
    // History, left open, follows the answers as they end.
    await pollUntil(() => answeringInHistory.count(), (count) => count === 0, 120_000);
    const answeringAfter = await answeringInHistory.count();
    await frame.locator('button[aria-label="History"]').click();

    // Every answer as Chorus saved it, and the rewrite as accepted into the file.
    const failures: string[] = [];
    const expected = new Map<string, string>();
    for (let n = 1; n <= CHATS; n++) expected.set(`Load chat ${n}`, answerFor('chat', n));
    for (let n = 1; n <= EXPLAINS; n++) expected.set(`line ${n}`, answerFor('explain', n));
    const answersSaved = (): Map<string, string> => {
      const saved = new Map<string, string>();
      for (const conversation of savedConversations(s)) {
        const [prompt, answer] = conversation.turns;
        if (prompt?.role !== 'user' || answer?.role !== 'assistant' || answer.status !== 'done') continue;
        const code = prompt.attachments?.find((a) => a.kind === 'code');
        const key = /^Load chat \d+$/.test(prompt.text) ? prompt.text : /Explain/i.test(prompt.text) && code?.kind === 'code' ? `line ${code.startLine}` : undefined;
        if (key && expected.has(key)) saved.set(key, answer.text);
      }
      return saved;
    };
    const saved = await pollUntil(answersSaved, (now) => now.size === expected.size, 120_000);
    for (const [key, text] of expected) if (saved.get(key) !== text) failures.push(`${key}: saved "${(saved.get(key) ?? '(nothing)').slice(0, 60)}"`);
    const shown = await finishedAnswer(frame, 0, 60_000);
    if (shown.status !== 'done') failures.push(`the explanation on screen ended ${shown.status}`);
    const line = await acceptRewrite(EXPLAINS + 1);
    if (line !== `rewritten line ${EXPLAINS + 1} of the load test;`) failures.push(`rewrite: line ${EXPLAINS + 1} is "${line}"`);

    s.fake.setScript(undefined);
    await newChat(frame);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+W');
    await page.waitForTimeout(2000);
    const after = await s.host.memoryAfterGc();
    const delta = (after.heapUsed - before.heapUsed) / MB;
    figure('Load', `streams open at the provider at once: ${open} of ${STREAMS} (${CHATS} chat prompts, ${EXPLAINS} explanations, 1 rewrite; all opened within ${(openedInMs / 1000).toFixed(0)} s and held until the last was open); completed correctly: ${STREAMS - failures.length}/${STREAMS}`);
    figure('Load', `History showed ${listedAnswering} conversations answering at once, and ${answeringAfter} once they had ended (it lists again as conversations are saved)`);
    figure('Load', `extension host heap after forced GC (inspector HeapProfiler.collectGarbage): before ${(before.heapUsed / MB).toFixed(1)} MB, after ${(after.heapUsed / MB).toFixed(1)} MB, delta ${delta >= 0 ? '+' : ''}${delta.toFixed(1)} MB (RSS ${(before.rss / MB).toFixed(0)} → ${(after.rss / MB).toFixed(0)} MB)`);
    assert.equal(open, STREAMS, 'all 20 streams were open at the provider at once');
    assert.deepEqual(failures, [], 'every answer and rewrite is exactly what the provider sent');
    assert.equal(listedAnswering, CHATS + EXPLAINS);
    assert.equal(answeringAfter, 0, 'History shows the answers ended without being opened again');
    assert.ok(delta <= 20, `heap grew by ${delta.toFixed(1)} MB`);
    assert.deepEqual(hostErrorsSince(s, hostErrors), [], 'no unhandled error in the extension host');
  });
});
