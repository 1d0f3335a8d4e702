import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseWebviewMessage, type WebviewMessage } from '../../../src/shared/webviewProtocol';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** One message of every type, exactly as its type declares it: the map does not compile with a type missing. */
const SAMPLES: { readonly [T in WebviewMessage['type']]: Extract<WebviewMessage, { type: T }> } = {
  ready: { type: 'ready' },
  send: { type: 'send', text: 'hello', attachments: [{ kind: 'code', source: 'file', trimmedFrom: 9000, path: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 2, text: 'x', before: 'a', after: 'b' }, { kind: 'image', name: 'a.png', dataUrl: PNG }] },
  stop: { type: 'stop', turnId: 'abc' },
  regenerate: { type: 'regenerate', turnId: 'abc' },
  retry: { type: 'retry', turnId: 'abc' },
  edit: { type: 'edit', turnId: 'abc', text: 'hello' },
  copy: { type: 'copy', text: 'the whole answer' },
  codeAction: { type: 'codeAction', action: 'apply', code: 'x', language: 'ts' },
  openLink: { type: 'openLink', url: 'https://example.com/' },
  draft: { type: 'draft', text: 'half', revision: 0 },
  newChat: { type: 'newChat' },
  listHistory: { type: 'listHistory', query: '' },
  openConversation: { type: 'openConversation', id: 'abc' },
  deleteConversation: { type: 'deleteConversation', id: 'abc' },
  exportConversation: { type: 'exportConversation', id: 'abc' },
  selectModel: { type: 'selectModel' },
  listCommands: { type: 'listCommands' },
  setApiKey: { type: 'setApiKey' },
  attach: { type: 'attach', what: 'file' },
  imagePasted: { type: 'imagePasted', name: 'a.png', dataUrl: PNG },
  mentionQuery: { type: 'mentionQuery', seq: 3, query: 'util' },
  mentionTake: { type: 'mentionTake', id: 'm12' },
  openAttachment: { type: 'openAttachment', source: 'file', path: 'src/a.ts', startLine: 4 },
};

describe('webview → host message guard', () => {
  it('accepts a well-formed ready message', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
  });

  it('takes a draft only with its text and a whole, non-negative revision', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'draft', text: 'half a question', revision: 7 }), { type: 'draft', text: 'half a question', revision: 7 });
    for (const revision of [undefined, -1, 1.5, '7', Number.NaN, 2 ** 60]) {
      assert.equal(parseWebviewMessage({ type: 'draft', text: 'x', revision }), undefined, String(revision));
    }
  });

  it('accepts every message type in the shape the webview sends it', () => {
    for (const message of Object.values(SAMPLES)) assert.deepEqual(parseWebviewMessage(message), message, message.type);
  });

  it('accepts Copy with only its text (the webview sends no revision)', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'copy', text: 'answer' }), { type: 'copy', text: 'answer' });
    assert.equal(parseWebviewMessage({ type: 'copy', text: 'answer', revision: 1 }), undefined);
  });

  it('has a sample for every message type the webview code posts', () => {
    const dir = path.join(__dirname, '../../../../src/webview');
    const posted = new Set<string>();
    for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/postToHost\(\{\s*type:\s*'([A-Za-z]+)'/g)) posted.add(m[1]!);
    }
    assert.ok(posted.size >= 10, `found the webview's messages (${[...posted].join(', ')})`);
    for (const type of posted) assert.ok(type in SAMPLES, `${type} has a sample`);
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'ready', extra: true },
      { type: 'constructor' },
      { type: 'toString', text: 'x' },
      { type: '__proto__' },
      { type: { toString: () => 'ready' } },
      Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])),
    ];
    for (const value of bad) assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
  });
});
