// Statistics: statsOf, the formatters and the server-rendered view. The whole cow-fork run is
// counted by hand from its program (src/os-model/book/) under RR with quantum 3:
//   PID 2: set store fork | br wait(blocks) | wait(reaps) load add store print exit  = 11 ticks
//   PID 3: br load add | store(COW copy) print exit                                  =  6 ticks
//   init:  wait(reaps PID 2) jmp wait(blocks)                                        =  3 ticks
// 20 ticks, all busy; system calls: PID 2 fork, wait ×2, print, exit; PID 3 print, exit; init
// wait ×2 = 9; process switches 2→3, 3→2, 2→3, 3→2, 2→1 = 5; one fork; one COW copy (PID 3) and
// one reuse (PID 2's later write). Cost (public/data/calibration.md via DEFAULT_COSTS):
// 20 × 1 + 5 × 2.9 + 9 × 0.23 + 70 + 3.7 + 1.62 = 111.89 µs.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createTimeline, type Machine } from '../../src/os-model/index.ts';
import { sampleOf, type StepSample } from '../sim/history.ts';
import Stats from './Stats.svelte';
import { formatPct, formatUs, statsOf } from './stats.data.ts';

function run(scenario: string): { machines: Machine[]; samples: StepSample[] } {
  const r = createTimeline(scenario, 0);
  if (!r.ok) throw new Error(r.error);
  const tl = r.value;
  const machines = [tl.current().machine];
  const samples: StepSample[] = [];
  while (machines.length < 300 && tl.forward()) {
    machines.push(tl.current().machine);
    samples.push(sampleOf(tl.cursor, tl.current().machine));
  }
  return { machines, samples };
}

describe('statsOf on a whole cow-fork run', () => {
  const { machines, samples } = run('cow-fork');
  const end = machines.length - 1;
  const s = statsOf(machines[end], end, samples);

  it('counts 20 busy steps, no I/O, and the kernel counters', () => {
    expect(end).toBe(20);
    expect([s.steps, s.cpuSlots, s.cpuBusy, s.cpuIdle, s.cpuBusyPct]).toEqual([20, 20, 20, 0, 100]);
    expect([s.ioSteps, s.ioBusyPct]).toEqual([0, 0]);
    expect([s.processSwitches, s.threadSwitches, s.syscalls, s.forks, s.cowFaults]).toEqual([
      5, 0, 9, 1, 2,
    ]);
    // init, PID 2 and PID 3 were created; both children have exited
    expect([s.finished, s.created]).toEqual([2, 3]);
  });

  it('prices the run with the cost model', () => {
    expect(s.totalUs).toBeCloseTo(111.89, 6);
    expect(s.costs.map((c) => [c.key, Math.round(c.us * 100) / 100])).toEqual([
      ['computeUs', 20],
      ['switchUs', 14.5],
      ['syscallUs', 2.07],
      ['forkUs', 70],
      ['faultUs', 5.32],
    ]);
  });

  it('counts only the samples up to the cursor', () => {
    const early = statsOf(machines[3], 3, samples);
    expect([early.steps, early.cpuBusy]).toEqual([3, 3]);
    expect(early.forks).toBe(1);
    const start = statsOf(machines[0], 0, samples);
    expect([start.steps, start.cpuBusyPct, start.ioBusyPct, start.costs]).toEqual([
      0,
      null,
      null,
      [],
    ]);
  });
});

describe('statsOf utilisation on hand-made samples', () => {
  const cpu = (c: number, tid: number, switching = false) => ({
    cpu: c,
    tid,
    pid: tid,
    name: tid >= 0 ? `p${tid}` : '',
    op: switching ? 'switch' : tid >= 0 ? 'compute' : '',
    switching,
  });
  const samples: StepSample[] = [
    { step: 1, t: 1, cpus: [cpu(0, 2), cpu(1, -1)], io: [] },
    { step: 2, t: 2, cpus: [cpu(0, -1, true), cpu(1, 3)], io: [] },
    { step: 3, t: 3, cpus: [cpu(0, 2), cpu(1, 3)], io: [] },
    { step: 4, t: 4, cpus: [cpu(0, -1), cpu(1, -1)], io: [{ tid: 2, pid: 2 }] },
  ];
  const m = run('cow-fork').machines[0];

  it('splits CPU-steps into busy, switching and idle, and counts I/O steps', () => {
    const s = statsOf(m, 4, samples);
    // busy: 1 + 1 + 2 = 4 of 8; switching 1; idle 3; I/O in 1 of 4 steps
    expect([s.cpuSlots, s.cpuBusy, s.cpuSwitching, s.cpuIdle]).toEqual([8, 4, 1, 3]);
    expect([s.cpuBusyPct, s.cpuSwitchPct, s.ioBusyPct]).toEqual([50, 12.5, 25]);
    const s3 = statsOf(m, 3, samples);
    expect(formatPct(s3.cpuBusyPct)).toBe('67%'); // 4 of 6
    expect(s3.ioBusyPct).toBe(0);
  });

  it('formats microseconds and percentages', () => {
    expect(formatUs(111.89)).toBe('111.89 µs');
    expect(formatUs(2.9)).toBe('2.9 µs');
    expect(formatUs(1019)).toBe('1,019 µs');
    expect(formatUs(12345)).toBe('12.3 ms');
    expect(formatPct(null)).toBe('—');
    expect(formatPct(12.5)).toBe('13%');
  });
});

describe('<Stats> server render', () => {
  const { machines, samples } = run('cow-fork');
  it('shows the figures, the estimate and says it comes from the cost model', () => {
    const html = render(Stats, { props: { machine: machines[20], cursor: 20, samples } }).body;
    expect(html).toMatch(/<section class="view view-stats[^"]*" role="group" aria-labelledby=/);
    expect(html).toContain('Statistics');
    expect(html).toContain('Over 20 steps (tick 20).');
    expect(html).toMatch(/CPU busy<\/span> <strong[^>]*>100%/);
    expect(html).toMatch(/I\/O busy<\/span> <strong[^>]*>0%/);
    expect(html).toContain('≈ 111.89 µs');
    expect(html).toContain("estimates from the book's cost model");
    expect(html).toContain('href="/data/calibration.md"');
    expect(html).toMatch(/Processes finished<\/dt> <dd[^>]*><strong[^>]*>2<\/strong>/);
  });

  it('before the first step says nothing has run', () => {
    const html = render(Stats, { props: { machine: machines[0], cursor: 0, samples: [] } }).body;
    expect(html).toContain('Nothing has run yet');
    expect(html).toContain('No work counted yet.');
  });
});
