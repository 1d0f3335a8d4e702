// What LMDeploy (api_server and proxy), vLLM and Ollama really send in the corners: thinking under
// another name, error objects of their own shapes, finish reasons that are failures. Bytes replayed over a real local HTTP server; each case cites the server source it copies.

import * as assert from 'node:assert/strict';
import { createProvider, type ChatProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { jsonReply, sseReply, type FakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, failed, ofType, signal, withFakeProvider } from './helpers';

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
const delta = (d: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({ ...base, choices: [{ index: 0, delta: d, finish_reason: finish }] });

describe('providers/server shapes: LMDeploy, vLLM and Ollama corners', () => {
  let server: FakeProvider;
  let provider: ChatProvider;
  withFakeProvider((started) => {
    server = started;
    provider = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', retry: { maxRetries: 0 } });
    return provider;
  });

  describe('thinking as `reasoning` (vLLM ≥0.10 DeltaMessage/ChatMessage.reasoning in vllm/entrypoints/openai/protocol.py; Ollama openai/openai.go Message.Reasoning `json:"reasoning,omitempty"`)', () => {
    it('streamed delta.reasoning becomes reasoning events', async () => {
      server.enqueue(sseReply([delta({ role: 'assistant', reasoning: 'Let me ' }), delta({ reasoning: 'think.' }), delta({ content: 'Answer' }), delta({}, 'stop')]));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.deepEqual(ofType(c.events, 'reasoning').map((e) => e.text), ['Let me ', 'think.']);
      assert.equal(c.text, 'Answer');
    });

    it('a non-streamed message.reasoning is the result reasoning', async () => {
      server.enqueue(jsonReply({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'A', reasoning: 'because' }, finish_reason: 'stop' }] }));
      const r = await provider.complete(ask(), { signal: signal() });
      assert.equal(r.choices[0].reasoning, 'because');
      assert.equal(r.text, 'A');
    });

    it('both names in one delta (vLLM 0.10 sends both while deprecating one): once, reasoning_content wins', async () => {
      server.enqueue(sseReply([delta({ reasoning_content: 'rc', reasoning: 'r' }), delta({ content: 'x' }, 'stop')]));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.deepEqual(ofType(c.events, 'reasoning').map((e) => e.text), ['rc']);
    });
  });

  describe('thinking as a <think> block in content (R1-style models served without a reasoning parser)', () => {
    const thinking = '<think>先想一想：缓存 👋</think>\n\n答案是 42 ✅';

    it('byte by byte (tags and UTF-8 characters cut anywhere): thinking then the answer', async () => {
      const pieces = Array.from(thinking).map((ch, i, all) => delta({ content: ch }, i === all.length - 1 ? 'stop' : null));
      server.enqueue({ ...sseReply(pieces), chunkSizes: [1] });
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.equal(ofType(c.events, 'reasoning').map((e) => e.text).join(''), '先想一想：缓存 👋');
      assert.equal(c.text, '答案是 42 ✅');
    });

    it('thinking with no answer, and an answer with no thinking', async () => {
      server.enqueue(sseReply([delta({ content: '<think>only ' }), delta({ content: 'thinking</th' }), delta({ content: 'ink>' }, 'stop')]));
      const onlyThinking = await collect(provider.stream(ask(), { signal: signal() }));
      assert.equal(ofType(onlyThinking.events, 'reasoning').map((e) => e.text).join(''), 'only thinking');
      assert.equal(onlyThinking.text, '');
      server.enqueue(sseReply([delta({ content: 'no thinking, ' }), delta({ content: 'a <think> tag later is text' }, 'stop')]));
      const onlyAnswer = await collect(provider.stream(ask(), { signal: signal() }));
      assert.deepEqual(ofType(onlyAnswer.events, 'reasoning'), []);
      assert.equal(onlyAnswer.text, 'no thinking, a <think> tag later is text');
    });

    it('reasoning_content and content in the same stream: both kept, in order', async () => {
      server.enqueue(sseReply([delta({ reasoning_content: '想' }), delta({ reasoning_content: '好了', content: '' }), delta({ content: '答' }, 'stop')]));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.deepEqual(c.events.filter((e) => e.type === 'reasoning' || e.type === 'text').map((e) => `${e.type}:${'text' in e ? e.text : ''}`), ['reasoning:想', 'reasoning:好了', 'text:答']);
    });
  });

  describe('LMDeploy proxy errors (lmdeploy/serve/proxy/proxy.py, ErrorCodes in lmdeploy/serve/proxy/constants.py)', () => {
    // handle_api_timeout: json.dumps({"error_code": 10402, "text": err_msg}).encode() + b"\n", HTTP 200, no content type.
    const timeout = '{"error_code": 10402, "text": "Failed to get response after a period of time"}\n';

    it('{"error_code","text"} as the whole body: its text is the provider message', async () => {
      server.enqueue({ status: 200, headers: {}, body: [timeout] });
      const e = failed(await collect(provider.stream(ask(), { signal: signal() })));
      assert.equal(e.code, '10402');
      assert.equal(e.providerMessage, 'Failed to get response after a period of time');
    });

    it('{"error_code","text"} as a bare line inside a stream: the same', async () => {
      server.enqueue(sseReply([delta({ content: 'partial' }), { raw: timeout }], { done: false }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      const e = failed(c);
      assert.equal(e.providerMessage, 'Failed to get response after a period of time');
      assert.equal(c.text, 'partial');
    });

    // ≥0.12.2 stream_generator: on an upstream failure it yields json.dumps({"error": True, "status": code, "message": msg}).
    it('{"error": true, "status": 500, "message"} appended to a stream: a server error with its message', async () => {
      server.enqueue(sseReply([delta({ content: 'partial' }), { raw: '{"error": true, "status": 500, "message": "upstream node failed"}\n' }], { done: false }));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      const e = failed(c);
      assert.equal(e.kind, 'server');
      assert.equal(e.status, 500);
      assert.equal(e.providerMessage, 'upstream node failed');
      assert.ok(!/server-sent events|base URL/.test(e.message), e.message);
    });
  });

  // lmdeploy/serve/openai/api_server.py (0.6–0.12) check_api_key: HTTPException(401, detail={"error": {"message", "type", "param", "code"}}).
  it('LMDeploy --api-keys 401 {"detail":{"error":{...}}}: the message, not raw JSON', async () => {
    server.enqueue(jsonReply({ detail: { error: { message: 'Please request with valid api key!', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } }, { status: 401 }));
    const e = failed(await collect(provider.stream(ask(), { signal: signal() })));
    assert.equal(e.kind, 'auth');
    assert.equal(e.providerMessage, 'Please request with valid api key!');
    assert.equal(e.code, 'invalid_api_key');
  });

  describe('finish reasons that are failures (lmdeploy/serve/async_engine.py: finish_reason "error" with text "internal error happened")', () => {
    it('finish_reason "error" streamed: a server error carrying the text, earlier text kept', async () => {
      server.enqueue(sseReply([delta({ content: 'Hello' }), delta({ content: 'internal error happened' }, 'error')]));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      const e = failed(c);
      assert.equal(e.kind, 'server');
      assert.equal(e.providerMessage, 'internal error happened');
      assert.equal(c.text, 'Hello');
    });

    it('finish_reason "error" not streamed: a server error', async () => {
      server.enqueue(jsonReply({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'internal error happened' }, finish_reason: 'error' }] }));
      const err = await provider.complete(ask(), { signal: signal() }).then(() => undefined, (x: unknown) => x);
      assert.equal((err as { kind?: string })?.kind, 'server');
      assert.equal((err as { providerMessage?: string }).providerMessage, 'internal error happened');
    });

    it('finish_reason "length" with no text at all: the input is too long', async () => {
      server.enqueue(sseReply([delta({ role: 'assistant', content: '' }), delta({}, 'length')]));
      const e = failed(await collect(provider.stream(ask(), { signal: signal() })));
      assert.equal(e.kind, 'contextTooLong');
    });

    it('finish_reason "length" after text: a normal finish with reason length', async () => {
      server.enqueue(sseReply([delta({ content: 'cut' }), delta({}, 'length')]));
      const c = await collect(provider.stream(ask(), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.deepEqual(ofType(c.events, 'finish'), [{ type: 'finish', choice: 0, reason: 'length' }]);
    });
  });
});
