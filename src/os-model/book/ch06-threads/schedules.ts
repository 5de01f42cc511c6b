// Chapter 6's schedule checker: small shared-memory programs for two or three threads, each
// thread a list of atomic steps (one load, one add, one store, one test-and-set, …), and every
// order in which a scheduler could interleave those steps. It counts the schedules, groups them
// by how the run ends (the histogram), finds the simplest schedule that ends badly (the fewest
// switches between threads), and replays any schedule step by step with one sentence per step.
//
// The counting merges schedule prefixes that reach the same state (same program counters,
// registers, memory and lock owners), so it is exact without listing every schedule one by one:
// two threads doing 4 increments each have C(24, 12) = 2,704,156 schedules, but only a few
// hundred distinct states. A wait that cannot go on (a spin loop whose condition is false, a lock
// that is held) is a step the thread cannot take yet: spinning is not a step, so every schedule is
// finite and a schedule lists only steps that change something (OSTEP's x86.py would show the
// spins; chapter 6 counts them separately in its cost model).
//
// Pure and deterministic; no DOM. Tested in schedules.test.ts against a brute-force count.

/** One atomic step of a thread. Every thread has one register, `ax`, as x86.py's threads do. */
export type Op =
  | { op: 'load'; addr: string } // ax = mem[addr]
  | { op: 'add'; v: number } // ax += v
  | { op: 'store'; addr: string } // mem[addr] = ax
  | { op: 'set'; addr: string; v: number } // mem[addr] = v (a store of a constant)
  | { op: 'await'; addr: string; eq: number; or?: { addr: string; eq: number } } // spin until true
  | { op: 'tas'; addr: string } // atomically: spin until mem[addr] == 0, then set it to 1
  | { op: 'lock'; m: string } // pthread_mutex_lock: sleep until free, then own it
  | { op: 'unlock'; m: string }
  | { op: 'jge'; addr: string; v: number; to: number } // if (mem[addr] >= v) goto to
  | { op: 'jmp'; to: number }
  | { op: 'wait'; cv: string; m: string } // pthread_cond_wait: release m, sleep, re-take m
  | { op: 'signal'; cv: string }; // pthread_cond_signal: wake one waiter

/**
 * A step with the C it stands for; `cs` marks a step inside the critical section (a thread whose
 * next step is marked is inside it, holding whatever lock guards it).
 */
export type Step = Op & { text: string; cs?: true };

/** A thread: its name (A, B, C) and steps. */
export type ThreadCode = { name: string; steps: Step[] };

/** A program: its threads, the shared variables with their start values, and what counts as ok. */
export type ThreadProgram = {
  name: string;
  title: string;
  threads: ThreadCode[];
  vars: Record<string, number>;
  /** The variable the histogram reports, and the value every correct run ends with. */
  result: { addr: string; expect: number };
  /** The C listing shown beside it. */
  listing: string[];
};

/** One thread's registers and scheduling state. */
export type ThreadState = {
  pc: number;
  ax: number;
  /** Asleep on this condition variable (pthread_cond_wait), or null. */
  waiting: string | null;
  /** Woken from a condition wait, and must re-take the mutex before going on. */
  relock: boolean;
};

/** The state of a run: threads, memory (mutexes hold 0 when free, else owner index + 1). */
export type RunState = {
  threads: ThreadState[];
  mem: Record<string, number>;
  /** Two threads have been inside their critical sections at the same time. */
  overlap: boolean;
};

/** How a run ends: the result variable's value, or a deadlock; and whether mutual exclusion broke. */
export type Outcome = { deadlock: boolean; value: number; overlap: boolean };

/** A histogram bar: an outcome and the number of schedules that end with it. */
export type Bar = { key: string; outcome: Outcome; count: number; bad: boolean };

/** Every schedule of a program, counted. */
export type Census = { total: number; bars: Bar[]; bad: number; states: number };

/** A step of a replay: who ran, what it did, and the state after it. */
export type ReplayStep = {
  thread: number;
  pc: number;
  text: string;
  said: string;
  after: RunState;
};

export type Replay =
  | { ok: true; start: RunState; steps: ReplayStep[]; end: 'running' | 'done' | 'deadlock' }
  | { ok: false; error: string; at: number };

/** The start state of a program. Never fails. Precondition: none. */
export function initial(p: ThreadProgram): RunState {
  return {
    threads: p.threads.map(() => ({ pc: 0, ax: 0, waiting: null, relock: false })),
    mem: { ...p.vars },
    overlap: false,
  };
}

