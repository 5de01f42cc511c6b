// Stride scheduling (stride.ts). Schedules worked out by hand: OSTEP chapter 9's example (tickets
// 100, 50 and 250, so strides 100, 200 and 40) and the proportion over a long run.
import { describe, expect, it } from 'vitest';
import { jobProgram } from '../program.ts';
import { boot, run, spawn } from './schedule-kit.ts';
import { ticketsOf } from './stride.ts';

describe('stride policy', () => {
  it("runs OSTEP's example A B C C C A C C (strides 100, 200, 40)", () => {
    // passes 0/0/0: A (queue order) → 100; B → 200; C 0 → 40 → 80 → 120; A (100) → 200;
    // C 120 → 160 → 200.
    let m = boot({ kind: 'stride', quantum: 1, params: { tickets: [100, 50, 250] } }, [
      jobProgram('a', 20),
      jobProgram('b', 20),
      jobProgram('c', 20),
    ]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 8).ran).toEqual([1, 2, 3, 3, 3, 1, 3, 3]);
  });

  it('gives CPU time in proportion to tickets: 3 : 1 over 40 ticks is 30 : 10', () => {
    let m = boot({ kind: 'stride', quantum: 1, params: { tickets: [300, 100] } }, [
      jobProgram('a', 100),
      jobProgram('b', 100),
    ]);
    m = spawn(m, 'a');
    m = spawn(m, 'b');
    const ran = run(m, 40).ran;
    expect(ran.filter((t) => t === 1)).toHaveLength(30);
    expect(ran.filter((t) => t === 2)).toHaveLength(10);
  });

  it('equal tickets alternate, and a quantum of 2 gives turns of 2 ticks', () => {
    let m = boot({ kind: 'stride', quantum: 2 }, [jobProgram('a', 4), jobProgram('b', 4)]);
    m = spawn(m, 'a');
    m = spawn(m, 'b');
    expect(run(m, 8).ran).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
  });

  it('starts a newcomer level with the others instead of at pass 0', () => {
    // A runs 10 ticks alone (pass 1000). B arrives with pass 1000, not 0. A, already on the
    // CPU, runs tick 11 (pass 1100) and yields; B (1000) runs (1100); on the tie A is first in
    // the queue: they alternate, where a pass of 0 would have given B ten ticks in a row.
    let m = boot({ kind: 'stride', quantum: 1 }, [jobProgram('a', 20), jobProgram('b', 20)]);
    m = spawn(m, 'a');
    const first = run(m, 10);
    m = spawn(first.m, 'b');
    expect(run(m, 6).ran).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it('reads tickets per tid, 100 when absent or bad', () => {
    const m = boot({ kind: 'stride', params: { tickets: [5, 0] } }, []);
    expect(ticketsOf(m, 1)).toBe(5);
    expect(ticketsOf(m, 2)).toBe(100);
    expect(ticketsOf(m, 3)).toBe(100);
  });
});
