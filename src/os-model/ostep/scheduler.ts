// OSTEP cpu-sched/scheduler.py on this kernel, as data: the command line read into a setup (or an
// error naming the bad token), and the solution as turns, per-job figures and averages;
// scheduler-text.ts prints them byte for byte as the original does (../shared/ostep-spec.md §3).
// The kernel's own FIFO, SJF and RR policies decide which job runs when: each job becomes a
// kernel program and one kernel tick stands for one scheduling decision (a whole job under
// FIFO/SJF, one quantum under RR). The adapter then turns that order into seconds with the same
// float arithmetic as the original.
//
// Divergences (spec verdict D): RR with -q < 1 (which loops forever in the original), a bad -l
// value (ValueError), zero jobs with -c (ZeroDivisionError) and an infinite or NaN start time
// ('%3d' raises) print one line on stderr and exit 1, after the stdout the original printed
// before its traceback. SJF over NaN lengths does not reproduce CPython's sort order. -h prints
// optparse's help as laid out for 80 columns.
import type { SchedKind } from '../kernel/types.ts';
import { createMachine, isFinished } from '../kernel/machine.ts';
import { jobProgram, makeProgram } from '../kernel/program.ts';
import { PyRandom } from './mt19937.ts';
import { pyFloat } from './pyfmt.ts';
import { parseArgs, type OptSpec } from './optparse.ts';
import { BatchMachine } from './batch.ts';

const SCHEDULER_OPTIONS: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: 0, big: true },
  { short: '-j', long: '--jobs', dest: 'jobs', kind: 'int', default: 3 },
  { short: '-l', long: '--jlist', dest: 'jlist', kind: 'string', default: '' },
  { short: '-m', long: '--maxlen', dest: 'maxlen', kind: 'int', default: 10 },
  { short: '-p', long: '--policy', dest: 'policy', kind: 'string', default: 'FIFO' },
  { short: '-q', long: '--quantum', dest: 'quantum', kind: 'int', default: 1 },
  { short: '-c', long: '', dest: 'solve', kind: 'flag', default: false },
];

/** Most kernel ticks the adapter will simulate (RR with tiny quanta and huge jobs). */
export const MAX_SLICES = 2_000_000;

/**
 * Number of RR turns a job of length r takes with quantum q, with the original's float loop.
 * Infinity when it would exceed MAX_SLICES.
 */
export function rrTurns(r: number, q: number): number {
  if (r / q > MAX_SLICES) return Infinity; // also inf: the original would loop for ever
  let n = 1;
  for (let rem = r; rem > q; rem -= q) n++;
  return n;
}

/**
 * Runs the jobs on a one-CPU kernel under `kind` and returns the job id (0-based) that ran in
 * each tick. `ticks[j]` is job j's program length in ticks. Never fails.
 */
function kernelOrder(ticks: number[], kind: SchedKind): number[] {
  const programs = ticks.map((n, j) =>
    n > 0 ? jobProgram(`job${j}`, n) : makeProgram(`job${j}`, ['int main(void) { return 0; }'], []),
  );
  const batch = new BatchMachine(
    createMachine({ ncpu: 1, init: false, sched: { kind, quantum: 1 } }, 0, programs),
  );
  for (const p of programs) batch.act({ type: 'spawn', program: p.name });
  const order: number[] = [];
  while (!isFinished(batch.machine)) {
    batch.act({ type: 'tick' });
    const ran = batch.machine.cpus[0].ranTid;
    if (ran > 0) order.push(ran - 1);
  }
  return order;
}

/** One turn of a job on the CPU: FIFO and SJF run each job once, RR one quantum at a time. */
export type Slice = {
  /** start time in seconds */
  start: number;
  job: number;
  /** seconds run in this turn */
  ran: number;
  /** the job finished in this turn, at start + ran */
  done: boolean;
};

/** A job's figures in seconds (spec §3.2). */
export type JobStat = { id: number; response: number; turnaround: number; wait: number };

/** The solution scheduler.py prints with -c, or why it has none. */
export type SchedSolution =
  /** a policy other than FIFO, SJF, RR (the original says so, exit code 0) */
  | { kind: 'unknown-policy'; flag: '-p'; token: string }
  /** no jobs: the original divides by zero computing the averages */
  | { kind: 'no-jobs' }
  /** RR with a quantum below 1, on which the original loops for ever */
  | { kind: 'bad-quantum'; flag: '-q'; token: string }
  /** RR turns beyond {@link MAX_SLICES} */
  | { kind: 'too-long' }
  | {
      kind: 'solved';
      /** every turn, in time order */
      slices: Slice[];
      /** FIFO and SJF: in run order; RR: in job order */
      stats: JobStat[];
      average: { response: number; turnaround: number; wait: number };
    };

/** A command line scheduler.py accepts. */
export type SchedSetup = {
  /** -p as given */
  policy: string;
  /** -l as given ('' for random jobs) */
  jlist: string;
  /** -j: the number of random jobs */
  jobs: number;
  /** -m: the longest random job */
  maxlen: number;
  /** -s */
  seed: number | bigint;
  /** -q */
  quantum: number;
  /** -c */
  solve: boolean;
  /** each job's length in seconds */
  lengths: number[];
};

