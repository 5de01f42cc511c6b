// Memory cells: memoryCellsOf and the server-rendered view on two-programs. By hand from the
// listings (chapter 1): PID 2 runs ticks 1–2 and 5–6 and stores 3 at address 128 at tick 6;
// PID 3 runs ticks 3–4 and 7–8 and stores 10 at the same address at tick 8.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createTimeline, type KEvent, type Machine } from '../../src/os-model/index.ts';
import MemoryCells from './MemoryCells.svelte';
import { memoryCellsOf } from './memory-cells.data.ts';

function run(scenario: string, n: number): { machine: Machine; events: KEvent[] }[] {
  const r = createTimeline(scenario, 0);
  if (!r.ok) throw new Error(r.error);
  const snaps = [r.value.current()];
  while (snaps.length <= n && r.value.forward()) snaps.push(r.value.current());
  return snaps;
}

const tp = run('two-programs', 8);

describe('memoryCellsOf', () => {
  it('one row per process but init, the data page’s eight words from address 128', () => {
    const d = memoryCellsOf(tp[0].machine, tp[0].events);
    expect(d.rows.map((r) => r.pid)).toEqual([2, 3]);
    expect(d.addrs).toEqual([128, 129, 130, 131, 132, 133, 134, 135]);
    expect(d.rows.every((r) => r.cells.every((c) => c.value === 0))).toBe(true);
  });

  it('the same address holds 3 in PID 2 and 10 in PID 3; the store of this step is marked', () => {
    const d = memoryCellsOf(tp[8].machine, tp[8].events);
    expect(d.rows.map((r) => r.cells[0].value)).toEqual([3, 10]);
    expect(d.rows.map((r) => r.cells[0].touched)).toEqual([null, 'store']);
    expect(d.notes).toEqual(['PID 3 stored 10 at address 128.']);
  });

  it('renders a table with a row per process', () => {
    const { body } = render(MemoryCells, { props: tp[8] });
    expect(body).toContain('Memory cells');
    expect(body).toContain('PID 3 stored 10 at address 128.');
    expect(body.match(/scope="row"/g)).toHaveLength(2);
  });
});
