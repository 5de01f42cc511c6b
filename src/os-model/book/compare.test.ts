// compare.ts: utilisation and the simple policies on the io-mix workload. Worked out by hand
// from the programs (scenarios-states.ts): the reader (PID 1) runs compute, io, io_done,
// compute, io, io_done, compute (7 CPU ticks, each I/O blocking it for L = 4 ticks); the
// cruncher (PID 2) computes for 8 ticks. 15 CPU ticks of work in all.
//   run to completion: t1 c, t2 io, t3-6 idle (CPU held), t7 io_done, t8 c, t9 io, t10-13 idle,
//     t14 io_done, t15 c, t16-23 cruncher                          -> 15 busy of 23
//   switch on I/O, later: t1 c, t2 io, t3-10 cruncher (the I/O completes at t7 but waits),
//     t11 io_done, t12 c, t13 io, t14-17 idle, t18 io_done, t19 c    -> 15 of 19
//   switch on I/O, immediate: t1 c, t2 io, t3-6 cruncher, t7 io_done, t8 c, t9 io,
//     t10-13 cruncher, t14 io_done, t15 c                            -> 15 of 15
import { describe, expect, it } from 'vitest';
import { isFinished, step } from '../kernel/machine.ts';
import { loadScenario } from './registry.ts';
import type { Action, Machine } from '../kernel/types.ts';
import { SIMPLE_POLICIES, comparePolicies, runToEnd, utilisation } from './compare.ts';
import { get } from '../kernel/table.ts';

function load(options: Record<string, unknown> = {}): Machine {
  const r = loadScenario('io-mix', 1, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('comparePolicies on io-mix', () => {
  it('gives each simple policy its hand-worked busy and total ticks', () => {
    const r = comparePolicies('io-mix', 1);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((p) => [p.id, p.busy, p.total, p.finished])).toEqual([
      ['end', 15, 23, true],
      ['io', 15, 19, true],
      ['io-immediate', 15, 15, true],
    ]);
    expect(r.value[0].ratio).toBeCloseTo(15 / 23, 12);
    expect(r.value[2].ratio).toBe(1);
  });

  it('lets the policy options override the scenario options, and reports a bad scenario', () => {
    const r = comparePolicies('io-mix', 1, { policy: 'manual' }, [SIMPLE_POLICIES[0]]);
    expect(r.ok && r.value[0].total).toBe(23);
    const bad = comparePolicies('no-such-scenario', 1);
    expect(bad.ok).toBe(false);
    const badOpt = comparePolicies('io-mix', 1, { latency: -1 });
    expect(badOpt.ok).toBe(false);
  });

  it('with a disk latency of 0 every policy keeps the CPU busy', () => {
    const r = comparePolicies('io-mix', 1, { latency: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((p) => [p.busy, p.total])).toEqual([
      [15, 15],
      [15, 15],
      [15, 15],
    ]);
  });
});

describe('utilisation of a run scheduled by hand', () => {
  const act = (m: Machine, a: Action): Machine => {
    const r = step(m, a);
    if (r.events.some((e) => e.type === 'error')) throw new Error(JSON.stringify(r.events));
    return r.machine;
  };
  const tick = (m: Machine, n: number): Machine => {
    for (let i = 0; i < n; i++) m = act(m, { type: 'tick' });
    return m;
  };

  it('is null before the first tick and counts idle ticks against the reader', () => {
    let m = load({ policy: 'manual' });
    expect(utilisation(m)).toEqual({ busy: 0, total: 0, ratio: null });
    m = tick(m, 2); // nobody dispatched: two idle ticks
    expect(utilisation(m)).toEqual({ busy: 0, total: 2, ratio: 0 });
  });

  it('scores the best schedule by hand: 15 busy ticks of 17', () => {
    // By hand, a woken process can be dispatched only after the tick in which it woke, so each
    // I/O keeps the reader off the CPU for L + 1 = 5 ticks: its own path is 7 + 2 × 5 = 17 ticks,
    // and the cruncher's 8 ticks fit into the 10 ticks of waiting with 2 to spare.
    let m = load({ policy: 'manual' });
    m = act(m, { type: 'dispatch', cpu: 0, tid: 1 });
    m = tick(m, 2); // t1 compute, t2 io: the reader blocks until t7, the CPU is free
    expect(m.cpus[0].cur).toBe(-1);
    m = act(m, { type: 'dispatch', cpu: 0, tid: 2 });
    m = tick(m, 5); // t3-7 the cruncher; the I/O completes at the start of t7
    expect(get(m.tasks, 1)!.state).toBe('RUNNABLE');
    m = act(m, { type: 'dispatch', cpu: 0, tid: 1 }); // preempts the cruncher
    m = tick(m, 3); // t8 io_done, t9 compute, t10 io: blocked until t15
    m = act(m, { type: 'dispatch', cpu: 0, tid: 2 });
    m = tick(m, 3); // t11-13: the cruncher's last 3 ticks; it exits
    m = tick(m, 2); // t14 idle, t15 idle (the reader wakes at the start of t15)
    m = act(m, { type: 'dispatch', cpu: 0, tid: 1 });
    m = tick(m, 2); // t16 io_done, t17 compute: the reader exits
    expect(isFinished(m)).toBe(true);
    expect(utilisation(m)).toEqual({ busy: 15, total: 17, ratio: 15 / 17 });
  });

  it('runToEnd stops at the end, and a manual machine just idles to the limit', () => {
    const end = runToEnd(load());
    expect(end.clock).toBe(19);
    const idle = runToEnd(load({ policy: 'manual' }), 5);
    expect(utilisation(idle)).toEqual({ busy: 0, total: 5, ratio: 0 });
  });
});
