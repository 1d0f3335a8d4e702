import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The first argument of every `l10n.t(…)` call written as a string literal, unescaped as JavaScript
 * would; and of every `t(…)` call: the provider module's text (src/providers/userText.ts,
 * qianfan/qianfanText.ts) is written once, through a translation function named `t` that the host
 * binds to vscode.l10n.t, so those templates are l10n keys too.
 */
export function l10nKeys(source: string): string[] {
  const keys: string[] = [];
  const call = /(?:\bl10n\.t|(?<![\w.$])t)\(\s*(['"`])/g;
  for (let match = call.exec(source); match; match = call.exec(source)) {
    const quote = match[1]!;
    let i = call.lastIndex;
    let raw = '';
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\') {
        raw += source.slice(i, i + 2);
        i += 2;
      } else {
        raw += source[i];
        i += 1;
      }
    }
    keys.push(JSON.parse(`"${raw.replace(/\\'/g, "'").replace(/\\`/g, '`').replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`) as string);
  }
  return keys;
}

describe('translations', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const keys = new Set(sourceFiles(path.join(root, 'src')).flatMap((file) => l10nKeys(fs.readFileSync(file, 'utf8'))));

  it('finds the strings the host shows', () => {
    assert.ok(keys.size > 50, `found ${keys.size} l10n.t strings`);
    assert.ok(keys.has('Set API Key'));
  });

  it('has a Simplified Chinese translation for every l10n.t string in the source', () => {
    const missing = [...keys].filter((key) => typeof bundle[key] !== 'string' || bundle[key]!.trim() === '');
    assert.deepEqual(missing, [], 'add these to l10n/bundle.l10n.zh-cn.json');
  });

  it('keeps every {0} placeholder in the translation', () => {
    for (const key of keys) {
      const translated = bundle[key];
      if (!translated) continue;
      const wanted = (key.match(/\{\d+\}/g) ?? []).sort();
      assert.deepEqual((translated.match(/\{\d+\}/g) ?? []).sort(), wanted, `placeholders of "${key}"`);
    }
  });

  it('holds no translation for a string the source no longer has', () => {
    assert.deepEqual(Object.keys(bundle).filter((key) => !keys.has(key)), []);
  });

  it('translates every manifest string into Simplified Chinese', () => {
    const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(en).filter((key) => !zh[key]?.trim()), []);
    assert.deepEqual(Object.keys(zh).filter((key) => !(key in en)), []);
  });
});
