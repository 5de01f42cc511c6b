// Chapter 4's scenarios and the switch path laid over them. Expected values are worked out by hand
// from the listings in ./programs.ts and the kernel's round-robin rules, not read back from a run.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { SCENARIOS as CHAPTER } from './scenarios.ts';
import { switchPath } from './switch-path.ts';

function start(name: string): Machine {
  const r = loadScenario(name);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function runOut(m: Machine, events: KEvent[], limit = 200): Machine {
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return m;
}

describe('chapter 4 scenarios', () => {
  it('are listed in the book registry', () => {
    for (const name of Object.keys(CHAPTER)) expect(SCENARIOS[name]).toBe(CHAPTER[name]);
  });

  it('two processes switch every three ticks, each switch a process switch', () => {
    const events: KEvent[] = [];
    const m = runOut(start('context-switches'), events);
    // Each loop is 2 sets + 6 × (add, add, br) + exit = 21 instructions; slices of 3 ticks
    // alternate, so PID 2 and PID 3 trade the CPU at ticks 3, 6, 9, … as long as both live.
    const sw = events.filter((e) => e.type === 'switch');
    expect(
      sw.slice(0, 3).map((e) => (e.type === 'switch' ? [e.t, e.from, e.to, e.kind] : [])),
    ).toEqual([
      [3, 2, 3, 'process'],
      [6, 3, 2, 'process'],
      [9, 2, 3, 'process'],
    ]);
    expect(isFinished(m)).toBe(true);
  });

  it('two threads of one process switch as threads', () => {
    const events: KEvent[] = [];
    runOut(start('context-switches-threads'), events);
    const sw = events.filter((e) => e.type === 'switch');
    expect(sw[0]).toMatchObject({ t: 3, from: 2, to: 3, fromPid: 2, toPid: 2, kind: 'thread' });
  });

  it('getpid does not switch; the blocking read does', () => {
    const events: KEvent[] = [];
    runOut(start('context-switches-syscall'), events);
    // pipe (1), set (2), fork (3), br (4), getpid (5), read blocks (6): the first switch is at
    // tick 6, from the parent to the child it forked.
    const sw = events.filter((e) => e.type === 'switch');
    expect(sw[0]).toMatchObject({ t: 6, from: 2, to: 3, kind: 'process' });
  });
});

describe('the switch path', () => {
  it('timer, xv6: the trapframe holds what PID 2 had, and PID 3 resumes with its own registers', () => {
    const p = switchPath(start('context-switches'), 'xv6', 'timer', 3);
    if (!p.ok) throw new Error(p.error);
    const { steps } = p.value;
    // Third switch, tick 9. PID 2 ran ticks 1–3 (set r1 0, set r2 0, add r1 1) and 7–9
    // (add r2 r1 → 1, br → pc 2, add r1 1 → 2): pc 3, r1 2, r2 1. PID 3 ran ticks 4–6 only:
    // pc 3, r1 1, r2 0. Both stacks start at the same virtual address in their own spaces.
    expect(p.value.tick).toBe(9);
    const first = steps[0];
    expect(first.mode).toBe('user');
    expect(first.cpu).toMatchObject({ pc: 3, r: [0, 2, 1, 0] });
    const last = steps[steps.length - 1];
    expect(last.mode).toBe('user');
    expect(last.on).toBe(3);
    expect(last.cpu).toMatchObject({ pc: 3, r: [0, 1, 0, 0] });
    // The trapframe of PID 2 holds its registers from the trap on.
    expect(steps[1].saved.find((s) => s.tid === 2)?.trapframe).toEqual(first.cpu);
    // xv6 switches twice: into the scheduler's context (on = -1) and out of it.
    expect(steps.filter((s) => s.on === -1).map((s) => s.fn)).toEqual([
      'sched() → swtch()',
      'scheduler()',
    ]);
    expect(steps.map((s) => s.fn)).toContain('yield()');
  });

  it('timer, Linux, threads: switch_mm is passed without a CR3 load', () => {
    const p = switchPath(start('context-switches-threads'), 'linux', 'timer', 1);
    if (!p.ok) throw new Error(p.error);
    expect(p.value.switchKind).toBe('thread');
    const mm = p.value.steps.find((s) => s.fn === 'switch_mm_irqs_off()');
    expect(mm?.skipped).toBe('same address space: no CR3 load');
    // Linux never runs on a scheduler stack of its own.
    expect(p.value.steps.some((s) => s.on === -1)).toBe(false);
  });

  it('xv6 refuses a switch between threads, with the reason', () => {
    const p = switchPath(start('context-switches-threads'), 'xv6', 'timer', 1);
    expect(p).toEqual({ ok: false, error: expect.stringContaining('xv6 has no threads') });
  });

  it('a getpid system call never reaches the scheduler and returns the pid in r0', () => {
    for (const fl of ['xv6', 'linux'] as const) {
      const p = switchPath(start('context-switches-syscall'), fl, 'syscall', 1);
      if (!p.ok) throw new Error(p.error);
      expect(p.value.switchKind).toBe('none');
      expect(p.value.steps.some((s) => s.scheduler)).toBe(false);
      // getpid is instruction 7 at tick 5; PID 2's r0 becomes 2 and its pc moves to 8.
      const last = p.value.steps[p.value.steps.length - 1];
      expect(last.cpu).toMatchObject({ pc: 8, r: [2, 4, 0, 3] });
    }
  });

  it('a blocking read enters the scheduler and runs the forked child for the first time', () => {
    const p = switchPath(start('context-switches-syscall'), 'linux', 'block', 1);
    if (!p.ok) throw new Error(p.error);
    expect(p.value.steps.some((s) => s.scheduler)).toBe(true);
    expect(p.value.steps.map((s) => s.fn)).toContain('__switch_to() → ret_from_fork');
    // The child returns from fork with r0 = 0 at the instruction after fork (pc 3).
    expect(p.value.steps[p.value.steps.length - 1].cpu).toMatchObject({ pc: 3, r: [0, 4, 0, 3] });
  });

  it('an entry the run does not have is an error value', () => {
    expect(switchPath(start('context-switches-syscall'), 'xv6', 'syscall', 2)).toEqual({
      ok: false,
      error: 'The run has no second getpid() system call.',
    });
  });
});
