// The manual scheduler (manual.ts): the reader is the scheduler. The kernel never dispatches; a
// {type: 'dispatch', cpu, tid} action does, and only under this policy. Expected schedules are
// worked out by hand and written out: one entry per tick, the tid that ran (-1: idle).
import { describe, expect, it } from 'vitest';
import { step } from '../machine.ts';
import { jobProgram } from '../program.ts';
import { get } from '../table.ts';
import { boot, spawn, run } from './schedule-kit.ts';

describe('manual policy', () => {
  it('runs nothing until a task is dispatched, then only that task', () => {
    // A(2), B(2) ready: two idle ticks; dispatch B: B B (exits), then idle again (the kernel
    // does not pick A); dispatch A: A A.
    let m = boot({ kind: 'manual' }, [jobProgram('a', 2), jobProgram('b', 2)]);
    m = spawn(spawn(m, 'a'), 'b');
    const r1 = run(m, 2);
    expect(r1.ran).toEqual([-1, -1]);
    expect([get(r1.m.tasks, 1)!.state, get(r1.m.tasks, 2)!.state]).toEqual([
      'RUNNABLE',
      'RUNNABLE',
    ]);
    const d = step(r1.m, { type: 'dispatch', cpu: 0, tid: 2 });
    expect(d.events).toContainEqual(
      expect.objectContaining({ type: 'state', tid: 2, to: 'RUNNING' }),
    );
    const r2 = run(d.machine, 3);
    expect(r2.ran).toEqual([2, 2, -1]);
    const r3 = run(step(r2.m, { type: 'dispatch', cpu: 0, tid: 1 }).machine, 3);
    expect(r3.ran).toEqual([1, 1, -1]);
  });

  it('dispatching over a running task sends that task back to the ready queue', () => {
    // dispatch A, one tick; dispatch B over it: A is RUNNABLE again, B runs; no quantum
    // ends B's turn, so B runs to its end (ticks 2-4), and the CPU then idles.
    let m = boot({ kind: 'manual', quantum: 1 }, [jobProgram('a', 3), jobProgram('b', 3)]);
    m = spawn(spawn(m, 'a'), 'b');
    const r1 = run(step(m, { type: 'dispatch', cpu: 0, tid: 1 }).machine, 1);
    const d = step(r1.m, { type: 'dispatch', cpu: 0, tid: 2 });
    expect(get(d.machine.tasks, 1)!.state).toBe('RUNNABLE');
    expect(d.machine.runq).toEqual([1]);
    const r2 = run(d.machine, 4);
    expect([...r1.ran, ...r2.ran]).toEqual([1, 2, 2, 2, -1]);
  });

  it('refuses a dispatch under an automatic policy with an error event', () => {
    let m = boot({ kind: 'fifo' }, [jobProgram('a', 2), jobProgram('b', 2)]);
    m = spawn(spawn(m, 'a'), 'b');
    const r = step(m, { type: 'dispatch', cpu: 0, tid: 2 });
    expect(r.machine).toBe(m);
    expect(r.events).toEqual([
      {
        type: 'error',
        t: 0,
        message: 'Only the manual scheduler lets you choose which task runs.',
      },
    ]);
  });

  it('refuses to dispatch a task that is not RUNNABLE, or onto a missing CPU', () => {
    let m = boot({ kind: 'manual' }, [jobProgram('a', 1)]);
    m = spawn(m, 'a');
    const r = run(step(m, { type: 'dispatch', cpu: 0, tid: 1 }).machine, 1); // a exits
    const gone = step(r.m, { type: 'dispatch', cpu: 0, tid: 1 });
    expect(gone.machine).toBe(r.m);
    expect(gone.events.map((e) => e.type)).toEqual(['error']);
    const noCpu = step(m, { type: 'dispatch', cpu: 3, tid: 1 });
    expect(noCpu.events).toEqual([{ type: 'error', t: 0, message: 'There is no CPU 3.' }]);
  });
});
