// Multi-level feedback queue, with the rules of OSTEP's mlfq.py (../shared/ostep-spec-2.md §1.5):
// - levels 0 (lowest) to hi; a new task starts at hi with that level's slice and allotment;
// - the CPU goes to the head of the highest non-empty level; a task that arrives at a higher
//   level takes the CPU at the next tick, and the task it took it from stays at the head of its
//   level;
// - each tick a task runs costs one tick of its slice; when the slice is used up the task loses
//   one allotment and goes to the back of its level, or, with no allotment left, one level down
//   with the lower level's slice and allotment (level 0 keeps it at level 0);
// - a task that sleeps (I/O) keeps what is left of its slice and allotment (allotment accounting,
//   the book's rule 4), unless `stay` (mlfq.py -S: both reset when it issues I/O);
// - with `iobump` (-I) a task whose sleep ends joins the front of its level, not the back;
// - every `boost` ticks (-B; 0 never) every task goes back to the top level with fresh slice and
//   allotment, the queued ones in mlfq.py's order (the top level, then levels 0, 1, ...). The
//   boost comes first at its tick: tasks that become ready at that tick (new tasks, tasks whose
//   sleep ends then) join the top level behind the boosted ones, or, woken with `iobump`, in
//   front of them, as mlfq.py handles a boost before that time's arrivals.
// Options (config.sched.params, all optional): `quanta` and `allotments`, one number per level,
// highest level first (mlfq.py -Q and -A); without them `levels` levels (default 3) each get
// config.sched.quantum and `allotment` (default 1). The per-task numbers live in task.se: `pri`
// (level), `ticks` (slice left), `allot` (allotment left), `seq` (place in its level: lower
// runs first) and `ready` (the tick at which it last became ready: new or woken).
import type { Machine, Task } from '../types.ts';
import type { SchedPolicy } from './policy.ts';
import { get, values } from '../table.ts';
import { own, writable } from '../own.ts';

type Levels = { quanta: number[]; allots: number[] };

/** Slice and allotment per level, index 0 the lowest (mlfq.py's queue numbers). */
function levels(m: Machine): Levels {
  const p = m.config.sched.params;
  const list = (v: unknown): number[] | null =>
    Array.isArray(v) && v.length > 0 ? [...v].reverse() : null;
  const n = typeof p.levels === 'number' && p.levels >= 1 ? Math.trunc(p.levels) : 3;
  const quanta = list(p.quanta) ?? Array.from({ length: n }, () => m.config.sched.quantum);
  const allot = typeof p.allotment === 'number' ? p.allotment : 1;
  const allots = list(p.allotments) ?? quanta.map(() => allot);
  return { quanta, allots };
}

type Entity = { pri: number; ticks: number; allot: number; seq: number; ready?: number };

/**
 * The task's MLFQ numbers (a fresh task starts at the top level). task.se is never changed in
 * place: a change replaces it (`t.se = { ...e, ticks }`), so machines that share it stay intact.
 */
function entity(t: Task, lv: Levels): Entity {
  if (t.se.pri !== undefined) return t.se as Entity;
  const hi = lv.quanta.length - 1;
  return { pri: hi, ticks: lv.quanta[hi], allot: lv.allots[hi], seq: 0 };
}

/** A place behind (or, with `front`, before) every task now queued or running. */
function place(m: Machine, front: boolean): number {
  let lo = 0;
  let hi = 0;
  for (const t of values(m.tasks)) {
    const s = t.se.seq;
    if (s === undefined) continue;
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  return front ? lo - 1 : hi + 1;
}

/** True when queued task `a` runs before task `b`: a higher level, then an earlier place. */
function before(m: Machine, a: Task, b: Task): boolean {
  const lv = levels(m);
  const ea = entity(a, lv);
  const eb = entity(b, lv);
  return ea.pri > eb.pri || (ea.pri === eb.pri && ea.seq < eb.seq);
}

export const mlfq: SchedPolicy = {
  label: 'Multi-level feedback queue',
  automatic: true,
  pick(m) {
    let best = m.runq[0];
    for (const tid of m.runq) if (before(m, get(m.tasks, tid)!, get(m.tasks, best)!)) best = tid;
    return best;
  },
  enqueue(m, task, reason) {
    const e = entity(task, levels(m));
    // a preempted task stays at the head of its level; -I puts a woken task at the front
    const front = reason === 'wakeup' && m.config.sched.params.iobump === true;
    if (reason === 'preempt') task.se = e;
    else if (reason === 'quantum') task.se = { ...e, seq: place(m, front) };
    else {
      // a wake-up by a timer happens at the start of the tick it can run in; a new task (spawned
      // between ticks, or forked during one) can run from the next tick
      const ready = reason === 'wakeup' ? m.clock : m.clock + 1;
      task.se = { ...e, seq: place(m, front), ready };
    }
    own(m, m, 'runq').push(task.tid);
  },
  preempt: (m, _cpu, cur, next) => before(m, get(m.tasks, next)!, cur),
  tick(m, _cpu, task) {
    if (task.state === 'ZOMBIE' || task.state === 'UNUSED') return false; // finished: not demoted
    const lv = levels(m);
    const e = { ...entity(task, lv) };
    e.ticks -= 1;
    const used = e.ticks === 0;
    const slept = task.state !== 'RUNNING';
    if (slept && m.config.sched.params.stay === true) {
      e.ticks = lv.quanta[e.pri];
      e.allot = lv.allots[e.pri];
    }
    if (used) {
      e.allot -= 1;
      if (e.allot === 0) {
        if (e.pri > 0) e.pri -= 1;
        e.allot = lv.allots[e.pri];
      }
      e.ticks = lv.quanta[e.pri];
    }
    task.se = e;
    return used; // to the back of its (maybe new) level, if it still runs
  },
  beginTick(m) {
    // mlfq.py boosts at time t (t ticks have run), before running tick t + 1: here m.clock
    // already counts the tick about to run
    const b = m.config.sched.params.boost;
    const ran = m.clock - 1;
    if (typeof b !== 'number' || b <= 0 || ran <= 0 || ran % b !== 0) return false;
    const lv = levels(m);
    const hi = lv.quanta.length - 1;
    // mlfq.py's order after a boost: the top level, then levels 0, 1, ... each in queue order;
    // then the tasks that become ready at this tick (woken with iobump: before everything)
    const now = m.clock;
    const bump = m.config.sched.params.iobump === true;
    const rank = (t: Task): number => {
      const e = entity(t, lv);
      if (e.ready === now && t.state === 'RUNNABLE') return bump && e.seq < 0 ? -1 : hi + 2;
      return e.pri === hi ? 0 : 1 + e.pri;
    };
    const queued = [...m.runq, ...m.cpus.filter((c) => c.cur !== -1).map((c) => c.cur)]
      .map((tid) => get(m.tasks, tid)!)
      .sort((a, b) => rank(a) - rank(b) || entity(a, lv).seq - entity(b, lv).seq);
    const seq = new Map(queued.map((t, i) => [t.tid, i]));
    for (const t of values(m.tasks)) {
      if (t.se.pri === undefined || t.state === 'ZOMBIE') continue;
      const e = entity(t, lv);
      writable(m, 'tasks', t.tid).se = {
        pri: hi,
        ticks: lv.quanta[hi],
        allot: lv.allots[hi],
        seq: seq.get(t.tid) ?? e.seq,
        ...(e.ready === undefined ? {} : { ready: e.ready }),
      };
    }
    return m.cpus.some((c) => c.cur !== -1);
  },
};
