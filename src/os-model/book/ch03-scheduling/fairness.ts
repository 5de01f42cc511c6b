// Chapter 3's lottery-against-stride experiment (OSTEP chapter 9, its Figure 9.2 and homework):
// two jobs of the same length L, equal tickets, one-tick quanta. Unfairness U is the time the
// first job finishes divided by the time the second finishes: 1 is perfectly fair, and near 1/2
// means one job finished about when the other had done nothing.
// - Lottery: each tick, a ticket is drawn uniformly among the unfinished jobs' tickets; its
//   holder runs. The draws come from the model's seeded generator (kernel/rng.ts, mulberry32), so
//   a seed gives the same run everywhere (OSTEP's lottery.py uses Python's generator instead, so
//   seeds do not carry over).
// - Stride: the same jobs under the stride rule (kernel/policy/stride.ts): equal strides
//   alternate A B A B …, so A finishes at 2L − 1 and B at 2L, U = (2L − 1) / 2L.
import { nextRandom, seedRng } from '../../kernel/rng.ts';

/** One lottery run: U for two jobs of length `len` with `tickets` each, from `seed`. Never fails. */
export function lotteryUnfairness(
  len: number,
  seed: number,
  tickets: [number, number] = [100, 100],
): number {
  const left = [len, len];
  const done = [0, 0];
  let s = seedRng(seed);
  let t = 0;
  while (left[0] > 0 || left[1] > 0) {
    let winner: number;
    if (left[0] === 0) winner = 1;
    else if (left[1] === 0) winner = 0;
    else {
      const [v, next] = nextRandom(s);
      s = next;
      winner = Math.floor(v * (tickets[0] + tickets[1])) < tickets[0] ? 0 : 1;
    }
    t++;
    left[winner]--;
    if (left[winner] === 0) done[winner] = t;
  }
  return Math.min(done[0], done[1]) / Math.max(done[0], done[1]);
}

/**
 * Stride's U for two jobs of length `len` with equal tickets: (2L − 1) / 2L, from the schedule
 * A B A B … (the first to finish ends one tick before the other). Never fails.
 */
export function strideUnfairness(len: number): number {
  return (2 * len - 1) / (2 * len);
}

export type FairnessPoint = {
  len: number;
  /** Mean U over the seeds. */
  mean: number;
  min: number;
  max: number;
  stride: number;
};

/** The job lengths of the plot (OSTEP's Figure 9.2 spans 1 to 1000). */
export const FAIRNESS_LENGTHS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

/**
 * U against job length: lottery over `seeds` seeds from `firstSeed`, and stride. Precondition:
 * seeds is a whole number ≥ 1. Never fails.
 */
export function fairnessCurve(
  seeds: number,
  firstSeed: number,
  lengths: readonly number[] = FAIRNESS_LENGTHS,
): FairnessPoint[] {
  return lengths.map((len) => {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < seeds; k++) {
      const u = lotteryUnfairness(len, firstSeed + k);
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    return { len, mean: sum / seeds, min, max, stride: strideUnfairness(len) };
  });
}
