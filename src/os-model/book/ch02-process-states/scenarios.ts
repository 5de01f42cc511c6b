// Scenarios of chapter 2, "Process states": a workload for the reader to schedule by hand ("be the
// OS") and a machine whose `ps` listing shows every common state letter. Built only on the
// public kernel API; the book's registry (book/registry.ts) lists them.
import type { Instr, Machine, SchedConfig } from '../../kernel/types.ts';
import { createMachine } from '../../kernel/machine.ts';
import { makeProgram } from '../../kernel/program.ts';
import { randomInt } from '../../kernel/rng.ts';
import { apply, machine, num, policy, type Options, type Scenario } from '../kit.ts';

/**
 * OSTEP process-run's two switch rules and two I/O-completion rules as scenario options
 * (`switchOn`: 'io' | 'end', `ioDone`: 'later' | 'immediate'). Precondition: none. Failure:
 * throws an Error naming the option when a value is not one of its two words.
 */
function ostepRules(o: Options): Pick<SchedConfig, 'switchOn' | 'ioDone'> {
  const switchOn = o.switchOn ?? 'io';
  const ioDone = o.ioDone ?? 'later';
  if (switchOn !== 'io' && switchOn !== 'end')
    throw new Error('option switchOn must be "io" or "end"');
  if (ioDone !== 'later' && ioDone !== 'immediate')
    throw new Error('option ioDone must be "later" or "immediate"');
  return { switchOn, ioDone };
}

// The chapter's "be the OS" workload: a process that reads the disk twice and one that only
// computes. No init, so that under the manual scheduler no reaping waits for a dispatch. It runs
// under OSTEP's process-run rules by default; the chapter passes policy 'manual' to let the reader
// schedule it, and compare.ts runs it under the simple policies.
const READER = makeProgram(
  'reader',
  [
    'int main(void) {',
    '  work(1);',
    '  read(disk_fd, buf, 4096);  // blocks until the disk answers',
    '  work(1);',
    '  read(disk_fd, buf, 4096);',
    '  work(1);',
    '  return 0;',
    '}',
  ],
  [
    { op: 'compute', n: 1, line: 2 },
    { op: 'io', dev: 'disk', line: 3 },
    { op: 'compute', n: 1, line: 4 },
    { op: 'io', dev: 'disk', line: 5 },
    { op: 'compute', n: 1, line: 6 },
  ],
);
const CRUNCHER = makeProgram(
  'cruncher',
  ['int main(void) {', '  work(8);                    // pure computation', '  return 0;', '}'],
  [{ op: 'compute', n: 8, line: 2 }],
);

/** Disk latency of the io-mix workload, in ticks. */
export const IO_MIX_LATENCY = 4;

/** The io-mix machine under any policy (the chapter compares them on it). */
function ioMix(seed: number, o: Options): Machine {
  const m = createMachine(
    {
      ncpu: 1,
      init: false,
      latency: { disk: num(o, 'latency', IO_MIX_LATENCY, 0, 50) },
      sched: {
        kind: policy(o, 'ostep'),
        quantum: num(o, 'quantum', 2, 1, 1000),
        ...ostepRules(o),
      },
    },
    seed,
    [READER, CRUNCHER],
  );
  return apply(m, [
    { type: 'spawn', program: 'reader' },
    { type: 'spawn', program: 'cruncher' },
  ]);
}

// A parent with three children in three different states, for the `ps` view: one child exits
// at once and stays a zombie while the parent sleeps; one waits for the disk (D); one computes.
const PS_DEMO_CODE: Instr[] = [
  { op: 'fork', line: 2 },
  { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 3, line: 2 },
  { op: 'exit', status: 42, line: 3 },
  { op: 'fork', line: 4 },
  { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 7, line: 4 },
  { op: 'io', dev: 'disk', line: 5 },
  { op: 'exit', status: 0, line: 6 },
  { op: 'fork', line: 8 },
  { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 11, line: 8 },
  { op: 'compute', n: 16, line: 9 },
  { op: 'exit', status: 0, line: 10 },
  { op: 'sleep', ticks: 14, line: 12 },
  { op: 'wait', line: 13 },
  { op: 'br', reg: 'r0', cmp: 'gt', v: 0, to: 12, line: 13 },
  { op: 'exit', status: 0, line: 15 },
];
const PS_DEMO = makeProgram(
  'ps-demo',
  [
    'int main(void) {',
    '  if (fork() == 0)',
    '    _exit(42);                  // child 1 ends at once',
    '  if (fork() == 0) {',
    '    read(disk_fd, buf, 4096);   // child 2 waits for the disk',
    '    _exit(0);',
    '  }',
    '  if (fork() == 0) {',
    '    work(16);                   // child 3 computes',
    '    _exit(0);',
    '  }',
    '  sleep(14);                    // the parent sleeps, reaping nobody',
    '  while (wait(NULL) > 0)        // then reaps its children',
    '    ;',
    '  return 0;',
    '}',
  ],
  PS_DEMO_CODE,
);

/** Disk latency of the `ps` scenario, in ticks: long enough to see the D state for a while. */
export const PS_DISK_LATENCY = 10;

export const SCENARIOS: Record<string, Scenario> = {
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
  'io-mix': {
    title: 'A disk reader and a cruncher',
    description:
      'A process that reads the disk twice and one that only computes share one CPU. With the manual policy nothing runs until you dispatch a ready process: keep the CPU busy while the disk works.',
    build: ioMix,
  },
  'ps-states': {
    title: 'What ps shows',
    description:
      'A parent forks three children: one exits at once and stays a zombie, one waits for the disk, one computes, while the parent sleeps. Then the parent reaps them all.',
    build: (seed, o) => {
      const m = createMachine(
        {
          ncpu: num(o, 'ncpu', 1, 1, 8),
          latency: { disk: PS_DISK_LATENCY },
          sched: { kind: policy(o, 'rr'), quantum: num(o, 'quantum', 2, 1, 1000) },
        },
        seed,
        [PS_DEMO],
      );
      return apply(m, [{ type: 'spawn', program: 'ps-demo' }]);
    },
  },
};
