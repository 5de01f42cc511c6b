// The switch-path island's data functions, with values worked out by hand from the scenarios'
// listings (src/os-model/book/ch04-context-switches/programs.ts).
import { describe, expect, it } from 'vitest';
import {
  clampStep,
  entryFor,
  pathFor,
  regCells,
  schedulerVerdict,
  stepTitle,
} from './switch-path-view.ts';

describe('switch-path view', () => {
  it('maps the choices to scenarios and entries', () => {
    expect(entryFor('path', 'thread', 'block')).toEqual({
      scenario: 'context-switches-threads',
      kind: 'timer',
      nth: 3,
    });
    expect(entryFor('syscall', 'process', 'block')).toEqual({
      scenario: 'context-switches-syscall',
      kind: 'block',
      nth: 1,
    });
  });

  it('the stacks island always shows two processes, even when the stored choice says threads', () => {
    const p = pathFor('stacks', 'xv6', 'thread', 'syscall');
    expect(p.ok && p.value.switchKind).toBe('process');
  });

  it('passes the model’s refusal on as an error value', () => {
    expect(pathFor('path', 'xv6', 'thread', 'syscall')).toEqual({
      ok: false,
      error: expect.stringContaining('xv6 has no threads'),
    });
  });

  it('formats registers, titles and the scheduler verdict', () => {
    expect(regCells({ pc: 3, sp: 519, r: [0, 2, 1, 0] })).toEqual(['3', '519', '0', '2', '1', '0']);
    const p = pathFor('syscall', 'linux', 'process', 'syscall');
    if (!p.ok) throw new Error(p.error);
    // Linux getpid: user, entry_SYSCALL_64, sys_getpid, sysretq: four steps, none in the scheduler.
    expect(stepTitle(0, p.value)).toBe('Step 1 of 4: getpid() in glibc');
    expect(clampStep(99, p.value)).toBe(3);
    expect(clampStep(-2, p.value)).toBe(0);
    expect(schedulerVerdict(p.value)).toMatch(/^The scheduler is never entered/);
    const b = pathFor('syscall', 'xv6', 'process', 'block');
    if (!b.ok) throw new Error(b.error);
    // xv6 blocking read: read, uservec, piperead, sched→swtch, scheduler, swtch→forkret,
    // usertrapret, userret (no yield: sleep calls sched itself); three are scheduler code.
    expect(schedulerVerdict(b.value)).toBe(
      'The scheduler runs in 3 of the 8 steps and another task comes back to user mode: a context switch.',
    );
  });
});
