// Geometry and words of chapter 4's cost islands (direct vs indirect cost, thread vs process, slice
// length), from the cost model in src/os-model/book/ch04-context-switches/switch-cost.ts. Pure: no
// DOM, tested in cost-view.test.ts. Views draw what these return; the model computes the costs.
import {
  HOSTS,
  cpuShareLost,
  sliceRun,
  switchCost,
  type HostId,
} from '../../src/os-model/index.ts';

/** A chart's box in SVG units. */
export const BOX = { w: 480, h: 220, left: 52, right: 14, top: 12, bottom: 36 } as const;

/** x of `v` on a log10 axis from lo to hi across the box's plot area. Never fails. */
export function logX(v: number, lo: number, hi: number): number {
  const f = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  return BOX.left + f * (BOX.w - BOX.left - BOX.right);
}
/** y of `v` on a linear axis from 0 to hi (values above hi sit on the top edge). Never fails. */
export function linY(v: number, hi: number): number {
  const f = Math.min(1, Math.max(0, v / hi));
  return BOX.h - BOX.bottom - f * (BOX.h - BOX.top - BOX.bottom);
}

/** Number formatting: 2.86, 7.8 %, 27,000. Never fails. */
export const fmtUs = (us: number) =>
  us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2);
export const fmtPct = (f: number) => {
  const p = f * 100;
  if (p === 0) return '0 %';
  return `${p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p >= 0.1 ? p.toFixed(2) : p.toFixed(3)} %`;
};
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Switches per second from the rate slider's exponent (1–5, steps of 0.1), rounded to 2 digits. */
export function rateOf(exp: number): number {
  const v = 10 ** exp;
  const mag = 10 ** Math.floor(Math.log10(v) - 1);
  return Math.round(v / mag) * mag;
}

/** Rates the calibration measured, to mark on the chart. */
export const MEASURED_RATES = [
  { rate: 250, what: 'a CPU-bound task switched at every 4 ms tick (§8c)' },
  { rate: 870, what: 'an I/O loop sleeping 1 ms at a time (§8e)' },
  { rate: 26700, what: 'PostgreSQL, pgbench with 10 clients, whole machine (§4b)' },
];

/**
 * The direct cost of one switch on a book machine, µs: a process switch by pipe on one CPU when
 * pinned, the hand-off across CPUs when not. Never fails (both machines measured both by pipe).
 */
export function directUs(host: HostId, pinned: boolean): number {
  const h = HOSTS[host];
  const a = switchCost({
    pcid: h.pcid,
    pti: h.pti,
    kind: 'process',
    cpus: pinned ? 'same' : 'two',
    via: 'pipe',
  });
  return a.ok ? a.us : NaN;
}

/** The direct-cost line: share of one CPU against switches per second, 10 to 100 000. */
export function directLine(us: number, yMax: number): string {
  const pts: string[] = [];
  for (let e = 1; e <= 5.0001; e += 0.05) {
    const r = 10 ** e;
    pts.push(`${logX(r, 10, 1e5).toFixed(1)},${linY(cpuShareLost(r, us), yMax).toFixed(1)}`);
  }
  return `M${pts.join('L')}`;
}

/** Slice slider: exponent −1…2 in steps of 0.05 → 0.1…100 ms, rounded to 2 digits. */
export function sliceOf(exp: number): number {
  return Number((10 ** exp).toPrecision(2));
}

/** Slices the calibration found, to mark on the slice chart. */
export const MEASURED_SLICES = [
  { ms: 1.4, what: 'EEVDF’s slice for a nice-0 task (se.slice, §8a)' },
  { ms: 4, what: 'the turn actually observed: one 250 Hz tick (§8c)' },
  { ms: 100, what: 'SCHED_RR’s time slice (sched_rr_timeslice_ms, §8a)' },
];

/** The overhead line: share of the CPU spent switching against slice length, 0.1 to 100 ms. */
export function overheadLine(directUs: number, refillUs: number): string {
  const pts: string[] = [];
  for (let e = -1; e <= 2.0001; e += 0.05) {
    const s = 10 ** e;
    const r = sliceRun(s, directUs, refillUs, 2);
    pts.push(`${logX(s, 0.1, 100).toFixed(1)},${linY(r.overhead, 1).toFixed(1)}`);
  }
  return `M${pts.join('L')}`;
}
