import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { lastAnswerWith, openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

type Body = { messages: Array<{ role: string; content: string }> };

const SAMPLE = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const REWRITTEN = 'export function add(a: number, b: number): number {\n  return b + a;\n}\n';

/** The rewrite preview: VS Code's diff editor on Chorus's virtual documents. */
function diffEditor(page: Page): Locator {
  return page.locator('.monaco-diff-editor');
}

/** A button in the editor title bar (where VS Code puts a diff editor's actions), by its label. */
function titleAction(page: Page, label: string): Locator {
  return page.locator(`.editor-group-container .editor-actions a.action-label[aria-label^="${label}"]`);
}

/** Reads the file until it holds `expected` (a save lands on disk a moment after the keypress). */
async function fileBecomes(file: string, expected: string): Promise<void> {
  while (fs.readFileSync(file, 'utf8') !== expected) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('explain and rewrite from the editor, end to end against a local provider', () => {
  let fake: FakeProvider;
  let workbench: Workbench;

  before(async () => {
    fake = await startFakeProvider();
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-rewrite-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('rewrites the selected line: instruction prompt, streamed diff preview, Accept, saved file', async () => {
    const { page } = workbench;
    assert.equal(fs.readFileSync(path.join(workbench.folder, 'sample.ts'), 'utf8'), SAMPLE);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('sample.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'sample.ts' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'export function add' }).waitFor();
    // The keys go to the editor only once it has the focus (Quick Open may still be closing on a loaded machine).
    await page.locator('.tab.active', { hasText: 'sample.ts' }).waitFor();
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'export function add' }).first().click();
    // Select the whole second line, with its line break.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');

    const chunks = textChunks('Swapped:\n```ts\n  return b + a;\n```\n', { piece: 3 });
    fake.enqueue(sseReply(chunks.flatMap((chunk) => [chunk, { delayMs: 30 }])));
    await runCommand(page, 'Chorus: Rewrite Selection');
    const input = page.locator('.quick-input-widget input[placeholder*="How should the code change"]');
    await input.waitFor();
    await input.fill('swap the operands');
    await page.keyboard.press('Enter');

    await diffEditor(page).locator('.editor.modified .view-lines', { hasText: /return\s+b\s+\+\s+a;/ }).waitFor({ timeout: 30_000 });
    // Accept is enabled once the proposal is complete.
    const accept = titleAction(page, 'Accept Rewrite').and(page.locator(':not(.disabled):not([aria-disabled="true"])'));
    await accept.waitFor();
    await page.mouse.move(600, 500);
    await screenshot(page, 'rewrite-preview');
    const body = fake.requests.at(-1)!.body as Body;
    assert.match(body.messages.at(-1)!.content, /```typescript\n {2}return a \+ b;\n\n```/);
    assert.match(body.messages.at(-1)!.content, /Instruction: swap the operands$/);

    await accept.click();
    await diffEditor(page).waitFor({ state: 'detached' });
    await page.locator('.monaco-editor .view-lines', { hasText: /return\s+b\s+\+\s+a;/ }).waitFor();
    await page.keyboard.press('Control+S');
    await fileBecomes(path.join(workbench.folder, 'sample.ts'), REWRITTEN);
  });

  it('"Apply to selection" from a chat answer opens the same preview, and Reject leaves the file as it was', async () => {
    const { page } = workbench;
    const frame = await openChatPanel(page);
    fake.enqueue(sseReply(textChunks('```ts\nreturn Number(a) + Number(b);\n```\n')));
    await sendPrompt(frame, 'Coerce the operands');
    const answer = await lastAnswerWith(frame, 'done');
    await answer.locator('.chorus-code button[data-action="apply"]').click();

    await diffEditor(page).locator('.editor.modified .view-lines', { hasText: /Number\(a\)\s+\+\s+Number\(b\)/ }).waitFor({ timeout: 30_000 });
    await titleAction(page, 'Reject Rewrite').click();
    await diffEditor(page).waitFor({ state: 'detached' });
    await page.locator('.monaco-editor .view-lines', { hasText: /return\s+b\s+\+\s+a;/ }).waitFor();
    assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'the file was not changed');
    assert.equal(fs.readFileSync(path.join(workbench.folder, 'sample.ts'), 'utf8'), REWRITTEN);
  });

  it('cancels a rewrite started with Ctrl+Alt+R from its progress notification, changing nothing', async () => {
    const { page } = workbench;
    await page.locator('.tabs-container .tab', { hasText: 'sample.ts' }).click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+End');
    const chunks = textChunks('```ts\nexport function add(a: number, b: number): number { // still writing', { piece: 4 });
    fake.enqueue(sseReply([...chunks.slice(0, 6), { delayMs: 60_000 }, ...chunks.slice(6)]));
    await page.keyboard.press('Control+Alt+R');
    const input = page.locator('.quick-input-widget input[placeholder*="How should the code change"]');
    await input.waitFor();
    assert.equal(await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'swap the operands' }).count(), 1, 'the last instruction is offered again');
    await input.fill('annotate it');
    await page.keyboard.press('Enter');

    await diffEditor(page).waitFor();
    const toast = page.locator('.notification-toast', { hasText: 'rewriting sample.ts' });
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await diffEditor(page).waitFor({ state: 'detached' });
    await fake.requests.at(-1)!.closed;
    assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'the file was not changed');
    assert.equal(fs.readFileSync(path.join(workbench.folder, 'sample.ts'), 'utf8'), REWRITTEN);
  });

  it('explains a selection from the editor\'s context menu, answering in the chat panel', async () => {
    const { page } = workbench;
    await page.locator('.tabs-container .tab', { hasText: 'sample.ts' }).click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+End');
    fake.enqueue(sseReply(textChunks('It returns **b + a**, the sum.')));
    await page.locator('.monaco-editor .view-line', { hasText: /return\s+b\s+\+\s+a;/ }).click({ button: 'right' });
    // The menu takes the item under the pointer on Enter (a click right after opening it can be ignored).
    await page.locator('.monaco-menu .action-item', { hasText: 'Explain Selection' }).hover();
    await page.keyboard.press('Enter');

    const frame = await openChatPanel(page);
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'It returns b + a, the sum.' }).waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('article.turn.user').last().locator('.chip').textContent()) ?? '', /sample\.ts:2-2.*tokens/);
    assert.match((fake.requests.at(-1)!.body as Body).messages.at(-1)!.content, /^sample\.ts \(lines 2-2\):\n```typescript\n {2}return b \+ a;\n```/);
    await screenshot(page, 'explain-answer');
  });
});
