// The words of memory a process sees in one of its regions: what a "memory cells" view draws.
// Read-only: a page never written reads as zeros, as a fresh anonymous page does.
import type { Machine, RegionKind } from '../kernel/types.ts';
import { get } from '../kernel/table.ts';
import { PAGE_WORDS } from '../kernel/program.ts';

export type Word = { addr: number; value: number };

/**
 * The words of process `pid`'s first region of kind `kind`, in address order (PAGE_WORDS per
 * page). Precondition: none. Failure: [] when there is no such process, it has no memory (a
 * zombie) or no such region.
 */
export function wordsOf(m: Machine, pid: number, kind: RegionKind): Word[] {
  const mm = get(m.procs, pid)?.mm;
  const r = mm?.regions.find((x) => x.kind === kind);
  if (!mm || !r) return [];
  const out: Word[] = [];
  for (let v = r.start; v < r.start + r.pages; v++) {
    const pte = mm.pt[v];
    const d = pte ? get(m.frames, pte.f)?.d : null;
    for (let i = 0; i < PAGE_WORDS; i++)
      out.push({ addr: v * PAGE_WORDS + i, value: d ? d[i] : 0 });
  }
  return out;
}
