// Conversations written into a test VS Code's History before Chorus starts, and a page-side loop
// that opens each of them in turn from the History panel, as a user would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { generateAnswer } from '../webview/markdownCorpus';

const idOf = (i: number): string => `bench-conversation-${i}`;

/** Writes `count` conversations of four turns (prompts and answers of a few KB) into History. */
export function seedConversations(userDataDir: string, count: number): void {
  const dir = path.join(userDataDir, 'User', 'globalStorage', 'chorus-dev.chorus', 'conversations');
  fs.mkdirSync(dir, { recursive: true });
  const start = Date.now() - count * 60_000;
  for (let i = 0; i < count; i++) {
    const turns = [0, 1].flatMap((t) => [
      { id: `${idOf(i)}-u${t}`, role: 'user', text: `Question ${t} of conversation ${i}`, createdAt: start + i * 60_000 },
      { id: `${idOf(i)}-a${t}`, role: 'assistant', text: generateAnswer({ size: 3_000, codeBlocks: 1, seed: i * 2 + t + 1 }), status: 'done', createdAt: start + i * 60_000, provider: 'openai', model: 'fake-model' },
    ]);
    const conversation = { id: idOf(i), title: `Stored conversation ${i}`, createdAt: start + i * 60_000, updatedAt: start + i * 60_000, provider: 'openai', model: 'fake-model', turns };
    fs.writeFileSync(path.join(dir, `${idOf(i)}.json`), JSON.stringify(conversation));
  }
}

/** Opens every seeded conversation in turn from the History panel; returns how many opened. */
export async function openStoredConversations(frame: Frame): Promise<number> {
  return (await frame.evaluate(`(async () => {
    const until = async (test, what) => {
      const deadline = performance.now() + 20000;
      while (!test()) {
        if (performance.now() > deadline) throw new Error('timed out waiting for ' + what);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const historyButton = () => document.querySelector('.panel-header button:has(.codicon-history)');
    let opened = 0;
    historyButton().click();
    await until(() => document.querySelectorAll('.history-item[data-conversation-id^="bench-conversation-"]').length > 0, 'the history list');
    const ids = [...document.querySelectorAll('.history-item')].map((item) => item.getAttribute('data-conversation-id')).filter((id) => id.startsWith('bench-conversation-'));
    for (const id of ids) {
      if (document.querySelector('.history').hidden) {
        historyButton().click();
        await until(() => document.querySelector('.history-item[data-conversation-id="' + id + '"]'), 'history item ' + id);
      }
      document.querySelector('.history-item[data-conversation-id="' + id + '"] .history-open').click();
      await until(() => document.querySelector('[data-turn-id="' + id + '-a1"]'), 'conversation ' + id);
      opened++;
    }
    return opened;
  })()`)) as number;
}
