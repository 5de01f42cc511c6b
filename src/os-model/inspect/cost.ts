// The cost model: turns ticks and counted events into microseconds. Every default cites the
// measurement it comes from in public/data/calibration.md, a verbatim copy of the project's
// measurements (section 6 is the final table); COST_SOURCES quotes each cited figure.
import type { Stats } from '../kernel/types.ts';

export type Costs = {
  /** One tick of CPU work. A teaching unit, not a measurement: 1 tick = 1 µs. */
  tickUs: number;
  /** Context switch between processes: 2.9 µs (calibration.md §6, "context switch, process↔process"). */
  switchProcessUs: number;
  /** Context switch between threads of one process: 2.7 µs (calibration.md §6). */
  switchThreadUs: number;
  /** A null system call (getppid): 0.23 µs (calibration.md §6). */
  syscallUs: number;
  /** fork() of a small (1.5 MiB) process, until it returns: 70 µs (calibration.md §6). */
  forkUs: number;
  /** Page-table copy in fork per resident page: 0.105 µs (calibration.md §6, ≈105 ns/page). */
  forkPerPageUs: number;
  /**
   * fork + execve(/bin/true) + wait minus fork + exit + wait: 1019 − 189 ≈ 830 µs (calibration.md
   * §2 for 1 019 µs, summarised as 1.02 ms in §6; §6 for 189 µs).
   */
  execUs: number;
  /** pthread_create + join: 33 µs (calibration.md §6). */
  threadUs: number;
  /** Copy-on-write fault that copies a 4 KiB page: 3.7 µs (calibration.md §6). */
  cowCopyUs: number;
  /** Write-protect fault without a copy: 1.62 µs (calibration.md §6). */
  cowReuseUs: number;
};

export const DEFAULT_COSTS: Costs = {
  tickUs: 1,
  switchProcessUs: 2.9,
  switchThreadUs: 2.7,
  syscallUs: 0.23,
  forkUs: 70,
  forkPerPageUs: 0.105,
  execUs: 830,
  threadUs: 33,
  cowCopyUs: 3.7,
  cowReuseUs: 1.62,
};

/** Where a default comes from: a section of calibration.md and the text there that states it. */
export type CostSource = { section: string; quote: string };

/**
 * The measurement behind each default, quoted from public/data/calibration.md (tickUs is a
 * teaching unit, not a measurement). execUs is derived: 1 019 µs (§2) minus 189 µs (§6).
 */
export const COST_SOURCES = {
  switchProcessUs: {
    section: '6',
    quote: 'process↔process, same CPU (pipe, lmbench method) | **2.9 µs**',
  },
  switchThreadUs: { section: '6', quote: 'thread↔thread, same CPU (pipe) | **2.7 µs**' },
  syscallUs: { section: '6', quote: 'null syscall (getppid) | **0.23 µs**' },
  forkUs: { section: '6', quote: 'fork() returns after 70 µs' },
  forkPerPageUs: { section: '6', quote: '≈ 105 ns/page' },
  execUs: { section: '2', quote: 'fork + execve(/bin/true, dynamic) + wait | **1 019**' },
  threadUs: { section: '6', quote: 'pthread_create+join | **33 µs**' },
  cowCopyUs: { section: '6', quote: '3.7 µs/page' },
  cowReuseUs: { section: '6', quote: 'write-protect fault without copy | 2.95 / 1.62 µs per page' },
} as const satisfies Record<Exclude<keyof Costs, 'tickUs'>, CostSource>;

export type CostBreakdown = {
  computeUs: number;
  switchUs: number;
  syscallUs: number;
  forkUs: number;
  execUs: number;
  threadUs: number;
  faultUs: number;
  totalUs: number;
};

/**
 * Microseconds spent by the work counted in `stats`, split by cause. Precondition: none.
 * Never fails. (Per-page fork cost is not counted here; see forkCostUs.)
 */
export function costOf(stats: Stats, costs: Partial<Costs> = {}): CostBreakdown {
  const c = { ...DEFAULT_COSTS, ...costs };
  const b = {
    computeUs: stats.instrs * c.tickUs,
    switchUs: stats.switches * c.switchProcessUs + stats.threadSwitches * c.switchThreadUs,
    syscallUs: stats.syscalls * c.syscallUs,
    forkUs: stats.forks * c.forkUs,
    execUs: stats.execs * c.execUs,
    threadUs: stats.threads * c.threadUs,
    faultUs: stats.cowCopies * c.cowCopyUs + stats.cowReuses * c.cowReuseUs,
  };
  const totalUs = Object.values(b).reduce((s, x) => s + x, 0);
  return { ...b, totalUs };
}

/**
 * Cost of forking a process with `pages` resident 4 KiB pages: base + page-table copy.
 * Precondition: pages >= 0. Never fails.
 */
export function forkCostUs(pages: number, costs: Partial<Costs> = {}): number {
  const c = { ...DEFAULT_COSTS, ...costs };
  return c.forkUs + pages * c.forkPerPageUs;
}
