// Table-driven tests of the kernel functions, named as the behaviour they check. Each program is
// tiny and its expected result is worked out by hand.
import { describe, expect, it } from 'vitest';
import type { Instr, KEvent, Machine, MachineConfig, SchedConfig, TaskState } from './types.ts';
import { ADDR, currentLine, makeProgram } from './program.ts';
import { checkInvariants } from './invariants.ts';
import { costOf, DEFAULT_COSTS, forkCostUs } from '../inspect/cost.ts';
import { createMachine, isFinished, step } from './machine.ts';
import { explain } from './explain.ts';
import { memoryOf } from './vm.ts';
import { procState } from './proc.ts';
import { teachingName } from '../inspect/labels.ts';
import { LEGAL, setState } from './state.ts';
import { LIBRARY } from '../book/library.ts';
import { get, keys, values } from './table.ts';
import { privateCopy } from './own.ts';
import { statLetter } from '../inspect/procfs.ts';

type Cfg = Partial<Omit<MachineConfig, 'sched'>> & { sched?: Partial<SchedConfig> };
const D = ADDR.data;

function boot(code: Instr[], cfg: Cfg = {}, extra: Instr[][] = []): Machine {
  const progs = [code, ...extra].map((c, i) =>
    makeProgram(i === 0 ? 't' : `x${i}`, ['line 1', 'line 2'], c),
  );
  const m = createMachine({ sched: { kind: 'rr', quantum: 2 }, ...cfg } as never, 0, progs);
  return step(m, { type: 'spawn', program: 't' }).machine;
}

function play(m: Machine, max = 300): { m: Machine; events: KEvent[]; out: string[] } {
  const events: KEvent[] = [];
  for (let i = 0; i < max && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    m = r.machine;
    events.push(...r.events);
    expect(checkInvariants(m)).toEqual([]);
  }
  return { m, events, out: m.console.map((c) => `${c.pid}:${c.text}`) };
}

const run = (code: Instr[], cfg: Cfg = {}, extra: Instr[][] = []) => play(boot(code, cfg, extra));
const L = 1;

describe('fork', () => {
  it("fork returns 0 in the child and the child's pid in the parent", () => {
    const { out } = run([
      { op: 'fork', line: L },
      { op: 'print', text: '{r0}', line: L },
    ]);
    expect(out.sort()).toEqual(['2:3', '3:0']);
  });

  it('fork returns -1 when the process table is full', () => {
    const { out, events } = run(
      [
        { op: 'fork', line: L },
        { op: 'print', text: '{r0}', line: L },
      ],
      { maxProcs: 2 },
    );
    expect(out).toEqual(['2:-1']);
    expect(events.map(explain)).toContain(
      'PID 2 calls fork, but the process table is full, so fork returns -1.',
    );
  });

  it('the child inherits open files: the open-file refcount is 2 after fork', () => {
    let m = boot([
      { op: 'open', path: 'f', line: L },
      { op: 'fork', line: L },
      { op: 'compute', n: 5, line: L },
    ]);
    m = step(m, { type: 'run', ticks: 2 }).machine;
    const f = values(m.files).find((x) => x.path === 'f')!;
    expect(f.refs).toBe(2);
  });

  it('fork shares private pages copy-on-write: both sides read-only, frame refcount 2', () => {
    let m = boot([
      { op: 'fork', line: L },
      { op: 'compute', n: 5, line: L },
    ]);
    m = step(m, { type: 'tick' }).machine;
    const parent = get(m.procs, 2)!.mm!.pt[16];
    const child = get(m.procs, 3)!.mm!.pt[16];
    expect(parent).toEqual({ f: child.f, w: false, cow: true });
    expect(get(m.frames, child.f)!.refs).toBe(2);
    // ...except the stack page, which the parent wrote as fork returned: it got a copy, and the
    // child's (still copy-on-write) page is no longer shared
    expect(memoryOf(m, 3)).toEqual({ resident: 4, shared: 3, private: 1 });
  });

  it('the parent writes its stack as fork returns (a copy); the child writes it at its first instruction (no copy)', () => {
    let m = boot([
      { op: 'fork', line: L },
      { op: 'compute', n: 5, line: L },
    ]);
    const r1 = step(m, { type: 'tick' });
    m = r1.machine;
    // one fault in the fork's tick: the parent's stack page 64, copied because the child shares it
    expect(r1.events.filter((e) => e.type === 'cow')).toEqual([
      { type: 'cow', t: 1, pid: 2, page: 64, region: 'stack', copied: true },
    ]);
    expect(r1.events.map(explain)).toContain(
      'PID 2 writes to page 64 (stack), which it shares copy-on-write: the page faults and the kernel copies it.',
    );
    const before = get(m.procs, 3)!.mm!.pt[64];
    expect(before).toMatchObject({ w: false, cow: true });
    expect(get(m.frames, before.f)!.refs).toBe(1);
    expect(get(m.procs, 2)!.mm!.pt[64]).toMatchObject({ w: true, cow: false });
    // RR, quantum 2: the parent computes one more tick, then the child runs its first instruction
    m = step(m, { type: 'tick' }).machine;
    const r3 = step(m, { type: 'tick' });
    expect(r3.events.filter((e) => e.type === 'cow')).toEqual([
      { type: 'cow', t: 3, pid: 3, page: 64, region: 'stack', copied: false },
    ]);
    expect(get(r3.machine.procs, 3)!.mm!.pt[64]).toEqual({ f: before.f, w: true, cow: false });
    expect(r3.machine.stats).toMatchObject({ cowCopies: 1, cowReuses: 1 });
  });
});

