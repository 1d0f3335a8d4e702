// The fault matrix, through the real chat panel against the fake providers: every way a provider
// or the network fails. Each must end in a clear message at the answer, keep the partial answer
// and the prompt, and succeed on Retry once the fault is gone, with no unhandled rejection in the
// extension host.
import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import {
  openaiErrorReply,
  type Reply,
  resetBeforeHeaders,
  sseReply,
  stallBeforeHeaders,
  startFakeProvider,
  textChunks,
  withFaults,
} from '../fixtures/fakeProvider';
import { flaggedReply, qianfanChunks, qianfanErrorReply, qianfanStreamReply, type QianfanScript } from '../fixtures/fakeQianfan';
import { composer } from '../e2e/chatPanel';
import { answerCount, finishedAnswer, newChat } from './chatUi';
import { pollUntil } from './extensionHost';
import { figure } from './figures';
import { hostErrorMark, hostErrorsSince, type Session, session } from './session';

const PARTIAL = 'The first half of the answer arrived, ';

interface Fault {
  readonly name: string;
  readonly provider: 'openai' | 'qianfan';
  /** Text that arrives before the fault (a mid-stream fault). */
  readonly partial?: boolean;
  /** The fault in force until `clear` is called. */
  readonly reply?: () => Reply;
  /** For faults that are not a reply (a closed port). */
  start?(s: Session): Promise<void>;
  clear?(s: Session): Promise<void>;
  /** What the message at the answer must say. */
  readonly message: RegExp;
  /** need_clear_history: the conversation is cleared instead of an error at the answer. */
  readonly flagged?: boolean;
}

/** An answer's text once it is on screen (the panel paints streamed text on the next frame). */
function shownText(answer: Locator): Promise<string> {
  return pollUntil(async () => (await answer.locator('.answer').innerText()).trim(), (text) => text !== '', 5_000);
}

/** The partial answer, as OpenAI-style chunks without the end of the stream. */
function partialChunks(): Record<string, unknown>[] {
  return textChunks(PARTIAL, { piece: 6 }).slice(0, -1);
}

const faults: readonly Fault[] = [
  {
    name: 'connection refused',
    provider: 'openai',
    message: /could not reach the server.*ECONNREFUSED|ECONNREFUSED/i,
    start: async (s) => s.fake.close(),
    clear: async (s) => {
      s.fake = await startFakeProvider({ port: s.fake.port, apiKey: s.keys.openai });
    },
  },
  { name: 'reset before headers', provider: 'openai', reply: resetBeforeHeaders, message: /could not reach the server|socket|reset/i },
  { name: 'reset mid-stream', provider: 'openai', partial: true, reply: () => withFaults(sseReply(partialChunks(), { done: false }), { end: 'reset' }), message: /ended before it was complete|could not reach|socket|reset|terminated/i },
  { name: 'stalled stream', provider: 'openai', partial: true, reply: () => withFaults(sseReply(partialChunks(), { done: false }), { end: 'stall' }), message: /stalled|nothing arrived for 5 s/i },
  { name: 'stalled before headers', provider: 'openai', reply: stallBeforeHeaders, message: /no response within 2 s/i },
  { name: '401', provider: 'openai', reply: () => openaiErrorReply(401, 'Incorrect API key provided.', { code: 'invalid_api_key' }), message: /401.*API key/is },
  { name: '403', provider: 'openai', reply: () => openaiErrorReply(403, 'You are not allowed to use this model.'), message: /403/ },
  { name: '404 model', provider: 'openai', reply: () => openaiErrorReply(404, 'The model `fake-model` does not exist.', { code: 'model_not_found' }), message: /404.*fake-model/is },
  { name: '429 with Retry-After', provider: 'openai', reply: () => openaiErrorReply(429, 'Rate limit reached for requests.', { headers: { 'retry-after': '1' } }), message: /429/ },
  { name: '500', provider: 'openai', reply: () => openaiErrorReply(500, 'The server had an error while processing your request.'), message: /500/ },
  {
    name: 'malformed event',
    provider: 'openai',
    partial: true,
    reply: () => sseReply([...partialChunks(), { raw: 'data: {"choices":[{"delta":{"content":"broken\n\n' }], { done: false }),
    message: /could not read|JSON|malformed/i,
  },
  {
    name: 'non-SSE error body',
    provider: 'openai',
    reply: () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: ['<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'] }),
    message: /502/,
  },
  { name: 'Qianfan 110', provider: 'qianfan', reply: () => qianfanErrorReply(110, 'Access token invalid or no longer valid'), message: /110/ },
  { name: 'Qianfan 111', provider: 'qianfan', reply: () => qianfanErrorReply(111, 'Access token expired'), message: /111/ },
  { name: 'Qianfan 18', provider: 'qianfan', reply: () => qianfanErrorReply(18, 'Open api qps request limit reached'), message: /\b18\b/ },
  { name: 'Qianfan 336501', provider: 'qianfan', reply: () => qianfanErrorReply(336501, 'Rate limit reached for RPM'), message: /336501/ },
  { name: 'Qianfan 336003', provider: 'qianfan', reply: () => qianfanErrorReply(336003, 'the max length of current question is 4800'), message: /336003|too long/i },
  { name: 'Qianfan need_clear_history', provider: 'qianfan', flagged: true, reply: () => flaggedReply(2, true), message: /flagged/i },
];

