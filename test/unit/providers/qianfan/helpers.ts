// Helpers for the Qianfan tests: one clock shared by the client and the fake server (token expiry,
// signature age), whose waits (retry back-off) complete at once; a fake server per test file; a
// CallContext for driving the decoder without HTTP.

import type { Clock } from '../../../../src/providers/clock';
import { ProviderError, type ErrorContext, type ProviderErrorDetails } from '../../../../src/providers/errors';
import type { CallContext } from '../../../../src/providers/chatProtocol';
import type { ProviderPreset } from '../../../../src/providers/preset';
import { qianfanPreset } from '../../../../src/providers/presets/qianfan';
import { createQianfanProvider, type QianfanProviderOptions } from '../../../../src/providers/qianfan/provider';
import type { ChatProvider } from '../../../../src/providers/provider';
import { startFakeQianfan, type FakeQianfan, type FakeQianfanOptions } from '../../../fixtures/fakeQianfan';
import { Cleanup, RecordingLogger } from '../helpers';

/** Time moves only when the test says so; every wait completes at once and is recorded. */
export class TestClock implements Clock {
  time = Date.UTC(2024, 5, 1, 8, 0, 0);
  readonly waits: number[] = [];
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    this.waits.push(ms);
    return setImmediate(fn);
  }
  clearTimeout(handle: unknown): void {
    clearImmediate(handle as ReturnType<typeof setImmediate>);
  }
}

export const DAY_MS = 24 * 3600 * 1000;

/** A CallContext for the Qianfan preset (or another), as the provider builds one. */
export function qianfanContext(preset: ProviderPreset = qianfanPreset, model = 'chatglm3_6b', secrets: string[] = []): CallContext {
  const errorContext: ErrorContext = { providerId: preset.id, providerName: preset.name, model, baseUrl: 'http://127.0.0.1:1', secrets };
  return {
    preset,
    baseUrl: 'http://127.0.0.1:1',
    model,
    errorContext,
    error: (details: ProviderErrorDetails) => new ProviderError(errorContext, details),
  };
}

export type Auth = 'accessToken' | 'signature';

/** A fake Qianfan per `describe`, a fresh clock and logger per test, providers disposed after each test. */
export function useFakeQianfan(options: FakeQianfanOptions = {}): {
  readonly fake: FakeQianfan;
  readonly clock: TestClock;
  readonly logger: RecordingLogger;
  /** A provider for the fake with the right keys of `auth`'s mode, unless `overrides` say otherwise. */
  provider(overrides?: Partial<QianfanProviderOptions>, auth?: Auth): ChatProvider;
} {
  const cleanup = new Cleanup();
  let fake: FakeQianfan | undefined;
  let clock = new TestClock();
  let logger = new RecordingLogger();
  before(async () => {
    fake = await startFakeQianfan({ ...options, now: () => clock.now() });
  });
  after(() => fake?.close());
  beforeEach(() => {
    clock = new TestClock();
    logger = new RecordingLogger();
    fake!.revokeTokens();
  });
  afterEach(() => cleanup.run());
  return {
    get fake() {
      return fake!;
    },
    get clock() {
      return clock;
    },
    get logger() {
      return logger;
    },
    provider(overrides = {}, auth = 'accessToken') {
      const f = fake!;
      return cleanup.add(
        createQianfanProvider({
          baseUrl: f.baseUrl,
          auth: auth === 'signature' ? { mode: 'signature', accessKey: f.accessKey, secretKey: f.iamSecretKey } : { mode: 'accessToken', apiKey: f.apiKey, secretKey: f.secretKey },
          clock,
          logger,
          retry: { baseDelayMs: 10, random: () => 0 },
          ...overrides,
        }),
      );
    },
  };
}
