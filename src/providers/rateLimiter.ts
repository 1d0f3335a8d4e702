// Client-side requests-per-minute limit (InternLM allows 10 a minute by default). Requests beyond
// the limit wait in a FIFO queue and learn how long up front, so the UI can say so, instead of
// spending a request on a 429. A sliding window of start times; the clock is injectable.

import { abortReason, systemClock, type Clock } from './clock';

export interface Reservation {
  /** Estimated wait; 0 when a slot was free. */
  readonly waitMs: number;
  /** Resolves when the request may start; rejects as soon as `signal` aborts (leaving the queue). */
  ready(signal: AbortSignal): Promise<void>;
  /** Leaves the queue if still waiting (idempotent). */
  cancel(): void;
}

interface Waiter {
  granted: boolean;
  left: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
  promise: Promise<void>;
}

const GRANTED: Reservation = { waitMs: 0, ready: () => Promise.resolve(), cancel: () => undefined };

export class RateLimiter {
  private readonly starts: number[] = [];
  private readonly queue: Waiter[] = [];
  private timer: unknown;
  private timerSet = false;

  constructor(
    readonly requestsPerMinute: number,
    private readonly clock: Clock = systemClock,
    private readonly windowMs = 60_000,
  ) {
    if (!(requestsPerMinute >= 1)) throw new RangeError('requestsPerMinute must be at least 1');
  }

  /** Requests waiting now (for tests and diagnostics). */
  get queued(): number {
    return this.queue.length;
  }

  reserve(): Reservation {
    this.prune();
    if (this.queue.length === 0 && this.starts.length < this.requestsPerMinute) {
      this.starts.push(this.clock.now());
      return GRANTED;
    }
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be listening yet (the caller first reports the wait); avoid an unhandled rejection.
    promise.catch(() => undefined);
    const waiter: Waiter = { granted: false, left: false, resolve, reject, promise };
    const waitMs = this.estimate(this.queue.length);
    this.queue.push(waiter);
    this.schedule();

    const leave = (reason: unknown): void => {
      if (waiter.granted || waiter.left) return;
      waiter.left = true;
      const i = this.queue.indexOf(waiter);
      if (i >= 0) this.queue.splice(i, 1);
      waiter.reject(reason);
      this.schedule();
    };
    return {
      waitMs,
      ready: (signal) => {
        if (signal.aborted) leave(abortReason(signal));
        if (waiter.granted || waiter.left) return waiter.promise;
        const onAbort = (): void => leave(abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        return waiter.promise.finally(() => signal.removeEventListener('abort', onAbort));
      },
      cancel: () => leave(new Error('left the queue')),
    };
  }

  private prune(): void {
    const horizon = this.clock.now() - this.windowMs;
    while (this.starts.length > 0 && this.starts[0] <= horizon) this.starts.shift();
  }

  /** When the waiter at queue position `p` gets a slot: as the p-th oldest start leaves the window. */
  private estimate(p: number): number {
    const n = this.requestsPerMinute;
    const base = this.starts[p % n] ?? this.clock.now();
    return Math.max(0, base + this.windowMs * (Math.floor(p / n) + 1) - this.clock.now());
  }

  private schedule(): void {
    if (this.timerSet) {
      this.clock.clearTimeout(this.timer);
      this.timerSet = false;
    }
    this.prune();
    while (this.queue.length > 0 && this.starts.length < this.requestsPerMinute) {
      const w = this.queue.shift()!;
      w.granted = true;
      this.starts.push(this.clock.now());
      w.resolve();
    }
    if (this.queue.length === 0) return;
    const next = Math.max(1, this.starts[0] + this.windowMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timerSet = false;
      this.schedule();
    }, next);
    this.timerSet = true;
  }
}
