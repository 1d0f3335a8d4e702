// The fake provider fixture itself: recording, scripting, stopping, and its CLI.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { request } from 'undici';
import { createProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { jsonReply, sseReply, stallBeforeHeaders, startFakeProvider, textChunks, withFaults } from '../../fixtures/fakeProvider';
import { ask, collect, signal } from './helpers';

const FIXTURE = path.resolve(__dirname, '../../fixtures/fakeProvider');

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('fixtures/fakeProvider', () => {
  it('listens on 127.0.0.1 with a random port and records method, path, headers and JSON body', async () => {
    const s = await startFakeProvider();
    assert.match(s.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.ok(s.port > 0);
    await post(`${s.baseUrl}/chat/completions?x=1`, { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, { authorization: 'Bearer k' });
    const r = s.requests[0];
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/v1/chat/completions');
    assert.equal(r.query.get('x'), '1');
    assert.equal(r.headers.authorization, 'Bearer k');
    assert.deepEqual(r.body, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    await s.close();
  });

  it('answers from the queue first (replies or scripts), then the script, then the protocol default', async () => {
    const s = await startFakeProvider({ answer: 'default answer' });
    s.enqueue(jsonReply({ n: 1 }), (req) => jsonReply({ echoed: (req.body as { q: string }).q }));
    assert.equal((await post(`${s.baseUrl}/chat/completions`, {})).text, '{"n":1}');
    assert.equal((await post(`${s.baseUrl}/chat/completions`, { q: 'ping' })).text, '{"echoed":"ping"}');
    s.setScript(() => jsonReply({ scripted: true }));
    assert.equal((await post(`${s.baseUrl}/chat/completions`, {})).text, '{"scripted":true}');
    s.setScript(undefined);
    assert.match((await post(`${s.baseUrl}/chat/completions`, { messages: [] })).text, /default answer/);
    assert.equal((await post(`${s.origin}/elsewhere`, {})).status, 404);
    await s.close();
  });

  it('requires its API key when given one', async () => {
    const s = await startFakeProvider({ apiKey: 'the-key' });
    const bad = await post(`${s.baseUrl}/chat/completions`, { messages: [] }, { authorization: 'Bearer wrong' });
    assert.equal(bad.status, 401);
    assert.equal(JSON.parse(bad.text).error.code, 'invalid_api_key');
    assert.equal((await post(`${s.baseUrl}/chat/completions`, { messages: [] }, { authorization: 'Bearer the-key' })).status, 200);
    await s.close();
  });

  it('writes the body in the requested byte sizes without changing it', async () => {
    const s = await startFakeProvider();
    const reply = sseReply(textChunks('分块 test', { piece: 2 }));
    s.enqueue(withFaults(reply, { chunkSizes: [1, 2, 3] }));
    const split = (await post(`${s.baseUrl}/chat/completions`, {})).text;
    s.enqueue(reply);
    assert.equal(split, (await post(`${s.baseUrl}/chat/completions`, {})).text);
    await s.close();
  });

  it('close() destroys open sockets, even of a stalled request', async () => {
    const s = await startFakeProvider();
    s.enqueue(stallBeforeHeaders());
    const pending = post(`${s.baseUrl}/chat/completions`, {}).then(
      () => 'answered',
      () => 'failed',
    );
    await s.waitForRequests(1);
    await s.close();
    assert.equal(await pending, 'failed');
    await s.closed;
  });

  it('closes itself when idle', async () => {
    const s = await startFakeProvider({ idleCloseMs: 50 });
    await post(`${s.baseUrl}/chat/completions`, { messages: [] });
    await s.closed;
    await assert.rejects(post(`${s.baseUrl}/chat/completions`, { messages: [] }));
  });

  it('does not keep a process alive when left running', async () => {
    const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(FIXTURE)}).startFakeProvider().then((s) => console.log(s.port))`]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.match(out, /^\d+\n$/);
  });

  it('its CLI serves the default Markdown answer until stopped', async () => {
    const child = spawn(process.execPath, [path.join(FIXTURE, 'cli.js'), '--port', '0', '--chunk-delay', '0']);
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening at (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(`CLI exited: ${out}`)));
      });
      const p = createProvider(openaiPreset, { baseUrl, model: 'fake-model' });
      const c = await collect(p.stream(ask(), { signal: signal() }));
      await p.dispose();
      assert.equal(c.error, undefined);
      assert.match(c.text, /```ts\n[\s\S]*```/);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
