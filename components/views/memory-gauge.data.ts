// The memory gauge's figures: RSS, PSS and USS of every process that has memory, and their sums,
// from the model's rules in src/os-model/inspect/smaps.ts (the definitions of proc(5)'s smaps_rollup),
// in model pages and at the real scale the chapter uses (MODEL_PAGE_KB per page).
import type { Machine } from '../../src/os-model/index.ts';
import { MODEL_PAGE_KB, pgRole, smapsAll } from '../../src/os-model/index.ts';

export type GaugeRow = {
  pid: number;
  /** "postmaster", "checkpointer", "backend for connection 3", or the command name. */
  label: string;
  rss: number;
  pss: number;
  uss: number;
};

export type GaugeData = {
  rows: GaugeRow[];
  total: { rss: number; pss: number; uss: number };
  /** Widths (0–100) of the three total bars, relative to the largest (the RSS sum). */
  bars: { rss: number; pss: number; uss: number };
  /** How many times the RSS sum overstates the memory really used (the PSS sum); null if none. */
  overstatement: number | null;
};

/**
 * The gauge's rows and totals for machine `m`: every live process with an address space, by PID.
 * Precondition: none. Never fails.
 */
export function gaugeOf(m: Machine): GaugeData {
  const all = smapsAll(m);
  const rows = all.rows.map((s) => ({
    pid: s.pid,
    label: pgRole(m, s.pid) || s.name,
    rss: s.rss,
    pss: s.pss,
    uss: s.uss,
  }));
  const { rss, pss, uss } = all.total;
  const pct = (x: number) => (rss > 0 ? (100 * x) / rss : 0);
  return {
    rows,
    total: all.total,
    bars: { rss: pct(rss), pss: pct(pss), uss: pct(uss) },
    overstatement: pss > 0 ? rss / pss : null,
  };
}

const PAGES = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const MB = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Pages with at most two decimals: "13", "2.33". Never fails. */
export function formatPages(p: number): string {
  return PAGES.format(Math.round(p * 100) / 100);
}

/** The real-scale reading of `p` model pages: "≈ 13 MB". Never fails. */
export function formatMb(p: number): string {
  return `≈ ${MB.format((p * MODEL_PAGE_KB) / 1024)} MB`;
}
