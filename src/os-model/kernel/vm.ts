// Address spaces: regions (text, data, heap, stack, shared) over pages mapped to frames with
// reference counts. fork shares private pages copy-on-write; the first write faults and copies
// (or, when the frame is no longer shared, just makes it writable again).
import type { Image, KEvent, Machine, Mm, Proc, Pte, RegionKind } from './types.ts';
import { PAGE_WORDS, REGION_START } from './program.ts';
import { get, keys } from './table.ts';
import { erase, insert, own, writable } from './own.ts';

function allocFrame(m: Machine, kind: RegionKind, d: number[] | null = null): number {
  const f = m.nextFrame++;
  insert(m, 'frames', f, { refs: 1, kind, d });
  return f;
}

/**
 * With config.pageCache, the frame caching page `page` of program `file`'s text, mapped once more
 * (refs + 1), or a new one tagged with it; without, a new frame as allocFrame. Never fails.
 * Precondition: none.
 */
function textFrame(m: Machine, file: string | undefined, page: number): number {
  if (!m.config.pageCache || file === undefined) return allocFrame(m, 'text');
  const tag = `${file}:${page}`;
  for (const k of keys(m.frames))
    if (get(m.frames, k)!.file === tag) {
      writable(m, 'frames', k).refs++;
      return k;
    }
  const f = allocFrame(m, 'text');
  writable(m, 'frames', f).file = tag;
  return f;
}

function decref(m: Machine, f: number): void {
  const fr = writable(m, 'frames', f);
  if (--fr.refs === 0) erase(m, 'frames', f);
}

/**
 * A fresh address space for `image`, every page backed by a new frame; the stack belongs to
 * task `tid`. Text is read-only; with config.pageCache and the program's name `file`, its text
 * frames are the program's cached ones, shared with every process running it. Precondition:
 * none. Never fails.
 */
export function vmNew(m: Machine, image: Image, tid: number, file?: string): Mm {
  const mm: Mm = { regions: [], pt: {} };
  const kinds: RegionKind[] = ['text', 'data', 'heap', 'shared', 'stack'];
  for (const kind of kinds) {
    const pages = image[kind];
    if (pages <= 0) continue;
    const start = REGION_START[kind];
    mm.regions.push({ kind, start, pages, tid: kind === 'stack' ? tid : 0 });
    for (let i = 0; i < pages; i++)
      mm.pt[start + i] = {
        f: kind === 'text' ? textFrame(m, file, i) : allocFrame(m, kind),
        w: kind !== 'text',
        cow: false,
      };
  }
  return mm;
}

/**
 * fork's copy of `mm`: every page shares its frame (refcount + 1). Private writable pages
 * become read-only copy-on-write in both parent and child; shared mappings stay writable; only
 * the calling task's stack is copied, owned by the child's task `childTid`. Never fails.
 * Precondition: `mm` is writable (own.ts) and every page of it maps an existing frame.
 */
export function vmFork(m: Machine, mm: Mm, callerTid: number, childTid: number): Mm {
  const child: Mm = { regions: [], pt: {} };
  for (const r of mm.regions) {
    if (r.kind === 'stack' && r.tid !== callerTid) continue;
    child.regions.push(r.kind === 'stack' ? { ...r, tid: childTid } : r);
    for (let v = r.start; v < r.start + r.pages; v++) {
      const pte = mm.pt[v];
      if (!pte) continue;
      writable(m, 'frames', pte.f).refs++;
      if (r.kind === 'shared' || r.kind === 'text') child.pt[v] = pte;
      else {
        const ro = { f: pte.f, w: false, cow: true };
        own(m, mm, 'pt')[v] = ro;
        child.pt[v] = ro;
      }
    }
  }
  return child;
}

/**
 * Drops every mapping of `mm` (frames freed when their refcount reaches 0). Never fails.
 * Precondition: `mm` is writable (own.ts).
 */
export function vmFree(m: Machine, mm: Mm): void {
  for (const k in mm.pt) decref(m, mm.pt[k].f);
  mm.pt = {};
  mm.regions = [];
}

/**
 * Maps a one-page stack for thread `tid` above the others; returns its stack pointer. Precondition:
 * `mm` is writable (own.ts). Never fails.
 */
export function vmAddStack(m: Machine, mm: Mm, tid: number): number {
  let v = REGION_START.stack;
  while (mm.pt[v]) v++;
  own(m, mm, 'regions').push({ kind: 'stack', start: v, pages: 1, tid });
  own(m, mm, 'pt')[v] = { f: allocFrame(m, 'stack'), w: true, cow: false };
  return (v + 1) * PAGE_WORDS - 1;
}

