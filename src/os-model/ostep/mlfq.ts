// OSTEP cpu-sched-mlfq/mlfq.py on this kernel, as data: the command line read into a setup (or
// an error naming the flag and token at fault), and the solution as trace rows and statistics
// (../shared/ostep-spec-2.md §1). mlfq-text.ts prints them byte for byte as the original does.
//
// The kernel's MLFQ policy (kernel/policy/mlfq.ts, mlfq.py's rules) decides everything: levels,
// slices, allotments, demotion, boosts, -S and -I. Each job becomes a kernel program of one
// instruction per unit of run time: `compute` for a unit after which the job goes on, `sleep
// <ioTime>` for a unit after which it issues an I/O (the instruction's tick is the unit, and its
// timer wakes the job at the start of tick `now + ioTime`, as mlfq.py files the IO_DONE), the
// last unit always a `compute` (a job that finishes never issues its I/O). Jobs are spawned
// between ticks at their start time; mlfq.py's time t is the kernel's tick t + 1. Each row is
// read off the kernel: who ran (the CPU), who woke (the tick's events), who finished or slept
// (the task's state), and the level, slice and allotment the task ran with (task.se as the
// policy left it after the task's previous tick, or the top level's after a boost).
//
// Divergences (spec verdict D): where the original crashes with a traceback (a non-integer in
// -Q, -A or -l; jobs with no queue; zero jobs with -c) it prints what the original printed
// before, then one line on stderr, exit 1. Where it would print IDLE for ever (a negative start
// time in -l, an I/O issued with a negative -i) the trace stops at that point with a line on
// stderr and exit 1. Integers in -Q, -A and -l beyond 2^53 are refused.
import { createMachine } from '../kernel/machine.ts';
import { makeProgram } from '../kernel/program.ts';
import { get } from '../kernel/table.ts';
import type { Instr, Program } from '../kernel/types.ts';
import { BatchMachine } from './batch.ts';
import { PyRandom } from './mt19937.ts';
import { parseArgs, type OptSpec } from './optparse.ts';
import { pyInt } from './pyfmt.ts';

const MLFQ_OPTIONS: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: 0, big: true },
  { short: '-n', long: '--numQueues', dest: 'numQueues', kind: 'int', default: 3 },
  { short: '-q', long: '--quantum', dest: 'quantum', kind: 'int', default: 10 },
  { short: '-a', long: '--allotment', dest: 'allotment', kind: 'int', default: 1 },
  { short: '-Q', long: '--quantumList', dest: 'quantumList', kind: 'string', default: '' },
  { short: '-A', long: '--allotmentList', dest: 'allotmentList', kind: 'string', default: '' },
  { short: '-j', long: '--numJobs', dest: 'numJobs', kind: 'int', default: 3 },
  { short: '-m', long: '--maxlen', dest: 'maxlen', kind: 'int', default: 100 },
  { short: '-M', long: '--maxio', dest: 'maxio', kind: 'int', default: 10 },
  { short: '-B', long: '--boost', dest: 'boost', kind: 'int', default: 0 },
  { short: '-i', long: '--iotime', dest: 'ioTime', kind: 'int', default: 5 },
  { short: '-S', long: '--stay', dest: 'stay', kind: 'flag', default: false },
  { short: '-I', long: '--iobump', dest: 'iobump', kind: 'flag', default: false },
  { short: '-l', long: '--jlist', dest: 'jlist', kind: 'string', default: '' },
  { short: '-c', long: '', dest: 'solve', kind: 'flag', default: false },
];

/** A job as mlfq.py lists it. */
export type MlfqJob = { id: number; start: number; run: number; io: number };

/** A command line mlfq.py accepts (spec §1.2, §1.3). */
export type MlfqSetup = {
  /** number of queues: level 0 is the lowest, nq - 1 the top */
  nq: number;
  /** time slice per level, index = level */
  quanta: number[];
  /** allotment per level (in slices), index = level */
  allots: number[];
  /** -B: boost period (≤ 0: never) */
  boost: number;
  /** -i: I/O duration */
  ioTime: number;
  /** -S */
  stay: boolean;
  /** -I */
  iobump: boolean;
  jobs: MlfqJob[];
  /** -c */
  solve: boolean;
};

/** Why mlfq.py refuses a command line. Nothing is on stdout before any of these. */
export type MlfqError =
  /** optparse refused it; exit code 2 */
  | { kind: 'usage'; message: string }
  /** -A has a different number of items than there are queues (the original says so) */
  | { kind: 'allotment-count'; flag: '-A'; token: string }
  /** an -A item above the lowest level is 0 or less (the original says so) */
  | { kind: 'allotment-positive'; flag: '-A'; token: string }
  /** an -l item without exactly three fields (the original says so) */
  | { kind: 'job-format'; flag: '-l'; token: string }
  /** a number int() refuses (the original crashes) */
  | { kind: 'bad-number'; flag: '-Q' | '-A' | '-l'; token: string }
  /** a job to create with no queue to put it in (-n 0 or less; the original crashes) */
  | { kind: 'no-queues'; flag: '-n'; token: string };

