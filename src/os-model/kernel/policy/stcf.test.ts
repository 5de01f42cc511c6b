// STCF (stcf.ts): the ready task with the least work left (est - ran) runs, and at the start of a
// tick a waiting task with strictly less work left preempts the running one. Expected schedules
// are worked out by hand and written out: one entry per tick, the tid that ran.
import { describe, expect, it } from 'vitest';
import { jobProgram } from '../program.ts';
import { get } from '../table.ts';
import { boot, spawn, run } from './schedule-kit.ts';

describe('stcf policy', () => {
  it('runs the job with the least work left first', () => {
    // A(3), B(1), C(2) ready at 0: B, C C, A A A.
    let m = boot({ kind: 'stcf' }, [jobProgram('a', 3), jobProgram('b', 1), jobProgram('c', 2)]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 6).ran).toEqual([2, 3, 3, 1, 1, 1]);
  });

  it('breaks a tie by queue order', () => {
    // A(2), B(2): equal work, A was queued first and B (no less work) never preempts it.
    let m = boot({ kind: 'stcf' }, [jobProgram('a', 2), jobProgram('b', 2)]);
    m = spawn(m, 'a');
    m = spawn(m, 'b');
    expect(run(m, 4).ran).toEqual([1, 1, 2, 2]);
  });

  it('preempts at the start of the next tick for a job with less work left', () => {
    // A(4) runs tick 1 (3 left). B(2) arrives: at the start of tick 2, 2 < 3, B takes the CPU
    // and runs ticks 2-3; A resumes at tick 4 and runs its 3 ticks.
    let m = boot({ kind: 'stcf' }, [jobProgram('a', 4), jobProgram('b', 2)]);
    m = spawn(m, 'a');
    const r = run(m, 1);
    m = spawn(r.m, 'b');
    const r2 = run(m, 5);
    expect([...r.ran, ...r2.ran]).toEqual([1, 2, 2, 1, 1, 1]);
    expect(get(r2.m.tasks, 1)!.runTicks).toBe(4);
  });

  it('does not preempt for an arrival with equal work left', () => {
    // A(4) runs tick 1 (3 left); B(3) arrives with 3: not less, so A runs to the end first.
    let m = boot({ kind: 'stcf' }, [jobProgram('a', 4), jobProgram('b', 3)]);
    m = spawn(m, 'a');
    const r = run(m, 1);
    m = spawn(r.m, 'b');
    expect([...r.ran, ...run(m, 6).ran]).toEqual([1, 1, 1, 1, 2, 2, 2]);
  });

  it('preempts again when a still shorter job arrives, then picks by work left', () => {
    // A(5) tick 1 (4 left); B(3) arrives, preempts at tick 2 (3 < 4) and runs it (2 left);
    // C(1) arrives, preempts at tick 3 (1 < 2) and exits. Left: A 4, B 2 -> B ticks 4-5,
    // then A ticks 6-9.
    let m = boot({ kind: 'stcf' }, [jobProgram('a', 5), jobProgram('b', 3), jobProgram('c', 1)]);
    m = spawn(m, 'a');
    const r1 = run(m, 1);
    const r2 = run(spawn(r1.m, 'b'), 1);
    const r3 = run(spawn(r2.m, 'c'), 7);
    expect([...r1.ran, ...r2.ran, ...r3.ran]).toEqual([1, 2, 3, 2, 2, 1, 1, 1, 1]);
  });
});
