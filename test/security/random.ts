// A small seeded generator, so a failing run can be repeated exactly (CHORUS_SECURITY_SEED).

/** The run's seed: CHORUS_SECURITY_SEED if set, otherwise a fresh one (printed with the figures). */
export const securitySeed: number = (() => {
  const fromEnv = Number(process.env.CHORUS_SECURITY_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
})();

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: fast, good enough for choosing cut points and fuzz shapes. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** `text` cut at `cuts` random places (between code points), in order; empty pieces are dropped. */
export function randomPieces(text: string, cuts: number, random: Random): string[] {
  const chars = Array.from(text);
  const at = new Set<number>();
  for (let i = 0; i < cuts && chars.length > 1; i++) at.add(random.int(1, chars.length - 1));
  const points = [0, ...[...at].sort((a, b) => a - b), chars.length];
  const pieces: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const piece = chars.slice(points[i - 1], points[i]).join('');
    if (piece) pieces.push(piece);
  }
  return pieces;
}
