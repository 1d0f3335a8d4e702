import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, screenshot, type Workbench } from './workbench';

type Body = { model: string; messages: Array<{ role: string; content: string }>; chat_template_kwargs?: unknown };

describe('endpoints of your own, end to end', () => {
  let team: FakeProvider;
  let local: FakeProvider;
  let workbench: Workbench;
  let frame: Frame;

  before(async () => {
    team = await startFakeProvider();
    local = await startFakeProvider({ models: ['qwen3:8b', 'llava:7b'] });
    workbench = await openWorkbench({
      settings: {
        'chorus.endpoints': [{ id: 'team-vllm', name: 'Team vLLM', preset: 'vllm', baseUrl: team.baseUrl, model: 'fake-model', thinking: 'on' }],
        'chorus.provider': 'team-vllm',
      },
    });
    frame = await openChatPanel(workbench.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-endpoints-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await team?.close();
    await local?.close();
  });

  it('an endpoint from chorus.endpoints streams thinking (vLLM\'s `reasoning` field) then an answer; the next request carries no reasoning', async () => {
    await frame.locator('.model-picker .model-name', { hasText: 'Team vLLM · fake-model' }).waitFor();
    const base = { id: 'v1', object: 'chat.completion.chunk', created: 1, model: 'fake-model' };
    const delta = (d: Record<string, unknown>): Record<string, unknown> => ({ ...base, choices: [{ index: 0, delta: d, finish_reason: null }] });
    team.enqueue(sseReply([delta({ role: 'assistant', reasoning: 'Weighing **options**: ' }), { delayMs: 5 }, delta({ reasoning: 'endpoint-thought.' }), { delayMs: 5 }, ...textChunks('Use a map.', { piece: 3 })]));
    await sendPrompt(frame, 'Map or list?');
    const answer = frame.locator('article.turn.assistant[data-status="done"]', { hasText: 'Use a map.' });
    await answer.waitFor({ timeout: 30_000 });
    assert.equal(await answer.locator('details.thinking .thinking-body strong').textContent(), 'options');
    assert.match((await answer.locator('details.thinking summary').textContent()) ?? '', /^Thought for \d+ s$/);
    assert.equal(((await answer.locator('.answer').textContent()) ?? '').trim(), 'Use a map.');
    assert.deepEqual((team.requests.at(-1)!.body as Body).chat_template_kwargs, { enable_thinking: true }, 'thinking: on, as vLLM takes it');

    team.enqueue(sseReply(textChunks('Noted.')));
    await sendPrompt(frame, 'Thanks');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'Noted.' }).waitFor();
    const body = team.requests.at(-1)!.body as Body;
    assert.deepEqual(body.messages.slice(-2), [
      { role: 'assistant', content: 'Use a map.' },
      { role: 'user', content: 'Thanks' },
    ]);
    assert.ok(!JSON.stringify(body).includes('endpoint-thought'), 'the next request carries no reasoning');
  });

  it('"Add endpoint…" in the model picker: preset, base URL, key, then a model from the server\'s list', async () => {
    const { page } = workbench;
    assert.equal(await frame.locator('button:has(.codicon-file-media)').isHidden(), true, 'fake-model on vLLM takes no images');
    const quickPick = page.locator('.quick-input-widget');
    const input = quickPick.locator('input');
    await frame.locator('button.model-picker').click();
    // The picker groups models by provider: the current endpoint's list has arrived.
    await quickPick.locator('.monaco-list-row[aria-label^="internlm3-latest"]').first().waitFor();
    await quickPick.locator('.monaco-list-row', { hasText: 'Add endpoint' }).click();
    await quickPick.locator('.monaco-list-row', { hasText: 'Ollama' }).first().waitFor();
    await input.fill('Ollama');
    await page.keyboard.press('Enter');
    await quickPick.locator('.quick-input-title', { hasText: '(2/3)' }).waitFor();
    assert.equal(await input.inputValue(), 'http://127.0.0.1:11434/v1', 'the preset\'s address is offered');
    await input.fill(local.baseUrl);
    await page.keyboard.press('Enter');
    const key = quickPick.locator('input[type="password"]');
    await key.waitFor();
    await page.keyboard.press('Enter'); // Ollama needs no key.
    await quickPick.locator('.monaco-list-row[aria-label^="llava:7b"]').first().waitFor();
    await input.fill('llava');
    await page.keyboard.press('Enter');
    await frame.locator('.model-picker .model-name', { hasText: 'Ollama · llava:7b' }).waitFor();
    // llava takes images: the image button is offered.
    await frame.locator('button:has(.codicon-file-media):not([hidden])').waitFor();

    local.enqueue(sseReply(textChunks('Hello from Ollama.')));
    await sendPrompt(frame, 'Hi local');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'Hello from Ollama.' }).waitFor();
    const request = local.requests.at(-1)!;
    assert.equal((request.body as Body).model, 'llava:7b');
    assert.equal(request.headers.authorization, undefined, 'no key set, none sent');
  });
});
