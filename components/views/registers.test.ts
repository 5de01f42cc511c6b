// Registers: registersOf and the server-rendered view. Expected values from the cow-fork program
// (src/os-model/book/): step 1 runs `set r0, 42` (pc 0 → 1, next is the store of C line 3);
// step 3 runs fork, the parent's time slice (RR, quantum 3) ends and the child runs. fork returns
// the child's PID (3) to the parent and 0 to the child, both resuming at pc 3 (the `if` on line 5).
// The main stack is page 64, so sp starts at the top word of that page: 65 × 8 − 1 = 519.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createTimeline, type KEvent, type Machine, size } from '../../src/os-model/index.ts';
import Registers from './Registers.svelte';
import { registersOf } from './registers.data.ts';

function run(scenario: string): { machine: Machine; events: KEvent[] }[] {
  const r = createTimeline(scenario, 0);
  if (!r.ok) throw new Error(r.error);
  const tl = r.value;
  const snaps = [tl.current()];
  while (snaps.length < 200 && tl.forward()) snaps.push(tl.current());
  return snaps;
}

const cow = run('cow-fork');
const val = (rows: { name: string; live: number | null; saved: number | null }[], n: string) =>
  rows.find((r) => r.name === n)!;

describe('registersOf', () => {
  it('a running task shows live registers and no saved copy before its first switch', () => {
    const d = registersOf(cow[1].machine, 2);
    expect(d.status).toBe('ok');
    const [t] = d.tasks;
    expect([t.tid, t.main, t.state, t.cpu]).toEqual([2, true, 'RUNNING', 0]);
    expect(t.stateText).toBe('RUNNING (running)');
    expect(val(t.rows, 'pc')).toMatchObject({ live: 1, saved: null });
    expect(val(t.rows, 'sp')).toMatchObject({ live: 519, saved: null });
    expect(val(t.rows, 'r0')).toMatchObject({ live: 42, saved: null });
    expect(t.line).toBe(3);
    expect(t.lineText).toMatch(/^counter = 42;/);
  });

  it('after fork the parent is switched out with its saved context; the child runs', () => {
    const m = cow[3].machine;
    const [parent] = registersOf(m, 2).tasks;
    expect([parent.state, parent.cpu]).toEqual(['RUNNABLE', -1]);
    expect(val(parent.rows, 'pc')).toMatchObject({ live: null, saved: 3 });
    expect(val(parent.rows, 'r0')).toMatchObject({ live: null, saved: 3 });
    expect(val(parent.rows, 'sp').saved).toBe(519);
    expect(parent.savedLine).toBe(5);
    expect(parent.savedLineText).toBe('if (rc == 0) {');
    const [child] = registersOf(m, 3).tasks;
    expect([child.state, child.cpu]).toEqual(['RUNNING', 0]);
    expect(val(child.rows, 'pc')).toMatchObject({ live: 3, saved: null });
    expect(val(child.rows, 'r0')).toMatchObject({ live: 0, saved: null });
    expect(val(child.rows, 'sp').live).toBe(519);
  });

  it('a process with threads lists every task, main first', () => {
    const snaps = run('thread-race');
    const s = snaps.find((x) => size(x.machine.tasks) === 4)!; // init, main, 2 threads
    const d = registersOf(s.machine, 2);
    expect(d.tasks.map((t) => [t.tid, t.main])).toEqual([
      [2, true],
      [3, false],
      [4, false],
    ]);
    // Thread 4 was just created and has not run: its registers are the ones the kernel prepared:
    // pc at the thread function (instruction 9, `for` on line 3), sp at the top of its own stack
    // page, 66 (the main stack is 64, thread 3's is 65): 67 × 8 − 1 = 535.
    const t4 = d.tasks[2];
    expect([t4.fresh, t4.cpu, t4.savedLine]).toEqual([true, -1, 3]);
    expect(val(t4.rows, 'pc')).toMatchObject({ live: null, saved: 9 });
    expect(val(t4.rows, 'sp')).toMatchObject({ live: null, saved: 535 });
  });

  it('a reaped process is gone', () => {
    const last = cow[cow.length - 1].machine;
    expect(registersOf(last, 3)).toEqual({ pid: 3, name: '', status: 'gone', tasks: [] });
  });
});

describe('<Registers> server render', () => {
  it('renders a table per task with the CPU and saved columns', () => {
    const html = render(Registers, { props: { machine: cow[3].machine, pid: 2 } }).body;
    expect(html).toContain('Registers');
    expect(html).toMatch(/<section class="view view-registers[^"]*" role="group" aria-labelledby=/);
    expect(html).toContain('in the CPU');
    expect(html).toContain('saved in control block');
    expect(html).toContain('○ off CPU');
    expect(html).toContain('RUNNABLE (ready)');
    expect(html).toContain('Saved pc resumes at line 5');
    expect(html).toContain('not on a CPU');
  });

  it('marks the running task and says when a process is gone', () => {
    const html = render(Registers, { props: { machine: cow[3].machine, pid: 3 } }).body;
    expect(html).toContain('▶ on CPU 0');
    expect(html).toContain('pc is at line 5');
    expect(html).toContain('not saved yet');
    const gone = render(Registers, {
      props: { machine: cow[cow.length - 1].machine, pid: 3 },
    }).body;
    expect(gone).toContain('PID 3 no longer exists.');
  });
});