export type MlfqCommand =
  { kind: 'help' } | { kind: 'error'; error: MlfqError } | { kind: 'run'; setup: MlfqSetup };

/** `mlfq.py <argv>` read as the original reads it (spec §1.1-1.3). Never throws. */
export function parseMlfq(argv: readonly string[]): MlfqCommand {
  const parsed = parseArgs(argv, MLFQ_OPTIONS);
  if (!parsed.ok) return { kind: 'error', error: { kind: 'usage', message: parsed.error } };
  if (parsed.help) return { kind: 'help' };
  const o = parsed.opts;
  const fail = (error: MlfqError): MlfqCommand => ({ kind: 'error', error });
  const rng = new PyRandom(o.seed as number | bigint);
  const quantumList = o.quantumList as string;
  const allotmentList = o.allotmentList as string;
  let nq = o.numQueues as number;
  const quanta: number[] = [];
  if (quantumList !== '') {
    const items = quantumList.split(',');
    nq = items.length;
    for (let i = 0; i < nq; i++) {
      const v = pyInt(items[i]);
      if (v === null) return fail({ kind: 'bad-number', flag: '-Q', token: items[i] });
      quanta[nq - 1 - i] = v;
    }
  } else for (let i = 0; i < nq; i++) quanta[i] = o.quantum as number;
  const allots: number[] = [];
  if (allotmentList !== '') {
    const items = allotmentList.split(',');
    if (items.length !== nq)
      return fail({ kind: 'allotment-count', flag: '-A', token: allotmentList });
    for (let i = 0; i < nq; i++) {
      const level = nq - 1 - i;
      const v = pyInt(items[i]);
      if (v === null) return fail({ kind: 'bad-number', flag: '-A', token: items[i] });
      allots[level] = v;
      if (level !== 0 && v <= 0)
        return fail({ kind: 'allotment-positive', flag: '-A', token: items[i] });
    }
  } else for (let i = 0; i < nq; i++) allots[i] = o.allotment as number;
  const jobs: MlfqJob[] = [];
  const noQueues = (): MlfqCommand =>
    fail({ kind: 'no-queues', flag: '-n', token: String(o.numQueues) });
  const jlist = o.jlist as string;
  if (jlist !== '') {
    for (const item of jlist.split(':')) {
      const f = item.split(',');
      if (f.length !== 3) return fail({ kind: 'job-format', flag: '-l', token: item });
      const nums: number[] = [];
      for (const x of f) {
        const v = pyInt(x);
        if (v === null) return fail({ kind: 'bad-number', flag: '-l', token: x });
        nums.push(v);
      }
      if (nq <= 0) return noQueues();
      jobs.push({ id: jobs.length, start: nums[0], run: nums[1], io: nums[2] });
    }
  } else {
    const maxlen = o.maxlen as number;
    const maxio = o.maxio as number;
    for (let j = 0; j < (o.numJobs as number); j++) {
      const run = Math.trunc(rng.random() * (maxlen - 1) + 1);
      const io = Math.trunc(rng.random() * (maxio - 1) + 1);
      if (nq <= 0) return noQueues();
      jobs.push({ id: j, start: 0, run, io });
    }
  }
  return {
    kind: 'run',
    setup: {
      nq: Math.max(0, nq),
      quanta,
      allots,
      boost: o.boost as number,
      ioTime: o.ioTime as number,
      stay: o.stay as boolean,
      iobump: o.iobump as boolean,
      jobs,
      solve: o.solve as boolean,
    },
  };
}

/** One line of the execution trace (spec §1.5), at mlfq.py's time `t`. */
export type TraceRow =
  | { kind: 'boost'; t: number; every: number }
  | { kind: 'begins' | 'io-done'; t: number; job: number }
  | { kind: 'idle'; t: number }
  | {
      kind: 'run';
      t: number;
      job: number;
      /** the level it ran at */
      pri: number;
      /** slice left after this tick */
      ticks: number;
      /** allotment left, before this tick's accounting */
      allot: number;
      /** run time left after this tick */
      left: number;
      run: number;
    }
  /** `t` is the time after the tick */
  | { kind: 'finished' | 'io-start'; t: number; job: number };

/** A job's figures (spec §1.6). */
export type MlfqStat = { job: number; start: number; response: number; turnaround: number };

/** How the trace ended. */
export type MlfqEnd =
  | { kind: 'done'; stats: MlfqStat[]; avgResponse: number; avgTurnaround: number }
  /** no jobs: the original crashes computing the averages */
  | { kind: 'no-jobs' }
  /** the original's own check (a job with run ≤ 0 ran): its message, on stderr */
  | { kind: 'abort'; message: string }
  /** the original would print IDLE for ever from here; our sentence */
  | { kind: 'forever'; message: string };

