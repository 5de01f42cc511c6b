// Chapter 6's cost models: what a process, a thread and an event-loop task share and keep
// private; what each costs in memory, creation and switching, from the book's measurements
// (public/data/calibration.md, cited by section); a stray write in a shared and in a separate
// address space; and a futex-based mutex under contention (system calls and switches per
// acquisition). Pure and deterministic; no DOM. Tested in costs.test.ts.

/** The three ways to run one more strand of work. */
export const UNITS = ['process', 'thread', 'task'] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_LABELS: Record<Unit, string> = {
  process: 'fork(): a child process',
  thread: 'pthread_create(): a thread',
  task: 'a task in an event loop',
};

/** What a unit has of a resource. */
export type Sharing = 'shared' | 'copied' | 'own' | 'none';

/** A resource row of the shared-and-private picture. */
export type Resource = {
  name: string;
  /** How each unit has it, and one sentence on why. */
  of: Record<Unit, { how: Sharing; note: string }>;
};

export const RESOURCES: Resource[] = [
  {
    name: 'Code (text)',
    of: {
      process: { how: 'shared', note: 'read-only pages mapped by both processes' },
      thread: { how: 'shared', note: 'one address space' },
      task: { how: 'shared', note: 'one address space' },
    },
  },
  {
    name: 'Globals and heap',
    of: {
      process: { how: 'copied', note: 'copy-on-write: a write makes a private copy' },
      thread: { how: 'shared', note: 'every thread reads and writes the same bytes' },
      task: { how: 'shared', note: 'every task reads and writes the same bytes' },
    },
  },
  {
    name: 'File descriptors',
    of: {
      process: { how: 'copied', note: 'a copy of the table; entries point at the same open files' },
      thread: { how: 'shared', note: 'one table (CLONE_FILES)' },
      task: { how: 'shared', note: 'one table' },
    },
  },
  {
    name: 'Signal handlers',
    of: {
      process: { how: 'copied', note: 'a copy, changed independently afterwards' },
      thread: { how: 'shared', note: 'one table (CLONE_SIGHAND)' },
      task: { how: 'shared', note: 'one table' },
    },
  },
  {
    name: 'Stack',
    of: {
      process: { how: 'copied', note: 'the parent’s stack, copy-on-write' },
      thread: { how: 'own', note: 'a new mapping; reachable by siblings through any pointer' },
      task: { how: 'none', note: 'runs on the loop’s one stack; keeps its state on the heap' },
    },
  },
  {
    name: 'Registers and program counter',
    of: {
      process: { how: 'own', note: 'saved and restored by the kernel at each switch' },
      thread: { how: 'own', note: 'saved and restored by the kernel at each switch' },
      task: { how: 'none', note: 'the task returns to the loop; nothing is saved' },
    },
  },
  {
    name: 'Thread-local storage, errno',
    of: {
      process: { how: 'own', note: 'its own, as part of its own memory' },
      thread: { how: 'own', note: 'one block per thread' },
      task: { how: 'none', note: 'shares the loop thread’s' },
    },
  },
  {
    name: 'Kernel stack and task_struct',
    of: {
      process: { how: 'own', note: '16 KiB kernel stack on x86-64' },
      thread: { how: 'own', note: '16 KiB kernel stack on x86-64' },
      task: { how: 'none', note: 'the kernel sees one thread' },
    },
  },
];

/** A stack size: what is reserved (virtual) and what a small idle strand touches (resident). */
export type StackSize = {
  who: string;
  reservedKiB: number;
  touched: string;
  source: string;
};

export const STACKS: StackSize[] = [
  {
    who: 'glibc thread (default attributes)',
    reservedKiB: 8192,
    touched: 'about 8 KiB (measured RSS per idle thread)',
    source: 'pthread_create(3): RLIMIT_STACK, 8 MiB here (ulimit -s = 8192); calibration §10a',
  },
  {
    who: 'musl thread (default attributes)',
    reservedKiB: 128,
    touched: 'what the thread uses',
    source: 'musl: default thread stack size 128 KiB',
  },
  {
    who: 'Go goroutine (initial stack, grows on demand)',
    reservedKiB: 2,
    touched: 'up to 2 KiB until it grows',
    source: 'Go 1.4 release notes: starting stack 2 KiB',
  },
  {
    who: 'kernel stack, per thread or process (x86-64)',
    reservedKiB: 16,
    touched: '16 KiB, always resident',
    source: 'arch/x86/include/asm/page_64_types.h THREAD_SIZE; calibration §10a',
  },
];

/** A measured figure with where it comes from. */
export type Measured = { value: number; unit: string; source: string };

/** Per-unit prices. null: not measured for this book (the text says what it depends on). */
export type Price = {
  memoryKiB: Measured | null;
  virtualKiB: Measured | null;
  createUs: Measured | null;
  switchUs: Measured | null;
};

