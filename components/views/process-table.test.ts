// The process table view. Expected rows are worked out by hand from the fork-basics program
// (src/os-model/book/) under its scenario's rules: init is PID 1 asleep in wait(), the
// program is PID 2, round robin with a 3-tick quantum, one instruction per tick. Its golden trace
// in src/os-model/scenarios.test.ts spells the ticks out:
//   t1 print, t2 fork (child PID 3), t3 branch, slice over; t4-t6 PID 3; t7-t9 PID 2 (t9 exit:
//   PID 2 a zombie of init, PID 3 adopted by init, CPU handed to PID 3); t10-t11 PID 3 exits;
//   t12 init reaps PID 2, t14 reaps PID 3, t16 init sleeps again.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../src/os-model/index.ts';
import { loadScenario, step, get } from '../../src/os-model/index.ts';
import ProcessTable from './ProcessTable.svelte';
import { processRows, reapedThisStep, stateLabel } from './process-table.data.ts';

function at(name: string, ticks: number, seed = 0): { machine: Machine; events: KEvent[] } {
  const r = loadScenario(name, seed);
  if (!r.ok) throw new Error(r.error);
  let machine = r.value;
  let events: KEvent[] = [];
  for (let i = 0; i < ticks; i++) ({ machine, events } = step(machine, { type: 'tick' }));
  return { machine, events };
}

describe('stateLabel', () => {
  it('gives the kernel name and the teaching name', () => {
    expect(stateLabel('RUNNABLE')).toBe('RUNNABLE (ready)');
    expect(stateLabel('SLEEPING')).toBe('SLEEPING (blocked)');
    expect(stateLabel('EMBRYO')).toBe('EMBRYO (new)');
    expect(stateLabel('RUNNING')).toBe('RUNNING (running)');
    expect(stateLabel('ZOMBIE')).toBe('ZOMBIE (zombie, terminated)');
  });
});

describe('processRows (fork-basics)', () => {
  it('before the first tick: init asleep in wait(), PID 2 ready with no CPU time', () => {
    const { machine, events } = at('fork-basics', 0);
    const rows = processRows(machine, events);
    expect(rows.map((r) => [r.pid, r.ppid, r.command, r.stateText, r.cpu, r.where])).toEqual([
      [1, 0, 'init', 'SLEEPING (blocked)', 0, 'waiting: wait() for a child'],
      [2, 1, 'fork-basics', 'RUNNABLE (ready)', 0, 'in the run queue'],
    ]);
  });

  it('after the fork (tick 2): the child is new and ready, the parent runs on CPU 0', () => {
    const { machine, events } = at('fork-basics', 2);
    const rows = processRows(machine, events);
    const [, parent, child] = rows;
    expect(parent).toMatchObject({ pid: 2, state: 'RUNNING', where: 'on CPU 0', cpu: 2 });
    expect(parent.isNew).toBe(false);
    expect(child).toMatchObject({ pid: 3, ppid: 2, state: 'RUNNABLE', isNew: true, cpu: 0 });
    expect(child.was).toBeNull();
  });

  it('tick 3: the slice ends, so PID 2 was RUNNING and is ready again', () => {
    const { machine, events } = at('fork-basics', 3);
    const parent = processRows(machine, events).find((r) => r.pid === 2);
    expect(parent).toMatchObject({ state: 'RUNNABLE', was: 'RUNNING', cpu: 3 });
  });

  it('tick 9: PID 2 is a zombie of init, its child adopted by init and running', () => {
    const { machine, events } = at('fork-basics', 9);
    const rows = processRows(machine, events);
    expect(rows.map((r) => r.pid)).toEqual([1, 2, 3]);
    const [init, parent, child] = rows;
    expect(init).toMatchObject({ state: 'RUNNABLE', was: 'SLEEPING' });
    // PID 2 ran t1-t3 and t7-t9: six ticks
    expect(parent).toMatchObject({
      state: 'ZOMBIE',
      zombie: true,
      cpu: 6,
      where: 'exit status 0; waits for PID 1 to reap it',
    });
    // PID 3 ran t4-t6; it holds CPU 0 again from the end of t9
    expect(child).toMatchObject({ ppid: 1, state: 'RUNNING', cpu: 3, where: 'on CPU 0' });
  });

  it('tick 12: init reaps PID 2, whose row is gone', () => {
    const { machine, events } = at('fork-basics', 12);
    expect(processRows(machine, events).map((r) => r.pid)).toEqual([1, 3]);
    expect(reapedThisStep(events)).toEqual([{ pid: 2, by: 1, status: 0 }]);
  });

  it('names the device of a blocking I/O (process-states: io-bound reads the disk)', () => {
    const r = loadScenario('process-states', 3);
    if (!r.ok) throw new Error(r.error);
    let m = r.value;
    let events: KEvent[] = [];
    for (let i = 0; i < 40 && get(m.tasks, 3)?.state !== 'SLEEPING'; i++)
      ({ machine: m, events } = step(m, { type: 'tick' }));
    const row = processRows(m, events).find((x) => x.pid === 3);
    expect(row).toMatchObject({
      command: 'io-bound',
      state: 'SLEEPING',
      where: 'waiting: disk I/O',
    });
  });

  it('lists every thread of a multithreaded process (thread-race after both creates)', () => {
    // 2-tick slices: main creates thread 3 at t1; thread 3 runs t3-t4; main creates 4 at t5
    const { machine, events } = at('thread-race', 5);
    const row = processRows(machine, events).find((x) => x.pid === 2);
    expect(row?.threads).toBe(3);
    expect(row?.where).toMatch(/^thread 2 .*; thread 3 .*; thread 4 /);
  });
});

describe('<ProcessTable>', () => {
  it('renders a captioned table in a focusable scroll region, zombie badged in text', () => {
    const { machine, events } = at('fork-basics', 9);
    const html = render(ProcessTable, { props: { machine, events } }).body;
    expect(html).toMatch(
      /<section class="view view-process-table[^"]*" role="group" aria-labelledby="[^"]+"/,
    );
    expect(html).toContain('>Process table</h3>');
    expect(html).toMatch(
      /<div class="scroll[^"]*" tabindex="0" role="group" aria-label="Process table, scrollable"/,
    );
    expect(html).toContain('Tick 9: 3');
    expect(html).toContain('zombie</span>');
    expect(html).toContain('RUNNABLE');
    expect(html).toContain('just now: was SLEEPING');
    // no select handler: no buttons
    expect(html).not.toContain('<button');
  });

  it('with onselect, each PID is a "Follow PID n" toggle button; the selected row says so', () => {
    const { machine, events } = at('fork-basics', 2);
    const html = render(ProcessTable, {
      props: { machine, events, selected: 3, onselect: () => {} },
    }).body;
    const buttons = html.match(/<button[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(3);
    expect(html).toMatch(/aria-label="Follow PID 3" aria-pressed="true"/);
    expect(html).toMatch(/aria-label="Follow PID 2" aria-pressed="false"/);
    expect(html).toContain('following</span>');
    expect(html).toContain('new this step');
  });

  it('says which process was reaped in the step', () => {
    const { machine, events } = at('fork-basics', 12);
    const html = render(ProcessTable, { props: { machine, events } }).body;
    expect(html).toContain('PID 2, reaped by PID 1 (status 0)');
  });
});
