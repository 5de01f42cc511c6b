// SJF (sjf.ts): the ready task with the smallest known length (task.est) runs, to completion.
// Expected schedules are worked out by hand and written out: one entry per tick, the tid that ran.
import { describe, expect, it } from 'vitest';
import { jobProgram } from '../program.ts';
import { boot, spawn, run } from './schedule-kit.ts';

describe('sjf policy', () => {
  it('runs the shortest ready job first', () => {
    // A(4), B(2), C(3) ready at 0: B (2) B, then C (3) C C, then A A A A.
    let m = boot({ kind: 'sjf' }, [jobProgram('a', 4), jobProgram('b', 2), jobProgram('c', 3)]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 10).ran).toEqual([2, 2, 3, 3, 3, 1, 1, 1, 1, -1]);
  });

  it('breaks a tie in length by queue order', () => {
    // A(2), B(2), C(1): C first (shortest); A and B tie at 2, A was queued first.
    let m = boot({ kind: 'sjf' }, [jobProgram('a', 2), jobProgram('b', 2), jobProgram('c', 1)]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 5).ran).toEqual([3, 1, 1, 2, 2]);
  });

  it('does not preempt a running job for a shorter arrival', () => {
    // A(4) starts at tick 1; B(1) arrives after tick 1 but waits until A exits at tick 4.
    let m = boot({ kind: 'sjf' }, [jobProgram('a', 4), jobProgram('b', 1)]);
    m = spawn(m, 'a');
    const r = run(m, 1);
    m = spawn(r.m, 'b');
    expect([...r.ran, ...run(m, 4).ran]).toEqual([1, 1, 1, 1, 2]);
  });
});
