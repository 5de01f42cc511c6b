// Chapter 3's EEVDF lag ledger: Linux's fair scheduler since 6.6 (Documentation/scheduler/
// sched-eevdf.rst; Stoica and Abdel-Wahab, 1995), reduced to its bookkeeping on one CPU.
// - Each task has a weight (from its nice value, nice.ts) and a requested slice r (ms).
// - Running for Δ ms advances a task's virtual runtime v by Δ × 1024 / w (kernel/sched/fair.c
//   calc_delta_fair): heavier tasks age more slowly.
// - V is the weighted average of the v of the tasks on the run queue (fair.c avg_vruntime).
// - A task's lag is the CPU time it is owed: w × (V − v) / 1024 ms. The lags always sum to zero.
// - A task is eligible when its lag is ≥ 0 (v ≤ V); its virtual deadline is the v at which its
//   current request ends: set to v + r × 1024 / w when it joins and each time it uses up a slice
//   (fair.c update_deadline).
// - The CPU goes to the eligible task with the earliest virtual deadline (pick_eevdf); equal
//   deadlines go to the task listed first.
// - A task that joins the run queue (a new task, or one waking up) is placed with lag 0 (v = V)
//   and pre-empts the running task if its deadline is earlier (wake-up pre-emption), which is how
//   a shorter requested slice buys a quicker start.
// Simplifications, said in the chapter: the kernel halves a brand-new task's first slice
// (PLACE_DEADLINE_INITIAL), keeps a sleeper's lag (decaying it while it sleeps) rather than
// zeroing it, and can only pre-empt at a timer tick or a wake-up; here a task runs exactly its
// slice.
import { niceWeight } from './nice.ts';

export type EevdfTask = { name: string; nice: number; slice: number; join: number };

export type LedgerTask = {
  name: string;
  weight: number;
  joined: boolean;
  /** Virtual runtime, virtual ms. */
  v: number;
  /** Virtual deadline, virtual ms. */
  deadline: number;
  /** CPU time received, ms. */
  ran: number;
  /** w × (V − v) / 1024, ms of CPU owed (negative: received too much). */
  lag: number;
  eligible: boolean;
};

export type LedgerRow = {
  /** Real time at the end of this step, ms. */
  t: number;
  /** Index of the task that ran during the step (-1: the start). */
  ran: number;
  /** How long it ran, ms. */
  dt: number;
  /** V after the step. */
  V: number;
  tasks: LedgerTask[];
  /** Σ lag over the tasks on the run queue (zero up to rounding). */
  lagSum: number;
  /** What happened, in a sentence. */
  note: string;
  /** Index of the task that runs next (-1: none). */
  next: number;
};

const EPS = 1e-9;

type S = { weight: number; joined: boolean; v: number; deadline: number; ran: number };

function avg(ts: S[]): number {
  let wv = 0;
  let w = 0;
  for (const s of ts)
    if (s.joined) {
      wv += s.weight * s.v;
      w += s.weight;
    }
  return w === 0 ? 0 : wv / w;
}

function snapshot(tasks: EevdfTask[], st: S[], V: number): { rows: LedgerTask[]; sum: number } {
  let sum = 0;
  const rows = st.map((s, i) => {
    const lag = s.joined ? (s.weight * (V - s.v)) / 1024 : 0;
    sum += lag;
    return {
      name: tasks[i].name,
      weight: s.weight,
      joined: s.joined,
      v: s.v,
      deadline: s.deadline,
      ran: s.ran,
      lag,
      eligible: s.joined && s.v <= V + EPS,
    };
  });
  return { rows, sum };
}

/** The eligible task with the earliest deadline (first listed on a tie), or -1. */
function pick(st: S[], V: number): number {
  let best = -1;
  st.forEach((s, i) => {
    if (!s.joined || s.v > V + EPS) return;
    if (best === -1 || s.deadline < st[best].deadline - EPS) best = i;
  });
  return best;
}

const fmt = (x: number): string => String(Math.round(x * 100) / 100);

/**
 * The ledger after each of the first `steps` scheduling decisions. Precondition: the tasks pass
 * `checkEevdf`. Never fails.
 */
