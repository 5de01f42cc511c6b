// Issue 3's contract, bullet by bullet: the guarded transition table, the invariant checker
// (shown to catch each broken invariant, so the property tests that call it can fail), explain()
// over every event type, device latency, CPUs and the timer interrupt, exec's prepare-then-commit,
// per-thread registers and stacks, the data race against its mutex fix over many interleavings,
// the cost model's citations and the doc comment on every exported function. Every expected value
// is worked out by hand in the comments.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Instr, KEvent, Machine, Task, TaskState } from './types.ts';
import { checkInvariants } from './invariants.ts';
import { createMachine, isFinished, step } from './machine.ts';
import { explain } from './explain.ts';
import { loadScenario } from '../book/registry.ts';
import { makeProgram } from './program.ts';
import { LEGAL, setState } from './state.ts';
import { LIBRARY } from '../book/library.ts';
import { COST_SOURCES, DEFAULT_COSTS } from '../inspect/cost.ts';
import { get, keys, set } from './table.ts';
import { insert, privateCopy } from './own.ts';

const DIR = new URL('./', import.meta.url);
const L = 1;

function load(name: string, options: Record<string, unknown> = {}): Machine {
  const r = loadScenario(name, 0, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function ticks(m: Machine, n: number): Machine {
  for (let i = 0; i < n; i++) m = step(m, { type: 'tick' }).machine;
  return m;
}

function play(m: Machine, max = 500): { m: Machine; events: KEvent[] } {
  const events: KEvent[] = [];
  for (let i = 0; i < max && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    m = r.machine;
    events.push(...r.events);
    expect(checkInvariants(m)).toEqual([]);
  }
  return { m, events };
}

/** A machine running `code` as program 't' (PID 2 under init, or PID 1 without init). */
function boot(code: Instr[], cfg: Parameters<typeof createMachine>[0] = {}): Machine {
  const m = createMachine({ sched: { kind: 'rr', quantum: 2 }, ...cfg }, 0, [
    makeProgram('t', ['line 1'], code),
  ]);
  return step(m, { type: 'spawn', program: 't' }).machine;
}

const STATES: TaskState[] = [
  'UNUSED',
  'EMBRYO',
  'RUNNABLE',
  'RUNNING',
  'SLEEPING',
  'STOPPED',
  'ZOMBIE',
];

describe('setState: the one guarded transition', () => {
  // The state machine, written out from xv6's proc.c plus SIGSTOP: a slot is allocated (UNUSED ->
  // EMBRYO), published ready or (init at boot) asleep, or dropped when fork fails; only the
  // scheduler makes a task RUNNING and only from RUNNABLE; sleeping and stopping need no CPU;
  // any live state can die; a zombie can only be freed.
  const expected: Record<TaskState, TaskState[]> = {
    UNUSED: ['EMBRYO'],
    EMBRYO: ['RUNNABLE', 'SLEEPING', 'UNUSED'],
    RUNNABLE: ['RUNNING', 'STOPPED', 'ZOMBIE'],
    RUNNING: ['RUNNABLE', 'SLEEPING', 'STOPPED', 'ZOMBIE'],
    SLEEPING: ['RUNNABLE', 'STOPPED', 'ZOMBIE'],
    STOPPED: ['RUNNABLE', 'ZOMBIE'],
    ZOMBIE: ['UNUSED'],
  };

  it('LEGAL is exactly the hand-written state machine', () => {
    for (const s of STATES) expect([...LEGAL[s]].sort()).toEqual([...expected[s]].sort());
  });

  const pairs = STATES.flatMap((from) => STATES.map((to) => [from, to] as const));

  it.each(pairs.filter(([f, t]) => !expected[f].includes(t)))(
    'setState refuses %s -> %s with an error and changes nothing',
    (from, to) => {
      const m = privateCopy(createMachine({ init: false }));
      const task = { tid: 9, pid: 9, state: from } as Task;
      insert(m, 'tasks', 9, task);
      const ev: KEvent[] = [];
      expect(() => setState(m, ev, task, to, 'dispatch')).toThrow(
        `illegal transition ${from} -> ${to} for task 9`,
      );
      expect(task.state).toBe(from);
      expect(get(m.tasks, 9)).toBe(task);
      expect(ev).toEqual([]);
    },
  );

  it.each(pairs.filter(([f, t]) => expected[f].includes(t)))(
    'setState allows %s -> %s and emits one state event',
    (from, to) => {
      const m = privateCopy(createMachine({ init: false }));
      const task = { tid: 9, pid: 9, state: from } as Task;
      insert(m, 'tasks', 9, task);
      const ev: KEvent[] = [];
      setState(m, ev, task, to, 'exit', 0);
      expect(task.state).toBe(to);
      expect(ev).toEqual([
        { type: 'state', t: 0, tid: 9, pid: 9, from, to, reason: 'exit', cpu: 0 },
      ]);
      // UNUSED frees the slot
      expect(get(m.tasks, 9)).toBe(to === 'UNUSED' ? undefined : task);
    },
  );

  it('a kernel bug that breaks the table becomes an error event and leaves the machine as it was', () => {
    // step() never throws: an internal error returns the input machine and says what happened
    const m = load('fork-basics');
    const broken: Machine = JSON.parse(JSON.stringify(m));
    get(broken.tasks, 2)!.state = 'SLEEPING'; // queued but SLEEPING: dispatch would go SLEEPING -> RUNNING
    const r = step(broken, { type: 'tick' });
    expect(r.machine).toBe(broken);
    expect(r.events).toEqual([
      {
        type: 'error',
        t: 0,
        message: 'Internal error: illegal transition SLEEPING -> RUNNING for task 2 (dispatch).',
      },
    ]);
  });
});

describe('checkInvariants catches every broken invariant', () => {
  // fork-basics after 2 ticks: PID 2 RUNNING on CPU 0 has just forked PID 3 (RUNNABLE); their
  // private pages are shared copy-on-write; both have fds 0-2 on the console (open file 1).
  const base = ticks(load('fork-basics'), 2);
  const corrupt = (f: (m: Machine) => void): string[] => {
    const m: Machine = JSON.parse(JSON.stringify(base));
    f(m);
    return checkInvariants(m);
  };
  const dataFrame = get(base.procs, 2)!.mm!.pt[16].f;

  it('the uncorrupted machine is fine, and the data page really is shared copy-on-write', () => {
    expect(checkInvariants(base)).toEqual([]);
    expect(get(base.procs, 3)!.mm!.pt[16]).toEqual({ f: dataFrame, w: false, cow: true });
    expect(get(base.frames, dataFrame)!.refs).toBe(2);
    expect(get(base.files, 1)!.refs).toBe(6);
  });

  it.each<[string, (m: Machine) => void, string]>([
    [
      'a second RUNNING task with no CPU',
      (m) => (get(m.tasks, 3)!.state = 'RUNNING'),
      'RUNNING task 3 is on no CPU',
    ],
    ['one task on two CPUs', (m) => m.cpus.push({ ...m.cpus[0], id: 1 }), 'task 2 is on two CPUs'],
    [
      'a live process whose parent is gone',
      (m) => (get(m.procs, 3)!.ppid = 42),
      'live PID 3 has no live parent (ppid 42)',
    ],
    [
      'a live process whose parent is a zombie',
      (m) => {
        get(m.procs, 3)!.ppid = 2;
        get(m.procs, 2)!.state = 'ZOMBIE';
      },
      'live PID 3 has no live parent (ppid 2)',
    ],
    [
      'a zombie that kept its files',
      (m) => {
        get(m.procs, 3)!.state = 'ZOMBIE';
        get(m.procs, 3)!.mm = null;
      },
      'zombie PID 3 holds open files',
    ],
    [
      'a zombie that kept its memory',
      (m) => {
        get(m.procs, 3)!.state = 'ZOMBIE';
        get(m.procs, 3)!.fds = [];
      },
      'zombie PID 3 holds memory',
    ],
    [
      'an open-file refcount above its references',
      (m) => (get(m.files, 1)!.refs = 7),
      'open file 1 has refcount 7 but 6 references',
    ],
    [
      'a frame refcount below its mappings',
      (m) => (get(m.frames, dataFrame)!.refs = 1),
      `frame ${dataFrame} has refcount 1 but 2 mappings`,
    ],
    [
      'a shared copy-on-write frame made writable',
      (m) => (get(m.procs, 3)!.mm!.pt[16] = { f: dataFrame, w: true, cow: false }),
      `PID 3 page 16 is writable but its frame ${dataFrame} is shared`,
    ],
    [
      'one PID used by two process entries',
      (m) => set(m.procs, 7, { ...get(m.procs, 3)! }, new Set()),
      'process key 7 holds PID 3',
    ],
    [
      'a thread id that is also a live PID',
      (m) => {
        get(m.tasks, 3)!.pid = 2;
        get(m.procs, 2)!.tids.push(3);
      },
      'thread 3 of PID 2 has the same id as PID 3',
    ],
  ])('%s', (_, f, sentence) => {
    expect(corrupt(f)).toContain(sentence);
  });
});

describe('explain', () => {
  // Every event type, checked by the compiler: `satisfies` fails the type check when KEvent gains
  // a type missing here (or loses one listed here).
  const EVERY_TYPE = {
    spawn: true,
    fork: true,
    'fork-fail': true,
    exec: true,
    'exec-fail': true,
    exit: true,
    reap: true,
    'wait-none': true,
    reparent: true,
    subreaper: true,
    signal: true,
    state: true,
    switch: true,
    'io-done': true,
    cow: true,
    segfault: true,
    open: true,
    close: true,
    dup2: true,
    pipe: true,
    read: true,
    write: true,
    'syscall-fail': true,
    thread: true,
    join: true,
    mutex: true,
    mem: true,
    accept: true,
    connect: true,
    error: true,
  } as const satisfies Record<KEvent['type'], true>;

  // At least one sample per event type (EVERY_TYPE lists them).
  const samples: KEvent[] = [
    { type: 'spawn', t: 0, pid: 2, ppid: 1, program: 'ls' },
    { type: 'spawn', t: 0, pid: 1, ppid: 0, program: 'ls' },
    { type: 'fork', t: 0, parent: 7, child: 8 },
    { type: 'fork-fail', t: 0, pid: 7 },
    { type: 'exec', t: 0, pid: 3, program: 'wc' },
    { type: 'exec-fail', t: 0, pid: 3, program: 'nope' },
    { type: 'exit', t: 0, pid: 3, status: 2 << 8, signal: '', ppid: 2 },
    { type: 'exit', t: 0, pid: 3, status: 9, signal: 'SIGKILL', ppid: 0 },
    { type: 'reap', t: 0, pid: 2, child: 3, status: 2 << 8 },
    { type: 'wait-none', t: 0, pid: 2 },
    { type: 'reparent', t: 0, pid: 4, from: 3, to: 1 },
    { type: 'reparent', t: 0, pid: 4, from: 3, to: 0 },
    { type: 'subreaper', t: 0, pid: 2 },
    { type: 'signal', t: 0, pid: 2, signal: 'SIGTERM', action: 'terminate' },
    { type: 'signal', t: 0, pid: 2, signal: 'SIGCHLD', action: 'ignore' },
    { type: 'signal', t: 0, pid: 2, signal: 'SIGSTOP', action: 'stop' },
    { type: 'signal', t: 0, pid: 2, signal: 'SIGCONT', action: 'continue' },
    { type: 'signal', t: 0, pid: 2, signal: 'SIGKILL', action: 'pending' },
    ...STATES.map((to): KEvent => ({
      type: 'state',
      t: 0,
      tid: 4,
      pid: 2,
      from: 'RUNNING',
      to,
      reason: 'mutex',
      cpu: 0,
    })),
    { type: 'switch', t: 0, cpu: 1, from: 2, to: 3, fromPid: 2, toPid: 3, kind: 'process' },
    { type: 'switch', t: 0, cpu: 1, from: 2, to: 4, fromPid: 2, toPid: 2, kind: 'thread' },
    { type: 'io-done', t: 0, pid: 2, tid: 2 },
    { type: 'cow', t: 0, pid: 3, page: 16, region: 'data', copied: true },
    { type: 'cow', t: 0, pid: 3, page: 64, region: 'stack', copied: false },
    { type: 'segfault', t: 0, pid: 3, addr: 0 },
    { type: 'open', t: 0, pid: 2, fd: 3, path: 'out.txt' },
    { type: 'close', t: 0, pid: 2, fd: 3 },
    { type: 'dup2', t: 0, pid: 2, from: 3, to: 1 },
    { type: 'pipe', t: 0, pid: 2, rfd: 3, wfd: 4 },
    { type: 'read', t: 0, pid: 2, fd: 3, text: 'hi' },
    { type: 'read', t: 0, pid: 2, fd: 3, text: '' },
    { type: 'write', t: 0, pid: 2, fd: 1, text: 'hi', to: 'console' },
    { type: 'write', t: 0, pid: 2, fd: 4, text: 'hi', to: 'pipe' },
    { type: 'write', t: 0, pid: 2, fd: 3, text: 'hi', to: 'file' },
    { type: 'syscall-fail', t: 0, pid: 2, name: 'close', why: 'fd 9 is not open' },
    { type: 'thread', t: 0, pid: 2, tid: 2, created: 3 },
    { type: 'join', t: 0, pid: 2, tid: 2, target: 3 },
    { type: 'mutex', t: 0, pid: 2, tid: 3, addr: 129, what: 'acquire' },
    { type: 'mutex', t: 0, pid: 2, tid: 4, addr: 129, what: 'block' },
    { type: 'mutex', t: 0, pid: 2, tid: 3, addr: 129, what: 'release' },
    { type: 'mem', t: 0, pid: 2, tid: 3, op: 'load', addr: 128, value: 1 },
    { type: 'mem', t: 0, pid: 2, tid: 3, op: 'store', addr: 128, value: 2 },
    { type: 'accept', t: 0, pid: 2, conn: 1 },
    { type: 'connect', t: 0, conn: 1 },
    { type: 'error', t: 0, message: 'There is no CPU 9.' },
    { type: 'reap', t: 0, pid: 2, child: 3, status: 11 },
  ];

  it('the samples cover every event type', () => {
    expect(new Set(samples.map((e) => e.type))).toEqual(new Set(Object.keys(EVERY_TYPE)));
  });

  it.each(samples.map((e) => [`${e.type} ${JSON.stringify(e).slice(0, 70)}`, e] as const))(
    'explain gives one plain sentence for %s',
    (_, e) => {
      const s = explain(e);
      // one sentence: a capital first, a full stop last, no second sentence, nothing undefined
      expect(s).toMatch(/^[A-Z].*\.$/);
      expect(s).not.toMatch(/\.\s+[A-Z]/);
      expect(s).not.toMatch(/undefined|NaN|null|\[object|\s\s/);
    },
  );

  it('the sentences say what happened, in the words the book uses', () => {
    const byType = (i: number) => explain(samples[i]);
    expect(byType(2)).toBe('PID 7 forks; the child is PID 8.');
    expect(byType(6)).toBe(
      'PID 3 exits with status 2; it is a zombie until its parent PID 2 waits for it.',
    );
    expect(byType(7)).toBe(
      'PID 3 is killed by signal 9 (SIGKILL); no parent will wait for it, so it stays a zombie.',
    );
    // a wait status is decoded as wait(2) says: exit(2) is 2 << 8; a death by signal N is N
    expect(byType(8)).toBe(
      "PID 2's wait returns 3: child PID 3 exited with status 2 and its entry is freed.",
    );
    expect(explain(samples.at(-1)!)).toBe(
      "PID 2's wait returns 3: child PID 3 was killed by signal 11 (SIGSEGV) and its entry is freed.",
    );
    expect(explain(samples.find((e) => e.type === 'signal' && e.action === 'pending')!)).toBe(
      'PID 2 receives SIGKILL in an uninterruptible sleep: the signal stays pending until the wait ends.',
    );
    // a sentence that starts with a thread starts with a capital letter too
    expect(explain(samples.find((e) => e.type === 'mutex' && e.what === 'block')!)).toBe(
      'Thread 4 of PID 2 tries to lock the mutex, but it is held.',
    );
    expect(
      explain({
        type: 'state',
        t: 0,
        tid: 4,
        pid: 2,
        from: 'RUNNING',
        to: 'SLEEPING',
        reason: 'mutex',
        cpu: 0,
      }),
    ).toBe('Thread 4 of PID 2 blocks because another thread holds the mutex.');
  });

  it('an event type explain does not know still gets a sentence, not undefined', () => {
    expect(explain({ type: 'teleport', t: 0 } as unknown as KEvent)).toBe(
      'Something happened (teleport).',
    );
  });
});

describe('devices, CPUs and the timer interrupt', () => {
  it.each([
    ['disk', undefined, 5],
    ['net', undefined, 8],
    ['disk', 3, 3],
  ] as const)(
    'an I/O on the %s (ticks %s) blocks its task for exactly %i ticks',
    (dev, t, latency) => {
      // tick 1 issues the I/O and the task sleeps; the CPU idles `latency` ticks; the next tick
      // completes it (io_done) and the process, having nothing left, exits in that tick
      const { m } = play(
        boot([{ op: 'io', dev, ...(t === undefined ? {} : { ticks: t }), line: L }], {
          init: false,
          sched: { kind: 'fifo' },
        }),
      );
      expect(m.stats.idle).toBe(latency);
      expect(m.stats.busy).toBe(2);
      expect(m.clock).toBe(latency + 2);
    },
  );

  it('the CPU count is clamped to 1..8', () => {
    expect(createMachine({ ncpu: 0 }).cpus).toHaveLength(1);
    expect(createMachine({ ncpu: 20 }).cpus).toHaveLength(8);
    expect(createMachine({ ncpu: 5 }).cpus.map((c) => c.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    // eight 3-tick jobs: eight CPUs run them all at once; four CPUs take two rounds
    [8, [3, 3, 3, 3, 3, 3, 3, 3]],
    [4, [3, 3, 3, 3, 6, 6, 6, 6]],
    [1, [3, 6, 9, 12, 15, 18, 21, 24]],
  ])('with %i CPUs, eight 3-tick FIFO jobs finish at %j', (ncpu, ends) => {
    const { events } = play(load('sched-jobs', { jobs: Array(8).fill(3), ncpu }));
    const exits = new Map(events.flatMap((e) => (e.type === 'exit' ? [[e.pid, e.t]] : [])));
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((p) => exits.get(p))).toEqual(ends);
  });

  it('the RR timer interrupt ends a slice every quantum while another task is ready', () => {
    // A and B need 7 ticks each, quantum 3: A 1-3, B 4-6, A 7-9, B 10-12, A 13, B 14
    const { events } = play(load('sched-jobs', { jobs: [7, 7], policy: 'rr', quantum: 3 }));
    const slices = events.flatMap((e) =>
      e.type === 'state' && e.reason === 'quantum' ? [[e.pid, e.t]] : [],
    );
    expect(slices).toEqual([
      [1, 3],
      [2, 6],
      [1, 9],
      [2, 12],
    ]);
    const exits = events.flatMap((e) => (e.type === 'exit' ? [[e.pid, e.t]] : []));
    expect(exits).toEqual([
      [1, 13],
      [2, 14],
    ]);
  });
});

describe('signals on a blocked process', () => {
  it('SIGSTOP on a blocked process takes effect when it wakes; SIGCONT lets it run on', () => {
    // no init, FIFO; tick 1 issues a 5-tick disk read (it completes at tick 7)
    let m = boot(
      [
        { op: 'io', dev: 'disk', line: L },
        { op: 'print', text: 'done', line: L },
      ],
      { init: false, sched: { kind: 'fifo' } },
    );
    m = ticks(m, 1);
    let r = step(m, { type: 'kill', pid: 1, signal: 'SIGSTOP' });
    expect(r.events.map(explain)).toEqual(['PID 1 receives SIGSTOP and stops.']);
    expect(get(r.machine.tasks, 1)!.state).toBe('SLEEPING'); // the I/O is still in flight
    const run = play(r.machine);
    expect(run.events.map(explain)).toEqual(['The I/O of PID 1 completes.', 'PID 1 is stopped.']);
    expect(run.m.clock).toBe(7);
    expect(isFinished(run.m)).toBe(true); // nothing can run until someone sends SIGCONT
    r = step(run.m, { type: 'kill', pid: 1, signal: 'SIGCONT' });
    expect(r.events.map(explain)).toEqual([
      'PID 1 receives SIGCONT and continues.',
      'PID 1 continues and is ready to run.',
    ]);
    // tick 8 is the I/O's completion tick, tick 9 prints and returns from main
    const end = play(r.machine);
    expect(end.m.clock).toBe(9);
    expect(end.m.console).toEqual([{ t: 9, pid: 1, text: 'done' }]);
  });
});

describe('pipes', () => {
  it('a reader gets end of file only when every write end is closed, not just its own', () => {
    // after fork both processes hold the write end; the parent closes its copy and reads: it
    // must block until the child (sleeping with its copy open) exits, then read EOF
    const { m, events } = play(
      boot([
        { op: 'pipe', line: L },
        { op: 'fork', line: L },
        { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 5, line: L },
        { op: 'sleep', ticks: 6, line: L },
        { op: 'exit', status: 0, line: L },
        { op: 'close', fd: 4, line: L },
        { op: 'read', fd: 3, n: 8, line: L },
        { op: 'print', text: 'eof {r0}', line: L },
        { op: 'exit', status: 0, line: L },
      ]),
    );
    const lines = events.map(explain);
    const block = lines.indexOf('PID 2 blocks reading an empty pipe.');
    const childExit = lines.findIndex((l) => l.startsWith('PID 3 exits'));
    const eof = lines.indexOf('PID 2 reads from fd 3 and gets end of file.');
    expect(block).toBeGreaterThanOrEqual(0);
    expect(childExit).toBeGreaterThan(block);
    expect(eof).toBeGreaterThan(childExit);
    expect(m.console.map((c) => `${c.pid}:${c.text}`)).toEqual(['2:eof 0']);
  });
});

describe('exec prepares, then commits only on success', () => {
  const code: Instr[] = [
    { op: 'open', path: 'f', line: L },
    { op: 'exec', prog: 'missing', line: L },
    { op: 'print', text: 'r0={r0}', line: L },
  ];

  it('exec of an unknown program returns -1 and leaves the image, pid, parent and fds intact', () => {
    const before = ticks(boot(code), 1); // tick 1: open -> fd 3
    const r = step(before, { type: 'tick' }); // tick 2: exec fails
    const a = r.machine;
    expect(get(a.procs, 2)!.mm).toEqual(get(before.procs, 2)!.mm);
    expect(get(a.procs, 2)!.fds).toEqual(get(before.procs, 2)!.fds);
    expect(get(a.procs, 2)).toMatchObject({ pid: 2, ppid: 1, name: 't', state: 'ALIVE' });
    expect(get(a.tasks, 2)).toMatchObject({ prog: 't', pc: 2 });
    expect(get(a.tasks, 2)!.r[0]).toBe(-1);
    expect(keys(a.frames)).toEqual(keys(before.frames));
    expect(r.events.map(explain)).toEqual([
      'PID 2 tries to exec missing, which does not exist, so exec returns -1 and the old program goes on.',
    ]);
    expect(play(a).m.console.map((c) => c.text)).toEqual(['r0=-1']);
  });

  it('exec on success keeps pid, parent and fds but frees the old frames', () => {
    let m = createMachine({ sched: { kind: 'rr', quantum: 9 } }, 0, [
      LIBRARY.wc,
      makeProgram(
        't',
        ['x'],
        [
          { op: 'open', path: 'f', line: L },
          { op: 'exec', prog: 'wc', line: L },
        ],
      ),
    ]);
    m = ticks(step(m, { type: 'spawn', program: 't' }).machine, 1);
    const oldFrames = Object.values(get(m.procs, 2)!.mm!.pt).map((p) => p.f);
    const fds = get(m.procs, 2)!.fds;
    m = ticks(m, 1);
    expect(get(m.procs, 2)).toMatchObject({ pid: 2, ppid: 1, name: 'wc' });
    expect(get(m.procs, 2)!.fds).toEqual(fds);
    for (const f of oldFrames) expect(get(m.frames, f)).toBeUndefined();
    expect(checkInvariants(m)).toEqual([]);
  });
});

describe('threads', () => {
  it('each thread has its own registers and stack', () => {
    // main sets r1 = 5 and creates a thread with arg 9; the thread sees r0 = 9, r1 = 0
    const code: Instr[] = [
      { op: 'set', reg: 'r1', v: 5, line: L },
      { op: 'thread', to: 5, arg: 9, line: L },
      { op: 'join', tid: 'r0', line: L },
      { op: 'print', text: 'main r1={r1}', line: L },
      { op: 'exit', status: 0, line: L },
      { op: 'print', text: 'thread r0={r0} r1={r1}', line: L },
      { op: 'texit', line: L },
    ];
    const m = ticks(boot(code), 2);
    // main's stack is page 64 (sp 65 * 8 - 1 = 519); the thread's is the next page (527)
    expect(get(m.tasks, 2)!.sp).toBe(519);
    expect(get(m.tasks, 3)!.sp).toBe(527);
    const end = play(m).m;
    expect(end.console.map((c) => `${c.pid}:${c.text}`)).toEqual([
      '2:thread r0=9 r1=0',
      '2:main r1=5',
    ]);
  });

  /** Runs a thread program under the manual scheduler, dispatching by `choices` each tick. */
  function interleave(program: string, choices: number[]): { counter: number; blocked: number } {
    let m = step(
      createMachine({ init: false, sched: { kind: 'manual' } }, 0, Object.values(LIBRARY)),
      {
        type: 'spawn',
        program,
      },
    ).machine;
    let blocked = 0;
    for (let i = 0; i < 400 && get(m.procs, 1)!.state === 'ALIVE'; i++) {
      const c = choices[i % choices.length];
      // dispatch when the CPU is free, and sometimes preempt the running thread at random
      if (m.runq.length > 0 && (m.cpus[0].cur === -1 || c % 3 === 0))
        m = step(m, { type: 'dispatch', cpu: 0, tid: m.runq[c % m.runq.length] }).machine;
      const r = step(m, { type: 'tick' });
      m = r.machine;
      blocked += r.events.filter((e) => e.type === 'mutex' && e.what === 'block').length;
      expect(checkInvariants(m)).toEqual([]);
    }
    expect(get(m.procs, 1)!.state).toBe('ZOMBIE');
    const line = m.console[0].text;
    return { counter: Number(/counter = (\d+)/.exec(line)![1]), blocked };
  }

  const schedules = fc.sample(
    fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }),
    { numRuns: 150, seed: 3 },
  );

  it('the mutex version never loses an update, under any of 150 random interleavings', () => {
    let blocked = 0;
    for (const s of schedules) {
      const r = interleave('thread-mutex', s);
      expect(r.counter).toBe(6);
      blocked += r.blocked;
    }
    // and the mutex did make threads wait (lock blocks, unlock wakes)
    expect(blocked).toBeGreaterThan(0);
  });

  it('the racy version loses updates under some interleavings (never fewer than 2, never more than 6)', () => {
    const counters = schedules.map((s) => interleave('thread-race', s).counter);
    for (const c of counters) {
      expect(c).toBeGreaterThanOrEqual(2);
      expect(c).toBeLessThanOrEqual(6);
    }
    expect(counters.some((c) => c < 6)).toBe(true);
    expect(counters.some((c) => c === 6)).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'under RR with quantum %i on 1 and 2 CPUs the mutex version counts 6',
    (quantum) => {
      for (const ncpu of [1, 2]) {
        const { m } = play(load('thread-mutex', { quantum, ncpu }));
        expect(m.console.map((c) => c.text)).toEqual(['counter = 6 (expected 6)\n']);
      }
    },
  );
});

describe('cost model', () => {
  const doc = readFileSync(new URL('../../../public/data/calibration.md', DIR), 'utf8');
  /** The text of section `n` of calibration.md: from its "## n." heading to the next "## ". */
  const section = (n: string): string => {
    const start = doc.indexOf(`\n## ${n}. `);
    expect(start, `calibration.md has a section ${n}`).toBeGreaterThanOrEqual(0);
    const end = doc.indexOf('\n## ', start + 1);
    return doc.slice(start, end < 0 ? undefined : end);
  };

  // each default, the number a reader finds in the quoted measurement (written out here)
  it.each([
    ['switchProcessUs', 2.9, '2.9 µs'],
    ['switchThreadUs', 2.7, '2.7 µs'],
    ['syscallUs', 0.23, '0.23 µs'],
    ['forkUs', 70, '70 µs'],
    ['forkPerPageUs', 0.105, '105 ns/page'],
    ['threadUs', 33, '33 µs'],
    ['cowCopyUs', 3.7, '3.7 µs/page'],
    ['cowReuseUs', 1.62, '1.62 µs'],
  ] as const)('%s = %d is quoted from its section of calibration.md', (key, value, figure) => {
    expect(DEFAULT_COSTS[key]).toBe(value);
    const { section: n, quote } = COST_SOURCES[key];
    expect(quote).toContain(figure);
    expect(section(n)).toContain(quote);
  });

  it('execUs = 1019 - 189 µs, both quoted from calibration.md', () => {
    expect(section(COST_SOURCES.execUs.section)).toContain(COST_SOURCES.execUs.quote);
    expect(section('6')).toContain('fork+exit+wait, 1.5 MB process | **189 µs**');
    expect(DEFAULT_COSTS.execUs).toBe(Math.round((1019 - 189) / 10) * 10);
  });
});
