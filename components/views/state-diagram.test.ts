// The state diagram view. The edge set must be exactly the model's LEGAL table; geometry is
// checked against its definition (arrows start and end on box borders); the states and
// transitions of fork-basics come from its program worked by hand (see process-table.test.ts).
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine, TaskState } from '../../src/os-model/index.ts';
import { LEGAL, loadScenario, step, get } from '../../src/os-model/index.ts';
import StateDiagram from './StateDiagram.svelte';
import {
  BOX_H,
  BOX_W,
  HEIGHT,
  POS,
  STATES,
  WIDTH,
  boxExit,
  edges,
  focusOf,
  lastText,
} from './state-diagram.data.ts';
import type { Transition } from './state-diagram.data.ts';

function at(name: string, ticks: number, seed = 0): { machine: Machine; events: KEvent[] } {
  const r = loadScenario(name, seed);
  if (!r.ok) throw new Error(r.error);
  let machine = r.value;
  let events: KEvent[] = [];
  for (let i = 0; i < ticks; i++) ({ machine, events } = step(machine, { type: 'tick' }));
  return { machine, events };
}

/** Is point p on the border of the box centred at c (within rounding)? */
function onBorder(p: { x: number; y: number }, c: { x: number; y: number }): boolean {
  const dx = Math.abs(p.x - c.x);
  const dy = Math.abs(p.y - c.y);
  const eps = 0.06;
  const inside = dx <= BOX_W / 2 + eps && dy <= BOX_H / 2 + eps;
  return inside && (Math.abs(dx - BOX_W / 2) <= eps || Math.abs(dy - BOX_H / 2) <= eps);
}

describe('edges', () => {
  const all = edges();

  it('draws exactly the transitions of LEGAL, each with words for when it happens', () => {
    const legal = Object.entries(LEGAL).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(legal).toHaveLength(17);
    expect(all.map((e) => e.key).sort()).toEqual([...legal].sort());
    for (const e of all) expect(e.when.length).toBeGreaterThan(5);
  });

  it('starts every arrow on its source box border and ends it on its target border', () => {
    for (const e of all) {
      const nums = e.d.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
      const start = { x: nums[0], y: nums[1] };
      const end = { x: nums[nums.length - 2], y: nums[nums.length - 1] };
      expect(onBorder(start, POS[e.from]), `${e.key} start`).toBe(true);
      expect(onBorder(end, POS[e.to]), `${e.key} end`).toBe(true);
    }
  });

  it('bends the two arrows of a pair apart (ready ⇄ running)', () => {
    const there = all.find((e) => e.key === 'RUNNABLE>RUNNING');
    const back = all.find((e) => e.key === 'RUNNING>RUNNABLE');
    expect(there?.d).not.toBe(back?.d);
    // left of the direction of travel: going right bends up, coming back bends down
    expect(there && there.mid.y).toBeLessThan(POS.RUNNABLE.y);
    expect(back && back.mid.y).toBeGreaterThan(POS.RUNNING.y);
  });

  it('keeps every box inside the drawing and apart from the others', () => {
    for (const s of STATES) {
      const p = POS[s];
      expect(p.x - BOX_W / 2).toBeGreaterThanOrEqual(0);
      expect(p.x + BOX_W / 2).toBeLessThanOrEqual(WIDTH);
      expect(p.y - BOX_H / 2).toBeGreaterThanOrEqual(0);
      expect(p.y + BOX_H / 2).toBeLessThanOrEqual(HEIGHT);
      for (const t of STATES)
        if (t !== s)
          expect(Math.abs(POS[t].x - p.x) > BOX_W || Math.abs(POS[t].y - p.y) > BOX_H + 20).toBe(
            true,
          );
    }
  });
});

describe('boxExit', () => {
  it('leaves a 100 × 44 box through the side the ray crosses', () => {
    const c = { x: 0, y: 0 };
    expect(boxExit(c, { x: 300, y: 0 }, 100, 44)).toEqual({ x: 50, y: 0 });
    expect(boxExit(c, { x: 0, y: -90 }, 100, 44)).toEqual({ x: 0, y: -22 });
    expect(boxExit(c, { x: 100, y: 100 }, 100, 44)).toEqual({ x: 22, y: 22 });
    expect(boxExit(c, { x: -200, y: 40 }, 100, 44)).toEqual({ x: -50, y: 10 });
  });
});

