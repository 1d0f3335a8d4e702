// Moves on the real chat panel and workbench that several security suites share.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { sseReply, type Reply, type SsePiece, textChunks } from '../fixtures/fakeProvider';
import { composer } from '../e2e/chatPanel';
import type { Conversation } from '../../src/shared/conversation';
import { type Random, randomPieces } from './random';
import type { Session } from './session';

export type AnswerStatus = 'done' | 'stopped' | 'error';

/** Answers shown so far (streaming or finished). */
export function answerCount(frame: Frame): Promise<number> {
  return frame.locator('article.turn.assistant').count();
}

/** Waits until the answer at `index` (from 0) has finished, and returns it with its status. */
export async function finishedAnswer(frame: Frame, index: number, timeoutMs = 30_000): Promise<{ answer: Locator; status: AnswerStatus }> {
  const answer = frame.locator('article.turn.assistant').nth(index);
  await frame.waitForFunction(
    (i) => {
      // Runs in the page (a function, not a string: the panel's CSP allows no eval).
      const a = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } }).document.querySelectorAll('article.turn.assistant')[i];
      return !!a && a.getAttribute('data-status') !== 'streaming';
    },
    index,
    { timeout: timeoutMs },
  );
  return { answer, status: (await answer.getAttribute('data-status')) as AnswerStatus };
}

/** Types a prompt, sends it with Enter, and waits for its answer to finish. */
export async function ask(frame: Frame, prompt: string, timeoutMs = 30_000): Promise<{ answer: Locator; status: AnswerStatus }> {
  const before = await answerCount(frame);
  const box = composer(frame);
  await box.fill(prompt);
  await box.press('Enter');
  return finishedAnswer(frame, before, timeoutMs);
}

/** New Chat in the panel's header; resolves when the empty conversation shows. */
export async function newChat(frame: Frame): Promise<void> {
  await frame.locator('button[aria-label="New Chat"]').click();
  await frame.locator('.empty-state').waitFor();
}

/**
 * `text` as a streamed answer split at 1–5 random places, the pieces a frame or two apart (so the
 * panel receives them as separate deltas), and the bytes of the whole stream re-split at random
 * sizes (so SSE lines and UTF-8 sequences are cut too).
 */
export function splitAnswer(text: string, random: Random): Reply {
  const pieces: SsePiece[] = [];
  for (const piece of randomPieces(text, random.int(1, 5), random)) {
    pieces.push(...textChunks(piece, { piece: Number.MAX_SAFE_INTEGER }).slice(1, -1), { delayMs: 20 });
  }
  const reply = sseReply([textChunks('', {})[0]!, ...pieces, textChunks('', {}).at(-1)!]);
  return { ...reply, chunkSizes: [random.int(1, 7), random.int(8, 64), random.int(1, 300)] };
}

/** The composer's current text. */
export function composerText(frame: Frame): Promise<string> {
  return composer(frame).inputValue();
}

/** Text of the notification toasts now on screen. */
export async function toasts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast').allInnerTexts();
}

/** Closes every notification toast (the "Clear All Notifications" command). */
export async function clearToasts(page: Page): Promise<void> {
  const list = page.locator('.notifications-toasts .notification-toast');
  for (let i = 0; i < 20 && (await list.count()) > 0; i++) {
    await list.first().hover();
    const close = list.first().locator('.codicon-notifications-clear');
    if ((await close.count()) === 0) break;
    await close.click();
  }
}

/** Every conversation Chorus has saved in this session's history. */
export function savedConversations(s: Session): Conversation[] {
  const dir = path.join(s.server.userDataDir, 'User', 'globalStorage', 'chorus-dev.chorus', 'conversations');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Conversation];
      } catch {
        return [];
      }
    });
}


/**
 * Opens a workspace file in the editor through Quick Open, by its absolute path (found even before
 * the file search has noticed a new file), and puts the cursor in it.
 */
export async function openInEditor(page: Page, file: string): Promise<void> {
  const name = path.basename(file);
  for (let attempt = 1; ; attempt++) {
    // F1 then a path (no ">") is Quick Open. F1 is what runCommand uses; Control+P once went
    // unanswered after Explain Selection had moved the focus to the chat webview. A palette that did
    // not open is asked for again.
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    try {
      await input.waitFor({ timeout: 5_000 });
    } catch (error) {
      if (attempt === 4) throw error;
      continue;
    }
    await input.fill(file);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    try {
      await row.waitFor({ timeout: 5_000 });
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 4) throw error;
      continue;
    }
    await row.click();
    break;
  }
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
}
