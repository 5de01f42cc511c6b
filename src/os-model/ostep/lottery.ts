// OSTEP cpu-sched-lottery/lottery.py on this kernel, as data: the command line read into a setup
// (or an error naming the flag and token at fault), the random numbers of the homework, and the
// solution as rounds (../shared/ostep-spec-2.md §2). lottery-text.ts prints them byte for byte.
//
// The kernel's lottery policy (kernel/policy/lottery.ts) decides every round. Each job becomes a
// kernel program of as many one-tick instructions as it needs rounds (a round runs the winner
// for one quantum), with its tickets in config.sched.params.tickets; before each kernel tick the
// adapter sets the round's number, drawn from CPython's generator as lottery.py draws it, as the
// policy's `ticket`. The policy takes it modulo the ticket total of the ready jobs and walks them
// in job order, as lottery.py walks its list, and the adapter reads the winner off the CPU.
// Time left and the clock are lottery.py's own accounting of each round (a job that finishes
// early still uses its whole quantum).
//
// A round that lottery.py gives to a job that has already finished (possible only with a
// negative ticket total: its walk counts finished jobs, at 0 tickets, and a winning ticket below
// 0 can fall on them; a round nobody wins goes to the previous winner, finished or not) runs
// nothing on the kernel; the adapter prints it with lottery.py's accounting, which marks the job
// done once more.
//
// Divergences (spec verdict D), each printed as what the original printed before that point,
// one line on stderr and exit 1: random jobs with -m or -T of -1, 0 or 1 (the original draws
// for ever); an -l item that is not `run:tickets` of two integers, a ticket total of 0 and a
// first round nobody wins (the original crashes). Integers in -l beyond 2^53 are refused.
import { createMachine } from '../kernel/machine.ts';
import { jobProgram } from '../kernel/program.ts';
import type { Machine } from '../kernel/types.ts';
import { get } from '../kernel/table.ts';
import { BatchMachine } from './batch.ts';
import { PyRandom } from './mt19937.ts';
import { parseArgs, type OptSpec } from './optparse.ts';
import { pyInt } from './pyfmt.ts';

const LOTTERY_OPTIONS: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: 0, big: true },
  { short: '-j', long: '--jobs', dest: 'jobs', kind: 'int', default: 3 },
  { short: '-l', long: '--jlist', dest: 'jlist', kind: 'string', default: '' },
  { short: '-m', long: '--maxlen', dest: 'maxlen', kind: 'int', default: 10 },
  { short: '-T', long: '--maxticket', dest: 'maxticket', kind: 'int', default: 100 },
  { short: '-q', long: '--quantum', dest: 'quantum', kind: 'int', default: 1 },
  { short: '-c', long: '--compute', dest: 'solve', kind: 'flag', default: false },
];

/** A job as lottery.py lists it. */
export type LotteryJob = { id: number; length: number; tickets: number };

/** The options lottery.py echoes as ARG lines (spec §2.2), as converted. */
export type LotteryArgs = {
  jlist: string;
  jobs: number;
  maxlen: number;
  maxticket: number;
  quantum: number;
  seed: number | bigint;
};

/** A command line lottery.py accepts. */
export type LotterySetup = {
  args: LotteryArgs;
  /** -c */
  solve: boolean;
  jobs: LotteryJob[];
  /** the sum of the run times: the most rounds (and random numbers) there can be */
  runTotal: number;
  /** the sum of the tickets */
  tickTotal: number;
  /** the generator after the jobs were drawn; the rounds continue it */
  rng: PyRandom;
};

/** Why lottery.py refuses a command line, or stops before listing its jobs. */
export type LotteryError =
  /** optparse refused it; exit code 2 */
  | { kind: 'usage'; message: string }
  /** an -l item the original cannot read (it crashes after the job-list heading) */
  | { kind: 'bad-job'; flag: '-l'; token: string; args: LotteryArgs }
  /** -m or -T of -1, 0 or 1 with random jobs: every draw is 0 and the original draws for ever */
  | { kind: 'no-random-job'; flag: '-m' | '-T'; token: string; args: LotteryArgs };

