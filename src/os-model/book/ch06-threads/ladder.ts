// Chapter 6's small threaded programs for the schedule checker (./schedules.ts): the fix ladder
// (no lock, a plain flag, test-and-set, Peterson's algorithm, a mutex, a condition variable), the
// adversarial-scheduler campaign's levels, and a one-CPU cost model that tells spinning from
// sleeping. Each program is data: threads of atomic steps, each step with the C it stands for.
import type { Outcome, Step, ThreadProgram } from './schedules.ts';
import { advance, blockedBy, initial, status } from './schedules.ts';

export const RUNGS = ['none', 'flag', 'tas', 'peterson', 'mutex', 'condvar'] as const;
export type Rung = (typeof RUNGS)[number];

export const RUNG_TITLES: Record<Rung, string> = {
  none: 'No lock',
  flag: 'A plain flag',
  tas: 'Test-and-set',
  peterson: "Peterson's algorithm",
  mutex: 'A mutex',
  condvar: 'A mutex and a condition variable',
};

const NAMES = ['A', 'B', 'C'];

/** The three steps of `counter = counter + 1`, marked as critical when a lock guards them. */
function increment(cs: boolean): Step[] {
  const c = cs ? ({ cs: true } as const) : {};
  return [
    { op: 'load', addr: 'counter', text: 'counter = counter + 1;  // load', ...c },
    { op: 'add', v: 1, text: 'counter = counter + 1;  // add', ...c },
    { op: 'store', addr: 'counter', text: 'counter = counter + 1;  // store', ...c },
  ];
}

/** One thread's steps on a rung: `n` guarded increments. Thread `i` of `k`. Never fails. */
function body(rung: Rung, i: number, n: number): Step[] {
  const out: Step[] = [];
  const other = 1 - i;
  for (let k = 0; k < n; k++) {
    switch (rung) {
      case 'none':
        out.push(...increment(false));
        break;
      case 'flag':
        out.push(
          { op: 'await', addr: 'flag', eq: 0, text: 'while (flag == 1) ;  // spin' },
          { op: 'set', addr: 'flag', v: 1, text: 'flag = 1;' },
          ...increment(true),
          { op: 'set', addr: 'flag', v: 0, text: 'flag = 0;', cs: true },
        );
        break;
      case 'tas':
        out.push(
          { op: 'tas', addr: 'flag', text: 'while (TestAndSet(&flag, 1) == 1) ;' },
          ...increment(true),
          { op: 'set', addr: 'flag', v: 0, text: 'flag = 0;', cs: true },
        );
        break;
      case 'peterson':
        out.push(
          { op: 'set', addr: `flag${i}`, v: 1, text: `flag[${i}] = 1;` },
          { op: 'set', addr: 'turn', v: other, text: `turn = ${other};` },
          {
            op: 'await',
            addr: `flag${other}`,
            eq: 0,
            or: { addr: 'turn', eq: i },
            text: `while (flag[${other}] == 1 && turn == ${other}) ;`,
          },
          ...increment(true),
          { op: 'set', addr: `flag${i}`, v: 0, text: `flag[${i}] = 0;`, cs: true },
        );
        break;
      case 'mutex':
      case 'condvar':
        out.push({ op: 'lock', m: 'm', text: 'pthread_mutex_lock(&m);' }, ...increment(true), {
          op: 'unlock',
          m: 'm',
          text: 'pthread_mutex_unlock(&m);',
          cs: true,
        });
        break;
    }
  }
  if (rung === 'condvar')
    out.push(
      { op: 'lock', m: 'm', text: 'pthread_mutex_lock(&m);' },
      { op: 'load', addr: 'done', text: 'done = done + 1;  // load', cs: true },
      { op: 'add', v: 1, text: 'done = done + 1;  // add', cs: true },
      { op: 'store', addr: 'done', text: 'done = done + 1;  // store', cs: true },
      { op: 'signal', cv: 'cv', text: 'pthread_cond_signal(&cv);', cs: true },
      { op: 'unlock', m: 'm', text: 'pthread_mutex_unlock(&m);', cs: true },
    );
  return out;
}

/** main's steps on the condition-variable rung: wait until both workers are done, then read. */
function waiter(): Step[] {
  return [
    { op: 'lock', m: 'm', text: 'pthread_mutex_lock(&m);' },
    { op: 'jge', addr: 'done', v: 2, to: 4, text: 'while (done < 2)', cs: true },
    { op: 'wait', cv: 'cv', m: 'm', text: '  pthread_cond_wait(&cv, &m);', cs: true },
    { op: 'jmp', to: 1, text: '  // back to the while test', cs: true },
    { op: 'load', addr: 'counter', text: 'seen = counter;  // load', cs: true },
    { op: 'store', addr: 'seen', text: 'seen = counter;  // store', cs: true },
    { op: 'unlock', m: 'm', text: 'pthread_mutex_unlock(&m);', cs: true },
  ];
}

