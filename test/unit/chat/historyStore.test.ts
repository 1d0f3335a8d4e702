import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { conversationToMarkdown } from '../../../src/chat/exportMarkdown';
import { HistoryStore } from '../../../src/chat/historyStore';
import type { Conversation } from '../../../src/shared/conversation';

function conversation(id: string, title: string, updatedAt: number, text = 'hello'): Conversation {
  return {
    id,
    title,
    createdAt: updatedAt - 10,
    updatedAt,
    provider: 'internlm',
    model: 'internlm3-latest',
    turns: [
      { id: `${id}-u`, role: 'user', text, createdAt: updatedAt - 5 },
      { id: `${id}-a`, role: 'assistant', text: `answer to ${text}`, status: 'done', createdAt: updatedAt, provider: 'internlm', model: 'internlm3-latest' },
    ],
  };
}

describe('history store', () => {
  let dir: string;
  let warnings: string[];
  let store: HistoryStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-history-'));
    warnings = [];
    store = new HistoryStore(dir, (w) => warnings.push(w));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves, lists newest first, loads and deletes', async () => {
    await store.save(conversation('a', 'Older', 1000));
    await store.save(conversation('b', 'Newer', 2000));
    assert.deepEqual((await store.list()).map((s) => s.title), ['Newer', 'Older']);
    assert.equal((await store.load('a'))?.turns.length, 2);
    await store.delete('b');
    assert.deepEqual((await new HistoryStore(dir, () => undefined).list()).map((s) => s.id), ['a']);
  });

  it('sets a corrupt file aside with a warning and keeps the others', async () => {
    await store.save(conversation('good', 'Good', 1000));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"id": "broken", "turns": [');
    fs.writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify({ hello: 'world' }));
    const fresh = new HistoryStore(dir, (w) => warnings.push(w));
    assert.deepEqual((await fresh.list()).map((s) => s.id), ['good']);
    assert.equal(warnings.length, 2);
    const names = fs.readdirSync(dir);
    assert.equal(names.filter((n) => n.endsWith('.corrupt')).length, 2, 'both bad files were set aside, not deleted');
    assert.ok(!names.includes('broken.json'));
  });

  it('ignores a temporary file left by an interrupted write, and the old version stays readable', async () => {
    await store.save(conversation('c', 'Version 1', 1000));
    fs.writeFileSync(path.join(dir, 'c.json.123.456.tmp'), '{"id":"c","title":"Version 2 (cut off');
    const fresh = new HistoryStore(dir, (w) => warnings.push(w));
    assert.equal((await fresh.load('c'))?.title, 'Version 1');
    assert.deepEqual((await fresh.list()).map((s) => s.title), ['Version 1']);
    assert.deepEqual(warnings, []);
  });

  it('refuses ids that could leave the folder', async () => {
    assert.equal(await store.load('../../etc/passwd'), undefined);
    await assert.rejects(store.save({ ...conversation('x', 'X', 1), id: '../escape' }));
    assert.equal(fs.existsSync(path.join(dir, '..', 'escape.json')), false);
  });

  it('searches titles and text, every word, ignoring case', async () => {
    await store.save(conversation('p', 'Python question', 1000, 'How do I read a CSV file?'));
    await store.save(conversation('r', 'Rust lifetimes', 2000, '借用检查器 borrow checker'));
    assert.deepEqual((await store.search('csv')).map((s) => s.id), ['p']);
    assert.deepEqual((await store.search('BORROW 借用')).map((s) => s.id), ['r']);
    assert.deepEqual((await store.search('python rust')).map((s) => s.id), []);
    assert.equal((await store.search('  ')).length, 2);
  });
});

describe('Markdown export', () => {
  it('writes the title, each turn, attached code in a fence that cannot break, and failures', () => {
    const c: Conversation = {
      ...conversation('e', 'Export me', Date.UTC(2026, 0, 2)),
      turns: [
        { id: 'u', role: 'user', text: 'Why?', createdAt: 1, attachments: [{ kind: 'code', path: 'a.md', languageId: 'markdown', startLine: 1, endLine: 2, text: '```js\nx\n```' }] },
        { id: 'a', role: 'assistant', text: 'Partial', status: 'error', error: { message: 'InternLM: 429 rate limited', kind: 'rateLimited' }, createdAt: 2, provider: 'internlm', model: 'internlm3-latest' },
      ],
    };
    const md = conversationToMarkdown(c);
    assert.ok(md.startsWith('# Export me\n'));
    assert.ok(md.includes('`a.md:1-2`\n\n````markdown\n```js\nx\n```\n````'));
    assert.ok(md.includes('## Assistant (internlm3-latest)\n\nPartial'));
    assert.ok(md.includes('> ⚠ InternLM: 429 rate limited'));
  });
});
