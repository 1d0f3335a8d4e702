// The fake Qianfan speaks the seed byte for byte (headers and bodies of its examples), answers the
// token endpoint as Qianfan does, and enforces the seed's request rules with Qianfan's error codes,
// so the provider tests above test against the contract. Raw HTTP, no provider code involved.

import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { qianfanSeed, seedStreamBody, startFakeQianfan, type FakeQianfan } from '../../../fixtures/fakeQianfan';
import { MULTI_TURN_HEADERS, SINGLE_TURN_HEADERS, STREAM_HEADERS } from '../../../fixtures/fakeQianfan/seedDocs';

describe('fixtures/fakeQianfan', () => {
  let fake: FakeQianfan;
  let token: string;
  before(async () => {
    fake = await startFakeQianfan();
  });
  after(() => fake.close());

  async function post(path: string, body?: unknown): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
    const res = await request(`${fake.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  }
  const chat = (body: unknown, t = token): ReturnType<typeof post> => post(`/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/chatglm3_6b?access_token=${t}`, body);
  const code = async (body: unknown): Promise<number> => (JSON.parse((await chat(body)).text) as { error_code: number }).error_code;

  it('issues a token for the right keys, and says which key is wrong otherwise', async () => {
    const ok = await post(`/oauth/2.0/token?grant_type=client_credentials&client_id=${fake.apiKey}&client_secret=${fake.secretKey}`);
    const issued = JSON.parse(ok.text) as { access_token: string; expires_in: number };
    assert.equal(issued.expires_in, 2592000);
    assert.match(issued.access_token, /^24\./);
    token = issued.access_token;
    const badId = await post(`/oauth/2.0/token?grant_type=client_credentials&client_id=x&client_secret=${fake.secretKey}`);
    assert.deepEqual(JSON.parse(badId.text), { error_description: 'unknown client id', error: 'invalid_client' });
    const badSecret = await post(`/oauth/2.0/token?grant_type=client_credentials&client_id=${fake.apiKey}&client_secret=x`);
    assert.deepEqual(JSON.parse(badSecret.text), { error_description: 'Client authentication failed', error: 'invalid_client' });
  });

  it('replays the seed\'s single-turn, multi-turn and stream examples byte for byte, with their headers', async () => {
    const one = await chat({ messages: [{ role: 'user', content: '你好' }] });
    assert.equal(one.status, 200);
    assert.equal(one.text, qianfanSeed.singleTurnBody);
    for (const [k, v] of Object.entries(SINGLE_TURN_HEADERS)) assert.equal(one.headers[k.toLowerCase()], v);
    const three = await chat({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }] });
    assert.equal(three.text, qianfanSeed.multiTurnBody);
    for (const [k, v] of Object.entries(MULTI_TURN_HEADERS)) assert.equal(three.headers[k.toLowerCase()], v);
    const stream = await chat({ messages: [{ role: 'user', content: '给我推荐一些自驾游路线' }], stream: true });
    assert.equal(stream.text, seedStreamBody());
    for (const [k, v] of Object.entries(STREAM_HEADERS)) assert.equal(stream.headers[k.toLowerCase()], v);
  });

  it('answers a bad or missing token as Qianfan does (the seed\'s 110 body, 111 when expired, 100 when missing)', async () => {
    assert.equal((await chat({ messages: [{ role: 'user', content: 'q' }] }, 'nope')).text, qianfanSeed.error110Body);
    assert.equal(JSON.parse((await post('/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/chatglm3_6b', { messages: [] })).text).error_code, 100);
  });

  it('enforces the seed\'s request rules with Qianfan\'s codes', async () => {
    const u = (content: string): { role: string; content: string } => ({ role: 'user', content });
    const a = (content: string): { role: string; content: string } => ({ role: 'assistant', content });
    assert.equal(await code({ messages: [u('a'), a('b')] }), 336006);
    assert.equal(await code({ messages: [a('a')] }), 336006);
    assert.equal(await code({ messages: [u('')] }), 336006);
    assert.equal(await code({ messages: [u('x'.repeat(4801))] }), 336003);
    assert.equal(await code({ messages: [u('q')], temperature: 0 }), 336003);
    assert.equal(await code({ messages: [u('q')], stop: ['1', '2', '3', '4', '5'] }), 336003);
    assert.equal(await code({ messages: [u('q')], max_tokens: 10 }), 336001);
    assert.equal(await code('{not json'), 336002);
    assert.equal((await chat({ messages: [u('x'.repeat(4800))], temperature: 1, top_p: 0, penalty_score: 2, top_k: 1, system: 's', user_id: 'u' })).status, 200);
  });

  it('expires and revokes tokens on demand', async () => {
    fake.expireTokens();
    assert.equal(await code({ messages: [{ role: 'user', content: 'q' }] }), 111);
    fake.revokeTokens();
    assert.equal(await code({ messages: [{ role: 'user', content: 'q' }] }), 110);
  });
});
