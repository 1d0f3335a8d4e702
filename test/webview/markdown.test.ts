import * as assert from 'node:assert/strict';
import { useRenderPage } from './hooks';

describe('Markdown rendering', () => {
  const page = useRenderPage();

  it('renders headings, emphasis, strikethrough, inline code, quotes, rules and hard breaks', async () => {
    const facts = await page().call('renderStatic', '# H1\n\n## H2\n\n*em* **strong** ~~gone~~ `a < b`\n\n> quoted\n\n---\n\nline one  \nline two');
    assert.equal(
      facts.html,
      '<h1>H1</h1>\n<h2>H2</h2>\n<p><em>em</em> <strong>strong</strong> <s>gone</s> <code>a &lt; b</code></p>\n' +
        '<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n<p>line one<br>\nline two</p>\n',
    );
  });

  it('renders tables with column alignment as classes, not style attributes', async () => {
    const facts = await page().call('renderStatic', '| Left | Centre | Right | None |\n|:--|:-:|--:|---|\n| a | b | c | d |');
    assert.ok(!facts.attributes.includes('style'));
    assert.match(facts.html, /<th class="chorus-align-left">Left<\/th>\n<th class="chorus-align-center">Centre<\/th>\n<th class="chorus-align-right">Right<\/th>\n<th>None<\/th>/);
    assert.match(facts.html, /<tbody>\n<tr>\n<td class="chorus-align-left">a<\/td>/);
  });

  it('renders nested, ordered and loose lists', async () => {
    const facts = await page().call('renderStatic', '3. three\n4. four\n   - nested\n     - deeper\n\n- loose a\n\n- loose b');
    assert.match(facts.html, /^<ol start="3">\n<li>three<\/li>\n<li>four\n<ul>\n<li>nested\n<ul>\n<li>deeper<\/li>/);
    assert.match(facts.html, /<ul>\n<li>\n<p>loose a<\/p>\n<\/li>\n<li>\n<p>loose b<\/p>\n<\/li>\n<\/ul>\n$/);
  });

  it('renders task lists with labelled check marks, not form controls', async () => {
    const facts = await page().call('renderStatic', '- [x] done\n- [ ] open\n- [y] not a task');
    assert.ok(!facts.tags.includes('input'));
    assert.equal(
      facts.html,
      '<ul>\n' +
        '<li class="chorus-task-item"><span class="chorus-task chorus-task-done codicon codicon-pass-filled" role="img" aria-label="Done"></span>done</li>\n' +
        '<li class="chorus-task-item"><span class="chorus-task chorus-task-open codicon codicon-circle-large-outline" role="img" aria-label="Not done"></span>open</li>\n' +
        '<li>[y] not a task</li>\n</ul>\n',
    );
  });

  it('linkifies explicit URLs only', async () => {
    const facts = await page().call('renderStatic', 'See https://example.com/a, www.example.com and example.com.');
    assert.deepEqual(facts.links.map((link) => link.dataHref), ['https://example.com/a']);
  });

  it('renders an empty message as nothing', async () => {
    const facts = await page().call('renderStatic', '');
    assert.equal(facts.html, '');
  });
});

describe('rendering many messages at once', () => {
  const page = useRenderPage();

  it('gives each message exactly what renderStatic gives it', async () => {
    const messages = [
      'Plain **text** with a [link](https://example.com/a).',
      '```ts\nconst a = 1;\n```\n\n```py\nprint(2)\n```',
      '',
      '[ref use][r]\n\n[r]: https://example.com/r',
      '- [x] task\n\n| a |\n|:-:|\n| 1 |',
      '```js\nunclosed fence',
    ];
    const many = await page().call('staticManyHtml', messages);
    const one = [];
    for (const message of messages) one.push(await page().call('staticHtml', message));
    assert.deepEqual(many, one);
    assert.match(many[1], /data-code-index="1"/);
    assert.doesNotMatch(many[1], /data-code-index="2"/);
  });
});
