// PID allocation with config.pidMax (proc.ts allocPid), after Linux's alloc_pid: PIDs go up from
// the last one given, wrap at pid_max to the reserved floor, skip every PID a process, zombie or
// thread holds, and fail when none is free. Expected PIDs worked out by hand from those rules.
import { describe, expect, it } from 'vitest';
import type { Action, KEvent, Machine } from './types.ts';
import { createMachine, step } from './machine.ts';
import { makeProgram } from './program.ts';
import { checkInvariants } from './invariants.ts';
import { get } from './table.ts';

// Sleeps long and never waits: its killed children stay zombies.
const NAP = makeProgram(
  'nap',
  ['int main(void) {', '  sleep(500);', '}'],
  [
    { op: 'sleep', ticks: 500, line: 2 },
    { op: 'exit', status: 0, line: 2 },
  ],
);

function act(m: Machine, actions: Action[]): { m: Machine; events: KEvent[] } {
  const events: KEvent[] = [];
  for (const a of actions) {
    const r = step(m, a);
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return { m, events };
}

const spawned = (events: KEvent[]): number[] =>
  events.flatMap((e) => (e.type === 'spawn' ? [e.pid] : []));
// Enough ticks for every process to reach its sleep, or for init to reap a killed child.
const settle: Action[] = Array.from({ length: 12 }, () => ({ type: 'tick' }) as Action);
const spawn = (n: number, parent?: number): Action[] =>
  Array.from(
    { length: n },
    () => ({ type: 'spawn', program: 'nap', ...(parent ? { parent } : {}) }) as Action,
  );

describe('PID allocation', () => {
  it('without pidMax, PIDs only grow', () => {
    const { events } = act(createMachine({}, 0, [NAP]), spawn(9));
    // init is PID 1, so nine spawns take 2 to 10.
    expect(spawned(events)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('with pidMax 6, PIDs 1 to 5 exist and a sixth process cannot be made', () => {
    const { m, events } = act(createMachine({ pidMax: 6 }, 0, [NAP]), spawn(5));
    // PIDs are below pid_max: 1 (init) and 2..5; the fifth spawn finds no free PID.
    expect(spawned(events)).toEqual([2, 3, 4, 5]);
    expect(get(m.procs, 6)).toBeUndefined();
  });

  it('a reaped PID is reused after the wrap; a zombie’s is skipped until reaped', () => {
    let { m } = act(createMachine({ pidMax: 6 }, 0, [NAP]), spawn(1)); // PID 2: the keeper
    // PID 3 a child of the keeper, PID 4 and 5 children of init.
    ({ m } = act(m, [...spawn(1, 2), ...spawn(2), ...settle]));
    // Kill 3 (a zombie: the keeper never waits) and 4 (init reaps it at the next tick).
    const r = act(m, [
      { type: 'kill', pid: 3, signal: 'SIGKILL' },
      { type: 'kill', pid: 4, signal: 'SIGKILL' },
      ...settle,
      ...spawn(1),
    ]);
    expect(get(r.m.procs, 3)?.state).toBe('ZOMBIE');
    // The counter is at 6 = pid_max: it wraps to 1; 1, 2 and 3 (the zombie) are held; 4 is free.
    expect(spawned(r.events)).toEqual([4]);
  });

  it('after the first wrap, allocation restarts at pidReserved, not at 1', () => {
    // pidMax 8, reserved 4: spawn 2..7, kill PIDs 2 and 5 (children of init: reaped), then spawn.
    let { m } = act(createMachine({ pidMax: 8, pidReserved: 4 }, 0, [NAP]), [
      ...spawn(6),
      ...settle,
    ]);
    ({ m } = act(m, [
      { type: 'kill', pid: 2, signal: 'SIGKILL' },
      { type: 'kill', pid: 5, signal: 'SIGKILL' },
      ...settle,
    ]));
    expect(get(m.procs, 2)).toBeUndefined();
    // The counter (8) wraps to 4, not 1: PID 2 is free but below the floor; 4 is held; 5 is free.
    const r = act(m, spawn(2));
    // Then 6 and 7 are held, the counter wraps again to 4: 2 stays unused, so nothing is free.
    expect(spawned(r.events)).toEqual([5]);
  });
});