const done = (p: ThreadProgram, s: RunState, t: number): boolean =>
  s.threads[t].pc >= p.threads[t].steps.length;

/** Why thread `t` cannot take its next step now, or null if it can. Never fails. */
export function blockedBy(p: ThreadProgram, s: RunState, t: number): string | null {
  const th = s.threads[t];
  const name = p.threads[t].name;
  if (done(p, s, t)) return `${name} has finished`;
  if (th.waiting !== null) return `${name} sleeps on ${th.waiting} until another thread signals it`;
  const st = p.threads[t].steps[th.pc];
  const m = s.mem;
  switch (st.op) {
    case 'await': {
      const okA = m[st.addr] === st.eq;
      const okB = st.or ? m[st.or.addr] === st.or.eq : false;
      if (okA || okB) return null;
      return st.or
        ? `${name} spins: ${st.addr} is ${m[st.addr]} and ${st.or.addr} is ${m[st.or.addr]}`
        : `${name} spins: ${st.addr} is ${m[st.addr]}, not ${st.eq}`;
    }
    case 'tas':
      return m[st.addr] === 0 ? null : `${name} spins: test-and-set finds ${st.addr} already 1`;
    case 'lock':
      return m[st.m] === 0 ? null : `${name} sleeps: ${st.m} is held by ${ownerName(p, m[st.m])}`;
    case 'wait':
      return th.relock && m[st.m] !== 0
        ? `${name} was woken but sleeps again: ${st.m} is held by ${ownerName(p, m[st.m])}`
        : null;
    default:
      return null;
  }
}

const ownerName = (p: ThreadProgram, v: number): string => p.threads[v - 1]?.name ?? '?';

/** The threads that can take a step in state `s`, in index order. Never fails. */
export function runnable(p: ThreadProgram, s: RunState): number[] {
  const r: number[] = [];
  for (let t = 0; t < p.threads.length; t++) if (blockedBy(p, s, t) === null) r.push(t);
  return r;
}

// Inside the critical section: the next step is marked, and the thread is not asleep in (or
// waking from) a condition wait, which has let the mutex go.
const inCs = (p: ThreadProgram, s: RunState, t: number): boolean =>
  p.threads[t].steps[s.threads[t].pc]?.cs === true &&
  s.threads[t].waiting === null &&
  !s.threads[t].relock;

/**
 * Thread `t` takes one step. Precondition: `runnable(p, s)` includes t. Never fails; returns a new
 * state and the sentence that says what happened (the input is not changed).
 */
export function advance(p: ThreadProgram, s: RunState, t: number): { s: RunState; said: string } {
  const threads = s.threads.map((x) => ({ ...x }));
  const mem = { ...s.mem };
  const th = threads[t];
  const name = p.threads[t].name;
  const st = p.threads[t].steps[th.pc];
  let said = '';
  let next = th.pc + 1;
  switch (st.op) {
    case 'load':
      th.ax = mem[st.addr];
      said = `${name} loads ${st.addr} (${th.ax}) into its register.`;
      break;
    case 'add':
      th.ax += st.v;
      said = `${name} adds ${st.v} in its register, which now holds ${th.ax}.`;
      break;
    case 'store':
      said =
        mem[st.addr] === th.ax - 1 || st.addr !== p.result.addr
          ? `${name} stores ${th.ax} to ${st.addr}.`
          : `${name} stores ${th.ax} to ${st.addr}, which held ${mem[st.addr]}: an update is lost.`;
      mem[st.addr] = th.ax;
      break;
    case 'set':
      mem[st.addr] = st.v;
      said = `${name} sets ${st.addr} to ${st.v}.`;
      break;
    case 'await':
      said = st.or
        ? `${name} finds ${st.addr} = ${mem[st.addr]} and ${st.or.addr} = ${mem[st.or.addr]}, and leaves its loop.`
        : `${name} finds ${st.addr} = ${mem[st.addr]} and leaves its loop.`;
      break;
    case 'tas':
      mem[st.addr] = 1;
      said = `${name}'s test-and-set reads 0 from ${st.addr} and writes 1 in one atomic step: it holds the lock.`;
      break;
    case 'lock':
      mem[st.m] = t + 1;
      said = `${name} takes ${st.m}.`;
      break;
    case 'unlock':
      mem[st.m] = 0;
      said = `${name} releases ${st.m}.`;
      break;
    case 'jge':
      if (mem[st.addr] >= st.v) next = st.to;
      said =
        mem[st.addr] >= st.v
          ? `${name} finds ${st.addr} = ${mem[st.addr]}, enough: it stops waiting.`
          : `${name} finds ${st.addr} = ${mem[st.addr]}, less than ${st.v}: it must wait.`;
      break;
    case 'jmp':
      next = st.to;
      said = `${name} goes back to check again.`;
      break;
    case 'wait':
      if (th.relock) {
        mem[st.m] = t + 1;
        th.relock = false;
        said = `${name} wakes with ${st.m} taken again.`;
      } else {
        mem[st.m] = 0;
        th.waiting = st.cv;
        next = th.pc; // it resumes here when signalled
        said = `${name} releases ${st.m} and sleeps on ${st.cv}.`;
      }
      break;
    case 'signal': {
      const w = threads.findIndex((x) => x.waiting === st.cv);
      if (w >= 0) {
        threads[w].waiting = null;
        threads[w].relock = true;
        said = `${name} signals ${st.cv}: ${p.threads[w].name} wakes and will take the mutex again.`;
      } else said = `${name} signals ${st.cv}, but nobody is waiting: the signal is lost.`;
      break;
    }
  }
  th.pc = next;
  const out: RunState = { threads, mem, overlap: s.overlap };
  if (!s.overlap) {
    let n = 0;
    for (let i = 0; i < threads.length; i++) if (inCs(p, out, i)) n++;
    if (n > 1) {
      out.overlap = true;
      said += ' Two threads are now inside the critical section at once.';
    }
  }
  return { s: out, said };
}

