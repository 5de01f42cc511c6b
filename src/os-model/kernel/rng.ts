// A small seeded PRNG (mulberry32) whose whole state is one 32-bit number, so it lives inside
// the Machine and a snapshot replays exactly.

/** Turns any number into a 32-bit initial state. Precondition: none. Never fails. */
export function seedRng(seed: number): number {
  return (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
}

/**
 * Draws the next value in [0, 1) from state `s`. Precondition: s is a uint32.
 * Returns [value, nextState]; never fails.
 */
export function nextRandom(s: number): [number, number] {
  const next = (s + 0x6d2b79f5) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return [((z ^ (z >>> 14)) >>> 0) / 4294967296, next];
}

/**
 * Draws an integer in [0, n) from the machine-held state `holder.rng`, advancing it. Precondition:
 * n >= 1 and holder.rng is a uint32. Never fails.
 */
export function randomInt(holder: { rng: number }, n: number): number {
  const [v, s] = nextRandom(holder.rng);
  holder.rng = s;
  return Math.floor(v * n);
}
