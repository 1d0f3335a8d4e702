import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { DEFAULT_ANSWER, openaiErrorReply, sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { answers, composer, lastAnswerWith, openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, screenshot, type Workbench } from './workbench';

type Body = { messages: Array<{ role: string; content: string }> };

describe('chat panel, end to end against a local provider', () => {
  let fake: FakeProvider;
  let workbench: Workbench;
  let frame: Frame;

  before(async () => {
    fake = await startFakeProvider();
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' },
    });
    frame = await openChatPanel(workbench.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-chat-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('sends a prompt with Enter and shows the streamed answer as Markdown with code actions', async () => {
    fake.enqueue(withDelays(textChunks(DEFAULT_ANSWER, { piece: 4, usage: { prompt_tokens: 7, completion_tokens: 40, total_tokens: 47 } })));
    await sendPrompt(frame, 'Show me a greeting function');
    assert.equal(await composer(frame).inputValue(), '', 'the composer is cleared');
    const answer = await lastAnswerWith(frame, 'done');
    assert.match((await answer.locator('.chorus-code').first().textContent()) ?? '', /export function greet/);
    assert.equal(await answer.locator('strong').first().textContent(), 'Hello, Chorus!');
    assert.equal(await answer.locator('.chorus-code button[data-action]').count(), 4);
    assert.match((await answer.locator('.turn-metrics').textContent()) ?? '', /47/);
    assert.equal((fake.requests.at(-1)!.body as Body).messages.at(-1)!.content, 'Show me a greeting function');
    await screenshot(workbench.page, 'chat-answer');
  });

  it('stops a streaming answer at once, keeping what arrived', async () => {
    const chunks = textChunks('This answer is long and slow. '.repeat(40), { piece: 6 });
    fake.enqueue(sseReply([...chunks.slice(0, 5), { delayMs: 60_000 }, ...chunks.slice(5)]));
    await sendPrompt(frame, 'Tell me a long story');
    await lastAnswerWith(frame, 'streaming');
    await frame.locator('article.turn.assistant[data-status="streaming"] .answer:not(:empty)').waitFor();
    await frame.locator('.composer-stop').click();
    const answer = await lastAnswerWith(frame, 'stopped');
    assert.match((await answer.locator('.answer').textContent()) ?? '', /This answer is long/);
    await fake.requests.at(-1)!.closed;
  });

  it('regenerates the last answer', async () => {
    fake.enqueue(sseReply(textChunks('A regenerated answer.')));
    const count = await answers(frame).count();
    await answers(frame).last().locator('button[aria-label="Regenerate"]').click();
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'A regenerated answer.' }).waitFor();
    assert.equal(await answers(frame).count(), count, 'the answer was replaced, not added');
  });

  it('copies a whole answer with the message\'s Copy button', async () => {
    const text = 'Copied answer: **bold** and `code`.';
    fake.enqueue(sseReply(textChunks(text)));
    await sendPrompt(frame, 'Give me something to copy');
    const answer = frame.locator('article.turn.assistant[data-status="done"]', { hasText: 'Copied answer' });
    await answer.waitFor();
    await workbench.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText('before'));
    await answer.locator('.turn-actions button[aria-label="Copy"]').click();
    const readClipboard = (): Promise<string> =>
      workbench.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    let copied = await readClipboard();
    for (let i = 0; i < 50 && copied !== text; i++) {
      await workbench.page.waitForTimeout(100);
      copied = await readClipboard();
    }
    assert.equal(copied, text, 'the clipboard holds the answer\'s Markdown');
  });

  it('edits an earlier prompt and resends it, replacing the turns after it', async () => {
    fake.enqueue(sseReply(textChunks('Answer to the edited prompt.')));
    const firstPrompt = frame.locator('article.turn.user').first();
    await firstPrompt.locator('button[aria-label="Edit"]').click();
    const box = firstPrompt.locator('.edit-box');
    await box.fill('An edited first prompt');
    await box.press('Enter');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'Answer to the edited prompt.' }).waitFor();
    assert.equal(await frame.locator('article.turn').count(), 2);
    assert.deepEqual((fake.requests.at(-1)!.body as Body).messages.map((m) => m.content), ['An edited first prompt']);
  });

  it('shows an error at the answer, returns the prompt to the composer, and Retry succeeds', async () => {
    fake.enqueue(openaiErrorReply(401, 'Incorrect API key provided'));
    await sendPrompt(frame, 'Will this fail?');
    const failed = await lastAnswerWith(frame, 'error');
    const error = (await failed.locator('.turn-error').textContent()) ?? '';
    assert.match(error, /401/);
    assert.match(error, /Incorrect API key provided/);
    assert.equal(await composer(frame).inputValue(), 'Will this fail?', 'the prompt is back in the composer');
    fake.enqueue(sseReply(textChunks('It worked this time.')));
    await failed.locator('.turn-error button', { hasText: 'Retry' }).click();
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'It worked this time.' }).waitFor();
    assert.equal(await composer(frame).inputValue(), '', 'Retry sent the returned prompt, so it left the box (it cannot be sent twice)');
  });

  it('the model picker lists the endpoint\'s models, switches to Qianfan with a checked endpoint, and back again', async () => {
    const { page } = workbench;
    const picker = frame.locator('button.model-picker');
    const modelName = frame.locator('.model-picker .model-name');
    const quickPick = page.locator('.quick-input-widget');
    // Rows by the start of their accessible name: "OpenAI-compatible" must not find "Qianfan v2 (千帆 OpenAI-compatible)".
    const row = (label: string) => quickPick.locator(`.monaco-list-row[aria-label^="${label}"]`).first();
    /** "Change provider…" once the picker shows `settled` (the list from the server has arrived and the rows stopped moving). */
    const changeProvider = async (settled: string): Promise<void> => {
      await row(settled).waitFor();
      await quickPick.locator('.monaco-list-row', { hasText: 'Change provider' }).click();
      await quickPick.locator('input[placeholder="Choose a provider"]').waitFor();
    };

    const input = quickPick.locator('input');
    // Typing filters the server's list, and Enter takes the first model that matches.
    await picker.click();
    await row('internlm3-latest').waitFor();
    await input.fill('internlm3');
    await page.keyboard.press('Enter');
    await modelName.filter({ hasText: 'OpenAI-compatible · internlm3-latest' }).waitFor();
    // The conversation on screen continues with the model just picked.
    fake.enqueue(sseReply(textChunks('Now on InternLM.')));
    await sendPrompt(frame, 'Which model now?');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'Now on InternLM.' }).waitFor();
    assert.equal((fake.requests.at(-1)!.body as { model: string }).model, 'internlm3-latest');

    await picker.click();
    await changeProvider('internvl3-latest');
    await row('Baidu Qianfan').click();
    await input.fill('bad endpoint!');
    await quickPick.locator('.monaco-list-row', { hasText: 'Letters, digits' }).waitFor();
    await page.keyboard.press('Enter');
    assert.equal(await input.inputValue(), 'bad endpoint!', 'a malformed endpoint is not accepted: the picker stays open');
    await input.fill('chatglm3_6b');
    await row('chatglm3_6b').waitFor();
    await page.keyboard.press('Enter');
    await modelName.filter({ hasText: 'Baidu Qianfan (千帆) · chatglm3_6b' }).waitFor();

    // Away from Qianfan again, to the endpoint's own model.
    await picker.click();
    await changeProvider('chatglm3_6b');
    await row('OpenAI-compatible').click();
    // A name the server does not list can be typed: Enter takes it.
    await row('fake-model').waitFor();
    await input.fill('my-local-model');
    await row('my-local-model').waitFor();
    await page.keyboard.press('Enter');
    await modelName.filter({ hasText: 'OpenAI-compatible · my-local-model' }).waitFor();
    await picker.click();
    await row('fake-model').click();
    await modelName.filter({ hasText: 'OpenAI-compatible · fake-model' }).waitFor();
    fake.enqueue(sseReply(textChunks('Back on the fake model.')));
    await sendPrompt(frame, 'Which model is this?');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'Back on the fake model.' }).waitFor();
    assert.equal((fake.requests.at(-1)!.body as { model: string }).model, 'fake-model');
  });

  it('never sends on the Enter that confirms an IME composition', async () => {
    await composer(frame).fill('');
    await composer(frame).click();
    const before = fake.requests.length;
    const cdp = await workbench.page.context().newCDPSession(workbench.page);
    await cdp.send('Input.imeSetComposition', { text: 'nihao', selectionStart: 5, selectionEnd: 5 });
    await workbench.page.keyboard.press('Enter');
    await cdp.send('Input.insertText', { text: '你好' });
    await workbench.page.waitForTimeout(300);
    assert.equal(fake.requests.length, before, 'no request during composition');
    assert.match(await composer(frame).inputValue(), /你好/);
    fake.enqueue(sseReply(textChunks('不客气。')));
    await composer(frame).press('Enter');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: '不客气。' }).waitFor();
    assert.match((fake.requests.at(-1)!.body as Body).messages.at(-1)!.content, /你好/);
  });

  it('inserts a code block from an answer into the editor', async () => {
    const { page } = workbench;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('sample.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'sample.ts' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'export function add' }).waitFor();
    await page.keyboard.press('Control+Home');
    frame = await openChatPanel(page);
    fake.enqueue(sseReply(textChunks('```ts\nconst inserted = 42;\n```\n')));
    await sendPrompt(frame, 'Give me a constant');
    const answer = await lastAnswerWith(frame, 'done');
    await answer.locator('.chorus-code button[data-action="insert"]').click();
    await page.locator('.monaco-editor .view-lines', { hasText: /const\s+inserted\s+=\s+42;/ }).waitFor({ timeout: 15_000 });
  });

  it('finds the conversation in history after a window reload', async () => {
    const { page } = workbench;
    await frame.locator('button[aria-label="New Chat"]').click();
    await frame.locator('.empty-state').waitFor();
    fake.enqueue(sseReply(textChunks('Second answer.')));
    await sendPrompt(frame, 'A second conversation');
    await lastAnswerWith(frame, 'done');
    await page.reload();
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    frame = await openChatPanel(page);
    await frame.locator('article.turn.assistant .answer', { hasText: 'Second answer.' }).waitFor({ timeout: 30_000 });
    await frame.locator('button[aria-label="History"]').click();
    const items = frame.locator('.history-item');
    await items.first().waitFor();
    assert.ok((await items.count()) >= 2, 'earlier conversations are listed');
    await frame.locator('.history-search').fill('edited first');
    await frame.locator('.history-item', { hasText: 'A second conversation' }).waitFor({ state: 'detached' });
    assert.equal(await items.count(), 1, 'the search leaves the one matching conversation');
    await frame.locator('.history-item .history-open', { hasText: 'An edited first prompt' }).click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'Answer to the edited prompt.' }).waitFor();
  });

  it("shows a thinking model's reasoning in a Thinking section, folds it when the answer starts, and never sends it back", async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = { id: 'r1', object: 'chat.completion.chunk', created: 1, model: 'fake-model' };
    const delta = (d: Record<string, unknown>): Record<string, unknown> => ({ ...base, choices: [{ index: 0, delta: d, finish_reason: null }] });
    fake.enqueue(sseReply([delta({ role: 'assistant', reasoning_content: 'Let me **think** about ' }), { delayMs: 5 }, delta({ reasoning_content: 'secret-thought.' }), { until: gate }, ...textChunks('The answer is 42.', { piece: 4 })]));
    await sendPrompt(frame, 'Think first');
    const thinking = frame.locator('article.turn.assistant[data-status="streaming"] details.thinking');
    await thinking.locator('.thinking-body', { hasText: 'secret-thought.' }).waitFor({ timeout: 30_000 });
    assert.equal(await thinking.evaluate((d) => (d as unknown as { open: boolean }).open), true, 'open while thinking');
    assert.equal(await thinking.locator('summary').textContent(), 'Thinking…');
    assert.equal(await thinking.locator('.thinking-body strong').textContent(), 'think', 'rendered as Markdown');
    release();
    const answer = frame.locator('article.turn.assistant[data-status="done"]', { hasText: 'The answer is 42.' });
    await answer.waitFor({ timeout: 30_000 });
    const folded = answer.locator('details.thinking');
    assert.equal(await folded.evaluate((d) => (d as unknown as { open: boolean }).open), false, 'folded once the answer started');
    assert.match((await folded.locator('summary').textContent()) ?? '', /^Thought for \d+ s$/);
    assert.equal(((await answer.locator('.answer').textContent()) ?? '').trim(), 'The answer is 42.');

    fake.enqueue(sseReply(textChunks('Second.')));
    await sendPrompt(frame, 'And then?');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'Second.' }).waitFor();
    const body = fake.requests.at(-1)!.body as Body;
    assert.deepEqual(body.messages.slice(-3), [
      { role: 'user', content: 'Think first' },
      { role: 'assistant', content: 'The answer is 42.' },
      { role: 'user', content: 'And then?' },
    ]);
    assert.ok(!JSON.stringify(body).includes('secret-thought'), 'the next request carries no reasoning');
  });
});

/** A streamed answer whose chunks arrive a few milliseconds apart, as a real model's do. */
function withDelays(chunks: Record<string, unknown>[]): ReturnType<typeof sseReply> {
  return sseReply(chunks.flatMap((chunk) => [chunk, { delayMs: 5 }]));
}