export function eevdfLedger(tasks: EevdfTask[], steps: number): LedgerRow[] {
  const st: S[] = tasks.map((t) => ({
    weight: niceWeight(t.nice),
    joined: false,
    v: 0,
    deadline: 0,
    ran: 0,
  }));
  const name = (i: number): string => tasks[i].name;
  const vslice = (i: number): number => (tasks[i].slice * 1024) / st[i].weight;
  let t = 0;
  const joinAt = (time: number): number[] => {
    const out: number[] = [];
    tasks.forEach((task, i) => {
      if (!st[i].joined && task.join <= time + EPS) out.push(i);
    });
    return out;
  };
  const place = (list: number[]): void => {
    for (const i of list) {
      const V = avg(st);
      st[i].joined = true;
      st[i].v = V;
      st[i].deadline = V + vslice(i);
    }
  };
  place(joinAt(0));
  let V = avg(st);
  let cur = pick(st, V);
  const first = snapshot(tasks, st, V);
  const rows: LedgerRow[] = [
    {
      t: 0,
      ran: -1,
      dt: 0,
      V,
      tasks: first.rows,
      lagSum: first.sum,
      note:
        cur === -1
          ? 'No task is on the run queue yet.'
          : `Every task starts with lag 0, so all are eligible; ${name(cur)} has the earliest virtual deadline (${fmt(st[cur].deadline)}) and runs first.`,
      next: cur,
    },
  ];
  for (let k = 0; k < steps; k++) {
    const pending = tasks
      .map((task, i) => (st[i].joined ? Infinity : task.join))
      .filter((x) => x > t + EPS);
    const nextJoin = pending.length ? Math.min(...pending) : Infinity;
    if (cur === -1) {
      if (nextJoin === Infinity) break;
      t = nextJoin;
      const js = joinAt(t);
      place(js);
      V = avg(st);
      cur = pick(st, V);
      const s = snapshot(tasks, st, V);
      rows.push({
        t,
        ran: -1,
        dt: 0,
        V,
        tasks: s.rows,
        lagSum: s.sum,
        note: `${js.map(name).join(' and ')} join${js.length === 1 ? 's' : ''} the run queue with lag 0.`,
        next: cur,
      });
      continue;
    }
    const toEnd = ((st[cur].deadline - st[cur].v) * st[cur].weight) / 1024;
    const dt = Math.min(toEnd, nextJoin - t);
    st[cur].v += (dt * 1024) / st[cur].weight;
    st[cur].ran += dt;
    t += dt;
    const ran = cur;
    let note: string;
    const finished = dt >= toEnd - EPS;
    if (finished) {
      st[ran].v = st[ran].deadline; // exact, against rounding
      st[ran].deadline = st[ran].v + vslice(ran);
      note = `${name(ran)} runs ${fmt(dt)} ms, the rest of its ${fmt(tasks[ran].slice)} ms slice; its next virtual deadline is ${fmt(st[ran].deadline)}.`;
      cur = -1;
    } else note = `${name(ran)} runs ${fmt(dt)} ms.`;
    const js = joinAt(t);
    if (js.length > 0) {
      place(js);
      const joined = js.map(name).join(' and ');
      note += ` ${joined} join${js.length === 1 ? 's' : ''} with lag 0`;
      if (cur !== -1) {
        const w = js.reduce((b, i) => (st[i].deadline < st[b].deadline - EPS ? i : b), js[0]);
        if (st[w].deadline < st[cur].deadline - EPS) {
          note += `; ${name(w)}'s deadline ${fmt(st[w].deadline)} is earlier than ${name(cur)}'s ${fmt(st[cur].deadline)}, so ${name(w)} pre-empts ${name(cur)} (wake-up pre-emption).`;
          cur = -1;
        } else
          note += `; ${name(w)}'s deadline ${fmt(st[w].deadline)} is not earlier than ${name(cur)}'s ${fmt(st[cur].deadline)}, so ${name(cur)} keeps the CPU.`;
      } else note += '.';
    }
    V = avg(st);
    if (cur === -1) {
      cur = pick(st, V);
      if (cur !== -1) {
        const el = st
          .map((s, i) => (s.joined && s.v <= V + EPS ? name(i) : null))
          .filter((x) => x !== null);
        note += ` Eligible now: ${el.join(', ')}; ${name(cur)} has the earliest deadline (${fmt(st[cur].deadline)}) and runs next.`;
      }
    }
    const s = snapshot(tasks, st, V);
    rows.push({ t, ran, dt, V, tasks: s.rows, lagSum: s.sum, note, next: cur });
  }
  return rows;
}

/** LWN's worked example (lwn.net/Articles/925371): three nice-0 tasks with 30 ms slices. */
export const LWN_EXAMPLE: EevdfTask[] = [
  { name: 'A', nice: 0, slice: 30, join: 0 },
  { name: 'B', nice: 0, slice: 30, join: 0 },
  { name: 'C', nice: 0, slice: 30, join: 0 },
];

/** Wake-up pre-emption: C joins at 45 ms asking for 5 ms slices and pre-empts B. */
export const WAKEUP_EXAMPLE: EevdfTask[] = [
  { name: 'A', nice: 0, slice: 30, join: 0 },
  { name: 'B', nice: 0, slice: 30, join: 0 },
  { name: 'C', nice: 0, slice: 5, join: 45 },
];

/**
 * Checks tasks a reader typed. Precondition: none. Failure: a message naming the task and the
 * field at fault.
 */
export function checkEevdf(tasks: EevdfTask[]): string | null {
  if (tasks.length < 1 || tasks.length > 6) return 'Give between 1 and 6 tasks.';
  const seen = new Set<string>();
  for (const t of tasks) {
    if (!/^[A-Za-z0-9]{1,3}$/.test(t.name))
      return `Task names are 1 to 3 letters or digits; got “${t.name}”.`;
    if (seen.has(t.name)) return `Two tasks are called ${t.name}; give each its own name.`;
    seen.add(t.name);
    if (!Number.isInteger(t.nice) || t.nice < -20 || t.nice > 19)
      return `Task ${t.name}: nice must be a whole number from −20 to 19.`;
    if (!Number.isFinite(t.slice) || t.slice < 0.1 || t.slice > 100)
      return `Task ${t.name}: the slice must be a number of milliseconds from 0.1 to 100.`;
    if (!Number.isFinite(t.join) || t.join < 0 || t.join > 1000)
      return `Task ${t.name}: the join time must be a number of milliseconds from 0 to 1000.`;
  }
  return null;
}
