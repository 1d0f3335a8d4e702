// What a benchmark module exports, and small statistics helpers they share.

export interface Benchmark {
  readonly name: string;
  /** Runs and reports through `print`, one line per figure. */
  run(print: (line: string) => void): Promise<void>;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A small deterministic PRNG, so every run parses the same stream. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}
