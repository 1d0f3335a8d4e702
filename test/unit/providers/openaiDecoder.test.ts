import * as assert from 'node:assert/strict';
import { ProviderError, type ProviderErrorDetails } from '../../../src/providers/errors';
import { OpenAIDecoder } from '../../../src/providers/openaiDecoder';
import type { CallContext } from '../../../src/providers/chatProtocol';
import { openaiPreset } from '../../../src/providers/presets/openai';
import type { StreamEvent } from '../../../src/providers/types';
import { ofType } from './helpers';

const errorContext = { providerId: 'openai', providerName: 'Test', secrets: [] };
const ctx: CallContext = {
  preset: openaiPreset,
  baseUrl: 'http://127.0.0.1:1/v1',
  model: 'm',
  errorContext,
  error: (d: ProviderErrorDetails) => new ProviderError(errorContext, d),
};

function run(chunks: unknown[], opts: { done?: boolean } = {}): { events: StreamEvent[]; error?: ProviderError } {
  const d = new OpenAIDecoder(ctx);
  const events: StreamEvent[] = [];
  try {
    for (const c of chunks) events.push(...d.event({ type: 'event', data: typeof c === 'string' ? c : JSON.stringify(c) }, false));
    if (opts.done ?? true) d.event({ type: 'event', data: '[DONE]' }, false);
    events.push(...d.end());
  } catch (e) {
    assert.ok(e instanceof ProviderError);
    return { events, error: e };
  }
  return { events };
}

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 'c1', model: 'm', choices, ...extra });