// Memory: second host, calibration §10a (threadmem.c). Creation: first host, §2 (forkbench.c,
// pinned). Switches: first host, §1 (pipe, same CPU). §7 warns against mixing the hosts' absolute
// microseconds, so each column comes from one host, and the view names the section.
export const PRICES: Record<Unit, Price> = {
  process: {
    memoryKiB: {
      value: 105,
      unit: 'KiB',
      source: 'calibration §10a: PSS 35 + page tables 52 + kernel stack 16 + slab 2',
    },
    virtualKiB: {
      value: 2492,
      unit: 'KiB',
      source: 'calibration §10a: a copy of the parent’s VmSize',
    },
    createUs: {
      value: 189,
      unit: 'µs',
      source: 'calibration §2: fork+exit+wait, 1.5 MB parent, pinned',
    },
    switchUs: {
      value: 2.86,
      unit: 'µs',
      source: 'calibration §1: process↔process, pipe, same CPU',
    },
  },
  thread: {
    memoryKiB: {
      value: 35,
      unit: 'KiB',
      source: 'calibration §10a: stack 8 + kernel stack 16 + page tables and slab ≈10',
    },
    virtualKiB: {
      value: 8196,
      unit: 'KiB',
      source: 'calibration §10a: VmSize per thread (8 MiB stack + guard)',
    },
    createUs: { value: 32.9, unit: 'µs', source: 'calibration §2: pthread_create+join, pinned' },
    switchUs: { value: 2.69, unit: 'µs', source: 'calibration §1: thread↔thread, pipe, same CPU' },
  },
  task: { memoryKiB: null, virtualKiB: null, createUs: null, switchUs: null },
};

/** Totals for `n` units of one kind. */
export type Totals = {
  unit: Unit;
  n: number;
  memoryMiB: number | null;
  virtualGiB: number | null;
  createMs: number | null;
  switchesPerMsAt: number | null;
};

/**
 * What `n` units of each kind cost: resident memory, virtual address space, time to create them
 * all one after another, and how many switches fit in a millisecond. Precondition: none. Failure:
 * throws an Error if n is not a whole number from 1 to 100,000.
 */
export function priceOf(unit: Unit, n: number): Totals {
  if (!Number.isInteger(n) || n < 1 || n > 100000)
    throw new Error('the number of units must be a whole number from 1 to 100,000');
  const p = PRICES[unit];
  return {
    unit,
    n,
    memoryMiB: p.memoryKiB ? (n * p.memoryKiB.value) / 1024 : null,
    virtualGiB: p.virtualKiB ? (n * p.virtualKiB.value) / (1024 * 1024) : null,
    createMs: p.createUs ? (n * p.createUs.value) / 1000 : null,
    switchesPerMsAt: p.switchUs ? 1000 / p.switchUs.value : null,
  };
}

/** Two strands of work, each with an account balance; B writes 9 words past its own buffer. */
export type StrayWrite = {
  unit: Unit;
  /** A's balance before and after B's stray write, as A reads it. */
  before: number;
  after: number;
  /** Where the write landed, in words. */
  said: string;
};

/**
 * Strand B writes through a pointer that runs off the end of its 8-word buffer, at the virtual
 * address where A keeps its balance. In one address space (threads, tasks) the write changes A's
 * balance; in two (processes) the same virtual address names B's own copy. Precondition: none.
 * Never fails.
 */
export function strayWrite(unit: Unit): StrayWrite {
  // One address space: [B's buffer: 8 words][A's balance] at consecutive addresses.
  const layout = { bufB: 0x1000, balanceA: 0x1000 + 8 * 8 };
  const target = layout.bufB + 8 * 8; // buf[8]: one past the end
  const shared = unit !== 'process';
  // Memory as each strand sees it: a map from address to value, one per address space.
  const spaceA = new Map<number, number>([[layout.balanceA, 100]]);
  const spaceB = shared ? spaceA : new Map<number, number>([[layout.balanceA, 100]]);
  const before = spaceA.get(layout.balanceA)!;
  spaceB.set(target, 0xdead);
  const after = spaceA.get(layout.balanceA)!;
  return {
    unit,
    before,
    after,
    said: shared
      ? `B's write to buf[8] (address 0x${target.toString(16)}) lands on A's balance: A now reads ${after}, and nothing warned either of them.`
      : `B's write to buf[8] (address 0x${target.toString(16)}) changes B's own copy of that page; A's balance is still ${after}.`,
  };
}

/** Measured costs a contended mutex is priced with (second host, calibration §7 and §10c). */
export const MUTEX_COSTS = {
  /** pthread_mutex_lock + unlock, uncontended: two atomic instructions, no system call. */
  fastPathNs: { value: 14.1, unit: 'ns', source: 'calibration §10c' },
  /** One system call (getppid) on the same host. */
  syscallUs: { value: 1.1, unit: 'µs', source: 'calibration §7' },
  /** One thread switch through a futex, same CPU, same host. */
  switchUs: { value: 0.78, unit: 'µs', source: 'calibration §7' },
  /** A wake-up of a thread on the other vCPU, one way, same host. */
  wakeUs: { value: 11.7, unit: 'µs', source: 'calibration §9a' },
} as const;