/** Whether every thread has finished, the run is stuck, or it goes on. Never fails. */
export function status(p: ThreadProgram, s: RunState): 'running' | 'done' | 'deadlock' {
  if (p.threads.every((_, t) => done(p, s, t))) return 'done';
  return runnable(p, s).length === 0 ? 'deadlock' : 'running';
}

/** The outcome of a finished or stuck state. Never fails. Precondition: status is not 'running'. */
export function outcomeOf(p: ThreadProgram, s: RunState): Outcome {
  return {
    deadlock: status(p, s) === 'deadlock',
    value: s.mem[p.result.addr],
    overlap: s.overlap,
  };
}

/** A short stable key for an outcome (the histogram's bar). Never fails. */
export function outcomeKey(o: Outcome): string {
  return `${o.deadlock ? 'deadlock' : `${o.value}`}${o.overlap ? '+overlap' : ''}`;
}

/** An outcome in words. Never fails. */
export function outcomeWords(p: ThreadProgram, o: Outcome): string {
  const base = o.deadlock
    ? 'deadlock: no thread can move'
    : `${p.result.addr} = ${o.value}${o.value === p.result.expect ? '' : ` (expected ${p.result.expect})`}`;
  return o.overlap ? `${base}, after two threads shared the critical section` : base;
}

export const isBad = (p: ThreadProgram, o: Outcome): boolean =>
  o.deadlock || o.overlap || o.value !== p.result.expect;

const keyOf = (s: RunState): string =>
  `${s.threads.map((t) => `${t.pc},${t.ax},${t.waiting ?? ''},${t.relock ? 1 : 0}`).join(';')}|${Object.values(s.mem).join(',')}|${s.overlap ? 1 : 0}`;

/**
 * Every schedule of `p`, counted exactly and grouped by outcome (prefixes that reach the same state
 * are merged, so the work grows with the number of states, not schedules). Precondition: none.
 * Failure: throws an Error if the program can loop for ever (a cycle of steps), which none of the
 * book's programs can.
 */
export function census(p: ThreadProgram): Census {
  const memo = new Map<string, Map<string, number> | null>(); // null: on the current path
  const outcomes = new Map<string, Outcome>();
  const visit = (s: RunState): Map<string, number> => {
    const k = keyOf(s);
    const seen = memo.get(k);
    if (seen === null) throw new Error(`${p.name}: a schedule can loop for ever`);
    if (seen) return seen;
    memo.set(k, null);
    const res = new Map<string, number>();
    const r = runnable(p, s);
    if (r.length === 0) {
      const o = outcomeOf(p, s);
      const ok = outcomeKey(o);
      outcomes.set(ok, o);
      res.set(ok, 1);
    } else
      for (const t of r)
        for (const [ok, n] of visit(advance(p, s, t).s)) res.set(ok, (res.get(ok) ?? 0) + n);
    memo.set(k, res);
    return res;
  };
  const all = visit(initial(p));
  const bars: Bar[] = [...all]
    .map(([key, count]) => {
      const outcome = outcomes.get(key)!;
      return { key, outcome, count, bad: isBad(p, outcome) };
    })
    .sort(
      (a, b) =>
        Number(a.outcome.deadlock) - Number(b.outcome.deadlock) ||
        a.outcome.value - b.outcome.value ||
        Number(a.outcome.overlap) - Number(b.outcome.overlap),
    );
  const total = bars.reduce((n, b) => n + b.count, 0);
  const bad = bars.filter((b) => b.bad).reduce((n, b) => n + b.count, 0);
  return { total, bars, bad, states: memo.size };
}

