// The fake server replays the seeds' example responses, and Chorus reads them as the pages describe.

import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { createProvider } from '../../../src/providers/provider';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { lanruiPreset } from '../../../src/providers/presets/lanrui';
import {
  docJson,
  internlmSeed,
  jsonReply,
  lanruiSeed,
  seedDocs,
  seedReplies,
  type FakeProvider,
} from '../../fixtures/fakeProvider';
import { ask, collect, failed, ofType, signal, withFakeProvider } from './helpers';

/** Everything but whitespace, commas and `//` comments: what docJson must leave untouched. */
const essence = (s: string): string => s.replace(/\/\/[^\n]*/g, '').replace(/[\s,]/g, '');

async function rawBody(url: string, body: unknown): Promise<{ bytes: Buffer; contentType: string }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const chunks: Buffer[] = [];
  for await (const c of res.body) chunks.push(c as Buffer);
  return { bytes: Buffer.concat(chunks), contentType: String(res.headers['content-type']) };
}

describe('providers/seeds: the fake server replays the seed pages', () => {
  let server: FakeProvider;
  withFakeProvider((started) => {
    server = started;
  }, { basePath: '/api/v1' });

  it('derives valid JSON from the annotated examples, changing only comments and commas', () => {
    const docs = [seedDocs.INTERNLM_COMPLETION_DOC, seedDocs.INTERNLM_STREAM_CHUNK_DOC, seedDocs.INTERNLM_TOOL_CALL_DOC, seedDocs.LANRUI_COMPLETION_DOC];
    for (const doc of docs) {
      assert.equal(essence(docJson(doc)), essence(doc));
      assert.doesNotThrow(() => JSON.parse(docJson(doc)));
    }
    // The pages' own text is not JSON (comments, missing and trailing commas): why docJson exists.
    assert.throws(() => JSON.parse(seedDocs.INTERNLM_COMPLETION_DOC));
    assert.throws(() => JSON.parse(seedDocs.LANRUI_COMPLETION_DOC));
    assert.equal(JSON.parse(internlmSeed.completion).choices[0].message.content, internlmSeed.completionText);
    assert.equal(JSON.parse(internlmSeed.streamChunk).choices[0].finish_reason, '');
    for (const line of lanruiSeed.streamChunks) assert.doesNotThrow(() => JSON.parse(line));
  });

  it('sends the InternLM non-stream example byte for byte', async () => {
    server.enqueue(seedReplies.internlmCompletion());
    const { bytes, contentType } = await rawBody(`${server.baseUrl}/chat/completions`, { model: 'internlm3-latest', messages: [] });
    assert.equal(bytes.toString('utf8'), internlmSeed.completion);
    assert.match(contentType, /application\/json/);
  });

  it('streams the InternLM example so that the seed page\'s own client accepts it', async () => {
    server.enqueue(seedReplies.internlmStream());
    const { bytes, contentType } = await rawBody(`${server.baseUrl}/chat/completions`, { stream: true });
    assert.match(contentType, /text\/event-stream/);
    assert.equal(bytes.toString('utf8'), `data: ${internlmSeed.streamChunk}\n\ndata: ${internlmSeed.finishChunk}\n\ndata: [DONE]\n\n`);
    // The page's Python client, line for line: every line starts with data:, [DONE] ends, no error objects.
    const printed: string[] = [];
    let finished = false;
    for (const line of bytes.toString('utf8').split('\n')) {
      if (!line) continue;
      assert.ok(line.startsWith('data:'), `error message ${line}`);
      const decoded = line.slice('data:'.length).trim();
      if (decoded === '[DONE]') {
        finished = true;
        break;
      }
      const output = JSON.parse(decoded);
      assert.notEqual(output.object, 'error');
      printed.push(output.choices[0].delta.content ?? '');
    }
    assert.ok(finished);
    assert.equal(printed[0], internlmSeed.streamText);
  });

  it('sends the Lanrui stream chunks exactly as the page shows them', async () => {
    server.enqueue(seedReplies.lanruiStream());
    const { bytes } = await rawBody(`${server.baseUrl}/chat/completions`, { stream: true });
    assert.equal(bytes.toString('utf8'), `${lanruiSeed.streamChunks.map((c) => `data: ${c}\n\n`).join('')}data: [DONE]\n\n`);
  });
});

