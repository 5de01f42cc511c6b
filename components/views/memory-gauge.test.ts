// The memory gauge: gaugeOf's rows and sums, and the server-rendered view. Expected values are
// worked out by hand from the postgres-full scenario (src/os-model/book/ch07-process-per-connection/programs.ts): init's 4
// private pages; the postgres image's 13 pages, of which 12 stay shared by every postgres
// process after fork and 1 (the heap page) is copied by each child on its first write.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import {
  isFinished,
  loadScenario,
  step,
  type Machine,
  get,
  values,
} from '../../src/os-model/index.ts';
import MemoryGauge from './MemoryGauge.svelte';
import { formatMb, formatPages, gaugeOf } from './memory-gauge.data.ts';

function load(n: number): Machine {
  const r = loadScenario('postgres-full', 0, { connections: n });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Ticks until every child of the postmaster (PID 2) has written its heap page. */
function settled(n: number): Machine {
  let m = load(n);
  const done = (x: Machine) => {
    const kids = values(x.procs).filter((p) => p.ppid === 2 && p.state === 'ALIVE');
    return (
      kids.length === n + 5 &&
      kids.every((p) => {
        const pc = get(x.tasks, p.pid)?.pc ?? -1;
        return pc === 14 || pc === 15 || pc >= 18;
      })
    );
  };
  for (let i = 0; i < 500 && !done(m) && !isFinished(m); i++) m = step(m, { type: 'tick' }).machine;
  return m;
}

describe('gaugeOf', () => {
  it('at the start only init has memory', () => {
    const g = gaugeOf(load(0));
    // step 0: init is PID 1 and the postmaster (PID 2) is spawned with its 13 pages, all its own
    expect(g.rows.map((r) => [r.pid, r.label, r.rss, r.pss, r.uss])).toEqual([
      [1, 'init', 4, 4, 4],
      [2, 'postmaster', 13, 13, 13],
    ]);
    expect(g.total).toEqual({ rss: 17, pss: 17, uss: 17 });
    expect(g.overstatement).toBe(1);
    const { body } = render(MemoryGauge, { props: { machine: load(0), events: [] } });
    expect(body).toContain('Nothing is shared yet, so RSS, PSS and USS agree.');
  });

  it('with 2 clients: 8 postgres processes, RSS sum 108, PSS sum 24, USS sum 12', () => {
    // RSS 4 + 8 × 13 = 108; PSS 4 (init) + 12 shared frames + 8 heap pages = 24;
    // USS 4 + 8 = 12. Overstatement 108 / 24 = 4.5.
    const g = gaugeOf(settled(2));
    expect(g.rows.length).toBe(9);
    expect(g.total.rss).toBe(108);
    expect(g.total.pss).toBeCloseTo(24, 10);
    expect(g.total.uss).toBe(12);
    expect(g.overstatement).toBeCloseTo(4.5, 10);
    expect(g.bars.rss).toBe(100);
    expect(g.bars.pss).toBeCloseTo((100 * 24) / 108, 10);
    expect(g.rows.find((r) => r.pid === 8)?.label).toBe('backend for connection 1');
    expect(g.rows.find((r) => r.pid === 3)?.label).toBe('checkpointer');
  });

  it('formats pages and the real-scale reading', () => {
    expect(formatPages(1 + 12 / 9)).toBe('2.33');
    expect(formatPages(121)).toBe('121');
    expect(formatMb(13)).toBe('≈ 13 MB');
  });
});

describe('MemoryGauge (server render)', () => {
  it('shows the three sums, the verdict and one row per process', () => {
    const { body } = render(MemoryGauge, { props: { machine: settled(2), events: [] } });
    expect(body).toContain('Memory gauge');
    expect(body).toContain('Sum of RSS');
    expect(body).toContain('108 pages');
    expect(body).toContain('24 pages');
    expect(body).toContain('12 pages');
    expect(body).toContain('Adding up RSS overstates the memory in use 4.5 times.');
    expect(body.match(/<tr>/g)?.length).toBe(1 + 9 + 1);
  });
});