/** What a futex mutex did under a given contention, per acquisition. */
export type MutexRun = {
  holdPct: number;
  acquisitions: number;
  fastPath: number;
  futexWaits: number;
  futexWakes: number;
  switches: number;
  /** Per acquisition, averaged. */
  perAcq: { syscalls: number; switches: number; costUs: number };
};

/**
 * Two threads on two CPUs, each looping: work outside the lock, then lock, hold it, unlock. The
 * mutex is the futex mutex glibc's default mutex is built on (Drepper, "Futexes Are Tricky"): the
 * lock word is 0 (free), 1 (held) or 2 (held, maybe with sleepers). lock: compare-and-swap 0→1
 * (the fast path, no system call); else exchange 2 in, and if it was not free, futex_wait (sleep:
 * one system call, switched out) and try again when woken. unlock: exchange 0 in; if it was 2,
 * futex_wake one sleeper (one system call). A woken thread needs `MUTEX_COSTS.wakeUs` to run again.
 * `holdPct` is the share of each thread's loop spent holding the lock; the hold time is 1 µs and
 * both times vary ±50 % (a seeded generator). Precondition: none. Failure: throws an Error if
 * holdPct is not a whole number from 1 to 95 or acquisitions is not from 10 to 100,000.
 */
export function mutexContention(holdPct: number, acquisitions = 4000, seed = 6): MutexRun {
  if (!Number.isInteger(holdPct) || holdPct < 1 || holdPct > 95)
    throw new Error('the share of time holding the lock must be a whole percentage from 1 to 95');
  if (!Number.isInteger(acquisitions) || acquisitions < 10 || acquisitions > 100000)
    throw new Error('acquisitions must be a whole number from 10 to 100,000');
  let r = seed >>> 0; // mulberry32
  const rand = (): number => {
    r = (r + 0x6d2b79f5) >>> 0;
    let t = r;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hold = 1; // µs
  const out = (hold * (100 - holdPct)) / holdPct;
  const jitter = (mean: number): number => mean * (0.5 + rand());
  const { syscallUs, switchUs, wakeUs } = MUTEX_COSTS;
  type T = { at: number; state: 'out' | 'try' | 'retry' | 'hold' | 'sleep' };
  const th: T[] = [
    { at: jitter(out), state: 'out' },
    { at: jitter(out), state: 'out' },
  ];
  let word = 0;
  const sleepers: number[] = [];
  let got = 0;
  const run: MutexRun = {
    holdPct,
    acquisitions,
    fastPath: 0,
    futexWaits: 0,
    futexWakes: 0,
    switches: 0,
    perAcq: { syscalls: 0, switches: 0, costUs: 0 },
  };
  const take = (i: number, t: number): void => {
    th[i] = { at: t + jitter(hold), state: 'hold' };
    got++;
  };
  while (got < acquisitions) {
    // The next thread to act: the earliest that is not asleep.
    let i = -1;
    for (let k = 0; k < 2; k++)
      if (th[k].state !== 'sleep' && (i < 0 || th[k].at < th[i].at)) i = k;
    if (i < 0) throw new Error('both threads asleep: the mutex model is broken');
    const t = th[i].at;
    const s = th[i].state;
    if (s === 'out') th[i] = { at: t, state: 'try' };
    else if (s === 'try' && word === 0) {
      // Fast path: compare-and-swap 0 → 1 succeeds; no system call.
      word = 1;
      run.fastPath++;
      take(i, t);
    } else if (s === 'try' || s === 'retry') {
      // Slow path (and every retry after a wake-up): exchange 2 in.
      const old = word;
      word = 2;
      if (old === 0) take(i, t);
      else {
        run.futexWaits++;
        run.switches++; // switched out
        sleepers.push(i);
        th[i] = { at: t + syscallUs.value, state: 'sleep' };
      }
    } else if (s === 'hold') {
      const old = word;
      word = 0;
      let after = t;
      if (old === 2) {
        run.futexWakes++;
        after += syscallUs.value;
        const w = sleepers.shift();
        if (w !== undefined) {
          run.switches++; // switched back in
          th[w] = { at: after + wakeUs.value, state: 'retry' };
        }
      }
      th[i] = { at: after + jitter(out), state: 'out' };
    }
  }
  const syscalls = run.futexWaits + run.futexWakes;
  const n = acquisitions;
  run.perAcq = {
    syscalls: syscalls / n,
    switches: run.switches / n,
    costUs:
      MUTEX_COSTS.fastPathNs.value / 1000 +
      (syscalls * syscallUs.value + run.switches * switchUs.value) / n,
  };
  return run;
}
