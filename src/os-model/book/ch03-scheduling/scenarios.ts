// Scenarios of chapter 3 (scheduling): jobs of known length to compare the policies on, and the
// same jobs with the reader as the scheduler. Listed in the book's registry (book/registry.ts).
import type { Action } from '../../kernel/types.ts';
import { jobProgram } from '../../kernel/program.ts';
import { apply, machine, type Scenario } from '../kit.ts';

export const SCENARIOS: Record<string, Scenario> = {
  'sched-jobs': {
    title: 'Scheduling three jobs',
    description:
      'Jobs A, B and C arrive together and need 8, 4 and 2 ticks of CPU; compare the policies.',
    build: (seed, o) => {
      const lens = Array.isArray(o.jobs) ? o.jobs : [8, 4, 2];
      if (
        lens.length < 1 ||
        lens.length > 26 ||
        !lens.every((x) => Number.isInteger(x) && x >= 1 && x <= 1000)
      )
        throw new Error('option jobs must be 1 to 26 whole numbers from 1 to 1000');
      const progs = lens.map((n, i) =>
        jobProgram(`job-${String.fromCharCode(65 + i)}`, n as number),
      );
      const m = machine(o, seed, 'fifo', 2, progs, false);
      return apply(
        m,
        progs.map((p): Action => ({ type: 'spawn', program: p.name })),
      );
    },
  },
  'be-the-scheduler': {
    title: 'Be the scheduler',
    description:
      'Three jobs wait on one CPU and nothing runs until you dispatch one: you are the scheduler.',
    build: (seed, o) => SCENARIOS['sched-jobs'].build(seed, { ...o, policy: 'manual' }),
  },
};