const LISTINGS: Record<Rung, string[]> = {
  none: ['void *worker(void *arg) {', '  counter = counter + 1;', '}'],
  flag: [
    'void *worker(void *arg) {',
    '  while (flag == 1) ;    // spin until free',
    '  flag = 1;              // take it',
    '  counter = counter + 1;',
    '  flag = 0;              // give it back',
    '}',
  ],
  tas: [
    'void *worker(void *arg) {',
    '  while (TestAndSet(&flag, 1) == 1) ;  // atomic',
    '  counter = counter + 1;',
    '  flag = 0;',
    '}',
  ],
  peterson: [
    'void *worker(void *arg) {  // self = 0 or 1',
    '  int other = 1 - self;',
    '  flag[self] = 1;          // I want in',
    '  turn = other;            // but you go first',
    '  while (flag[other] == 1 && turn == other) ;',
    '  counter = counter + 1;',
    '  flag[self] = 0;',
    '}',
  ],
  mutex: [
    'void *worker(void *arg) {',
    '  pthread_mutex_lock(&m);',
    '  counter = counter + 1;',
    '  pthread_mutex_unlock(&m);',
    '}',
  ],
  condvar: [
    'void *worker(void *arg) {      // threads A and B',
    '  pthread_mutex_lock(&m);',
    '  counter = counter + 1;',
    '  pthread_mutex_unlock(&m);',
    '  pthread_mutex_lock(&m);',
    '  done = done + 1;',
    '  pthread_cond_signal(&cv);',
    '  pthread_mutex_unlock(&m);',
    '}',
    'void *waiter(void *arg) {      // thread C, as main would',
    '  pthread_mutex_lock(&m);',
    '  while (done < 2)',
    '    pthread_cond_wait(&cv, &m);',
    '  seen = counter;',
    '  pthread_mutex_unlock(&m);',
    '}',
  ],
};

/**
 * A rung of the fix ladder: `threads` workers (2 or 3; Peterson's algorithm and the condition
 * variable rung take exactly 2) each doing `n` increments (1–4). Precondition: none. Failure:
 * throws an Error naming the bad parameter.
 */
export function ladderProgram(rung: Rung, n = 1, threads = 2): ThreadProgram {
  if (!RUNGS.includes(rung)) throw new Error(`unknown rung “${String(rung)}”`);
  if (!Number.isInteger(n) || n < 1 || n > 4)
    throw new Error('increments per thread must be a whole number from 1 to 4');
  if (!Number.isInteger(threads) || threads < 2 || threads > 3)
    throw new Error('threads must be 2 or 3');
  if ((rung === 'peterson' || rung === 'condvar') && threads !== 2)
    throw new Error(`${RUNG_TITLES[rung]} is written for exactly 2 worker threads`);
  const code = Array.from({ length: threads }, (_, i) => ({
    name: NAMES[i],
    steps: body(rung, i, n),
  }));
  const vars: Record<string, number> = { counter: 0 };
  if (rung === 'flag' || rung === 'tas') vars.flag = 0;
  if (rung === 'peterson') Object.assign(vars, { flag0: 0, flag1: 0, turn: 0 });
  if (rung === 'mutex' || rung === 'condvar') vars.m = 0;
  if (rung === 'condvar') {
    Object.assign(vars, { done: 0, seen: 0 });
    code.push({ name: 'C', steps: waiter() });
  }
  const loop = n > 1 ? [`  // the body above runs ${n} times in each thread`] : [];
  return {
    name: `${rung}-${threads}x${n}`,
    title: RUNG_TITLES[rung],
    threads: code,
    vars,
    result:
      rung === 'condvar'
        ? { addr: 'seen', expect: 2 * n }
        : { addr: 'counter', expect: threads * n },
    listing: [...LISTINGS[rung], ...loop],
  };
}

/** Two threads taking two mutexes in opposite orders (the campaign's deadlock level). */
export function oppositeOrder(): ThreadProgram {
  const t = (first: string, second: string): Step[] => [
    { op: 'lock', m: first, text: `pthread_mutex_lock(&${first});` },
    { op: 'lock', m: second, text: `pthread_mutex_lock(&${second});` },
    ...increment(true),
    { op: 'unlock', m: second, text: `pthread_mutex_unlock(&${second});`, cs: true },
    { op: 'unlock', m: first, text: `pthread_mutex_unlock(&${first});` },
  ];
  return {
    name: 'opposite-order',
    title: 'Two mutexes, taken in opposite orders',
    threads: [
      { name: 'A', steps: t('m1', 'm2') },
      { name: 'B', steps: t('m2', 'm1') },
    ],
    vars: { counter: 0, m1: 0, m2: 0 },
    result: { addr: 'counter', expect: 2 },
    listing: [
      'void *a(void *arg) {           void *b(void *arg) {',
      '  lock(&m1);                     lock(&m2);',
      '  lock(&m2);                     lock(&m1);',
      '  counter = counter + 1;         counter = counter + 1;',
      '  unlock(&m2);                   unlock(&m1);',
      '  unlock(&m1);                   unlock(&m2);',
      '}                              }',
    ],
  };
}

