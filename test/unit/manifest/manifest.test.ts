import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions walk the manifest's JSON freely
const manifest = JSON.parse(read('package.json')) as Record<string, any>;

describe('package.json', () => {
  it('has the identity and engine floor Chorus ships with', () => {
    assert.equal(manifest.name, 'chorus');
    assert.equal(manifest.displayName, 'Chorus');
    assert.equal(manifest.publisher, 'chorus-dev');
    assert.equal(manifest.engines.vscode, '^1.90.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.90.0', '@types/vscode matches the engines floor');
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('contributes the chat view in its own activity-bar container', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), ['chorus']);
    const chatView = manifest.contributes.views.chorus.find((v: { id: string }) => v.id === 'chorus.chat');
    assert.equal(chatView?.type, 'webview');
  });

  it('translates every %placeholder% in English and Simplified Chinese', () => {
    const placeholders = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.ok(placeholders.length > 5);
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const strings = JSON.parse(read(file)) as Record<string, string>;
      const missing = placeholders.filter((key) => typeof strings[key] !== 'string' || strings[key]!.trim() === '');
      assert.deepEqual(missing, [], `${file} lacks keys`);
    }
  });

  it('whitelists what the .vsix holds', () => {
    const lines = read('.vscodeignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**', 'everything is excluded first');
    assert.ok(lines.includes('!dist/extension.js') && lines.includes('!dist/webview.js'));
    assert.ok(!lines.some((l) => /node_modules|src|test|\.map/.test(l) && l.startsWith('!')), 'no sources, maps or node_modules');
  });
});