describe('wait and exit', () => {
  it('wait returns -1 when the caller has no children', () => {
    const { out, events } = run([
      { op: 'wait', line: L },
      { op: 'print', text: '{r0}', line: L },
    ]);
    expect(out).toEqual(['2:-1']);
    expect(events.map(explain)).toContain(
      'PID 2 calls wait but has no children, so wait returns -1.',
    );
  });

  it('wait returns the pid and the wait status of a zombie child, encoded as Linux does: exit(5) is 5 << 8', () => {
    const { out, events } = run([
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 3, line: L },
      { op: 'exit', status: 5, line: L },
      { op: 'wait', line: L },
      { op: 'print', text: '{r0} {r1}', line: L },
    ]);
    expect(out).toEqual(['2:3 1280']);
    expect(events.map(explain)).toContain(
      "PID 2's wait returns 3: child PID 3 exited with status 5 and its entry is freed.",
    );
  });

  it('exit keeps only the low 8 bits of its argument: exit(257) reads as status 1', () => {
    const { out } = run([
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 3, line: L },
      { op: 'exit', status: 257, line: L },
      { op: 'wait', line: L },
      { op: 'shr', reg: 'r1', v: 8, line: L },
      { op: 'print', text: '{r1}', line: L },
    ]);
    expect(out).toEqual(['2:1']);
  });

  it('and and shr take a wait status apart: WIFEXITED, WEXITSTATUS, WTERMSIG', () => {
    // the child exits 3: status 768; r2 = status & 0x7f = 0 (exited), r1 >> 8 & 0xff = 3
    const { out } = run([
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 3, line: L },
      { op: 'exit', status: 3, line: L },
      { op: 'wait', line: L },
      { op: 'set', reg: 'r2', v: 'r1', line: L },
      { op: 'and', reg: 'r2', v: 0x7f, line: L },
      { op: 'shr', reg: 'r1', v: 8, line: L },
      { op: 'and', reg: 'r1', v: 0xff, line: L },
      { op: 'print', text: '{r2} {r1}', line: L },
    ]);
    expect(out).toEqual(['2:0 3']);
  });

  it('wait blocks while the child is alive and wakes when it exits', () => {
    const { events } = run([
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 3, line: L },
      { op: 'compute', n: 6, line: L },
      { op: 'wait', line: L },
    ]);
    const lines = events.map(explain);
    const block = lines.indexOf('PID 2 blocks in wait() until a child exits.');
    const exit = lines.findIndex((l) => l.startsWith('PID 3 exits'));
    const wake = lines.indexOf('PID 2 wakes up and is ready to run.');
    expect(block).toBeGreaterThanOrEqual(0);
    expect(block).toBeLessThan(exit);
    expect(exit).toBeLessThan(wake);
  });

  it('wait with WNOHANG returns 0 while the children are alive', () => {
    const { out } = run([
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 5, line: L },
      { op: 'wait', nohang: true, line: L },
      { op: 'print', text: 'nohang {r0}', line: L },
      { op: 'exit', status: 0, line: L },
      { op: 'sleep', ticks: 5, line: L },
      { op: 'exit', status: 0, line: L },
    ]);
    expect(out).toEqual(['2:nohang 0']);
  });

  it('exit makes a zombie that holds no memory or files until the parent waits', () => {
    let m = boot([
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 3, line: L },
      { op: 'exit', status: 1, line: L },
      { op: 'compute', n: 20, line: L },
    ]);
    m = step(m, { type: 'run', ticks: 8 }).machine;
    expect(get(m.procs, 3)).toMatchObject({ state: 'ZOMBIE', mm: null, fds: [], status: 1 << 8 });
    expect(get(m.tasks, 3)!.state).toBe('ZOMBIE');
  });

  it('orphans are reparented to init (PID 1), which reaps them', () => {
    const { events, m } = run([
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 3, line: L },
      { op: 'exit', status: 0, line: L },
      { op: 'sleep', ticks: 4, line: L },
      { op: 'print', text: '{ppid}', line: L },
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'reparent', pid: 3, from: 2, to: 1 }),
    );
    expect(m.console.map((c) => c.text)).toEqual(['1']);
    expect(keys(m.procs)).toEqual([1]);
  });

  it('orphans go to the nearest subreaper ancestor instead of init', () => {
    // 2 becomes a subreaper and forks 3; 3 forks 4 and exits; 4 is adopted by 2, not 1
    const code: Instr[] = [
      { op: 'subreaper', line: L },
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 7, line: L },
      { op: 'fork', line: L },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 6, line: L },
      { op: 'exit', status: 0, line: L },
      { op: 'sleep', ticks: 6, line: L },
      { op: 'print', text: '{ppid}', line: L },
      { op: 'texit', line: L },
    ];
    // PID 4 (pc 6) sleeps, then prints its parent; PID 2 (pc 7) prints 1 then exits via texit
    const sub = run(code);
    expect(sub.events).toContainEqual(
      expect.objectContaining({ type: 'reparent', pid: 4, from: 3, to: 2 }),
    );
    const viaInit = run(code, { reparent: 'init' });
    expect(viaInit.events).toContainEqual(
      expect.objectContaining({ type: 'reparent', pid: 4, from: 3, to: 1 }),
    );
  });

  it('without init a top-level process stays a zombie after exit', () => {
    const { m, events } = run([{ op: 'exit', status: 3, line: L }], { init: false });
    expect(get(m.procs, 1)).toMatchObject({ state: 'ZOMBIE', status: 3 << 8 });
    expect(events.map(explain)).toContain(
      'PID 1 exits with status 3; no parent will wait for it, so it stays a zombie.',
    );
  });
});

