// bce-auth-v1 against the published test vectors (baidubce/bce-sdk-js test/sdk/auth.spec.js, quoted
// in providers.md B) and the canonicalization rules behind them.

import * as assert from 'node:assert/strict';
import { bceAuthorization, bceTimestamp, canonicalHeaders, canonicalQuery, uriEncode } from '../../../../src/providers/qianfan/signer';

describe('providers/qianfan/signer (bce-auth-v1)', () => {
  it('reproduces the published test vector', () => {
    const authorization = bceAuthorization({
      accessKey: 'my_ak',
      secretKey: 'my_sk',
      method: 'PUT',
      path: '/v1/bucket/object1',
      params: { A: null, b: '', C: 'd' },
      headers: { Host: 'bce.baidu.com', abc: '123', 'x-bce-meta-key1': 'ABC' },
      headersToSign: ['host', 'x-bce-meta-key1'],
      timestamp: new Date('2014-06-13T05:57:36Z'),
      expirationSeconds: 1800,
    });
    assert.equal(
      authorization,
      'bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/host;x-bce-meta-key1/80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25',
    );
  });

  it('reproduces the SDK\'s second vector (no query, numeric header, default expiration)', () => {
    const authorization = bceAuthorization({
      accessKey: 'my_ak',
      secretKey: 'my_sk',
      method: 'DELETE',
      path: '/v1/test-bucket1361199862',
      params: {},
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': 0, 'User-Agent': 'This is the user-agent' },
      headersToSign: ['host', 'content-md5', 'content-length', 'content-type'],
      timestamp: 1402639056 * 1000,
    });
    assert.equal(
      authorization,
      'bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/content-length;content-type/c9386b15d585960ae5e6972f73ed92a9a682dc81025480ba5b41206d3e489822',
    );
  });

  it('changes when anything signed changes, and not when an unsigned header does', () => {
    const base = {
      accessKey: 'ak',
      secretKey: 'sk',
      method: 'POST',
      path: '/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/chatglm3_6b',
      headers: { host: 'aip.baidubce.com', 'content-type': 'application/json', 'x-bce-date': '2024-06-01T08:00:00Z', 'user-agent': 'a' },
      headersToSign: ['host', 'content-type', 'x-bce-date'],
      timestamp: Date.UTC(2024, 5, 1, 8),
    };
    const sig = bceAuthorization(base);
    assert.equal(bceAuthorization({ ...base, headers: { ...base.headers, 'user-agent': 'b' } }), sig);
    assert.notEqual(bceAuthorization({ ...base, headers: { ...base.headers, host: 'aip.baidubce.com:8443' } }), sig);
    assert.notEqual(bceAuthorization({ ...base, path: `${base.path}x` }), sig);
    assert.notEqual(bceAuthorization({ ...base, secretKey: 'sk2' }), sig);
    assert.notEqual(bceAuthorization({ ...base, timestamp: base.timestamp + 1000 }), sig);
    assert.match(sig, /^bce-auth-v1\/ak\/2024-06-01T08:00:00Z\/1800\/content-type;host;x-bce-date\/[0-9a-f]{64}$/);
  });

  it('percent-encodes UTF-8 bytes in uppercase, keeping only unreserved characters (and / in paths)', () => {
    assert.equal(uriEncode("!'()*this is an example for 测试"), '%21%27%28%29%2Athis%20is%20an%20example%20for%20%E6%B5%8B%E8%AF%95');
    assert.equal(uriEncode('a/b:c~-_.'), 'a%2Fb%3Ac~-_.');
    assert.equal(uriEncode('/v1/a b/c', true), '/v1/a%20b/c');
  });

  it('canonicalizes the query: encoded, empty for null, sorted, authorization left out', () => {
    assert.equal(canonicalQuery({ A: 'A', B: null, C: '' }), 'A=A&B=&C=');
    assert.equal(canonicalQuery({ b: '2', a: 'x/y', authorization: 'z' }), 'a=x%2Fy&b=2');
  });

  it('canonicalizes headers: only the signed ones, lowercase, trimmed, encoded, empty ones dropped', () => {
    const rv = canonicalHeaders({ Host: 'localhost', 'x-bce-a': ' a/b:c ', C: '', 'Content-MD5': 'MD5' }, ['host', 'x-bce-a', 'c', 'content-md5']);
    assert.equal(rv.canonical, 'content-md5:MD5\nhost:localhost\nx-bce-a:a%2Fb%3Ac');
    assert.deepEqual(rv.signed, ['content-md5', 'host', 'x-bce-a']);
  });

  it('formats timestamps as UTC without milliseconds', () => {
    assert.equal(bceTimestamp(Date.UTC(2016, 3, 6, 8, 23, 49, 999)), '2016-04-06T08:23:49Z');
  });
});
