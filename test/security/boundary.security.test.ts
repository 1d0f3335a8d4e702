// The webview → host boundary: fuzzed messages posted into the real channel the chat webview uses
// (the webview's outer frame, as the page's own acquireVsCodeApi().postMessage does), as a
// compromised webview would. Each must be refused with one log line; nothing may run, open, change
// or crash. Then messages with a valid shape but hostile values.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { parseWebviewMessage } from '../../src/shared/webviewProtocol';
import { ask, splitAnswer } from './chatUi';
import { chorusLog, findExtensionHost, pollUntil } from './extensionHost';
import { figure } from './figures';
import { fuzzedMessages } from './fuzz';
import { createRandom, securitySeed } from './random';
import { hostErrorMark, hostErrorsSince, type Session, settingsFile, withChatPanel } from './session';

const REFUSED = 'Ignored a malformed message from the chat webview';

/** Content hashes of every file under `dir`, by relative path. */
function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string): void => {
    if (!fs.existsSync(current)) return;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.set(path.relative(dir, full), createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** What a message could change: the workspace, Chorus's storage, the user settings (once no save is under way). */
function snapshot(s: Session): string {
  const conversations = path.join(s.server.userDataDir, 'User', 'globalStorage', 'chorus-dev.chorus', 'conversations');
  for (let i = 0; i < 100 && fs.existsSync(conversations) && fs.readdirSync(conversations).some((name) => name.endsWith('.tmp')); i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  const trees = [s.folder, path.join(s.server.userDataDir, 'User', 'globalStorage', 'chorus-dev.chorus'), path.dirname(settingsFile(s.server))];
  return JSON.stringify(trees.map((dir) => [...hashTree(dir)].filter(([file]) => !file.startsWith('workspaceStorage') && !file.startsWith('History')).sort()));
}

/**
 * The snapshot once it holds still: an answer that finished just before is saved right after the
 * panel shows it, and that save must not be taken for something a message did.
 */
async function settledSnapshot(s: Session): Promise<string> {
  let previous = snapshot(s);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = snapshot(s);
    if (now === previous) return now;
    previous = now;
  }
  return previous;
}

/** What a message could open: editor tabs, a quick pick or input, a dialog, notifications. */
async function openThings(s: Session): Promise<Record<string, number>> {
  const count = (selector: string): Promise<number> => s.page.locator(selector).count();
  return {
    tabs: await count('.tabs-container .tab'),
    quickInput: await s.page.locator('.quick-input-widget:visible').count(),
    dialogs: await count('.monaco-dialog-box'),
    toasts: await count('.notifications-toasts .notification-toast'),
  };
}

/** Posts `messages` through the webview's own channel to the extension host. */
async function postFromWebview(frame: Frame, messages: readonly unknown[]): Promise<void> {
  const outer = frame.parentFrame();
  if (!outer) throw new Error('the chat webview has no outer frame');
  // In batches, so a 7 MB message does not travel with a hundred others.
  for (let i = 0; i < messages.length; i += 20) {
    // Parsed in the page, not written as a literal: in a literal, a "__proto__" key would set the prototype.
    const json = JSON.stringify(JSON.stringify(messages.slice(i, i + 20)));
    await outer.evaluate(`(() => { for (const message of JSON.parse(${json})) window.__vscode_post_message__('onmessage', { message }); })()`);
  }
}

describe('The webview → host boundary under fuzzed messages', function () {
  this.timeout(10 * 60_000);
  let s: Session;
  let frame: Frame;

  withChatPanel((session, chat) => {
    s = session;
    frame = chat;
  });

  it('refuses every malformed, oversized or unknown message with a log line; nothing runs, opens or changes', async () => {
    const random = createRandom(securitySeed + 3);
    const generated = fuzzedMessages(random);
    // The fuzzer must only produce what the host has to refuse; anything valid would be a real action.
    const messages = generated.filter((m) => parseWebviewMessage(m) === undefined);
    assert.ok(messages.length >= 300, `enough fuzzed messages (${messages.length})`);
    const pid = findExtensionHost(s.server.userDataDir);
    const files = await settledSnapshot(s);
    const opened = await openThings(s);
    const turns = await frame.locator('article.turn').count();
    const logBefore = chorusLog(s.server.userDataDir);
    const refusedBefore = logBefore.split(REFUSED).length - 1;
    const hostErrors = hostErrorMark(s);

    await postFromWebview(frame, messages);
    const log = await pollUntil(() => chorusLog(s.server.userDataDir), (text) => text.split(REFUSED).length - 1 >= refusedBefore + messages.length, 30_000);
    await frame.waitForTimeout(1000);
    const newLines = chorusLog(s.server.userDataDir).slice(logBefore.length).split('\n').filter(Boolean);
    const refused = log.split(REFUSED).length - 1 - refusedBefore;
    const otherLines = newLines.filter((line) => !line.includes(REFUSED));

    const filesAfter = snapshot(s);
    const after = await openThings(s);
    // Still alive and still answering.
    s.fake.enqueue(splitAnswer('Still here.', random));
    const { status } = await ask(frame, 'Are you still there?');
    figure('Boundary', `fuzzed messages: ${messages.length} (of ${generated.length} generated; ${generated.length - messages.length} happened to be valid and were not sent); refused with a log line: ${refused}; other log lines: ${otherLines.length}`);
    figure('Boundary', `after the fuzz: extension host ${findExtensionHost(s.server.userDataDir) === pid ? 'same process' : 'RESTARTED'}, files changed: ${filesAfter === files ? 0 : 'some'}, new tabs/quick inputs/dialogs/notifications: ${after.tabs - opened.tabs}/${after.quickInput}/${after.dialogs}/${after.toasts - opened.toasts}`);
    assert.equal(refused, messages.length, 'one "Ignored a malformed message" line per message');
    assert.deepEqual(otherLines, [], 'nothing else happened in Chorus');
    assert.deepEqual(after, opened, 'no editor, picker, dialog or notification opened');
    assert.equal(findExtensionHost(s.server.userDataDir), pid, 'the extension host did not crash or restart');
    assert.equal(filesAfter, files, 'no file was touched');
    assert.equal(await frame.locator('article.turn').count(), turns + 2, 'the conversation only grew by the follow-up prompt and its answer');
    assert.equal(status, 'done', 'the panel still answers');
    assert.deepEqual(hostErrorsSince(s, hostErrors), [], 'no unhandled error in the extension host');
  });

  it('values the renderer would never send (exotic types, huge nesting) do not crash anything', async () => {
    const pid = findExtensionHost(s.server.userDataDir);
    const files = await settledSnapshot(s);
    const outer = frame.parentFrame()!;
    const sent = await outer.evaluate(`(() => {
      const post = window.__vscode_post_message__;
      const deep = (n) => { let v = {}; for (let i = 0; i < n; i++) v = { type: 'send', text: 'x', attachments: [v] }; return v; };
      const exotic = [
        { type: 'send', text: 10n, attachments: [] }, { type: 'ready', at: new Date() }, { type: 'newChat', map: new Map([[1, 2]]) },
        { type: 'copy', text: new Set(['x']) }, { type: 'send', text: new ArrayBuffer(8), attachments: [] }, { type: 'copy', text: new Uint8Array(1 << 20) },
        { type: 'stop', turnId: NaN }, { type: 'stop', turnId: Infinity }, { type: 'edit', turnId: 'abc', text: undefined }, [ , , 'sparse'],
        { type: 'send', text: 'x', attachments: new Array(100000) }, deep(5000), new Error('boom'), /regex/g, { type: 'openLink', url: new URL('https://example.com') },
      ];
      let posted = 0;
      for (const message of exotic) { try { post('onmessage', { message }); posted++; } catch {} }
      return posted;
    })()`);
    await frame.waitForTimeout(1000);
    const filesAfter = snapshot(s);
    s.fake.enqueue(splitAnswer('Still answering.', createRandom(securitySeed + 4)));
    const { status } = await ask(frame, 'Still there?');
    figure('Boundary', `exotic values posted: ${String(sent)}; extension host ${findExtensionHost(s.server.userDataDir) === pid ? 'unharmed' : 'RESTARTED'}`);
    assert.equal(findExtensionHost(s.server.userDataDir), pid);
    assert.equal(filesAfter, files);
    assert.equal(status, 'done');
    assert.equal((await openThings(s)).dialogs, 0);
  });

  it('well-formed messages with hostile values: command:, file: and script links are refused, unknown ids do nothing', async () => {
    const logBefore = chorusLog(s.server.userDataDir).length;
    const files = await settledSnapshot(s);
    const links = ['command:workbench.action.terminal.new', 'file:///etc/passwd', 'javascript:alert(1)', 'vscode://vscode.git/clone?url=https://evil.example/x', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'];
    const hostile = [
      ...links.map((url) => ({ type: 'openLink', url })),
      { type: 'openConversation', id: 'does-not-exist' },
      { type: 'deleteConversation', id: 'does-not-exist' },
      { type: 'exportConversation', id: 'does-not-exist' },
      { type: 'stop', turnId: 'not-a-turn' },
      { type: 'retry', turnId: 'not-a-turn' },
      { type: 'regenerate', turnId: 'not-a-turn' },
      { type: 'edit', turnId: 'not-a-turn', text: 'rm -rf ~' },
    ];
    for (const message of hostile) assert.ok(parseWebviewMessage(message), `${JSON.stringify(message)} is well-formed`);
    await postFromWebview(frame, hostile);
    const log = await pollUntil(() => chorusLog(s.server.userDataDir).slice(logBefore), (text) => (text.match(/Refused to open/g) ?? []).length >= 4, 15_000);
    await frame.waitForTimeout(1000);
    const refusedLinks = (log.match(/Refused to open a [a-z-]+: link/g) ?? []).length;
    figure('Boundary', `hostile but well-formed messages: ${hostile.length}; non-http links refused with a log line: ${refusedLinks}/${links.length}; dialogs opened: ${(await openThings(s)).dialogs}`);
    // new URL() parses every one of these but `javascript:`… too: all have a non-http protocol.
    assert.equal(refusedLinks, links.length);
    assert.equal((await openThings(s)).dialogs, 0, 'no link was offered for opening');
    assert.equal(snapshot(s), files, 'nothing was deleted or written');
  });

  it('a chip click names files only inside the workspace, and @ items only by ids the host issued', async () => {
    const before = await openThings(s);
    const escapes = ['../../../../etc/passwd', '/etc/passwd', 'a/../../../../etc/hostname', '..\\..\\etc\\passwd', 'file:///etc/passwd', '~/.ssh/id_rsa'];
    const hostile = [
      ...escapes.map((path) => ({ type: 'openAttachment', source: 'file', path })),
      ...escapes.map((path) => ({ type: 'openAttachment', source: 'folder', path })),
      { type: 'mentionTake', id: 'm0' },
      { type: 'mentionTake', id: 'm99999' },
    ];
    for (const message of hostile) assert.ok(parseWebviewMessage(message), `${JSON.stringify(message)} is well-formed`);
    await postFromWebview(frame, hostile);
    await frame.waitForTimeout(1500);
    assert.equal((await openThings(s)).tabs, before.tabs, 'no file outside the workspace was opened');
    assert.equal(await frame.locator('.composer .chip').count(), 0, 'no id the host did not issue attached anything');
    // The same message with a workspace file does open it: the refusals above were the check, not a broken channel.
    await postFromWebview(frame, [{ type: 'openAttachment', source: 'file', path: 'sample.ts', startLine: 2 }]);
    await s.page.locator('.tabs-container .tab', { hasText: 'sample.ts' }).waitFor();
  });
});
