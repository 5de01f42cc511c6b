// Types of the OS model. Everything in a Machine is plain, JSON-safe data: no Map, Set, class
// instance, function or undefined. Names follow xv6 (kernel/proc.h) where xv6 has a name.
import type { Table } from './table.ts';

import type { TASK_STATES, PROC_STATES, SIGNALS } from './state.ts';
import type { SchedKind } from './policy/registry.ts';
export type { SchedKind };

/** Task (thread) states, as in xv6's `enum procstate` plus STOPPED (SIGSTOP): see state.ts. */
export type TaskState = (typeof TASK_STATES)[number];

/** A process is EMBRYO while fork builds it, ALIVE once published, ZOMBIE after exit until reaped. */
export type ProcState = (typeof PROC_STATES)[number];

/** The signals the model knows, with their Linux numbers in state.ts (SIGNALS). */
export type Signal = keyof typeof SIGNALS;
export type Reg = 'r0' | 'r1' | 'r2' | 'r3';
/** An operand is an immediate number or a register name. */
export type Operand = number | Reg;
export type Cmp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export type Device = 'disk' | 'net';
/**
 * How a task sleeps while it waits for a device (Linux's task states): 'interruptible'
 * (TASK_INTERRUPTIBLE, ps S: any signal ends the wait), 'killable' (TASK_KILLABLE, ps D: only a
 * fatal signal ends it, at once) or 'uninterruptible' (TASK_UNINTERRUPTIBLE, ps D: a fatal signal
 * stays pending until the wait ends). An `io` without one: killable for the disk (a buffered file
 * read waiting for its page), interruptible for the network (a socket read).
 */
export type SleepKind = 'interruptible' | 'killable' | 'uninterruptible';

/**
 * One instruction. `line` is the 1-based line of the program's C listing it comes from.
 * Syscalls put their result in r0 (wait also puts the child's wait status in r1, encoded as
 * Linux encodes it: see wstatus.ts; pipe puts the write end in r1). Blocking syscalls leave pc
 * unchanged while asleep and run again on wakeup.
 */
export type Instr =
  | { op: 'compute'; n: number; line: number }
  | { op: 'io'; dev: Device; ticks?: number; sleep?: SleepKind; line: number }
  | { op: 'sleep'; ticks: number; line: number }
  | { op: 'fork'; line: number }
  | { op: 'exec'; prog: string; line: number }
  | { op: 'exit'; status: Operand; line: number }
  | { op: 'wait'; nohang?: boolean; line: number }
  | { op: 'kill'; pid: Operand; sig: Signal; line: number }
  | { op: 'getpid'; line: number }
  | { op: 'subreaper'; line: number }
  | { op: 'yield'; line: number }
  | { op: 'open'; path: string; cloexec?: boolean; line: number }
  | { op: 'close'; fd: Operand; line: number }
  | { op: 'dup2'; from: Operand; to: Operand; line: number }
  | { op: 'read'; fd: Operand; n: number; line: number }
  | { op: 'write'; fd: Operand; text: string; line: number }
  | { op: 'print'; text: string; line: number }
  | { op: 'pipe'; line: number }
  | { op: 'accept'; line: number }
  | { op: 'thread'; to: number; arg?: Operand; line: number }
  | { op: 'join'; tid: Operand; line: number }
  | { op: 'texit'; line: number }
  | { op: 'lock'; addr: number; line: number }
  | { op: 'unlock'; addr: number; line: number }
  | { op: 'load'; reg: Reg; addr: number; line: number }
  | { op: 'store'; reg: Reg; addr: number; line: number }
  | { op: 'add'; reg: Reg; v: Operand; line: number }
  | { op: 'and'; reg: Reg; v: Operand; line: number }
  | { op: 'shr'; reg: Reg; v: Operand; line: number }
  | { op: 'readdir'; n: Operand; line: number }
  | { op: 'count'; reg: Reg; ch: string; line: number }
  | { op: 'set'; reg: Reg; v: Operand; line: number }
  | { op: 'br'; reg: Reg; cmp: Cmp; v: number; to: number; line: number }
  | { op: 'jmp'; to: number; line: number }
  | { op: 'loop'; reg: Reg; to: number; line: number };

export type RegionKind = 'text' | 'data' | 'heap' | 'stack' | 'shared';

