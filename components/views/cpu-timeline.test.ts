// The CPU timeline view. Two sources of truth: fork-basics worked by hand (one CPU, round robin
// with a 3-tick quantum: PID 2 runs ticks 1-3, PID 3 4-6, PID 2 7-9, PID 3 10-11, init 12-16;
// four context switches, no I/O), and small hand-written samples for idle, switching, threads
// and overlapping I/O waits.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/os-model/index.ts';
import { isFinished, loadScenario, step } from '../../src/os-model/index.ts';
import { sampleOf } from '../sim/history.ts';
import CpuTimeline from './CpuTimeline.svelte';
import {
  AXIS_H,
  CELL,
  IO_ROW_H,
  LANE_GAP,
  LANE_H,
  MIN_COLS,
  COL_CHUNK,
  layoutTimeline,
  summarise,
  timelineRows,
} from './cpu-timeline.data.ts';
import type { StepSample } from './cpu-timeline.data.ts';

function history(name: string, seed = 0, max = 400): { samples: StepSample[]; last: Machine } {
  const r = loadScenario(name, seed);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  const samples: StepSample[] = [];
  for (let i = 1; i <= max && !isFinished(m); i++) {
    m = step(m, { type: 'tick' }).machine;
    samples.push(sampleOf(i, m));
  }
  return { samples, last: m };
}

const runs = (bars: ReturnType<typeof layoutTimeline>['bars'], lane: number) =>
  bars.filter((b) => b.lane === lane).map((b) => [b.kind, b.label, b.col, b.len]);

