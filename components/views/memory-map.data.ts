// The memory map's rows: for each process its regions and pages, each page with its frame and
// whether it is private, shared or copy-on-write, plus the copy-on-write faults of this step.
// Reads the machine only; what a fault does is decided by the model (src/os-model/kernel/vm.ts).
import type { KEvent, Machine, RegionKind } from '../../src/os-model/index.ts';
import { memoryOf, get, values, size } from '../../src/os-model/index.ts';

/**
 * private: only this address space maps the frame (writable, or read-only text);
 * shared-ro: the frame is mapped elsewhere too, read-only without the COW bit (text after fork);
 * shared-rw: a shared mapping (mmap MAP_SHARED) every mapper may write;
 * cow: read-only with the copy-on-write bit: the first write faults.
 */
export type PageState = 'private' | 'shared-ro' | 'shared-rw' | 'cow';

export const PAGE_STATES: Record<PageState, { letter: string; label: string; meaning: string }> = {
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

export type Fault = 'copied' | 'reused';

export type PageRow = {
  vpage: number;
  frame: number;
  /** How many page-table entries map the frame (the frame's reference count). */
  refs: number;
  writable: boolean;
  cow: boolean;
  state: PageState;
  /** Other processes that map the same frame. */
  sharedWith: number[];
  /** A copy-on-write fault on this page in this step. */
  fault: Fault | null;
  /** One sentence describing the page, for screen readers and the text table. */
  text: string;
};

export type RegionRow = { kind: RegionKind; label: string; start: number; pages: PageRow[] };

export type ProcMemory = {
  pid: number;
  name: string;
  /** ok: has an address space; zombie: exited, memory freed; gone: no such process. */
  status: 'ok' | 'zombie' | 'gone';
  regions: RegionRow[];
  counts: { resident: number; shared: number; private: number };
  faults: { page: number; copied: boolean }[];
};

export type MemoryMapData = {
  procs: ProcMemory[];
  /** Frames in use in the whole machine. */
  frames: number;
  /** One sentence per copy-on-write fault of this step, for the shown processes. */
  faultNotes: string[];
};

/** Frame number -> the pids that map it (each pid once). */
function frameOwners(m: Machine): Map<number, number[]> {
  const owners = new Map<number, number[]>();
  for (const p of values(m.procs)) {
    if (!p.mm) continue;
    for (const v of Object.keys(p.mm.pt)) {
      const f = p.mm.pt[Number(v)].f;
      const list = owners.get(f) ?? [];
      if (!list.includes(p.pid)) list.push(p.pid);
      owners.set(f, list);
    }
  }
  return owners;
}

function pidList(pids: number[]): string {
  const names = pids.map((p) => `PID ${p}`);
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The state of one page from its page-table entry and its frame. Precondition: none. Never fails.
 */
export function pageState(
  pte: { w: boolean; cow: boolean },
  refs: number,
  kind: RegionKind,
): PageState {
  if (pte.cow) return 'cow';
  if (refs > 1) return kind === 'shared' && pte.w ? 'shared-rw' : 'shared-ro';
  return 'private';
}

function regionLabel(kind: RegionKind, tid: number, pid: number, stacks: number): string {
  if (kind !== 'stack') return kind;
  return stacks > 1 || tid !== pid ? `stack (thread ${tid})` : 'stack';
}

function describe(page: Omit<PageRow, 'text'>, region: string): string {
  const info = PAGE_STATES[page.state];
  const parts = [
    `Page ${page.vpage} (${region}) → frame ${page.frame}: ${info.label}`,
    page.writable ? 'writable' : 'read-only',
  ];
  if (page.state === 'cow')
    parts.push(
      page.refs > 1
        ? `shared with ${pidList(page.sharedWith) || 'another mapping'} (a write copies it)`
        : 'no longer shared (a write just makes it writable)',
    );
  else if (page.state !== 'private' && page.sharedWith.length > 0)
    parts.push(`with ${pidList(page.sharedWith)}`);
  if (page.fault === 'copied') parts.push('copy-on-write fault this step: copied to a new frame');
  if (page.fault === 'reused')
    parts.push('copy-on-write fault this step: made writable, no copy needed');
  return parts.join(', ') + '.';
}

/**
 * The memory map of processes `pids` in `m`, marking the copy-on-write faults among `events`.
 * Precondition: none. Never fails (a zombie or unknown pid gets an empty entry with its status).
 */
export function memoryMapOf(m: Machine, events: KEvent[], pids: number[]): MemoryMapData {
  const owners = frameOwners(m);
  const faultNotes: string[] = [];
  const procs = pids.map((pid): ProcMemory => {
    const p = get(m.procs, pid);
    const faults = events
      .filter((e) => e.type === 'cow' && e.pid === pid)
      .map((e) =>
        e.type === 'cow' ? { page: e.page, copied: e.copied } : { page: 0, copied: false },
      );
    for (const f of faults)
      faultNotes.push(
        f.copied
          ? `PID ${pid} wrote to copy-on-write page ${f.page}: it faulted and the kernel copied the page into a new frame of its own.`
          : `PID ${pid} wrote to copy-on-write page ${f.page}: it faulted, and since nobody else maps the frame any more the kernel just made it writable.`,
      );
    const counts = memoryOf(m, pid);
    if (!p) return { pid, name: '', status: 'gone', regions: [], counts, faults };
    if (!p.mm) return { pid, name: p.name, status: 'zombie', regions: [], counts, faults };
    const mm = p.mm;
    const stacks = mm.regions.filter((r) => r.kind === 'stack').length;
    const regions = [...mm.regions]
      .sort((a, b) => a.start - b.start)
      .map((r): RegionRow => {
        const label = regionLabel(r.kind, r.tid, pid, stacks);
        const pages: PageRow[] = [];
        for (let v = r.start; v < r.start + r.pages; v++) {
          const pte = mm.pt[v];
          if (!pte) continue;
          const refs = get(m.frames, pte.f)?.refs ?? 0;
          const fault = faults.find((f) => f.page === v);
          const row = {
            vpage: v,
            frame: pte.f,
            refs,
            writable: pte.w,
            cow: pte.cow,
            state: pageState(pte, refs, r.kind),
            sharedWith: (owners.get(pte.f) ?? []).filter((o) => o !== pid),
            fault: fault ? (fault.copied ? 'copied' : 'reused') : null,
          } satisfies Omit<PageRow, 'text'>;
          pages.push({ ...row, text: describe(row, label) });
        }
        return { kind: r.kind, label, start: r.start, pages };
      });
    return { pid, name: p.name, status: 'ok', regions, counts, faults };
  });
  return { procs, frames: size(m.frames), faultNotes };
}
