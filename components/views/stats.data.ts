// The statistics view's figures: CPU and I/O utilisation over the steps so far (from the step
// samples), the machine's counters, and the cost model's estimate in microseconds (costOf, whose
// defaults cite public/data/calibration.md).
import type { Machine } from '../../src/os-model/index.ts';
import { costOf, values } from '../../src/os-model/index.ts';
import type { StepSample } from '../sim/history.ts';

export type CostRow = { key: string; label: string; us: number };

export type StatsData = {
  /** Steps counted (samples 1..cursor). */
  steps: number;
  /** CPU-steps: steps × CPUs, split into busy (ran an instruction), switching and idle. */
  cpuSlots: number;
  cpuBusy: number;
  cpuSwitching: number;
  cpuIdle: number;
  /** Percentages (0–100) or null before the first step. */
  cpuBusyPct: number | null;
  cpuSwitchPct: number | null;
  /** Steps in which at least one task waited for a device. */
  ioSteps: number;
  ioBusyPct: number | null;
  ticks: number;
  processSwitches: number;
  threadSwitches: number;
  syscalls: number;
  forks: number;
  execs: number;
  threads: number;
  cowFaults: number;
  /** Processes that have exited (zombies included), out of all ever created. */
  finished: number;
  created: number;
  costs: CostRow[];
  totalUs: number;
};

const COST_LABELS: [key: keyof Omit<ReturnType<typeof costOf>, 'totalUs'>, label: string][] = [
  ['computeUs', 'CPU work (1 tick counted as 1 µs)'],
  ['switchUs', 'context switches'],
  ['syscallUs', 'system calls'],
  ['forkUs', 'fork()'],
  ['execUs', 'execve()'],
  ['threadUs', 'thread creation'],
  ['faultUs', 'copy-on-write faults'],
];

const pct = (part: number, whole: number): number | null =>
  whole > 0 ? (100 * part) / whole : null;

/**
 * Figures for the statistics view at step `cursor`. Only samples of steps 1..cursor count (a
 * longer history, e.g. after stepping back, is cut). Precondition: none. Never fails.
 */
export function statsOf(m: Machine, cursor: number, samples: StepSample[]): StatsData {
  const seen = samples.filter((s) => s.step >= 1 && s.step <= cursor);
  let cpuSlots = 0;
  let cpuBusy = 0;
  let cpuSwitching = 0;
  let ioSteps = 0;
  for (const s of seen) {
    for (const c of s.cpus) {
      cpuSlots++;
      if (c.switching) cpuSwitching++;
      else if (c.tid >= 0) cpuBusy++;
    }
    if (s.io.length > 0) ioSteps++;
  }
  let live = 0;
  for (const p of values(m.procs)) if (p.state !== 'ZOMBIE') live++;
  const created = m.nextPid - 1;
  const cost = costOf(m.stats);
  return {
    steps: seen.length,
    cpuSlots,
    cpuBusy,
    cpuSwitching,
    cpuIdle: cpuSlots - cpuBusy - cpuSwitching,
    cpuBusyPct: pct(cpuBusy, cpuSlots),
    cpuSwitchPct: pct(cpuSwitching, cpuSlots),
    ioSteps,
    ioBusyPct: pct(ioSteps, seen.length),
    ticks: m.clock,
    processSwitches: m.stats.switches,
    threadSwitches: m.stats.threadSwitches,
    syscalls: m.stats.syscalls,
    forks: m.stats.forks,
    execs: m.stats.execs,
    threads: m.stats.threads,
    cowFaults: m.stats.cowCopies + m.stats.cowReuses,
    finished: created - live,
    created,
    costs: COST_LABELS.map(([key, label]) => ({ key, label, us: cost[key] })).filter(
      (r) => r.us > 0,
    ),
    totalUs: cost.totalUs,
  };
}

// Built once: toLocaleString creates a formatter on every call, which shows in a step's time.
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const TWO_DECIMALS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "72.5 µs", "1,019 µs", "2.3 ms" style microseconds, at most two decimals. Never fails. */
export function formatUs(us: number): string {
  const r = Math.round(us * 100) / 100;
  if (r >= 10_000) return `${ONE_DECIMAL.format(r / 1000)} ms`;
  return `${TWO_DECIMALS.format(r)} µs`;
}

/** A percentage rounded to a whole number, or "—" when there is nothing to count. */
export function formatPct(p: number | null): string {
  return p === null ? '—' : `${Math.round(p)}%`;
}