describe('Fault matrix through the real chat panel', function () {
  this.timeout(15 * 60_000);
  let s: Session;
  let frame: Frame;
  let provider: 'openai' | 'qianfan' = 'openai';
  let survived = 0;

  /** What the fake Qianfan answers now: the case's fault, its recovery, or (undefined) its usual answer. */
  let qianfanMode: { fault: () => Reply | undefined; recovered: string } | undefined;

  before(async () => {
    s = await session();
    frame = await s.chat();
    const entry: QianfanScript = (_request, usual) => {
      if (!qianfanMode) return usual();
      return qianfanMode.fault() ?? qianfanStreamReply(qianfanChunks([qianfanMode.recovered]));
    };
    // More than the matrix can use; once it is over they answer as the fake always does.
    s.qianfan.nextChat(...Array.from({ length: 200 }, () => entry));
  });

  after(async () => {
    figure('Faults', `faults survived: ${survived}/${faults.length}`);
    if (provider !== 'openai') await useProvider('openai');
  });

  /** Switches the provider in the user settings and waits for the panel's header to show it. */
  async function useProvider(id: 'openai' | 'qianfan'): Promise<void> {
    await s.updateSettings({ 'chorus.provider': id });
    await frame.locator('.model-name', { hasText: id === 'qianfan' ? 'Baidu Qianfan' : 'OpenAI-compatible' }).waitFor({ timeout: 20_000 });
    provider = id;
  }

  it('an unhandled rejection planted in the extension host through the inspector is reported (control)', async () => {
    const mark = hostErrorMark(s);
    await s.host.evaluate(`(Promise.reject(new Error('chorus-security-control')), 1)`);
    const reported = await pollUntil(() => hostErrorsSince(s, mark), (found) => found.filter((line) => line.includes('chorus-security-control')).length >= 2, 15_000);
    figure('Faults', `control: a planted unhandled rejection was reported ${reported.filter((line) => line.includes('chorus-security-control')).length} times (extension host log and workbench console)`);
    assert.ok(reported.some((line) => line.includes('[error] Error: chorus-security-control')), 'in the extension host log');
    assert.ok(reported.some((line) => /rejected promise not handled.*chorus-security-control/.test(line)), 'in the workbench console');
  });

  for (const fault of faults) {
    it(`${fault.name}: a clear message, the partial answer and the prompt kept, Retry succeeds`, async () => {
      if (provider !== fault.provider) await useProvider(fault.provider);
      await newChat(frame);
      const hostErrors = hostErrorMark(s);
      const prompt = `Fault test: ${fault.name}`;
      const recovered = `Recovered after ${fault.name}.`;
      let active = true;
      const answerRecovered = (): Reply => sseReply(textChunks(recovered));
      // Every Qianfan chat request answers with the fault while it lasts (retries and token refreshes included).
      qianfanMode = fault.provider === 'qianfan' ? { fault: () => (active ? fault.reply!() : undefined), recovered } : undefined;
      const script = (): void => s.fake.setScript(() => (active && fault.reply ? fault.reply() : answerRecovered()));
      if (fault.provider === 'openai') script();
      let cleared = false;
      const clear = async (): Promise<void> => {
        active = false;
        if (!cleared) await fault.clear?.(s);
        cleared = true;
        if (fault.provider === 'openai') script();
      };
      await fault.start?.(s);
      try {
        const before = await answerCount(frame);
        await composer(frame).fill(prompt);
        await composer(frame).press('Enter');

        if (fault.flagged) {
          const banner = frame.locator('.banner');
          await banner.waitFor({ state: 'visible', timeout: 30_000 });
          const message = (await banner.innerText()).trim();
          await frame.locator('.empty-state').waitFor();
          const kept = await pollUntil(() => composer(frame).inputValue(), (text) => text === prompt, 5_000);
          figure('Faults', `${fault.name}: "${message}"`);
          assert.match(message, fault.message);
          assert.equal(kept, prompt, 'the prompt is back in the composer to rephrase and send again');
          await clear();
          const next = await answerCount(frame);
          await composer(frame).press('Enter');
          const { answer, status } = await finishedAnswer(frame, next);
          assert.equal(status, 'done');
          assert.equal(await shownText(answer), recovered);
        } else {
          const { answer, status } = await finishedAnswer(frame, before, 40_000);
          assert.equal(status, 'error', 'the answer ends in an error');
          const message = (await answer.locator('.turn-error .error-text').innerText()).trim();
          const shown = fault.partial ? await shownText(answer) : (await answer.locator('.answer').innerText()).trim();
          const userTurn = (await frame.locator('article.turn.user .user-text').last().innerText()).trim();
          const composerText = await composer(frame).inputValue();
          figure('Faults', `${fault.name}: "${message}"`);
          assert.match(message, fault.message, 'the message says what happened');
          for (const secret of s.secrets()) assert.ok(!message.includes(secret), 'no key in the message');
          assert.equal(userTurn, prompt, 'the prompt stays in the conversation');
          if (fault.partial) {
            assert.equal(shown, PARTIAL.trim(), 'the partial answer is kept');
            assert.equal(await answer.locator('.incomplete').count(), 1, 'and marked incomplete');
          } else {
            assert.equal(shown, '', 'no text arrived');
            assert.equal(composerText, prompt, 'the prompt is back in the composer');
          }
          await clear();
          const failedTurn = await answer.getAttribute('data-turn-id');
          await answer.locator('.turn-error button', { hasText: 'Retry' }).click();
          // Retry replaces the failed answer: wait for it to go before reading the new one.
          await frame.locator(`article.turn.assistant[data-turn-id="${failedTurn}"]`).waitFor({ state: 'detached' });
          const retried = await finishedAnswer(frame, (await answerCount(frame)) - 1, 40_000);
          assert.equal(retried.status, 'done', 'Retry succeeds once the fault is gone');
          assert.equal(await shownText(retried.answer), recovered);
        }
        assert.deepEqual(hostErrorsSince(s, hostErrors), [], 'no unhandled rejection in the extension host');
        survived++;
      } finally {
        await clear();
        qianfanMode = undefined;
        s.fake.setScript(undefined);
        await composer(frame).fill('');
      }
    });
  }
});
