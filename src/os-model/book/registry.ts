// Named, seeded scenarios. Each is built only on the public API (createMachine + step), the way
// xv6's user/sh.c is only a client of the kernel.
import type { Action, Instr, Machine, Result } from '../kernel/types.ts';
import { jobProgram, makeProgram } from '../kernel/program.ts';
import { randomInt } from '../kernel/rng.ts';
import { apply, machine, num, single, type Options, type Scenario } from './kit.ts';
import { STATES_SCENARIOS } from './ch02-process-states/scenarios.ts';
import { LIFECYCLE_SCENARIOS } from './ch05-fork-exec-wait/scenarios.ts';
import { DB_SCENARIOS } from './ch07-process-per-connection/scenarios.ts';

export type { Options, Scenario } from './kit.ts';

export const SCENARIOS: Record<string, Scenario> = {
  'fork-basics': {
    title: 'fork() basics',
    description:
      'A process prints hello, forks, and parent and child each print who they are (OSTEP p1.c).',
    build: single('fork-basics'),
  },
  'fork-exec-wait': {
    title: 'fork, exec and wait',
    description:
      'The child replaces itself with wc; the parent waits for it, then prints (OSTEP p3.c).',
    build: single('fork-exec-wait'),
  },
  'fork-loop': {
    title: 'fork() in a loop',
    description:
      'A process calls fork() n times in a loop; parent and child both go on looping, so n forks make 2ⁿ processes, and each prints hello once.',
    build: (seed, o) => {
      const n = num(o, 'forks', 2, 0, 6);
      const m = machine(o, seed, 'rr', 3);
      return apply(m, [{ type: 'spawn', program: 'fork-loop', args: [0, n] }]);
    },
  },
  'zombie-orphan': {
    title: 'Zombies and orphans',
    description:
      'A child exits while its parent is busy and stays a zombie until the parent waits; then the parent exits first and init adopts its second child.',
    build: single('zombie-orphan'),
  },
  'cow-fork': {
    title: 'Copy-on-write after fork',
    description:
      'Parent and child share pages after fork; the first write to a shared page copies it.',
    build: single('cow-fork'),
  },
  'shared-offset': {
    title: 'A shared file offset',
    description:
      'Parent and child write to one file through the same open file, so the second write lands after the first.',
    build: single('shared-offset'),
  },
  pipe: {
    title: 'A pipe between two processes',
    description:
      'The parent writes into a pipe and the child reads from it; a reader of an empty pipe blocks.',
    build: single('pipe'),
  },
  'thread-race': {
    title: 'A data race',
    description:
      'Two threads each add 1 to a shared counter three times; a time slice can fall between load and store and lose an update.',
    build: single('thread-race', 'rr', 2),
  },
  'thread-mutex': {
    title: 'The race fixed with a mutex',
    description: 'The same two threads take a mutex around the update, so no update is lost.',
    build: single('thread-mutex', 'rr', 2),
  },
  postgres: {
    title: 'A Postgres-style postmaster',
    description:
      'The postmaster sleeps in accept(); each client connection makes it fork a backend process that serves the client and exits. Use the connect action to add clients.',
    build: (seed, o) => {
      const n = num(o, 'connections', 2, 0, 500);
      const m = machine({ ncpu: 2, ...o }, seed, 'rr', 4);
      return apply(m, [
        { type: 'spawn', program: 'postmaster' },
        ...Array.from({ length: n }, (): Action => ({ type: 'connect' })),
      ]);
    },
  },
  'prefork-pool': {
    title: 'A pre-forked worker pool',
    description:
      'A master forks three workers up front; idle workers sleep in accept() and each connection wakes one.',
    build: (seed, o) => {
      const n = num(o, 'connections', 4, 0, 500);
      const m = machine({ ncpu: 2, ...o }, seed, 'rr', 4);
      return apply(m, [
        { type: 'spawn', program: 'prefork' },
        ...Array.from({ length: n }, (): Action => ({ type: 'connect' })),
      ]);
    },
  },
  'process-states': {
    title: 'Process states',
    description:
      'Three processes share one CPU: one computes, one mostly waits for the disk, and one is a random mix chosen by the seed. Watch each move between ready, running and blocked.',
    build: (seed, o) => {
      const holder = { rng: (seed * 2654435761) >>> 0 };
      const code: Instr[] = [];
      for (let i = 0; i < 4; i++)
        code.push(
          randomInt(holder, 2) === 0
            ? { op: 'compute', n: 1 + randomInt(holder, 3), line: 2 }
            : { op: 'io', dev: 'disk', line: 3 },
        );
      const mixed = makeProgram(
        'mixed',
        [
          'int main(void) {',
          '  work(n);          // some CPU',
          '  read(fd, buf, n);  // some disk I/O',
          '  return 0;',
          '}',
        ],
        code,
      );
      const m = machine(o, seed, 'rr', 2, [mixed]);
      return apply(m, [
        { type: 'spawn', program: 'cpu-bound' },
        { type: 'spawn', program: 'io-bound' },
        { type: 'spawn', program: 'mixed' },
      ]);
    },
  },
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
  ...STATES_SCENARIOS,
  ...LIFECYCLE_SCENARIOS,
  ...DB_SCENARIOS,
};

/**
 * The named scenario's starting machine. Precondition: none. Failure: an error value for an
 * unknown name or bad options (never throws).
 */
export function loadScenario(name: string, seed = 0, options: Options = {}): Result<Machine> {
  if (!Object.hasOwn(SCENARIOS, name))
    return { ok: false, error: `There is no scenario called ${JSON.stringify(name)}.` };
  if (!Number.isFinite(seed)) return { ok: false, error: 'The seed must be a number.' };
  try {
    return { ok: true, value: SCENARIOS[name].build(seed, options ?? {}) };
  } catch (e) {
    return { ok: false, error: `Scenario ${name}: ${e instanceof Error ? e.message : String(e)}.` };
  }
}