describe('kill', () => {
  const loop: Instr[] = [{ op: 'compute', n: 100, line: L }];
  it.each([
    ['SIGKILL', 9],
    ['SIGTERM', 15],
  ] as const)(
    '%s ends the process with wait status %i, the signal number (not 128 + N)',
    (signal, status) => {
      let m = boot(loop);
      m = step(m, { type: 'tick' }).machine;
      const r = step(m, { type: 'kill', pid: 2, signal });
      expect(get(r.machine.procs, 2)).toMatchObject({ state: 'ZOMBIE', status, signal });
      expect(r.events.map(explain)[0]).toBe(
        `PID 2 receives ${signal}, whose default action ends the process.`,
      );
      // the CPU is free and goes to init, woken to reap the dead process
      expect(r.machine.cpus[0].cur).toBe(1);
    },
  );

  it('SIGCHLD is ignored by default', () => {
    const m = boot(loop);
    const r = step(m, { type: 'kill', pid: 2, signal: 'SIGCHLD' });
    expect(r.events.map(explain)).toEqual(['PID 2 receives SIGCHLD, which it ignores.']);
    expect(get(r.machine.procs, 2)!.state).toBe('ALIVE');
  });

  // A disk wait of 10 ticks, issued in tick 1, of each kind of sleep
  const diskWait = (sleep?: 'interruptible' | 'killable' | 'uninterruptible') => {
    let m = boot(
      [
        { op: 'io', dev: 'disk', ticks: 10, ...(sleep ? { sleep } : {}), line: L },
        { op: 'print', text: 'done', line: L },
      ],
      { init: true },
    );
    m = step(m, { type: 'tick' }).machine;
    expect(get(m.tasks, 2)!.state).toBe('SLEEPING');
    return m;
  };

  it.each([
    ['interruptible', 'S'],
    ['killable', 'D'],
    [undefined, 'D'],
  ] as const)(
    'a disk wait sleeping %s (default: killable) shows %s and SIGKILL ends it at once',
    (sleep, letter) => {
      const m = diskWait(sleep);
      expect(statLetter(m, 2)).toBe(letter);
      const r = step(m, { type: 'kill', pid: 2, signal: 'SIGKILL' });
      expect(get(r.machine.procs, 2)).toMatchObject({ state: 'ZOMBIE', status: 9 });
      expect(r.events.map(explain)).toContain(
        'PID 2 is killed by signal 9 (SIGKILL); it is a zombie until its parent PID 1 waits for it.',
      );
    },
  );

  it('an uninterruptible disk wait shows D and holds even SIGKILL pending until the wait ends', () => {
    let m = diskWait('uninterruptible');
    expect(statLetter(m, 2)).toBe('D');
    const r = step(m, { type: 'kill', pid: 2, signal: 'SIGKILL' });
    expect(r.events.map(explain)).toEqual([
      'PID 2 receives SIGKILL in an uninterruptible sleep: the signal stays pending until the wait ends.',
    ]);
    m = r.machine;
    expect(get(m.procs, 2)).toMatchObject({ state: 'ALIVE', pending: 'SIGKILL' });
    expect(statLetter(m, 2)).toBe('D');
    // the I/O issued in tick 1 completes in tick 12 (10 ticks asleep): the signal acts then
    const ev: KEvent[] = [];
    for (let i = 0; i < 10; i++) {
      const s = step(m, { type: 'tick' });
      m = s.machine;
      ev.push(...s.events);
    }
    expect(m.clock).toBe(11);
    expect(get(m.procs, 2)!.state).toBe('ALIVE');
    expect(ev.filter((e) => e.type === 'exit')).toEqual([]);
    const done = step(m, { type: 'tick' });
    expect(done.events.map(explain).slice(0, 3)).toEqual([
      'The I/O of PID 2 completes.',
      'PID 2 receives SIGKILL, whose default action ends the process.',
      'PID 2 is killed by signal 9 (SIGKILL); it is a zombie until its parent PID 1 waits for it.',
    ]);
    // it never ran again: "done" is never printed
    expect(done.machine.console).toEqual([]);
    // init, woken by the exit, runs in the same tick and reaps it: the wait status is signal 9
    expect(done.events).toContainEqual(
      expect.objectContaining({ type: 'reap', pid: 1, child: 2, status: 9 }),
    );
  });

  it('a network wait sleeps interruptibly (S) unless its io says otherwise', () => {
    let m = boot([{ op: 'io', dev: 'net', line: L }], { init: true });
    m = step(m, { type: 'tick' }).machine;
    expect(statLetter(m, 2)).toBe('S');
  });

  it('SIGSTOP stops the tasks and SIGCONT makes them ready again', () => {
    let m = step(boot(loop), { type: 'tick' }).machine;
    m = step(m, { type: 'kill', pid: 2, signal: 'SIGSTOP' }).machine;
    expect(get(m.tasks, 2)!.state).toBe('STOPPED');
    m = step(m, { type: 'run', ticks: 5 }).machine;
    expect(get(m.tasks, 2)!.runTicks).toBe(1);
    m = step(m, { type: 'kill', pid: 2, signal: 'SIGCONT' }).machine;
    expect(get(m.tasks, 2)!.state).toBe('RUNNABLE');
  });

  it('a process stopped while its I/O holds the CPU (SWITCH_ON_END) releases the CPU', () => {
    // PID 1 issues a 2-tick I/O at tick 1 and holds the CPU; it is stopped before the I/O ends
    let m = boot(
      [
        { op: 'io', dev: 'disk', ticks: 2, line: L },
        { op: 'compute', n: 1, line: L },
      ],
      { init: false, sched: { kind: 'ostep', switchOn: 'end' } },
      [[{ op: 'compute', n: 1, line: L }]],
    );
    m = step(m, { type: 'spawn', program: 'x1' }).machine;
    m = step(m, { type: 'tick' }).machine;
    expect(m.cpus[0].hold).toBe(1);
    m = step(m, { type: 'kill', pid: 1, signal: 'SIGSTOP' }).machine;
    m = step(m, { type: 'run', ticks: 3 }).machine;
    expect(get(m.tasks, 1)!.state).toBe('STOPPED');
    expect(m.cpus[0].hold).toBe(-1);
    expect(procState(m, 2)).toBe('ZOMBIE'); // the other process got the CPU and finished
    expect(checkInvariants(m)).toEqual([]);
  });

  it('init ignores signals', () => {
    const r = step(boot(loop), { type: 'kill', pid: 1, signal: 'SIGKILL' });
    expect(get(r.machine.procs, 1)!.state).toBe('ALIVE');
    expect(r.events.map(explain)).toEqual(['PID 1 receives SIGKILL, which it ignores.']);
  });

  it('an illegal action leaves the machine unchanged and explains the problem', () => {
    const m = boot(loop);
    for (const [a, msg] of [
      [{ type: 'kill', pid: 99, signal: 'SIGKILL' }, 'There is no process with PID 99.'],
      [
        { type: 'dispatch', cpu: 0, tid: 2 },
        'Only the manual scheduler lets you choose which task runs.',
      ],
      [{ type: 'spawn', program: 'nope' }, 'There is no program called nope.'],
      [{ type: 'run', ticks: 0 }, 'A run needs a whole number of ticks from 1 to 10000000; got 0.'],
      [{ type: 'warp' }, 'Unknown action "warp".'],
    ] as const) {
      const r = step(m, a as never);
      expect(r.machine).toBe(m);
      expect(r.events).toEqual([{ type: 'error', t: 0, message: msg }]);
      expect(explain(r.events[0])).toBe(msg);
    }
  });
});

