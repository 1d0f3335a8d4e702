/**
 * How a streaming view waits for its next render: calls `render` later; returns a canceller.
 * `render` may return how many characters of text it took in (the cadence slows for a flood).
 */
export type ScheduleRender = (render: () => number | void) => () => void;

/** Calls `callback` after `ms`; returns a canceller. */
export type Delay = (ms: number, callback: () => void) => () => void;

/**
 * Shortest time from one render of a stream to the next, as VS Code's own chat renders a streaming
 * answer (every 50 ms). A render that only adds a word and keeps the end in view already costs a
 * layout and a paint; rendering on every frame made streaming cost the main thread tens of times
 * what rendering the answer once does, while text appearing 20 times a second reads as smoothly.
 */
export const MIN_RENDER_INTERVAL_MS = 50;
/** After a costly render the next waits this many times its cost: the view takes at most about a third of the main thread. */
const COST_FACTOR = 3;
/**
 * Text coming faster than this (characters per ms: 5,000 a second, over a thousand tokens a second,
 * faster than anyone reads) is shown every FLOOD_INTERVAL_MS instead: each render then shows more
 * of it and the page spends less on frames. At a model's usual pace nothing changes.
 */
const FLOOD_CHARS_PER_MS = 5;
const FLOOD_INTERVAL_MS = 150;

const timeout: Delay = (ms, callback) => {
  const handle = setTimeout(callback, ms);
  return () => clearTimeout(handle);
};

/**
 * The cadence of a streaming view's renders: at least MIN_RENDER_INTERVAL_MS (or three times the
 * last render's cost, or FLOOD_INTERVAL_MS in a flood of text) after the last render started; after
 * a pause, at once. Each render runs in a timer task of its own, not in an animation frame: the DOM
 * it changes is laid out and painted in the next frame, which then does only that (with keeping the
 * end in view, see `StreamingViewOptions.onRender`). A render and its layout in one frame made
 * frames over 16 ms while an answer streamed. `finish()` never waits for it.
 *
 * @param now the clock (a test's own)
 * @param delay how to wait (`setTimeout`; a test's own, or a bench's that times each render)
 */
export function streamingCadence(now = (): number => performance.now(), delay: Delay = timeout): ScheduleRender {
  let lastStart = Number.NEGATIVE_INFINITY;
  let gap = 0;
  /** Set while a render runs: what it schedules waits for the gap that render leaves. */
  let scheduledInRender: Array<() => void> | undefined;
  const renderWith = (callback: () => number | void) => (): void => {
    const start = now();
    const since = start - lastStart;
    lastStart = start;
    const scheduled: Array<() => void> = [];
    scheduledInRender = scheduled;
    let taken = 0;
    try {
      taken = callback() ?? 0;
    } finally {
      scheduledInRender = undefined;
      const flood = taken > FLOOD_CHARS_PER_MS * since;
      gap = Math.max(flood ? FLOOD_INTERVAL_MS : MIN_RENDER_INTERVAL_MS, COST_FACTOR * (now() - start));
      for (const arm of scheduled) arm();
    }
  };
  return (callback) => {
    let cancelled = false;
    let cancel = (): void => undefined;
    const arm = (): void => {
      if (!cancelled) cancel = delay(Math.max(0, lastStart + gap - now()), renderWith(callback));
    };
    if (scheduledInRender) scheduledInRender.push(arm);
    else arm();
    return () => {
      cancelled = true;
      cancel();
    };
  };
}
