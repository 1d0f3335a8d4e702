/** How a streaming view waits for its next render: calls `callback` later; returns a canceller. */
export type ScheduleFrame = (callback: () => void) => () => void;

/**
 * Shortest time from one render of a stream to the next: every third frame at 60 Hz. A frame
 * that only adds a word and keeps the end in view already costs a layout and a paint; rendering
 * on every frame made streaming cost the main thread tens of times what rendering the answer once
 * does, while text appearing 20–25 times a second reads as smoothly.
 */
export const MIN_RENDER_INTERVAL_MS = 40;
/** After a costly render the next waits this many times its cost: the view takes at most about a third of the main thread. */
const COST_FACTOR = 3;

const animationFrame: ScheduleFrame = (callback) => {
  const handle = requestAnimationFrame(() => callback());
  return () => cancelAnimationFrame(handle);
};

/**
 * The cadence of a streaming view's renders: on the first frame at least MIN_RENDER_INTERVAL_MS
 * (or three times the last render's cost) after the last render started. After a pause the next
 * render comes on the next frame, so a short answer shows at once. `finish()` never waits for it.
 *
 * @param requestFrame how to wait for one frame (`requestAnimationFrame`; a bench wraps it to time frames)
 * @param now the clock (a test's own)
 */
export function streamingCadence(requestFrame: ScheduleFrame = animationFrame, now = (): number => performance.now()): ScheduleFrame {
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastCost = 0;
  return (callback) => {
    let cancel: () => void;
    const tick = (): void => {
      const start = now();
      if (start - lastStart < Math.max(MIN_RENDER_INTERVAL_MS, COST_FACTOR * lastCost)) {
        cancel = requestFrame(tick);
        return;
      }
      lastStart = start;
      callback();
      lastCost = now() - start;
    };
    cancel = requestFrame(tick);
    return () => cancel();
  };
}
