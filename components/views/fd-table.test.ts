// File descriptors: fdTableOf and the server-rendered view on shared-offset and pipe. Expected
// values come from the programs (src/os-model/book/): a spawned process gets fds 0–2 on one
// console entry (#1, the first open file); shared-offset opens out.txt as fd 3 (entry #2), forks,
// the child writes "child\n" (6 bytes) and exits, then the parent writes "parent\n" (7 bytes) at
// the shared offset and closes fd 3. pipe makes fds 3 (read end) and 4 (write end), forks, the
// child closes 4 and the parent closes 3, then writes "hello\n".
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createTimeline, type KEvent, type Machine } from '../../src/os-model/index.ts';
import FdTable from './FdTable.svelte';
import { fdTableOf, holderGroups, holdersText } from './fd-table.data.ts';

type Snap = { machine: Machine; events: KEvent[] };

function run(scenario: string): Snap[] {
  const r = createTimeline(scenario, 0);
  if (!r.ok) throw new Error(r.error);
  const tl = r.value;
  const snaps: Snap[] = [tl.current()];
  while (snaps.length < 200 && tl.forward()) snaps.push(tl.current());
  return snaps;
}

function finder(snaps: Snap[]) {
  return (pred: (e: KEvent) => boolean): Snap => {
    const s = snaps.find((x) => x.events.some(pred));
    if (!s) throw new Error('no such step');
    return s;
  };
}

const so = finder(run('shared-offset'));
const pp = finder(run('pipe'));

describe('fdTableOf on shared-offset', () => {
  it('after fork both processes point fd 3 at one entry with refcount 2', () => {
    const s = so((e) => e.type === 'fork');
    const d = fdTableOf(s.machine, s.events, [2, 3]);
    for (const p of d.procs)
      expect(p.fds.map((f) => [f.fd, f.file])).toEqual([
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 2],
      ]);
    const out = d.files.find((f) => f.id === 2)!;
    expect([out.kind, out.name, out.off, out.refs, out.shared]).toEqual([
      'file',
      'out.txt',
      0,
      2,
      true,
    ]);
    expect(out.holders).toEqual([
      { pid: 2, fd: 3 },
      { pid: 3, fd: 3 },
    ]);
    // the console entry: 3 fds in each of the two processes
    const con = d.files.find((f) => f.id === 1)!;
    expect([con.kindLabel, con.refs, con.shared]).toEqual(['console', 6, true]);
    expect(holderGroups(con.holders)).toEqual(['PID 2 fd 0, 1, 2', 'PID 3 fd 0, 1, 2']);
  });

  it("the child's write moves the one shared offset to 6", () => {
    const s = so((e) => e.type === 'write' && e.pid === 3);
    const d = fdTableOf(s.machine, s.events, [2, 3]);
    expect(d.files.find((f) => f.id === 2)!.off).toBe(6);
    expect(d.files.find((f) => f.id === 2)!.changed).toBe(true);
    expect(d.procs[1].fds.find((f) => f.fd === 3)!.change).toBe('written');
    expect(d.procs[0].fds.find((f) => f.fd === 3)!.change).toBe(null);
  });

  it("the parent's write lands after it (offset 13), and close empties fd 3", () => {
    const w = so((e) => e.type === 'write' && e.pid === 2);
    const dw = fdTableOf(w.machine, w.events, [2]);
    const out = dw.files.find((f) => f.id === 2)!;
    // the child has exited and been reaped, so only the parent holds the entry now
    expect([out.off, out.refs, out.shared]).toEqual([13, 1, false]);
    const c = so((e) => e.type === 'close' && e.pid === 2);
    const dc = fdTableOf(c.machine, c.events, [2]);
    expect(dc.procs[0].fds.map((f) => f.fd)).toEqual([0, 1, 2]);
    expect(dc.procs[0].closed).toEqual([3]);
    expect(dc.files.map((f) => f.id)).toEqual([1]);
  });

  it('reports zombies and reaped processes', () => {
    const z = so((e) => e.type === 'exit' && e.pid === 3);
    expect(fdTableOf(z.machine, z.events, [3]).procs[0]).toMatchObject({
      status: 'zombie',
      fds: [],
    });
    const g = so((e) => e.type === 'reap' && e.child === 3);
    expect(fdTableOf(g.machine, g.events, [3]).procs[0].status).toBe('gone');
  });
});

describe('fdTableOf on pipe', () => {
  it('pipe() makes a read end and a write end; fork shares both', () => {
    const made = pp((e) => e.type === 'pipe');
    const d0 = fdTableOf(made.machine, made.events, [2]);
    const ends = d0.procs[0].fds.filter((f) => f.fd >= 3);
    expect(ends.map((f) => [f.fd, f.change])).toEqual([
      [3, 'created'],
      [4, 'created'],
    ]);
    const f = pp((e) => e.type === 'fork');
    const d = fdTableOf(f.machine, f.events, [2, 3]);
    const r = d.files.find((x) => x.kind === 'pipe-r')!;
    const w = d.files.find((x) => x.kind === 'pipe-w')!;
    expect([r.refs, r.shared, holdersText(r.holders)]).toEqual([
      2,
      true,
      'PID 2 fd 3 and PID 3 fd 3',
    ]);
    expect([w.refs, w.shared]).toEqual([2, true]);
    expect(r.name).toBe(w.name);
    expect(r.pipe).toEqual({ buf: '', cap: 16 });
  });

  it("the parent's write leaves 6 bytes in the pipe; each end then has one holder", () => {
    const s = pp((e) => e.type === 'write' && e.pid === 2);
    const d = fdTableOf(s.machine, s.events, [2, 3]);
    const w = d.files.find((x) => x.kind === 'pipe-w')!;
    expect(w.pipe).toEqual({ buf: 'hello\n', cap: 16 });
    expect([w.refs, w.shared, w.holders]).toEqual([1, false, [{ pid: 2, fd: 4 }]]);
    const r = d.files.find((x) => x.kind === 'pipe-r')!;
    expect([r.refs, r.holders]).toEqual([1, [{ pid: 3, fd: 3 }]]);
  });
});

describe('<FdTable> server render', () => {
  it('shows per-process tables, the open-file table and the shared entry', () => {
    const s = so((e) => e.type === 'write' && e.pid === 3);
    const html = render(FdTable, {
      props: { machine: s.machine, events: s.events, pids: [2, 3] },
    }).body;
    expect(html).toContain('File descriptors');
    expect(html).toMatch(/<section class="view view-fd-table[^"]*" role="group" aria-labelledby=/);
    expect(html).toContain('Open-file table');
    expect(html).toMatch(/>PID 2 fd 3<\/span><span[^>]*>PID 3 fd 3</);
    expect(html).toContain('⇄ shared');
    expect(html).toContain('out.txt');
    expect(html).toContain('stdout');
    expect(html).toMatch(/<td[^>]*>written<\/td>/);
    expect(html.match(/tabindex="0"/g)?.length).toBe(3);
  });

  it('shows the pipe buffer with its newline visible, and an empty selection', () => {
    const s = pp((e) => e.type === 'write' && e.pid === 2);
    const html = render(FdTable, {
      props: { machine: s.machine, events: s.events, pids: [2] },
    }).body;
    expect(html).toContain('6 of 16 bytes buffered: "hello\\n"');
    expect(html).toContain('pipe write end');
    const none = render(FdTable, { props: { machine: s.machine, events: [], pids: [] } }).body;
    expect(none).toContain('No process to show.');
  });
});