/** A level of the adversarial-scheduler campaign. */
export type Level = {
  id: string;
  title: string;
  goal: string;
  program: () => ThreadProgram;
  /** Whether the run so far meets the goal (checked after every step). */
  won: (p: ThreadProgram, s: ReturnType<typeof initial>) => boolean;
  /** Whether the goal can be met at all (the checker says; a level may be a proof of safety). */
  possible: (o: Outcome) => boolean;
};

export const LEVELS: Level[] = [
  {
    id: 'lost-update',
    title: 'Lose an update',
    goal: 'Two threads each add 1 to counter. Make the counter end at 1.',
    program: () => ladderProgram('none', 1),
    won: (p, s) => status(p, s) === 'done' && s.mem.counter === 1,
    possible: (o) => !o.deadlock && o.value === 1,
  },
  {
    id: 'flag-both',
    title: 'Break the flag lock',
    goal: 'Both threads guard counter with a plain flag. Get both into the critical section at once.',
    program: () => ladderProgram('flag', 1),
    won: (_p, s) => s.overlap,
    possible: (o) => o.overlap,
  },
  {
    id: 'deadlock',
    title: 'Deadlock',
    goal: 'A takes m1 then m2; B takes m2 then m1. Leave both threads stuck for ever.',
    program: oppositeOrder,
    won: (p, s) => status(p, s) === 'deadlock',
    possible: (o) => o.deadlock,
  },
  {
    id: 'peterson-both',
    title: 'Break Peterson',
    goal: "Get both threads into Peterson's critical section at once (if you can).",
    program: () => ladderProgram('peterson', 1),
    won: (_p, s) => s.overlap,
    possible: (o) => o.overlap,
  },
];

/** What a one-CPU round-robin run of a program costs. */
export type CpuCost = {
  /** Steps that did work (every step of the program, once). */
  work: number;
  /** Time slots a thread burned spinning on a flag it could not take. */
  spin: number;
  /** Times a thread went to sleep (a futex wait: one system call, then a switch away). */
  sleeps: number;
  /** Times a thread woke a sleeper (a futex wake: one system call). */
  wakes: number;
  /** Switches from one thread to another (at the end of a slice, or because one slept). */
  switches: number;
  /** Slots in all: work + spin. */
  slots: number;
  /** The run ended in a deadlock. */
  stuck: boolean;
};

/**
 * One CPU, round robin with a slice of `quantum` slots: each slot the running thread takes one
 * step if it can. A thread that cannot take its step spins (burns the slot, and goes on spinning
 * to the end of its slice) when the step is a spin loop or test-and-set, and sleeps (a futex wait:
 * it gives the CPU up at once and is not run again until an unlock wakes it) when it is a mutex or
 * a condition wait. Precondition: none. Failure: throws an Error if `quantum` is not a whole
 * number from 1 to 64.
 */
export function cpuCost(p: ThreadProgram, quantum: number): CpuCost {
  if (!Number.isInteger(quantum) || quantum < 1 || quantum > 64)
    throw new Error('the time slice must be a whole number of slots from 1 to 64');
  let s = initial(p);
  const k = p.threads.length;
  const asleep = p.threads.map(() => false); // asleep on a held mutex
  const c: CpuCost = { work: 0, spin: 0, sleeps: 0, wakes: 0, switches: 0, slots: 0, stuck: false };
  const eligible = (t: number): boolean =>
    s.threads[t].pc < p.threads[t].steps.length && !asleep[t] && s.threads[t].waiting === null;
  let cur = 0;
  let used = 0;
  for (let guard = 0; guard < 100000; guard++) {
    if (status(p, s) === 'done') break;
    let leave = false;
    const why = blockedBy(p, s, cur);
    if (why === null) {
      const st = p.threads[cur].steps[s.threads[cur].pc];
      const wasWaiting = s.threads.map((x) => x.waiting);
      s = advance(p, s, cur).s;
      c.work++;
      c.slots++;
      used++;
      if (st.op === 'unlock' || (st.op === 'wait' && s.threads[cur].waiting !== null)) {
        // The mutex is free again: wake one thread asleep on it (glibc's unlock does one
        // futex wake when the lock word says someone waits).
        const w = [...Array(k).keys()].map((d) => (cur + 1 + d) % k).find((t) => asleep[t]);
        if (w !== undefined) {
          asleep[w] = false;
          c.wakes++;
        }
      }
      if (
        st.op === 'signal' &&
        s.threads.some((x, t) => wasWaiting[t] !== null && x.waiting === null)
      )
        c.wakes++;
      if (s.threads[cur].waiting !== null) {
        c.sleeps++; // pthread_cond_wait: asleep until signalled
        leave = true;
      }
    } else if (why.includes('spins')) {
      c.spin++;
      c.slots++;
      used++;
    } else if (!why.includes('finished')) {
      asleep[cur] = true; // the lock is held: futex wait
      c.sleeps++;
      leave = true;
    } else leave = true;
    if (used >= quantum || leave || !eligible(cur)) {
      const t = [...Array(k).keys()].map((d) => (cur + 1 + d) % k).find(eligible);
      if (t === undefined) {
        c.stuck = status(p, s) !== 'done';
        break;
      }
      if (t !== cur) c.switches++;
      cur = t;
      used = 0;
    }
  }
  return c;
}