/** Pages per region of a fresh image (exec or spawn). */
export type Image = { text: number; data: number; heap: number; stack: number; shared: number };

export type Program = {
  name: string;
  /** The C listing; `Instr.line` indexes it from 1. */
  source: string[];
  code: Instr[];
  image: Image;
};

export type Region = { kind: RegionKind; start: number; pages: number; tid: number };
/** Page-table entry: frame number, writable bit, copy-on-write bit. */
export type Pte = { f: number; w: boolean; cow: boolean };
export type Mm = { regions: Region[]; pt: Record<number, Pte> };
/** A physical frame. `d` is null until the first write (all words read as 0). */
export type Frame = {
  refs: number;
  kind: RegionKind;
  d: number[] | null;
  /**
   * With config.pageCache: the program file and page this text frame caches ("prog:0"), so every
   * process running that program maps this one frame, as Linux maps a file's page-cache pages.
   * Absent otherwise.
   */
  file?: string;
};

export type Fd = { f: number; cloexec: boolean };
export type OpenFile = {
  id: number;
  kind: 'console' | 'file' | 'pipe-r' | 'pipe-w';
  path: string;
  off: number;
  refs: number;
  pipe: number;
};
export type Pipe = { id: number; buf: string; cap: number; rf: number; wf: number };

/** A process: what owns resources (xv6's struct proc, less the per-thread parts in Task). */
export type Proc = {
  /** Process id; also the tid of its main task. */
  pid: number;
  /** Parent's pid (0 for a process with no parent; init's is 0). */
  ppid: number;
  /** Program name, as `ps` shows it (set by spawn, fork and exec). */
  name: string;
  /** EMBRYO while being built, ALIVE once published, ZOMBIE until reaped: only setProcState. */
  state: ProcState;
  /** Its tasks (threads), the main task first. */
  tids: number[];
  /** File-descriptor table: open-file ids by fd number, null for a closed fd. */
  fds: (Fd | null)[];
  /** Address space (regions and page table); null once freed at exit. */
  mm: Mm | null;
  /** Wait status once a zombie (wstatus.ts): (n & 0xff) << 8 after exit(n), N after signal N. */
  status: number;
  /** The signal that killed it, once a zombie. */
  signal: Signal | '';
  /**
   * A fatal signal sent while one of its tasks slept uninterruptibly: it ends the process when that
   * wait ends. '' when none is pending.
   */
  pending: Signal | '';
  /** Orphaned descendants are reparented here (prctl PR_SET_CHILD_SUBREAPER). */
  subreaper: boolean;
  /** Stopped by SIGSTOP until SIGCONT: its tasks cannot run. */
  stopped: boolean;
  /** Static priority for the 'priority' policy: lower runs first. */
  prio: number;
  /** Clock tick at which it was created. */
  start: number;
  /** CPU ticks its tasks have used, all together (ps TIME). */
  cpuTicks: number;
};

/** A task (thread): what the scheduler runs, as Linux's task_struct for one thread. */
export type Task = {
  /** Thread id; the main task's tid is its process's pid. */
  tid: number;
  /** The process it belongs to. */
  pid: number;
  /** Scheduling state: changed only through setState (state.ts). */
  state: TaskState;
  /** Name of the program whose code it runs. */
  prog: string;
  /** Program counter: index of the next instruction of `prog`. */
  pc: number;
  /** Stack pointer: the top word of its own stack page. */
  sp: number;
  /** Registers r0–r3. */
  r: number[];
  /** Saved context [pc, sp, r0..r3], written when the task is switched out. */
  ctx: number[];
  /** Ticks left in the current compute instruction (0: not started). */
  left: number;
  /** I/O progress: 0 none, 1 issued and waiting, 2 completed (io_done tick next). */
  io: number;
  /** What it sleeps on (xv6's p->chan), e.g. 'io', 'wait:7', 'pr:2'; '' when not asleep. */
  wchan: string;
  /** Index of the CPU it is RUNNING on, or -1. */
  cpu: number;
  /** Ticks run since it was last dispatched (the round-robin slice so far). */
  slice: number;
  /** Instructions it has run in all (SJF/STCF's progress against `est`). */
  runTicks: number;
  /** Estimated length in ticks of its program from where it started (known to SJF/STCF). */
  est: number;
  /** The text its last read() returned (the `{buf}` of a print template). */
  buf: string;
  /**
   * Per-task numbers owned by the scheduling policy (Linux's sched_entity), e.g. MLFQ's level and
   * allotment. Only the policy in config.sched.kind reads or writes them.
   */
  se: Record<string, number>;
};

