// Geometry of the CPU timeline (a Gantt chart): one lane per CPU and an I/O lane, one column per
// step, runs of the same task merged into bars, idle and context switches marked. Pure and
// deterministic: it reads the step samples, it decides nothing about scheduling.
import type { StepSample } from '../sim/history.ts';

export type { StepSample };

/** Column width, lane height, the I/O lane's row height and the axis height, in px. */
export const CELL = 26;
export const LANE_H = 32;
export const LANE_GAP = 8;
export const IO_ROW_H = 22;
export const AXIS_H = 22;
/** The chart never draws fewer columns than this (an empty track to fill). */
export const MIN_COLS = 12;
/**
 * Past MIN_COLS the chart grows by this many columns at a time, not by one per step: when the
 * drawing's size changes, the browser lays out every label in it again, which with a hundred
 * steps took longer than the rest of the step.
 */
export const COL_CHUNK = 16;
/** Fill tones cycle over PIDs (pid mod TONES); the PID label is the real key. */
export const TONES = 6;

export type Bar = {
  lane: number;
  /** First column and number of columns. */
  col: number;
  len: number;
  kind: 'run' | 'idle' | 'switch';
  pid: number;
  tid: number;
  /** Text drawn in the bar when it fits: "P2", "T5" for a thread that is not the main one. */
  label: string;
  tone: number;
  x: number;
  y: number;
  w: number;
  h: number;
};

export type Mark = {
  lane: number;
  col: number;
  x: number;
  y: number;
  h: number;
  from: number;
  to: number;
};

export type Lane = { key: string; label: string; y: number; h: number };

export type TimelineLayout = {
  /** The samples shown: steps 1..cursor, in order. */
  shown: StepSample[];
  cols: number;
  lanes: Lane[];
  bars: Bar[];
  /** Context switches: a change of task between two adjacent columns on one CPU. */
  marks: Mark[];
  /** Axis ticks: column and the machine clock after that step. */
  ticks: { col: number; x: number; t: number }[];
  ioRows: number;
  width: number;
  height: number;
  /** PIDs that appear, ascending. */
  pids: number[];
};

/** "P2" for a main task, "T5" for another thread of its process. */
export function taskLabel(pid: number, tid: number): string {
  return tid === pid ? `P${pid}` : `T${tid}`;
}

/** Tone of a PID (0..TONES-1). */
export function toneOf(pid: number): number {
  return ((pid % TONES) + TONES) % TONES;
}

/**
 * The chart for the samples up to `cursor` (later samples are not shown: no spoilers in predict
 * mode). Precondition: ncpu >= 1. Never fails.
 */
export function layoutTimeline(
  samples: readonly StepSample[],
  ncpu: number,
  cursor: number,
): TimelineLayout {
  const shown = samples
    .filter((s) => s.step >= 1 && s.step <= cursor)
    .sort((a, b) => a.step - b.step);
  const cols =
    shown.length <= MIN_COLS ? MIN_COLS : Math.ceil(shown.length / COL_CHUNK) * COL_CHUNK;
  const lanes: Lane[] = [];
  for (let c = 0; c < ncpu; c++)
    lanes.push({
      key: `cpu${c}`,
      label: `CPU ${c}`,
      y: AXIS_H + c * (LANE_H + LANE_GAP),
      h: LANE_H,
    });

  const bars: Bar[] = [];
  const marks: Mark[] = [];
  const pidSet = new Set<number>();
  for (let c = 0; c < ncpu; c++) {
    const y = lanes[c].y;
    let open: Bar | null = null;
    let prevRun: { tid: number; pid: number } | null = null;
    shown.forEach((s, i) => {
      const cs = s.cpus.find((x) => x.cpu === c);
      const kind: Bar['kind'] = !cs || cs.tid < 0 ? 'idle' : cs.switching ? 'switch' : 'run';
      const tid = kind === 'run' && cs ? cs.tid : -1;
      const pid = kind === 'run' && cs ? cs.pid : -1;
      if (kind === 'run') pidSet.add(pid);
      // a context switch: the CPU runs a different task than in the column before
      if (kind === 'run' && prevRun && prevRun.tid !== tid && i > 0)
        marks.push({ lane: c, col: i, x: i * CELL, y, h: LANE_H, from: prevRun.pid, to: pid });
      prevRun = kind === 'run' ? { tid, pid } : kind === 'idle' ? null : prevRun;
      if (open && open.kind === kind && open.tid === tid && open.col + open.len === i) {
        open.len++;
        open.w = open.len * CELL;
        return;
      }
      open = {
        lane: c,
        col: i,
        len: 1,
        kind,
        pid,
        tid,
        label: kind === 'run' ? taskLabel(pid, tid) : kind === 'switch' ? 'cs' : '',
        tone: kind === 'run' ? toneOf(pid) : 0,
        x: i * CELL,
        y,
        w: CELL,
        h: LANE_H,
      };
      bars.push(open);
    });
  }

  // I/O: one interval per task per stretch of consecutive columns waiting; packed into rows
  const ioY = AXIS_H + ncpu * (LANE_H + LANE_GAP);
  const intervals: { tid: number; pid: number; col: number; len: number }[] = [];
  const openIo = new Map<number, { tid: number; pid: number; col: number; len: number }>();
  shown.forEach((s, i) => {
    const now = new Set<number>();
    for (const w of s.io) {
      now.add(w.tid);
      pidSet.add(w.pid);
      const iv = openIo.get(w.tid);
      if (iv && iv.col + iv.len === i) iv.len++;
      else {
        const fresh = { tid: w.tid, pid: w.pid, col: i, len: 1 };
        openIo.set(w.tid, fresh);
        intervals.push(fresh);
      }
    }
    for (const tid of [...openIo.keys()]) if (!now.has(tid)) openIo.delete(tid);
  });
  intervals.sort((a, b) => a.col - b.col || a.tid - b.tid);
  const rowEnd: number[] = [];
  for (const iv of intervals) {
    let row = rowEnd.findIndex((end) => end <= iv.col);
    if (row < 0) {
      row = rowEnd.length;
      rowEnd.push(0);
    }
    rowEnd[row] = iv.col + iv.len;
    bars.push({
      lane: ncpu,
      col: iv.col,
      len: iv.len,
      kind: 'run',
      pid: iv.pid,
      tid: iv.tid,
      label: taskLabel(iv.pid, iv.tid),
      tone: toneOf(iv.pid),
      x: iv.col * CELL,
      y: ioY + row * IO_ROW_H + 2,
      w: iv.len * CELL,
      h: IO_ROW_H - 4,
    });
  }
  const ioRows = Math.max(1, rowEnd.length);
  lanes.push({ key: 'io', label: 'I/O', y: ioY, h: ioRows * IO_ROW_H });

  const ticks: TimelineLayout['ticks'] = [];
  shown.forEach((s, i) => {
    if (i === 0 || s.t % 5 === 0 || i === shown.length - 1)
      ticks.push({ col: i, x: i * CELL, t: s.t });
  });

  return {
    shown,
    cols,
    lanes,
    bars,
    marks,
    ticks,
    ioRows,
    width: cols * CELL,
    height: ioY + ioRows * IO_ROW_H + 2,
    pids: [...pidSet].sort((a, b) => a - b),
  };
}