/**
 * Unmaps thread `tid`'s stack region, if it has one. Never fails. Precondition: `mm` is writable
 * (own.ts).
 */
export function vmRemoveStack(m: Machine, mm: Mm, tid: number): void {
  const i = mm.regions.findIndex((r) => r.kind === 'stack' && r.tid === tid);
  if (i < 0) return;
  const r = mm.regions[i];
  const pt = own(m, mm, 'pt');
  for (let v = r.start; v < r.start + r.pages; v++) {
    if (pt[v]) decref(m, pt[v].f);
    delete pt[v];
  }
  mm.regions = mm.regions.filter((_, j) => j !== i);
}

/**
 * Reads the word at `addr`. Failure: null when the page is not mapped (a segfault). Precondition:
 * none.
 */
export function memRead(m: Machine, p: Proc, addr: number): number | null {
  const pte = p.mm?.pt[Math.floor(addr / PAGE_WORDS)];
  if (!pte || addr < 0) return null;
  const d = get(m.frames, pte.f)!.d;
  return d ? d[addr % PAGE_WORDS] : 0;
}

/**
 * The write fault of a copy-on-write page `vpage` of `p`: while the frame is still shared it is
 * copied, otherwise it is just made writable; a 'cow' event says which. Returns the page's entry,
 * now writable. Failure: null when the page is not mapped, or is read-only and not copy-on-write
 * (text: a write there is a segfault). Precondition: `p` is writable (own.ts).
 */
function writeFault(m: Machine, ev: KEvent[], p: Proc, vpage: number): Pte | null {
  let pte = p.mm?.pt[vpage];
  if (!p.mm || !pte) return null;
  if (pte.w) return pte;
  if (!pte.cow) return null;
  const fr = writable(m, 'frames', pte.f);
  const copied = fr.refs > 1;
  if (copied) {
    fr.refs--;
    pte = { f: allocFrame(m, fr.kind, fr.d ? fr.d.slice() : null), w: true, cow: false };
    own(m, m, 'stats').cowCopies++;
  } else {
    pte = { f: pte.f, w: true, cow: false };
    own(m, m, 'stats').cowReuses++;
  }
  own(m, own(m, p, 'mm')!, 'pt')[vpage] = pte;
  // a frame keeps the kind of the region it was made for (and a copy the kind of the original)
  ev.push({ type: 'cow', t: m.clock, pid: p.pid, page: vpage, region: fr.kind, copied });
  return pte;
}

/**
 * Writes `v` at `addr`. A write to a copy-on-write page faults first: if the frame is still
 * shared it is copied, otherwise it is just made writable. Failure: false when the page is not
 * mapped or is read-only text (a segfault). Precondition: `p` is writable (own.ts).
 */
export function memWrite(m: Machine, ev: KEvent[], p: Proc, addr: number, v: number): boolean {
  if (addr < 0) return false;
  const pte = writeFault(m, ev, p, Math.floor(addr / PAGE_WORDS));
  if (!pte) return false;
  const fr = writable(m, 'frames', pte.f);
  if (!fr.d) fr.d = new Array<number>(PAGE_WORDS).fill(0);
  fr.d[addr % PAGE_WORDS] = v; // a writable frame's words are its own (own.ts)
  return true;
}

/**
 * A running task writes its stack page all the time (return addresses, saved registers, locals),
 * so the first instruction it runs after a fork, and the parent's return from fork itself, write
 * it: if that page is still copy-on-write it faults here, exactly as memWrite's fault (the words
 * the model keeps are unchanged). Nothing happens when the page is already writable. Never fails.
 * Precondition: `p` is task `sp`'s process and writable (own.ts).
 */
export function touchStack(m: Machine, ev: KEvent[], p: Proc, sp: number): void {
  const vpage = Math.floor(sp / PAGE_WORDS);
  const pte = p.mm?.pt[vpage];
  if (pte && !pte.w && pte.cow) writeFault(m, ev, p, vpage);
}

/**
 * Memory of process `pid` in pages: resident (mapped), shared (frame also mapped elsewhere) and
 * private (mapped only here). A zombie or unknown pid has none. Never fails. Precondition: none.
 */
export function memoryOf(
  m: Machine,
  pid: number,
): { resident: number; shared: number; private: number } {
  const mm = get(m.procs, pid)?.mm;
  let resident = 0;
  let shared = 0;
  if (mm)
    for (const k in mm.pt) {
      resident++;
      if (get(m.frames, mm.pt[k].f)!.refs > 1) shared++;
    }
  return { resident, shared, private: resident - shared };
}
