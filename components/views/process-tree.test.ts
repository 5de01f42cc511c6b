// The process tree view. Expectations come from the scenario programs (src/os-model/book/)
// worked by hand, and the layout is checked against its definition (leaf columns, parents centred
// over their children) rather than against numbers printed by the code.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../src/os-model/index.ts';
import { isFinished, loadScenario, step, get, size } from '../../src/os-model/index.ts';
import ProcessTree from './ProcessTree.svelte';
import {
  BADGE_H,
  GAP_X,
  GAP_Y,
  NODE_H,
  NODE_W,
  PAD,
  adoptions,
  describeNode,
  clip,
  layoutTree,
} from './process-tree.data.ts';
import type { TreeNode } from './process-tree.data.ts';

function run(name: string, ticks: number, seed = 0) {
  const r = loadScenario(name, seed);
  if (!r.ok) throw new Error(r.error);
  let machine: Machine = r.value;
  let events: KEvent[] = [];
  const all: KEvent[][] = [];
  for (let i = 0; i < ticks; i++) {
    ({ machine, events } = step(machine, { type: 'tick' }));
    all.push(events);
  }
  return { machine, events, all };
}

const byPid = (nodes: TreeNode[], pid: number) => {
  const n = nodes.find((x) => x.pid === pid);
  if (!n) throw new Error(`no node ${pid}`);
  return n;
};

