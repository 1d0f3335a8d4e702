// Every error code of providers.md B, answered by the fake Qianfan as Qianfan does (JSON body,
// HTTP 200, also in reply to a streaming request), and what the provider does about it: retry with
// back-off, or stop with a message naming the provider, the code, Qianfan's words and what to do.
// (110/111, refresh-and-retry, are in tokenAuth.test.ts.)

import * as assert from 'node:assert/strict';
import { QIANFAN_CODES } from '../../../../src/providers/qianfan/errorCodes';
import { CODE_ADVICE } from '../../../../src/providers/qianfan/qianfanText';
import { qianfanErrorReply, qianfanStreamErrorReply } from '../../../fixtures/fakeQianfan';
import { ask, collect, failed, ofType, signal } from '../helpers';
import { useFakeQianfan } from './helpers';

const RETRY = [2, 15, 18, 336100, 336501, 336502];
const FAIL = [1, 3, 4, 6, 13, 14, 17, 19, 100, 336000, 336001, 336002, 336003, 336004, 336005, 336006, 336101, 336104, 336105];

/** What each code's message must tell the user to do. */
const ADVICE: Record<number, RegExp> = {
  1: /try again later/i,
  3: /endpoint setting/,
  4: /overall request limit/,
  6: /give the application access/,
  13: /service token/,
  14: /Access Key and Secret Key.*clock/,
  17: /daily request limit.*billing/,
  19: /quota is used up/,
  100: /access token/,
  336000: /internal error/,
  336001: /request format/,
  336002: /could not read the request/,
  336003: /request settings/,
  336004: /grant it access/,
  336005: /endpoint setting/,
  336006: /shape of the conversation/,
  336101: /endpoint setting/,
  336104: /system prompt/,
  336105: /user_id/,
};

describe('providers/qianfan: error codes', () => {
  const t = useFakeQianfan();

  it('the table covers every code of the reference, each with advice', () => {
    const codes = [...RETRY, ...FAIL, 110, 111].sort((a, b) => a - b);
    assert.deepEqual(Object.keys(QIANFAN_CODES).map(Number).sort((a, b) => a - b), codes);
    for (const code of codes) assert.ok(CODE_ADVICE[code], `advice for ${code}`);
    assert.deepEqual(RETRY.filter((c) => QIANFAN_CODES[c].action !== 'retry'), []);
    assert.deepEqual(FAIL.filter((c) => QIANFAN_CODES[c].action !== 'fail'), []);
  });

  for (const code of RETRY) {
    it(`code ${code} is retried with back-off, and the answer follows`, async () => {
      t.fake.nextChat(qianfanErrorReply(code, `error ${code}`));
      const before = t.fake.chatRequests().length;
      const c = await collect(t.provider().stream(ask('你好'), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.ok(c.text.length > 0);
      const retrying = ofType(c.events, 'retrying');
      assert.equal(retrying.length, 1);
      assert.equal(retrying[0].error.code, String(code));
      assert.equal(t.fake.chatRequests().length, before + 2);
      assert.deepEqual(t.clock.waits, [retrying[0].delayMs], 'the back-off wait happened on the clock');
    });
  }

  it('a QPS error (18) twice, then success: two retries with growing delays', async () => {
    t.fake.nextChat(qianfanErrorReply(18, 'Open api qps request limit reached'), qianfanErrorReply(18, 'Open api qps request limit reached'));
    const c = await collect(t.provider().stream(ask('q'), { signal: signal() }));
    assert.equal(c.error, undefined);
    const delays = ofType(c.events, 'retrying').map((r) => r.delayMs);
    assert.equal(delays.length, 2);
    assert.ok(delays[1] > delays[0]);
  });

  it('a retryable code that persists fails after the retries with its advice', async () => {
    t.fake.nextChat(...[0, 1, 2].map(() => qianfanErrorReply(18, 'Open api qps request limit reached')));
    const e = failed(await collect(t.provider().stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(
      e.message,
      'Qianfan: the rate limit was reached (code 18). Qianfan said: "Open api qps request limit reached". ' +
        'Too many requests per second; wait a moment, or raise the QPS limit in the Qianfan console (console.bce.baidu.com/qianfan).',
    );
  });

  for (const code of FAIL) {
    it(`code ${code} is not retried and says what to do`, async () => {
      t.fake.nextChat(qianfanErrorReply(code, `message for ${code}`));
      const before = t.fake.chatRequests().length;
      // 14 (IAM signature refused) belongs to signature mode; with a token, an auth error first
      // gets one fresh token (the engine's rule for any rejected credentials).
      const c = await collect(t.provider({}, code === 14 ? 'signature' : 'accessToken').stream(ask('q'), { signal: signal() }));
      const e = failed(c);
      assert.equal(t.fake.chatRequests().length, before + 1, 'one request only');
      assert.equal(ofType(c.events, 'retrying').length, 0);
      assert.equal(e.code, String(code));
      assert.equal(e.providerMessage, `message for ${code}`);
      assert.equal(e.retryable, false);
      assert.match(e.message, new RegExp(`^Qianfan: .*\\(code ${code}\\)\\. Qianfan said: "message for ${code}"\\. `));
      assert.match(e.message, ADVICE[code]);
    });
  }

  it('the error arrives as JSON with HTTP 200 in reply to a streaming request, or inside the stream, or with an HTTP error status', async () => {
    t.fake.nextChat(qianfanErrorReply(17, 'Open api daily request limit reached'));
    const json = failed(await collect(t.provider().stream(ask('q'), { signal: signal() })));
    assert.equal(json.kind, 'quota');
    assert.equal(json.status, undefined);
    t.fake.nextChat(qianfanStreamErrorReply(336006, 'the length of messages must be an odd number'));
    const inStream = failed(await collect(t.provider().stream(ask('q'), { signal: signal() })));
    assert.equal(inStream.code, '336006');
    t.fake.nextChat(qianfanErrorReply(336000, 'Internal error', { status: 500 }));
    const http = failed(await collect(t.provider().stream(ask('q'), { signal: signal() })));
    assert.equal(http.status, 500);
    assert.equal(http.code, '336000');
    assert.equal(http.retryable, false, 'the code table decides, not the status');
  });

  it('a non-streamed request gets the same mapping', async () => {
    t.fake.nextChat(qianfanErrorReply(6, 'No permission to access data'));
    await assert.rejects(t.provider().complete(ask('q'), { signal: signal() }), { kind: 'forbidden', code: '6' });
  });

  it('an unknown code is classified by its text', async () => {
    t.fake.nextChat(qianfanErrorReply(336999, 'rate limit exceeded'), qianfanErrorReply(336999, 'rate limit exceeded'), qianfanErrorReply(336999, 'rate limit exceeded'));
    const e = failed(await collect(t.provider().stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.code, '336999');
  });
});