describe('providers/seeds: Chorus reads the seed responses', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  }, { basePath: '/api/v1' });
  const internlm = () => cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: 'test-key-123456', requestsPerMinute: 0 }));
  const lanrui = () => cleanup.add(createProvider(lanruiPreset, { baseUrl: server.baseUrl, apiKey: 'test-key-123456', model: 'meta-llama/Llama-2-7b-chat-hf' }));

  it('InternLM non-stream: the answer, its id, model and finish reason', async () => {
    server.enqueue(seedReplies.internlmCompletion());
    const result = await internlm().complete(ask('他什么作品得过雨果奖?', { temperature: 0.8, topP: 0.9, n: 1 }), { signal: signal() });
    assert.equal(result.text, internlmSeed.completionText);
    assert.equal(result.id, 'chatcmpl-123');
    assert.equal(result.model, 'internlm3-latest');
    assert.equal(result.choices[0].finishReason, 'stop');
    const sent = server.requests.at(-1)!;
    assert.equal(sent.path, '/api/v1/chat/completions');
    assert.equal(sent.headers.authorization, 'Bearer test-key-123456');
    assert.deepEqual(sent.body, { model: 'internlm3-latest', messages: [{ role: 'user', content: '他什么作品得过雨果奖?' }], n: 1, temperature: 0.8, top_p: 0.9, stream: false });
  });

  it('InternLM stream: the chunk with finish_reason "" is text, the stream ends at [DONE]', async () => {
    server.enqueue(seedReplies.internlmStream());
    const c = await collect(internlm().stream(ask(), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, internlmSeed.streamText);
    assert.deepEqual(ofType(c.events, 'finish'), [{ type: 'finish', choice: 0, reason: 'stop' }]);
  });

  it('InternLM tool call answered as JSON to a streaming request: content, call and single-quoted arguments kept', async () => {
    server.enqueue(seedReplies.internlmToolCall());
    const c = await collect(
      internlm().stream(ask('今天天气怎么样', { tools: [{ name: 'get_current_weather', description: 'Get the current weather in a given location', parameters: { type: 'object' } }] }), {
        signal: signal(),
      }),
    );
    assert.equal(c.error, undefined);
    assert.equal(c.text, 'get_current_weather');
    const calls = ofType(c.events, 'toolCall');
    assert.deepEqual(calls.at(-1)!.call, { id: '97102', name: 'get_current_weather', arguments: internlmSeed.toolCallArguments });
    assert.deepEqual(ofType(c.events, 'finish'), [{ type: 'finish', choice: 0, reason: 'tool_calls' }]);
    const sent = server.requests.at(-1)!.body as Record<string, unknown>;
    assert.deepEqual(sent.tools, [
      { type: 'function', function: { name: 'get_current_weather', description: 'Get the current weather in a given location', parameters: { type: 'object' } } },
    ]);
  });

  it('Lanrui stream, with and without [DONE]', async () => {
    for (const done of [true, false]) {
      server.enqueue(seedReplies.lanruiStream({ done }));
      const c = await collect(lanrui().stream(ask('Hello!'), { signal: signal() }));
      assert.equal(c.error, undefined, `done=${done}`);
      assert.equal(c.text, lanruiSeed.streamText);
      assert.deepEqual(ofType(c.events, 'meta')[0], { type: 'meta', id: 'chatcmpl-123', model: 'meta-llama/Llama-2-7b-chat-hf', created: 1694268190 });
      assert.deepEqual(ofType(c.events, 'finish'), [{ type: 'finish', choice: 0, reason: 'stop' }]);
    }
  });

  it('Lanrui non-stream: the answer and its usage', async () => {
    server.enqueue(seedReplies.lanruiCompletion());
    const result = await lanrui().complete(ask('Hello!'), { signal: signal() });
    assert.equal(result.text, lanruiSeed.completionText);
    assert.deepEqual(result.usage, { promptTokens: 9, completionTokens: 12, totalTokens: 21 });
  });

  it('the annotated page text itself, if a server ever sent it, is a clear protocol error naming the provider', async () => {
    server.enqueue(jsonReply(seedDocs.INTERNLM_COMPLETION_DOC));
    const e = failed(await collect(internlm().stream(ask(), { signal: signal() })));
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /^InternLM: /);
  });
});
