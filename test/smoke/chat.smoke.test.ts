// The smoke suite: run by the smoke stage (test/harness/runSmoke.ts) in the oldest VS Code Chorus
// supports (engines ^1.90.0), with the packaged Chorus installed: it activates, and one chat goes
// through the panel to a local provider and back.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { floorCodeServerVersion } from '../harness/codeServerVersions';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { lastAnswerWith, openChatPanel, sendPrompt } from '../e2e/chatPanel';
import { openWorkbench, runCommand, screenshot, type Workbench } from '../e2e/workbench';

describe('smoke: Chorus in the oldest supported VS Code', () => {
  let fake: FakeProvider;
  let workbench: Workbench;
  let frame: Frame;

  before(async () => {
    fake = await startFakeProvider();
    workbench = await openWorkbench({
      version: floorCodeServerVersion,
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-smoke-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('activates and opens its chat panel', async () => {
    frame = await openChatPanel(workbench.page);
    assert.equal(await frame.locator('h1.chorus-title').textContent(), 'Chorus');
    await runCommand(workbench.page, 'Chorus: Show Log');
    // Monaco renders spaces as no-break spaces, hence \s.
    await workbench.page.locator('.part.panel .monaco-editor .view-lines').filter({ hasText: /Chorus\s\d+\.\d+\.\d+\sactivating/ }).waitFor({ timeout: 30_000 });
  });

  it('sends a prompt from the panel and shows the streamed answer', async () => {
    fake.enqueue(sseReply(textChunks('Hello from the **smoke** test.', { piece: 5 })));
    await sendPrompt(frame, 'Say hello');
    const answer = await lastAnswerWith(frame, 'done');
    assert.match((await answer.locator('.answer').textContent()) ?? '', /Hello from the smoke test\./);
    assert.equal(await answer.locator('strong').first().textContent(), 'smoke');
    const body = fake.requests.at(-1)!.body as { model: string; messages: Array<{ role: string; content: string }> };
    assert.equal(body.model, 'fake-model');
    assert.equal(body.messages.at(-1)!.content, 'Say hello');
    await screenshot(workbench.page, 'smoke-chat');
  });
});
