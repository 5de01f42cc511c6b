// The one action validator: the shape of untrusted actions (the table below is the contract a
// shared link's steps must meet) and the checks against a machine, each message worked out from
// the machine built here by hand.
import { describe, expect, it } from 'vitest';
import { checkAction, checkActionShape, MAX_RUN } from './action.ts';
import { createMachine, step } from './machine.ts';
import { makeProgram } from './program.ts';
import { SENDABLE_SIGNALS } from './state.ts';
import { get } from './table.ts';
import type { Action } from './types.ts';

describe("checkActionShape (actions from outside the book's code, e.g. a shared link)", () => {
  const valid: unknown[] = [
    { type: 'tick' },
    { type: 'run', ticks: 1 },
    { type: 'run', ticks: 10_000_000 },
    { type: 'dispatch', cpu: 0, tid: 3 },
    { type: 'kill', pid: 7, signal: 'SIGTERM' },
    { type: 'kill', pid: -1, signal: 'SIGKILL' },
    { type: 'spawn', program: 'fork-basics' },
    { type: 'spawn', program: 'worker', parent: 1, args: [1, 2], prio: 3 },
    { type: 'connect' },
  ];
  const invalid: [unknown, string][] = [
    [null, 'it is not an action'],
    [[{ type: 'tick' }], 'it is not an action'],
    ['tick', 'it is not an action'],
    [{}, 'unknown action "undefined"'],
    [{ type: 'explode' }, 'unknown action "explode"'],
    [{ type: 'toString' }, 'unknown action "toString"'],
    [{ type: 'tick', n: 1 }, 'tick has no field "n"'],
    [{ type: 'run' }, 'run needs "ticks"'],
    [{ type: 'run', ticks: 0 }, 'run.ticks must be a whole number from 1 to 10000000'],
    [{ type: 'run', ticks: 10_000_001 }, 'run.ticks must be a whole number from 1 to 10000000'],
    [{ type: 'run', ticks: '5' }, 'run.ticks must be a whole number from 1 to 10000000'],
    [{ type: 'dispatch', cpu: -1, tid: 3 }, 'dispatch.cpu must be a whole number >= 0'],
    [{ type: 'dispatch', cpu: 0, tid: 0.5 }, 'dispatch.tid must be a whole number >= 0'],
    [{ type: 'kill', pid: 7, signal: 'SIGHUP' }, 'kill.signal must be a signal name'],
    [{ type: 'kill', pid: 7, signal: 'hasOwnProperty' }, 'kill.signal must be a signal name'],
    // SIGSEGV is a signal the model knows, but only a bad memory access sends it.
    [{ type: 'kill', pid: 7, signal: 'SIGSEGV' }, 'kill.signal must be a signal name'],
    [{ type: 'spawn', program: '' }, 'spawn.program must be a program name'],
    [{ type: 'spawn', program: 'a b' }, 'spawn.program must be a program name'],
    [
      { type: 'spawn', program: 'w', args: [1, 'x'] },
      'spawn.args must be a short list of whole numbers',
    ],
    [{ type: 'spawn', program: 'w', parent: null }, 'spawn.parent must be a whole number'],
  ];
  it.each(valid.map((a) => [JSON.stringify(a), a]))('accepts %s', (_, a) => {
    expect(checkActionShape(a)).toBeNull();
  });
  it.each(invalid.map(([a, why]) => [JSON.stringify(a), a, why]))('refuses %s', (_, a, why) => {
    expect(checkActionShape(a)).toBe(why);
  });
});

describe('checkAction (an action against a machine)', () => {
  const work = makeProgram('work', ['compute();'], [{ op: 'compute', n: 5, line: 1 }]);
  // Manual scheduling, one CPU: init is PID 1, asleep in wait(); the spawn makes PID 2, RUNNABLE
  // (the manual scheduler never dispatches on its own).
  const manual = (maxProcs = 4096) => {
    const m = createMachine({ sched: { kind: 'manual' }, maxProcs }, 1, [work]);
    return step(m, { type: 'spawn', program: 'work' }).machine;
  };

  it('accepts what this machine can do', () => {
    const m = manual();
    expect(get(m.tasks, 2)?.state).toBe('RUNNABLE');
    for (const a of [
      { type: 'tick' },
      { type: 'connect' },
      { type: 'run', ticks: MAX_RUN },
      { type: 'dispatch', cpu: 0, tid: 2 },
      { type: 'kill', pid: 2, signal: 'SIGSTOP' },
      { type: 'spawn', program: 'work', parent: 2, args: [1], prio: 0 },
    ] as Action[])
      expect(checkAction(m, a), JSON.stringify(a)).toBeNull();
  });

  it('says in one sentence what is wrong on this machine', () => {
    const m = manual();
    const cases: [unknown, string][] = [
      [null, 'An action must be an object.'],
      [{ type: 'dispatch', cpu: 1, tid: 2 }, 'There is no CPU 1.'],
      [{ type: 'dispatch', cpu: 0, tid: 9 }, 'There is no task 9.'],
      [
        { type: 'dispatch', cpu: 0, tid: 1 },
        'Task 1 is SLEEPING, not RUNNABLE, so it cannot be dispatched.',
      ],
      [{ type: 'kill', pid: 5, signal: 'SIGKILL' }, 'There is no process with PID 5.'],
      [{ type: 'kill', pid: 2, signal: 'SIGSEGV' }, 'Unknown signal SIGSEGV.'],
      [{ type: 'spawn', program: 'work', parent: 7 }, 'PID 7 is not a live process.'],
      [{ type: 'spawn', program: 'nope' }, 'There is no program called nope.'],
      [
        { type: 'run', ticks: 1.5 },
        'A run needs a whole number of ticks from 1 to 10000000; got 1.5.',
      ],
      [{ type: 'warp' }, 'Unknown action "warp".'],
      // Well placed but badly shaped: the shape check's reason, in a sentence.
      [{ type: 'tick', n: 1 }, 'That is not a well-formed action: tick has no field "n".'],
      [
        { type: 'spawn', program: 'work', args: ['x'] },
        'That is not a well-formed action: spawn.args must be a short list of whole numbers.',
      ],
    ];
    for (const [a, why] of cases) expect(checkAction(m, a as Action), JSON.stringify(a)).toBe(why);
  });

  it('refuses a dispatch under a policy that dispatches itself, and a spawn into a full table', () => {
    const fifo = createMachine({}, 1, [work]);
    expect(checkAction(fifo, { type: 'dispatch', cpu: 0, tid: 1 })).toBe(
      'Only the manual scheduler lets you choose which task runs.',
    );
    // init and PID 2 fill a table of two.
    expect(checkAction(manual(2), { type: 'spawn', program: 'work' })).toBe(
      'The process table is full.',
    );
  });

  it('takes the signals a reader may send from state.ts', () => {
    for (const signal of SENDABLE_SIGNALS)
      expect(checkActionShape({ type: 'kill', pid: 2, signal })).toBeNull();
  });
});