describe('focusOf and lastText', () => {
  it('names the last transition in the contract wording', () => {
    const tr: Transition = { from: 'RUNNING', to: 'SLEEPING', reason: 'io', step: 7, t: 7 };
    expect(lastText(tr)).toBe('Last: RUNNING → SLEEPING (io) at tick 7');
    expect(lastText(null)).toBe('No state change yet.');
  });

  it('follows PID 2 of fork-basics: ready at 0, ready after its slice at 3, zombie at 9, gone at 12', () => {
    const states: [number, TaskState, boolean][] = [];
    for (const t of [0, 3, 9, 12]) {
      const { machine, events } = at('fork-basics', t);
      const f = focusOf(machine, events, 2);
      states.push([t, f.state, f.exists]);
    }
    expect(states).toEqual([
      [0, 'RUNNABLE', true],
      [3, 'RUNNABLE', true],
      [9, 'ZOMBIE', true],
      [12, 'UNUSED', false],
    ]);
    const gone = at('fork-basics', 12);
    expect(focusOf(gone.machine, gone.events, 2).sentence).toBe('There is no PID 2 at tick 12.');
    const three = at('fork-basics', 3);
    const f = focusOf(three.machine, three.events, 2);
    expect(f.sentence).toBe('PID 2 (fork-basics) is RUNNABLE (ready).');
    expect(f.next).toEqual(['running', 'stopped', 'zombie']);
    expect(f.changedNow).toBe(true);
  });

  it('says what a blocked task waits on (init in wait(); io-bound on the disk)', () => {
    const start = at('fork-basics', 0);
    expect(focusOf(start.machine, start.events, 1).sentence).toBe(
      'PID 1 (init) is SLEEPING (blocked), waiting on wait() for a child.',
    );
    const r = loadScenario('process-states', 3);
    if (!r.ok) throw new Error(r.error);
    let m = r.value;
    let ev: KEvent[] = [];
    for (let i = 0; i < 40 && get(m.tasks, 3)?.state !== 'SLEEPING'; i++)
      ({ machine: m, events: ev } = step(m, { type: 'tick' }));
    expect(focusOf(m, ev, 3).sentence).toBe(
      'PID 3 (io-bound) is SLEEPING (blocked), waiting on disk I/O.',
    );
  });

  it('lists the other threads of a process (thread-race, tick 5: threads 3 and 4 exist)', () => {
    const { machine, events } = at('thread-race', 5);
    const f = focusOf(machine, events, 2);
    expect(f.threads).toHaveLength(2);
    expect(f.threads[0]).toMatch(/^thread 3 is /);
    expect(f.threads[1]).toBe('thread 4 is RUNNABLE (ready)');
  });
});

describe('<StateDiagram>', () => {
  it('marks the current state, highlights the last transition and names it in text', () => {
    // tick 3: PID 2's 3-tick slice ends; the transition RUNNING → RUNNABLE happens in this step
    const { machine, events } = at('fork-basics', 3);
    const ev = events.find((e) => e.type === 'state' && e.tid === 2);
    expect(ev).toMatchObject({ from: 'RUNNING', to: 'RUNNABLE', reason: 'quantum' });
    const transition: Transition = {
      from: 'RUNNING',
      to: 'RUNNABLE',
      reason: 'quantum',
      step: 3,
      t: 3,
    };
    const html = render(StateDiagram, { props: { machine, events, pid: 2, transition } }).body;
    expect(html).toMatch(
      /<section class="view view-state-diagram[^"]*" role="group" aria-labelledby=/,
    );
    expect(html).toContain('>State diagram</h3>');
    expect(html).toContain('PID 2 (fork-basics) is RUNNABLE (ready).');
    expect(html).toContain('Last: RUNNING → RUNNABLE (quantum) at tick 3');
    expect(html).toContain('just now');
    expect(html).toMatch(/tabindex="0" role="group" aria-label="State diagram, scrollable"/);
    // exactly one node is current, and it is the ready node
    const current = html.match(/class="node node-(\w+)[^"]*current/g) ?? [];
    expect(current).toEqual([expect.stringContaining('node-runnable')]);
    expect(html).toContain('>● PID 2</text>');
    // one highlighted edge; the table marks its row
    expect(html.match(/class="edge hot/g)).toHaveLength(1);
    expect(html).toMatch(/<g class="hot-label[^>]*>\s*<text[^>]*>quantum<\/text>/);
    expect(html).toContain('All transitions (17)');
    expect(html.match(/\(last transition\)/g)).toHaveLength(1);
  });

  it('without a transition says there is none yet and highlights no edge', () => {
    const { machine, events } = at('fork-basics', 0);
    const html = render(StateDiagram, {
      props: { machine, events, pid: 2, transition: null },
    }).body;
    expect(html).toContain('No state change yet.');
    expect(html).not.toContain('edge hot');
  });
});
