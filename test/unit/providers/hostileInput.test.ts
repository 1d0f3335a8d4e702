// Provider text is untrusted: a hostile or broken server can send error bodies of hundreds of KB
// shaped to make regular expressions backtrack. Scrubbing and classifying must stay linear, so
// each test hands over a 400 K-character worst case and checks the output; the tight mocha
// timeout is the guard (before the fix these inputs took over a minute each).

import * as assert from 'node:assert/strict';
import { classifyError, ProviderError } from '../../../src/providers/errors';
import { errorFromBody } from '../../../src/providers/errorShapes';
import { createProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { redactText } from '../../../src/providers/redact';
import { sseReply, type FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, failed, signal, withFakeProvider } from './helpers';

const BIG = 400_000;
const KEY = 'sk-hostile-input-test-key-0123456789';
const context = { providerId: 'openai', providerName: 'Test', secrets: [KEY] };

describe('providers/hostile input: linear scrubbing and classification', () => {
  it('redactText: runs of "eyJ-" (each a possible token start) come back unchanged', function () {
    this.timeout(5000);
    const text = 'eyJ-'.repeat(BIG / 4);
    assert.equal(redactText(text, [KEY]), text);
  });

  it('redactText: a real token after 400 K of near-tokens is still masked', function () {
    this.timeout(5000);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const text = `${'eyJ-'.repeat(BIG / 4)} ${jwt} Bearer ${'a'.repeat(BIG)} ${KEY}`;
    const out = redactText(text, [KEY]);
    assert.ok(!out.includes(jwt) && !out.includes(KEY) && !out.includes('a'.repeat(100)), out.slice(-200));
  });

  it('errorFromBody: 400 K of "<" without a ">" is text, not a stuck tag strip', function () {
    this.timeout(5000);
    assert.equal(errorFromBody('<'.repeat(BIG)).message, '<'.repeat(500));
  });

  it('errorFromBody: a huge HTML page keeps its first words', function () {
    this.timeout(5000);
    const info = errorFromBody(`<html><body><h1>502 Bad Gateway</h1>${'<p>x</p'.repeat(BIG / 8)}</body></html>`);
    assert.match(info.message ?? '', /^502 Bad Gateway x/);
  });

  it('classifyError: wording tests stay linear on 400 K of near-misses', function () {
    this.timeout(5000);
    assert.equal(classifyError({ message: `quota exceeded ${'超过'.repeat(BIG / 2)}` }), 'quota');
    assert.equal(classifyError({ message: '超过'.repeat(BIG / 2) }), 'server');
    assert.equal(classifyError({ message: 'exceeded your '.repeat(BIG / 14) }), 'server');
  });

  it('ProviderError: a 400 K hostile provider message is cut to a few KB and scrubbed', function () {
    this.timeout(5000);
    const e = new ProviderError(context, { kind: 'server', providerMessage: `${KEY} ${'eyJ-'.repeat(BIG / 4)}`, detail: '<'.repeat(BIG) });
    assert.ok((e.providerMessage ?? '').length <= 4096, String(e.providerMessage?.length));
    assert.ok((e.detail ?? '').length <= 4096, String(e.detail?.length));
    assert.ok(e.providerMessage?.startsWith('*** eyJ-eyJ-'), e.providerMessage?.slice(0, 40));
  });

  it('ProviderError: a secret that straddles the cut leaves no prefix behind', () => {
    const before = 'x'.repeat(4096 - 10);
    const e = new ProviderError(context, { kind: 'server', providerMessage: `${before} ${KEY} tail` });
    assert.ok(!(e.providerMessage ?? '').includes(KEY.slice(0, 9)), (e.providerMessage ?? '').slice(-20));
  });

  describe('over HTTP', () => {
    let server: FakeProvider;
    const cleanup = withFakeProvider((started) => {
      server = started;
    });

    it('a 400 K hostile error event mid-stream ends the call promptly with a clipped message', async function () {
      this.timeout(5000);
      server.enqueue(sseReply([{ error: { message: `bad ${'eyJ-'.repeat(BIG / 4)}`, type: 'server_error' } }], { done: false }));
      const p = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, apiKey: KEY, model: 'm', retry: { maxRetries: 0 } }));
      const e = failed(await collect(p.stream(ask(), { signal: signal() })));
      assert.equal(e.kind, 'server');
      assert.ok(e.providerMessage?.startsWith('bad eyJ-'), e.providerMessage?.slice(0, 20));
      assert.ok((e.providerMessage ?? '').length <= 4096);
    });
  });
});
