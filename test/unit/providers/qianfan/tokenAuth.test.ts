// Access-token auth against the fake Qianfan: the token request, caching and refreshing before
// expiry, a token that expires or is revoked mid-conversation (111/110: refresh once, retry once),
// wrong API Key / Secret Key, persistence hooks for SecretStorage, and never logging secrets.

import * as assert from 'node:assert/strict';
import type { StoredQianfanToken } from '../../../../src/providers/qianfan/tokenAuth';
import { tokenKeyId } from '../../../../src/providers/qianfan/tokenAuth';
import type { ChatMessage } from '../../../../src/providers/types';
import { qianfanErrorReply, qianfanJsonReply, qianfanSeed } from '../../../fixtures/fakeQianfan';
import { ask, collect, failed, ofType, signal, user } from '../helpers';
import { DAY_MS, useFakeQianfan } from './helpers';

const MARGIN_MS = 5 * 60_000;

describe('providers/qianfan: access token auth', () => {
  const t = useFakeQianfan();
  const tokensUsed = (): string[] => t.fake.chatRequests().map((r) => r.query.get('access_token') ?? '');

  it('fetches a token (POST, client credentials in the query) and sends it as access_token', async () => {
    const c = await collect(t.provider().stream(ask('你好'), { signal: signal() }));
    assert.equal(c.error, undefined);
    const tokenReq = t.fake.tokenRequests().at(-1)!;
    assert.equal(tokenReq.method, 'POST');
    assert.equal(tokenReq.query.get('grant_type'), 'client_credentials');
    assert.equal(tokenReq.query.get('client_id'), t.fake.apiKey);
    assert.equal(tokenReq.query.get('client_secret'), t.fake.secretKey);
    assert.equal(tokensUsed().at(-1), t.fake.tokens.at(-1)!.token);
  });

  it('caches the token: later calls and concurrent first calls share one token request', async () => {
    const p = t.provider();
    const before = t.fake.tokenRequests().length;
    const [a, b] = await Promise.all([collect(p.stream(ask('1'), { signal: signal() })), collect(p.stream(ask('2'), { signal: signal() }))]);
    await p.complete(ask('3'), { signal: signal() });
    assert.equal(a.error ?? b.error, undefined);
    assert.equal(t.fake.tokenRequests().length, before + 1);
    assert.equal(new Set(tokensUsed().slice(-3)).size, 1);
  });

  it('refreshes the token shortly before it expires, without a failed request', async () => {
    const p = t.provider();
    await p.complete(ask('1'), { signal: signal() });
    const first = tokensUsed().at(-1)!;
    t.clock.advance(30 * DAY_MS - MARGIN_MS - 1);
    await p.complete(ask('2'), { signal: signal() });
    assert.equal(tokensUsed().at(-1), first, 'still fresh');
    t.clock.advance(2);
    const chatsBefore = t.fake.chatRequests().length;
    const r = await p.complete(ask('3'), { signal: signal() });
    assert.equal(r.text, qianfanSeed.singleTurnText);
    assert.notEqual(tokensUsed().at(-1), first, 'a new token was fetched before sending');
    assert.equal(t.fake.chatRequests().length, chatsBefore + 1, 'no request was refused');
  });

  it('a token that expires mid-conversation (111) is refreshed once and the request retried once', async () => {
    const p = t.provider();
    const history: ChatMessage[] = [user('你好')];
    const first = await p.complete({ messages: history }, { signal: signal() });
    history.push({ role: 'assistant', content: first.text }, user('周末上海的天气怎么样?'));
    const oldToken = tokensUsed().at(-1)!;
    t.fake.expireTokens();
    const chatsBefore = t.fake.chatRequests().length;
    const c = await collect(p.stream({ messages: history }, { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, qianfanSeed.streamText);
    assert.equal(ofType(c.events, 'retrying').length, 0, 'a token refresh is not a back-off retry');
    assert.deepEqual(tokensUsed().slice(chatsBefore), [oldToken, t.fake.tokens.at(-1)!.token]);
    assert.notEqual(t.fake.tokens.at(-1)!.token, oldToken);
    assert.match(t.logger.text, /access token was refused; fetching a new one and retrying once/);
  });

  it('a revoked token (110, the seed\'s error example) is refreshed the same way', async () => {
    const p = t.provider();
    await p.complete(ask('1'), { signal: signal() });
    t.fake.revokeTokens();
    const r = await p.complete(ask('2'), { signal: signal() });
    assert.equal(r.text, qianfanSeed.singleTurnText);
  });

  it('refreshes only once: a second 111 fails with what to do', async () => {
    const p = t.provider();
    await p.complete(ask('1'), { signal: signal() });
    t.fake.nextChat(qianfanErrorReply(111, 'Access token expired'), qianfanErrorReply(111, 'Access token expired'));
    const chatsBefore = t.fake.chatRequests().length;
    const tokensBefore = t.fake.tokenRequests().length;
    const e = failed(await collect(p.stream(ask('2'), { signal: signal() })));
    assert.equal(e.kind, 'auth');
    assert.equal(e.code, '111');
    assert.match(e.message, /^Qianfan: the API key was rejected \(code 111\)\. Qianfan said: "Access token expired"\. The access token expired and a fresh one did not help\. Check the API Key and Secret Key/);
    assert.equal(t.fake.chatRequests().length, chatsBefore + 2);
    assert.equal(t.fake.tokenRequests().length, tokensBefore + 1);
  });

  it('a wrong Secret Key is reported as such, without retrying or sending the question', async () => {
    const chatsBefore = t.fake.chatRequests().length;
    const tokensBefore = t.fake.tokenRequests().length;
    const p = t.provider({ auth: { mode: 'accessToken', apiKey: t.fake.apiKey, secretKey: 'wrong-secret-key-123' } });
    const e = failed(await collect(p.stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'auth');
    assert.equal(e.code, 'invalid_client');
    assert.equal(e.status, 401);
    assert.equal(e.providerMessage, 'Client authentication failed');
    assert.match(e.message, /The Secret Key is wrong \(the API Key was recognised\)/);
    assert.ok(!e.message.includes('wrong-secret-key-123'));
    assert.equal(t.fake.tokenRequests().length, tokensBefore + 1, 'one token request, not retried');
    assert.equal(t.fake.chatRequests().length, chatsBefore);
  });

  it('a Secret Key revoked under a cached token: when the token is due, one token request and no retry', async () => {
    // A real token, stored for the keys the user has now (whose Secret Key the server no longer takes).
    let real: StoredQianfanToken | undefined;
    await t.provider({ auth: { mode: 'accessToken', apiKey: t.fake.apiKey, secretKey: t.fake.secretKey, saveToken: async (s) => void (real = s) } }).complete(ask('0'), { signal: signal() });
    const stored: StoredQianfanToken = { token: real!.token, expiresAt: t.clock.now() + DAY_MS, keyId: tokenKeyId(t.fake.baseUrl, t.fake.apiKey, 'revoked-secret') };
    const p = t.provider({ auth: { mode: 'accessToken', apiKey: t.fake.apiKey, secretKey: 'revoked-secret', loadToken: async () => stored } });
    await p.complete(ask('1'), { signal: signal() });
    t.clock.advance(DAY_MS - MARGIN_MS + 1);
    const tokensBefore = t.fake.tokenRequests().length;
    const chatsBefore = t.fake.chatRequests().length;
    const e = failed(await collect(p.stream(ask('2'), { signal: signal() })));
    assert.equal(e.code, 'invalid_client');
    assert.equal(t.fake.tokenRequests().length, tokensBefore + 1);
    assert.equal(t.fake.chatRequests().length, chatsBefore);
  });

  it('a wrong API Key is reported as such', async () => {
    const p = t.provider({ auth: { mode: 'accessToken', apiKey: 'no-such-api-key', secretKey: t.fake.secretKey } });
    const e = failed(await collect(p.stream(ask('q'), { signal: signal() })));
    assert.equal(e.providerMessage, 'unknown client id');
    assert.match(e.message, /The API Key is wrong: copy it again/);
    assert.doesNotMatch(e.message, /Secret Key is wrong/);
  });

  it('a failing token endpoint (connection reset, 5xx) is retried like any attempt', async () => {
    t.fake.nextToken({ before: 'reset' }, { status: 502, headers: { 'content-type': 'text/html' }, body: ['<html>Bad Gateway</html>'] });
    const c = await collect(t.provider().stream(ask('q'), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.deepEqual(ofType(c.events, 'retrying').map((r) => r.error.kind), ['network', 'server']);
  });

  it('other token endpoint answers become clear errors', async () => {
    t.fake.nextToken(qianfanJsonReply({ refresh_token: 'x' }));
    const e = failed(await collect(t.provider().stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /no access_token.*Check the Qianfan base URL/);
  });

  it('saves every fetched token with its expiry and key id; a new provider loads it instead of fetching', async () => {
    const saved: StoredQianfanToken[] = [];
    const first = t.provider({ auth: { mode: 'accessToken', apiKey: t.fake.apiKey, secretKey: t.fake.secretKey, saveToken: async (s) => void saved.push(s) } });
    await first.complete(ask('1'), { signal: signal() });
    assert.equal(saved.length, 1);
    assert.equal(saved[0].token, t.fake.tokens.at(-1)!.token);
    assert.equal(saved[0].expiresAt, t.clock.now() + 30 * DAY_MS);
    assert.equal(saved[0].keyId, tokenKeyId(t.fake.baseUrl, t.fake.apiKey, t.fake.secretKey));
    assert.ok(!saved[0].keyId.includes(t.fake.apiKey));

    let loads = 0;
    const tokensBefore = t.fake.tokenRequests().length;
    const second = t.provider({ auth: { mode: 'accessToken', apiKey: t.fake.apiKey, secretKey: t.fake.secretKey, loadToken: async () => (loads++, saved[0]) } });
    await second.complete(ask('2'), { signal: signal() });
    await second.complete(ask('3'), { signal: signal() });
    assert.equal(loads, 1, 'loaded once');
    assert.equal(t.fake.tokenRequests().length, tokensBefore, 'no token request');
    assert.equal(tokensUsed().at(-1), saved[0].token);
  });

  it('ignores a stored token of other keys, or one about to expire', async () => {
    const stored: StoredQianfanToken = { token: 'stored-token-of-someone-else', expiresAt: t.clock.now() + DAY_MS, keyId: tokenKeyId(t.fake.baseUrl, 'other', 'keys') };
    const before = t.fake.tokenRequests().length;
    await t.provider({ auth: { mode: 'accessToken', apiKey: t.fake.apiKey, secretKey: t.fake.secretKey, loadToken: async () => stored } }).complete(ask('1'), { signal: signal() });
    assert.equal(t.fake.tokenRequests().length, before + 1);
    const stale: StoredQianfanToken = { token: 'stale-token-12345', expiresAt: t.clock.now() + MARGIN_MS, keyId: tokenKeyId(t.fake.baseUrl, t.fake.apiKey, t.fake.secretKey) };
    await t.provider({ auth: { mode: 'accessToken', apiKey: t.fake.apiKey, secretKey: t.fake.secretKey, loadToken: async () => stale } }).complete(ask('2'), { signal: signal() });
    assert.equal(t.fake.tokenRequests().length, before + 2);
    assert.ok(!tokensUsed().includes('stale-token-12345'));
  });

  it('a stored token the server refuses is cleared from storage, replaced and saved', async () => {
    let cleared = 0;
    const saved: StoredQianfanToken[] = [];
    const stored: StoredQianfanToken = { token: 'revoked-stored-token', expiresAt: t.clock.now() + DAY_MS, keyId: tokenKeyId(t.fake.baseUrl, t.fake.apiKey, t.fake.secretKey) };
    const p = t.provider({
      auth: {
        mode: 'accessToken',
        apiKey: t.fake.apiKey,
        secretKey: t.fake.secretKey,
        loadToken: async () => stored,
        saveToken: async (s) => void saved.push(s),
        clearToken: async () => void cleared++,
      },
    });
    const r = await p.complete(ask('q'), { signal: signal() });
    assert.equal(r.text, qianfanSeed.singleTurnText);
    assert.deepEqual(tokensUsed().slice(-2), ['revoked-stored-token', saved[0].token]);
    assert.equal(cleared, 1);
  });

  it('storage failures do not fail the answer, and their log lines hold no token', async () => {
    const p = t.provider({
      auth: {
        mode: 'accessToken',
        apiKey: t.fake.apiKey,
        secretKey: t.fake.secretKey,
        loadToken: async () => {
          throw new Error('keychain locked');
        },
        saveToken: async (s) => {
          throw new Error(`cannot store ${s.token}`);
        },
      },
    });
    const r = await p.complete(ask('q'), { signal: signal() });
    assert.equal(r.text, qianfanSeed.singleTurnText);
    assert.match(t.logger.text, /loadToken failed.*in memory only/);
    assert.match(t.logger.text, /saveToken failed/);
    assert.ok(!t.logger.text.includes(t.fake.tokens.at(-1)!.token));
  });

  it('never logs the keys or the token; the token URL is logged with them masked, chat calls by host only, and echoed tokens are scrubbed', async () => {
    const p = t.provider();
    await p.complete(ask('1'), { signal: signal() });
    const token = t.fake.tokens.at(-1)!.token;
    t.fake.nextChat(() => qianfanErrorReply(336001, `bad request with access_token ${token}`));
    const e = failed(await collect(p.stream(ask('2'), { signal: signal() })));
    const log = t.logger.text;
    assert.match(log, /oauth\/2\.0\/token\?grant_type=client_credentials&client_id=\*\*\*&client_secret=\*\*\*/);
    assert.match(log, /POST http:\/\/127\.0\.0\.1:\d+ → /);
    for (const secret of [t.fake.apiKey, t.fake.secretKey, token]) {
      assert.ok(!log.includes(secret), 'log holds a secret');
      assert.ok(!e.message.includes(secret), 'message holds a secret');
      assert.ok(!JSON.stringify(e.toJSON()).includes(secret), 'error fields hold a secret');
    }
    assert.match(e.providerMessage ?? '', /access_token \*\*\*/);
  });

  it('a caller that stops waiting does not cancel the token request the others wait for', async () => {
    const p = t.provider();
    t.fake.nextToken((_req, fallback) => ({ ...fallback(), delayMs: 80 }));
    const tokensBefore = t.fake.tokenRequests().length;
    const quitter = new AbortController();
    const a = collect(p.stream(ask('a'), { signal: quitter.signal }));
    const b = collect(p.stream(ask('b'), { signal: signal() }));
    await t.fake.server.waitForRequests(t.fake.server.requests.length + 1);
    quitter.abort();
    const [ca, cb] = await Promise.all([a, b]);
    assert.equal(failed(ca).kind, 'cancelled');
    assert.equal(cb.error, undefined);
    assert.equal(cb.text, qianfanSeed.streamText);
    assert.equal(t.fake.tokenRequests().length, tokensBefore + 1);
  });
});
