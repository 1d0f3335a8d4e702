import * as assert from 'node:assert/strict';
import { highlightToHtml } from '../../../src/webview/render/highlight';
import { createMarkdownIt } from '../../../src/webview/render/markdown';
import type { RenderEnv } from '../../../src/webview/render/renderEnv';
import { defaultRenderStrings } from '../../../src/webview/render/strings';

/** markdown-it's HTML for `text` with Chorus's rules, and the code blocks it collected. */
function render(text: string, strings = defaultRenderStrings): { html: string; env: RenderEnv } {
  const env: RenderEnv = { codeIndexStart: 0, codes: [], lineTerminators: undefined, linkDepth: 0 };
  return { html: createMarkdownIt(strings).render(text, env), env };
}

describe('highlighting limits', () => {
  // Before the limits: java took about 13 s on the 40,000 `$`, ini and csharp seconds on the long names.
  it('shows hostile long tokens as plain escaped text, quickly', function () {
    this.timeout(1000);
    const dollars = '$'.repeat(40_000);
    assert.ok(highlightToHtml(`${dollars} <b>`, 'java') === `${dollars} &lt;b&gt;`);
    assert.ok(highlightToHtml(`[a]\n${'a'.repeat(40_000)}`, 'ini') === `[a]\n${'a'.repeat(40_000)}`);
    assert.ok(highlightToHtml(`var x = ${'a'.repeat(40_000)};`, 'csharp') === `var x = ${'a'.repeat(40_000)};`);
  });

  it('shows a block longer than the limit as plain text, even with short lines', () => {
    const block = 'int a = 1;\n'.repeat(3_000);
    assert.ok(highlightToHtml(block, 'java') === block);
  });

  it('still highlights ordinary code, up to lines of 1,000 characters', () => {
    const html = highlightToHtml('public class A {\n  int x = 1; // one\n}', 'java');
    assert.match(html, /<span class="hljs-keyword">public<\/span>/);
    assert.match(html, /<span class="hljs-comment">\/\/ one<\/span>/);
    assert.match(highlightToHtml(`int a = 1; // ${'x'.repeat(980)}`, 'java'), /hljs-comment/);
  });

  it('says why a code block is not highlighted, in the strings it is given', () => {
    const longLine = render(`\`\`\`java\nclass A {}\n${'$'.repeat(5_000)}\n\`\`\``);
    assert.match(longLine.html, /<div class="chorus-code-note">Highlighting skipped: a line is too long<\/div>/);
    assert.equal(longLine.env.codes[0]!.language, 'plaintext');
    const longBlock = render(`\`\`\`java\n${'int a = 1;\n'.repeat(3_000)}\`\`\``, { ...defaultRenderStrings, highlightBlockTooLong: '已跳过语法高亮：代码块过长' });
    assert.match(longBlock.html, /<div class="chorus-code-note">已跳过语法高亮：代码块过长<\/div>/);
    const ordinary = render('```java\nclass A {}\n```');
    assert.doesNotMatch(ordinary.html, /chorus-code-note/);
    assert.equal(ordinary.env.codes[0]!.language, 'java');
  });

  it('adds no note to plain text, however long', () => {
    assert.doesNotMatch(render(`\`\`\`\n${'$'.repeat(5_000)}\n\`\`\``).html, /chorus-code-note/);
  });
});
