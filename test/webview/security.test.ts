import * as assert from 'node:assert/strict';
import { useRenderPage } from './hooks';
import { generateAnswer, smallCuts } from './markdownCorpus';
import type { RenderFacts } from './testApi';

/** What rendered model output may contain at most (the sanitizer's allow-list, checked from outside). */
const allowedTags = new Set([
  'a', 'blockquote', 'br', 'button', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const allowedAttributes = new Set([
  'aria-busy', 'aria-hidden', 'aria-label', 'class', 'data-action', 'data-code', 'data-code-index',
  'data-href', 'data-language', 'disabled', 'href', 'role', 'start', 'title', 'type',
]);

function assertSafeMarkup(facts: RenderFacts, context: string): void {
  for (const tag of facts.tags) assert.ok(allowedTags.has(tag), `<${tag}> rendered for ${context}`);
  for (const attribute of facts.attributes) assert.ok(allowedAttributes.has(attribute), `attribute ${attribute} rendered for ${context}`);
  for (const link of facts.links) {
    assert.ok(link.href === '#' || link.href === null, `live href ${link.href} for ${context}`);
    assert.match(link.dataHref ?? '', /^https?:\/\/[^/]/, `link target for ${context}`);
  }
}

// Classic payloads: each calls alert() (trapped by the page) if it ever runs.
const payloads: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<form><button formaction=javascript:alert(1)>x</button></form>',
  '<video><source onerror=alert(1)></video>',
  '<style>@import "javascript:alert(1)";</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<!--><img src=x onerror=alert(1)>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<scr<script>ipt>alert(1)</script>',
  '&lt;img src=x onerror=alert(1)&gt;',
  '[x](javascript:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](  javascript:alert(1)  )',
  '[x](java%0ascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](javascript:alert(1))',
  '<javascript:alert(1)>',
  '<vbscript:alert(1)>',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '[[x](javascript:alert(1))](https://ok.example/)',
  '[![x](javascript:alert(1))](https://ok.example/)',
  '[x](https://ok.example/ "title" onclick="alert(1)")',
  '[x](https://ok.example/"onmouseover="alert(1))',
  '![x" onerror="alert(1)](https://ok.example/a.png)',
  '[x](https://ok.example/"><img src=x onerror=alert(1)>)',
  '<https://ok.example/"onmouseover="alert(1)>',
  'https://ok.example/?q=<img src=x onerror=alert(1)>',
  '```html\n<script>alert(1)</script>\n```',
  '```"><img src=x onerror=alert(1)>\ncode\n```',
  '~~~ js onload=alert(1)\nx\n~~~',
  '`<img src=x onerror=alert(1)>`',
  '| <img src=x onerror=alert(1)> |\n|---|\n| <script>alert(1)</script> |',
  '> <script>alert(1)</script>\n> [x](javascript:alert(1))',
  '- [ ] <img src=x onerror=alert(1)>\n- [x] [y](javascript:alert(1))',
  '[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  '[x](vscode://vscode.git/clone?url=https://evil.example/repo)',
  '[x](file:///etc/passwd)',
];

describe('security of rendered model output', () => {
  const page = useRenderPage();

  describe('XSS payloads never run (static and streamed), and nothing is blocked by the CSP', () => {
    for (const payload of payloads) {
      it(JSON.stringify(payload), async () => {
        const p = page();
        const before = await p.call('trap');
        const errorsBefore = p.pageErrors.length;
        const rendered = await p.call('renderStatic', payload);
        await p.call('settle');
        assertSafeMarkup(rendered, payload);
        const streamed = await p.call('streamIntoStage', payload, smallCuts(payload.length, 2, 3));
        await p.call('settle');
        assertSafeMarkup(streamed, payload);
        const after = await p.call('trap');
        assert.equal(after.xss - before.xss, 0, 'payload ran');
        assert.deepEqual(after.violations.slice(before.violations.length), [], 'the CSP had to block something');
        assert.deepEqual(p.pageErrors.slice(errorsBefore), []);
      });
    }
  });

  it('raw HTML in Markdown shows as text', async () => {
    const facts = await page().call('renderStatic', 'Use <b>bold</b> or <script>alert(1)</script>\n\n<div onclick="alert(1)">block</div>');
    assert.match(facts.text, /Use <b>bold<\/b> or <script>alert\(1\)<\/script>/);
    assert.match(facts.text, /<div onclick="alert\(1\)">block<\/div>/);
    assert.deepEqual(facts.tags.filter((tag) => tag !== 'p'), []);
  });

  describe('only http(s) destinations become links', () => {
    const refused = [
      'javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,hello',
      'data:image/png;base64,iVBORw0KGgo=', 'command:workbench.action.openSettings', 'vscode:extension/foo.bar',
      'vscode-insiders://foo', 'file:///etc/passwd', 'ftp://example.com/x', 'mailto:someone@example.com',
      '//evil.example/x', '/relative/path', 'relative.md', '#anchor',
    ];
    for (const url of refused) {
      it(`${url} is not a link in any Markdown form`, async () => {
        const forms = [`[x](${url})`, `<${url}>`, `[x][r]\n\n[r]: ${url}`, `![x](${url})`, `[![x](${url})](${url})`];
        for (const markdown of forms) {
          const facts = await page().call('renderStatic', markdown);
          assert.deepEqual(facts.links, [], markdown);
          assertSafeMarkup(facts, markdown);
        }
      });
    }

    it('http and https links are links that keep the URL in data-href, never in href', async () => {
      const facts = await page().call('renderStatic', '[a](https://example.com/a?b=1&c=2) <http://example.com/b> https://example.com/c\n\n[d][r]\n\n[r]: https://example.com/d');
      assert.deepEqual(
        facts.links.map((link) => [link.text, link.href, link.dataHref, link.title]),
        [
          ['a', '#', 'https://example.com/a?b=1&c=2', 'https://example.com/a?b=1&c=2'],
          ['http://example.com/b', '#', 'http://example.com/b', 'http://example.com/b'],
          ['https://example.com/c', '#', 'https://example.com/c', 'https://example.com/c'],
          ['d', '#', 'https://example.com/d', 'https://example.com/d'],
        ],
      );
    });

    it('bare file names and e-mail addresses are not linkified', async () => {
      const facts = await page().call('renderStatic', 'Edit main.py and config.rs, mail dev@example.com.');
      assert.deepEqual(facts.links, []);
    });
  });

  describe('images are never loaded', () => {
    it('a remote image becomes a link with its alt text, and no request is made', async () => {
      const p = page();
      const requestsBefore = p.pageRequests.length;
      const markdown = `![architecture diagram](${p.origin}/evil.png?secret=1) and ![](https://example.com/leak.png)`;
      const before = await p.call('trap');
      const facts = await p.call('renderStatic', markdown);
      await p.call('streamIntoStage', markdown, smallCuts(markdown.length, 4, 5));
      await p.call('settle');
      assert.ok(!facts.tags.includes('img'));
      assert.deepEqual(
        facts.links.map((link) => [link.text, link.dataHref, link.href]),
        [
          ['architecture diagram', `${p.origin}/evil.png?secret=1`, '#'],
          ['https://example.com/leak.png', 'https://example.com/leak.png', '#'],
        ],
      );
      // The first image is on the page's own origin, which the CSP's img-src would allow: only the
      // renderer stands between it and a request.
      assert.deepEqual(p.serverRequests.filter((url) => url.includes('evil')), []);
      assert.deepEqual(p.pageRequests.slice(requestsBefore), []);
      assert.deepEqual((await p.call('trap')).violations.slice(before.violations.length), []);
    });

    it('an image inside a link is labelled, not a nested link', async () => {
      const facts = await page().call('renderStatic', '[![logo](https://example.com/logo.png)](https://example.com/home)');
      assert.deepEqual(facts.links.map((link) => [link.text, link.dataHref]), [['logo', 'https://example.com/home']]);
    });
  });

  it('a long mixed answer stays within the allow-list and needs nothing the CSP forbids', async () => {
    const p = page();
    const before = await p.call('trap');
    const facts = await p.call('renderStatic', generateAnswer({ size: 30_000, codeBlocks: 12, seed: 5 }));
    await p.call('settle');
    assertSafeMarkup(facts, 'generated answer');
    assert.ok(facts.tags.includes('table') && facts.tags.includes('pre') && facts.tags.includes('a'));
    assert.ok(!facts.attributes.includes('style'));
    assert.deepEqual((await p.call('trap')).violations.slice(before.violations.length), []);
  });
});