describe('exec', () => {
  it('exec keeps the pid and fds but closes close-on-exec fds', () => {
    let m = boot(
      [
        { op: 'open', path: 'keep', line: L },
        { op: 'open', path: 'drop', cloexec: true, line: L },
        { op: 'exec', prog: 'x1', line: L },
      ],
      {},
      [[{ op: 'compute', n: 50, line: L }]],
    );
    m = step(m, { type: 'run', ticks: 4 }).machine;
    const p = get(m.procs, 2)!;
    expect(p.name).toBe('x1');
    expect(p.fds.map((e) => (e ? get(m.files, e.f)!.path : null))).toEqual([
      '/dev/console',
      '/dev/console',
      '/dev/console',
      'keep',
      null,
    ]);
    expect(get(m.tasks, 2)).toMatchObject({ prog: 'x1', pc: 0 });
  });

  it('exec of a missing program returns -1 and the old program goes on', () => {
    const { out } = run([
      { op: 'exec', prog: 'missing', line: L },
      { op: 'print', text: 'still here {r0}', line: L },
    ]);
    expect(out).toEqual(['2:still here -1']);
  });
});

describe('setState', () => {
  it('setState refuses an illegal transition (SLEEPING -> RUNNING skips the ready queue)', () => {
    const m = createMachine({}, 0);
    expect(() => setState(privateCopy(m), [], get(m.tasks, 1)!, 'RUNNING', 'dispatch')).toThrow(
      /illegal transition SLEEPING -> RUNNING/,
    );
  });

  it('the legal table matches xv6 plus STOPPED, and teaching names label every state', () => {
    expect(LEGAL.RUNNABLE).toEqual(['RUNNING', 'STOPPED', 'ZOMBIE']);
    expect(LEGAL.ZOMBIE).toEqual(['UNUSED']);
    const all: TaskState[] = [
      'UNUSED',
      'EMBRYO',
      'RUNNABLE',
      'RUNNING',
      'SLEEPING',
      'ZOMBIE',
      'STOPPED',
    ];
    expect(all.map(teachingName)).toEqual([
      'unused',
      'new',
      'ready',
      'running',
      'blocked',
      'zombie (terminated)',
      'stopped',
    ]);
  });
});

