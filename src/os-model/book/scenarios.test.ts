// Golden explain() traces for the named scenarios. The expected sentences are written from what
// each scenario must do (worked out by hand in the comments), not copied from a run.
import { describe, expect, it } from 'vitest';
import type { Action, KEvent, Machine } from '../kernel/types.ts';
import { checkInvariants } from '../kernel/invariants.ts';
import { explain } from '../kernel/explain.ts';
import { isFinished, step } from '../kernel/machine.ts';
import { loadScenario, SCENARIOS } from './registry.ts';
import { get, keys } from '../kernel/table.ts';

function load(name: string, seed = 0, options: Record<string, unknown> = {}): Machine {
  const r = loadScenario(name, seed, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Ticks until finished (at most `max`), checking invariants; returns the machine and sentences. */
function play(m: Machine, max = 500): { m: Machine; lines: string[]; events: KEvent[] } {
  const lines: string[] = [];
  const events: KEvent[] = [];
  for (let i = 0; i < max && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    m = r.machine;
    events.push(...r.events);
    lines.push(...r.events.map(explain));
    expect(checkInvariants(m)).toEqual([]);
  }
  return { m, lines, events };
}

function act(m: Machine, a: Action): Machine {
  const r = step(m, a);
  expect(r.events.filter((e) => e.type === 'error')).toEqual([]);
  return r.machine;
}

/** `expected` appears in `lines` in this order (other lines may come between). */
function expectInOrder(lines: string[], expected: string[]): void {
  let i = 0;
  for (const line of lines) if (i < expected.length && line === expected[i]) i++;
  expect(expected.slice(i), `missing, in order, after ${i} matched`).toEqual([]);
}

const consoleOf = (m: Machine) => m.console.map((c) => `${c.pid}: ${c.text}`);

describe('every scenario', () => {
  it.each(Object.keys(SCENARIOS))('%s loads, has a title and description, and finishes', (name) => {
    expect(SCENARIOS[name].title.length).toBeGreaterThan(3);
    expect(SCENARIOS[name].description.length).toBeGreaterThan(20);
    const m = load(name, 7);
    expect(checkInvariants(m)).toEqual([]);
    if (name !== 'be-the-scheduler') expect(isFinished(play(m).m)).toBe(true);
  });

  it('an unknown scenario or bad option is an error value, not an exception', () => {
    expect(loadScenario('nope')).toEqual({
      ok: false,
      error: 'There is no scenario called "nope".',
    });
    const bad = loadScenario('sched-jobs', 0, { policy: 'lotto' });
    expect(bad.ok).toBe(false);
    expect(loadScenario('sched-jobs', 0, { quantum: 0 }).ok).toBe(false);
  });
});

describe('golden traces', () => {
  // Sentences that recur in the traces below (CPU 0; RR unless a test says otherwise).
  const SW = (a: number, b: number) =>
    `CPU 0 switches from PID ${a} to PID ${b}: it saves one set of registers, loads the other and changes the address space.`;
  const RUN = (p: number) => `CPU 0 runs PID ${p}.`;
  const NEW = (p: number) => `PID ${p} is new and ready to run.`;
  /** The stack page 64 faults: copied for the parent as fork returns (the child still shares it). */
  const STACK_COPY = (p: number) =>
    `PID ${p} writes to page 64 (stack), which it shares copy-on-write: the page faults and the kernel copies it.`;
  /** The child's first instruction writes its stack, no longer shared: made writable, no copy. */
  const STACK_OWN = (c: number) =>
    `PID ${c} writes to page 64 (stack), which nobody else uses any more: the kernel just makes it writable.`;
  const FORK = (p: number, c: number) => [
    `PID ${p} forks; the child is PID ${c}.`,
    NEW(c),
    STACK_COPY(p),
  ];
  const SLICE = (p: number) =>
    `PID ${p} has used up its time slice and goes back to the ready queue.`;
  const WAKE = (p: number) => `PID ${p} wakes up and is ready to run.`;
  const BLOCK_WAIT = (p: number) => `PID ${p} blocks in wait() until a child exits.`;
  /** exit(status) of `p` whose parent is alive: zombie, SIGCHLD to the parent. */
  const EXIT = (p: number, status: number, parent: number) => [
    `PID ${p} exits with status ${status}; it is a zombie until its parent PID ${parent} waits for it.`,
    `PID ${p} has finished running.`,
    `PID ${parent} receives SIGCHLD, which it ignores.`,
  ];
  const REAP = (parent: number, child: number, status: number) => [
    `The kernel frees the task entry of PID ${child}.`,
    `PID ${parent}'s wait returns ${child}: child PID ${child} exited with status ${status} and its entry is freed.`,
  ];
  /** The last process `p` exits to init: init wakes, runs, reaps it, loops and sleeps again. */
  const LAST_EXIT_TO_INIT = (p: number) => [
    ...EXIT(p, 0, 1),
    WAKE(1),
    SW(p, 1),
    RUN(1),
    ...REAP(1, p, 0), // wait, then jmp back, then wait with no children left: sleeps
    BLOCK_WAIT(1),
  ];
  it('fork-basics: the whole trace, tick by tick (RR, quantum 3; init is PID 1 asleep in wait)', () => {
    const { m, lines } = play(load('fork-basics'));
    expect(lines).toEqual([
      // t1 dispatch PID 2 and print; t2 fork; t3 branch, slice over
      'CPU 0 runs PID 2.',
      'PID 2 prints "hello (pid:2)\\n".',
      'PID 2 forks; the child is PID 3.',
      'PID 3 is new and ready to run.',
      // fork returns in the parent, which writes its stack page: shared, so the fault copies it
      STACK_COPY(2),
      'PID 2 has used up its time slice and goes back to the ready queue.',
      SW(2, 3),
      'CPU 0 runs PID 3.',
      // t4-t6 the child: two branches and its printf, slice over; its first instruction writes
      // its stack page, which the parent's copy left to it alone
      STACK_OWN(3),
      'PID 3 prints "child (pid:3)\\n".',
      'PID 3 has used up its time slice and goes back to the ready queue.',
      SW(3, 2),
      'CPU 0 runs PID 2.',
      // t7 branch, t8 printf, t9 exit: PID 3 is orphaned to init, init is woken by SIGCHLD's wait
      'PID 2 prints "parent of 3 (pid:2)\\n".',
      'PID 2 exits with status 0; it is a zombie until its parent PID 1 waits for it.',
      'PID 2 has finished running.',
      'PID 3 is an orphan now: its parent PID 2 exited, so PID 1 adopts it.',
      'PID 1 receives SIGCHLD, which it ignores.',
      'PID 1 wakes up and is ready to run.',
      SW(2, 3),
      'CPU 0 runs PID 3.',
      // t10 jmp, t11 exit
      'PID 3 exits with status 0; it is a zombie until its parent PID 1 waits for it.',
      'PID 3 has finished running.',
      'PID 1 receives SIGCHLD, which it ignores.',
      SW(3, 1),
      'CPU 0 runs PID 1.',
      // t12 init reaps 2, t13 loops, t14 reaps 3, t15 loops, t16 has no children: sleeps
      'The kernel frees the task entry of PID 2.',
      "PID 1's wait returns 2: child PID 2 exited with status 0 and its entry is freed.",
      'The kernel frees the task entry of PID 3.',
      "PID 1's wait returns 3: child PID 3 exited with status 0 and its entry is freed.",
      'PID 1 blocks in wait() until a child exits.',
    ]);
    expect(m.clock).toBe(16);
    expect(consoleOf(m)).toEqual([
      '2: hello (pid:2)\n',
      '3: child (pid:3)\n',
      '2: parent of 3 (pid:2)\n',
    ]);
  });

  it('fork-exec-wait: the whole trace (the child becomes wc; the parent waits for it)', () => {
    const { m, lines } = play(load('fork-exec-wait'));
    expect(lines).toEqual([
      // t1 print, t2 fork, t3 rc saved: slice over (quantum 3)
      RUN(2),
      'PID 2 prints "hello (pid:2)\\n".',
      ...FORK(2, 3),
      SLICE(2),
      SW(2, 3),
      RUN(3),
      // t4 rc saved (its first instruction writes its own stack page), t5 branch, t6 printf
      STACK_OWN(3),
      'PID 3 prints "child (pid:3)\\n".',
      SLICE(3),
      SW(3, 2),
      RUN(2),
      // t7 branch, t8 wait blocks: the child runs
      BLOCK_WAIT(2),
      SW(2, 3),
      RUN(3),
      // t9 exec; t10-12 count (nobody else is ready, so slices go on); t13 printf; t14 exit
      'PID 3 replaces its program with wc; it keeps its PID and open files.',
      'PID 3 prints "      13      38     409 p3.c\\n".',
      ...EXIT(3, 0, 2),
      WAKE(2),
      SW(3, 2),
      RUN(2),
      // t15 wait reaps, t16 printf, t17 exit; init reaps at t18, loops t19, sleeps t20
      ...REAP(2, 3, 0),
      'PID 2 prints "parent of 3 (rc_wait:3) (pid:2)\\n".',
      ...LAST_EXIT_TO_INIT(2),
    ]);
    expect(m.clock).toBe(20);
    expect(consoleOf(m).join('')).not.toContain("shouldn't");
  });

  it('zombie-orphan: the whole trace (a zombie until waited for; an orphan adopted by init)', () => {
    let m = load('zombie-orphan');
    let sawZombie = false;
    const lines: string[] = [];
    while (!isFinished(m)) {
      const r = step(m, { type: 'tick' });
      m = r.machine;
      lines.push(...r.events.map(explain));
      expect(checkInvariants(m)).toEqual([]);
      const z = get(m.procs, 3);
      if (z && z.state === 'ZOMBIE' && get(m.procs, 2)!.state === 'ALIVE') {
        sawZombie = true;
        expect(z.mm).toBeNull();
        expect(z.fds.filter(Boolean)).toEqual([]);
      }
    }
    expect(sawZombie).toBe(true);
    expect(lines).toEqual([
      // t1 fork, t2 branch, t3 first tick of work(6): slice over
      RUN(2),
      ...FORK(2, 3),
      SLICE(2),
      SW(2, 3),
      RUN(3),
      // t4 branch (writing its own stack page), t5 exit(7): a zombie while the parent works
      STACK_OWN(3),
      ...EXIT(3, 7, 2),
      SW(3, 2),
      RUN(2),
      // t6-t10 the rest of work(6), alone on the CPU; t11 waitpid reaps the zombie
      ...REAP(2, 3, 7),
      // t12 fork, t13 branch, t14 exit: PID 4 is orphaned; init wakes; RR runs 4, queued first
      ...FORK(2, 4),
      'PID 2 exits with status 0; it is a zombie until its parent PID 1 waits for it.',
      'PID 2 has finished running.',
      'PID 4 is an orphan now: its parent PID 2 exited, so PID 1 adopts it.',
      'PID 1 receives SIGCHLD, which it ignores.',
      WAKE(1),
      SW(2, 4),
      RUN(4),
      // t15 branch, t16 sleep(8) until t25; init reaps PID 2 (t17), loops (t18), sleeps (t19).
      // PID 4's stack page is its own: its parent copied it as fork returned, then exited
      STACK_OWN(4),
      'PID 4 goes to sleep for a while.',
      SW(4, 1),
      RUN(1),
      ...REAP(1, 2, 0),
      BLOCK_WAIT(1),
      // t25 the sleep ends; the orphan prints its new parent, then exits at t26
      WAKE(4),
      SW(1, 4),
      RUN(4),
      'PID 4 prints "orphan 4: my parent is now 1\\n".',
      ...LAST_EXIT_TO_INIT(4),
    ]);
    expect(m.clock).toBe(29);
    expect(keys(m.procs)).toEqual([1]);
  });

  it("cow-fork: the whole trace (two copies: the stack as fork returns, counter's page at the child's write; the parent's write copies nothing)", () => {
    const { m, lines, events } = play(load('cow-fork'));
    expect(lines).toEqual([
      // t1 counter = 42 in a register, t2 store (a private page: no fault), t3 fork: slice over;
      // the parent writes its stack as fork returns: the first copy, page 64
      RUN(2),
      'PID 2 stores 42 at address 128.',
      ...FORK(2, 3),
      SLICE(2),
      SW(2, 3),
      RUN(3),
      // t4 branch (its stack page is its own now: no copy), t5 load (reads never fault), t6 add
      STACK_OWN(3),
      'PID 3 loads 42 from address 128.',
      SLICE(3),
      SW(3, 2),
      RUN(2),
      // t7 branch, t8 wait blocks
      BLOCK_WAIT(2),
      SW(2, 3),
      RUN(3),
      // t9 the store faults: frame shared by two, so it is copied (the second copy); t10 printf
      'PID 3 writes to page 16 (data), which it shares copy-on-write: the page faults and the kernel copies it.',
      'PID 3 stores 43 at address 128.',
      'PID 3 prints "child sees 43\\n".',
      ...EXIT(3, 0, 2),
      WAKE(2),
      SW(3, 2),
      RUN(2),
      // t12 reap, t13 load, t14 add, t15 store: the frame is now the parent's alone
      ...REAP(2, 3, 0),
      'PID 2 loads 42 from address 128.',
      'PID 2 writes to page 16 (data), which nobody else uses any more: the kernel just makes it writable.',
      'PID 2 stores 142 at address 128.',
      'PID 2 prints "parent sees 142\\n".',
      ...LAST_EXIT_TO_INIT(2),
    ]);
    expect(m.clock).toBe(20);
    // copied: the stack (page 64), then counter's page (16), in that order
    const cows = events.flatMap((e) => (e.type === 'cow' ? [[e.pid, e.page, e.copied]] : []));
    expect(cows).toEqual([
      [2, 64, true],
      [3, 64, false],
      [3, 16, true],
      [2, 16, false],
    ]);
    expect(m.stats.cowCopies).toBe(2);
    expect(m.stats.cowReuses).toBe(2);
  });

  it("shared-offset: the whole trace (the parent's write lands after the child's)", () => {
    const { m, lines } = play(load('shared-offset'));
    expect(lines).toEqual([
      // t1 open, t2 fd saved, t3 fork: slice over
      RUN(2),
      'PID 2 opens out.txt as fd 3.',
      ...FORK(2, 3),
      SLICE(2),
      SW(2, 3),
      RUN(3),
      // t4 branch (its own stack page), t5 write at offset 0 (moves the shared offset to 6), t6 exit
      STACK_OWN(3),
      'PID 3 writes "child\\n" to a file through fd 3.',
      ...EXIT(3, 0, 2),
      SW(3, 2),
      RUN(2),
      // t7 branch, t8 wait reaps at once, t9 write at offset 6, t10 close, t11 exit
      ...REAP(2, 3, 0),
      'PID 2 writes "parent\\n" to a file through fd 3.',
      'PID 2 closes fd 3.',
      ...LAST_EXIT_TO_INIT(2),
    ]);
    expect(m.clock).toBe(14);
    expect(m.fs['out.txt']).toBe('child\nparent\n');
  });

  it('pipe: the whole trace (the child blocks on the empty pipe until the parent writes)', () => {
    const { m, lines } = play(load('pipe'));
    expect(lines).toEqual([
      // t1 pipe, t2-t3 save the fds (nobody else ready: the slice goes on), t4 fork
      RUN(2),
      'PID 2 creates a pipe: fd 3 reads from it and fd 4 writes to it.',
      ...FORK(2, 3),
      // t5 branch, t6 close the read end: slice over
      'PID 2 closes fd 3.',
      SLICE(2),
      SW(2, 3),
      RUN(3),
      // t7 branch (its own stack page), t8 close the write end, t9 read: empty, a writer
      // exists, so it blocks
      STACK_OWN(3),
      'PID 3 closes fd 4.',
      'PID 3 blocks reading an empty pipe.',
      SW(3, 2),
      RUN(2),
      // t10 write wakes the reader, t11 close (last write end), t12 wait blocks
      'PID 2 writes "hello\\n" to a pipe through fd 4.',
      WAKE(3),
      'PID 2 closes fd 4.',
      BLOCK_WAIT(2),
      SW(2, 3),
      RUN(3),
      // t13 the read runs again and gets the data, t14 printf, t15 exit
      'PID 3 reads "hello\\n" from fd 3.',
      'PID 3 prints "child read 6 bytes: hello\\n".',
      ...EXIT(3, 0, 2),
      WAKE(2),
      SW(3, 2),
      RUN(2),
      // t16 reap, t17 exit
      ...REAP(2, 3, 0),
      ...LAST_EXIT_TO_INIT(2),
    ]);
    expect(m.clock).toBe(20);
    expect(keys(m.pipes)).toEqual([]);
  });

  // Threads of PID 2 (the thread-race and thread-mutex traces)
  const w = (tid: number) => (tid === 2 ? 'PID 2' : `thread ${tid} of PID 2`);
  const W = (tid: number) => (tid === 2 ? 'PID 2' : `Thread ${tid} of PID 2`);
  const TSW = (a: number, b: number) =>
    `CPU 0 switches from ${w(a)} to ${w(b)}, a thread of the same process: it swaps registers and keeps the address space.`;
  const TRUN = (tid: number) => `CPU 0 runs ${w(tid)}.`;
  const TSLICE = (tid: number) =>
    `${W(tid)} has used up its time slice and goes back to the ready queue.`;
  const LOAD = (tid: number, v: number) => `${W(tid)} loads ${v} from address 128.`;
  const STORE = (tid: number, v: number) => `${W(tid)} stores ${v} at address 128.`;
  /** a slice ends and the CPU goes from thread a to thread b */
  const TURN = (a: number, b: number) => [TSLICE(a), TSW(a, b), TRUN(b)];
  const JOIN_BLOCK = 'PID 2 blocks until the thread it joins finishes.';

  it('thread-race: the whole trace (RR, 2-tick slices: two of the six increments are lost)', () => {
    // Threads 3 and 4 of PID 2 each run: set r3=3; 3 x (load, add, store, loop); texit.
    const { m, lines } = play(load('thread-race'));
    expect(lines).toEqual([
      // t1 create 3, t2 save its id: slice over
      RUN(2),
      'PID 2 creates thread 3.',
      'Thread 3 of PID 2 is new and ready to run.',
      ...TURN(2, 3),
      // t3 set, t4 load 0
      LOAD(3, 0),
      ...TURN(3, 2),
      // t5 create 4, t6 save its id
      'PID 2 creates thread 4.',
      'Thread 4 of PID 2 is new and ready to run.',
      ...TURN(2, 3),
      // t7 add, t8 store 1 (queue now 4, 2)
      STORE(3, 1),
      ...TURN(3, 4),
      // t9 set, t10 load 1
      LOAD(4, 1),
      ...TURN(4, 2),
      // t11 join(3) blocks
      JOIN_BLOCK,
      TSW(2, 3),
      TRUN(3),
      // t12 loop, t13 load 1
      LOAD(3, 1),
      ...TURN(3, 4),
      // t14 add, t15 store 2
      STORE(4, 2),
      ...TURN(4, 3),
      // t16 add, t17 store 2 over 4's 2: the first lost update
      STORE(3, 2),
      ...TURN(3, 4),
      // t18 loop, t19 load 2
      LOAD(4, 2),
      ...TURN(4, 3),
      // t20 loop, t21 load 2
      LOAD(3, 2),
      ...TURN(3, 4),
      // t22 add, t23 store 3
      STORE(4, 3),
      ...TURN(4, 3),
      // t24 add, t25 store 3 over 4's 3: the second lost update
      STORE(3, 3),
      ...TURN(3, 4),
      // t26 loop, t27 load 3
      LOAD(4, 3),
      ...TURN(4, 3),
      // t28 loop ends, t29 texit: 4 gets the CPU, then the join wakes main
      'Thread 3 of PID 2 finishes.',
      TSW(3, 4),
      TRUN(4),
      WAKE(2),
      // t30 add, t31 store 4
      STORE(4, 4),
      ...TURN(4, 2),
      // t32 join(3) frees thread 3, t33 join(4) blocks
      'The kernel frees the task entry of thread 3 of PID 2.',
      'PID 2 joins thread 3, which has finished.',
      JOIN_BLOCK,
      TSW(2, 4),
      TRUN(4),
      // t34 loop ends, t35 texit: the CPU is left idle until the next tick picks main
      'Thread 4 of PID 2 finishes.',
      WAKE(2),
      // t36 join(4) again, now it is finished; t37 load 4; t38 printf; t39 exit
      TSW(4, 2),
      RUN(2),
      'The kernel frees the task entry of thread 4 of PID 2.',
      'PID 2 joins thread 4, which has finished.',
      'PID 2 loads 4 from address 128.',
      'PID 2 prints "counter = 4 (expected 6)\\n".',
      ...LAST_EXIT_TO_INIT(2),
    ]);
    expect(m.clock).toBe(42);
    expect(consoleOf(m)).toEqual(['2: counter = 4 (expected 6)\n']);
  });

  it('thread-mutex: the whole trace (lock blocks the other thread, unlock wakes it; no update lost)', () => {
    // Each thread: set r3=3; 3 x (lock, load, add, store, unlock, loop); texit.
    const LOCK = (tid: number) => `${W(tid)} locks the mutex.`;
    const UNLOCK = (tid: number) => `${W(tid)} unlocks the mutex.`;
    const WAKE_T = (tid: number) => `${W(tid)} wakes up and is ready to run.`;
    /** thread a finds the mutex held, sleeps on it, and the CPU goes to b */
    const HELD = (a: number, b: number) => [
      `${W(a)} tries to lock the mutex, but it is held.`,
      `${W(a)} blocks because another thread holds the mutex.`,
      TSW(a, b),
      TRUN(b),
    ];
    const { m, lines } = play(load('thread-mutex'));
    expect(lines).toEqual([
      // t1 create 3, t2 save its id
      RUN(2),
      'PID 2 creates thread 3.',
      'Thread 3 of PID 2 is new and ready to run.',
      ...TURN(2, 3),
      // t3 set, t4 lock (free)
      LOCK(3),
      ...TURN(3, 2),
      // t5 create 4, t6 save its id
      'PID 2 creates thread 4.',
      'Thread 4 of PID 2 is new and ready to run.',
      ...TURN(2, 3),
      // t7 load 0, t8 add: preempted while holding the mutex
      LOAD(3, 0),
      ...TURN(3, 4),
      // t9 set, t10 lock: held by 3, so 4 sleeps on it
      ...HELD(4, 2),
      // t11 join(3) blocks
      JOIN_BLOCK,
      TSW(2, 3),
      TRUN(3),
      // t12 store 1, t13 unlock wakes 4
      STORE(3, 1),
      UNLOCK(3),
      WAKE_T(4),
      ...TURN(3, 4),
      // t14 lock, t15 load 1
      LOCK(4),
      LOAD(4, 1),
      ...TURN(4, 3),
      // t16 loop, t17 lock: held by 4
      ...HELD(3, 4),
      // t18 add, t19 store 2 (nobody ready: the slice goes on), t20 unlock wakes 3, t21 loop
      STORE(4, 2),
      UNLOCK(4),
      WAKE_T(3),
      ...TURN(4, 3),
      // t22 lock, t23 load 2
      LOCK(3),
      LOAD(3, 2),
      ...TURN(3, 4),
      // t24 lock: held by 3
      ...HELD(4, 3),
      // t25 add, t26 store 3, t27 unlock wakes 4, t28 loop
      STORE(3, 3),
      UNLOCK(3),
      WAKE_T(4),
      ...TURN(3, 4),
      // t29 lock, t30 load 3
      LOCK(4),
      LOAD(4, 3),
      ...TURN(4, 3),
      // t31 lock: held by 4
      ...HELD(3, 4),
      // t32 add, t33 store 4, t34 unlock wakes 3, t35 loop
      STORE(4, 4),
      UNLOCK(4),
      WAKE_T(3),
      ...TURN(4, 3),
      // t36 lock, t37 load 4
      LOCK(3),
      LOAD(3, 4),
      ...TURN(3, 4),
      // t38 lock: held by 3
      ...HELD(4, 3),
      // t39 add, t40 store 5, t41 unlock wakes 4, t42 loop ends
      STORE(3, 5),
      UNLOCK(3),
      WAKE_T(4),
      ...TURN(3, 4),
      // t43 lock, t44 load 5
      LOCK(4),
      LOAD(4, 5),
      ...TURN(4, 3),
      // t45 texit: 4 gets the CPU and the join wakes main
      'Thread 3 of PID 2 finishes.',
      TSW(3, 4),
      TRUN(4),
      WAKE(2),
      // t46 add, t47 store 6
      STORE(4, 6),
      ...TURN(4, 2),
      // t48 join(3) frees thread 3, t49 join(4) blocks
      'The kernel frees the task entry of thread 3 of PID 2.',
      'PID 2 joins thread 3, which has finished.',
      JOIN_BLOCK,
      TSW(2, 4),
      TRUN(4),
      // t50 unlock (nobody waits), t51 loop ends, t52 texit
      UNLOCK(4),
      'Thread 4 of PID 2 finishes.',
      WAKE(2),
      // t53 join(4), t54 load 6, t55 printf, t56 exit
      TSW(4, 2),
      RUN(2),
      'The kernel frees the task entry of thread 4 of PID 2.',
      'PID 2 joins thread 4, which has finished.',
      'PID 2 loads 6 from address 128.',
      'PID 2 prints "counter = 6 (expected 6)\\n".',
      ...LAST_EXIT_TO_INIT(2),
    ]);
    expect(m.clock).toBe(59);
    expect(consoleOf(m)).toEqual(['2: counter = 6 (expected 6)\n']);
  });

  it('postgres: the first 12 ticks on two CPUs (RR quantum 4; two clients already waiting)', () => {
    const SWC = (cpu: number, a: number, b: number) =>
      `CPU ${cpu} switches from PID ${a} to PID ${b}: it saves one set of registers, loads the other and changes the address space.`;
    let m = load('postgres');
    const lines: string[] = [];
    for (let t = 1; t <= 12; t++) {
      const r = step(m, { type: 'tick' });
      m = r.machine;
      lines.push(...r.events.map(explain));
      expect(checkInvariants(m)).toEqual([]);
    }
    expect(lines).toEqual([
      // t1 WNOHANG reap loop: no children yet; t2 branch; t3 accept; t4 save conn
      RUN(2),
      'PID 2 calls wait but has no children, so wait returns -1.',
      'PID 2 accepts connection 1.',
      // t5 fork; the second CPU picks the child up at the start of t6
      ...FORK(2, 3),
      'CPU 1 runs PID 3.',
      // t6 branch (PID 3's first instruction writes its own stack page)
      STACK_OWN(3),
      // t7 jmp, t8 WNOHANG: a live child, returns 0; t9 branch; t10 accept
      // (meanwhile PID 3 authenticates on CPU 1 for t7-t10, then t11 sets its loop counter)
      'PID 2 accepts connection 2.',
      // t11 save conn, t12 fork: the postmaster's 4-tick slice ends with PID 4 ready, and on
      // CPU 1 PID 3 waits for its client, so both CPUs switch
      ...FORK(2, 4),
      SLICE(2),
      SWC(0, 2, 4),
      'CPU 0 runs PID 4.',
      'PID 3 starts an I/O and blocks until the device answers.',
      SWC(1, 3, 2),
      'CPU 1 runs PID 2.',
    ]);
  });

  it('postgres: one backend per connection; finished backends are reaped after the next accept', () => {
    const first = play(load('postgres'));
    expectInOrder(first.lines, [
      'PID 2 accepts connection 1.',
      'PID 2 forks; the child is PID 3.',
      'PID 2 accepts connection 2.',
      'PID 2 forks; the child is PID 4.',
      'PID 2 blocks in accept() until a client connects.',
    ]);
    expect(first.lines).toContain(
      'PID 3 exits with status 0; it is a zombie until its parent PID 2 waits for it.',
    );
    // backends write the shared buffers: a shared mapping never faults; the only faults are the
    // stack pages written as fork returns (the postmaster's copy) and at each backend's start
    expect(first.events.filter((e) => e.type === 'cow' && e.region !== 'stack')).toEqual([]);
    const copies = first.events.filter((e) => e.type === 'cow' && e.copied);
    expect(copies.map((e) => (e.type === 'cow' ? e.pid : 0))).toEqual([2, 2]);
    expect(get(first.m.procs, 3)!.state).toBe('ZOMBIE');
    const m = act(first.m, { type: 'connect' });
    const second = play(m);
    // the postmaster slept inside accept(), so it first accepts and forks, then loops to reap
    expectInOrder(second.lines, [
      'PID 2 accepts connection 3.',
      'PID 2 forks; the child is PID 5.',
      "PID 2's wait returns 3: child PID 3 exited with status 0 and its entry is freed.",
      "PID 2's wait returns 4: child PID 4 exited with status 0 and its entry is freed.",
    ]);
  });

  it('prefork-pool: the first 10 ticks on two CPUs (RR quantum 4; four clients waiting)', () => {
    const SWC = (cpu: number, a: number, b: number) =>
      `CPU ${cpu} switches from PID ${a} to PID ${b}: it saves one set of registers, loads the other and changes the address space.`;
    let m = load('prefork-pool');
    const lines: string[] = [];
    for (let t = 1; t <= 10; t++) {
      const r = step(m, { type: 'tick' });
      m = r.machine;
      lines.push(...r.events.map(explain));
      expect(checkInvariants(m)).toEqual([]);
    }
    expect(lines).toEqual([
      // t1 i = 3, t2 fork the first worker; CPU 1 takes it at t3
      RUN(2),
      ...FORK(2, 3),
      'CPU 1 runs PID 3.',
      // t3 master branches, worker branches (writing its own stack page); t4 master loops,
      // worker accepts client 1
      STACK_OWN(3),
      'PID 3 accepts connection 1.',
      // t5 master forks the second worker (both CPUs busy: it waits in the queue)
      ...FORK(2, 4),
      // t6 worker 3's 4-tick slice ends mid-handle(): worker 4 gets CPU 1
      SLICE(3),
      SWC(1, 3, 4),
      'CPU 1 runs PID 4.',
      // t7 master loops, worker 4 branches (its own stack page); t8 master forks the third
      // worker and its slice
      STACK_OWN(4),
      // ends: CPU 0 goes to worker 3 (first in the queue), while worker 4 accepts client 2
      ...FORK(2, 5),
      SLICE(2),
      SWC(0, 2, 3),
      'CPU 0 runs PID 3.',
      'PID 4 accepts connection 2.',
      // t9 both compute; t10 worker 3 sends its response (network I/O) and CPU 0 runs worker
      // 5; worker 4's slice ends and CPU 1 runs the master
      'PID 3 starts an I/O and blocks until the device answers.',
      SWC(0, 3, 5),
      'CPU 0 runs PID 5.',
      SLICE(4),
      SWC(1, 4, 2),
      'CPU 1 runs PID 2.',
    ]);
  });

  it('prefork-pool: workers share the connections; a killed worker is replaced', () => {
    const first = play(load('prefork-pool'));
    const accepts = first.events.filter((e) => e.type === 'accept');
    expect(accepts.map((e) => (e.type === 'accept' ? e.conn : 0))).toEqual([1, 2, 3, 4]);
    for (const e of accepts) expect([3, 4, 5]).toContain(e.pid);
    for (const pid of [3, 4, 5])
      expect(get(first.m.tasks, pid)).toMatchObject({ state: 'SLEEPING', wchan: 'accept' });
    const m = act(first.m, { type: 'kill', pid: 4, signal: 'SIGKILL' });
    const second = play(m);
    expectInOrder(second.lines, [
      "PID 2's wait returns 4: child PID 4 was killed by signal 9 (SIGKILL) and its entry is freed.",
      'PID 2 forks; the child is PID 6.',
    ]);
  });

  it('process-states (seed 3): the whole trace of ready, running and blocked', () => {
    // seed 3 draws mixed = compute 2, compute 2, compute 1, disk I/O (read from the machine's
    // program below). PIDs: 2 cpu-bound (work 6), 3 io-bound, 4 mixed; RR quantum 2; disk 5 ticks.
    const start = load('process-states', 3);
    expect(start.programs.mixed.code.map((x) => (x.op === 'compute' ? x.n : x.op))).toEqual([
      2,
      2,
      1,
      'io',
    ]);
    const IO = (p: number) => `PID ${p} starts an I/O and blocks until the device answers.`;
    const DONE = (p: number) => [`The I/O of PID ${p} completes.`, WAKE(p)];
    const { m, lines } = play(start);
    expect(lines).toEqual([
      // t1-2 PID 2 computes; t3 PID 3 sets i, t4 work(1); t5-6 PID 4's first work(2)
      RUN(2),
      SLICE(2),
      SW(2, 3),
      RUN(3),
      SLICE(3),
      SW(3, 4),
      RUN(4),
      SLICE(4),
      SW(4, 2),
      RUN(2),
      // t7-8 PID 2; t9 PID 3 reads the disk (done at t15)
      SLICE(2),
      SW(2, 3),
      RUN(3),
      IO(3),
      SW(3, 4),
      RUN(4),
      // t10-11 PID 4's second work(2); t12-13 PID 2 finishes its work(6) and exits
      SLICE(4),
      SW(4, 2),
      RUN(2),
      ...EXIT(2, 0, 1),
      WAKE(1),
      SW(2, 4),
      RUN(4),
      // t14 PID 4 work(1); t15 PID 3's I/O completes, then PID 4 reads the disk (done at t21)
      ...DONE(3),
      IO(4),
      SW(4, 1),
      RUN(1),
      // t16 init reaps PID 2, t17 loops: slice over
      ...REAP(1, 2, 0),
      SLICE(1),
      SW(1, 3),
      RUN(3),
      // t18 PID 3's I/O completion tick, t19 loop: slice over
      SLICE(3),
      SW(3, 1),
      RUN(1),
      // t20 init waits for PIDs 3 and 4
      BLOCK_WAIT(1),
      SW(1, 3),
      RUN(3),
      // t21 PID 4's I/O completes while PID 3 runs work(1); t22 PID 3 reads the disk (t28)
      ...DONE(4),
      IO(3),
      SW(3, 4),
      RUN(4),
      // t23 PID 4's completion tick, and it has nothing left: it exits
      ...EXIT(4, 0, 1),
      WAKE(1),
      SW(4, 1),
      RUN(1),
      // t24 reap, t25 loop, t26 wait blocks (PID 3 is alive); t27 the CPU is idle
      ...REAP(1, 4, 0),
      BLOCK_WAIT(1),
      // t28 PID 3's I/O completes; completion tick; t29 loop; t30 work(1) and exit
      ...DONE(3),
      SW(1, 3),
      RUN(3),
      ...LAST_EXIT_TO_INIT(3),
    ]);
    expect(m.clock).toBe(33);
    expect(m.stats.idle).toBe(1);
  });

  it.each([
    // FIFO runs A (PID 1), B, C in arrival order; SJF runs the shortest first: C, B, A
    ['fifo', [1, 2, 3]],
    ['sjf', [3, 2, 1]],
  ] as const)('sched-jobs under %s: the whole trace', (policy, order) => {
    const { lines } = play(load('sched-jobs', 0, { policy }));
    const done = (p: number) => [
      `PID ${p} exits with status 0; no parent will wait for it, so it stays a zombie.`,
      `PID ${p} has finished running.`,
    ];
    const [a, b, c] = order;
    expect(lines).toEqual([
      RUN(a),
      ...done(a),
      SW(a, b),
      RUN(b),
      ...done(b),
      SW(b, c),
      RUN(c),
      ...done(c),
    ]);
  });

  it.each([
    // A = 8, B = 4, C = 2 ticks, all ready at tick 0 (PIDs 1, 2, 3; no init)
    ['fifo', {}, [8, 12, 14]],
    ['sjf', {}, [14, 6, 2]],
    ['stcf', {}, [14, 6, 2]],
    // RR q=2: A1-2 B3-4 C5-6 A7-8 B9-10 A11-14
    ['rr', { quantum: 2 }, [14, 10, 6]],
    // two CPUs, FIFO: A on CPU 0 for 1-8; B on CPU 1 for 1-4, then C 5-6
    ['fifo', { ncpu: 2 }, [8, 4, 6]],
    // a context switch costs a tick: A 1-8, switch 9, B 10-13, switch 14, C 15-16
    ['fifo', { switchTicks: 1 }, [8, 13, 16]],
  ])('sched-jobs under %s %j: jobs A, B, C finish at ticks %j', (policy, opts, ends) => {
    const { events } = play(load('sched-jobs', 0, { policy, ...opts }));
    const exits = new Map(
      events.flatMap((e) => (e.type === 'exit' ? [[e.pid, e.t] as const] : [])),
    );
    expect([exits.get(1), exits.get(2), exits.get(3)]).toEqual(ends);
  });

  it('be-the-scheduler: the whole trace of a reader scheduling by hand', () => {
    // jobs A = 8, B = 4, C = 2 ticks are PIDs 1, 2, 3 (no init); the manual policy never picks
    let m = load('be-the-scheduler');
    const lines: string[] = [];
    const doStep = (a: Action) => {
      const r = step(m, a);
      expect(r.events.filter((e) => e.type === 'error')).toEqual([]);
      m = r.machine;
      lines.push(...r.events.map(explain));
      expect(checkInvariants(m)).toEqual([]);
    };
    doStep({ type: 'tick' }); // t1: nothing runs
    expect(m.cpus[0].cur).toBe(-1);
    doStep({ type: 'dispatch', cpu: 0, tid: 3 });
    doStep({ type: 'tick' }); // t2: C's first tick
    doStep({ type: 'tick' }); // t3: C's second and last tick: it exits, with nobody to wait
    doStep({ type: 'tick' }); // t4: the CPU idles until the reader acts
    doStep({ type: 'dispatch', cpu: 0, tid: 1 });
    doStep({ type: 'tick' }); // t5: A's first tick
    doStep({ type: 'dispatch', cpu: 0, tid: 2 }); // B takes the CPU from A
    expect(lines).toEqual([
      'CPU 0 runs PID 3.',
      'PID 3 exits with status 0; no parent will wait for it, so it stays a zombie.',
      'PID 3 has finished running.',
      SW(3, 1),
      'CPU 0 runs PID 1.',
      'PID 1 is preempted and goes back to the ready queue.',
      SW(1, 2),
      'CPU 0 runs PID 2.',
    ]);
    expect(m.clock).toBe(5);
    expect(get(m.procs, 3)!.state).toBe('ZOMBIE');
    expect(m.runq).toEqual([1]);
    expect(m.stats.idle).toBe(2);
  });
});

describe('fork-loop', () => {
  // for (i = 0; i < n; i++) fork(); — every process that reaches the loop's i-th turn forks once,
  // and parent and child both carry on from turn i+1, so the count doubles each turn: 2^n
  // processes, 2^n - 1 forks, and one "hello" from each.
  it.each([0, 1, 2, 3, 4, 6])(
    'n = %i: 2^n processes, 2^n - 1 forks, 2^n hellos, all reaped',
    (n) => {
      const start = load('fork-loop', 0, { forks: n });
      const { m, events } = play(start, 5000);
      expect(isFinished(m)).toBe(true);
      expect(events.filter((e) => e.type === 'fork')).toHaveLength(2 ** n - 1);
      const hellos = m.console.filter((c) => c.text === 'hello\n');
      expect(hellos).toHaveLength(2 ** n);
      expect(new Set(hellos.map((c) => c.pid)).size).toBe(2 ** n);
      expect(keys(m.procs)).toEqual([1]);
    },
  );

  it('refuses a loop of more than 6 forks, or a negative one', () => {
    expect(loadScenario('fork-loop', 0, { forks: 7 })).toEqual({
      ok: false,
      error: 'Scenario fork-loop: option forks must be a whole number from 0 to 6.',
    });
    expect(loadScenario('fork-loop', 0, { forks: -1 }).ok).toBe(false);
  });
});
