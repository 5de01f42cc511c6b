// Round robin (rr.ts): ready tasks take turns in queue order; the timer interrupt at the end of
// a task's quantum-th tick sends it to the back of the queue if another task waits. Expected
// schedules are worked out by hand and written out: one entry per tick, the tid that ran.
import { describe, expect, it } from 'vitest';
import { jobProgram } from '../program.ts';
import { boot, spawn, run } from './schedule-kit.ts';

describe('rr policy', () => {
  it('alternates two tasks every quantum', () => {
    // quantum 2, A(3), B(3): A A | B B | A (exits) | B (exits).
    let m = boot({ kind: 'rr', quantum: 2 }, [jobProgram('a', 3), jobProgram('b', 3)]);
    m = spawn(m, 'a');
    m = spawn(m, 'b');
    expect(run(m, 7).ran).toEqual([1, 1, 2, 2, 1, 2, -1]);
  });

  it('takes turns in queue order among three tasks', () => {
    // quantum 1, A(2), B(2), C(2): A B C A B C.
    let m = boot({ kind: 'rr', quantum: 1 }, [
      jobProgram('a', 2),
      jobProgram('b', 2),
      jobProgram('c', 2),
    ]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 6).ran).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('lets a lone task keep running past its quantum, without a context switch', () => {
    // quantum 2, A(5) alone: nobody waits at the end of each quantum, so A keeps the CPU.
    let m = boot({ kind: 'rr', quantum: 2 }, [jobProgram('a', 5)]);
    m = spawn(m, 'a');
    const r = run(m, 5);
    expect(r.ran).toEqual([1, 1, 1, 1, 1]);
    expect(r.m.stats.switches).toBe(0);
  });

  it('starts a fresh quantum when nobody waited, then yields when someone does', () => {
    // quantum 2, A(5): ticks 1-2 A (nobody waits: a new quantum), tick 3 A (1 of the new
    // quantum); B(2) arrives; tick 4 A ends its quantum and yields to B; B runs ticks 5-6 and
    // exits; A's fifth and last tick is 7.
    let m = boot({ kind: 'rr', quantum: 2 }, [jobProgram('a', 5), jobProgram('b', 2)]);
    m = spawn(m, 'a');
    const r = run(m, 3);
    m = spawn(r.m, 'b');
    expect([...r.ran, ...run(m, 4).ran]).toEqual([1, 1, 1, 1, 2, 2, 1]);
  });
});
