// Geometry and words of the state diagram view: one node per task state, one edge per legal
// transition of the model's `LEGAL` table, the current state of a process's main task and its
// last transition. Pure and deterministic.
import type { KEvent, Machine, TaskState } from '../../src/os-model/index.ts';
import { LEGAL, teachingName, waitChannelWords, get } from '../../src/os-model/index.ts';
import type { Transition } from '../sim/history.ts';
import { stateLabel } from './process-table.data.ts';

export type { Transition } from '../sim/history.ts';

export const BOX_W = 100;
export const BOX_H = 56;
export const WIDTH = 700;
export const HEIGHT = 362;

/** Box centres. The classic triangle ready ⇄ running → blocked → ready is in the middle. */
export const POS: Record<TaskState, { x: number; y: number }> = {
  UNUSED: { x: 60, y: 286 },
  EMBRYO: { x: 60, y: 150 },
  RUNNABLE: { x: 230, y: 150 },
  RUNNING: { x: 450, y: 150 },
  ZOMBIE: { x: 630, y: 150 },
  SLEEPING: { x: 340, y: 286 },
  STOPPED: { x: 340, y: 44 },
};

/** Drawing order of the nodes (and of the rows of the transition table). */
export const STATES: TaskState[] = [
  'UNUSED',
  'EMBRYO',
  'RUNNABLE',
  'RUNNING',
  'SLEEPING',
  'STOPPED',
  'ZOMBIE',
];

type Pt = { x: number; y: number };

/** What makes each legal transition happen, in words (the table and the hover-free text). */
export const WHEN: Record<string, string> = {
  'UNUSED>EMBRYO': 'fork() or a spawn takes a free slot (xv6 allocproc)',
  'EMBRYO>UNUSED': 'fork() fails: the half-built process is freed',
  'EMBRYO>RUNNABLE': 'the new process is complete and ready to run',
  'EMBRYO>SLEEPING': 'it starts asleep (init starts in wait())',
  'RUNNABLE>RUNNING': 'the scheduler dispatches it on a CPU',
  'RUNNABLE>STOPPED': 'SIGSTOP arrives while it is ready',
  'RUNNABLE>ZOMBIE': 'it is killed while ready',
  'RUNNING>RUNNABLE': 'preempted: its time slice ends, a more urgent task arrives, or it yields',
  'RUNNING>SLEEPING': 'it blocks: I/O, wait(), sleep(), a pipe, a mutex, join() or accept()',
  'RUNNING>STOPPED': 'SIGSTOP arrives while it runs',
  'RUNNING>ZOMBIE': 'it exits, or is killed',
  'SLEEPING>RUNNABLE': 'it wakes up: what it waited for happened',
  'SLEEPING>STOPPED': 'SIGSTOP arrives while it is blocked',
  'SLEEPING>ZOMBIE': 'it is killed while blocked',
  'STOPPED>RUNNABLE': 'SIGCONT continues it',
  'STOPPED>ZOMBIE': 'it is killed while stopped',
  'ZOMBIE>UNUSED': "its parent's wait() reaps it and the slot is freed",
};

/** Short labels drawn on the main edges. */
const LABEL: Record<string, string> = {
  'UNUSED>EMBRYO': 'fork',
  'RUNNABLE>RUNNING': 'dispatch',
  'RUNNING>RUNNABLE': 'preempt',
  'RUNNING>SLEEPING': 'block',
  'SLEEPING>RUNNABLE': 'wake up',
  'RUNNING>ZOMBIE': 'exit',
  'ZOMBIE>UNUSED': 'reaped by wait()',
};

/** Hand-placed control points for edges that must curve around a box. */
const ROUTE: Record<string, Pt[]> = {
  'RUNNABLE>ZOMBIE': [{ x: 440, y: 252 }],
  'ZOMBIE>UNUSED': [
    { x: 640, y: 362 },
    { x: 60, y: 374 },
  ],
};

/** Main edges (the life of every process) are drawn stronger than the signal edges. */
const MAIN = new Set([
  'UNUSED>EMBRYO',
  'EMBRYO>RUNNABLE',
  'RUNNABLE>RUNNING',
  'RUNNING>RUNNABLE',
  'RUNNING>SLEEPING',
  'SLEEPING>RUNNABLE',
  'RUNNING>ZOMBIE',
  'ZOMBIE>UNUSED',
]);

export type Edge = {
  key: string;
  from: TaskState;
  to: TaskState;
  /** SVG path data. */
  d: string;
  /** Where the label goes (the curve's midpoint). */
  mid: Pt;
  label: string;
  main: boolean;
  when: string;
};

