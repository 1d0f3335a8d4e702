import * as assert from 'node:assert/strict';
import { enabledPatterns, excludeGlob, expandBraces } from '../../../src/context/excludeGlobs';
import { PathMatcher } from '../../../src/context/fileMatch';
import { notIgnored } from '../../../src/context/gitignoreFilter';

describe('context/fileMatch: the @ picker\'s file search', () => {
  const paths = ['README.md', 'src/chat/chatController.ts', 'src/chat/chatViewProvider.ts', 'src/webview/composer.ts', 'test/unit/chat/chatController.test.ts', 'docs/说明.md'];

  it('finds a file by a fuzzy part of its name, its own name before folders that merely spell it', () => {
    const found = new PathMatcher(paths).search('chatcon', 10).map((m) => m.path);
    assert.deepEqual(found.slice(0, 2).sort(), ['src/chat/chatController.ts', 'test/unit/chat/chatController.test.ts']);
    assert.ok(!found.includes('README.md'));
  });

  it('lists folders after files, and Chinese names match', () => {
    const found = new PathMatcher(paths).search('chat', 20);
    const firstFolder = found.findIndex((m) => m.folder);
    assert.ok(firstFolder > 0 && found.slice(firstFolder).every((m) => m.folder), JSON.stringify(found));
    assert.ok(found.some((m) => m.folder && m.path === 'src/chat'));
    assert.deepEqual(new PathMatcher(paths).search('说明', 5).map((m) => m.path), ['docs/说明.md']);
  });

  it('an empty query lists the first files; the limit holds', () => {
    assert.equal(new PathMatcher(paths).search('', 3).length, 3);
    assert.equal(new PathMatcher(paths).search('', 3).every((m) => !m.folder), true);
  });

  it('takes letters skipped inside words (paygate → paymentGateway.ts) and several words in any part of the path', () => {
    const matcher = new PathMatcher([...paths, 'src/billing/paymentGateway.ts', 'src/billing/gate.ts']);
    assert.equal(matcher.search('paygate', 5)[0]!.path, 'src/billing/paymentGateway.ts');
    assert.equal(matcher.search('billing gate', 5)[0]!.path, 'src/billing/gate.ts', 'a whole name beats a spread one');
    assert.deepEqual(matcher.search('zzz', 5), []);
  });

  it('stays linear on a hostile query: one that almost matches every one of 20,000 long paths', function () {
    // A backtracking matcher takes minutes here (each of 99 letters could be taken at many places).
    this.timeout(20_000);
    const many = Array.from({ length: 20_000 }, (_, i) => `${'a'.repeat(200)}${i}`);
    const matcher = new PathMatcher(many);
    assert.deepEqual(matcher.search(`${'a'.repeat(99)}b`, 50), []);
    assert.equal(matcher.search('a'.repeat(500), 50).length, 50, 'a query is cut to 100 letters, which all these paths hold');
  });
});

describe('context/excludeGlobs: files.exclude and search.exclude as one glob', () => {
  it('takes the patterns that are on, skipping false and conditional ones', () => {
    assert.deepEqual(enabledPatterns({ '**/.git': true, '**/out': false, '**/*.js': { when: '$(basename).ts' } }, { '**/node_modules': true }), ['**/.git', '**/node_modules']);
  });

  it('expands braces so groups never nest, and gives up on a pattern with too many', () => {
    assert.deepEqual(expandBraces('**/*.{js,map}'), ['**/*.js', '**/*.map']);
    assert.equal(excludeGlob(['**/node_modules', '**/*.{js,map}']), '{**/node_modules,**/*.js,**/*.map}');
    assert.equal(excludeGlob([]), undefined);
    assert.equal(excludeGlob(['{a,b}{c,d}{e,f}{g,h}{i,j}']), undefined, 'left out rather than multiplied');
  });
});

describe('context/gitignoreFilter: .gitignore as git reads it', () => {
  it('applies each file to the paths under its folder, with negation and directory rules', () => {
    const paths = ['app.log', 'src/a.ts', 'build/out.js', 'src/gen/x.ts', 'src/gen/keep.ts', 'docs/a.log'];
    const kept = notIgnored(paths, [
      { dir: '', content: '*.log\nbuild/\n' },
      { dir: 'src', content: 'gen/*\n!gen/keep.ts\n' },
    ]);
    assert.deepEqual(kept, ['src/a.ts', 'src/gen/keep.ts']);
  });
});
