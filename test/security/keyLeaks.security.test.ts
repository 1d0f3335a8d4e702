// Key leaks, last: after the whole session (keys set through the masked prompt, hundreds of chats,
// every fault) plus providers echoing the keys in their errors and an export of the conversation,
// the window is reloaded (VS Code flushes its state) and every place a key could end up is scanned:
// files, logs, the output channel, VS Code's state (globalState, workspaceState), history, the
// webview's DOM, state and messages, the workbench, the export.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { filesContaining } from '../integration/scanForSecret';
import { openaiErrorReply, sseReply, textChunks } from '../fixtures/fakeProvider';
import { qianfanJsonReply } from '../fixtures/fakeQianfan';
import { runCommand } from '../e2e/workbench';
import { answerCount, ask, clearToasts, finishedAnswer, newChat } from './chatUi';
import { chorusLog, extensionHostLog, pollUntil } from './extensionHost';
import { figure } from './figures';
import { type Session, settingsFile, withChatPanel } from './session';

interface StoredItem {
  readonly db: string;
  readonly store: string;
  readonly key: string;
  readonly value: string;
}

/** Everything in the workbench's IndexedDB databases (VS Code web keeps its state there), as text. */
const READ_INDEXED_DB = `(async () => {
  const done = (request) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
  const text = (value) => value instanceof Uint8Array ? new TextDecoder().decode(value) : typeof value === 'string' ? value : JSON.stringify(value);
  const items = [];
  for (const { name } of await indexedDB.databases()) {
    const db = await done(indexedDB.open(name));
    for (const store of Array.from(db.objectStoreNames)) {
      const objects = db.transaction(store, 'readonly').objectStore(store);
      const [keys, values] = await Promise.all([done(objects.getAllKeys()), done(objects.getAll())]);
      keys.forEach((key, i) => items.push({ db: name, store, key: String(key), value: text(values[i]) }));
    }
    db.close();
  }
  return items;
})()`;