describe('layoutTree', () => {
  it('fork-basics after the fork: a chain init → PID 2 → PID 3, one leaf column', () => {
    const { machine, events } = run('fork-basics', 2);
    const t = layoutTree(machine, events);
    expect(t.roots.map((r) => r.pid)).toEqual([1]);
    expect(t.nodes.map((n) => [n.pid, n.depth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    for (const n of t.nodes) expect(n.x).toBe(PAD);
    const row = NODE_H + GAP_Y;
    expect(t.nodes.map((n) => n.y)).toEqual([0, 1, 2].map((d) => PAD + BADGE_H / 2 + d * row));
    expect(byPid(t.nodes, 3).fresh).toBe(true);
    expect(byPid(t.nodes, 2).fresh).toBe(false);
    expect(t.width).toBe(2 * PAD + NODE_W);
    expect(t.edges.map((e) => [e.from, e.to, e.fresh])).toEqual([
      [1, 2, false],
      [2, 3, true],
    ]);
  });

  it('fork-basics at tick 9: PID 2 a zombie and PID 3 an orphan, both under init', () => {
    const { machine, events } = run('fork-basics', 9);
    const t = layoutTree(machine, events);
    const init = byPid(t.nodes, 1);
    expect(init.children.map((c) => c.pid)).toEqual([2, 3]);
    const [z, o] = init.children;
    expect(z).toMatchObject({ zombie: true, adoptedFrom: null, state: 'ZOMBIE' });
    expect(o).toMatchObject({ zombie: false, adoptedFrom: 2, state: 'RUNNING' });
    // two leaves side by side; init centred over them
    expect(z.x).toBe(PAD);
    expect(o.x).toBe(PAD + NODE_W + GAP_X);
    expect(init.x).toBe(PAD + (NODE_W + GAP_X) / 2);
    expect(t.width).toBe(2 * PAD + 2 * NODE_W + GAP_X);
    expect(t.height).toBe(2 * PAD + BADGE_H / 2 + 2 * NODE_H + GAP_Y);
  });

  it('keeps the orphan badge after the step only when given the adoptions so far', () => {
    const { machine, events, all } = run('fork-basics', 10);
    expect(byPid(layoutTree(machine, events).nodes, 3).adoptedFrom).toBeNull();
    expect(adoptions(all)).toEqual({ 3: 2 });
    expect(byPid(layoutTree(machine, events, adoptions(all)).nodes, 3).adoptedFrom).toBe(2);
  });

  it('zombie-orphan: PID 3 is a zombie under its busy parent from tick 5 until the reap at 11', () => {
    const at5 = run('zombie-orphan', 5);
    const z = byPid(layoutTree(at5.machine, at5.events).nodes, 3);
    expect(z).toMatchObject({ ppid: 2, zombie: true, teaching: 'zombie (terminated)' });
    const at11 = run('zombie-orphan', 11);
    expect(layoutTree(at11.machine, at11.events).nodes.map((n) => n.pid)).toEqual([1, 2]);
  });

  it('prefork-pool: the master sits centred over its three workers', () => {
    // the master's first loop forks three workers (PIDs 3, 4, 5): step until the third exists
    const r = loadScenario('prefork-pool', 0);
    if (!r.ok) throw new Error(r.error);
    let machine = r.value;
    let events: KEvent[] = [];
    while (!get(machine.procs, 5)) ({ machine, events } = step(machine, { type: 'tick' }));
    const t = layoutTree(machine, events);
    const master = byPid(t.nodes, 2);
    expect(master.children.map((c) => c.pid)).toEqual([3, 4, 5]);
    const [a, b, c] = master.children;
    expect(b.x - a.x).toBe(NODE_W + GAP_X);
    expect(c.x - b.x).toBe(NODE_W + GAP_X);
    expect(master.x).toBe(b.x);
    expect(byPid(t.nodes, 1).x).toBe(b.x);
  });

  it.each(['fork-basics', 'zombie-orphan', 'postgres', 'prefork-pool', 'pipe', 'cow-fork'])(
    '%s: at every step, boxes in a row never overlap and parents sit over their children',
    (name) => {
      const r = loadScenario(name, 1);
      if (!r.ok) throw new Error(r.error);
      let m = r.value;
      for (let i = 0; i < 80 && !isFinished(m); i++) {
        const s = step(m, { type: 'tick' });
        m = s.machine;
        const t = layoutTree(m, s.events);
        expect(t.nodes).toHaveLength(size(m.procs));
        const rows = new Map<number, number[]>();
        for (const n of t.nodes) {
          rows.set(n.depth, [...(rows.get(n.depth) ?? []), n.x]);
          if (n.children.length > 0) {
            const first = n.children[0].x;
            const last = n.children[n.children.length - 1].x;
            expect(n.x).toBe((first + last) / 2);
          }
          expect(n.x + NODE_W).toBeLessThanOrEqual(t.width - PAD);
          expect(n.y + NODE_H).toBeLessThanOrEqual(t.height - PAD);
        }
        for (const xs of rows.values()) {
          const sorted = [...xs].sort((a, b) => a - b);
          for (let k = 1; k < sorted.length; k++)
            expect(sorted[k] - sorted[k - 1]).toBeGreaterThanOrEqual(NODE_W + GAP_X);
        }
      }
    },
  );
});

describe('text', () => {
  it('clip shortens long names with an ellipsis', () => {
    expect(clip('postmaster')).toBe('postmaster');
    expect(clip('abcdefghijklmnop', 6)).toBe('abcde…');
  });

  it('describeNode names PID, program, state and badges', () => {
    const { machine, events } = run('fork-basics', 9);
    const t = layoutTree(machine, events);
    expect(describeNode(byPid(t.nodes, 2))).toBe(
      'PID 2 fork-basics (ZOMBIE, zombie (terminated)) — zombie: exited, not yet reaped',
    );
    expect(describeNode(byPid(t.nodes, 3))).toBe(
      'PID 3 fork-basics (RUNNING, running) — orphan: its parent PID 2 exited',
    );
  });
});

describe('<ProcessTree>', () => {
  it('renders the SVG hidden from screen readers and a nested list as its text', () => {
    const { machine, events } = run('fork-basics', 9);
    const html = render(ProcessTree, { props: { machine, events } }).body;
    expect(html).toMatch(
      /<section class="view view-process-tree[^"]*" role="group" aria-labelledby=/,
    );
    expect(html).toContain('>Process tree</h3>');
    expect(html).toMatch(/tabindex="0" role="group" aria-label="Process tree, scrollable"/);
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"/);
    // init's item contains a nested list with both children
    const list = html.slice(html.indexOf('<ul class="visually-hidden')).replace(/<!--.*?-->/g, '');
    expect(list).toMatch(/<li>\s*PID 1 init \(RUNNABLE, ready\)\s*<ul>\s*<li>\s*PID 2 fork-basics/);
    expect(list).toContain(
      'PID 3 fork-basics (RUNNING, running) — orphan: its parent PID 2 exited',
    );
    // badges as text in the drawing too
    expect(html).toContain('>zombie</text>');
    expect(html).toContain('>orphan</text>');
  });

  it('says so when there are no processes', () => {
    const EMPTY = { size: 0, depth: 1, root: [] };
    const r = loadScenario('sched-jobs', 0);
    if (!r.ok) throw new Error(r.error);
    const empty: Machine = { ...r.value, procs: EMPTY, tasks: EMPTY };
    const html = render(ProcessTree, { props: { machine: empty, events: [] } }).body;
    expect(html).toContain('No processes.');
  });
});