describe('schedulers', () => {
  it('STCF preempts a long job when a shorter one arrives', () => {
    let m = createMachine({ init: false, sched: { kind: 'stcf' } }, 0, [
      makeProgram('long', ['x'], [{ op: 'compute', n: 8, line: 1 }]),
      makeProgram('short', ['x'], [{ op: 'compute', n: 2, line: 1 }]),
    ]);
    m = step(m, { type: 'spawn', program: 'long' }).machine;
    m = step(m, { type: 'run', ticks: 3 }).machine;
    m = step(m, { type: 'spawn', program: 'short' }).machine;
    const { events } = play(m);
    const exits = events.flatMap((e) => (e.type === 'exit' ? [[e.pid, e.t]] : []));
    // short runs 4-5; long ran 1-3 and finishes its other 5 ticks at 6-10
    expect(exits).toEqual([
      [2, 5],
      [1, 10],
    ]);
  });

  it('static priority runs the lower number first and preempts for it', () => {
    let m = createMachine({ init: false, sched: { kind: 'priority', quantum: 100 } }, 0, [
      makeProgram('job', ['x'], [{ op: 'compute', n: 3, line: 1 }]),
    ]);
    m = step(m, { type: 'spawn', program: 'job', prio: 5 }).machine;
    m = step(m, { type: 'tick' }).machine;
    m = step(m, { type: 'spawn', program: 'job', prio: 1 }).machine;
    const { events } = play(m);
    expect(events.flatMap((e) => (e.type === 'exit' ? [[e.pid, e.t]] : []))).toEqual([
      [2, 4],
      [1, 6],
    ]);
  });

  it('a context switch between threads of one process counts as a thread switch', () => {
    const { m } = run([
      { op: 'thread', to: 2, line: L },
      { op: 'compute', n: 3, line: L },
      { op: 'compute', n: 3, line: L },
    ]);
    expect(m.stats.threadSwitches).toBeGreaterThan(0);
  });
});

