// RSS, PSS and USS of a process, the three memory figures Linux reports in /proc/PID/smaps_rollup
// (proc(5)), worked out from the model's page tables and frames:
//   RSS  resident set size: every page mapped by the process, shared or not;
//   PSS  proportional set size: each page counts 1/n when n processes map its frame;
//   USS  unique set size: the pages whose frame only this process maps (Private_Clean +
//        Private_Dirty in smaps_rollup).
// A frame's `refs` is its mapcount: how many page-table entries, across all processes, map it
// (vm.ts keeps it exact through fork, copy-on-write, exit and exec).
//
// Scale. The model's pages are few and large: a teaching picture, not a byte count. Where a
// chapter wants real-scale figures it multiplies by `pageKb`; MODEL_PAGE_KB (1,024 kB per model
// page) makes the postgres-full scenario's idle backend, 13 pages resident of which 1 is its own,
// read as about 13 MB RSS and 1 MB USS, beside the measured 13.1 MB and 1.06 MB
// (public/data/calibration.md §4a; §6 rows "idle backend RSS" and "idle backend USS").
import type { Machine } from '../kernel/types.ts';
import { get, values } from '../kernel/table.ts';

/** Kilobytes one model page stands for in real-scale readouts (see the header comment). */
export const MODEL_PAGE_KB = 1024;

export type Smaps = {
  pid: number;
  name: string;
  /** Pages mapped (resident). */
  rss: number;
  /** Σ over mapped pages of 1 / (processes mapping the frame). */
  pss: number;
  /** Pages whose frame no other process maps. */
  uss: number;
};

export type SmapsTotals = { rss: number; pss: number; uss: number };

/**
 * RSS, PSS and USS of process `pid`, in model pages. A zombie (its memory is freed) or an unknown
 * pid has all three 0. Precondition: none. Never fails.
 */
export function smapsOf(m: Machine, pid: number): Smaps {
  const p = get(m.procs, pid);
  const out: Smaps = { pid, name: p?.name ?? '', rss: 0, pss: 0, uss: 0 };
  const mm = p?.mm;
  if (!mm) return out;
  for (const k in mm.pt) {
    const refs = get(m.frames, mm.pt[k].f)?.refs ?? 1;
    out.rss++;
    out.pss += 1 / refs;
    if (refs === 1) out.uss++;
  }
  return out;
}

/**
 * smapsOf for every process that has memory (zombies have none), by PID, and the sums of each
 * column. The PSS column sums to the number of distinct frames mapped: the memory really used.
 * Precondition: none. Never fails.
 */
export function smapsAll(
  m: Machine,
  filter: (pid: number) => boolean = () => true,
): { rows: Smaps[]; total: SmapsTotals } {
  const rows: Smaps[] = [];
  const total: SmapsTotals = { rss: 0, pss: 0, uss: 0 };
  for (const p of values(m.procs)) {
    const pid = p.pid;
    if (!p.mm || !filter(pid)) continue;
    const s = smapsOf(m, pid);
    rows.push(s);
    total.rss += s.rss;
    total.pss += s.pss;
    total.uss += s.uss;
  }
  return { rows, total };
}

/**
 * Distinct frames mapped by the processes `filter` accepts: the physical memory they occupy
 * together, counted a second way (for checking that PSS sums to it). Precondition: none. Never
 * fails.
 */
export function framesMapped(m: Machine, filter: (pid: number) => boolean = () => true): number {
  const seen = new Set<number>();
  for (const p of values(m.procs)) {
    if (!p.mm || !filter(p.pid)) continue;
    for (const k in p.mm.pt) seen.add(p.mm.pt[k].f);
  }
  return seen.size;
}
