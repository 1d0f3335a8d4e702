// An upgrade as a user has it: Chorus in use (a key set, a conversation, a draft, a chosen model),
// VS Code closed, a newer Chorus installed over it, VS Code started again in the same browser
// profile. Everything must still be there and work.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { copySampleWorkspace } from '../harness/workspace';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { composer, lastAnswerWith, openChatPanel, sendPrompt } from './chatPanel';
import { baseUrls, runCommand, screenshot } from './workbench';

const KEY = 'sk-upgrade-test-0123456789abcdef';

/** The next patch version of `version` (0.1.0 → 0.1.1). */
function nextPatch(version: string): string {
  const [major, minor, patch] = version.split(/[.-]/).map(Number);
  return `${major}.${minor}.${(patch ?? 0) + 1}`;
}

/** Packages the working tree as the next version, into `dir`, without touching package.json. */
function packageNextVersion(dir: string, version: string): string {
  const out = path.join(dir, `chorus-${version}.vsix`);
  const vsce = require.resolve('@vscode/vsce/vsce');
  execFileSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--no-git-tag-version', '--no-update-package-json', '--out', out, version],
    { cwd: repoRoot, stdio: 'ignore' },
  );
  return out;
}

describe('upgrading Chorus keeps keys, settings, history and the draft', function () {
  this.timeout(6 * 60_000);
  let fake: FakeProvider;
  let browser: Browser;
  let page: Page;
  let server: CodeServer | undefined;
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-upgrade-'));
  const stateDir = path.join(temp, 'state');
  const extensionsDir = path.join(temp, 'extensions');
  let folder: string;
  const current = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const next = nextPatch(current);

  const start = async (vsix: string, port?: number): Promise<CodeServer> => {
    const settings = { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' };
    const started = await startCodeServer({
      folder,
      extensionsDir,
      stateDir,
      ...(port ? { port } : {}),
      settings,
      machineSettings: baseUrls(settings),
      install: [vsix],
    });
    await page.goto(`${started.url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    return started;
  };

  before(async () => {
    fake = await startFakeProvider();
    folder = copySampleWorkspace();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, 'upgrade-failed');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
    fs.rmSync(temp, { recursive: true, force: true });
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it(`from ${current} to ${next}: the key, the conversation, the draft and the model picked are all still there`, async () => {
    const vsix = process.env.CHORUS_VSIX ?? path.join(repoRoot, 'chorus.vsix');
    server = await start(vsix);
    let frame = await openChatPanel(page);
    assert.equal(await frame.locator('#chorus-app').getAttribute('data-version'), current);

    await runCommand(page, 'Chorus: Set API Key');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'OpenAI-compatible' }).first().waitFor();
    await page.locator('.quick-input-widget input').fill('OpenAI-compatible');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[type="password"]').fill(KEY);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts', { hasText: 'is saved' }).waitFor();
    await runCommand(page, 'Chorus: Select Model');
    await page.locator('.quick-input-widget .monaco-list-row[aria-label^="internlm3-latest"]').first().click();
    frame = await openChatPanel(page);
    await frame.locator('.model-picker .model-name', { hasText: 'internlm3-latest' }).waitFor();
    fake.enqueue(sseReply(textChunks('Answered before the upgrade.')));
    await sendPrompt(frame, 'A question before the upgrade');
    await lastAnswerWith(frame, 'done');
    await composer(frame).fill('a draft I had not sent');
    // The draft reaches the host after a short pause in typing.
    await page.waitForTimeout(1000);

    // VS Code closes; the newer Chorus is installed over the old one; VS Code starts again.
    const port = server.port;
    await server.stop();
    server = undefined;
    const newer = packageNextVersion(temp, next);
    server = await start(newer, port);
    frame = await openChatPanel(page);
    assert.equal(await frame.locator('#chorus-app').getAttribute('data-version'), next, 'the newer Chorus is the one running');
    assert.ok(fs.existsSync(path.join(extensionsDir, `chorus-dev.chorus-${next}`)), 'installed over the old one, in the same extensions folder');

    await frame.locator('article.turn.assistant .answer', { hasText: 'Answered before the upgrade.' }).waitFor({ timeout: 30_000 });
    assert.equal(await composer(frame).inputValue(), 'a draft I had not sent', 'the draft survived');
    await frame.locator('.model-picker .model-name', { hasText: 'OpenAI-compatible · internlm3-latest' }).waitFor();
    assert.equal(await frame.locator('.key-notice').isVisible(), false, 'no "set a key" notice: the key is still stored');
    await frame.locator('button[aria-label="History"]').click();
    await frame.locator('.history-item', { hasText: 'A question before the upgrade' }).waitFor();
    await frame.locator('button[aria-label="History"]').click();

    fake.enqueue(sseReply(textChunks('Answered after the upgrade.')));
    await composer(frame).fill('A question after the upgrade');
    await composer(frame).press('Enter');
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: 'Answered after the upgrade.' }).waitFor({ timeout: 30_000 });
    const request = fake.requests.at(-1)!;
    assert.equal(request.headers.authorization, `Bearer ${KEY}`, 'the stored key is sent after the upgrade');
    assert.equal((request.body as { model: string }).model, 'internlm3-latest');
    const messages = (request.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content);
    assert.deepEqual(messages, ['A question before the upgrade', 'Answered before the upgrade.', 'A question after the upgrade'], 'the conversation continues where it was');
    await screenshot(page, 'after-upgrade');
  });
});
