// The second auth mode, IAM Access Key + Secret Key with bce-auth-v1 signed requests, against the
// fake Qianfan, which recomputes the signature from the request it received.

import * as assert from 'node:assert/strict';
import type { HttpRequestSpec } from '../../../../src/providers/chatProtocol';
import { qianfanSignatureAuth } from '../../../../src/providers/qianfan/signatureAuth';
import { bceAuthorization } from '../../../../src/providers/qianfan/signer';
import { qianfanSeed } from '../../../fixtures/fakeQianfan';
import { ask, collect, failed, signal } from '../helpers';
import { TestClock, useFakeQianfan } from './helpers';

describe('providers/qianfan: signature auth (bce-auth-v1)', () => {
  const t = useFakeQianfan();

  it('signs every request so that the server accepts it; no token is fetched', async () => {
    const tokensBefore = t.fake.tokenRequests().length;
    const p = t.provider({}, 'signature');
    const c = await collect(p.stream(ask('路线'), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, qianfanSeed.streamText);
    const r = await p.complete(ask('你好'), { signal: signal() });
    assert.equal(r.text, qianfanSeed.singleTurnText);
    const req = t.fake.chatRequests().at(-1)!;
    assert.equal(req.headers['x-bce-date'], '2024-06-01T08:00:00Z');
    assert.match(String(req.headers.authorization), new RegExp(`^bce-auth-v1/${t.fake.accessKey}/2024-06-01T08:00:00Z/1800/content-type;host;x-bce-date/[0-9a-f]{64}$`));
    assert.equal(req.query.get('access_token'), null);
    assert.equal(t.fake.tokenRequests().length, tokensBefore);
  });

  it('signs exactly what is sent: method, path, query and the host with its port', async () => {
    const spec: HttpRequestSpec = {
      method: 'POST',
      url: new URL('http://127.0.0.1:8080/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/my%20ep?b=2&a=1'),
      headers: { 'content-type': 'application/json' },
      body: '{}',
    };
    const clock = new TestClock();
    await qianfanSignatureAuth({ accessKey: 'ak', secretKey: 'sk', clock, expirationSeconds: 300 }).apply(spec, signal());
    const expected = bceAuthorization({
      accessKey: 'ak',
      secretKey: 'sk',
      method: 'POST',
      path: '/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/my ep',
      params: { a: '1', b: '2' },
      headers: { host: '127.0.0.1:8080', 'content-type': 'application/json', 'x-bce-date': '2024-06-01T08:00:00Z' },
      headersToSign: ['host', 'content-type', 'x-bce-date'],
      timestamp: clock.now(),
      expirationSeconds: 300,
    });
    assert.equal(spec.headers.authorization, expected);
    assert.equal(spec.headers['x-bce-date'], '2024-06-01T08:00:00Z');
  });

  it('a wrong Secret Key gets code 14, not retried, with advice about the keys and the clock', async () => {
    const before = t.fake.chatRequests().length;
    const p = t.provider({ auth: { mode: 'signature', accessKey: t.fake.accessKey, secretKey: 'not-the-iam-secret' } });
    const e = failed(await collect(p.stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'auth');
    assert.equal(e.code, '14');
    assert.equal(e.providerMessage, 'IAM Certification failed');
    assert.match(e.message, /Check the Access Key and Secret Key \(IAM keys, not the application's API Key\) and that this computer's clock is right/);
    assert.ok(!e.message.includes('not-the-iam-secret'));
    assert.equal(t.fake.chatRequests().length, before + 1);
  });

  it('a clock far off makes the signature expire on the server (code 14)', async () => {
    const skewed = new TestClock();
    skewed.time = t.clock.now() - 2 * 3600 * 1000;
    const e = failed(await collect(t.provider({ clock: skewed }, 'signature').stream(ask('q'), { signal: signal() })));
    assert.equal(e.code, '14');
    // Within the signature's lifetime the same skew is fine.
    const slight = new TestClock();
    slight.time = t.clock.now() - 60_000;
    const ok = await collect(t.provider({ clock: slight }, 'signature').stream(ask('q'), { signal: signal() }));
    assert.equal(ok.error, undefined);
  });

  it('never logs the IAM Secret Key', async () => {
    await collect(t.provider({}, 'signature').stream(ask('q'), { signal: signal() }));
    assert.ok(!t.logger.text.includes(t.fake.iamSecretKey));
    assert.match(t.logger.text, /POST http:\/\/127\.0\.0\.1:\d+ → 200/);
  });
});
