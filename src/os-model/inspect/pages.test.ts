// Page kinds, worked out by hand from the programs and vm.ts's rules.
// cow-fork (book/ch05-fork-exec-wait): init (PID 1) has one page each of text, data, heap and
// stack, in frames 1–4; PID 2's image is text 1, data 2, heap 2, stack 1 page (pages 0, 16–17,
// 32–33, 64) in frames 5–10. Under RR with quantum 3 PID 2 runs set, store, fork in steps 1–3:
// fork shares every frame (mapcount 2); text stays read-only shared, data, heap and the caller's
// stack become copy-on-write in both. As fork returns the parent writes its stack: page 64 is
// copied into frame 11 for the parent, and the child keeps frame 10, COW but mapped once. The
// child's store to page 16 copies it into frame 12 (its own, writable); after the child is reaped
// the parent's store to page 16 finds frame 6 mapped once and only makes it writable (no copy);
// the parent's other pages keep the COW bit alone.
// postgres (book/ch07-process-per-connection): the postmaster (PID 2) also maps 4 shared pages
// (48–51, frames 10–13); its first fork leaves them writable and shared with the backend.
import { describe, expect, it } from 'vitest';
import { createTimeline, type KEvent, type Machine } from '../index.ts';
import { cowFaults, frameMappers, pageKind, pagesOf, PAGE_KINDS } from './pages.ts';

type Snap = { machine: Machine; events: KEvent[] };

/** The first step of `scenario` (seed 0) whose events satisfy `pred`. */
function firstWith(scenario: string, pred: (e: KEvent) => boolean): Snap {
  const r = createTimeline(scenario, 0);
  if (!r.ok) throw new Error(r.error);
  const tl = r.value;
  for (let i = 0; i < 300 && tl.forward(); i++) {
    const s = tl.current();
    if (s.events.some(pred)) return s;
  }
  throw new Error(`no such step in ${scenario}`);
}

/** vpage:frame:kind for each page, region by region. */
function kinds(m: Machine, pid: number) {
  return pagesOf(m, pid)?.map((r) => [
    r.region.kind,
    r.pages.map((p) => `${p.vpage}:${p.frame}:${p.kind}`),
  ]);
}

describe('pageKind', () => {
  it('the COW bit wins; otherwise a frame mapped twice is shared, writable only in a shared region', () => {
    expect(pageKind({ w: false, cow: true }, 2, 'data')).toBe('cow');
    expect(pageKind({ w: false, cow: true }, 1, 'data')).toBe('cow');
    expect(pageKind({ w: true, cow: false }, 1, 'heap')).toBe('private');
    expect(pageKind({ w: false, cow: false }, 1, 'text')).toBe('private');
    expect(pageKind({ w: false, cow: false }, 2, 'text')).toBe('shared-ro');
    expect(pageKind({ w: true, cow: false }, 3, 'shared')).toBe('shared-rw');
    expect(pageKind({ w: false, cow: false }, 3, 'shared')).toBe('shared-ro');
  });

  it('every kind has a distinct letter and a label', () => {
    const letters = Object.values(PAGE_KINDS).map((k) => k.letter);
    expect(new Set(letters).size).toBe(4);
    expect(PAGE_KINDS.cow.label).toBe('copy-on-write');
  });
});

describe('pagesOf on cow-fork', () => {
  const fork = firstWith('cow-fork', (e) => e.type === 'fork');

  it('after fork: text shared read-only, the rest copy-on-write, in both processes, but the stack the parent copied as fork returned', () => {
    const shared = [
      ['text', ['0:5:shared-ro']],
      ['data', ['16:6:cow', '17:7:cow']],
      ['heap', ['32:8:cow', '33:9:cow']],
    ];
    expect(kinds(fork.machine, 2)).toEqual([...shared, ['stack', ['64:11:private']]]);
    expect(kinds(fork.machine, 3)).toEqual([...shared, ['stack', ['64:10:cow']]]);
    expect(cowFaults(fork.events, 2)).toEqual([{ page: 64, copied: true }]);
    const parent = pagesOf(fork.machine, 2)!
      .filter((r) => r.region.kind !== 'stack')
      .flatMap((r) => r.pages);
    expect(parent.every((p) => p.refs === 2 && !p.writable)).toBe(true);
    expect(parent.every((p) => p.sharedWith.join() === '3')).toBe(true);
    // init shares nothing
    expect(kinds(fork.machine, 1)!.flatMap(([, ps]) => ps)).toEqual([
      '0:1:private',
      '16:2:private',
      '32:3:private',
      '64:4:private',
    ]);
  });

  it("the child's write to counter copies page 16 into frame 12; the parent's frame 6 keeps the bit, alone", () => {
    const s = firstWith('cow-fork', (e) => e.type === 'cow' && e.page === 16);
    expect(cowFaults(s.events, 3)).toEqual([{ page: 16, copied: true }]);
    expect(cowFaults(s.events, 2)).toEqual([]);
    const child = pagesOf(s.machine, 3)!.find((r) => r.region.kind === 'data')!.pages;
    expect(child.map((p) => [p.vpage, p.frame, p.kind, p.writable, p.refs])).toEqual([
      [16, 12, 'private', true, 1],
      [17, 7, 'cow', false, 2],
    ]);
    const parent = pagesOf(s.machine, 2)!.find((r) => r.region.kind === 'data')!.pages;
    expect(parent.map((p) => [p.vpage, p.frame, p.kind, p.refs, p.sharedWith])).toEqual([
      [16, 6, 'cow', 1, []],
      [17, 7, 'cow', 2, [3]],
    ]);
  });

  it("the parent's write after the reap reuses frame 6; a zombie has no pages", () => {
    const s = firstWith('cow-fork', (e) => e.type === 'cow' && e.pid === 2 && e.page === 16);
    expect(cowFaults(s.events, 2)).toEqual([{ page: 16, copied: false }]);
    expect(kinds(s.machine, 2)).toEqual([
      ['text', ['0:5:private']],
      ['data', ['16:6:private', '17:7:cow']],
      ['heap', ['32:8:cow', '33:9:cow']],
      ['stack', ['64:11:private']],
    ]);
    const z = firstWith('cow-fork', (e) => e.type === 'exit' && e.pid === 3);
    expect(pagesOf(z.machine, 3)).toBeNull();
    expect(pagesOf(z.machine, 99)).toBeNull();
  });

  it('frameMappers lists every PID that maps a frame, once, in PID order', () => {
    const owners = frameMappers(fork.machine);
    expect(owners.get(5)).toEqual([2, 3]);
    expect(owners.get(1)).toEqual([1]);
    // the stack: the parent's copy (frame 11) and the child's original (frame 10), one each
    expect(owners.get(11)).toEqual([2]);
    expect(owners.get(10)).toEqual([3]);
    expect(owners.has(12)).toBe(false);
  });
});

describe('pagesOf on postgres', () => {
  it('shared memory stays writable and shared after the postmaster forks a backend', () => {
    const s = firstWith('postgres', (e) => e.type === 'fork');
    for (const [pid, other] of [
      [2, 3],
      [3, 2],
    ]) {
      const shared = pagesOf(s.machine, pid)!.find((r) => r.region.kind === 'shared')!.pages;
      expect(shared.map((p) => [p.vpage, p.frame, p.kind, p.writable, p.sharedWith])).toEqual(
        [48, 49, 50, 51].map((v, i) => [v, 10 + i, 'shared-rw', true, [other]]),
      );
    }
  });
});
