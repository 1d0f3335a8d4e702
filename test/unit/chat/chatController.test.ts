import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChatController, type ChatControllerDeps } from '../../../src/chat/chatController';
import { HistoryStore } from '../../../src/chat/historyStore';
import { ProviderError, ProviderRegistry, createQianfanProvider } from '../../../src/providers';
import { flaggedReply, qianfanChunks, qianfanStreamReply, startFakeQianfan } from '../../fixtures/fakeQianfan';
import type { AssistantTurn } from '../../../src/shared/conversation';
import type { HostMessage } from '../../../src/shared/webviewProtocol';
import { openaiErrorReply, sseReply, startFakeProvider, stallBeforeHeaders, textChunks, withFaults, type FakeProvider } from '../../fixtures/fakeProvider';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('chat controller, against a real local provider', () => {
  let fake: FakeProvider;
  let dir: string;
  let posted: HostMessage[];
  let store: HistoryStore;
  let controller: ChatController;

  const make = (overrides: Partial<ChatControllerDeps> = {}): ChatController =>
    new ChatController({
      createProvider: async () => ({
        provider: new ProviderRegistry().create('openai', { baseUrl: fake.baseUrl, model: 'fake-model', retry: { baseDelayMs: 1 } }),
        providerId: 'openai',
        model: 'fake-model',
      }),
      currentSelection: () => ({ providerId: 'openai', model: 'fake-model' }),
      store,
      post: (m) => posted.push(m),
      generation: () => ({}),
      describeError: (e) => (e instanceof ProviderError ? { message: e.message, kind: e.kind, status: e.status } : { message: String(e), kind: 'internal' }),
      flaggedMessage: (error) => `flagged ${error.banRound}`,
      log: quiet,
      flushIntervalMs: 5,
      ...overrides,
    });

  const deltas = (turnId: string): string => posted.filter((m): m is Extract<HostMessage, { type: 'delta' }> => m.type === 'delta' && m.turnId === turnId).map((m) => m.text).join('');
  const lastAnswer = (): AssistantTurn => controller.current.turns.at(-1) as AssistantTurn;

  beforeEach(async () => {
    fake = await startFakeProvider();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-history-'));
    posted = [];
    store = new HistoryStore(dir, () => undefined);
    controller = make();
  });

  afterEach(async () => {
    controller.dispose();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams an answer in batched deltas, records metrics and saves the conversation', async () => {
    const answer = '你好!Here is **Markdown** with `code`.\n\n```ts\nconst x = 1;\n```\n';
    fake.enqueue(sseReply(textChunks(answer, { piece: 3, usage: { prompt_tokens: 5, completion_tokens: 17, total_tokens: 22 } })));
    await controller.send('Say hello');
    const turn = lastAnswer();
    assert.equal(turn.status, 'done');
    assert.equal(turn.text, answer);
    assert.equal(deltas(turn.id), answer, 'the deltas add up to the answer');
    assert.ok(posted.filter((m) => m.type === 'delta').length < Array.from(answer).length / 3, 'deltas are batched, not one message per chunk');
    assert.equal(turn.metrics?.completionTokens, 17);
    assert.equal(typeof turn.metrics?.timeToFirstTokenMs, 'number');
    const body = fake.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }>; stream: boolean };
    assert.equal(body.stream, true);
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Say hello' }]);
    const saved = await store.load(controller.current.id);
    assert.equal(saved?.title, 'Say hello');
    assert.equal(saved?.turns.length, 2);
    assert.equal((saved?.turns[1] as AssistantTurn).text, answer);
  });

  it('sends the system prompt first, read again for every request', async () => {
    let system: string | undefined = 'Use tabs.';
    controller = make({ systemPrompt: async () => system });
    fake.enqueue(sseReply(textChunks('one')), sseReply(textChunks('two')));
    await controller.send('first');
    assert.deepEqual((fake.requests.at(-1)!.body as { messages: unknown[] }).messages, [
      { role: 'system', content: 'Use tabs.' },
      { role: 'user', content: 'first' },
    ]);
    system = undefined;
    await controller.send('second');
    const roles = (fake.requests.at(-1)!.body as { messages: Array<{ role: string }> }).messages.map((m) => m.role);
    assert.deepEqual(roles, ['user', 'assistant', 'user']);
  });

  it('Qianfan: the system prompt goes in its field and counts against maxInputChars', async () => {
    const qianfan = await startFakeQianfan({ apiKey: 'ak-1234567', secretKey: 'sk-7654321' });
    try {
      controller = make({
        systemPrompt: async () => 'S'.repeat(60),
        createProvider: async () => ({
          provider: createQianfanProvider({ baseUrl: qianfan.baseUrl, maxInputChars: 100, auth: { mode: 'accessToken', apiKey: 'ak-1234567', secretKey: 'sk-7654321' } }),
          providerId: 'qianfan',
          model: 'chatglm3_6b',
        }),
      });
      qianfan.nextChat(qianfanStreamReply(qianfanChunks(['a'.repeat(20)])), qianfanStreamReply(qianfanChunks(['ok'])));
      await controller.send('q'.repeat(15));
      await controller.send('r'.repeat(15));
      const sent = qianfan.chatRequests().at(-1)!.body as { system?: string; messages: Array<{ content: string }> };
      assert.equal(sent.system, 'S'.repeat(60));
      // 60 + 15 + 20 + 15 = 110 > 100: the first exchange is left out for the system prompt.
      assert.deepEqual(sent.messages.map((m) => m.content), ['r'.repeat(15)]);
      assert.match(lastAnswer().notice ?? '', /1/);
    } finally {
      await qianfan.close();
    }
  });

  it('stops at once: the server sees the connection close and the partial answer stays', async () => {
    fake.enqueue(sseReply([...textChunks('partial answer ', { piece: 4 }).slice(0, 3), { delayMs: 30_000 }]));
    const sending = controller.send('Long story please');
    while (!posted.some((m) => m.type === 'delta')) await new Promise((r) => setTimeout(r, 5));
    const turnId = lastAnswer().id;
    controller.stop(turnId);
    await sending;
    await fake.requests.at(-1)!.closed;
    assert.equal(lastAnswer().status, 'stopped');
    assert.ok(lastAnswer().text.length > 0, 'the partial text is kept');
    const finished = posted.find((m) => m.type === 'turnFinished');
    assert.deepEqual(finished && finished.type === 'turnFinished' && finished.status, 'stopped');
  });

  it('cuts a runaway answer at the size cap, keeps what came, closes the connection and says so', async () => {
    controller = make({
      createProvider: async () => ({
        provider: new ProviderRegistry().create('openai', { baseUrl: fake.baseUrl, model: 'fake-model', maxAnswerChars: 1_000 }),
        providerId: 'openai',
        model: 'fake-model',
      }),
      answerTooLongText: (chars) => `cut at ${chars}`,
    });
    const looping = 'all work and no play. '.repeat(2_000);
    fake.enqueue(sseReply(textChunks(looping, { piece: 50 })));
    await controller.send('Tell me about Jack');
    await fake.requests.at(-1)!.closed;
    assert.equal(lastAnswer().text, looping.slice(0, 1_000), 'exactly what fits is kept');
    assert.equal(lastAnswer().status, 'stopped');
    assert.equal(lastAnswer().notice, 'cut at 1000');
    assert.ok(posted.some((m) => m.type === 'notice' && m.text === 'cut at 1000'));
    const saved = await store.load(controller.current.id);
    assert.equal((saved!.turns.at(-1) as AssistantTurn).text.length, 1_000, 'history keeps the cut answer');
  });

  it('keeps a partial answer when the stream breaks, marks it as an error, and does not restore the prompt', async () => {
    fake.enqueue(withFaults(sseReply(textChunks('half of it', { piece: 2 }).slice(0, 4), { done: false }), { end: 'reset' }));
    await controller.send('Explain');
    const turn = lastAnswer();
    assert.equal(turn.status, 'error');
    assert.ok(turn.text.length > 0);
    assert.ok(turn.error?.message.includes('OpenAI-compatible'));
    assert.ok(!posted.some((m) => m.type === 'restoreDraft'));
  });

  it('returns a prompt that got no answer to the composer, and a resend replaces the failed turn', async () => {
    fake.enqueue(openaiErrorReply(401, 'Incorrect API key provided'));
    await controller.send('First try', [{ kind: 'code', path: 'a.ts', languageId: 'typescript', text: 'let a = 1;' }]);
    assert.equal(lastAnswer().status, 'error');
    assert.equal(lastAnswer().error?.status, 401);
    const restore = posted.find((m) => m.type === 'restoreDraft');
    assert.ok(restore && restore.type === 'restoreDraft');
    assert.equal(restore.text, 'First try');
    assert.equal(restore.attachments.length, 1);
    fake.enqueue(sseReply(textChunks('ok')));
    await controller.send('First try');
    assert.deepEqual(controller.current.turns.map((t) => t.role), ['user', 'assistant'], 'the failed pair was replaced');
    assert.equal(lastAnswer().text, 'ok');
  });

  it('regenerates the last answer and edits an earlier prompt, replacing later turns', async () => {
    fake.enqueue(sseReply(textChunks('one')), sseReply(textChunks('two')), sseReply(textChunks('three')), sseReply(textChunks('edited')));
    await controller.send('A');
    await controller.send('B');
    await controller.regenerate(lastAnswer().id);
    assert.deepEqual(controller.current.turns.map((t) => t.text), ['A', 'one', 'B', 'three']);
    const second = fake.requests.at(-1)!.body as { messages: Array<{ content: string }> };
    assert.deepEqual(second.messages.map((m) => m.content), ['A', 'one', 'B']);
    await controller.edit(controller.current.turns[0]!.id, 'A2');
    assert.deepEqual(controller.current.turns.map((t) => t.text), ['A2', 'edited']);
    assert.deepEqual((fake.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content), ['A2']);
  });

  it('shows a slash command as typed but sends its filled-in prompt, again on regenerate; an edit replaces it', async () => {
    fake.enqueue(sseReply(textChunks('one')), sseReply(textChunks('two')), sseReply(textChunks('three')), sseReply(textChunks('four')));
    const contents = (): string[] => (fake.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content);
    await controller.send('/review be strict', [], 'Review this code. be strict');
    assert.equal(controller.current.turns[0]!.text, '/review be strict');
    assert.equal(controller.current.title, '/review be strict');
    assert.deepEqual(contents(), ['Review this code. be strict']);
    await controller.regenerate(lastAnswer().id);
    assert.deepEqual(contents(), ['Review this code. be strict'], 'regenerate sends the same prompt');
    const saved = await store.load(controller.current.id);
    assert.equal((saved!.turns[0] as { prompt?: string }).prompt, 'Review this code. be strict', 'history keeps what was sent');
    await controller.edit(controller.current.turns[0]!.id, '/review be kind', 'Review this code. be kind');
    assert.deepEqual(contents(), ['Review this code. be kind']);
    await controller.edit(controller.current.turns[0]!.id, 'plain question');
    assert.deepEqual(contents(), ['plain question'], 'an edit into plain text drops the old prompt');
  });

  it('sends attached code as context before the prompt', async () => {
    fake.enqueue(sseReply(textChunks('fine')));
    await controller.send('What does it do?', [{ kind: 'code', path: 'src/x.ts', languageId: 'typescript', startLine: 3, endLine: 4, text: 'const a = "```";' }]);
    const content = (fake.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages[0]!.content;
    assert.match(content, /^src\/x\.ts \(lines 3-4\):\n````typescript\nconst a = "```";\n````\n\nWhat does it do\?$/);
  });

  it('regenerate and edit send the same context again, as it was sent (a cut attachment stays cut); history keeps it', async () => {
    const attachments = [
      { kind: 'code' as const, source: 'file' as const, path: 'src/big.ts', languageId: 'typescript', text: 'const big = 1;', trimmedFrom: 90_000 },
      { kind: 'code' as const, source: 'problems' as const, path: 'Problems in src/a.json', languageId: 'text', text: 'src/a.json:2:3 error: Expected comma' },
    ];
    fake.enqueue(sseReply(textChunks('one')), sseReply(textChunks('two')), sseReply(textChunks('three')));
    await controller.send('Fix it', attachments);
    const [question] = controller.current.turns;
    await controller.regenerate(controller.current.turns[1]!.id);
    await controller.edit(question!.id, 'Fix it properly');
    const sent = fake.requests.map((r) => (r.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content);
    assert.equal(sent[0], sent[1], 'regenerate sends the same bytes');
    assert.equal(sent[2], sent[0]!.replace(/Fix it$/, 'Fix it properly'), 'edit changes the question only');
    assert.match(sent[0]!, /\(trimmed: only the first 14 of its 90000 characters are included\)/);
    assert.match(sent[0]!, /^src\/big\.ts:\n```typescript\nconst big = 1;\n```\n\(trimmed[^\n]*\)\n\nProblems in src\/a\.json:\n```text\n/);
    const saved = await store.load(controller.current.id);
    assert.deepEqual((saved!.turns[0] as { attachments?: unknown }).attachments, attachments);
  });

  it('reopens a conversation from history with its model', async () => {
    fake.enqueue(sseReply(textChunks('saved answer')));
    await controller.send('Remember me');
    const id = controller.current.id;
    await controller.newConversation();
    assert.equal(controller.current.turns.length, 0);
    const other = make();
    assert.equal(await other.open(id), true);
    assert.deepEqual(other.current.turns.map((t) => t.text), ['Remember me', 'saved answer']);
    assert.equal(other.current.model, 'fake-model');
    assert.deepEqual((await store.list()).map((s) => s.id), [id]);
  });

  it('keeps answering in the background when another conversation is shown, saves it, and shows it live when opened again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.enqueue(sseReply([...textChunks('first half, ', { piece: 4 }).slice(0, -1), { until: gate, keepAliveMs: 20 }, ...textChunks('second half.', { piece: 4 }).slice(1)]));
    const sending = controller.send('Tell me a long story');
    while (!posted.some((m) => m.type === 'delta')) await new Promise((r) => setTimeout(r, 5));
    const backgroundId = controller.current.id;
    const turnId = lastAnswer().id;
    assert.ok(await store.load(backgroundId), 'the prompt is on disk before the answer ends');

    await controller.newConversation();
    assert.equal(controller.busy, false, 'the new conversation is free for a prompt');
    assert.equal(controller.isAnswering(backgroundId), true);
    assert.ok(!fake.requests.at(-1)!.isClosed(), 'the answer was not stopped');
    const listed = await store.list();
    assert.deepEqual(listed.map((c) => c.id), [backgroundId], 'History lists the answering conversation');

    const shownAt = posted.length;
    release();
    // While it finishes in the background, nothing of it reaches the panel showing the other conversation.
    while (controller.isAnswering(backgroundId)) await new Promise((r) => setTimeout(r, 5));
    await sending;
    assert.deepEqual(posted.slice(shownAt).filter((m) => 'turnId' in m && m.turnId === turnId), []);
    assert.ok(posted.slice(shownAt).some((m) => m.type === 'historyChanged'), 'an open History hears that it was saved');
    const saved = await store.load(backgroundId);
    const answer = saved?.turns[1] as AssistantTurn;
    assert.equal(answer.status, 'done');
    assert.equal(answer.text, 'first half, second half.');
    assert.equal(await controller.open(backgroundId), true);
    assert.deepEqual(controller.current.turns.map((t) => t.text), ['Tell me a long story', 'first half, second half.']);
  });

  it('shows a conversation answering in the background with its text so far, and streams the rest into it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.enqueue(sseReply([...textChunks('so far ', { piece: 3 }).slice(0, -1), { until: gate, keepAliveMs: 20 }, ...textChunks('and the rest', { piece: 3 }).slice(1)]));
    const sending = controller.send('Stream please');
    const id = controller.current.id;
    while (deltas(lastAnswer().id) !== 'so far ') await new Promise((r) => setTimeout(r, 5));
    const turnId = lastAnswer().id;
    await controller.newConversation();
    posted = [];
    assert.equal(await controller.open(id), true);
    const shown = posted.find((m) => m.type === 'conversation');
    assert.ok(shown && shown.type === 'conversation');
    const live = shown.conversation.turns.at(-1) as AssistantTurn;
    assert.equal(live.status, 'streaming');
    assert.equal(live.text, 'so far ');
    assert.equal(controller.busy, true, 'a prompt in it waits for its answer');
    release();
    await sending;
    assert.equal(live.text + deltas(turnId), 'so far and the rest', 'the panel gets exactly the rest');
    assert.ok(posted.some((m) => m.type === 'turnFinished' && m.turnId === turnId));
  });

  it('deleting a conversation that is answering stops the answer and it stays deleted', async () => {
    fake.enqueue(sseReply([...textChunks('doomed ', { piece: 3 }).slice(0, -1), { delayMs: 30_000 }]));
    const sending = controller.send('Delete me');
    while (!posted.some((m) => m.type === 'delta')) await new Promise((r) => setTimeout(r, 5));
    const id = controller.current.id;
    await controller.newConversation();
    await controller.remove(id);
    await sending;
    await fake.requests.at(-1)!.closed;
    assert.equal(controller.isAnswering(id), false);
    assert.equal(await store.load(id), undefined, 'the finished answer did not bring the file back');
    assert.deepEqual(await store.list(), []);
  });

  it('opens an answer saved mid-stream (the window closed) as stopped, with its text', async () => {
    await store.save({
      id: 'interrupted',
      title: 'Interrupted',
      createdAt: 1,
      updatedAt: 2,
      provider: 'openai',
      model: 'fake-model',
      turns: [
        { id: 'u', role: 'user', text: 'Q', createdAt: 1 },
        { id: 'a', role: 'assistant', text: 'half an ans', status: 'streaming', createdAt: 2, provider: 'openai', model: 'fake-model' },
      ],
    });
    assert.equal(await controller.open('interrupted'), true);
    const turn = lastAnswer();
    assert.equal(turn.status, 'stopped');
    assert.equal(turn.text, 'half an ans');
    assert.equal(controller.busy, false);
  });

  it('a new conversation takes the model chosen by the time its first prompt is sent, then keeps it', async () => {
    let selection = { providerId: 'openai', model: 'fake-model' };
    const asked: Array<string | undefined> = [];
    controller = make({
      currentSelection: () => selection,
      createProvider: async (providerId, model) => {
        asked.push(model);
        return { provider: new ProviderRegistry().create('openai', { baseUrl: fake.baseUrl, model: model ?? 'fake-model' }), providerId: providerId ?? 'openai', model: model ?? 'fake-model' };
      },
    });
    selection = { providerId: 'openai', model: 'internlm3-latest' };
    fake.enqueue(sseReply(textChunks('one')), sseReply(textChunks('two')));
    await controller.send('first');
    selection = { providerId: 'openai', model: 'other-model' };
    await controller.send('second');
    assert.deepEqual(asked, ['internlm3-latest', 'internlm3-latest']);
    assert.deepEqual(fake.requests.map((r) => (r.body as { model: string }).model), ['internlm3-latest', 'internlm3-latest']);
  });

  it('shows the rate-limit queue: the wait and why, then answers', async () => {
    // A clock whose minute passes at once, so the queued request is released without a real wait.
    let offset = 0;
    const clock = { now: () => Date.now() + offset, setTimeout: (fn: () => void, ms: number) => setTimeout(() => ((offset += ms), fn()), 1), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
    const registry = new ProviderRegistry();
    controller = make({
      createProvider: async () => ({
        provider: registry.create('internlm', { baseUrl: fake.baseUrl, model: 'internlm3-latest', requestsPerMinute: 1, clock }),
        providerId: 'internlm',
        model: 'internlm3-latest',
      }),
      waitingReason: (name, rpm) => `${name} lets you send ${rpm} a minute`,
    });
    fake.enqueue(sseReply(textChunks('first')), sseReply(textChunks('second')));
    await controller.send('one');
    await controller.send('two');
    const waiting = posted.find((m) => m.type === 'waiting');
    assert.ok(waiting && waiting.type === 'waiting', 'the second request waited in the queue');
    assert.equal(waiting.reason, 'InternLM lets you send 1 a minute');
    assert.ok(waiting.untilMs > Date.now() + 30_000, 'it says how long: most of a minute');
    assert.equal(lastAnswer().text, 'second');
  });

  it('when Qianfan flags the conversation: keeps its earlier turns, closes it, starts afresh and says which turn', async () => {
    const qianfan = await startFakeQianfan({ apiKey: 'ak-1234567', secretKey: 'sk-7654321' });
    try {
      controller = make({
        createProvider: async () => ({
          provider: createQianfanProvider({ baseUrl: qianfan.baseUrl, auth: { mode: 'accessToken', apiKey: 'ak-1234567', secretKey: 'sk-7654321' } }),
          providerId: 'qianfan',
          model: 'chatglm3_6b',
        }),
      });
      qianfan.nextChat(qianfanStreamReply(qianfanChunks(['你好', '!'])), flaggedReply(-1, true));
      await controller.send('你好');
      const flaggedId = controller.current.id;
      assert.ok(await store.load(flaggedId), 'the first exchange was saved');
      await controller.send('something unsafe');
      const flagged = posted.find((m) => m.type === 'flagged');
      assert.ok(flagged && flagged.type === 'flagged' && flagged.text === 'flagged -1', 'the message names the flagged turn (ban_round)');
      assert.notEqual(controller.current.id, flaggedId, 'a new conversation started');
      assert.equal(controller.current.turns.length, 0);
      const kept = await store.load(flaggedId);
      assert.ok(kept, 'the conversation file is kept');
      assert.deepEqual(kept.turns.map((t) => t.text), ['你好', '你好!'], 'the earlier turns are kept; the flagged prompt went back to the box');
      assert.deepEqual(kept.closed, { reason: 'flagged', banRound: -1 });
      const restored = posted.find((m) => m.type === 'restoreDraft');
      assert.ok(restored && restored.type === 'restoreDraft' && restored.text === 'something unsafe');

      // Reopened from History, a prompt in it starts a new conversation: nothing of the old one is sent again.
      assert.equal(await controller.open(flaggedId), true);
      qianfan.nextChat(qianfanStreamReply(qianfanChunks(['好的'])));
      await controller.send('a new question');
      assert.notEqual(controller.current.id, flaggedId);
      const sent = qianfan.chatRequests().at(-1)!.body as { messages: Array<{ content: string }> };
      assert.deepEqual(sent.messages.map((m) => m.content), ['a new question']);
      assert.equal((await store.load(flaggedId))?.turns.length, 2, 'the closed conversation is unchanged');
    } finally {
      await qianfan.close();
    }
  });

  it("keeps a thinking model's reasoning apart: streamed as reasoning deltas, saved, timed, never sent back", async () => {
    let clock = 0;
    controller = make({ now: () => clock });
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'fake-model' };
    const delta = (d: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ...base, choices: [{ index: 0, delta: d, finish_reason: finish }], ...extra });
    const gates = [0, 1, 2].map(() => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    fake.enqueue(
      sseReply([
        { until: gates[0]!.promise },
        delta({ reasoning_content: '想一想，' }),
        delta({ reasoning_content: 'secret-thought!!' }),
        { until: gates[1]!.promise },
        delta({ content: 'Answer ' }),
        { until: gates[2]!.promise },
        delta({ content: '42 and more!!' }, 'stop', { usage: { prompt_tokens: 3, completion_tokens: 40, total_tokens: 43 } }),
      ]),
    );
    const sent = controller.send('Think first');
    const until = async (check: () => boolean): Promise<void> => {
      while (!check()) await new Promise((r) => setTimeout(r, 5));
    };
    await until(() => fake.requests.length === 1);
    clock = 500;
    gates[0]!.resolve();
    await until(() => posted.some((m) => m.type === 'reasoningDelta'));
    clock = 3500;
    gates[1]!.resolve();
    await until(() => posted.some((m) => m.type === 'delta'));
    clock = 5500;
    gates[2]!.resolve();
    await sent;

    const turn = lastAnswer();
    assert.equal(turn.text, 'Answer 42 and more!!');
    assert.equal(turn.reasoning, '想一想，secret-thought!!');
    assert.equal(deltas(turn.id), turn.text, 'answer deltas carry the answer only');
    const thought = posted.filter((m): m is Extract<HostMessage, { type: 'reasoningDelta' }> => m.type === 'reasoningDelta').map((m) => m.text).join('');
    assert.equal(thought, turn.reasoning);
    assert.equal(turn.thinkingMs, 3000, 'first thinking token to first answer token');
    assert.equal(turn.metrics?.timeToFirstTokenMs, 500, 'the first thinking token is the first token');
    // 40 tokens, thinking and answer 20 characters each: 20 answer tokens over the 2 s the answer took.
    assert.equal(turn.metrics?.tokensPerSecond, 10);
    const finished = posted.find((m): m is Extract<HostMessage, { type: 'turnFinished' }> => m.type === 'turnFinished');
    assert.equal(finished?.thinkingMs, 3000);
    const saved = await store.load(controller.current.id);
    assert.equal((saved?.turns.at(-1) as AssistantTurn).reasoning, turn.reasoning, 'history keeps the thinking');

    fake.enqueue(sseReply(textChunks('second')));
    await controller.send('And then?');
    const body = fake.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> };
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'Think first' },
      { role: 'assistant', content: 'Answer 42 and more!!' },
      { role: 'user', content: 'And then?' },
    ]);
    assert.ok(!JSON.stringify(body).includes('secret-thought'), 'no reasoning in the next request');
  });

  it('a stalled provider times out with a clear error instead of hanging', async () => {
    controller = make({
      createProvider: async () => ({
        provider: new ProviderRegistry().create('openai', { baseUrl: fake.baseUrl, model: 'fake-model', timeouts: { headersMs: 200 }, retry: { maxRetries: 0 } }),
        providerId: 'openai',
        model: 'fake-model',
      }),
    });
    fake.enqueue(stallBeforeHeaders());
    await controller.send('Hello?');
    assert.equal(lastAnswer().status, 'error');
    assert.equal(lastAnswer().error?.kind, 'timeout');
  });
});
