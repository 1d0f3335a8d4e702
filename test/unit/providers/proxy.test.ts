// http.proxy / http.noProxy and HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through a local forward proxy.

import * as assert from 'node:assert/strict';
import { bypassesProxy, resolveProxy } from '../../../src/providers/http/dispatcher';
import { createProvider, type ProviderOptions } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import type { FakeProvider } from '../../fixtures/fakeProvider';
import { startForwardProxy, type ForwardProxy } from '../../fixtures/forwardProxy';
import { ask, collect, RecordingLogger, signal, withFakeProvider } from './helpers';

describe('providers/proxy: choosing the route', () => {
  const https = new URL('https://chat.intern-ai.org.cn/api/v1/chat/completions');
  const http = new URL('http://127.0.0.1:8000/v1/chat/completions');

  it('the http.proxy setting wins over the environment, and gets a scheme when it has none', () => {
    assert.equal(resolveProxy(https, { proxy: 'proxy.corp:3128', env: { HTTPS_PROXY: 'http://env:1' } }), 'http://proxy.corp:3128');
  });

  it('HTTPS_PROXY for https (falling back to HTTP_PROXY), HTTP_PROXY for http; lowercase first', () => {
    assert.equal(resolveProxy(https, { env: { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:2' } }), 'http://s:1');
    assert.equal(resolveProxy(https, { env: { HTTP_PROXY: 'http://p:2' } }), 'http://p:2');
    assert.equal(resolveProxy(http, { env: { HTTPS_PROXY: 'http://s:1' } }), undefined);
    assert.equal(resolveProxy(http, { env: { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' } }), 'http://lower:1');
    assert.equal(resolveProxy(https, { env: {} }), undefined);
  });

  it('http.noProxy and NO_PROXY bypass the proxy', () => {
    const env = { HTTPS_PROXY: 'http://s:1', NO_PROXY: '.baidubce.com, localhost' };
    assert.equal(resolveProxy(new URL('https://qianfan.baidubce.com/v2'), { env }), undefined);
    assert.equal(resolveProxy(https, { env }), 'http://s:1');
    assert.equal(resolveProxy(https, { env, noProxy: ['intern-ai.org.cn'] }), undefined);
    assert.equal(resolveProxy(https, { proxy: 'http://set:1', noProxy: 'chat.intern-ai.org.cn', env: {} }), undefined);
  });

  it('matches NO_PROXY entries like curl: *, exact, .suffix, *.suffix, bare domain, ports, IPv6', () => {
    const u = (s: string) => new URL(s);
    assert.ok(bypassesProxy(u('https://a.example.com'), ['*']));
    assert.ok(bypassesProxy(u('https://a.example.com'), ['example.com']));
    assert.ok(bypassesProxy(u('https://a.example.com'), ['.example.com']));
    assert.ok(bypassesProxy(u('https://a.example.com'), ['*.example.com']));
    assert.ok(!bypassesProxy(u('https://badexample.com'), ['example.com']));
    assert.ok(bypassesProxy(u('http://h.example:8080/x'), ['h.example:8080']));
    assert.ok(!bypassesProxy(u('http://h.example:8081/x'), ['h.example:8080']));
    assert.ok(bypassesProxy(u('https://h.example/x'), ['h.example:443']));
    assert.ok(bypassesProxy(u('http://[::1]:3000/'), ['[::1]']));
    assert.ok(bypassesProxy(u('http://[::1]:3000/'), ['::1']));
    assert.ok(!bypassesProxy(u('https://a.example.com'), []));
  });
});

describe('providers/proxy: through a real forward proxy', () => {
  let server: FakeProvider;
  let proxy: ForwardProxy;
  const cleanup = withFakeProvider(async (started) => {
    server = started;
    proxy = await startForwardProxy();
    return proxy;
  });

  async function call(options: ProviderOptions, logger?: RecordingLogger): Promise<number> {
    const before = proxy.targets.length;
    const p = cleanup.add(createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', logger, ...options }));
    const c = await collect(p.stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.match(c.text, /Hello, Chorus!/);
    return proxy.targets.length - before;
  }

  it('goes through http.proxy, and the log says so', async () => {
    const logger = new RecordingLogger();
    assert.equal(await call({ proxy: { proxy: proxy.url, env: {} } }, logger), 1);
    assert.equal(proxy.targets.at(-1), `127.0.0.1:${server.port}`);
    assert.ok(logger.text.includes(`via proxy ${proxy.url}`), logger.text);
  });

  it('bypasses it for hosts in http.noProxy', async () => {
    assert.equal(await call({ proxy: { proxy: proxy.url, noProxy: ['127.0.0.1'], env: {} } }), 0);
  });

  it('honours HTTP_PROXY / NO_PROXY from the environment object', async () => {
    assert.equal(await call({ proxy: { env: { HTTP_PROXY: proxy.url } } }), 1);
    assert.equal(await call({ proxy: { env: { http_proxy: proxy.url } } }), 1);
    assert.equal(await call({ proxy: { env: { HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${server.port}` } } }), 0);
    assert.equal(await call({ proxy: { env: {} } }), 0);
  });

  it('sends proxy credentials from the proxy URL and keeps them out of the log', async () => {
    const logger = new RecordingLogger();
    const withAuth = proxy.url.replace('http://', 'http://alice:pr0xy-pa55word@');
    assert.equal(await call({ proxy: { proxy: withAuth, env: {} } }, logger), 1);
    assert.equal(proxy.authorizations.at(-1), `Basic ${Buffer.from('alice:pr0xy-pa55word').toString('base64')}`);
    assert.ok(!logger.text.includes('pr0xy-pa55word'), logger.text);
    assert.ok(logger.text.includes('via proxy'), logger.text);
  });
});
