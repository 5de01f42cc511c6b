// Chapter 3's "be the scheduler, scored": the reader dispatches a seeded workload by hand, one
// tick at a time, and is scored against the policies of the rule-tracing scheduler (trace.ts):
// FIFO, RR, and SJF and STCF, which need to know each job's length in advance. Every context
// switch is charged at a measured cost: 4.49 µs, a process-to-process switch measured with a pipe
// on the book's second host (public/data/calibration.md §7), with a tick of 1 ms. The charge
// delays every job that finishes after the switch.
import { nextRandom, seedRng } from '../../kernel/rng.ts';
import { traceRun, type TraceJob, type TracePolicy } from './trace.ts';

/** One process switch, µs (calibration.md §7, second host, pipe hand-off between processes). */
export const SWITCH_US = 4.49;
/** The length of one tick in this game, µs. */
export const TICK_US = 1000;

/** A workload of four jobs from `seed`: arrivals 0 to 6, lengths 1 to 8 ticks. Never fails. */
export function playWorkload(seed: number): TraceJob[] {
  let s = seedRng(seed);
  const draw = (n: number): number => {
    const [v, next] = nextRandom(s);
    s = next;
    return Math.floor(v * n);
  };
  const jobs = ['A', 'B', 'C', 'D'].map((name) => ({
    name,
    arrival: draw(7),
    length: 1 + draw(8),
    ioEvery: 0,
    ioLength: 0,
  }));
  return jobs.sort((a, b) => a.arrival - b.arrival || a.name.localeCompare(b.name));
}

export type PlayState = {
  /** The time of the next tick to schedule. */
  t: number;
  /** Ticks of work left per job. */
  left: number[];
  /** Jobs that have arrived and have work left, in job order. */
  ready: number[];
  done: boolean;
};

/**
 * Where the reader's run stands after the picks so far (one job index per tick, -1 idle).
 * Precondition: every pick was legal (`legalPick`). Never fails.
 */
export function playState(jobs: TraceJob[], picks: number[]): PlayState {
  const left = jobs.map((j) => j.length);
  for (const p of picks) if (p >= 0) left[p]--;
  const t = picks.length;
  const ready = jobs.map((_, i) => i).filter((i) => jobs[i].arrival <= t && left[i] > 0);
  return { t, left, ready, done: left.every((x) => x === 0) };
}

/** Null when `pick` may run at the next tick, else why not. Never fails. Precondition: none. */
export function legalPick(jobs: TraceJob[], picks: number[], pick: number): string | null {
  const st = playState(jobs, picks);
  if (st.done) return 'Every job has finished.';
  if (pick === -1) return st.ready.length === 0 ? null : 'A job is ready: the CPU should not idle.';
  const j = jobs[pick];
  if (!j) return 'There is no such job.';
  if (j.arrival > st.t) return `${j.name} has not arrived yet (it arrives at ${j.arrival}).`;
  if (st.left[pick] === 0) return `${j.name} has finished.`;
  return null;
}

export type Score = {
  label: string;
  /** Average turnaround and response, ms, switches charged. */
  turnaround: number;
  response: number;
  switches: number;
};

/** Metrics of a schedule given as one job index per tick (-1 idle). Never fails. */
export function scoreTicks(label: string, jobs: TraceJob[], ticks: number[]): Score {
  const n = jobs.length;
  const first = new Array<number>(n).fill(-1);
  const end = new Array<number>(n).fill(-1);
  const left = jobs.map((j) => j.length);
  let switches = 0;
  let last = -1;
  const cost = SWITCH_US / TICK_US; // ticks per switch
  ticks.forEach((p, t) => {
    if (p < 0) return;
    if (last !== -1 && last !== p) switches++;
    last = p;
    if (first[p] === -1) first[p] = t + switches * cost;
    if (--left[p] === 0) end[p] = t + 1 + switches * cost;
  });
  const avg = (f: (i: number) => number): number => jobs.reduce((a, _, i) => a + f(i), 0) / n;
  return {
    label,
    turnaround: avg((i) => end[i] - jobs[i].arrival),
    response: avg((i) => first[i] - jobs[i].arrival),
    switches,
  };
}

/** The policies the reader is scored against. */
export const RIVALS: { policy: TracePolicy; quantum: number; label: string }[] = [
  { policy: 'fifo', quantum: 1, label: 'FIFO' },
  { policy: 'sjf', quantum: 1, label: 'SJF (knows the lengths)' },
  { policy: 'stcf', quantum: 1, label: 'STCF (knows the lengths)' },
  { policy: 'rr', quantum: 1, label: 'Round robin, 1-tick slice' },
  { policy: 'rr', quantum: 3, label: 'Round robin, 3-tick slice' },
];

/** The reader's score and each rival's on the same jobs. Precondition: picks finish every job. */
export function scoreAll(jobs: TraceJob[], picks: number[]): { you: Score; rivals: Score[] } {
  const rivals = RIVALS.map((r) => {
    const run = traceRun({
      policy: r.policy,
      quantum: r.quantum,
      tieBreak: 'requeued-first',
      jobs,
    });
    const ticks = run.segments.flatMap((g) => Array.from({ length: g.end - g.start }, () => g.job));
    return scoreTicks(r.label, jobs, ticks);
  });
  return { you: scoreTicks('You', jobs, picks), rivals };
}
