// UI moves on the Chorus chat panel shared by the end-to-end tests.
import type { Frame, Locator, Page } from 'playwright-core';
import { chatFrame } from './workbench';

/** Opens the Chorus view from the activity bar and returns its ready webview frame. */
export async function openChatPanel(page: Page): Promise<Frame> {
  const item = page.locator('.activitybar .action-item:has(a[aria-label^="Chorus"])');
  const deadline = Date.now() + 60_000;
  for (;;) {
    // Clicking the icon of the view container that is already shown would close the side bar. Just
    // after a reload the workbench may still be restoring the view when the click lands and close it,
    // so the state is read again until the webview shows.
    if (!/\bchecked\b/.test((await item.getAttribute('class')) ?? '')) await item.click();
    try {
      const frame = await chatFrame(page, 10_000);
      await frame.locator('#chorus-app[data-state="ready"]').waitFor({ timeout: 30_000 });
      return frame;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

export function composer(frame: Frame): Locator {
  return frame.locator('.composer-input');
}

/** Types a prompt and presses Enter, as a user does. */
export async function sendPrompt(frame: Frame, text: string): Promise<void> {
  const box = composer(frame);
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}

export function answers(frame: Frame): Locator {
  return frame.locator('article.turn.assistant');
}

/** Waits until the last answer has finished with `status` and returns it. */
export async function lastAnswerWith(frame: Frame, status: 'done' | 'stopped' | 'error' | 'streaming'): Promise<Locator> {
  const answer = answers(frame).last();
  await frame.locator(`article.turn.assistant[data-status="${status}"]`).last().waitFor({ timeout: 30_000 });
  return answer;
}