export type LotteryCommand =
  { kind: 'help' } | { kind: 'error'; error: LotteryError } | { kind: 'run'; setup: LotterySetup };

/** lottery.py's `int(random() * 1000001)`: the number of one round. */
const drawNumber = (rng: PyRandom): number => Math.trunc(rng.random() * 1000001);

/** `lottery.py <argv>` read as the original reads it (spec §2.1, §2.2). Never throws. */
export function parseLottery(argv: readonly string[]): LotteryCommand {
  const parsed = parseArgs(argv, LOTTERY_OPTIONS);
  if (!parsed.ok) return { kind: 'error', error: { kind: 'usage', message: parsed.error } };
  if (parsed.help) return { kind: 'help' };
  const o = parsed.opts;
  const args: LotteryArgs = {
    jlist: o.jlist as string,
    jobs: o.jobs as number,
    maxlen: o.maxlen as number,
    maxticket: o.maxticket as number,
    quantum: o.quantum as number,
    seed: o.seed as number | bigint,
  };
  const rng = new PyRandom(args.seed);
  const jobs: LotteryJob[] = [];
  if (args.jlist === '') {
    for (let id = 0; id < args.jobs; id++) {
      // int(x * random()) is 0 for every draw when |x| <= 1
      if (Math.abs(args.maxlen) <= 1)
        return {
          kind: 'error',
          error: { kind: 'no-random-job', flag: '-m', token: String(args.maxlen), args },
        };
      let length = 0;
      while (length === 0) length = Math.trunc(args.maxlen * rng.random());
      if (Math.abs(args.maxticket) <= 1)
        return {
          kind: 'error',
          error: { kind: 'no-random-job', flag: '-T', token: String(args.maxticket), args },
        };
      let tickets = 0;
      while (tickets === 0) tickets = Math.trunc(args.maxticket * rng.random());
      jobs.push({ id, length, tickets });
    }
  } else {
    for (const token of args.jlist.split(',')) {
      const parts = token.split(':');
      const length = parts.length === 2 ? pyInt(parts[0]) : null;
      const tickets = parts.length === 2 ? pyInt(parts[1]) : null;
      if (length === null || tickets === null)
        return { kind: 'error', error: { kind: 'bad-job', flag: '-l', token, args } };
      jobs.push({ id: jobs.length, length, tickets });
    }
  }
  let runTotal = 0;
  let tickTotal = 0;
  for (const j of jobs) {
    runTotal += j.length;
    tickTotal += j.tickets;
  }
  return {
    kind: 'run',
    setup: { args, solve: o.solve as boolean, jobs, runTotal, tickTotal, rng },
  };
}

/**
 * The random numbers lottery.py prints without -c: one per unit of run time (spec §2.3).
 * Precondition: `setup.rng` is where parseLottery left it. Never throws.
 */
export function* homeworkNumbers(setup: LotterySetup): Generator<number, void, void> {
  for (let i = 0; i < setup.runTotal; i++) yield drawNumber(setup.rng);
}

/** A job as a round shows it, before the round's accounting. */
export type JobView = { id: number; left: number; tickets: number };

/** One round of the solution (spec §2.4). */
export type Round = {
  /** the random number drawn */
  r: number;
  /** r modulo the ticket total (Python's floor modulo) */
  ticket: number;
  /** the ticket total of the jobs not yet finished */
  total: number;
  /** the job that runs */
  winner: number;
  /** every job before the accounting, in id order */
  jobs: JobView[];
  /** the clock when the winner finished in this round, or null */
  done: number | null;
};

/** How the rounds ended. */
export type LotteryEnd =
  /** every job finished: lottery.py prints a blank line */
  | { kind: 'finished' }
  /** runTotal rounds ran before every job finished (quantum ≤ 0, or lengths or tickets ≤ 0) */
  | { kind: 'out-of-rounds' }
  /** the original crashes here (see the header); with our sentence */
  | { kind: 'stopped'; message: string };