/** Why scheduler.py refuses a command line. */
export type SchedError =
  /** optparse refused it; exit code 2 */
  | { kind: 'usage'; message: string }
  /** an -l value float() refuses; the original has printed its ARG lines first */
  | { kind: 'bad-length'; flag: '-l'; token: string; policy: string; jlist: string };

export type SchedCommand =
  { kind: 'help' } | { kind: 'error'; error: SchedError } | { kind: 'run'; setup: SchedSetup };

/** `scheduler.py <argv>` read as the original reads it (spec §3.1). Never throws. */
export function parseScheduler(argv: readonly string[]): SchedCommand {
  const parsed = parseArgs(argv, SCHEDULER_OPTIONS);
  if (!parsed.ok) return { kind: 'error', error: { kind: 'usage', message: parsed.error } };
  if (parsed.help) return { kind: 'help' };
  const o = parsed.opts;
  const policy = o.policy as string;
  const jlist = o.jlist as string;
  const lengths: number[] = [];
  if (jlist === '') {
    const rng = new PyRandom(o.seed as number | bigint);
    for (let j = 0; j < (o.jobs as number); j++)
      lengths.push(Math.trunc((o.maxlen as number) * rng.random()) + 1);
  } else {
    for (const token of jlist.split(',')) {
      const v = pyFloat(token);
      if (v === null)
        return { kind: 'error', error: { kind: 'bad-length', flag: '-l', token, policy, jlist } };
      lengths.push(v);
    }
  }
  return {
    kind: 'run',
    setup: {
      policy,
      jlist,
      jobs: o.jobs as number,
      maxlen: o.maxlen as number,
      seed: o.seed as number | bigint,
      quantum: o.quantum as number,
      solve: o.solve as boolean,
      lengths,
    },
  };
}

function withAverage(slices: Slice[], stats: JobStat[]): SchedSolution {
  let response = 0;
  let turnaround = 0;
  let wait = 0;
  for (const s of stats) {
    response += s.response;
    turnaround += s.turnaround;
    wait += s.wait;
  }
  const n = stats.length;
  return {
    kind: 'solved',
    slices,
    stats,
    average: { response: response / n, turnaround: turnaround / n, wait: wait / n },
  };
}

/** FIFO and SJF: the kernel's order of jobs, each run to completion (spec §3.2). */
function runToCompletion(lens: number[], kind: 'fifo' | 'sjf'): SchedSolution {
  // SJF's kernel lengths are the ranks of the real lengths, so the kernel sorts exactly as the
  // original's stable sort does; FIFO jobs are one tick each.
  const distinct = [...new Set(lens)].sort((a, b) => a - b);
  const ticks = lens.map((l) => (kind === 'sjf' ? distinct.indexOf(l) + 1 : 1));
  const order: number[] = [];
  for (const j of kernelOrder(ticks, kind)) if (order[order.length - 1] !== j) order.push(j);
  let now = 0;
  const slices: Slice[] = [];
  const stats: JobStat[] = [];
  for (const job of order) {
    const r = lens[job];
    slices.push({ start: now, job, ran: r, done: true });
    stats.push({ id: job, response: now, turnaround: now + r, wait: now });
    now += r;
  }
  return withAverage(slices, stats);
}

/** RR: the kernel's round robin with a one-tick quantum, one tick per turn (spec §3.2). */
function roundRobin(lens: number[], q: number): SchedSolution {
  const turns = lens.map((r) => rrTurns(r, q));
  if (turns.reduce((a, b) => a + b, 0) > MAX_SLICES) return { kind: 'too-long' };
  const rem = lens.slice();
  const lastRan = lens.map(() => 0);
  const wait = lens.map(() => 0);
  const response: (number | null)[] = lens.map(() => null);
  const turnaround = lens.map(() => 0);
  let now = 0;
  const slices: Slice[] = [];
  for (const job of kernelOrder(turns, 'rr')) {
    if (response[job] === null) response[job] = now;
    wait[job] += now - lastRan[job];
    const done = !(rem[job] > q);
    const ran = done ? rem[job] : q;
    if (done) turnaround[job] = now + ran;
    else rem[job] -= q;
    slices.push({ start: now, job, ran, done });
    now += ran;
    lastRan[job] = now;
  }
  const stats = lens.map((_, id) => ({
    id,
    response: response[id] ?? 0,
    turnaround: turnaround[id],
    wait: wait[id],
  }));
  return withAverage(slices, stats);
}

/** The solution of an accepted command line (what -c prints). Never throws. */
export function solveScheduler(setup: SchedSetup): SchedSolution {
  const { policy, lengths } = setup;
  if (policy !== 'FIFO' && policy !== 'SJF' && policy !== 'RR')
    return { kind: 'unknown-policy', flag: '-p', token: policy };
  if (lengths.length === 0) return { kind: 'no-jobs' };
  if (policy === 'RR') {
    const q = setup.quantum;
    if (q < 1) return { kind: 'bad-quantum', flag: '-q', token: String(q) };
    return roundRobin(lengths, q);
  }
  return runToCompletion(lengths, policy === 'FIFO' ? 'fifo' : 'sjf');
}
