// Keys on requests, keyless servers, and tokens fetched by a callback and cached (the seam the
// Qianfan v1 protocol will use).

import * as assert from 'node:assert/strict';
import { bearerAuth, cachedTokenAuth, normalizeKey } from '../../../src/providers/auth';
import { createProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { qianfanV2Preset } from '../../../src/providers/presets/qianfanV2';
import type { HttpRequestSpec } from '../../../src/providers/chatProtocol';
import { openaiErrorReply, startFakeProvider, type FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, failed, ManualClock, signal, withFakeProvider } from './helpers';

const spec = (): HttpRequestSpec => ({ method: 'POST', url: new URL('http://x.example/v1'), headers: {} });

describe('providers/auth', () => {
  it('normalizes pasted keys: spaces and a Bearer prefix go, empty means none', async () => {
    assert.equal(normalizeKey('  Bearer abc123  '), 'abc123');
    assert.equal(normalizeKey('   '), undefined);
    const s = spec();
    await bearerAuth(' bce-v3/ALTAK-1/2 ').apply(s, signal());
    assert.equal(s.headers.authorization, 'Bearer bce-v3/ALTAK-1/2');
    assert.equal(bearerAuth('').configured, false);
  });

  it('caches a fetched token until shortly before it expires; concurrent calls share one fetch', async () => {
    const clock = new ManualClock();
    let fetches = 0;
    const auth = cachedTokenAuth({
      clock,
      refreshMarginMs: 1000,
      fetchToken: async () => ({ token: `t${++fetches}`, expiresInMs: 10_000 }),
    });
    const a = spec();
    const b = spec();
    await Promise.all([auth.apply(a, signal()), auth.apply(b, signal())]);
    assert.equal(fetches, 1);
    assert.equal(a.headers.authorization, 'Bearer t1');
    clock.advance(8_999);
    await auth.apply(spec(), signal());
    assert.equal(fetches, 1);
    clock.advance(1);
    const c = spec();
    await auth.apply(c, signal());
    assert.equal(fetches, 2);
    assert.equal(c.headers.authorization, 'Bearer t2');
    assert.deepEqual([...auth.secrets()].sort(), ['t1', 't2']);
  });

  describe('with a server', () => {
    let server: FakeProvider;
    const cleanup = withFakeProvider((started) => {
      server = started;
    });

    it('the openai preset sends no Authorization header without a key, and a Bearer header with one', async () => {
      await collect(cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm' })).stream(ask(), { signal: signal() }));
      assert.equal(server.requests.at(-1)!.headers.authorization, undefined);
      await collect(cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', apiKey: 'local-key-1' })).stream(ask(), { signal: signal() }));
      assert.equal(server.requests.at(-1)!.headers.authorization, 'Bearer local-key-1');
    });

    it('Qianfan v2 sends its bce-v3 key as a Bearer token to /v2/chat/completions with a system message', async () => {
      const qf = await startFakeProvider({ basePath: '/v2' });
      const p = createProvider(qianfanV2Preset, { baseUrl: qf.baseUrl, apiKey: 'bce-v3/ALTAK-abc/def123' });
      const c = await collect(p.stream({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '你好' }] }, { signal: signal() }));
      assert.equal(c.error, undefined);
      const req = qf.requests.at(-1)!;
      assert.equal(req.path, '/v2/chat/completions');
      assert.equal(req.headers.authorization, 'Bearer bce-v3/ALTAK-abc/def123');
      assert.deepEqual((req.body as Record<string, unknown>).model, 'ernie-4.0-turbo-8k');
      assert.deepEqual((req.body as { messages: unknown[] }).messages[0], { role: 'system', content: 'Be brief.' });
      await p.dispose();
      await qf.close();
    });

    it('a rejected token is dropped, fetched again and the call retried once', async () => {
      let fetches = 0;
      const auth = cachedTokenAuth({ fetchToken: async () => ({ token: `tok-${++fetches}-abcdef` }) });
      const p = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', auth, retry: { maxRetries: 0 } }));
      await collect(p.stream(ask(), { signal: signal() }));
      server.enqueue(openaiErrorReply(401, 'Access token expired'));
      const c = await collect(p.stream(ask(), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.equal(fetches, 2);
      assert.deepEqual(server.requests.slice(-2).map((r) => r.headers.authorization), ['Bearer tok-1-abcdef', 'Bearer tok-2-abcdef']);
      server.enqueue(openaiErrorReply(401, 'no'), openaiErrorReply(401, 'still no'));
      const e = failed(await collect(p.stream(ask(), { signal: signal() })));
      assert.equal(e.kind, 'auth');
      assert.equal(e.providerMessage, 'still no');
      assert.equal(fetches, 3, 'only one refresh per call');
    });
  });
});
