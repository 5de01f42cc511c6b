// Memory map: rows from memoryMapOf and the server-rendered view, on the cow-fork and thread-race
// scenarios. Expected values are worked out from the programs in src/os-model/book/:
// cow-fork's image is text 1, data 2, heap 2, stack 1 page (pages 0, 16–17, 32–33, 64); init
// (PID 1) takes frames 1–4, so PID 2 gets frames 5 (text), 6–7 (data), 8–9 (heap), 10 (stack).
// Under RR with quantum 3, PID 2 runs set, store, fork in steps 1–3; as fork returns it writes its
// stack page, which copies it into frame 11 (the child keeps frame 10, no longer shared).
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createTimeline, type KEvent, type Machine, size } from '../../src/os-model/index.ts';
import MemoryMap from './MemoryMap.svelte';
import { memoryMapOf, type ProcMemory } from './memory-map.data.ts';

type Snap = { machine: Machine; events: KEvent[]; step: number };

function run(scenario: string): Snap[] {
  const r = createTimeline(scenario, 0);
  if (!r.ok) throw new Error(r.error);
  const tl = r.value;
  const snaps: Snap[] = [{ ...tl.current(), step: 0 }];
  while (snaps.length < 200 && tl.forward()) snaps.push({ ...tl.current(), step: tl.cursor });
  return snaps;
}

const cow = run('cow-fork');
const firstWith = (pred: (e: KEvent) => boolean) => {
  const s = cow.find((x) => x.events.some(pred));
  if (!s) throw new Error('no such step');
  return s;
};
const pages = (p: ProcMemory) => p.regions.flatMap((r) => r.pages);

describe('memoryMapOf on cow-fork', () => {
  it('before fork: PID 2 has six private pages in its own frames', () => {
    const [p] = memoryMapOf(cow[2].machine, cow[2].events, [2]).procs;
    expect(p.status).toBe('ok');
    expect(p.regions.map((r) => r.label)).toEqual(['text', 'data', 'heap', 'stack']);
    expect(pages(p).map((g) => [g.vpage, g.frame, g.state])).toEqual([
      [0, 5, 'private'],
      [16, 6, 'private'],
      [17, 7, 'private'],
      [32, 8, 'private'],
      [33, 9, 'private'],
      [64, 10, 'private'],
    ]);
    expect(p.counts).toEqual({ resident: 6, shared: 0, private: 6 });
  });

  it('after fork: parent and child map the same frames, text read-only, the rest COW but the stack, which the parent copied as fork returned', () => {
    const s = cow[3];
    expect(s.events.some((e) => e.type === 'fork')).toBe(true);
    const { procs } = memoryMapOf(s.machine, s.events, [2, 3]);
    const shared = [
      [0, 5, 'shared-ro', false, 2],
      [16, 6, 'cow', false, 2],
      [17, 7, 'cow', false, 2],
      [32, 8, 'cow', false, 2],
      [33, 9, 'cow', false, 2],
    ];
    const [parent, child] = procs;
    expect(pages(parent).map((g) => [g.vpage, g.frame, g.state, g.writable, g.refs])).toEqual([
      ...shared,
      [64, 11, 'private', true, 1],
    ]);
    expect(pages(child).map((g) => [g.vpage, g.frame, g.state, g.writable, g.refs])).toEqual([
      ...shared,
      [64, 10, 'cow', false, 1],
    ]);
    expect(parent.faults).toEqual([{ page: 64, copied: true }]);
    for (const p of procs) {
      expect(p.counts).toEqual({ resident: 6, shared: 5, private: 1 });
      expect(pages(p).filter((g) => g.sharedWith.length === 1)).toHaveLength(5);
    }
    expect(pages(procs[0])[1].sharedWith).toEqual([3]);
    expect(pages(procs[1])[1].sharedWith).toEqual([2]);
  });

  it("the child's write to counter faults and copies page 16 into a new frame (12)", () => {
    const s = firstWith((e) => e.type === 'cow' && e.page === 16);
    const d = memoryMapOf(s.machine, s.events, [2, 3]);
    const [parent, child] = d.procs;
    expect(child.faults).toEqual([{ page: 16, copied: true }]);
    expect(parent.faults).toEqual([]);
    const c16 = pages(child).find((g) => g.vpage === 16)!;
    expect([c16.frame, c16.state, c16.writable, c16.fault]).toEqual([
      12,
      'private',
      true,
      'copied',
    ]);
    // The parent still maps frame 6 with the COW bit, now alone (refs 1).
    const p16 = pages(parent).find((g) => g.vpage === 16)!;
    expect([p16.frame, p16.state, p16.refs, p16.fault]).toEqual([6, 'cow', 1, null]);
    // private: the stack page and page 16 in each
    expect(parent.counts).toEqual({ resident: 6, shared: 4, private: 2 });
    expect(child.counts).toEqual({ resident: 6, shared: 4, private: 2 });
    expect(d.faultNotes).toHaveLength(1);
    expect(d.faultNotes[0]).toMatch(/PID 3 .*page 16.*copied/);
  });

  it("the parent's later write only makes its page writable again (reused)", () => {
    const s = firstWith((e) => e.type === 'cow' && e.pid === 2 && e.page === 16);
    const [p] = memoryMapOf(s.machine, s.events, [2]).procs;
    expect(p.faults).toEqual([{ page: 16, copied: false }]);
    const p16 = pages(p).find((g) => g.vpage === 16)!;
    expect([p16.frame, p16.state, p16.writable, p16.fault]).toEqual([6, 'private', true, 'reused']);
  });

  it('a zombie has no memory and a reaped process is gone', () => {
    const z = firstWith((e) => e.type === 'exit' && e.pid === 3);
    expect(memoryMapOf(z.machine, z.events, [3]).procs[0].status).toBe('zombie');
    const g = firstWith((e) => e.type === 'reap' && e.child === 3);
    expect(memoryMapOf(g.machine, g.events, [3]).procs[0].status).toBe('gone');
  });
});

