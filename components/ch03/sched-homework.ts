// OSTEP's scheduling homework in the page: scheduler.py, mlfq.py and lottery.py. The reader's
// flags are read by the ports (src/os-model/ostep/scheduler.ts, mlfq.ts, lottery.ts); the page
// shows what the simulator prints without -c (the jobs, and lottery's random numbers), checks the
// reader's predictions against the ports' structured solution (per-job figures, or lottery's
// winner of each round), and reveals the exact `-c` output from the formatters. Pure: tested in
// sched-homework.test.ts.
import { parseScheduler, solveScheduler } from '../../src/os-model/ostep/scheduler.ts';
import { schedulerMain } from '../../src/os-model/ostep/scheduler-text.ts';
import { mlfqTrace, parseMlfq, type MlfqEnd } from '../../src/os-model/ostep/mlfq.ts';
import { mlfqMain } from '../../src/os-model/ostep/mlfq-text.ts';
import { lotteryRounds, parseLottery, type LotteryEnd } from '../../src/os-model/ostep/lottery.ts';
import { lotteryMain } from '../../src/os-model/ostep/lottery-text.ts';
import type { OstepOutput } from '../../src/os-model/ostep/output.ts';

export const SIMS = ['scheduler', 'mlfq', 'lottery'] as const;
export type Sim = (typeof SIMS)[number];
export const SIM_FILE: Record<Sim, string> = {
  scheduler: 'scheduler.py',
  mlfq: 'mlfq.py',
  lottery: 'lottery.py',
};
export const DEFAULT_FLAGS: Record<Sim, string> = {
  scheduler: '-p SJF -l 30,10,20',
  mlfq: '-l 0,20,0:5,10,3 -q 5 -n 2',
  lottery: '-l 3:100,2:50 -s 1',
};

/** The most text a page prints for one answer; a longer run is refused with a message. */
const MAX_CHARS = 200_000;

/** What the reader predicts: per-job figures, or the job that wins each round. */
export type Prediction =
  | { kind: 'figures'; columns: string[]; rows: { id: number; values: number[] }[] }
  | { kind: 'winners'; winners: number[] };

export type Segment = { job: number; start: number; end: number };

export type Homework =
  | {
      ok: true;
      sim: Sim;
      argv: string[];
      /** what the simulator prints without -c */
      listing: string;
      /** the simulator's output with -c, exactly */
      answer: string;
      predict: Prediction;
      chart: { segments: Segment[]; names: string[]; end: number; label: string };
    }
  | { ok: false; sim: Sim; argv: string[]; problem: string; said: string };

/** Splits flags as a shell would for these simple values (no quotes needed). Never fails. */
export function argvOf(flags: string): string[] {
  return flags.trim() === '' ? [] : flags.trim().split(/\s+/);
}

/** An output as text, or null when it is longer than MAX_CHARS. Never fails. */
function text(out: OstepOutput): { stdout: string; stderr: string } | null {
  let s = '';
  for (const chunk of out.stdout) {
    s += chunk;
    if (s.length > MAX_CHARS) return null;
  }
  return { stdout: s, stderr: out.stderr };
}

const MAIN: Record<Sim, (argv: readonly string[]) => OstepOutput> = {
  scheduler: schedulerMain,
  mlfq: mlfqMain,
  lottery: lotteryMain,
};

function refused(sim: Sim, argv: string[], problem: string): Homework {
  const out = text(MAIN[sim](argv));
  return { ok: false, sim, argv, problem, said: out ? (out.stdout + out.stderr).trimEnd() : '' };
}

/** Merges one-tick bars of the same job. Never fails. */
function merge(ticks: { job: number; t: number }[]): Segment[] {
  const out: Segment[] = [];
  for (const { job, t } of ticks) {
    const last = out[out.length - 1];
    if (last && last.job === job && last.end === t) last.end = t + 1;
    else out.push({ job, start: t, end: t + 1 });
  }
  return out;
}

/**
 * Reads the flags with the port of `sim` and solves the homework. Precondition: none. Never
 * fails; a bad flag, or a run too long to print, is a value naming what is wrong.
 */
