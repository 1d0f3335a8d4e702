// Shared helpers for the provider tests: collecting a stream, fake clocks, a recording logger.

import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/providers/errors';
import type { Clock } from '../../../src/providers/clock';
import type { ChatMessage, ChatRequest, Logger, StreamEvent } from '../../../src/providers/types';
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from '../../fixtures/fakeProvider';

export const user = (content: string): ChatMessage => ({ role: 'user', content });
export const ask = (content = 'hello', extra: Partial<ChatRequest> = {}): ChatRequest => ({ messages: [user(content)], ...extra });

export interface Collected {
  events: StreamEvent[];
  /** Text of choice 0. */
  text: string;
  textByChoice: Map<number, string>;
  error?: ProviderError;
}

/** Runs a stream to its end, keeping every event and the error it ended with (if any). */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<Collected> {
  const out: Collected = { events: [], text: '', textByChoice: new Map() };
  try {
    for await (const ev of stream) {
      out.events.push(ev);
      if (ev.type === 'text') {
        out.textByChoice.set(ev.choice, (out.textByChoice.get(ev.choice) ?? '') + ev.text);
        if (ev.choice === 0) out.text += ev.text;
      }
    }
  } catch (e) {
    assert.ok(e instanceof ProviderError, `expected a ProviderError, got ${String(e)}`);
    out.error = e;
  }
  return out;
}

/** Asserts that the collected stream failed and returns its error. */
export function failed(c: Collected): ProviderError {
  assert.ok(c.error, `expected the stream to fail; events: ${JSON.stringify(c.events.map((e) => e.type))}`);
  return c.error;
}

export function ofType<T extends StreamEvent['type']>(events: readonly StreamEvent[], type: T): Extract<StreamEvent, { type: T }>[] {
  return events.filter((e): e is Extract<StreamEvent, { type: T }> => e.type === type);
}

/** A clock whose time only moves when the test says so. */
export class ManualClock implements Clock {
  private time = 1_000_000;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].fn();
    }
    this.time = target;
  }
}

/** Real time, but every wait completes at once and is recorded (for retry back-off). */
export class InstantClock implements Clock {
  readonly waits: number[] = [];
  now(): number {
    return Date.now();
  }
  setTimeout(fn: () => void, ms: number): unknown {
    this.waits.push(ms);
    return setImmediate(fn);
  }
  clearTimeout(handle: unknown): void {
    clearImmediate(handle as ReturnType<typeof setImmediate>);
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** Lets pending promise callbacks run. */
export const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

export function signal(): AbortSignal {
  return new AbortController().signal;
}

/** Providers (or anything with dispose/close) to clean up after a test. */
export class Cleanup {
  private readonly items: Array<() => Promise<unknown> | unknown> = [];
  add<T extends { dispose(): Promise<unknown> } | { close(): Promise<unknown> }>(x: T): T {
    this.items.push(() => ('dispose' in x ? x.dispose() : x.close()));
    return x;
  }
  async run(): Promise<void> {
    const items = this.items.splice(0);
    await Promise.all(items.map((f) => f()));
  }
}

/** Something a suite holds from its first test to its last. */
export type SuiteResource = { dispose(): Promise<unknown> } | { close(): Promise<unknown> };

/**
 * The setup every suite against the fake provider shares; call it inside describe(). One server
 * for the suite: `started` gets it before the first test and may return what else the suite holds
 * (disposed after the last test, before the server closes). What a test adds to the returned
 * Cleanup is disposed after that test.
 */
export function withFakeProvider(
  started: (server: FakeProvider) => void | SuiteResource | Promise<void | SuiteResource>,
  options: FakeProviderOptions = {},
): Cleanup {
  const cleanup = new Cleanup();
  let server: FakeProvider | undefined;
  let held: void | SuiteResource;
  before(async () => {
    server = await startFakeProvider(options);
    held = await started(server);
  });
  after(async () => {
    if (held) await ('dispose' in held ? held.dispose() : held.close());
    await server?.close();
  });
  afterEach(() => cleanup.run());
  return cleanup;
}