describe('memoryMapOf on thread-race', () => {
  it('threads share one address space: one stack per thread, all pages private', () => {
    const snaps = run('thread-race');
    const s = snaps.find((x) => size(x.machine.tasks) === 4)!; // init, main, 2 threads
    const [p] = memoryMapOf(s.machine, s.events, [2]).procs;
    // tids come from the pid counter: init 1, main 2, the threads 3 and 4; their stacks are
    // pages 65 and 66 above the main stack (64).
    expect(p.regions.map((r) => [r.label, r.start])).toEqual([
      ['text', 0],
      ['data', 16],
      ['heap', 32],
      ['stack (thread 2)', 64],
      ['stack (thread 3)', 65],
      ['stack (thread 4)', 66],
    ]);
    expect(pages(p).every((g) => g.state === 'private')).toBe(true);
  });
});

describe('<MemoryMap> server render', () => {
  it('shows both processes after fork with letters, frames and the counts', () => {
    const s = cow[3];
    const html = render(MemoryMap, {
      props: { machine: s.machine, events: s.events, pids: [2, 3] },
    }).body;
    expect(html).toContain('<h3');
    expect(html).toContain('Memory map');
    expect(html).toMatch(/aria-labelledby="[^"]+-h"/);
    expect(html).toContain('PID 2');
    expect(html).toContain('PID 3');
    expect(html).toContain(
      'Page 16 (data) → frame 6: copy-on-write, read-only, shared with PID 3 (a write copies it)',
    );
    expect(html).toContain('Page 0 (text) → frame 5: shared read-only, read-only, with PID 3');
    // data and heap copy-on-write in both, and the child's stack (its parent copied its own)
    expect(html.match(/class="pg state-cow[ "]/g)).toHaveLength(9);
    expect(html.match(/class="pg state-shared-ro[ "]/g)).toHaveLength(2);
    expect(html).toMatch(/>6<\/strong> pages resident/);
    expect(html).toContain('Fault this step');
    expect(html).toContain('PID 2 wrote to copy-on-write page 64');
    // the text alternative and the focusable scroll region
    expect(html).toContain('<table');
    expect(html).toMatch(/class="scroll[^"]*"[^>]*tabindex="0"[^>]*role="group"/);
  });

  it('marks the fault of this step in the boxes, the note and the table', () => {
    const s = firstWith((e) => e.type === 'cow' && e.page === 16);
    const html = render(MemoryMap, {
      props: { machine: s.machine, events: s.events, pids: [2, 3] },
    }).body;
    expect(html).toContain('Fault this step');
    expect(html).toMatch(/class="pg state-private[^"]* fault"/);
    expect(html).toContain('copy-on-write fault this step: copied to a new frame');
    expect(html).toContain('fault: copied');
    expect(html).toContain('Page 16 (data) → frame 6: copy-on-write, read-only, no longer shared');
  });

  it('says so for a zombie and with no process', () => {
    const z = firstWith((e) => e.type === 'exit' && e.pid === 3);
    const html = render(MemoryMap, {
      props: { machine: z.machine, events: z.events, pids: [3] },
    }).body;
    expect(html).toContain('PID 3 is a zombie');
    const none = render(MemoryMap, { props: { machine: z.machine, events: [], pids: [] } }).body;
    expect(none).toContain('No process to show.');
  });
});
