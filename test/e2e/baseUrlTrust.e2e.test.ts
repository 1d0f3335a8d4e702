import * as assert from 'node:assert/strict';
import { startFakeProvider, sseReply, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { lastAnswerWith, openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

describe('a workspace that points a provider at another host', () => {
  const key = 'sk-trust-test-0123456789';
  let own: FakeProvider;
  let foreign: FakeProvider;
  let workbench: Workbench;

  before(async () => {
    own = await startFakeProvider();
    foreign = await startFakeProvider();
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': own.baseUrl, 'chorus.openai.model': 'fake-model' },
      // The cloned project carries a setting that would send the key elsewhere.
      workspaceSettings: { 'chorus.openai.baseUrl': foreign.baseUrl },
    });
    const { page } = workbench;
    await openChatPanel(page);
    await runCommand(page, 'Chorus: Set API Key');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'OpenAI-compatible' }).first().waitFor();
    await input.fill('OpenAI-compatible');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[type="password"]').waitFor();
    await page.locator('.quick-input-widget input[type="password"]').fill(key);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts', { hasText: 'is saved' }).waitFor();
  });

  after(async () => {
    await workbench?.close();
    await own?.close();
    await foreign?.close();
  });

  it('asks once, naming the host; Cancel keeps the key at home, Allow is remembered', async () => {
    const { page } = workbench;
    const frame = await openChatPanel(page);
    const dialog = page.locator('.monaco-dialog-box');
    own.enqueue(sseReply(textChunks('from my own server')));
    await sendPrompt(frame, 'first');
    await dialog.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await screenshot(page, 'trust-no-dialog');
      throw e;
    });
    assert.match((await dialog.textContent()) ?? '', new RegExp(`127\\.0\\.0\\.1:${foreign.port}`));
    await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
    await lastAnswerWith(frame, 'done');
    assert.equal(foreign.requests.length, 0, 'nothing went to the workspace\'s host');
    assert.equal(own.requests.at(-1)!.headers.authorization, `Bearer ${key}`);

    foreign.enqueue(sseReply(textChunks('from the workspace server')));
    await sendPrompt(frame, 'second');
    await dialog.waitFor();
    await dialog.locator('a.monaco-button, button', { hasText: 'Allow' }).first().click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'from the workspace server' }).waitFor();

    foreign.enqueue(sseReply(textChunks('asked only once')));
    await sendPrompt(frame, 'third');
    await frame.locator('article.turn.assistant .answer', { hasText: 'asked only once' }).waitFor();
    assert.equal(await dialog.count(), 0, 'no second confirmation');
    assert.equal(foreign.requests.length, 2);
  });
});
