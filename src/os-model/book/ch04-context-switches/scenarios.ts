// Scenarios of chapter 4, Context switches. Built only on the public kernel API with the helpers
// of book/kit.ts; the book's registry (book/registry.ts) lists them.
import { apply, machine, single, type Scenario } from '../kit.ts';

export const SCENARIOS: Record<string, Scenario> = {
  // init (PID 1) waits; two copies of the counting loop (PID 2 and PID 3) share one CPU, round
  // robin with three-tick slices, so the timer ends PID 2's slice while its loop is half done.
  'context-switches': {
    title: 'Two processes, one CPU',
    description:
      'Two processes run the same counting loop on one CPU; the timer interrupt ends each three-tick slice and the scheduler switches to the other process.',
    build: (seed, o) =>
      apply(machine(o, seed, 'rr', 3), [
        { type: 'spawn', program: 'cs-count' },
        { type: 'spawn', program: 'cs-count' },
      ]),
  },
  // The same loop in two threads of one process (PID 2: threads 2 and 3).
  'context-switches-threads': {
    title: 'Two threads, one CPU',
    description:
      'Two threads of one process run the counting loop on one CPU; a switch between them keeps the address space.',
    build: single('cs-threads', 'rr', 3),
  },
  // getpid returns at once; read on the empty pipe blocks and the scheduler runs the child.
  'context-switches-syscall': {
    title: 'A system call, then a blocking read',
    description:
      'A process makes a system call that returns at once, then reads from an empty pipe, which blocks it: only the second enters the scheduler.',
    build: single('cs-syscall', 'rr', 10),
  },
};