/** One CPU. */
export type Cpu = {
  /** Its index in Machine.cpus. */
  id: number;
  /** tid RUNNING here, or -1. */
  cur: number;
  /** tid last dispatched here (OSTEP's `cur`; also decides whether a switch costs). */
  last: number;
  /** tid whose blocking I/O holds this CPU idle (OSTEP SWITCH_ON_END), or -1. */
  hold: number;
  /** Ticks left of a context switch in progress. */
  switching: number;
  /** The tid that ran an instruction here in the last tick, or -1 (idle or switching). */
  ranTid: number;
  /** The operation of that last tick: an instruction's op, 'switch', 'exit', or '' when idle. */
  ranOp: string;
};

export type Timer = { at: number; tid: number };

export type SchedConfig = {
  kind: SchedKind;
  /** Time slice in ticks for rr (and priority: round robin among equals). */
  quantum: number;
  /** OSTEP process-run: switch when the task issues I/O, or only when it ends. */
  switchOn: 'io' | 'end';
  /** OSTEP process-run: on I/O completion run the waker later or immediately. */
  ioDone: 'later' | 'immediate';
  /**
   * Options of one policy only, read and checked by that policy's file (kernel/policy/), so a new
   * policy needs no new field here. Plain JSON: numbers, booleans and lists of numbers.
   */
  params: Record<string, number | boolean | number[]>;
};

export type MachineConfig = {
  ncpu: number;
  sched: SchedConfig;
  /** Ticks a CPU spends on each context switch (0: free). */
  switchTicks: number;
  /** Device latency in ticks (an I/O blocks its task for this many whole ticks). */
  latency: { disk: number; net: number };
  /** Random extra latency 0..jitter ticks per I/O, drawn from the machine's RNG. */
  jitter: number;
  /** Start init as PID 1 (it reaps orphans). Without it, top-level processes have ppid 0. */
  init: boolean;
  /** Orphans go to the nearest subreaper ancestor, or always to init. */
  reparent: 'subreaper' | 'init';
  pipeCap: number;
  maxProcs: number;
  /**
   * Optional (absent: PIDs only grow). Like /proc/sys/kernel/pid_max (proc(5)): one more than the
   * largest PID; the counter wraps when it reaches it (kernel/pid.c alloc_pid).
   */
  pidMax?: number;
  /**
   * Optional, with pidMax: after the first wrap PIDs restart here, not at 1 (Linux's RESERVED_PIDS,
   * 300), skipping every PID still held by a process, a zombie or a thread. Default 1.
   */
  pidReserved?: number;
  /**
   * Optional (absent: false). Text pages come from a page cache: every process that runs the same
   * program maps the same frames for its text, as Linux maps a file's pages (one copy in memory).
   */
  pageCache?: boolean;
};

export type Stats = {
  instrs: number;
  busy: number;
  idle: number;
  switches: number;
  threadSwitches: number;
  syscalls: number;
  forks: number;
  execs: number;
  threads: number;
  cowCopies: number;
  cowReuses: number;
};

export type ConsoleLine = { t: number; pid: number; text: string };

/**
 * The whole machine: plain JSON data. The tables are persistent (table.ts): read them with
 * get/values; the kernel writes through own.ts, so a step shares every record it does not change.
 */
export type Machine = {
  /** Format version of this data. */
  version: 1;
  /** Fixed settings: CPUs, policy, latencies (never changed by a step). */
  config: MachineConfig;
  /** Ticks since boot. */
  clock: number;
  /** State of the seeded random-number generator (rng.ts). */
  rng: number;
  /** The pid (and tid) the next process or thread gets. */
  nextPid: number;
  /** The number the next physical frame gets. */
  nextFrame: number;
  /** The id the next open file gets. */
  nextFile: number;
  /** Processes by pid. */
  procs: Table<Proc>;
  /** Tasks (threads) by tid. */
  tasks: Table<Task>;
  /** The CPUs, by index. */
  cpus: Cpu[];
  /** The ready queue: tids of RUNNABLE tasks, in the order the policy keeps. */
  runq: number[];
  /** Pending wake-ups (I/O completions, sleeps), sorted by tick. */
  timers: Timer[];
  /** Physical frames by number. */
  frames: Table<Frame>;
  /** Open files (the system-wide open-file table) by id. */
  files: Table<OpenFile>;
  /** Pipes by id. */
  pipes: Table<Pipe>;
  /** The file system: file contents by path. */
  fs: Record<string, string>;
  /** Everything printed to the console, in order. */
  console: ConsoleLine[];
  /** Client connections waiting to be accepted, and how many ever connected. */
  net: { backlog: number[]; conns: number };
  /** The programs this machine can run, by name, besides init (never mutated; shared). */
  programs: Record<string, Program>;
  /** Counters of work done (instructions, switches, syscalls, forks, faults). */
  stats: Stats;
};

