// The EEVDF lag ledger (eevdf.ts). Expected values are LWN's worked example and cases worked
// out by hand from the rules listed at the top of eevdf.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEevdf, eevdfLedger, LWN_EXAMPLE, WAKEUP_EXAMPLE, type EevdfTask } from './eevdf.ts';

const lags = (row: { tasks: { lag: number }[] }): number[] =>
  row.tasks.map((t) => Math.round(t.lag * 1000) / 1000);

describe('EEVDF lag ledger', () => {
  it("reproduces LWN's example: lags 0/0/0, then -20/10/10, then -10/-10/20, then C", () => {
    const rows = eevdfLedger(LWN_EXAMPLE, 3);
    expect(lags(rows[0])).toEqual([0, 0, 0]);
    expect(rows[0].next).toBe(0); // A
    expect(rows[1]).toMatchObject({ t: 30, ran: 0, dt: 30 });
    expect(lags(rows[1])).toEqual([-20, 10, 10]);
    expect(rows[1].tasks.map((t) => t.eligible)).toEqual([false, true, true]);
    expect(rows[1].next).toBe(1); // B: equal deadlines, listed first
    expect(lags(rows[2])).toEqual([-10, -10, 20]);
    expect(rows[2].next).toBe(2); // only C is eligible
    expect(lags(rows[3])).toEqual([0, 0, 0]);
  });

  it('a shorter requested slice wins wake-up pre-emption', () => {
    // By hand: A runs 0-30 (V 15, A's deadline 60); B runs until C joins at 45 (v_B 15, V 22.5);
    // C joins at V = 22.5 with deadline 27.5 < B's 30: C pre-empts B. Lags then: A -7.5,
    // B 7.5, C 0. C runs 5 ms (to 50): v_C 27.5, V 24.1667; only B is eligible.
    const rows = eevdfLedger(WAKEUP_EXAMPLE, 4);
    expect(rows[2]).toMatchObject({ t: 45, ran: 1, dt: 15, next: 2 });
    expect(rows[2].note).toContain('pre-empts B');
    expect(lags(rows[2])).toEqual([-7.5, 7.5, 0]);
    expect(rows[3]).toMatchObject({ t: 50, ran: 2, dt: 5, next: 1 });
    expect(rows[3].V).toBeCloseTo(72.5 / 3, 9);
    // the same C asking for 30 ms slices gets deadline 52.5 > 30: B keeps the CPU
    const long = eevdfLedger(
      WAKEUP_EXAMPLE.map((t) => (t.name === 'C' ? { ...t, slice: 30 } : t)),
      3,
    );
    expect(long[2].next).toBe(1);
    expect(long[2].note).toContain('B keeps the CPU');
  });

  it('a heavier task ages more slowly: nice -5 (3121) against nice 0 (1024)', () => {
    // A nice -5, B nice 0, both 10 ms. Deadlines: A 10×1024/3121 = 3.28, B 10: A first; after
    // 10 ms v_A = 3.28, V = 3121×3.28/4145 = 2.47: A is not eligible, B runs.
    const rows = eevdfLedger(
      [
        { name: 'A', nice: -5, slice: 10, join: 0 },
        { name: 'B', nice: 0, slice: 10, join: 0 },
      ],
      1,
    );
    expect(rows[0].next).toBe(0);
    expect(rows[1].tasks[0].v).toBeCloseTo(10240 / 3121, 9);
    expect(rows[1].V).toBeCloseTo(10240 / 4145, 9);
    expect(rows[1].next).toBe(1);
  });

  it('keeps Σ lag = 0 after every step, for any tasks (property)', () => {
    const task = fc.record({
      name: fc.constant('T'),
      nice: fc.integer({ min: -20, max: 19 }),
      slice: fc.integer({ min: 1, max: 40 }),
      join: fc.integer({ min: 0, max: 80 }),
    });
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 5 }), (ts) => {
        const named: EevdfTask[] = ts.map((t, i) => ({ ...t, name: `T${i}` }));
        for (const row of eevdfLedger(named, 20)) {
          const scale = Math.max(1, ...row.tasks.map((t) => Math.abs(t.lag)));
          expect(Math.abs(row.lagSum) / scale).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('names the task and the field at fault', () => {
    expect(checkEevdf([{ name: 'A', nice: 25, slice: 3, join: 0 }])).toBe(
      'Task A: nice must be a whole number from −20 to 19.',
    );
    expect(checkEevdf([{ name: 'B', nice: 0, slice: 0, join: 0 }])).toContain('Task B: the slice');
    expect(checkEevdf(LWN_EXAMPLE)).toBeNull();
  });
});
