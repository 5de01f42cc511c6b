// What each page of an address space is, for readers: private, shared read-only, shared memory
// or copy-on-write, read from the page-table entry and its frame's mapcount the way vm.ts sets
// them (fork marks private writable pages copy-on-write in parent and child and leaves text and
// MAP_SHARED mappings shared; the first write to a copy-on-write page copies it when the frame is
// still shared, or only makes it writable when it is not). Views read these kinds instead of
// working the rules out again.
import type { KEvent, Machine, Pte, Region, RegionKind } from '../kernel/types.ts';
import { get, values } from '../kernel/table.ts';

/**
 * private: only this address space maps the frame (writable, or read-only text);
 * shared-ro: the frame is mapped elsewhere too, read-only without the COW bit (text after fork);
 * shared-rw: a shared mapping (mmap MAP_SHARED) every mapper may write;
 * cow: read-only with the copy-on-write bit: the first write faults.
 */
export type PageKind = 'private' | 'shared-ro' | 'shared-rw' | 'cow';

/** Each kind's one-letter mark, its name and what it means, in words for readers. */
export const PAGE_KINDS: Record<PageKind, { letter: string; label: string; meaning: string }> = {
  private: { letter: 'P', label: 'private', meaning: 'only this process maps the frame' },
  'shared-ro': {
    letter: 'S',
    label: 'shared read-only',
    meaning: 'the frame is mapped by several processes and nobody may write it',
  },
  'shared-rw': {
    letter: 'M',
    label: 'shared memory',
    meaning: 'a shared mapping: every process that maps it may write it',
  },
  cow: {
    letter: 'C',
    label: 'copy-on-write',
    meaning: 'read-only until the first write, which faults and gives the writer its own copy',
  },
};

/**
 * The kind of a page from its page-table entry, its frame's mapcount `refs` and its region. A
 * page with the COW bit stays copy-on-write when it is no longer shared: its next write faults
 * and only makes it writable again. Precondition: none. Never fails.
 */
export function pageKind(pte: Pick<Pte, 'w' | 'cow'>, refs: number, region: RegionKind): PageKind {
  if (pte.cow) return 'cow';
  if (refs > 1) return region === 'shared' && pte.w ? 'shared-rw' : 'shared-ro';
  return 'private';
}

/** One mapped page of a process. */
export type PageInfo = {
  vpage: number;
  frame: number;
  /** How many page-table entries map the frame (the frame's mapcount). */
  refs: number;
  writable: boolean;
  cow: boolean;
  kind: PageKind;
  /** The other processes that map the same frame, by PID. */
  sharedWith: number[];
};

/** A region of an address space with its mapped pages, in address order. */
export type RegionPages = { region: Region; pages: PageInfo[] };

/**
 * Frame number → the PIDs whose page tables map it (each PID once, in PID order). Precondition:
 * none. Never fails.
 */
export function frameMappers(m: Machine): Map<number, number[]> {
  const owners = new Map<number, number[]>();
  for (const p of values(m.procs)) {
    if (!p.mm) continue;
    for (const v in p.mm.pt) {
      const f = p.mm.pt[v].f;
      const list = owners.get(f) ?? [];
      if (!list.includes(p.pid)) list.push(p.pid);
      owners.set(f, list);
    }
  }
  return owners;
}

/**
 * The regions of process `pid` in address order, each with its mapped pages and their kinds;
 * null for a zombie (its memory is freed) or an unknown PID. `mappers` may be passed when several
 * processes of one machine are read (frameMappers of the same machine). Precondition: none.
 * Never fails.
 */
export function pagesOf(
  m: Machine,
  pid: number,
  mappers: Map<number, number[]> = frameMappers(m),
): RegionPages[] | null {
  const mm = get(m.procs, pid)?.mm;
  if (!mm) return null;
  return [...mm.regions]
    .sort((a, b) => a.start - b.start)
    .map((region) => {
      const pages: PageInfo[] = [];
      for (let v = region.start; v < region.start + region.pages; v++) {
        const pte = mm.pt[v];
        if (!pte) continue;
        const refs = get(m.frames, pte.f)?.refs ?? 0;
        pages.push({
          vpage: v,
          frame: pte.f,
          refs,
          writable: pte.w,
          cow: pte.cow,
          kind: pageKind(pte, refs, region.kind),
          sharedWith: (mappers.get(pte.f) ?? []).filter((o) => o !== pid),
        });
      }
      return { region, pages };
    });
}

/**
 * The copy-on-write faults of process `pid` among `events` (one step's), in order: the page, and
 * whether the kernel copied it into a new frame (the frame was still shared) or only made it
 * writable again. Precondition: none. Never fails.
 */
export function cowFaults(events: KEvent[], pid: number): { page: number; copied: boolean }[] {
  const out: { page: number; copied: boolean }[] = [];
  for (const e of events)
    if (e.type === 'cow' && e.pid === pid) out.push({ page: e.page, copied: e.copied });
  return out;
}
