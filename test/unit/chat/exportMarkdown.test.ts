import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { conversationToMarkdown } from '../../../src/chat/exportMarkdown';
import type { Conversation } from '../../../src/shared/conversation';

/** VS Code's Markdown preview parses with raw HTML and linkify on. */
const preview = new MarkdownIt({ html: true, linkify: true });

function exported(user: string, answer: string): string {
  const conversation: Conversation = {
    id: 'c', title: 'T ![t](https://evil.example/t.png)', createdAt: 0, updatedAt: 0, provider: 'fake', model: 'm',
    turns: [
      { id: 'u', role: 'user', text: user, createdAt: 1 },
      { id: 'a', role: 'assistant', text: answer, status: 'error', error: { message: '<img src=https://evil.example/e.png>', kind: 'internal' }, createdAt: 2, provider: 'fake', model: 'm' },
    ],
  };
  return conversationToMarkdown(conversation);
}

function assertNothingLoadsOrLinksRaw(html: string): void {
  assert.doesNotMatch(html, /<img/i, 'no image');
  assert.doesNotMatch(html, /<(?:video|audio|source|picture|iframe|object|embed|svg)/i, 'no other media');
  assert.doesNotMatch(html, /<[a-z][^>]*\s(?:src|srcset|poster)=/i, 'nothing loaded');
  assert.doesNotMatch(html, /<a href="(?:https?|mailto):[^"]*">(?:https?:\/\/|www\.)?[^<]*evil/i, 'no raw or automatic link');
}

const hostile = [
  'Look: ![alt](https://evil.example/x.png)',
  '![a][r]\n\n[r]: https://evil.example/ref.png',
  '\\![escaped](https://evil.example/bs.png) and \\\\![two](https://evil.example/bs2.png)',
  '<img src="https://evil.example/html.png"> <p>para</p>',
  '<picture><source srcset="https://evil.example/s.png"></picture>',
  '<div>\n<img src=https://evil.example/block.png>\n</div>',
  'autolink <https://evil.example/auto> and bare https://evil.example/bare and www.evil.example and evil.example/x.png and a@evil.example',
  '[![nested](https://evil.example/n.png)](https://ok.example)',
  '- item\n  ```\n  code\nout of the list\n<img src=https://evil.example/list.png>\n```',
  '<!-- c -->\n    <img src=https://evil.example/indented.png>',
].join('\n\n');

describe('Markdown export escaping', () => {
  it('renders no image, raw HTML or automatic link from user or model text', () => {
    const md = exported(hostile, hostile);
    assertNothingLoadsOrLinksRaw(preview.render(md));
  });

  it('keeps fenced and inline code as written', () => {
    const answer = 'Use `Vec<T>` and `a![0]`:\n\n```rust\nlet v: Vec<u8> = vec![1];\n// ![x](https://evil.example/c.png)\n```\n\nDone <3.';
    const md = exported('Why `x < y`?', answer);
    assert.ok(md.includes('```rust\nlet v: Vec<u8> = vec![1];\n// ![x](https://evil.example/c.png)\n```'), md);
    const html = preview.render(md);
    assert.match(html, /<code>Vec&lt;T&gt;<\/code>/);
    assert.match(html, /<code>a!\[0\]<\/code>/);
    assert.match(html, /<code>x &lt; y<\/code>/);
    assert.match(html, /Done &lt;3\./);
    assertNothingLoadsOrLinksRaw(html);
  });

  it('shows escaped text as the reader would expect', () => {
    const html = preview.render(exported('see https://example.org/a.b and 1 < 2', 'ok'));
    assert.match(html, /see https:\/\/example\.org\/a\.b and 1 &lt; 2/);
  });

  it('escapes a long hostile answer in linear time', function () {
    this.timeout(2000);
    const md = exported('x', '`'.repeat(20_000) + ' ![a](u) '.repeat(5_000) + '<'.repeat(40_000) + '``'.repeat(10_000));
    assert.ok(md.length > 100_000);
  });
});

describe('Markdown export: names from the provider and the workspace', () => {
  it('escapes a model name, a provider name and a path that carry images or code-span breakers', () => {
    const model = '![m](https://evil.example/model.png)';
    const conversation: Conversation = {
      id: 'c', title: 'T', createdAt: 0, updatedAt: 0, provider: '<img src=https://evil.example/p.png>', model,
      turns: [
        { id: 'u', role: 'user', text: 'q', createdAt: 1, attachments: [{ kind: 'code', path: 'a`![p](https://evil.example/path.png)`.ts', languageId: 'ts', text: 'x' }] },
        { id: 'a', role: 'assistant', text: 'ok', status: 'done', createdAt: 2, provider: 'fake', model },
      ],
    };
    const html = preview.render(conversationToMarkdown(conversation));
    assert.doesNotMatch(html, /<img/i);
    assert.match(html, /<code>a`!\[p\]\(https:\/\/evil\.example\/path\.png\)`\.ts<\/code>/, 'the path stays one code span, as written');
  });
});

describe('Markdown export: thinking', () => {
  const withThinking = (reasoning: string): string =>
    conversationToMarkdown({
      id: 'c', title: 'T', createdAt: 0, updatedAt: 0, provider: 'fake', model: 'm',
      turns: [
        { id: 'u', role: 'user', text: 'q', createdAt: 1 },
        { id: 'a', role: 'assistant', text: 'The answer.', reasoning, thinkingMs: 12_400, status: 'done', createdAt: 2, provider: 'fake', model: 'm' },
      ],
    });

  it('writes the thinking as a blockquote headed with how long, above the answer', () => {
    const md = withThinking('First **this**.\n\nThen that.');
    assert.ok(md.includes('## Assistant (m)\n\n> **Thinking (12 s)**\n>\n> First **this**.\n>\n> Then that.\n\nThe answer.\n'), md);
    const html = preview.render(md);
    assert.match(html, /<blockquote>\s*<p><strong>Thinking \(12 s\)<\/strong><\/p>\s*<p>First <strong>this<\/strong>\.<\/p>\s*<p>Then that\.<\/p>\s*<\/blockquote>\s*<p>The answer\.<\/p>/);
  });

  it('escapes hostile thinking like the answer', () => {
    const html = preview.render(withThinking(hostile));
    assertNothingLoadsOrLinksRaw(html);
    assert.match(html, /<blockquote>/);
  });

  it('writes no thinking section for an answer without thinking', () => {
    assert.doesNotMatch(exported('q', 'a'), /Thinking/);
  });
});
