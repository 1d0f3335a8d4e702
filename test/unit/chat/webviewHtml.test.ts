import * as assert from 'node:assert/strict';
import { renderWebviewHtml } from '../../../src/chat/webviewHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css'],
  lang: 'zh-cn',
};

function csp(html: string): Map<string, string> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(content, 'the page has a CSP meta tag');
  return new Map(content.split(';').map((d) => d.trim().split(/\s+(.*)/s).slice(0, 2) as [string, string]));
}

describe('chat webview HTML', () => {
  it('puts the CSP first in <head>, before anything it governs', () => {
    const html = renderWebviewHtml(options);
    const head = html.slice(html.indexOf('<head>') + '<head>'.length).trimStart();
    assert.ok(head.startsWith('<meta http-equiv="Content-Security-Policy"'));
  });

  it('allows nothing remote and scripts only with this page\'s nonce', () => {
    const html = renderWebviewHtml(options);
    const policy = csp(html);
    assert.equal(policy.get('default-src'), "'none'");
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(html)?.[1];
    assert.ok(nonce && nonce.length >= 24, 'a long nonce');
    assert.equal(policy.get('script-src'), `'nonce-${nonce}'`);
    assert.equal(policy.get('img-src'), `${options.cspSource} data:`);
    assert.equal(policy.get('connect-src'), "'none'");
    assert.equal(policy.get('frame-src'), "'none'");
    for (const [directive, value] of policy) {
      assert.doesNotMatch(value, /https?:(?!\/\/file\+\.vscode-resource)|\*|'unsafe-inline'|'unsafe-eval'/, `${directive} ${value}`);
    }
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]!.includes(`nonce="${nonce}"`));
  });

  it('uses a fresh nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => /'nonce-([^']+)'/.exec(renderWebviewHtml(options))?.[1]));
    assert.equal(nonces.size, 20);
  });

  it('escapes attribute values', () => {
    const html = renderWebviewHtml({ ...options, lang: '"><script>alert(1)</script>' });
    assert.ok(!html.includes('<script>alert(1)</script>'));
  });
});
