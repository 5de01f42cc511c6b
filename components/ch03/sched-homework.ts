// OSTEP's scheduler.py homework in the page: the reader's flags read by the port
// (src/os-model/ostep/scheduler.ts), the jobs it lists, predictions checked against its solution,
// and the exact `-c` output from its formatter (scheduler-text.ts). Pure: tested in
// sched-homework.test.ts.
import {
  parseScheduler,
  solveScheduler,
  type JobStat,
  type Slice,
} from '../../src/os-model/ostep/scheduler.ts';
import { schedulerMain } from '../../src/os-model/ostep/scheduler-text.ts';
import { collect } from '../../src/os-model/ostep/output.ts';

export type Homework =
  | {
      ok: true;
      argv: string[];
      policy: string;
      lengths: number[];
      /** null when scheduler.py has no solution to print (an unknown policy, no jobs …) */
      stats: JobStat[] | null;
      slices: Slice[];
      /** `scheduler.py <flags> -c`, exactly */
      answer: string;
    }
  | { ok: false; argv: string[]; problem: string; said: string };

/** Splits flags as a shell would for these simple values (no quotes needed). Never fails. */
export function argvOf(flags: string): string[] {
  return flags.trim() === '' ? [] : flags.trim().split(/\s+/);
}

/** Reads the flags with the port. Precondition: none. Never fails; a bad flag is a value. */
export function homeworkOf(flags: string): Homework {
  const argv = argvOf(flags).filter((a) => a !== '-c' && a !== '--compute');
  const cmd = parseScheduler(argv);
  if (cmd.kind === 'help') {
    const out = collect(schedulerMain(argv));
    return {
      ok: false,
      argv,
      problem: 'That asks for the help text, not a homework.',
      said: out.stdout,
    };
  }
  if (cmd.kind === 'error') {
    const out = collect(schedulerMain(argv));
    const e = cmd.error;
    const problem =
      e.kind === 'usage'
        ? `scheduler.py refuses these flags: ${e.message}.`
        : `The flag -l holds “${e.token}”, which is not a number: each job length in -l must be a number, separated by commas.`;
    return { ok: false, argv, problem, said: (out.stdout + out.stderr).trimEnd() };
  }
  const setup = cmd.setup;
  const sol = solveScheduler({ ...setup, solve: true });
  const answer = collect(schedulerMain([...argv, '-c']));
  if (sol.kind !== 'solved') {
    const problem =
      sol.kind === 'unknown-policy'
        ? `The flag -p holds “${sol.token}”: scheduler.py knows FIFO, SJF and RR.`
        : sol.kind === 'bad-quantum'
          ? `The flag -q holds “${sol.token}”: round robin needs a quantum of at least 1.`
          : sol.kind === 'no-jobs'
            ? 'There are no jobs: give -j 1 or more, or lengths with -l.'
            : 'Round robin would take too many turns to print: shorten the jobs or lengthen -q.';
    return { ok: false, argv, problem, said: (answer.stdout + answer.stderr).trimEnd() };
  }
  const stats = [...sol.stats].sort((a, b) => a.id - b.id);
  return {
    ok: true,
    argv,
    policy: setup.policy,
    lengths: setup.lengths,
    stats,
    slices: sol.slices,
    answer: answer.stdout,
  };
}

/** The command line a reader would type. Never fails. */
export function commandLine(argv: string[], solve = false): string {
  return ['./scheduler.py', ...argv, ...(solve ? ['-c'] : [])].join(' ');
}

export type Guess = { response: string; turnaround: string; wait: string };

/**
 * Checks a job's predicted figures against the solution, to 0.01 (scheduler.py prints two
 * decimals). Never fails. Precondition: none.
 */
export function checkGuess(g: Guess, s: JobStat): { right: boolean; text: string } {
  const want: [keyof Guess, number][] = [
    ['response', s.response],
    ['turnaround', s.turnaround],
    ['wait', s.wait],
  ];
  const wrong: string[] = [];
  for (const [k, v] of want) {
    const n = Number(g[k].trim().replace(',', '.'));
    if (g[k].trim() === '' || !Number.isFinite(n) || Math.abs(n - v) > 0.005)
      wrong.push(`${k} is ${v.toFixed(2)}`);
  }
  return wrong.length === 0
    ? { right: true, text: `Right: job ${s.id}'s response, turnaround and wait are all correct.` }
    : { right: false, text: `Not quite: job ${s.id}'s ${wrong.join(', ')}.` };
}

/** The slices as Gantt segments, in seconds. Never fails. */
export function segmentsOf(slices: Slice[]): { job: number; start: number; end: number }[] {
  return slices.map((s) => ({ job: s.job, start: s.start, end: s.start + s.ran }));
}