describe('memory', () => {
  it('a store to read-only text is a segfault: SIGSEGV, wait status 11', () => {
    const { m, events } = run([{ op: 'store', reg: 'r0', addr: 0, line: L }]);
    expect(events.map(explain)).toContain(
      'PID 2 touches address 0, which it may not access: a segmentation fault.',
    );
    expect(get(m.procs, 2)).toBeUndefined(); // init reaped it
    expect(events).toContainEqual(expect.objectContaining({ type: 'reap', child: 2, status: 11 }));
    expect(events.map(explain)).toContain(
      "PID 1's wait returns 2: child PID 2 was killed by signal 11 (SIGSEGV) and its entry is freed.",
    );
  });

  it("threads share the address space: one thread's store is the other's load", () => {
    const { out } = run([
      { op: 'set', reg: 'r1', v: 7, line: L },
      { op: 'store', reg: 'r1', addr: D, line: L },
      { op: 'thread', to: 5, line: L },
      { op: 'join', tid: 'r0', line: L },
      { op: 'exit', status: 0, line: L },
      { op: 'load', reg: 'r2', addr: D, line: L },
      { op: 'print', text: 'thread sees {r2}', line: L },
      { op: 'texit', line: L },
    ]);
    expect(out).toEqual(['2:thread sees 7']);
  });

  it('a thread has its own stack page; join frees it', () => {
    let m = boot([
      { op: 'thread', to: 2, line: L },
      { op: 'join', tid: 'r0', line: L },
      { op: 'compute', n: 4, line: L },
    ]);
    m = step(m, { type: 'tick' }).machine;
    expect(
      get(m.procs, 2)!
        .mm!.regions.filter((r) => r.kind === 'stack')
        .map((r) => r.tid),
    ).toEqual([2, 3]);
    const { m: end } = play(m);
    expect(end.stats.threads).toBe(1);
  });
});

