/**
 * Runs `work` when the browser is idle, and after `timeout` ms at the latest if one is given. Where
 * there is no requestIdleCallback (Safari, when code-server is opened in it) it runs after
 * `fallback` ms instead. Returns a canceller.
 */
export function whenIdle(work: () => void, fallback: number, timeout?: number): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(work, fallback);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(work, timeout === undefined ? undefined : { timeout });
  return () => cancelIdleCallback(handle);
}
