import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { composer, openChatPanel } from './chatPanel';
import { openWorkbench, screenshot, type Workbench } from './workbench';

type Body = { messages: Array<{ role: string; content: string }> };

const STRINGS_TS = 'export const shout = (s: string): string => s.toUpperCase();\n';
/** About 30,000 tokens: over the 24,000 or so a 32K-token model leaves for a question. */
const BIG = `${'the quick brown fox jumps over the lazy dog\n'.repeat(2300)}`;

describe('@ mentions in the composer, end to end', () => {
  let fake: FakeProvider;
  let workbench: Workbench;
  let frame: Frame;

  const picker = (f: Frame) => f.locator('.mention-picker');
  const option = (f: Frame, label: string) => picker(f).locator('.picker-option', { has: f.locator('.mention-label', { hasText: label }) });

  before(async () => {
    fake = await startFakeProvider();
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' },
      files: {
        'src/util/strings.ts': STRINGS_TS,
        'docs/big.txt': BIG,
        '.gitignore': 'ignored-output.log\n',
        'ignored-output.log': 'build noise\n',
        'node_modules/leftpad/index.js': 'module.exports = 1;\n',
        '.env': 'API_TOKEN=sk-do-not-offer-0123456789\n',
      },
    });
    frame = await openChatPanel(workbench.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-mentions-${this.currentTest.title.replace(/\W+/g, '-')}`);
    await composer(frame).fill('');
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('typing @ lists the sources; a file picked with the keyboard becomes a chip and its bytes reach the provider', async () => {
    const box = composer(frame);
    await box.click();
    await box.pressSequentially('Explain @');
    for (const source of ['Selection', 'Problems in this file', 'Terminal', 'Git changes']) await option(frame, source).waitFor();
    await box.pressSequentially('stri');
    // The answer to "stri" replaces the one to "": the file comes first, the sources are filtered out.
    await picker(frame).locator('.picker-option').first().locator('.mention-label', { hasText: 'strings.ts' }).waitFor();
    assert.equal(await option(frame, 'Selection').count(), 0);
    await box.press('Enter');
    await frame.locator('.composer .chip', { hasText: 'strings.ts' }).waitFor();
    assert.equal(await box.inputValue(), 'Explain ', 'the @ text left the box');
    assert.ok(await picker(frame).isHidden());
    await box.pressSequentially('this file.');
    fake.enqueue(sseReply(textChunks('It shouts.')));
    await box.press('Enter');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'It shouts.' }).waitFor();
    const content = (fake.requests.at(-1)!.body as Body).messages.at(-1)!.content;
    assert.equal(content, `src/util/strings.ts:\n\`\`\`typescript\n${STRINGS_TS}\n\`\`\`\n\nExplain this file.`);
    // The sent turn keeps its chip.
    await frame.locator('article.turn.user').last().locator('.chip', { hasText: 'strings.ts' }).waitFor();
  });

  it('an IME composition never opens the list; it opens when the composition ends', async () => {
    await frame.evaluate(() => {
      const box = document.querySelector<HTMLTextAreaElement>('.composer-input')!;
      box.focus();
      box.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      box.value = '@';
      box.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, data: '@' }));
    });
    // Had the input opened it, the host's answer would be on screen by the time the composition ends.
    await frame.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    assert.ok(await picker(frame).isHidden(), 'closed while composing');
    await frame.evaluate(() => document.querySelector('.composer-input')!.dispatchEvent(new CompositionEvent('compositionend', { data: '@' })));
    await option(frame, 'Selection').waitFor();
  });

  it('never offers gitignored files, files under search.exclude, or files that look secret; Escape closes the list', async () => {
    const box = composer(frame);
    await box.click();
    for (const query of ['ignored-output', 'leftpad', '.env']) {
      await box.fill('');
      await box.pressSequentially(`@${query}`);
      await picker(frame).locator('.picker-empty').waitFor();
      assert.equal(await picker(frame).locator('.picker-option').count(), 0, query);
    }
    await box.press('Escape');
    assert.ok(await picker(frame).isHidden());
    await box.pressSequentially('x');
    assert.ok(await picker(frame).isHidden(), 'stays closed for the same @');
  });

  it('over the budget, the meter says what will be cut before sending, and the request carries the cut with a note', async () => {
    const box = composer(frame);
    await box.click();
    await box.pressSequentially('@big');
    await option(frame, 'big.txt').click();
    const chip = frame.locator('.composer .chip', { hasText: 'big.txt' });
    await chip.waitFor();
    await frame.locator('.budget-meter.budget-over').waitFor();
    const note = (await frame.locator('.budget-note').textContent()) ?? '';
    assert.match(note, /Over the model's input limit\. Before sending: big\.txt cut to \d+%/);
    await box.pressSequentially('Summarize.');
    fake.enqueue(sseReply(textChunks('A fox, many times.')));
    await box.press('Enter');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'A fox, many times.' }).waitFor();
    const content = (fake.requests.at(-1)!.body as Body).messages.at(-1)!.content;
    assert.ok(content.length < BIG.length, `${content.length} < ${BIG.length}`);
    assert.match(content, new RegExp(`\\(trimmed: only the first \\d+ of its ${BIG.length} characters are included\\)\\n\\nSummarize\\.$`));
    await frame.locator('article.turn.user').last().locator('.chip.chip-trimmed', { hasText: 'trimmed' }).waitFor();
  });

  it('clicking a chip opens its file in the editor', async () => {
    await frame.locator('article.turn.user .chip-open', { hasText: 'strings.ts' }).first().click();
    await workbench.page.locator('.tabs-container .tab.active', { hasText: 'strings.ts' }).waitFor();
  });
});
