// The qianfan provider end to end against the fake Qianfan (real HTTP on 127.0.0.1): the seed's
// answers through stream() and complete(), the request as sent (URL, body fields, system prompt,
// parameters), fitting the conversation with a notice, and refusals before anything is sent.

import * as assert from 'node:assert/strict';
import { createQianfanPreset, qianfanPreset } from '../../../../src/providers/presets/qianfan';
import { ProviderRegistry } from '../../../../src/providers/registry';
import {
  flaggedReply,
  qianfanChunks,
  qianfanCompletion,
  qianfanJsonReply,
  qianfanStreamReply,
  qianfanSeed,
  seedStreamReply,
} from '../../../fixtures/fakeQianfan';
import { ask, collect, failed, ofType, signal, user } from '../helpers';
import { useFakeQianfan } from './helpers';

type Body = Record<string, unknown> & { messages: Array<{ role: string; content: string }> };

describe('providers/qianfan: the provider against the fake Qianfan', () => {
  const t = useFakeQianfan();
  const lastBody = (): Body => t.fake.chatRequests().at(-1)!.body as Body;

  it('streams the seed answer: text, meta, usage, finish', async () => {
    const c = await collect(t.provider().stream(ask('给我推荐一些自驾游路线'), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, qianfanSeed.streamText);
    assert.equal(ofType(c.events, 'meta')[0].id, qianfanSeed.streamId);
    assert.deepEqual(ofType(c.events, 'usage').at(-1)!.usage, qianfanSeed.streamUsage);
    assert.deepEqual(ofType(c.events, 'finish').map((e) => e.reason), ['stop']);
    const req = t.fake.chatRequests().at(-1)!;
    assert.equal(req.path, '/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/chatglm3_6b');
    assert.equal(req.method, 'POST');
    assert.deepEqual(lastBody(), { messages: [{ role: 'user', content: '给我推荐一些自驾游路线' }], stream: true });
  });

  it('complete() returns the seed single-turn and multi-turn answers (non-streamed)', async () => {
    const p = t.provider();
    const one = await p.complete(ask('你好'), { signal: signal() });
    assert.equal(one.text, qianfanSeed.singleTurnText);
    assert.equal(one.id, qianfanSeed.singleTurnId);
    assert.deepEqual(one.usage, qianfanSeed.singleTurnUsage);
    assert.equal(one.choices[0].finishReason, 'stop');
    assert.equal(lastBody().stream, false);
    const three = await p.complete(
      { messages: [user('你好'), { role: 'assistant', content: '你好!我是人工智能助手 ChatGLM3-6B' }, user('周末上海的天气怎么样?')] },
      { signal: signal() },
    );
    assert.equal(three.text, qianfanSeed.multiTurnText);
    assert.equal(lastBody().messages.length, 3);
  });

  it('streams correctly when the server writes the body one byte at a time', async () => {
    t.fake.nextChat(seedStreamReply('\n\n', { chunkSizes: [1] }));
    const c = await collect(t.provider().stream(ask('路线'), { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(c.text, qianfanSeed.streamText);
  });

  it('sends the system prompt in the top-level system field and only the seed\'s parameters', async () => {
    const p = t.provider({ parameters: { penaltyScore: 1.5, topK: 4, userId: ' user-7 ' } });
    const c = await collect(
      p.stream(
        {
          messages: [{ role: 'system', content: 'Answer briefly.' }, user('hi')],
          temperature: 0.8,
          topP: 0.5,
          stop: ['\n\n'],
          maxTokens: 100,
          n: 2,
          presencePenalty: 1,
          frequencyPenalty: 1,
        },
        { signal: signal() },
      ),
    );
    assert.equal(c.error, undefined);
    assert.deepEqual(lastBody(), {
      messages: [{ role: 'user', content: 'hi' }],
      system: 'Answer briefly.',
      stream: true,
      temperature: 0.8,
      top_p: 0.5,
      penalty_score: 1.5,
      top_k: 4,
      stop: ['\n\n'],
      user_id: 'user-7',
    });
    for (const p of ['max_tokens', 'n', 'presence_penalty', 'frequency_penalty']) {
      assert.match(t.logger.text, new RegExp(`does not take "${p}"; it was not sent`));
    }
  });

  it("systemPrompt 'prepend' sends it inside the first question instead", async () => {
    await collect(t.provider({ systemPrompt: 'prepend' }).stream({ messages: [{ role: 'system', content: 'S' }, user('q')] }, { signal: signal() }));
    assert.deepEqual(lastBody(), { messages: [{ role: 'user', content: 'S\n\nq' }], stream: true });
  });

  it('shapes the history: joins repeated questions, drops empty answers, never sends an even count', async () => {
    const c = await collect(
      t.provider().stream(
        { messages: [user('q1'), { role: 'assistant', content: '' }, user('q1 again'), { role: 'assistant', content: 'a1' }, user('q2')] },
        { signal: signal() },
      ),
    );
    assert.equal(c.error, undefined);
    assert.deepEqual(lastBody().messages, [
      { role: 'user', content: 'q1\n\nq1 again' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
    ]);
  });

  it('drops the oldest whole turns to fit the limit and says so with a notice event', async () => {
    const long = (n: number): string => `${n}`.repeat(2000);
    const messages = [user(long(1)), { role: 'assistant' as const, content: long(2) }, user(long(3)), { role: 'assistant' as const, content: long(4) }, user('q')];
    const c = await collect(t.provider().stream({ messages }, { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.deepEqual(
      lastBody().messages.map((m) => m.content.slice(0, 1)),
      ['3', '4', 'q'],
    );
    const notices = ofType(c.events, 'notice');
    assert.equal(notices.length, 1);
    assert.equal(notices[0].code, 'turnsDropped');
    assert.equal(notices[0].dropped, 1);
    assert.match(notices[0].message, /oldest turn of this conversation was left out to fit Qianfan's limit of 4800 characters/);
    assert.equal(c.events[0], notices[0], 'the notice comes before the answer');
    // complete() passes it to onEvent too.
    const seen: string[] = [];
    await t.provider({ maxInputChars: 4001 }).complete({ messages }, { signal: signal(), onEvent: (ev) => seen.push(ev.type) });
    assert.equal(seen[0], 'notice');
  });

  it('announces dropped turns once even when the attempt is retried', async () => {
    t.fake.nextChat({ status: 200, headers: { 'content-type': 'application/json' }, body: ['{"error_code":18,"error_msg":"Open api qps request limit reached"}'] });
    const c = await collect(t.provider({ maxInputChars: 10 }).stream({ messages: [user('0123456789'), { role: 'assistant', content: 'a' }, user('q')] }, { signal: signal() }));
    assert.equal(c.error, undefined);
    assert.equal(ofType(c.events, 'retrying').length, 1);
    assert.equal(ofType(c.events, 'notice').length, 1);
  });

  it('refuses before sending when the last message alone is over the limit', async () => {
    const before = t.fake.server.requests.length;
    const c = await collect(t.provider({ maxInputChars: 100 }).stream({ messages: [user('x'), { role: 'assistant', content: 'y' }, user('z'.repeat(101))] }, { signal: signal() }));
    const e = failed(c);
    assert.equal(e.kind, 'contextTooLong');
    assert.equal(e.value, '101');
    assert.match(e.message, /^Qianfan: the conversation is too long for the model\. The last message alone has 101 characters; this endpoint takes at most 100/);
    assert.equal(t.fake.server.requests.length, before, 'nothing was sent, not even a token request');
  });

  it('uses the configured limit (ChatGLM3-6B: 4800 by default; another endpoint: its own)', async () => {
    const text = 'x'.repeat(4801);
    assert.equal(failed(await collect(t.provider().stream(ask(text), { signal: signal() }))).kind, 'contextTooLong');
    // With a bigger configured limit the request is sent, and the fake (4800) answers 336003.
    const e = failed(await collect(t.provider({ maxInputChars: 20000 }).stream(ask(text), { signal: signal() })));
    assert.equal(e.code, '336003');
    assert.equal(e.kind, 'contextTooLong');
    assert.match(e.message, /Qianfan said: "the max length of current question is 4800"\. Shorten the message/);
  });

  it('validates parameters to the seed\'s ranges before sending', async () => {
    const p = t.provider();
    const refused = async (request: Parameters<typeof p.stream>[0], param: string): Promise<string> => {
      const e = failed(await collect(p.stream(request, { signal: signal() })));
      assert.equal(e.kind, 'invalidParams', param);
      assert.equal(e.param, param);
      return e.message;
    };
    const before = t.fake.server.requests.length;
    assert.match(await refused(ask('q', { temperature: 0 }), 'temperature'), /temperature = 0 is outside the allowed range \(0, 1\]/);
    await refused(ask('q', { temperature: 1.01 }), 'temperature');
    await refused(ask('q', { topP: 1.5 }), 'top_p');
    assert.match(await refused(ask('q', { stop: ['a', 'b', 'c', 'd', 'e'] }), 'stop'), /at most 4 stop strings of at most 20 characters/);
    await refused(ask('q', { stop: ['x'.repeat(21)] }), 'stop');
    await refused(ask('q', { stop: [''] }), 'stop');
    const withParam = (parameters: object, param: string): Promise<string> =>
      (async () => {
        const e = failed(await collect(t.provider({ parameters }).stream(ask('q'), { signal: signal() })));
        assert.equal(e.param, param);
        return e.message;
      })();
    assert.match(await withParam({ penaltyScore: 0.9 }, 'penalty_score'), /\[1, 2\]/);
    await withParam({ penaltyScore: 2.1 }, 'penalty_score');
    await withParam({ topK: 0 }, 'top_k');
    await withParam({ topK: 1.5 }, 'top_k');
    await withParam({ userId: ' ' }, 'user_id');
    assert.equal(t.fake.server.requests.length, before, 'nothing was sent');
    // The edges of the ranges are accepted (and the fake, which checks them too, agrees).
    const ok = await collect(t.provider({ parameters: { penaltyScore: 2, topK: 1 } }).stream(ask('q', { temperature: 1, topP: 0, stop: ['x'.repeat(20), 'b', 'c', 'd'] }), { signal: signal() }));
    assert.equal(ok.error, undefined);
  });

  it('refuses image parts, tool messages and a conversation that ends with an answer', async () => {
    const p = t.provider();
    const image = failed(await collect(p.stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, { type: 'image', url: 'https://x.example/a.png' }] }] }, { signal: signal() })));
    assert.equal(image.kind, 'invalidParams');
    assert.match(image.message, /does not take images/);
    const tool = failed(await collect(p.stream({ messages: [user('q'), { role: 'tool', content: 'r', toolCallId: '1' }] }, { signal: signal() })));
    assert.match(tool.message, /role "tool"/);
    const answer = failed(await collect(p.stream({ messages: [user('q'), { role: 'assistant', content: 'a' }] }, { signal: signal() })));
    assert.match(answer.message, /ends with the user's message/);
    const empty = failed(await collect(p.stream({ messages: [user('  ')] }, { signal: signal() })));
    assert.match(empty.message, /no question to send/);
  });

  it('the endpoint setting and a per-request model choose the URL; a malformed endpoint is refused', async () => {
    await collect(t.provider({ endpoint: 'chatglm3_6b' }).stream(ask('q', { model: 'other_ep' }), { signal: signal() }));
    assert.equal(t.fake.chatRequests().at(-1)!.path, '/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/other_ep');
    const e = failed(await collect(t.provider({ endpoint: '../oauth' }).stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'invalidParams');
    assert.match(e.message, /after \/wenxinworkshop\/chat\//);
  });

  it('an unknown endpoint is reported with what to check (code 3, not retried)', async () => {
    const before = t.fake.chatRequests().length;
    const e = failed(await collect(t.provider({ endpoint: 'nope' }).stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'notFound');
    assert.equal(e.code, '3');
    assert.match(e.message, /Check the Qianfan endpoint setting/);
    assert.equal(t.fake.chatRequests().length, before + 1);
  });

  it('missing keys are refused before anything is sent', async () => {
    const before = t.fake.server.requests.length;
    const e = failed(await collect(t.provider({ auth: { mode: 'accessToken', apiKey: 'k', secretKey: ' ' } }).stream(ask('q'), { signal: signal() })));
    assert.equal(e.kind, 'auth');
    assert.equal(e.keyMissing, true);
    const s = failed(await collect(t.provider({ auth: { mode: 'signature', accessKey: '', secretKey: 's' } }).stream(ask('q'), { signal: signal() })));
    assert.equal(s.keyMissing, true);
    assert.equal(t.fake.server.requests.length, before);
  });

  it('the registry knows Qianfan, but a provider it makes with one key refuses calls instead of sending the wrong auth', async () => {
    const registry = new ProviderRegistry();
    assert.equal(registry.get('qianfan'), qianfanPreset);
    const before = t.fake.server.requests.length;
    const p = registry.create('qianfan', { apiKey: t.fake.apiKey, baseUrl: t.fake.baseUrl });
    try {
      const e = failed(await collect(p.stream(ask('q'), { signal: signal() })));
      assert.equal(e.kind, 'invalidParams');
      assert.equal(e.param, 'auth');
      assert.match(e.message, /createQianfanProvider/);
      assert.equal(t.fake.server.requests.length, before);
    } finally {
      await p.dispose();
    }
  });

  it('the registered preset describes the provider', () => {
    assert.equal(qianfanPreset.id, 'qianfan');
    assert.equal(qianfanPreset.baseUrl, 'https://aip.baidubce.com');
    assert.equal(qianfanPreset.defaultModel, 'chatglm3_6b');
    assert.equal(qianfanPreset.acceptsImages?.('chatglm3_6b'), false);
    assert.throws(() => createQianfanPreset({ maxInputChars: 0 }), RangeError);
  });

  describe('answers', () => {
    it('need_clear_history stops a stream with contentFlagged (ban_round), not retried', async () => {
      t.fake.nextChat(qianfanStreamReply([...qianfanChunks(['部分'], { noEnd: true }), JSON.stringify({ ...qianfanChunks(['x'])[0], need_clear_history: true, ban_round: -1 })]));
      const before = t.fake.chatRequests().length;
      const c = await collect(t.provider().stream(ask('q'), { signal: signal() }));
      const e = failed(c);
      assert.equal(e.kind, 'contentFlagged');
      assert.equal(e.banRound, -1);
      assert.equal(c.text, '部分');
      assert.equal(
        e.message,
        'Qianfan: the conversation was flagged as unsafe (the current question). Its history has to be cleared: start a new chat.',
      );
      assert.deepEqual(e.toJSON().banRound, -1);
      assert.equal(t.fake.chatRequests().length, before + 1);
    });

    it('need_clear_history in a whole body does the same, and complete() keeps no text', async () => {
      t.fake.nextChat(flaggedReply(3, false));
      const e = await t.provider().complete(ask('q'), { signal: signal() }).then(
        () => assert.fail('expected contentFlagged'),
        (err: unknown) => err as { kind: string; banRound?: number; partial?: unknown },
      );
      assert.equal(e.kind, 'contentFlagged');
      assert.equal(e.banRound, 3);
      assert.equal(e.partial, undefined);
    });

    it('is_truncated is surfaced as finish reason length', async () => {
      t.fake.nextChat(qianfanJsonReply(qianfanCompletion('cut', { truncated: true })));
      const r = await t.provider().complete(ask('q'), { signal: signal() });
      assert.equal(r.choices[0].finishReason, 'length');
      t.fake.nextChat(qianfanStreamReply(qianfanChunks(['a', 'b'], { truncated: true })));
      const c = await collect(t.provider().stream(ask('q'), { signal: signal() }));
      assert.deepEqual(ofType(c.events, 'finish').map((f) => f.reason), ['length']);
    });

    it('a whole JSON answer in reply to a streaming request is read as the answer', async () => {
      t.fake.nextChat(qianfanJsonReply(qianfanCompletion('whole answer')));
      const c = await collect(t.provider().stream(ask('q'), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.equal(c.text, 'whole answer');
    });

    it('a stream ending with [DONE] instead of is_end is complete', async () => {
      t.fake.nextChat(qianfanStreamReply([...qianfanChunks(['x', 'y'], { noEnd: true }), '[DONE]']));
      const c = await collect(t.provider().stream(ask('q'), { signal: signal() }));
      assert.equal(c.error, undefined);
      assert.equal(c.text, 'xy');
    });

    it('a stream cut off mid-answer fails as truncated and complete() keeps the partial text', async () => {
      // The seed stream, its first 700 characters, then the connection is reset.
      t.fake.nextChat((_req, fallback) => ({ ...fallback(), body: [String(fallback().body![0]).slice(0, 700)], end: 'reset' }));
      const e = await t.provider().complete(ask('q'), { signal: signal(), stream: true }).then(
        () => assert.fail('expected a failure'),
        (err: unknown) => err as { kind: string; partial?: { text: string } },
      );
      assert.equal(e.kind, 'truncated');
      assert.ok(e.partial && qianfanSeed.streamText.startsWith(e.partial.text) && e.partial.text.length > 0);
    });
  });
});
