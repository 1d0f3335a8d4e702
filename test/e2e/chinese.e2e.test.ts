import * as assert from 'node:assert/strict';
import { openaiErrorReply, startFakeProvider, type FakeProvider } from '../fixtures/fakeProvider';
import { lastAnswerWith, openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, screenshot, type Workbench } from './workbench';

describe('Chorus in Chinese (VS Code display language zh-cn)', () => {
  let fake: FakeProvider;
  let workbench: Workbench;

  before(async () => {
    fake = await startFakeProvider();
    workbench = await openWorkbench({
      vscodeLocale: 'zh-cn',
      locale: 'zh-CN',
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' },
    });
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('shows the chat panel and a provider error in Simplified Chinese, keeping the provider\'s own words', async () => {
    const frame = await openChatPanel(workbench.page);
    assert.equal(await frame.locator('.composer-input').getAttribute('placeholder'), '向 Chorus 提问…(Enter 发送,Shift+Enter 换行)');
    assert.equal(await frame.locator('.composer-send').textContent(), '发送');
    fake.enqueue(openaiErrorReply(429, 'Rate limit reached for requests', { headers: { 'retry-after': '90' } }));
    await sendPrompt(frame, '你好');
    const answer = await lastAnswerWith(frame, 'error');
    const text = (await answer.locator('.turn-error').textContent()) ?? '';
    assert.match(text, /已达到限流上限/);
    assert.match(text, /HTTP 429/);
    assert.match(text, /Rate limit reached for requests/);
    assert.match(text, /请等待 90 秒后重试/);
    assert.match((await answer.locator('.turn-error button').first().textContent()) ?? '', /重试/);
    await screenshot(workbench.page, 'chat-zh-cn');
  });
});
