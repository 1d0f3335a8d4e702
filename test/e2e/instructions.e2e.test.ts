import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { lastAnswerWith, openChatPanel, sendPrompt } from './chatPanel';
import { openWorkbench, screenshot, type Workbench } from './workbench';

type Body = { messages: Array<{ role: string; content: string }> };

describe('instruction files, end to end', () => {
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
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-instructions-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('the panel names AGENTS.md once it appears, the chat sends it, and the line goes when it is deleted', async () => {
    const line = frame.locator('.instructions-line');
    assert.equal(await line.isVisible(), false, 'no instruction files yet');
    const agents = path.join(workbench.folder, 'AGENTS.md');
    fs.writeFileSync(agents, 'Reply like a pirate.\n');
    await line.waitFor({ state: 'visible' });
    assert.equal((await line.textContent())?.trim(), 'Instructions: AGENTS.md');

    fake.enqueue(sseReply(textChunks('Arr, hello.')));
    await sendPrompt(frame, 'Say hello');
    await lastAnswerWith(frame, 'done');
    const [system, user] = (fake.requests.at(-1)!.body as Body).messages;
    assert.deepEqual(system, { role: 'system', content: 'Follow these instructions from the user and their project:\n\nReply like a pirate.' });
    assert.equal(user?.content, 'Say hello');

    fs.rmSync(agents);
    await line.waitFor({ state: 'hidden' });
  });
});
