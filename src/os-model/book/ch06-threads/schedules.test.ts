// The schedule checker against counts worked out independently: the binomial formula for the
// number of interleavings, and a brute-force enumeration (written here, not the checker's code)
// of every schedule of the unlocked counter, run by a separate tiny interpreter.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  census,
  parseSchedule,
  replay,
  scheduleText,
  simplest,
  switches,
  isBad,
} from './schedules.ts';
import { ladderProgram, LEVELS, oppositeOrder, RUNGS } from './ladder.ts';

/** n! / (k1! k2! …), the number of interleavings of threads with k1, k2, … steps. */
function multinomial(ks: number[]): number {
  let r = 1;
  let n = 0;
  for (const k of ks)
    for (let i = 1; i <= k; i++) {
      n++;
      r = (r * n) / i;
    }
  return Math.round(r);
}

/** Every schedule of T threads doing n (load, add, store) each, listed one by one. */
function bruteForce(threads: number, n: number): Map<number, number> {
  const hist = new Map<number, number>();
  const per = 3 * n;
  const pcs = new Array(threads).fill(0);
  const ax = new Array(threads).fill(0);
  let counter = 0;
  const go = (): void => {
    let any = false;
    for (let t = 0; t < threads; t++) {
      if (pcs[t] === per) continue;
      any = true;
      const saveAx = ax[t];
      const saveC = counter;
      const phase = pcs[t] % 3;
      if (phase === 0) ax[t] = counter;
      else if (phase === 1) ax[t] = ax[t] + 1;
      else counter = ax[t];
      pcs[t]++;
      go();
      pcs[t]--;
      ax[t] = saveAx;
      counter = saveC;
    }
    if (!any) hist.set(counter, (hist.get(counter) ?? 0) + 1);
  };
  go();
  return hist;
}

describe('counting schedules', () => {
  it('two threads of 3 steps have C(6,3) = 20 schedules: 2 end at 2, 18 lose an update', () => {
    const c = census(ladderProgram('none', 1));
    expect(c.total).toBe(20);
    expect(c.bars.map((b) => [b.key, b.count])).toEqual([
      ['1', 18],
      ['2', 2],
    ]);
    expect(c.bad).toBe(18);
  });

  it.each([
    [2, 1],
    [2, 2],
    [2, 3],
    [3, 1],
  ])(
    '%i threads × %i increments: the count is the multinomial and the histogram is the brute force',
    (t, n) => {
      const c = census(ladderProgram('none', n, t));
      expect(c.total).toBe(multinomial(new Array(t).fill(3 * n)));
      const brute = bruteForce(t, n);
      expect(new Map(c.bars.map((b) => [b.outcome.value, b.count]))).toEqual(brute);
    },
  );

  it('two threads × 4 increments: C(24,12) = 2,704,156 schedules without listing them', () => {
    const c = census(ladderProgram('none', 4));
    expect(c.total).toBe(2704156);
    expect(c.states).toBeLessThan(5000);
  });
});

describe('the fix ladder', () => {
  it.each([1, 2])('with %i increment(s), only the rungs without a real lock can end badly', (n) => {
    const bad = Object.fromEntries(RUNGS.map((r) => [r, census(ladderProgram(r, n)).bad > 0]));
    expect(bad).toEqual({
      none: true,
      flag: true,
      tas: false,
      peterson: false,
      mutex: false,
      condvar: false,
    });
  });

  it('the plain flag lets both threads into the critical section', () => {
    const p = ladderProgram('flag', 1);
    const c = census(p);
    expect(c.bars.some((b) => b.outcome.overlap)).toBe(true);
    // By hand: both threads pass `while (flag == 1)` before either sets the flag: A checks,
    // B checks, then each sets and updates. The simplest such schedule switches 3 times.
    const s = simplest(p, (o) => o.overlap)!;
    expect(switches(s)).toBeLessThanOrEqual(3);
    const r = replay(p, s);
    expect(r.ok && r.steps.some((x) => x.after.overlap)).toBe(true);
  });

  it('with a lock, the serial schedules are the only ones: A then B, or B then A', () => {
    expect(census(ladderProgram('tas', 1)).total).toBe(2);
    expect(census(ladderProgram('mutex', 1)).total).toBe(2);
  });

  it('the condition-variable waiter always sees both increments', () => {
    const c = census(ladderProgram('condvar', 1));
    expect(c.bars.map((b) => b.key)).toEqual(['2']);
  });

  it('opposite lock orders deadlock in exactly the schedules where each takes its first lock', () => {
    const c = census(oppositeOrder());
    // By hand: AB… or BA… as the first two steps (A takes m1, B takes m2) deadlock; the other
    // schedules run one thread's first two locks before the other starts: 4 complete orders.
    expect(c.bars.map((b) => [b.key, b.count])).toEqual([
      ['2', 4],
      ['deadlock', 2],
    ]);
  });
});

describe('the simplest bad schedule', () => {
  it('for the unlocked counter needs two switches: A loads, B runs whole, A stores', () => {
    const p = ladderProgram('none', 1);
    const s = simplest(p, (o) => isBad(p, o))!;
    expect(scheduleText(p, s)).toBe('ABBBAA');
    const r = replay(p, s);
    expect(r.ok && r.steps.at(-1)!.after.mem.counter).toBe(1);
  });

  it('is null when no schedule is bad', () => {
    const p = ladderProgram('peterson', 1);
    expect(simplest(p, (o) => isBad(p, o))).toBeNull();
  });
});

describe('replay and schedules as text', () => {
  it('refuses a step by a thread that cannot run, naming the step and the reason', () => {
    const p = ladderProgram('mutex', 1);
    const r = replay(p, parseSchedule(p, 'AB').ok ? [0, 1] : []);
    expect(r).toEqual({
      ok: false,
      at: 2,
      error: 'step 2: B sleeps: m is held by A',
    });
  });

  it('names the character of a schedule that is not a thread', () => {
    const p = ladderProgram('none', 1);
    expect(parseSchedule(p, 'AAx')).toEqual({
      ok: false,
      error: 'character 3 of the schedule, “X”, is not a thread: use A, B',
    });
  });

  it('any sequence of runnable choices replays to the same state (property)', () => {
    const p = ladderProgram('flag', 2);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 30 }), (picks) => {
        const r = replay(p, picks);
        if (!r.ok) return true;
        const again = replay(
          p,
          scheduleText(p, picks)
            .split('')
            .map((c) => c.charCodeAt(0) - 65),
        );
        expect(again).toEqual(r);
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('campaign levels', () => {
  it('each level is winnable except Peterson, which the checker proves safe', () => {
    const winnable = LEVELS.map((l) => {
      const p = l.program();
      return census(p).bars.some((b) => l.possible(b.outcome));
    });
    expect(winnable).toEqual([true, true, true, false]);
  });

  it('the lost-update level is won by A-load, B whole, A add and store', () => {
    const l = LEVELS[0];
    const p = l.program();
    const r = replay(p, [0, 1, 1, 1, 0, 0]);
    expect(r.ok && l.won(p, r.steps.at(-1)!.after)).toBe(true);
    const serial = replay(p, [0, 0, 0, 1, 1, 1]);
    expect(serial.ok && l.won(p, serial.steps.at(-1)!.after)).toBe(false);
  });

  it('the deadlock level is won by A then B taking their first locks', () => {
    const l = LEVELS[2];
    const p = l.program();
    const r = replay(p, [0, 1]);
    expect(r.ok && r.end).toBe('deadlock');
    expect(r.ok && l.won(p, r.steps.at(-1)!.after)).toBe(true);
  });
});