export function homeworkOf(sim: Sim, flags: string): Homework {
  const argv = argvOf(flags).filter((a) => a !== '-c' && a !== '--compute');
  const file = SIM_FILE[sim];
  const usage = (m: string) => `${file} refuses these flags: ${m}.`;
  if (argv.includes('-h') || argv.includes('--help'))
    return refused(sim, argv, 'That asks for the help text, not a homework.');
  const listingOut = text(MAIN[sim](argv));
  const answerOut = text(MAIN[sim]([...argv, '-c']));
  if (listingOut === null || answerOut === null)
    return {
      ok: false,
      sim,
      argv,
      problem: 'This run prints too much for a page: make the jobs shorter or fewer.',
      said: '',
    };
  const said = (answerOut.stdout + answerOut.stderr).trimEnd();

  if (sim === 'scheduler') {
    const cmd = parseScheduler(argv);
    if (cmd.kind !== 'run') {
      const e = cmd.kind === 'error' ? cmd.error : null;
      const problem =
        e?.kind === 'usage'
          ? usage(e.message)
          : `The flag -l holds “${e?.kind === 'bad-length' ? e.token : ''}”, which is not a number: each job length in -l must be a number, separated by commas.`;
      return { ok: false, sim, argv, problem, said };
    }
    const sol = solveScheduler({ ...cmd.setup, solve: true });
    if (sol.kind !== 'solved') {
      const problem =
        sol.kind === 'unknown-policy'
          ? `The flag -p holds “${sol.token}”: scheduler.py knows FIFO, SJF and RR.`
          : sol.kind === 'bad-quantum'
            ? `The flag -q holds “${sol.token}”: round robin needs a quantum of at least 1.`
            : sol.kind === 'no-jobs'
              ? 'There are no jobs: give -j 1 or more, or lengths with -l.'
              : 'Round robin would take too many turns to print: shorten the jobs or lengthen -q.';
      return { ok: false, sim, argv, problem, said };
    }
    const stats = [...sol.stats].sort((a, b) => a.id - b.id);
    return {
      ok: true,
      sim,
      argv,
      listing: listingOut.stdout,
      answer: answerOut.stdout,
      predict: {
        kind: 'figures',
        columns: ['response', 'turnaround', 'wait'],
        rows: stats.map((s) => ({ id: s.id, values: [s.response, s.turnaround, s.wait] })),
      },
      chart: {
        segments: sol.slices.map((s) => ({ job: s.job, start: s.start, end: s.start + s.ran })),
        names: cmd.setup.lengths.map((_, i) => `Job ${i}`),
        end: sol.slices.reduce((a, s) => Math.max(a, s.start + s.ran), 0),
        label: "The solution's schedule",
      },
    };
  }

  if (sim === 'mlfq') {
    const cmd = parseMlfq(argv);
    if (cmd.kind !== 'run') {
      const e = cmd.kind === 'error' ? cmd.error : null;
      const problem =
        e === null
          ? 'mlfq.py does not accept these flags.'
          : e.kind === 'usage'
            ? usage(e.message)
            : `The flag ${e.flag} holds “${e.token}”, which mlfq.py cannot use${e.kind === 'job-format' ? ': each job in -l is start,run,io' : ''}.`;
      return { ok: false, sim, argv, problem, said };
    }
    const ticks: { job: number; t: number }[] = [];
    const it = mlfqTrace(cmd.setup);
    let step = it.next();
    while (!step.done) {
      if (step.value.kind === 'run') ticks.push({ job: step.value.job, t: step.value.t });
      step = it.next();
    }
    const end: MlfqEnd = step.value;
    if (end.kind !== 'done')
      return {
        ok: false,
        sim,
        argv,
        problem:
          end.kind === 'no-jobs'
            ? 'There are no jobs: give -j 1 or more, or jobs with -l.'
            : `mlfq.py stops: ${end.message}`,
        said,
      };
    const stats = [...end.stats].sort((a, b) => a.job - b.job);
    return {
      ok: true,
      sim,
      argv,
      listing: listingOut.stdout,
      answer: answerOut.stdout,
      predict: {
        kind: 'figures',
        columns: ['response', 'turnaround'],
        rows: stats.map((s) => ({ id: s.job, values: [s.response, s.turnaround] })),
      },
      chart: {
        segments: merge(ticks),
        names: cmd.setup.jobs.map((j) => `Job ${j.id}`),
        end: ticks.reduce((a, x) => Math.max(a, x.t + 1), 0),
        label: 'The trace, tick by tick',
      },
    };
  }

  const cmd = parseLottery(argv);
  if (cmd.kind !== 'run') {
    const e = cmd.kind === 'error' ? cmd.error : null;
    const problem =
      e === null
        ? 'lottery.py does not accept these flags.'
        : e.kind === 'usage'
          ? usage(e.message)
          : e.kind === 'bad-job'
            ? `The flag -l holds “${e.token}”: each job in -l is length:tickets, separated by commas.`
            : `The flag ${e.flag} holds “${e.token}”: with random jobs it must be 2 or more, or lottery.py draws for ever.`;
    return { ok: false, sim, argv, problem, said };
  }
  const winners: number[] = [];
  const it = lotteryRounds(cmd.setup);
  let step = it.next();
  while (!step.done) {
    winners.push(step.value.winner);
    step = it.next();
  }
  const end: LotteryEnd = step.value;
  if (end.kind === 'stopped')
    return { ok: false, sim, argv, problem: `lottery.py stops: ${end.message}.`, said };
  return {
    ok: true,
    sim,
    argv,
    listing: listingOut.stdout,
    answer: answerOut.stdout,
    predict: { kind: 'winners', winners },
    chart: {
      segments: merge(winners.map((job, t) => ({ job, t }))),
      names: cmd.setup.jobs.map((j) => `Job ${j.id}`),
      end: winners.length,
      label: 'The winner of each round',
    },
  };
}

