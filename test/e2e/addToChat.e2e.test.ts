import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

type Body = { messages: Array<{ role: string; content: string }> };

/** Right-clicks `name` in the Explorer and takes "Add to Chorus Chat". */
async function addFromExplorer(page: Page, name: string): Promise<void> {
  const item = page.locator('.monaco-menu .action-item', { hasText: 'Add to Chorus Chat' });
  // Asked again if the menu opened before VS Code had read Chorus's menu contributions.
  for (let attempt = 1; ; attempt++) {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ button: 'right' });
    try {
      await item.waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 3) throw error;
    }
  }
  // A click in the moment the menu opens can be ignored: wait until it stops moving.
  await page.waitForTimeout(300);
  await item.click();
}

describe('Add to Chorus Chat from the Explorer, end to end', () => {
  let fake: FakeProvider;
  let workbench: Workbench;

  before(async () => {
    fake = await startFakeProvider();
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' },
      files: { 'helpers.py': 'def twice(n):\n    return n * 2\n', '.env': 'API_TOKEN=sk-do-not-send-0123456789\n' },
    });
    // Chorus running (as a user who opened it) before the Explorer is asked for its menu.
    await openChatPanel(workbench.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-addToChat-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('adds a file as a chip, and the request carries it fenced with its path and language', async () => {
    const { page } = workbench;
    await runCommand(page, 'View: Show Explorer');
    await addFromExplorer(page, 'helpers.py');
    // The command brings the chat view back (its webview is a new frame after the Explorer took its place).
    const frame = await openChatPanel(page);
    await frame.locator('.composer .chip', { hasText: 'helpers.py' }).waitFor();
    fake.enqueue(sseReply(textChunks('It doubles n.')));
    await sendPrompt(frame, 'What does this do?');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'It doubles n.' }).waitFor();
    const content = (fake.requests.at(-1)!.body as Body).messages.at(-1)!.content;
    assert.match(content, /^helpers\.py:\n```python\ndef twice\(n\):\n {4}return n \* 2\n\n```\n\nWhat does this do\?$/);
  });

  it('asks before attaching a file that looks secret; Cancel attaches nothing', async () => {
    const { page } = workbench;
    await runCommand(page, 'View: Show Explorer');
    await addFromExplorer(page, '.env');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /\.env looks like it holds secrets/);
    await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
    await page.locator('.notifications-toasts', { hasText: '.env was not attached' }).waitFor();
    const frame = await openChatPanel(page);
    assert.equal(await frame.locator('.composer .chip').count(), 0);
  });
});