/**
 * The schedule (thread indices, one per step) with the fewest switches between threads that ends
 * in an outcome `want` accepts; ties go to the one that runs lower-numbered threads first. Null
 * if no schedule does. Precondition: none. Never fails for the book's programs (finite states).
 */
export function simplest(p: ThreadProgram, want: (o: Outcome) => boolean): number[] | null {
  // 0-1 breadth-first search over (state, last thread): a step by the last thread costs 0, a
  // switch costs 1. Deque of nodes; each node remembers its parent for the schedule.
  type Node = { s: RunState; last: number; sched: number[] };
  const best = new Map<string, number>();
  let front: Node[] = [{ s: initial(p), last: -1, sched: [] }];
  for (let cost = 0; front.length > 0 && cost <= 64; cost++) {
    // Expand everything reachable at this cost (steps by the same thread), depth first in
    // thread order so the first hit is the lexicographically first.
    const nextFront: Node[] = [];
    const stack = [...front].reverse();
    while (stack.length > 0) {
      const n = stack.pop()!;
      const k = `${keyOf(n.s)}#${n.last}`;
      const b = best.get(k);
      if (b !== undefined && b <= cost) continue;
      best.set(k, cost);
      const r = runnable(p, n.s);
      if (r.length === 0) {
        if (want(outcomeOf(p, n.s))) return n.sched;
        continue;
      }
      const same: Node[] = [];
      for (const t of r) {
        const child = { s: advance(p, n.s, t).s, last: t, sched: [...n.sched, t] };
        if (t === n.last || n.last === -1) same.push(child);
        else nextFront.push(child);
      }
      for (let i = same.length - 1; i >= 0; i--) stack.push(same[i]);
    }
    front = nextFront;
  }
  return null;
}

/** The number of switches between threads in a schedule. Never fails. */
export function switches(sched: number[]): number {
  let n = 0;
  for (let i = 1; i < sched.length; i++) if (sched[i] !== sched[i - 1]) n++;
  return n;
}

/**
 * Runs `sched` (thread indices) from the start, step by step. Precondition: none. Failure: an
 * error value naming the step (1-based) whose thread cannot run, and why (never throws).
 */
export function replay(p: ThreadProgram, sched: number[]): Replay {
  let s = initial(p);
  const start = s;
  const steps: ReplayStep[] = [];
  for (let i = 0; i < sched.length; i++) {
    const t = sched[i];
    if (!Number.isInteger(t) || t < 0 || t >= p.threads.length)
      return { ok: false, at: i + 1, error: `step ${i + 1}: there is no thread number ${t}` };
    const why = blockedBy(p, s, t);
    if (why !== null) return { ok: false, at: i + 1, error: `step ${i + 1}: ${why}` };
    const pc = s.threads[t].pc;
    const r = advance(p, s, t);
    steps.push({ thread: t, pc, text: p.threads[t].steps[pc].text, said: r.said, after: r.s });
    s = r.s;
  }
  return { ok: true, start, steps, end: status(p, s) };
}

/**
 * A schedule written as thread letters ("AABBA"), read into indices. Precondition: none. Failure:
 * an error value naming the first character that is not one of the program's threads.
 */
export function parseSchedule(
  p: ThreadProgram,
  text: string,
): { ok: true; sched: number[] } | { ok: false; error: string } {
  const names = p.threads.map((t) => t.name);
  const sched: number[] = [];
  const clean = text.replace(/[\s,]/g, '').toUpperCase();
  for (let i = 0; i < clean.length; i++) {
    const t = names.indexOf(clean[i]);
    if (t < 0)
      return {
        ok: false,
        error: `character ${i + 1} of the schedule, “${clean[i]}”, is not a thread: use ${names.join(', ')}`,
      };
    sched.push(t);
  }
  return { ok: true, sched };
}

/** A schedule as thread letters. Never fails. */
export function scheduleText(p: ThreadProgram, sched: number[]): string {
  return sched.map((t) => p.threads[t]?.name ?? '?').join('');
}