/** The command line a reader would type. Never fails. */
export function commandLine(sim: Sim, argv: string[], solve = false): string {
  return [`./${SIM_FILE[sim]}`, ...argv, ...(solve ? ['-c'] : [])].join(' ');
}

/**
 * Checks one job's predicted figures, to 0.01 (the simulators print two decimals at most).
 * `guess` holds the reader's text per column. Never fails. Precondition: none.
 */
export function checkFigures(
  columns: string[],
  guess: string[],
  row: { id: number; values: number[] },
): { right: boolean; text: string } {
  const wrong: string[] = [];
  columns.forEach((c, k) => {
    const g = (guess[k] ?? '').trim().replace(',', '.');
    const n = Number(g);
    if (g === '' || !Number.isFinite(n) || Math.abs(n - row.values[k]) > 0.005)
      wrong.push(`${c} is ${row.values[k].toFixed(2)}`);
  });
  return wrong.length === 0
    ? { right: true, text: `Right: job ${row.id}'s ${columns.join(', ')} are all correct.` }
    : { right: false, text: `Not quite: job ${row.id}'s ${wrong.join(', ')}.` };
}

/**
 * Checks the predicted winners of lottery's rounds (job numbers separated by spaces or commas).
 * Never fails. Precondition: none.
 */
export function checkWinners(guess: string, winners: number[]): { right: boolean; text: string } {
  const g = guess.trim() === '' ? [] : guess.trim().split(/[\s,]+/);
  for (const [i, w] of winners.entries()) {
    if (i >= g.length)
      return {
        right: false,
        text: `The first ${i} rounds are right; round ${i + 1} is missing (there are ${winners.length}).`,
      };
    if (g[i] !== String(w))
      return {
        right: false,
        text: `Rounds 1 to ${i} are right; round ${i + 1} is won by job ${w}, not “${g[i]}”.`,
      };
  }
  if (g.length > winners.length)
    return {
      right: false,
      text: `All ${winners.length} rounds are right, but there are only ${winners.length}.`,
    };
  return { right: true, text: `Right: all ${winners.length} rounds.` };
}
