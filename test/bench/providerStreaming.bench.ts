// Provider streaming: (a) throughput of the real SSE parse path (bytes → SseReader →
// OpenAIDecoder → events) on a large stream of small deltas; (b) time to first token through
// provider.stream() against a raw undici request to the same local fake server, interleaved.

import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { decodeEventStream, type ChunkSource } from '../../src/providers/eventStream';
import { ProviderError } from '../../src/providers/errors';
import { OpenAIDecoder } from '../../src/providers/openaiDecoder';
import { openaiPreset } from '../../src/providers/presets/openai';
import { createProvider } from '../../src/providers/provider';
import type { CallContext } from '../../src/providers/chatProtocol';
import { sseReply, startFakeProvider, textChunks } from '../fixtures/fakeProvider';
import { median, seededRandom, type Benchmark } from './benchmark';

const WORDS = ['the', 'model', '流式', '输出', ' ', 'code', '`x`', '\n', '函数', 'return', '你好', '，', 'stream', '。', '{', '}', '=>', '数据'];

/** A realistic OpenAI-style stream: many 1–3 word deltas, keep-alives now and then, usage, [DONE]. */
function buildStream(deltas: number): Buffer {
  const random = seededRandom(42);
  const parts: string[] = [];
  const head = '{"id":"chatcmpl-9f8e7d6c5b4a","object":"chat.completion.chunk","created":1717000000,"model":"internlm3-latest","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":';
  parts.push(`data: ${head}{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`);
  for (let i = 0; i < deltas; i++) {
    let content = '';
    const n = 1 + Math.floor(random() * 3);
    for (let w = 0; w < n; w++) content += WORDS[Math.floor(random() * WORDS.length)];
    parts.push(`data: ${head}${JSON.stringify({ content })},"logprobs":null,"finish_reason":null}]}\n\n`);
    if (i % 500 === 499) parts.push(': keep-alive\n\n');
  }
  parts.push(`data: ${head}{},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":${deltas},"total_tokens":${deltas + 120}}}\n\n`);
  parts.push('data: [DONE]\n\n');
  return Buffer.from(parts.join(''), 'utf8');
}

/** Cuts the stream into reads of `min`–`max` bytes (cuts fall inside lines and UTF-8 characters). */
function cut(bytes: Buffer, min: number, max: number): Buffer[] {
  const random = seededRandom(7);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = min + Math.floor(random() * (max - min + 1));
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** One read per SSE event, as a slow model's stream arrives. */
function perEvent(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (let i = bytes.indexOf('\n\n', 0); i >= 0; i = bytes.indexOf('\n\n', at)) {
    out.push(bytes.subarray(at, i + 2));
    at = i + 2;
  }
  return out;
}

const errorContext = { providerId: 'bench', providerName: 'Bench', secrets: [] };
const ctx: CallContext = {
  preset: openaiPreset,
  baseUrl: 'http://127.0.0.1/v1',
  model: 'internlm3-latest',
  errorContext,
  error: (d) => new ProviderError(errorContext, d),
};

async function parseOnce(reads: readonly Buffer[]): Promise<{ ms: number; events: number; chars: number }> {
  let i = 0;
  const source: ChunkSource = { next: async () => reads[i++] };
  let events = 0;
  let chars = 0;
  const t0 = performance.now();
  for await (const ev of decodeEventStream(source, new OpenAIDecoder(ctx))) {
    events++;
    if (ev.type === 'text') chars += ev.text.length;
  }
  return { ms: performance.now() - t0, events, chars };
}

async function throughput(print: (line: string) => void): Promise<void> {
  const deltas = 60_000;
  const bytes = buildStream(deltas);
  const mb = bytes.length / (1024 * 1024);
  for (const [label, reads] of [
    ['512–4096-byte reads', cut(bytes, 512, 4096)],
    ['one read per event', perEvent(bytes)],
  ] as const) {
    await parseOnce(reads); // warm-up (JIT)
    const runs: number[] = [];
    let last = { ms: 0, events: 0, chars: 0 };
    for (let r = 0; r < 7; r++) {
      last = await parseOnce(reads);
      runs.push(last.ms);
    }
    const ms = median(runs);
    print(
      `SSE parse throughput, ${mb.toFixed(1)} MB / ${deltas.toLocaleString('en')} deltas, ${label}: ` +
        `${(mb / (ms / 1000)).toFixed(1)} MB/s (${Math.round(last.events / (ms / 1000)).toLocaleString('en')} events/s, median of ${runs.length})`,
    );
  }
}

async function timeToFirstToken(print: (line: string) => void): Promise<void> {
  const server = await startFakeProvider();
  server.setScript(() => sseReply(textChunks('The first token arrives right away; the rest follows.', { piece: 4 })));
  const provider = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'fake-model' });
  const agent = new Agent();
  const body = JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: 'hello' }], stream: true, stream_options: { include_usage: true } });
  const url = `${server.baseUrl}/chat/completions`;

  const raw = async (): Promise<number> => {
    const t0 = performance.now();
    const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body, dispatcher: agent });
    let first = 0;
    for await (const chunk of res.body) {
      if (!first && (chunk as Buffer).includes('"content":"T')) first = performance.now() - t0;
    }
    return first;
  };
  const chorus = async (): Promise<number> => {
    const t0 = performance.now();
    let first = 0;
    for await (const ev of provider.stream({ messages: [{ role: 'user', content: 'hello' }] }, { signal: new AbortController().signal })) {
      if (!first && ev.type === 'text') first = performance.now() - t0;
    }
    return first;
  };

  try {
    for (let i = 0; i < 30; i++) {
      await raw();
      await chorus();
    }
    const rawTimes: number[] = [];
    const chorusTimes: number[] = [];
    const reps = 300;
    for (let i = 0; i < reps; i++) {
      // Alternate which goes first, so neither always gets the warmer connection or GC state.
      if (i % 2) {
        rawTimes.push(await raw());
        chorusTimes.push(await chorus());
      } else {
        chorusTimes.push(await chorus());
        rawTimes.push(await raw());
      }
    }
    const r = median(rawTimes);
    const c = median(chorusTimes);
    print(`time to first token against the local fake server, ${reps} interleaved runs each (median):`);
    print(`  raw undici request:        ${r.toFixed(3)} ms`);
    print(`  Chorus provider.stream():  ${c.toFixed(3)} ms`);
    print(`  added by the provider:     ${(c - r).toFixed(3)} ms (ratio ${(c / r).toFixed(2)}×)`);
  } finally {
    await provider.dispose();
    await agent.close();
    await server.close();
  }
}

export const providerStreaming: Benchmark = {
  name: 'provider streaming',
  async run(print) {
    await throughput(print);
    await timeToFirstToken(print);
  },
};
