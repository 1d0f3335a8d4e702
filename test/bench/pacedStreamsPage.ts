// What the paced-stream bench runs inside the chat webview (through Playwright): watchers that note,
// on the first animation frame where it is true, that an answer's last character is on screen or
// that Stop took effect. Times are epoch ms (performance.timeOrigin + now), comparable with Node's.
import type { Frame } from 'playwright-core';

export interface Watch {
  /** When the condition was first seen true on a frame; 0 until then. */
  readonly at: number;
  /** When the watch started (for Stop: when the button was clicked). */
  readonly from: number;
}

// Page code is given as source text: this project's test build has no DOM types.
const NOW = 'const now = () => performance.timeOrigin + performance.now();';

/**
 * Starts a watch in the panel: from now (after running `first`), every frame until `condition` (a
 * JavaScript expression evaluated in the page) holds; the time it held is kept in the watch.
 */
async function watchUntil(frame: Frame, condition: string, first = ''): Promise<void> {
  await frame.evaluate(`(() => {
    ${NOW}
    const watch = { at: 0, from: now() };
    window.chorusBenchWatch = watch;
    const check = () => {
      if (window.chorusBenchWatch !== watch) return;
      if (${condition}) watch.at = now();
      else requestAnimationFrame(check);
    };
    ${first}
    requestAnimationFrame(check);
  })()`);
}

/** Starts watching for `marker` at the end of the last answer. */
export async function watchForEnd(frame: Frame, marker: string): Promise<void> {
  await watchUntil(
    frame,
    `(() => {
      const answers = document.querySelectorAll('article.turn.assistant .answer');
      let last = answers[answers.length - 1]?.lastElementChild;
      if (last?.classList.contains('chorus-section')) last = last.lastElementChild;
      return last?.textContent?.includes(${JSON.stringify(marker)});
    })()`,
  );
}

/** Clicks Stop and watches for the last answer to show as stopped. */
export async function clickStopAndWatch(frame: Frame): Promise<void> {
  await watchUntil(
    frame,
    `(() => {
      const answers = document.querySelectorAll('article.turn.assistant');
      return answers[answers.length - 1]?.getAttribute('data-status') === 'stopped';
    })()`,
    "document.querySelector('.composer-stop')?.click();",
  );
}

/** The current watch (one round trip into the webview's main thread). */
export function readWatch(frame: Frame): Promise<Watch> {
  return frame.evaluate('({ ...(window.chorusBenchWatch ?? { at: 0, from: 0 }) })') as Promise<Watch>;
}

/**
 * Polls the watch until it fires, timing each poll: a poll is a round trip into the webview's main
 * thread, which waits for whatever task the page is running. Returns the watch and the slowest poll.
 */
export async function pollWatch(frame: Frame, timeoutMs: number): Promise<{ watch: Watch; slowestRoundTripMs: number }> {
  const deadline = Date.now() + timeoutMs;
  let slowest = 0;
  for (;;) {
    const start = performance.now();
    const watch = await readWatch(frame);
    slowest = Math.max(slowest, performance.now() - start);
    if (watch.at > 0) return { watch, slowestRoundTripMs: slowest };
    if (Date.now() > deadline) throw new Error(`the page did not get there within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Starts a new chat and waits until the list is empty. */
export async function newChat(frame: Frame): Promise<void> {
  await frame.locator('.panel-header button:has(.codicon-add)').click();
  // Polled with plain evaluations: the webview's CSP forbids the eval that waitForFunction uses.
  while ((await frame.evaluate("document.querySelectorAll('article.turn').length")) !== 0) await new Promise((resolve) => setTimeout(resolve, 20));
}
