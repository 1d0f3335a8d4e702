import * as assert from 'node:assert/strict';
import { startFakeProvider, sseReply, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { openChatPanel, sendPrompt } from './chatPanel';
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

  it('asks once, naming scheme, host and port; Cancel is remembered; asked again on request, Allow is remembered', async () => {
    const { page } = workbench;
    const frame = await openChatPanel(page);
    const dialog = page.locator('.monaco-dialog-box');
    own.enqueue(sseReply(textChunks('from my own server')));
    await sendPrompt(frame, 'first');
    await dialog.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await screenshot(page, 'trust-no-dialog');
      throw e;
    });
    assert.match((await dialog.textContent()) ?? '', new RegExp(`http://127\\.0\\.0\\.1:${foreign.port}`));
    await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'from my own server' }).waitFor();
    assert.equal(foreign.requests.length, 0, 'nothing went to the workspace\'s host');
    assert.equal(own.requests.at(-1)!.headers.authorization, `Bearer ${key}`);

    own.enqueue(sseReply(textChunks('refusal remembered')));
    await sendPrompt(frame, 'second');
    await frame.locator('article.turn.assistant .answer', { hasText: 'refusal remembered' }).waitFor();
    assert.equal(await dialog.count(), 0, 'no dialog on every request after Cancel');
    assert.equal(foreign.requests.length, 0);

    await runCommand(page, 'Chorus: Ask Again About This Workspace\'s Provider Settings');
    foreign.enqueue(sseReply(textChunks('from the workspace server')));
    await sendPrompt(frame, 'third');
    await dialog.waitFor();
    await dialog.locator('a.monaco-button, button', { hasText: 'Use Workspace Settings' }).first().click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'from the workspace server' }).waitFor();

    foreign.enqueue(sseReply(textChunks('asked only once')));
    await sendPrompt(frame, 'fourth');
    await frame.locator('article.turn.assistant .answer', { hasText: 'asked only once' }).waitFor();
    assert.equal(await dialog.count(), 0, 'no second confirmation');
    assert.equal(foreign.requests.length, 2);
  });
});

describe('a workspace that switches to a provider that needs no key', () => {
  let own: FakeProvider;
  let foreign: FakeProvider;
  let workbench: Workbench;

  before(async () => {
    own = await startFakeProvider();
    foreign = await startFakeProvider();
    workbench = await openWorkbench({
      // The user's own InternLM deployment, on this machine: no key needed.
      settings: { 'chorus.internlm.baseUrl': own.baseUrl },
      // The cloned project switches to the OpenAI-compatible provider (no key needed) at its own host.
      workspaceSettings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': foreign.baseUrl, 'chorus.openai.model': 'fake-model' },
    });
  });

  after(async () => {
    await workbench?.close();
    await own?.close();
    await foreign?.close();
  });

  it('asks before the first prompt goes anywhere, naming the provider and address; Cancel keeps the user\'s provider and is remembered', async () => {
    const { page } = workbench;
    const frame = await openChatPanel(page);
    const dialog = page.locator('.monaco-dialog-box');
    own.enqueue(sseReply(textChunks('from my own InternLM')));
    await sendPrompt(frame, 'a question with private code');
    await dialog.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await screenshot(page, 'trust-keyless-no-dialog');
      throw e;
    });
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Provider: OpenAI-compatible/);
    assert.match(text, new RegExp(`http://127\\.0\\.0\\.1:${foreign.port}`));
    assert.equal(foreign.requests.length, 0, 'nothing was sent before the answer');
    await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'from my own InternLM' }).waitFor();

    await frame.locator('button[aria-label="New Chat"]').first().click();
    own.enqueue(sseReply(textChunks('still my own')));
    await sendPrompt(frame, 'another question');
    await frame.locator('article.turn.assistant .answer', { hasText: 'still my own' }).waitFor();
    assert.equal(await dialog.count(), 0, 'the refusal is remembered');
    assert.equal(foreign.requests.length, 0, 'nothing ever went to the workspace\'s host');
    assert.equal(own.requests.length, 2);
  });
});

describe('a workspace that defines its own endpoint and makes it current', () => {
  let own: FakeProvider;
  let foreign: FakeProvider;
  let workbench: Workbench;

  before(async () => {
    own = await startFakeProvider();
    foreign = await startFakeProvider();
    workbench = await openWorkbench({
      settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': own.baseUrl, 'chorus.openai.model': 'fake-model' },
      workspaceSettings: {
        'chorus.endpoints': [{ id: 'ws-team', name: 'Team Server', baseUrl: foreign.baseUrl, model: 'fake-model' }],
        'chorus.provider': 'ws-team',
      },
    });
  });

  after(async () => {
    await workbench?.close();
    await own?.close();
    await foreign?.close();
  });

  it('asks once, in one dialog naming the endpoint and its address; Cancel keeps the user\'s provider; allowed after Ask Again', async () => {
    const { page } = workbench;
    const frame = await openChatPanel(page);
    const dialog = page.locator('.monaco-dialog-box');
    own.enqueue(sseReply(textChunks('from my own server')));
    await sendPrompt(frame, 'private question');
    await dialog.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await screenshot(page, 'trust-endpoint-no-dialog');
      throw e;
    });
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Provider: Team Server/);
    assert.match(text, /Endpoint: Team Server \(ws-team\)/);
    assert.match(text, new RegExp(`http://127\\.0\\.0\\.1:${foreign.port}`));
    await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'from my own server' }).waitFor();
    assert.equal(foreign.requests.length, 0, 'nothing went to the workspace\'s endpoint');

    await runCommand(page, 'Chorus: Ask Again About This Workspace\'s Provider Settings');
    // A conversation keeps its provider: a new one is where the workspace's choice applies again.
    await frame.locator('button[aria-label="New Chat"]').first().click();
    foreign.enqueue(sseReply(textChunks('from the team server')));
    await sendPrompt(frame, 'now allowed');
    await dialog.waitFor();
    await dialog.locator('a.monaco-button, button', { hasText: 'Use Workspace Settings' }).first().click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'from the team server' }).waitFor();
    assert.equal(await dialog.count(), 0, 'one dialog for the provider and its endpoint');

    foreign.enqueue(sseReply(textChunks('no more questions')));
    await sendPrompt(frame, 'again');
    await frame.locator('article.turn.assistant .answer', { hasText: 'no more questions' }).waitFor();
    assert.equal(foreign.requests.filter((r) => r.method === 'POST').length, 2);
  });
});
