// Golden explain() traces for the named scenarios. The expected sentences are written from what
// each scenario must do (worked out by hand in the comments), not copied from a run.
import { describe, expect, it } from 'vitest';
import type { Action, KEvent, Machine } from './types.ts';
import { checkInvariants, explain, isFinished, loadScenario, SCENARIOS, step } from './index.ts';

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
    const bad = loadScenario('sched-jobs', 0, { policy: 'lottery' });
    expect(bad.ok).toBe(false);
    expect(loadScenario('sched-jobs', 0, { quantum: 0 }).ok).toBe(false);
  });
});

describe('golden traces', () => {
  it('fork-basics: the whole trace, tick by tick (RR, quantum 3; init is PID 1 asleep in wait)', () => {
    const SW = (a: number, b: number) =>
      `CPU 0 switches from PID ${a} to PID ${b}: it saves one set of registers, loads the other and changes the address space.`;
    const { m, lines } = play(load('fork-basics'));
    expect(lines).toEqual([
      // t1 dispatch PID 2 and print; t2 fork; t3 branch, slice over
      'CPU 0 runs PID 2.',
      'PID 2 prints "hello (pid:2)\\n".',
      'PID 2 forks; the child is PID 3.',
      'PID 3 is new and ready to run.',
      'PID 2 has used up its time slice and goes back to the ready queue.',
      SW(2, 3),
      'CPU 0 runs PID 3.',
      // t4-t6 the child: two branches and its printf, slice over
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

  it('fork-exec-wait: the parent waits, the child becomes wc, then the parent is told its pid', () => {
    const { m, lines } = play(load('fork-exec-wait'));
    expectInOrder(lines, [
      'PID 2 forks; the child is PID 3.',
      'PID 2 blocks in wait() until a child exits.',
      'PID 3 replaces its program with wc; it keeps its PID and open files.',
      'PID 3 prints "      13      38     409 p3.c\\n".',
      'PID 3 exits with status 0; it is a zombie until its parent PID 2 waits for it.',
      'PID 2 wakes up and is ready to run.',
      "PID 2's wait returns 3: child PID 3 exited with status 0 and its entry is freed.",
      'PID 2 prints "parent of 3 (rc_wait:3) (pid:2)\\n".',
    ]);
    expect(consoleOf(m).join('')).not.toContain("shouldn't");
  });

  it('zombie-orphan: a zombie until waited for, then an orphan adopted and reaped by init', () => {
    let m = load('zombie-orphan');
    let sawZombie = false;
    const lines: string[] = [];
    while (!isFinished(m)) {
      const r = step(m, { type: 'tick' });
      m = r.machine;
      lines.push(...r.events.map(explain));
      const z = m.procs[3];
      if (z && z.state === 'ZOMBIE' && m.procs[2].state === 'ALIVE') {
        sawZombie = true;
        expect(z.mm).toBeNull();
        expect(z.fds.filter(Boolean)).toEqual([]);
      }
    }
    expect(sawZombie).toBe(true);
    expectInOrder(lines, [
      'PID 2 forks; the child is PID 3.',
      'PID 3 exits with status 7; it is a zombie until its parent PID 2 waits for it.',
      "PID 2's wait returns 3: child PID 3 exited with status 7 and its entry is freed.",
      'PID 2 forks; the child is PID 4.',
      'PID 2 exits with status 0; it is a zombie until its parent PID 1 waits for it.',
      'PID 4 is an orphan now: its parent PID 2 exited, so PID 1 adopts it.',
      'PID 4 prints "orphan 4: my parent is now 1\\n".',
      'PID 4 exits with status 0; it is a zombie until its parent PID 1 waits for it.',
      "PID 1's wait returns 4: child PID 4 exited with status 0 and its entry is freed.",
    ]);
    expect(Object.keys(m.procs)).toEqual(['1']);
  });

  it("cow-fork: the child's first write copies the page; the parent's later write does not", () => {
    const { m, lines, events } = play(load('cow-fork'));
    expectInOrder(lines, [
      'PID 2 forks; the child is PID 3.',
      'PID 3 loads 42 from address 128.',
      'PID 3 writes to page 16, which it shares copy-on-write: the page faults and the kernel copies it.',
      'PID 3 stores 43 at address 128.',
      'PID 3 prints "child sees 43\\n".',
      'PID 2 writes to page 16, which nobody else uses any more: the kernel just makes it writable.',
      'PID 2 prints "parent sees 142\\n".',
    ]);
    expect(events.filter((e) => e.type === 'cow')).toHaveLength(2);
    expect(m.stats.cowCopies).toBe(1);
    expect(m.stats.cowReuses).toBe(1);
  });

  it("shared-offset: the parent's write lands after the child's because they share the offset", () => {
    const { m, lines } = play(load('shared-offset'));
    expectInOrder(lines, [
      'PID 2 opens out.txt as fd 3.',
      'PID 2 forks; the child is PID 3.',
      'PID 3 writes "child\\n" to a file through fd 3.',
      'PID 2 writes "parent\\n" to a file through fd 3.',
      'PID 2 closes fd 3.',
    ]);
    expect(m.fs['out.txt']).toBe('child\nparent\n');
  });

  it('pipe: the child blocks on the empty pipe until the parent writes', () => {
    const { m, lines } = play(load('pipe'));
    expectInOrder(lines, [
      'PID 2 creates a pipe: fd 3 reads from it and fd 4 writes to it.',
      'PID 2 forks; the child is PID 3.',
      'PID 2 closes fd 3.',
      'PID 3 closes fd 4.',
      'PID 3 blocks reading an empty pipe.',
      'PID 2 writes "hello\\n" to a pipe through fd 4.',
      'PID 3 wakes up and is ready to run.',
      'PID 3 reads "hello\\n" from fd 3.',
      'PID 3 prints "child read 6 bytes: hello\\n".',
    ]);
    expect(Object.keys(m.pipes)).toEqual([]);
  });

  it('thread-race: with 2-tick slices two of the six increments are lost (counter = 4)', () => {
    // Worked by hand: T3 loads 0 (t4), T4 loads 1 (t10) ... T3 stores 2 over T4's 2 (t17) and
    // 3 over T4's 3 (t25): two lost updates, so main prints 4.
    const { m, lines } = play(load('thread-race'));
    expectInOrder(lines, [
      'PID 2 creates thread 3.',
      'PID 2 creates thread 4.',
      'thread 3 of PID 2 finishes.',
    ]);
    expect(consoleOf(m)).toEqual(['2: counter = 4 (expected 6)\n']);
  });

  it('thread-mutex: the mutex makes the other thread wait and no update is lost', () => {
    const { m, lines } = play(load('thread-mutex'));
    expect(lines).toContain('thread 4 of PID 2 tries to lock the mutex, but it is held.');
    expect(consoleOf(m)).toEqual(['2: counter = 6 (expected 6)\n']);
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
    // backends write the shared buffers: a shared mapping never faults
    expect(first.events.filter((e) => e.type === 'cow')).toEqual([]);
    expect(first.m.procs[3].state).toBe('ZOMBIE');
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

  it('prefork-pool: workers share the connections; a killed worker is replaced', () => {
    const first = play(load('prefork-pool'));
    const accepts = first.events.filter((e) => e.type === 'accept');
    expect(accepts.map((e) => (e.type === 'accept' ? e.conn : 0))).toEqual([1, 2, 3, 4]);
    for (const e of accepts) expect([3, 4, 5]).toContain(e.pid);
    for (const pid of [3, 4, 5])
      expect(first.m.tasks[pid]).toMatchObject({ state: 'SLEEPING', wchan: 'accept' });
    const m = act(first.m, { type: 'kill', pid: 4, signal: 'SIGKILL' });
    const second = play(m);
    expectInOrder(second.lines, [
      "PID 2's wait returns 4: child PID 4 exited with status 137 and its entry is freed.",
      'PID 2 forks; the child is PID 6.',
    ]);
  });

  it('process-states: the I/O-bound process blocks and is woken by its completions', () => {
    const { lines } = play(load('process-states', 3));
    expectInOrder(lines, [
      'PID 3 starts an I/O and blocks until the device answers.',
      'The I/O of PID 3 completes.',
      'PID 3 wakes up and is ready to run.',
      'PID 3 starts an I/O and blocks until the device answers.',
      'The I/O of PID 3 completes.',
      'PID 3 exits with status 0; it is a zombie until its parent PID 1 waits for it.',
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

  it('be-the-scheduler: nothing runs until the reader dispatches', () => {
    let m = load('be-the-scheduler');
    m = act(m, { type: 'tick' });
    expect(m.cpus[0].cur).toBe(-1);
    const r = step(m, { type: 'dispatch', cpu: 0, tid: 3 });
    expect(r.events.map(explain)).toEqual(['CPU 0 runs PID 3.']);
    m = act(act(r.machine, { type: 'tick' }), { type: 'tick' });
    expect(m.procs[3].state).toBe('ZOMBIE');
    expect(m.cpus[0].cur).toBe(-1);
  });
});
