// Corrupt history files, found by the real extension: each is set aside (renamed *.corrupt) with a
// warning the user sees, and the rest of the history still lists and opens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { sseReply, textChunks } from '../fixtures/fakeProvider';
import { ask, clearToasts, newChat } from './chatUi';
import { chorusLog, findExtensionHost, pollUntil } from './extensionHost';
import { figure } from './figures';
import { hostErrorMark, hostErrorsSince, type Session, withChatPanel } from './session';

describe('History: corrupt files are set aside with a warning', function () {
  this.timeout(5 * 60_000);
  let s: Session;
  let frame: Frame;

  withChatPanel((session, chat) => {
    s = session;
    frame = chat;
  });

  it('a truncated, a misshapen and a binary history file are set aside; the others still list and open', async () => {
    const dir = path.join(s.server.userDataDir, 'User', 'globalStorage', 'chorus-dev.chorus', 'conversations');
    await newChat(frame);
    s.fake.enqueue(sseReply(textChunks('A conversation that must survive its corrupt neighbours.')));
    await ask(frame, 'History survivor');
    const survivor = await pollUntil(
      () => fs.readdirSync(dir).find((name) => name.endsWith('.json') && fs.readFileSync(path.join(dir, name), 'utf8').includes('History survivor')),
      (found) => found !== undefined,
    );
    assert.ok(survivor, 'the conversation was saved');
    const whole = fs.readFileSync(path.join(dir, survivor), 'utf8');
    const corrupt = {
      // What a write cut short by a crash would leave, were writes not atomic.
      'corrupt-truncated.json': whole.replace(/"id":"[^"]+"/, '"id":"corrupt-truncated"').slice(0, Math.floor(whole.length / 2)),
      'corrupt-shape.json': JSON.stringify({ id: 'corrupt-shape', title: 42, turns: 'none' }),
      'corrupt-binary.json': Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)).toString('latin1'),
    };
    for (const [name, content] of Object.entries(corrupt)) fs.writeFileSync(path.join(dir, name), content, 'latin1');
    const hostErrors = hostErrorMark(s);
    const pid = findExtensionHost(s.server.userDataDir);
    const logBefore = chorusLog(s.server.userDataDir).length;
    await clearToasts(s.page);

    // Searching reads every file (the list itself is cached after the first time).
    await frame.locator('button[aria-label="History"]').click();
    await frame.locator('.history-search').fill('survivor');
    await frame.locator('.history-item', { hasText: 'History survivor' }).waitFor();
    const warnings = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'could not be read and was set aside' });
    await pollUntil(() => warnings.count(), (n) => n >= 3, 15_000);
    const shown = await warnings.allInnerTexts();
    const left = fs.readdirSync(dir);
    const setAside = left.filter((name) => /^corrupt-(truncated|shape|binary)\.json\.[0-9a-f]+\.corrupt$/.test(name));
    const logged = (chorusLog(s.server.userDataDir).slice(logBefore).match(/could not be read and was set aside/g) ?? []).length;
    await frame.locator('.history-item .history-open', { hasText: 'History survivor' }).click();
    await frame.locator('article.turn.assistant .answer', { hasText: 'must survive its corrupt neighbours' }).waitFor();
    figure('History', `corrupt files: 3; set aside as *.corrupt: ${setAside.length}; warnings shown: ${shown.length}, logged: ${logged}; the other conversation still opens`);
    assert.equal(setAside.length, 3, `set aside: ${left.join(', ')}`);
    assert.ok(!left.some((name) => name.startsWith('corrupt-') && name.endsWith('.json')), 'no corrupt file is left where history is read');
    assert.equal(shown.length, 3, 'the user is warned once per file');
    for (const text of shown) assert.match(text, /Chorus: A history file could not be read and was set aside as corrupt-(truncated|shape|binary)\.json\.[0-9a-f]+\.corrupt/);
    assert.equal(logged, 3);
    assert.equal(findExtensionHost(s.server.userDataDir), pid);
    assert.deepEqual(hostErrorsSince(s, hostErrors), []);
    await clearToasts(s.page);
  });
});