export type Action =
  | { type: 'tick' }
  | { type: 'run'; ticks: number }
  | { type: 'dispatch'; cpu: number; tid: number }
  | { type: 'kill'; pid: number; signal: Signal }
  | { type: 'spawn'; program: string; parent?: number; args?: number[]; prio?: number }
  | { type: 'connect' };

export type StateReason =
  | 'spawn'
  | 'fork'
  | 'thread'
  | 'dispatch'
  | 'preempt'
  | 'quantum'
  | 'yield'
  | 'wakeup'
  | 'io'
  | 'sleep'
  | 'wait'
  | 'pipe-read'
  | 'pipe-write'
  | 'join'
  | 'mutex'
  | 'accept'
  | 'exit'
  | 'reap'
  | 'stop'
  | 'cont';

export type KEvent =
  | { type: 'spawn'; t: number; pid: number; ppid: number; program: string }
  | { type: 'fork'; t: number; parent: number; child: number }
  | { type: 'fork-fail'; t: number; pid: number }
  | { type: 'exec'; t: number; pid: number; program: string }
  | { type: 'exec-fail'; t: number; pid: number; program: string }
  | { type: 'exit'; t: number; pid: number; status: number; signal: Signal | ''; ppid: number }
  | { type: 'reap'; t: number; pid: number; child: number; status: number }
  | { type: 'wait-none'; t: number; pid: number }
  | { type: 'reparent'; t: number; pid: number; from: number; to: number }
  | { type: 'subreaper'; t: number; pid: number }
  | {
      type: 'signal';
      t: number;
      pid: number;
      signal: Signal;
      action: 'terminate' | 'ignore' | 'stop' | 'continue' | 'pending';
    }
  | {
      type: 'state';
      t: number;
      tid: number;
      pid: number;
      from: TaskState;
      to: TaskState;
      reason: StateReason;
      cpu: number;
    }
  | {
      type: 'switch';
      t: number;
      cpu: number;
      from: number;
      to: number;
      fromPid: number;
      toPid: number;
      kind: 'process' | 'thread';
    }
  | { type: 'io-done'; t: number; pid: number; tid: number }
  | {
      type: 'cow';
      t: number;
      pid: number;
      page: number;
      /** The region the page belongs to. */
      region: RegionKind;
      copied: boolean;
    }
  | { type: 'segfault'; t: number; pid: number; addr: number }
  | { type: 'open'; t: number; pid: number; fd: number; path: string }
  | { type: 'close'; t: number; pid: number; fd: number }
  | { type: 'dup2'; t: number; pid: number; from: number; to: number }
  | { type: 'pipe'; t: number; pid: number; rfd: number; wfd: number }
  | { type: 'read'; t: number; pid: number; fd: number; text: string }
  | {
      type: 'write';
      t: number;
      pid: number;
      fd: number;
      text: string;
      to: 'console' | 'file' | 'pipe';
    }
  | { type: 'syscall-fail'; t: number; pid: number; name: string; why: string }
  | { type: 'thread'; t: number; pid: number; tid: number; created: number }
  | { type: 'join'; t: number; pid: number; tid: number; target: number }
  | {
      type: 'mutex';
      t: number;
      pid: number;
      tid: number;
      addr: number;
      what: 'acquire' | 'block' | 'release';
    }
  | {
      type: 'mem';
      t: number;
      pid: number;
      tid: number;
      op: 'load' | 'store';
      addr: number;
      value: number;
    }
  | { type: 'accept'; t: number; pid: number; conn: number }
  | { type: 'connect'; t: number; conn: number }
  | { type: 'error'; t: number; message: string };

export type StepResult = { machine: Machine; events: KEvent[] };
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