describe('Key leaks: the keys are nowhere but in SecretStorage', function () {
  this.timeout(10 * 60_000);
  let s: Session;
  let frame: Frame;

  withChatPanel((session, chat) => {
    s = session;
    frame = chat;
  }, 'keyLeaks');

  it('after keys, chats, errors echoing the keys and an export, a scan finds the keys in none of the places', async () => {
    const { keys } = s;
    const marker = `key-scan-marker-${Date.now()}`;

    // Errors whose provider messages carry the keys back.
    await newChat(frame);
    s.fake.enqueue(openaiErrorReply(401, `Incorrect API key provided: ${keys.openai}. Authorization: Bearer ${keys.openai}`));
    const rejected = await ask(frame, `${marker} first question`);
    assert.equal(rejected.status, 'error');
    s.fake.enqueue(sseReply(textChunks(`An answer for ${marker}.`)));
    await rejected.answer.locator('.turn-error button', { hasText: 'Retry' }).click();
    await frame.locator('article.turn.assistant[data-status="done"] .answer', { hasText: marker }).waitFor();
    const openaiSawKey = s.fake.requests.some((r) => r.headers.authorization === `Bearer ${keys.openai}`);

    // Qianfan: a token refusal that quotes the Secret Key, then a chat with a fresh access token.
    await s.updateSettings({ 'chorus.provider': 'qianfan' });
    await frame.locator('.model-name', { hasText: 'Baidu Qianfan' }).waitFor({ timeout: 20_000 });
    await newChat(frame);
    const tokensBefore = s.qianfan.tokens.length;
    s.qianfan.revokeTokens();
    s.qianfan.nextToken(qianfanJsonReply({ error: 'invalid_client', error_description: `Client authentication failed for ${keys.qianfanApiKey} / ${keys.qianfanSecretKey}` }, { status: 401 }));
    const refused = await ask(frame, `${marker} qianfan question`);
    assert.equal(refused.status, 'error');
    const refusedTurn = await refused.answer.getAttribute('data-turn-id');
    await refused.answer.locator('.turn-error button', { hasText: 'Retry' }).click();
    await frame.locator(`article.turn.assistant[data-turn-id="${refusedTurn}"]`).waitFor({ state: 'detached' });
    const answered = await finishedAnswer(frame, (await answerCount(frame)) - 1);
    assert.equal(answered.status, 'done', 'Qianfan answers with a fresh token');
    const qianfanSawKeys = s.qianfan.tokenRequests().some((r) => r.query.get('client_secret') === keys.qianfanSecretKey);
    assert.ok(s.qianfan.tokens.length > tokensBefore, 'a fresh access token was issued');
    await s.updateSettings({ 'chorus.provider': 'openai' });
    await frame.locator('.model-name', { hasText: 'OpenAI-compatible' }).waitFor({ timeout: 20_000 });

    // A draft (workspaceState) and an export of the conversation (an untitled Markdown document).
    await frame.locator('.composer-input').fill(`${marker} draft`);
    await frame.waitForTimeout(800);
    await frame.locator('button[aria-label="History"]').click();
    await frame.locator('.history-item', { hasText: marker }).first().locator('button[aria-label="Export to Markdown"]').click();
    const exportEditor = s.page.locator('.editor-instance .monaco-editor').first();
    await exportEditor.locator('.view-lines', { hasText: marker }).waitFor();
    await exportEditor.locator('.view-lines').click();
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.press('Control+C');
    const exported = await s.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    await runCommand(s.page, 'View: Revert and Close Editor');
    await frame.locator('.history-top button[aria-label="Back to chat"]').click();
    await clearToasts(s.page);

    // Reload: VS Code writes its state out, and the panel comes back from its saved state.
    s.page.on('dialog', (dialog) => void dialog.accept());
    await s.page.reload();
    await s.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    frame = await s.chat();
    await frame.locator('.composer-input').waitFor();
    await frame.locator('article.turn.user', { hasText: marker }).first().waitFor();

    // The places.
    const secrets = s.secrets();
    const places = new Map<string, string[]>();
    const controls = new Map<string, boolean>();
    const scanText = (place: string, text: string, control?: string): void => {
      places.set(place, secrets.filter((secret) => text.includes(secret)));
      if (control !== undefined) controls.set(place, text.includes(control));
    };
    const userData = s.server.userDataDir;
    const scanFiles = (place: string, dir: string, skip?: (relative: string) => boolean, control?: string): void => {
      places.set(place, secrets.filter((secret) => filesContaining(dir, secret, skip).length > 0));
      if (control !== undefined) controls.set(place, filesContaining(dir, control, skip).length > 0);
    };
    const history = path.join(userData, 'User', 'globalStorage', 'chorus-dev.chorus');
    scanText('user settings.json', fs.readFileSync(settingsFile(s.server), 'utf8'), 'chorus.provider');
    scanText('remote (machine) settings.json', fs.readFileSync(path.join(userData, 'Machine', 'settings.json'), 'utf8'), 'chorus.openai.baseUrl');
    scanFiles('workspace folder, .vscode/settings.json included', s.folder);
    scanText('output channel "Chorus" (Chorus.log)', chorusLog(userData), 'Key for openai saved in SecretStorage');
    scanText('extension host log', extensionHostLog(userData), 'chorus-dev.chorus');
    scanFiles('all other logs', path.join(userData, 'logs'));
    scanFiles('history files (Chorus global storage)', history, undefined, marker);
    scanFiles('every other file of the user data folder', userData, (relative) => relative.startsWith('logs') || relative.startsWith(path.join('User', 'globalStorage', 'chorus-dev.chorus')));
    scanText('code-server output', s.server.output());

    const stored = (await s.page.evaluate(READ_INDEXED_DB)) as StoredItem[];
    const secretStore = stored.filter((item) => item.key.startsWith('secret://'));
    const inSecretStore = secretStore.filter((item) => secrets.some((secret) => item.value.includes(secret))).length;
    // code-server's SecretStorage: one localStorage item, which should hold the keys only encrypted.
    const secretProvider = String(await s.page.evaluate(`localStorage.getItem('secrets.provider') ?? ''`));
    const decoded = [secretProvider, ...(secretProvider.match(/[A-Za-z0-9+/=]{16,}/g) ?? []).map((chunk) => Buffer.from(chunk, 'base64').toString('latin1'))].join('\n');
    const secretInProvider = secrets.some((secret) => decoded.includes(secret));
    const global = stored.filter((item) => item.db === 'vscode-web-state-db-global' && !item.key.startsWith('secret://'));
    const workspace = stored.filter((item) => item.db.startsWith('vscode-web-state-db-') && item.db !== 'vscode-web-state-db-global');
    const otherDbs = stored.filter((item) => !item.db.startsWith('vscode-web-state-db-'));
    const asText = (items: StoredItem[]): string => items.map((item) => `${item.key}=${item.value}`).join('\n');
    scanText('globalState and application state (IndexedDB, SecretStorage entries left out)', asText(global), 'workbench.');
    scanText('workspaceState and workspace state (IndexedDB)', asText(workspace), marker);
    scanText('other browser storage (IndexedDB)', asText(otherDbs));
    scanText('localStorage and sessionStorage', await s.page.evaluate(() => {
      const g = globalThis as unknown as { localStorage: Record<string, string>; sessionStorage: Record<string, string> };
      return JSON.stringify({ ...g.localStorage }) + JSON.stringify({ ...g.sessionStorage });
    }));
    // The panel as it is now (the frame VS Code shows after the reload), once its conversation is drawn.
    frame = await s.chat();
    const chatDom = await pollUntil(() => frame.evaluate('document.documentElement.outerHTML') as Promise<string>, (html) => html.includes(marker), 10_000);
    scanText('chat webview DOM (and its restored state)', chatDom + ((await frame.parentFrame()?.content()) ?? ''), marker);
    places.set('webview ↔ host messages and setState calls', [...new Set(s.monitor.trafficLeaks)]);
    scanText('workbench DOM (notifications, editors, status bar)', await s.page.content(), 'Chorus');
    scanText('exported conversation (Markdown)', exported, marker);
    const errorsShown = await frame.locator('.turn-error .error-text').allInnerTexts();
    scanText('error messages shown at answers', errorsShown.join('\n'));

    const leaks = [...places].filter(([, found]) => found.length > 0);
    const trafficChecked = s.monitor.traffic.toHost + s.monitor.traffic.toWebview + s.monitor.traffic.states;
    figure('Key leaks', `places scanned: ${places.size}; leaks: ${leaks.length}${leaks.length ? ` (${leaks.map(([p]) => p).join('; ')})` : ''}`);
    figure('Key leaks', `secrets looked for: ${secrets.length} (OpenAI-compatible key, Qianfan API Key and Secret Key, ${secrets.length - 3} Qianfan access tokens); webview messages and states checked: ${trafficChecked}`);
    figure('Key leaks', `controls: the providers received the keys ${openaiSawKey && qianfanSawKeys ? 'yes' : 'NO'}; marker text found where it belongs in ${[...controls.values()].filter(Boolean).length}/${controls.size} places`);
    figure('Key leaks', `SecretStorage (code-server keeps it in localStorage "secrets.provider", ${secretProvider.length} characters, scanned like the rest): a key in plain text or base64 there: ${secretInProvider ? 'YES' : 'no'}; IndexedDB "secret://" entries: ${secretStore.length} (${inSecretStore} holding a key)`);
    for (const place of places.keys()) process.stdout.write(`        scanned: ${place}\n`);
    assert.ok(openaiSawKey && qianfanSawKeys, 'the keys were really set and used');
    assert.deepEqual([...controls].filter(([, found]) => !found).map(([place]) => place), [], 'the scan reads each place (its marker was found)');
    assert.deepEqual(leaks, [], 'no key anywhere');
    assert.ok(places.size >= 18);
  });
});