/** The kernel program of a job: one instruction per unit of run time (see the header). */
function jobCode(job: MlfqJob, ioTime: number): Program {
  const code: Instr[] = [];
  let pending = 0;
  const flush = (): void => {
    if (pending > 0) code.push({ op: 'compute', n: pending, line: 2 });
    pending = 0;
  };
  // a job with run ≤ 0 gets one tick: the original aborts after running it once
  const units = Math.max(1, job.run);
  for (let k = 1; k <= units; k++) {
    if (k < units && job.io > 0 && k % job.io === 0) {
      flush();
      code.push({ op: 'sleep', ticks: Math.max(0, ioTime), line: 3 });
    } else pending++;
  }
  flush();
  return makeProgram(
    `job${job.id}`,
    [
      'int main(void) {',
      `  work(${job.run});      // ${job.run} ticks of CPU`,
      `  io(every ${job.io});   // an I/O of ${ioTime} ticks after every ${job.io}`,
      '}',
    ],
    code,
  );
}

/**
 * The execution trace mlfq.py prints with -c, row by row, run on the kernel's MLFQ policy; returns
 * the statistics (or why there are none). Precondition: `setup` came from parseMlfq. Never throws.
 */
export function* mlfqTrace(setup: MlfqSetup): Generator<TraceRow, MlfqEnd, void> {
  const { jobs, nq, quanta, allots, boost, ioTime } = setup;
  if (jobs.length === 0) return { kind: 'no-jobs' };
  const early = jobs.find((j) => j.start < 0);
  if (early)
    return {
      kind: 'forever',
      message: `job ${early.id} starts at time ${early.start}, which has passed, so it never begins and the original prints IDLE for ever`,
    };
  const hi = nq - 1;
  const programs = jobs.map((j) => jobCode(j, ioTime));
  const batch = new BatchMachine(
    createMachine(
      {
        ncpu: 1,
        init: false,
        sched: {
          kind: 'mlfq',
          quantum: quanta[hi],
          params: {
            quanta: [...quanta].reverse(),
            allotments: [...allots].reverse(),
            boost,
            stay: setup.stay,
            iobump: setup.iobump,
          },
        },
      },
      0,
      programs,
    ),
  );
  const m = batch.machine;
  const order = [...jobs].sort((a, b) => a.start - b.start || a.id - b.id);
  const jobOf = new Map<number, number>();
  const ran = jobs.map(() => 0);
  const firstRun = jobs.map(() => -1);
  const endTime = jobs.map(() => 0);
  /** task.se as the policy left it after the task's last tick (until a boost resets it) */
  const lastSe = new Map<number, Record<string, number>>();
  let next = 0;
  let finished = 0;
  for (let t = 0; finished < jobs.length; t++) {
    const begins: number[] = [];
    for (; next < order.length && order[next].start === t; next++) {
      const ev = batch.act({ type: 'spawn', program: programs[order[next].id].name });
      const spawned = ev.find((e) => e.type === 'spawn');
      if (spawned) jobOf.set(spawned.pid, order[next].id);
      begins.push(order[next].id);
    }
    const boosted = boost > 0 && t !== 0 && t % boost === 0;
    if (boosted) yield { kind: 'boost', t, every: boost };
    for (const job of begins) yield { kind: 'begins', t, job };
    const events = batch.act({ type: 'tick' });
    for (const e of events)
      if (e.type === 'state' && e.to === 'RUNNABLE' && e.reason === 'wakeup')
        yield { kind: 'io-done', t, job: jobOf.get(e.tid)! };
    if (boosted) lastSe.clear();
    const tid = m.cpus[0].ranTid;
    if (tid === -1) {
      yield { kind: 'idle', t };
      if (next === order.length && m.timers.length === 0 && m.runq.length === 0)
        return { kind: 'forever', message: 'no job can run or wake up any more' };
      continue;
    }
    const job = jobOf.get(tid)!;
    const j = jobs[job];
    const pre = lastSe.get(tid) ?? { pri: hi, ticks: quanta[hi], allot: allots[hi] };
    ran[job]++;
    if (firstRun[job] === -1) firstRun[job] = t;
    const left = j.run - ran[job];
    yield {
      kind: 'run',
      t,
      job,
      pri: pre.pri,
      ticks: pre.ticks - 1,
      allot: pre.allot,
      left,
      run: j.run,
    };
    if (left < 0)
      return { kind: 'abort', message: 'Error: should never have less than 0 time left to run' };
    const task = get(m.tasks, tid)!;
    lastSe.set(tid, task.se);
    if (task.state === 'ZOMBIE') {
      endTime[job] = t + 1;
      finished++;
      yield { kind: 'finished', t: t + 1, job };
    } else if (task.state === 'SLEEPING') {
      yield { kind: 'io-start', t: t + 1, job };
      if (ioTime < 0)
        return {
          kind: 'forever',
          message: `job ${job}'s I/O would complete at time ${t + 1 + ioTime}, which has passed, so the original waits for it for ever`,
        };
    }
  }
  const stats = jobs.map((j) => ({
    job: j.id,
    start: j.start,
    response: firstRun[j.id] - j.start,
    turnaround: endTime[j.id] - j.start,
  }));
  let r = 0;
  let ta = 0;
  for (const s of stats) {
    r += s.response;
    ta += s.turnaround;
  }
  return {
    kind: 'done',
    stats,
    avgResponse: r / stats.length,
    avgTurnaround: ta / stats.length,
  };
}
