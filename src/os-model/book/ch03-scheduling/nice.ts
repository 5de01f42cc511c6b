// Chapter 3's nice dial: CPU shares of CPU-bound tasks from Linux's weight table, and the shares
// measured on a real machine. The table is kernel/sched/core.c's sched_prio_to_weight (nice −20 to
// 19; nice 0 is 1024 and each step is about ×1.25, "the 10% effect" of its comment); the
// measurements are public/data/calibration.md §8b (second host, see its §7): two spinning
// processes pinned to one CPU, A at nice 0 and B at nice N, 3 rounds of 4 s.

/** sched_prio_to_weight, index nice + 20 (kernel/sched/core.c). */
export const NICE_WEIGHTS: readonly number[] = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904,
  3906, 3121, 2501, 1991, 1586, 1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87,
  70, 56, 45, 36, 29, 23, 18, 15,
];

/** The weight of a nice value. Precondition: nice is a whole number in −20..19. Never fails. */
export function niceWeight(nice: number): number {
  return NICE_WEIGHTS[nice + 20];
}

export type Share = { nice: number; weight: number; share: number };

/**
 * Each CPU-bound task's share of one CPU: its weight over the sum of the weights.
 * Precondition: every nice is a whole number in −20..19 and there is at least one. Never fails.
 */
export function niceShares(nices: number[]): Share[] {
  const weights = nices.map(niceWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  return nices.map((nice, i) => ({ nice, weight: weights[i], share: weights[i] / total }));
}

/**
 * cgroup v2's cpu.weight (1..10000, default 100) as a scheduler weight: the kernel scales it so
 * that 100 is nice 0's 1024 (sched_weight_from_cgroup). Precondition: a whole number 1..10000.
 * Never fails.
 */
export function cgroupWeight(cpuWeight: number): number {
  return (cpuWeight * 1024) / 100;
}

/**
 * calibration.md §8b: B's nice, the measured A/B CPU ratio (median of 3 rounds) and its range,
 * and B's measured share of the CPU in percent, as the table prints them.
 */
export type NiceMeasurement = {
  nice: number;
  ratio: number;
  low: number;
  high: number;
  share: number;
};

export const MEASURED_NICE: readonly NiceMeasurement[] = [
  { nice: 1, ratio: 1.25, low: 1.25, high: 1.25, share: 44.5 },
  { nice: 5, ratio: 3.05, low: 3.04, high: 3.06, share: 24.7 },
  { nice: 10, ratio: 9.26, low: 9.17, high: 9.28, share: 9.8 },
  { nice: 19, ratio: 66.3, low: 60.1, high: 67.8, share: 1.5 },
];