describe('files and pipes', () => {
  it('dup2 sends stdout into a file', () => {
    const { m, out } = run([
      { op: 'open', path: 'log', line: L },
      { op: 'dup2', from: 'r0', to: 1, line: L },
      { op: 'print', text: 'into the file', line: L },
    ]);
    expect(out).toEqual([]);
    expect(m.fs.log).toBe('into the file');
  });

  it('close of a descriptor that is not open returns -1', () => {
    const { out } = run([
      { op: 'close', fd: 9, line: L },
      { op: 'print', text: '{r0}', line: L },
    ]);
    expect(out).toEqual(['2:-1']);
  });

  it('read returns 0 (end of file) when no writer is left', () => {
    const { out } = run([
      { op: 'pipe', line: L },
      { op: 'close', fd: 'r1', line: L },
      { op: 'read', fd: 3, n: 4, line: L },
      { op: 'print', text: 'got {r0}', line: L },
    ]);
    expect(out).toEqual(['2:got 0']);
  });

  it('write to a pipe with no reader fails with -1', () => {
    const { out } = run([
      { op: 'pipe', line: L },
      { op: 'close', fd: 'r0', line: L },
      { op: 'write', fd: 4, text: 'x', line: L },
      { op: 'print', text: '{r0}', line: L },
    ]);
    expect(out).toEqual(['2:-1']);
  });

  it('a writer blocks on a full pipe until the reader drains it', () => {
    // capacity 4: the child writes "abc" twice; the second write waits for the parent's read
    const { events, out } = run(
      [
        { op: 'pipe', line: L },
        { op: 'fork', line: L },
        { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 6, line: L },
        { op: 'write', fd: 4, text: 'abc', line: L },
        { op: 'write', fd: 4, text: 'abc', line: L },
        { op: 'exit', status: 0, line: L },
        { op: 'sleep', ticks: 6, line: L },
        { op: 'read', fd: 3, n: 8, line: L },
        { op: 'print', text: '[{buf}]', line: L },
        { op: 'wait', line: L },
        { op: 'read', fd: 3, n: 8, line: L },
        { op: 'print', text: '[{buf}]', line: L },
      ],
      { pipeCap: 4 },
    );
    expect(events.map(explain)).toContain('PID 3 blocks writing to a full pipe.');
    expect(out).toEqual(['2:[abc]', '2:[abc]']);
  });
});

describe('program listing', () => {
  it('currentLine gives the C line of the next instruction, 0 past the end', () => {
    let m = createMachine({ init: false }, 0, [LIBRARY['fork-basics']]);
    m = step(m, { type: 'spawn', program: 'fork-basics' }).machine;
    expect(currentLine(m, 1)).toBe(2); // printf("hello ...")
    m = step(m, { type: 'tick' }).machine;
    expect(currentLine(m, 1)).toBe(3); // int rc = fork();
    expect(currentLine(m, 99)).toBe(0);
  });
});

describe('cost model', () => {
  it('defaults are the calibrated medians and costOf adds them up', () => {
    expect(DEFAULT_COSTS).toMatchObject({
      switchProcessUs: 2.9,
      switchThreadUs: 2.7,
      syscallUs: 0.23,
      forkUs: 70,
      cowCopyUs: 3.7,
    });
    const stats = {
      instrs: 10,
      busy: 10,
      idle: 0,
      switches: 2,
      threadSwitches: 1,
      syscalls: 4,
      forks: 1,
      execs: 0,
      threads: 0,
      cowCopies: 2,
      cowReuses: 0,
    };
    const c = costOf(stats);
    // 10 x 1 + 2 x 2.9 + 2.7 + 4 x 0.23 + 70 + 2 x 3.7 = 96.82
    expect(c.totalUs).toBeCloseTo(96.82, 10);
    expect(forkCostUs(1000)).toBeCloseTo(175, 10);
  });
});
