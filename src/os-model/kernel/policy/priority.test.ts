// Static priority (priority.ts): the ready task whose process has the lowest priority number
// runs; a better one preempts it at the start of a tick; equals share the CPU round robin every
// quantum. Expected schedules are worked out by hand and written out: one entry per tick, the
// tid that ran.
import { describe, expect, it } from 'vitest';
import { jobProgram } from '../program.ts';
import { boot, spawn, run } from './schedule-kit.ts';

describe('priority policy', () => {
  it('runs the lowest priority number first', () => {
    // A(3) prio 2, B(2) prio 1, C(1) prio 3: B B, A A A, C.
    let m = boot({ kind: 'priority', quantum: 10 }, [
      jobProgram('a', 3),
      jobProgram('b', 2),
      jobProgram('c', 1),
    ]);
    m = spawn(m, 'a', 2);
    m = spawn(m, 'b', 1);
    m = spawn(m, 'c', 3);
    expect(run(m, 6).ran).toEqual([2, 2, 1, 1, 1, 3]);
  });

  it('breaks a tie by queue order', () => {
    // A(2) and B(2) both prio 1, quantum 10 (longer than either): A first, then B.
    let m = boot({ kind: 'priority', quantum: 10 }, [jobProgram('a', 2), jobProgram('b', 2)]);
    m = spawn(m, 'a', 1);
    m = spawn(m, 'b', 1);
    expect(run(m, 4).ran).toEqual([1, 1, 2, 2]);
  });

  it('preempts at the start of the next tick for a better priority', () => {
    // A(4) prio 5 runs tick 1; B(2) prio 1 arrives and takes the CPU at tick 2 (ticks 2-3);
    // A resumes at tick 4 for its 3 remaining ticks.
    let m = boot({ kind: 'priority', quantum: 10 }, [jobProgram('a', 4), jobProgram('b', 2)]);
    m = spawn(m, 'a', 5);
    const r = run(m, 1);
    m = spawn(r.m, 'b', 1);
    expect([...r.ran, ...run(m, 5).ran]).toEqual([1, 2, 2, 1, 1, 1]);
  });

  it('does not preempt for an equal or worse priority', () => {
    // A(3) prio 1 runs tick 1; B(1) prio 1 and C(1) prio 2 arrive: neither is better, so A
    // runs ticks 2-3 (quantum 10), then B (equal, queued first), then C.
    let m = boot({ kind: 'priority', quantum: 10 }, [
      jobProgram('a', 3),
      jobProgram('b', 1),
      jobProgram('c', 1),
    ]);
    m = spawn(m, 'a', 1);
    const r = run(m, 1);
    m = spawn(spawn(r.m, 'c', 2), 'b', 1); // c is tid 2, b tid 3
    expect([...r.ran, ...run(m, 4).ran]).toEqual([1, 1, 1, 3, 2]);
  });

  it('alternates equals every quantum', () => {
    // quantum 2, A(3) and B(3) both prio 0: A A | B B | A | B.
    let m = boot({ kind: 'priority', quantum: 2 }, [jobProgram('a', 3), jobProgram('b', 3)]);
    m = spawn(m, 'a', 0);
    m = spawn(m, 'b', 0);
    expect(run(m, 6).ran).toEqual([1, 1, 2, 2, 1, 2]);
  });

  it('lets a lone task, or one better than every waiting task, run past its quantum', () => {
    // quantum 1: A(3) prio 0 with only C(1) prio 1 waiting keeps the CPU each quantum (nobody
    // as good waits), then C runs.
    let m = boot({ kind: 'priority', quantum: 1 }, [jobProgram('a', 3), jobProgram('c', 1)]);
    m = spawn(m, 'a', 0);
    m = spawn(m, 'c', 1);
    const r = run(m, 4);
    expect(r.ran).toEqual([1, 1, 1, 2]);
    // A alone, quantum 1: it runs every tick.
    let lone = boot({ kind: 'priority', quantum: 1 }, [jobProgram('a', 3)]);
    lone = spawn(lone, 'a', 4);
    expect(run(lone, 3).ran).toEqual([1, 1, 1]);
  });

  it('round robins the best level, leaving a worse task for later', () => {
    // quantum 1, A(2) and B(2) prio 0, C(2) prio 1: A B A B (each yields to the other equal
    // at the end of its quantum), then C C.
    let m = boot({ kind: 'priority', quantum: 1 }, [
      jobProgram('a', 2),
      jobProgram('b', 2),
      jobProgram('c', 2),
    ]);
    m = spawn(m, 'a', 0);
    m = spawn(m, 'b', 0);
    m = spawn(m, 'c', 1);
    expect(run(m, 6).ran).toEqual([1, 2, 1, 2, 3, 3]);
  });
});