/** Rounds one job needs before lottery.py marks it done; Infinity when it never is. */
function roundsNeeded(length: number, q: number): number {
  if (q > 0) return length <= 0 ? 1 : Math.ceil(length / q);
  return length <= q ? 1 : Infinity;
}

/** Python's `a % n` for integers (floor modulo). Precondition: n ≠ 0. */
function floorMod(a: number, n: number): number {
  const r = a % n;
  return r !== 0 && r < 0 !== n < 0 ? r + n : r === 0 ? 0 : r;
}

/** The machine with `ticket` as the number of its next draw (config is replaced, not changed). */
function setTicket(m: Machine, ticket: number): void {
  const sched = m.config.sched;
  m.config = { ...m.config, sched: { ...sched, params: { ...sched.params, ticket } } };
}

/**
 * The solution lottery.py prints with -c (spec §2.4), round by round, run on the kernel's lottery
 * policy; returns how it ended. Precondition: `setup.rng` is where parseLottery left it (the
 * rounds consume it). Never throws.
 */
export function* lotteryRounds(setup: LotterySetup): Generator<Round, LotteryEnd, void> {
  const q = setup.args.quantum;
  const rounds = Math.max(0, setup.runTotal);
  // a job that never finishes gets more instructions than there can be rounds
  const programs = setup.jobs.map((j) =>
    jobProgram(`job${j.id}`, Math.min(roundsNeeded(j.length, q), rounds + 1) || 1),
  );
  const batch = new BatchMachine(
    createMachine(
      {
        ncpu: 1,
        init: false,
        sched: {
          kind: 'lottery',
          quantum: 1,
          params: { tickets: setup.jobs.map((j) => j.tickets) },
        },
      },
      0,
      programs,
    ),
  );
  for (const p of programs) batch.act({ type: 'spawn', program: p.name });
  const left = setup.jobs.map((j) => j.length);
  const tix = setup.jobs.map((j) => j.tickets);
  /** the job's kernel task has not exited */
  const alive = setup.jobs.map(() => true);
  let total = setup.tickTotal;
  let remaining = setup.jobs.length;
  let clock = 0;
  let previous = -1;
  for (let i = 0; i < rounds; i++) {
    const r = drawNumber(setup.rng);
    if (total === 0)
      return {
        kind: 'stopped',
        message: 'the ticket total is 0, and a winning ticket modulo 0 does not exist',
      };
    const ticket = floorMod(r, total);
    // lottery.py's walk over every job, finished ones holding 0 tickets
    let expected = -1;
    let sum = 0;
    for (let j = 0; j < tix.length; j++) {
      sum += tix[j];
      if (sum > ticket) {
        expected = j;
        break;
      }
    }
    if (expected === -1) expected = previous;
    if (expected === -1)
      return {
        kind: 'stopped',
        message: `no job holds winning ticket ${ticket} of ${total} in the first round, so there is no winner to run`,
      };
    const jobs = left.map((l, id) => ({ id, left: l, tickets: tix[id] }));
    let winner = expected;
    if (alive[expected]) {
      setTicket(batch.machine, r);
      batch.act({ type: 'tick' });
      const tid = batch.machine.cpus[0].ranTid;
      winner = tid - 1;
      if (winner !== expected)
        return {
          kind: 'stopped',
          message: `internal error: the kernel ran job ${winner}, lottery.py runs job ${expected}`,
        };
      if (get(batch.machine.tasks, tid)!.state === 'ZOMBIE') alive[winner] = false;
    }
    // else a finished job won (only with a negative ticket total): nothing runs on the kernel,
    // and lottery.py's accounting marks it done again
    const before = total;
    left[winner] = left[winner] >= q ? left[winner] - q : 0;
    clock += q;
    let done: number | null = null;
    if (left[winner] === 0) {
      done = clock;
      total -= tix[winner];
      tix[winner] = 0;
      remaining--;
    }
    previous = winner;
    yield { r, ticket, total: before, winner, jobs, done };
    if (remaining === 0) return { kind: 'finished' };
  }
  return { kind: 'out-of-rounds' };
}
