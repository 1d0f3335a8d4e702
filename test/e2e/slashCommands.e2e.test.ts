import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { composer, lastAnswerWith, openChatPanel } from './chatPanel';
import { openWorkbench, screenshot, type Workbench } from './workbench';

type Body = { messages: Array<{ role: string; content: string }> };

const PROMPT_FILE = '---\ndescription: Summarize <b>the</b> file\n---\nSummarize this:\n${file}\nFocus: ${input}\n';

describe('slash commands in the composer, end to end', () => {
  let fake: FakeProvider;
  let workbench: Workbench;
  let frame: Frame;
  const picker = (): Locator => frame.locator('.slash-picker');
  const names = async (): Promise<string[]> => picker().locator('.picker-option .slash-name').allTextContents();

  before(async () => {
    fake = await startFakeProvider();
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model', 'chorus.responseLanguage': 'en' },
      files: { '.chorus/prompts/summarize.md': PROMPT_FILE },
    });
    frame = await openChatPanel(workbench.page);
  });

  beforeEach(async () => {
    await composer(frame).fill('');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-slash-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('typing / lists the built-ins and the workspace\'s prompt file with its description as text, filtered as the user types', async () => {
    const box = composer(frame);
    await box.click();
    await box.pressSequentially('/');
    await picker().waitFor({ state: 'visible' });
    assert.deepEqual(await names(), ['/doc', '/explain', '/fix', '/review', '/summarize', '/tests']);
    const summarize = picker().locator('.picker-option[data-key="summarize"]');
    assert.equal(await summarize.locator('.slash-description').textContent(), 'Summarize <b>the</b> file', 'the description is text, not markup');
    assert.equal(await summarize.locator('b').count(), 0);
    assert.equal(await summarize.locator('.slash-source').textContent(), 'workspace');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await screenshot(workbench.page, 'slash-commands');

    await box.pressSequentially('re');
    assert.deepEqual(await names(), ['/review']);
    await box.press('Escape');
    await picker().waitFor({ state: 'hidden' });
    assert.equal(await box.inputValue(), '/re', 'Escape closes the list and keeps the text');
  });

  it('keys move through the list and Enter takes a command without sending; a click takes one too', async () => {
    const box = composer(frame);
    await box.click();
    await box.pressSequentially('/');
    await picker().waitFor({ state: 'visible' });
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    assert.equal(await picker().locator('[aria-selected="true"] .slash-name').textContent(), '/fix');
    const requests = fake.requests.length;
    await box.press('Enter');
    assert.equal(await box.inputValue(), '/fix ');
    await picker().waitFor({ state: 'hidden' });
    assert.equal(fake.requests.length, requests, 'taking a command sends nothing');

    await box.fill('');
    await box.pressSequentially('/');
    await picker().locator('.picker-option[data-key="tests"]').click();
    assert.equal(await box.inputValue(), '/tests ');
  });

  it('an Enter that ends an IME composition does not take a command', async () => {
    const box = composer(frame);
    await box.click();
    await box.pressSequentially('/');
    await picker().waitFor({ state: 'visible' });
    const requests = fake.requests.length;
    await box.dispatchEvent('compositionstart');
    try {
      await box.press('Enter');
      // The box handles the key as a plain text box would (a real IME keeps it); the list neither took nor sent anything.
      assert.equal(await box.inputValue(), '/\n', 'nothing was taken during the composition');
      assert.equal(fake.requests.length, requests);
    } finally {
      await box.dispatchEvent('compositionend');
    }
  });

  it('runs a prompt file: Tab takes it, Enter sends its expanded prompt, and the panel shows what was typed', async () => {
    const box = composer(frame);
    await box.click();
    await box.pressSequentially('/sum');
    assert.deepEqual(await names(), ['/summarize']);
    await box.press('Tab');
    assert.equal(await box.inputValue(), '/summarize ');
    fake.enqueue(sseReply(textChunks('A short summary.')));
    await box.pressSequentially('the exports ${selection}');
    await box.press('Enter');
    await lastAnswerWith(frame, 'done');
    const sent = (fake.requests.at(-1)!.body as Body).messages.at(-1)!.content;
    assert.equal(sent, 'Summarize this:\n(Here would be the current file, but no editor is open.)\nFocus: the exports ${selection}');
    assert.equal(await frame.locator('article.turn.user .user-text').last().textContent(), '/summarize the exports ${selection}');
  });
});