/** One row of the table alternative: what each CPU did in a step and who waited for I/O. */
export type StepRow = { step: number; t: number; cpus: string[]; io: string };

/** The table alternative's rows, from the chart's layout (`layoutTimeline`). Never fails. */
export function timelineRows(
  layout: TimelineLayout,
  ncpu: number,
  names: Record<number, string>,
): StepRow[] {
  const who = (pid: number, tid: number) =>
    `${tid === pid ? `PID ${pid}` : `thread ${tid} of PID ${pid}`}${names[pid] ? ` (${names[pid]})` : ''}`;
  const markAt = new Map(layout.marks.map((m) => [`${m.lane}-${m.col}`, m]));
  return layout.shown.map((s, i) => ({
    step: s.step,
    t: s.t,
    cpus: Array.from({ length: ncpu }, (_, c) => {
      const cs = s.cpus.find((x) => x.cpu === c);
      if (!cs || cs.tid < 0) return 'idle';
      if (cs.switching) return 'context switch';
      const mark = markAt.get(`${c}-${i}`);
      const op = cs.op ? `: ${cs.op}` : '';
      return `${who(cs.pid, cs.tid)}${op}${mark ? ` (switched from PID ${mark.from})` : ''}`;
    }),
    io: s.io.length ? s.io.map((w) => who(w.pid, w.tid)).join(', ') : 'none',
  }));
}

/**
 * One paragraph for screen readers: per CPU how many steps it was busy, on which PIDs, how many
 * context switches; how many steps each PID waited for I/O. Never fails.
 */
export function summarise(layout: TimelineLayout, ncpu: number): string {
  const n = layout.shown.length;
  if (n === 0) return 'Nothing has run yet.';
  const parts: string[] = [];
  for (let c = 0; c < ncpu; c++) {
    const per = new Map<number, number>();
    let idle = 0;
    let sw = 0;
    for (const b of layout.bars)
      if (b.lane === c) {
        if (b.kind === 'run') per.set(b.pid, (per.get(b.pid) ?? 0) + b.len);
        else if (b.kind === 'idle') idle += b.len;
        else sw += b.len;
      }
    const busy = n - idle;
    const who = [...per.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([pid, k]) => `PID ${pid} ${k}`)
      .join(', ');
    const switches = layout.marks.filter((m) => m.lane === c).length;
    parts.push(
      `CPU ${c} busy ${busy} of ${n} steps${who ? ` (${who})` : ''}` +
        `${sw ? `, ${sw} switching` : ''}, ${switches} context ${switches === 1 ? 'switch' : 'switches'}`,
    );
  }
  const io = new Map<number, number>();
  for (const b of layout.bars) if (b.lane === ncpu) io.set(b.pid, (io.get(b.pid) ?? 0) + b.len);
  const ioText = io.size
    ? `I/O waits: ${[...io.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([pid, k]) => `PID ${pid} ${k} steps`)
        .join(', ')}`
    : 'no I/O waits';
  return `${parts.join('; ')}; ${ioText}.`;
}
