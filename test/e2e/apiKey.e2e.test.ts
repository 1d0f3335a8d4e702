import * as assert from 'node:assert/strict';
import { startFakeProvider, sseReply, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { lastAnswerWith, openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, screenshot, type Workbench } from './workbench';

describe('setting a key through the UI, then chatting', () => {
  const key = 'sk-lanrui-e2e-0123456789abcdef';
  let fake: FakeProvider;
  let workbench: Workbench;

  before(async () => {
    // Lanrui always needs a key (InternLM needs one only at its own cloud address, which is not reachable here).
    fake = await startFakeProvider({ apiKey: key, basePath: '/v1' });
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'lanrui', 'chorus.lanrui.baseUrl': fake.baseUrl, 'chorus.lanrui.model': 'meta-llama/Llama-2-7b-chat-hf' },
    });
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('shows what to do without a key, takes the key in a masked prompt, and the next prompt is answered', async () => {
    const { page } = workbench;
    const frame = await openChatPanel(page);
    const notice = frame.locator('.key-notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /No API key is set for Lanrui/);
    await notice.locator('button', { hasText: 'Set API Key' }).click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    assert.equal(await input.getAttribute('type'), 'password', 'the key is typed into a masked box');
    await input.fill(`  Bearer ${key}  `);
    await page.keyboard.press('Enter');
    await notice.waitFor({ state: 'hidden' });
    fake.enqueue(sseReply(textChunks('Key accepted.')));
    await sendPrompt(frame, 'Hello Lanrui');
    const answer = await lastAnswerWith(frame, 'done');
    assert.equal((await answer.locator('.answer').textContent())?.trim(), 'Key accepted.');
    assert.equal(fake.requests.at(-1)!.headers.authorization, `Bearer ${key}`, 'the trimmed key went to the provider');
    assert.equal(fake.requests.at(-1)!.path, '/v1/chat/completions');
    assert.equal((fake.requests.at(-1)!.body as { model: string }).model, 'meta-llama/Llama-2-7b-chat-hf');
    await screenshot(page, 'key-then-chat');
  });
});
