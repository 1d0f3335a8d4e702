import * as assert from 'node:assert/strict';
import { useRenderPage } from './hooks';
import type { RenderFacts } from './testApi';

describe('code blocks', () => {
  const page = useRenderPage();

  /** renderStatic into the (visible) stage, then the frames in which visible code gets highlighted. */
  async function shown(markdown: string): Promise<RenderFacts> {
    await page().call('renderStatic', markdown);
    await page().call('settle');
    return page().call('facts');
  }

  afterEach(async () => {
    await page().call('setStrings', undefined);
  });

  it('highlights a fence in its named language', async () => {
    const [block] = (await shown('```ts\nexport const answer: number = 42; // yes\n```')).codeBlocks;
    assert.equal(block.codeClass, 'hljs language-typescript');
    for (const token of ['hljs-keyword', 'hljs-number', 'hljs-comment']) assert.ok(block.tokenClasses.includes(token), token);
    assert.equal(block.shownText, 'export const answer: number = 42; // yes');
  });

  it('understands common aliases (py, shell, sh, yml, c++, html, jsonc)', async () => {
    const facts = await page().call('renderStatic', ['py', 'shell', 'sh', 'yml', 'c++', 'html', 'jsonc'].map((lang) => `\`\`\`${lang}\nx\n\`\`\``).join('\n\n'));
    assert.deepEqual(
      facts.codeBlocks.map((block) => block.codeClass),
      ['python', 'bash', 'bash', 'yaml', 'cpp', 'xml', 'json'].map((lang) => `hljs language-${lang}`),
    );
  });

  it('shows unknown or missing languages as plain text (no auto-detection)', async () => {
    const facts = await shown('```\nfunction f() { return 1; }\n```\n\n```brainfuck\n+[>+<-]\n```');
    assert.deepEqual(facts.codeBlocks.map((block) => [block.codeClass, block.tokenClasses.length]), [
      ['hljs language-plaintext', 0],
      ['hljs language-plaintext', 0],
    ]);
    assert.deepEqual(facts.codeBlocks.map((block) => block.language), ['', 'brainfuck']);
  });

  it('highlights code far below the viewport only once it is scrolled near', async () => {
    const p = page();
    const filler = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of filler text.`).join('\n\n');
    await shown(`\`\`\`ts\nconst top = 1;\n\`\`\`\n\n${filler}\n\n\`\`\`ts\nconst bottom = 2;\n\`\`\``);
    let blocks = (await p.call('facts')).codeBlocks;
    assert.ok(blocks[0].tokenClasses.includes('hljs-keyword'));
    assert.deepEqual(blocks[1].tokenClasses, []);
    assert.equal(blocks[1].shownText, 'const bottom = 2;');
    // Blocks above take their real size as they render, which moves the target: scroll twice.
    for (let i = 0; i < 2; i++) {
      await p.page.locator('#stage .chorus-code').last().scrollIntoViewIfNeeded();
      await p.call('settle');
    }
    blocks = (await p.call('facts')).codeBlocks;
    assert.ok(blocks[1].tokenClasses.includes('hljs-keyword'));
    assert.equal(blocks[1].shownText, 'const bottom = 2;');
    await p.page.locator('#stage > :first-child').scrollIntoViewIfNeeded();
  });

  it('keeps the exact code text: <, &, trailing spaces, tabs, CRLF and an empty last line', async () => {
    const code = 'if (a < b && c > d) {  \r\n\treturn "&amp;";\r\n}\r\n\r\n';
    const facts = await page().call('renderStatic', `Intro\r\n\r\n\`\`\`js\r\n${code}\`\`\`\r\n`);
    assert.equal(facts.codeBlocks[0].code, code.slice(0, -2));
    assert.equal(facts.codeBlocks[0].shownText, 'if (a < b && c > d) {  \n\treturn "&amp;";\n}\n');
  });

  it('keeps the text of code nested in lists and quotes, and of indented code', async () => {
    const facts = await page().call('renderStatic', '1. Run:\n\n   ```bash\n   npm  test\n     --watch\n   ```\n\n> ```\n> quoted <code>\n> ```\n\n    indented\n      more\n');
    assert.deepEqual(facts.codeBlocks.map((block) => [block.code, block.language]), [
      ['npm  test\n  --watch', 'bash'],
      ['quoted <code>', ''],
      ['indented\n  more', ''],
    ]);
  });

  it('an empty fence has empty code', async () => {
    const facts = await page().call('renderStatic', '```js\n```');
    assert.equal(facts.codeBlocks[0].code, '');
  });

  it('has a toolbar of four labelled buttons carrying the action and the block index', async () => {
    const facts = await page().call('renderStatic', '```ts\nlet a = 1;\n```\n\ntext\n\n```\nplain\n```');
    assert.equal(facts.codeBlocks.length, 2);
    facts.codeBlocks.forEach((block, index) => {
      assert.equal(block.index, String(index));
      assert.deepEqual(
        block.buttons.map((b) => [b.action, b.label, b.title, b.index, b.disabled]),
        [
          ['copy', 'Copy', 'Copy', String(index), false],
          ['insert', 'Insert at cursor', 'Insert at cursor', String(index), false],
          ['apply', 'Apply to selection', 'Apply to selection', String(index), false],
          ['newFile', 'New file', 'New file', String(index), false],
        ],
      );
      assert.deepEqual(block.buttons.map((b) => b.icon), ['codicon codicon-copy', 'codicon codicon-insert', 'codicon codicon-replace', 'codicon codicon-new-file']);
    });
  });

  it('labels the buttons with the strings the host passes in', async () => {
    const p = page();
    await p.call('setStrings', { copy: '复制', insertAtCursor: '在光标处插入', applyToSelection: '应用到选区', newFile: '新建文件', codeActions: '代码操作' });
    const facts = await p.call('renderStatic', '```js\nx\n```');
    assert.deepEqual(facts.codeBlocks[0].buttons.map((b) => b.label), ['复制', '在光标处插入', '应用到选区', '新建文件']);
    assert.match(facts.html, /role="group" aria-label="代码操作"/);
  });

  it('reduces a hostile fence info string to no language', async () => {
    const facts = await page().call('renderStatic', '```"><img src=x onerror=alert(1)>\ncode\n```');
    assert.equal(facts.codeBlocks[0].language, '');
    assert.ok(!facts.tags.includes('img'));
  });

  it('numbers code blocks across the whole message, nested ones included', async () => {
    const facts = await page().call('renderStatic', '```\na\n```\n\n- item\n\n  ```\n  b\n  ```\n\n```\nc\n```');
    assert.deepEqual(facts.codeBlocks.map((block) => [block.index, block.code]), [['0', 'a'], ['1', 'b'], ['2', 'c']]);
  });
});