/** Where the ray from the centre `c` of a box towards `p` leaves the box. */
export function boxExit(c: Pt, p: Pt, w = BOX_W, h = BOX_H): Pt {
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (dx === 0 && dy === 0) return { x: c.x, y: c.y };
  const sx = dx === 0 ? Infinity : w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: round(c.x + dx * s), y: round(c.y + dy * s) };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * Every edge of `LEGAL`, with its path. Two opposite edges between the same boxes bend apart
 * (each to its own left), so both arrows show. Never fails.
 */
export function edges(): Edge[] {
  const out: Edge[] = [];
  for (const from of STATES)
    for (const to of LEGAL[from]) {
      const key = `${from}>${to}`;
      const a = POS[from];
      const b = POS[to];
      let ctrl = ROUTE[key];
      if (!ctrl) {
        const paired = LEGAL[to].includes(from);
        const len = Math.hypot(b.x - a.x, b.y - a.y);
        // the normal to the left of the direction of travel
        const nx = (b.y - a.y) / len;
        const ny = -(b.x - a.x) / len;
        const bend = paired ? 12 : 0;
        ctrl = [{ x: (a.x + b.x) / 2 + nx * bend, y: (a.y + b.y) / 2 + ny * bend }];
      }
      const s = boxExit(a, ctrl[0]);
      const e = boxExit(b, ctrl[ctrl.length - 1]);
      let d: string;
      let mid: Pt;
      if (ctrl.length === 1) {
        const c = ctrl[0];
        d = `M${s.x} ${s.y} Q${round(c.x)} ${round(c.y)} ${e.x} ${e.y}`;
        mid = { x: round((s.x + 2 * c.x + e.x) / 4), y: round((s.y + 2 * c.y + e.y) / 4) };
      } else {
        const [c1, c2] = ctrl;
        d = `M${s.x} ${s.y} C${c1.x} ${c1.y} ${c2.x} ${c2.y} ${e.x} ${e.y}`;
        mid = {
          x: round((s.x + 3 * c1.x + 3 * c2.x + e.x) / 8),
          y: round((s.y + 3 * c1.y + 3 * c2.y + e.y) / 8),
        };
      }
      out.push({
        key,
        from,
        to,
        d,
        mid,
        label: LABEL[key] ?? '',
        main: MAIN.has(key),
        when: WHEN[key] ?? '',
      });
    }
  return out;
}

/** Node caption: the teaching word ("ready"); the zombie's is just "zombie". */
export function nodeWord(s: TaskState): string {
  return s === 'ZOMBIE' ? 'zombie' : teachingName(s);
}

/** The edge key of a transition, or null when there is none. */
export function transitionKey(tr: Transition | null): string | null {
  return tr ? `${tr.from}>${tr.to}` : null;
}

/** "Last: RUNNING → SLEEPING (io) at tick 7". */
export function lastText(tr: Transition | null): string {
  return tr ? `Last: ${tr.from} → ${tr.to} (${tr.reason}) at tick ${tr.t}` : 'No state change yet.';
}

export type Focus = {
  /** The main task's state, or UNUSED when the process does not exist (yet, or any more). */
  state: TaskState;
  exists: boolean;
  name: string;
  /** One sentence: "PID 3 (fork-basics) is RUNNABLE (ready)." */
  sentence: string;
  /** Other threads of the process and their states ("thread 5 is SLEEPING (blocked)"). */
  threads: string[];
  /** Where it can go from here, in teaching words. */
  next: string[];
  /** The main task changed state in this step. */
  changedNow: boolean;
};

/** What the diagram shows for `pid`'s main task (tid = pid). Never fails. */
export function focusOf(m: Machine, events: KEvent[], pid: number): Focus {
  const p = get(m.procs, pid);
  const main = get(m.tasks, pid);
  const state: TaskState = main ? main.state : p && p.state === 'ZOMBIE' ? 'ZOMBIE' : 'UNUSED';
  const exists = p !== undefined;
  const name = p ? p.name : '';
  let sentence: string;
  if (!exists) sentence = `There is no PID ${pid} at tick ${m.clock}.`;
  else {
    sentence = `PID ${pid} (${name}) is ${stateLabel(state)}.`;
    if (main && main.state === 'SLEEPING' && main.wchan)
      sentence = `${sentence.slice(0, -1)}, waiting on ${waitChannelWords(m, main)}.`;
  }
  const threads: string[] = [];
  if (p)
    for (const tid of p.tids) {
      const t = get(m.tasks, tid);
      if (t && tid !== pid) threads.push(`thread ${tid} is ${stateLabel(t.state)}`);
    }
  return {
    state,
    exists,
    name,
    sentence,
    threads,
    next: LEGAL[state].map((s) => nodeWord(s)),
    changedNow: events.some((e) => e.type === 'state' && e.tid === pid),
  };
}