describe('providers/openaiDecoder', () => {
  it('emits meta once, text deltas and a finish; "" and null finish reasons mean "not yet"', () => {
    const { events } = run([
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'Hel' }, finish_reason: '' }]),
      chunk([{ index: 0, delta: { content: 'lo' }, finish_reason: null }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'length' }]),
    ]);
    assert.deepEqual(events, [
      { type: 'meta', id: 'c1', model: 'm', created: undefined },
      { type: 'text', choice: 0, text: 'Hel' },
      { type: 'text', choice: 0, text: 'lo' },
      { type: 'finish', choice: 0, reason: 'length' },
    ]);
  });

  it('keeps several choices apart (n > 1), each with its own finish', () => {
    const { events } = run([
      chunk([{ index: 1, delta: { content: 'B' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'A' }, finish_reason: null }]),
      chunk([
        { index: 0, delta: {}, finish_reason: 'stop' },
        { index: 1, delta: { content: 'b' }, finish_reason: 'stop' },
      ]),
    ]);
    assert.deepEqual(ofType(events, 'text'), [
      { type: 'text', choice: 1, text: 'B' },
      { type: 'text', choice: 0, text: 'A' },
      { type: 'text', choice: 1, text: 'b' },
    ]);
    assert.deepEqual(ofType(events, 'finish').map((f) => [f.choice, f.reason]), [[0, 'stop'], [1, 'stop']]);
  });

  it('takes the last non-null usage wherever it appears and emits it once at the end', () => {
    const usage = (n: number): Record<string, number> => ({ prompt_tokens: 1, completion_tokens: n, total_tokens: n + 1 });
    const { events } = run([
      chunk([{ index: 0, delta: { content: 'a' }, finish_reason: null }], { usage: usage(1) }),
      chunk([{ index: 0, delta: { content: 'b' }, finish_reason: 'stop' }], { usage: usage(2) }),
      chunk([], { usage: usage(3) }),
      chunk([], { usage: null }),
    ]);
    assert.deepEqual(ofType(events, 'usage'), [{ type: 'usage', usage: { promptTokens: 1, completionTokens: 3, totalTokens: 4 } }]);
    assert.equal(events.at(-1)?.type, 'usage');
  });

  it('merges tool-call fragments by index even when every fragment has a new id (LMDeploy)', () => {
    const { events } = run([
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'r1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'r2', function: { arguments: '{"city":' } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 1, id: 'x1', function: { name: 'get_time', arguments: '{}' } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'r3', function: { arguments: ' "上海"}' } }] }, finish_reason: 'tool_calls' }]),
    ]);
    const calls = ofType(events, 'toolCall');
    assert.equal(calls.length, 4);
    assert.deepEqual(calls[3].call, { id: 'r1', name: 'get_weather', arguments: '{"city": "上海"}' });
    assert.equal(calls[3].argumentsDelta, ' "上海"}');
    assert.deepEqual(calls[2].call, { id: 'x1', name: 'get_time', arguments: '{}' });
    assert.deepEqual(ofType(events, 'finish'), [{ type: 'finish', choice: 0, reason: 'tool_calls' }]);
  });

  it('keeps single-quoted (not JSON) tool arguments as text, and object arguments as JSON text', () => {
    const { events } = run([
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: '1', function: { name: 'f', arguments: "{'a': 1}" } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 1, id: '2', function: { name: 'g', arguments: { b: 2 } } }] }, finish_reason: 'tool_calls' }]),
    ]);
    const calls = ofType(events, 'toolCall');
    assert.equal(calls[0].call.arguments, "{'a': 1}");
    assert.equal(calls[1].call.arguments, '{"b":2}');
  });

  it('passes reasoning_content through as reasoning events', () => {
    const { events } = run([chunk([{ index: 0, delta: { reasoning_content: 'think' }, finish_reason: null }]), chunk([{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }])]);
    assert.deepEqual(ofType(events, 'reasoning'), [{ type: 'reasoning', choice: 0, text: 'think' }]);
  });

  it('turns a <think> block at the start of content into reasoning, per choice, the tag split across chunks', () => {
    const { events } = run([
      chunk([{ index: 0, delta: { content: '<thi' }, finish_reason: null }, { index: 1, delta: { content: 'plain <think>' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'nk>推理</thi' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'nk>\n\n答' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: '案' }, finish_reason: 'stop' }, { index: 1, delta: {}, finish_reason: 'stop' }]),
    ]);
    assert.deepEqual(ofType(events, 'reasoning'), [{ type: 'reasoning', choice: 0, text: '推理' }]);
    assert.deepEqual(ofType(events, 'text'), [
      { type: 'text', choice: 1, text: 'plain <think>' },
      { type: 'text', choice: 0, text: '答' },
      { type: 'text', choice: 0, text: '案' },
    ]);
  });

  it('sends what a cut tag held back before the finish: at the finish reason, or at the end without one', () => {
    const atFinish = run([chunk([{ index: 0, delta: { content: '<think>a</thin' }, finish_reason: 'stop' }])]).events;
    assert.deepEqual(atFinish.slice(1), [
      { type: 'reasoning', choice: 0, text: 'a' },
      { type: 'reasoning', choice: 0, text: '</thin' },
      { type: 'finish', choice: 0, reason: 'stop' },
    ]);
    const atEnd = run([chunk([{ index: 0, delta: { content: ' <th' }, finish_reason: null }])]).events;
    assert.deepEqual(atEnd.slice(1), [
      { type: 'text', choice: 0, text: ' <th' },
      { type: 'finish', choice: 0, reason: 'stop' },
    ]);
  });

  it('reads a <think> block in a whole (non-streamed) message too', () => {
    const d = new OpenAIDecoder(ctx);
    const events = [...d.json({ id: 'c', choices: [{ index: 0, message: { content: '<think>hm</think>yes' }, finish_reason: 'stop' }] }), ...d.end()];
    assert.deepEqual(ofType(events, 'reasoning').map((e) => e.text), ['hm']);
    assert.deepEqual(ofType(events, 'text').map((e) => e.text), ['yes']);
  });

  it('accepts a finish reason without [DONE], and [DONE] without a finish reason', () => {
    assert.equal(run([chunk([{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }])], { done: false }).error, undefined);
    const { events, error } = run([chunk([{ index: 0, delta: { content: 'x' }, finish_reason: null }])], { done: true });
    assert.equal(error, undefined);
    assert.deepEqual(ofType(events, 'finish'), [{ type: 'finish', choice: 0, reason: 'stop' }]);
  });

  it('reports a stream with neither [DONE] nor a finish reason as truncated, after the text it had', () => {
    const { events, error } = run([chunk([{ index: 0, delta: { content: 'partial' }, finish_reason: null }])], { done: false });
    assert.equal(error?.kind, 'truncated');
    assert.deepEqual(ofType(events, 'text').map((t) => t.text), ['partial']);
    assert.match(error!.message, /^Test: the answer ended before it was complete/);
    assert.match(error!.message, /partial answer was kept/);
  });

  it('reports an unfinished choice as truncated even when another finished (n > 1)', () => {
    const { error } = run(
      [chunk([{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }]), chunk([{ index: 1, delta: { content: 'b' }, finish_reason: null }])],
      { done: false },
    );
    assert.equal(error?.kind, 'truncated');
  });

  it('turns error objects inside the stream into typed errors (OpenAI and LMDeploy shapes)', () => {
    const openai = run([chunk([{ index: 0, delta: { content: 'a' } }]), { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }]);
    assert.equal(openai.error?.kind, 'rateLimited');
    assert.equal(openai.error?.code, 'rate_limit_exceeded');
    assert.equal(openai.error?.providerMessage, 'Rate limit reached for requests');
    const lmdeploy = run([{ object: 'error', message: 'The model `x` does not exist.', code: 404 }]);
    assert.equal(lmdeploy.error?.kind, 'notFound');
    assert.equal(lmdeploy.error?.providerMessage, 'The model `x` does not exist.');
    const unknown = run([{ error: 'something broke' }]);
    assert.equal(unknown.error?.kind, 'server');
  });

  it('treats `event: error` as an error, with a JSON or a text payload', () => {
    const d = new OpenAIDecoder(ctx);
    assert.throws(
      () => d.event({ type: 'event', event: 'error', data: '{"error":{"message":"overloaded","type":"server_error"}}' }, false),
      (e: unknown) => e instanceof ProviderError && e.kind === 'server' && e.providerMessage === 'overloaded',
    );
    assert.throws(
      () => new OpenAIDecoder(ctx).event({ type: 'event', event: 'error', data: 'upstream timeout' }, false),
      (e: unknown) => e instanceof ProviderError && e.providerMessage === 'upstream timeout',
    );
  });

  it('reports a non-SSE line as a protocol error quoting it, or as the error a bare JSON error line describes', () => {
    assert.throws(
      () => new OpenAIDecoder(ctx).invalidLine('<html>502 Bad Gateway</html>'),
      (e: unknown) => e instanceof ProviderError && e.kind === 'protocol' && /502 Bad Gateway/.test(e.message),
    );
    assert.throws(
      () => new OpenAIDecoder(ctx).invalidLine('{"object":"error","message":"token invalid","code":401}'),
      (e: unknown) => e instanceof ProviderError && e.kind === 'auth' && e.providerMessage === 'token invalid',
    );
  });

  it('reports a malformed event as protocol, but a cut-off last event as truncated', () => {
    assert.throws(() => new OpenAIDecoder(ctx).event({ type: 'event', data: '{"id": nope' }, false), (e: unknown) => e instanceof ProviderError && e.kind === 'protocol');
    assert.throws(() => new OpenAIDecoder(ctx).event({ type: 'event', data: '{"id": "c1", "choi' }, true), (e: unknown) => e instanceof ProviderError && e.kind === 'truncated');
  });

  it('decodes a whole chat.completion body, filling in a missing finish reason', () => {
    const d = new OpenAIDecoder(ctx);
    const events = [...d.json({ id: 'x', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }), ...d.end()];
    assert.deepEqual(events.map((e) => e.type), ['meta', 'text', 'finish', 'usage']);
    assert.throws(() => new OpenAIDecoder(ctx).json({ id: 'x' }), (e: unknown) => e instanceof ProviderError && e.kind === 'protocol');
  });
});
