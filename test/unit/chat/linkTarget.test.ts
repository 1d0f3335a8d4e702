import * as assert from 'node:assert/strict';
import { linkTarget } from '../../../src/chat/linkTarget';
import { scopeOf } from '../../../src/shared/hostScope';

describe('linkTarget: where a link from an answer goes', () => {
  it('drops userinfo that disguises the host, and says so', () => {
    const t = linkTarget('https://accounts.google.com:signin@evil.example/login')!;
    assert.equal(t.host, 'evil.example');
    assert.equal(t.url, 'https://evil.example/login');
    assert.equal(t.hadUserinfo, true);
    assert.ok(!t.url.includes('google'), 'the disguise is gone from what is shown and opened');
  });

  it('keeps an ordinary link as it is', () => {
    assert.deepEqual(linkTarget('https://docs.example.com/a?b=1#c'), { url: 'https://docs.example.com/a?b=1#c', host: 'docs.example.com', scope: 'public', hadUserinfo: false });
  });

  it('refuses anything but http(s)', () => {
    for (const url of ['command:chorus.setApiKey', 'file:///etc/passwd', 'vscode://x', 'javascript:alert(1)', 'data:text/html,x', 'not a url']) {
      assert.equal(linkTarget(url), undefined, url);
    }
  });

  it('names links to this computer, in every spelling the URL parser accepts', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost/', 'http://app.localhost/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/']) {
      assert.equal(linkTarget(url)?.scope, 'thisComputer', url);
    }
  });

  it('names links to the local network, cloud metadata included', () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/', 'http://[fe80::1]/', 'http://[fd00::1]/', 'http://router.local/', 'http://intranet/', 'http://100.64.0.1/']) {
      assert.equal(linkTarget(url)?.scope, 'localNetwork', url);
    }
  });

  it('does not flag public addresses', () => {
    for (const host of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'example.com', '2001:4860:4860::8888']) assert.equal(scopeOf(host), 'public', host);
  });
});
