// Lottery against stride (fairness.ts). Expected values by hand, and stride's formula checked
// against the kernel's stride policy (a second implementation).
import { describe, expect, it } from 'vitest';
import { fairnessCurve, lotteryUnfairness, strideUnfairness } from './fairness.ts';
import { jobProgram } from '../../kernel/program.ts';
import { boot, run, spawn } from '../../kernel/policy/schedule-kit.ts';

describe('lottery against stride', () => {
  it('one-tick jobs: U is always 1/2 (one runs at tick 1, the other at tick 2)', () => {
    for (let seed = 0; seed < 20; seed++) expect(lotteryUnfairness(1, seed)).toBe(0.5);
    expect(strideUnfairness(1)).toBe(0.5);
  });

  it('stride: (2L - 1) / 2L, as the kernel stride policy schedules it', () => {
    for (const len of [1, 3, 10]) {
      let m = boot({ kind: 'stride', quantum: 1 }, [jobProgram('a', len), jobProgram('b', len)]);
      m = spawn(m, 'a');
      m = spawn(m, 'b');
      const ran = run(m, 2 * len).ran;
      const finish = [1, 2].map((tid) => ran.lastIndexOf(tid) + 1);
      expect(Math.min(...finish) / Math.max(...finish)).toBe(strideUnfairness(len));
    }
  });

  it('lottery: U lies in [L / 2L, (2L-1) / 2L] for every seed, and the mean climbs towards 1', () => {
    for (const len of [5, 50]) {
      for (let seed = 0; seed < 50; seed++) {
        const u = lotteryUnfairness(len, seed);
        expect(u).toBeGreaterThanOrEqual(0.5);
        expect(u).toBeLessThanOrEqual(strideUnfairness(len));
      }
    }
    const c = fairnessCurve(100, 0, [2, 1000]);
    expect(c[0].mean).toBeLessThan(0.8);
    expect(c[1].mean).toBeGreaterThan(0.95);
    expect(c[1].stride).toBeCloseTo(0.9995, 12);
  });

  it('two-tick jobs: U is 3/4 when the jobs alternate, 1/2 when one wins both first draws', () => {
    // The only outcomes: AABB / BBAA (1st job done at 2, other at 4: 1/2) or ABAB-like (3 of 4).
    for (let seed = 0; seed < 30; seed++) expect([0.5, 0.75]).toContain(lotteryUnfairness(2, seed));
  });

  it('the same seed gives the same run', () => {
    expect(lotteryUnfairness(100, 7)).toBe(lotteryUnfairness(100, 7));
    expect(fairnessCurve(5, 3)).toEqual(fairnessCurve(5, 3));
  });
});
