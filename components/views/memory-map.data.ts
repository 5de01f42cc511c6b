// The memory map's rows: for each process its regions and pages, each page with its frame and
// whether it is private, shared or copy-on-write, plus the copy-on-write faults of this step.
// The page kinds and faults come from the model's inspect layer (src/os-model/inspect/pages.ts);
// this module only arranges them and words them for the view.
import type { KEvent, Machine, PageKind, RegionKind } from '../../src/os-model/index.ts';
import {
  PAGE_KINDS,
  cowFaults,
  frameMappers,
  get,
  memoryOf,
  pagesOf,
  size,
} from '../../src/os-model/index.ts';

/** A page's kind as the model's inspect layer classifies it (src/os-model/inspect/pages.ts). */
export type PageState = PageKind;

/** Letter, label and meaning of each page kind (the legend), from the model. */
export const PAGE_STATES = PAGE_KINDS;

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

function pidList(pids: number[]): string {
  const names = pids.map((p) => `PID ${p}`);
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
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
  const mappers = frameMappers(m);
  const faultNotes: string[] = [];
  const procs = pids.map((pid): ProcMemory => {
    const p = get(m.procs, pid);
    const faults = cowFaults(events, pid);
    for (const f of faults)
      faultNotes.push(
        f.copied
          ? `PID ${pid} wrote to copy-on-write page ${f.page}: it faulted and the kernel copied the page into a new frame of its own.`
          : `PID ${pid} wrote to copy-on-write page ${f.page}: it faulted, and since nobody else maps the frame any more the kernel just made it writable.`,
      );
    const counts = memoryOf(m, pid);
    if (!p) return { pid, name: '', status: 'gone', regions: [], counts, faults };
    const regionPages = pagesOf(m, pid, mappers);
    if (regionPages === null)
      return { pid, name: p.name, status: 'zombie', regions: [], counts, faults };
    const stacks = regionPages.filter((r) => r.region.kind === 'stack').length;
    const regions = regionPages.map(({ region: r, pages: info }): RegionRow => {
      const label = regionLabel(r.kind, r.tid, pid, stacks);
      const pages = info.map((g): PageRow => {
        const fault = faults.find((f) => f.page === g.vpage);
        const row = {
          vpage: g.vpage,
          frame: g.frame,
          refs: g.refs,
          writable: g.writable,
          cow: g.cow,
          state: g.kind,
          sharedWith: g.sharedWith,
          fault: fault ? (fault.copied ? 'copied' : 'reused') : null,
        } satisfies Omit<PageRow, 'text'>;
        return { ...row, text: describe(row, label) };
      });
      return { kind: r.kind, label, start: r.start, pages };
    });
    return { pid, name: p.name, status: 'ok', regions, counts, faults };
  });
  return { procs, frames: size(m.frames), faultNotes };
}
