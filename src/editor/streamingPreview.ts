// When a streaming rewrite's preview is updated. No `vscode` import: unit-tested in plain Node.

/** The timer functions it uses (tests pass their own clock). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Follows a streaming answer: `clean` turns an answer into what the preview shows, `show` shows it,
 * at most once every `intervalMs`. Only the answer is kept as it streams; it is cleaned when the
 * preview updates, since cleaning the whole answer on every event is quadratic over its length.
 */
export class StreamingPreview<T> {
  private answer = '';
  private timer: unknown;

  constructor(
    private readonly clean: (answer: string) => T,
    private readonly show: (cleaned: T) => void,
    private readonly intervalMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The whole answer so far. */
  push(answer: string): void {
    this.answer = answer;
    this.timer ??= this.timers.setTimeout(() => {
      this.timer = undefined;
      this.show(this.clean(this.answer));
    }, this.intervalMs);
  }

  /** Drops an update still waiting (the answer is complete, or the rewrite ended). */
  stop(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