describe('layoutTimeline (fork-basics)', () => {
  const { samples } = history('fork-basics');

  it('has one column per tick and merges each turn on the CPU into one bar', () => {
    expect(samples).toHaveLength(16);
    const t = layoutTimeline(samples, 1, 16);
    expect(t.cols).toBe(16);
    expect(t.width).toBe(16 * CELL);
    expect(runs(t.bars, 0)).toEqual([
      ['run', 'P2', 0, 3],
      ['run', 'P3', 3, 3],
      ['run', 'P2', 6, 3],
      ['run', 'P3', 9, 2],
      ['run', 'P1', 11, 5],
    ]);
    expect(t.marks.map((m) => [m.col, m.from, m.to])).toEqual([
      [3, 2, 3],
      [6, 3, 2],
      [9, 2, 3],
      [11, 3, 1],
    ]);
    expect(runs(t.bars, 1)).toEqual([]);
    expect(t.pids).toEqual([1, 2, 3]);
    expect(t.lanes.map((l) => [l.label, l.y, l.h])).toEqual([
      ['CPU 0', AXIS_H, LANE_H],
      ['I/O', AXIS_H + LANE_H + LANE_GAP, IO_ROW_H],
    ]);
  });

  it('shows only the steps up to the cursor, padded to a minimum width', () => {
    const t = layoutTimeline(samples, 1, 5);
    expect(t.shown.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(t.cols).toBe(MIN_COLS);
    expect(runs(t.bars, 0)).toEqual([
      ['run', 'P2', 0, 3],
      ['run', 'P3', 3, 2],
    ]);
    expect(layoutTimeline(samples, 1, 0).bars).toEqual([]);
  });

  it('grows its drawing a chunk of columns at a time, not one column per step', () => {
    // 40 one-tick steps of one task on one CPU: the drawn width is the smallest multiple of
    // COL_CHUNK columns that holds the steps shown (MIN_COLS while they fit in that).
    const long: StepSample[] = Array.from({ length: 40 }, (_, i) => ({
      step: i + 1,
      t: i + 1,
      cpus: [{ cpu: 0, tid: 2, pid: 2, name: 'loop', op: 'compute', switching: false }],
      io: [],
    }));
    const widths = new Set<number>();
    for (let cursor = 0; cursor <= 40; cursor++) {
      const t = layoutTimeline(long, 1, cursor);
      const expected = cursor <= MIN_COLS ? MIN_COLS : Math.ceil(cursor / COL_CHUNK) * COL_CHUNK;
      expect(t.cols, `cursor ${cursor}`).toBe(expected);
      expect(t.width).toBe(t.cols * CELL);
      expect(t.cols).toBeGreaterThanOrEqual(cursor);
      widths.add(t.width);
    }
    // 0..12 steps, 13..16, 17..32, 33..40: four widths for 41 cursors
    expect([...widths]).toEqual([MIN_COLS, 16, 32, 48].map((c) => c * CELL));
  });

  it('summarises the chart in words', () => {
    expect(summarise(layoutTimeline(samples, 1, 16), 1)).toBe(
      'CPU 0 busy 16 of 16 steps (PID 1 5, PID 2 6, PID 3 5), 4 context switches; no I/O waits.',
    );
    expect(summarise(layoutTimeline(samples, 1, 0), 1)).toBe('Nothing has run yet.');
  });

  it('table rows say who ran, what it ran and where a switch happened', () => {
    const rows = timelineRows(layoutTimeline(samples, 1, 16), 1, {
      1: 'init',
      2: 'fork-basics',
      3: 'fork-basics',
    });
    expect(rows).toHaveLength(16);
    // tick 2 is PID 2's fork
    expect(rows[1]).toEqual({ step: 2, t: 2, cpus: ['PID 2 (fork-basics): fork'], io: 'none' });
    expect(rows[3].cpus[0]).toMatch(/^PID 3 \(fork-basics\): .* \(switched from PID 2\)$/);
    expect(rows[4].cpus[0]).not.toContain('switched');
  });
});

describe('layoutTimeline (hand-made samples)', () => {
  const cpu = (tid: number, pid: number, switching = false) => ({
    cpu: 0,
    tid,
    pid,
    name: tid < 0 ? '' : `p${pid}`,
    op: tid < 0 ? '' : switching ? 'switch' : 'compute',
    switching,
  });
  const samples: StepSample[] = [
    { step: 1, t: 1, cpus: [cpu(2, 2)], io: [] },
    { step: 2, t: 2, cpus: [cpu(-1, -1)], io: [{ tid: 3, pid: 3 }] },
    {
      step: 3,
      t: 3,
      cpus: [cpu(4, 4, true)],
      io: [
        { tid: 3, pid: 3 },
        { tid: 5, pid: 4 },
      ],
    },
    { step: 4, t: 4, cpus: [cpu(4, 4)], io: [{ tid: 5, pid: 4 }] },
    { step: 5, t: 5, cpus: [cpu(5, 4)], io: [{ tid: 3, pid: 3 }] },
  ];

  it('marks idle and switching columns, labels threads, and marks a thread switch', () => {
    const t = layoutTimeline(samples, 1, 5);
    expect(runs(t.bars, 0)).toEqual([
      ['run', 'P2', 0, 1],
      ['idle', '', 1, 1],
      ['switch', 'cs', 2, 1],
      ['run', 'P4', 3, 1],
      ['run', 'T5', 4, 1],
    ]);
    // after idle (and a switch from idle) nothing is "switched from"; P4 → T5 is a switch
    expect(t.marks.map((m) => [m.col, m.from, m.to])).toEqual([[4, 4, 4]]);
  });

  it('packs overlapping I/O waits into rows, reusing a row once it is free', () => {
    const t = layoutTimeline(samples, 1, 5);
    const io = t.bars.filter((b) => b.lane === 1);
    const ioTop = AXIS_H + LANE_H + LANE_GAP;
    // PID 3 (its main task) waits in columns 1-2 and again in 4; thread 5 in columns 2-3
    expect(io.map((b) => [b.label, b.col, b.len, (b.y - 2 - ioTop) / IO_ROW_H])).toEqual([
      ['P3', 1, 2, 0],
      ['T5', 2, 2, 1],
      ['P3', 4, 1, 0],
    ]);
    expect(t.ioRows).toBe(2);
    expect(t.height).toBe(ioTop + 2 * IO_ROW_H + 2);
  });

  it('two CPUs get two lanes above the I/O lane', () => {
    const two = samples.map((s) => ({ ...s, cpus: [...s.cpus, { ...s.cpus[0], cpu: 1 }] }));
    const t = layoutTimeline(two, 2, 5);
    expect(t.lanes.map((l) => l.label)).toEqual(['CPU 0', 'CPU 1', 'I/O']);
    expect(runs(t.bars, 1)).toEqual(runs(t.bars, 0).map(([k, l, c, n]) => [k, l, c, n]));
  });
});

describe('<CpuTimeline>', () => {
  it('renders lanes, a legend, a scroll region and a table alternative', () => {
    const { samples } = history('fork-basics');
    const names = { 1: 'init', 2: 'fork-basics', 3: 'fork-basics' };
    const html = render(CpuTimeline, { props: { samples, ncpu: 1, cursor: 16, names } }).body;
    expect(html).toMatch(
      /<section class="view view-cpu-timeline[^"]*" role="group" aria-labelledby=/,
    );
    expect(html).toContain('>CPU timeline</h3>');
    expect(html).toMatch(/tabindex="0" role="group" aria-label="CPU timeline, scrollable"/);
    expect(html).toMatch(/role="img" aria-label="Gantt chart, 16 steps: CPU 0 busy 16 of 16/);
    expect(html).toContain('>CPU 0</text>');
    expect(html).toContain('>I/O</text>');
    expect(html).toContain('P2 fork-basics');
    expect(html).toMatch(/<summary[^>]*>Timeline as a table<\/summary>/);
    expect(html.match(/<tr[ >]/g)).toHaveLength(17); // header + 16 steps
    expect(html).toContain('now (step 16)');
  });

  it('before the first step says nothing has run yet', () => {
    const html = render(CpuTimeline, {
      props: { samples: [], ncpu: 2, cursor: 0, names: {} },
    }).body;
    expect(html).toContain('Nothing has run yet. Step forward to fill the timeline.');
    expect(html).toContain('>CPU 1</text>');
  });
});
