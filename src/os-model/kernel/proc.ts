// Processes and their lifecycle, after xv6 kernel/proc.c: allocProc, fork, exec, exit, wait,
// kill, reparent, sleep, wakeup, and the one guarded setState every transition goes through.
import type {
  Cpu,
  KEvent,
  Machine,
  Proc,
  Signal,
  SleepKind,
  StateReason,
  Task,
  TaskState,
} from './types.ts';
import { setProcState, setState } from './state.ts';
import { deschedule, dequeue, enqueue, sched, scheduler, wakeDispatch } from './sched.ts';
import { policyOf } from './policy/registry.ts';
import { vmAddStack, vmFork, vmFree, vmNew, vmRemoveStack } from './vm.ts';
import { closeAll, closeOnExec, fdsDup } from './file.ts';
import { estimate, programOf } from './program.ts';
import { signalStatus } from './wstatus.ts';
import { get, keys, size, values } from './table.ts';
import { erase, insert, own, writable } from './own.ts';

/**
 * The state a process table shows for `pid`: ZOMBIE for a zombie, otherwise the most active
 * state among its tasks (RUNNING, RUNNABLE, SLEEPING, STOPPED, EMBRYO). Failure: UNUSED when
 * there is no such process. Precondition: none.
 */
export function procState(m: Machine, pid: number): TaskState {
  const p = get(m.procs, pid);
  if (!p) return 'UNUSED';
  if (p.state === 'ZOMBIE') return 'ZOMBIE';
  const order: TaskState[] = ['RUNNING', 'RUNNABLE', 'SLEEPING', 'STOPPED', 'EMBRYO', 'ZOMBIE'];
  let best = order.length - 1;
  for (const tid of p.tids) {
    const t = get(m.tasks, tid);
    if (t) best = Math.min(best, order.indexOf(t.state));
  }
  return order[best];
}

/**
 * A free PID (or thread id) for a new process or thread. Without config.pidMax, the next number
 * (PIDs only grow). With it, as Linux's alloc_pid() (kernel/pid.c, idr_alloc_cyclic): the first
 * number from the counter on that no process, zombie or thread holds; at pidMax the counter wraps
 * to config.pidReserved (Linux's RESERVED_PIDS, 300), or to 1 before the counter has passed it.
 * Precondition: none. Failure: -1 when every number below pidMax is held.
 */
export function allocPid(m: Machine): number {
  const max = m.config.pidMax;
  if (max === undefined || max <= 0) return m.nextPid++;
  const reserved = m.config.pidReserved ?? 1;
  const low = m.nextPid > reserved ? reserved : 1;
  let c = m.nextPid;
  for (let tries = 0; tries < max; tries++, c++) {
    if (c >= max) c = low;
    if (c >= 1 && get(m.procs, c) === undefined && get(m.tasks, c) === undefined) {
      m.nextPid = c + 1;
      return c;
    }
  }
  return -1;
}

/**
 * xv6 allocproc(): takes a free PID and builds an EMBRYO process with no tasks, memory or
 * files yet. Precondition: none. Failure: returns null when the process table is full.
 */
export function allocProc(m: Machine, name: string, ppid: number): Proc | null {
  if (size(m.procs) >= m.config.maxProcs) return null;
  const pid = allocPid(m);
  if (pid < 0) return null;
  const p: Proc = {
    pid,
    ppid,
    name,
    state: 'EMBRYO',
    tids: [],
    fds: [],
    mm: null,
    status: 0,
    signal: '',
    pending: '',
    subreaper: false,
    stopped: false,
    prio: 0,
    start: m.clock,
    cpuTicks: 0,
  };
  insert(m, 'procs', pid, p);
  return p;
}

/**
 * Builds an EMBRYO task of process `p` with id `tid`, running `prog` from `pc`. Never fails.
 * Precondition: `tid` is unused, `p` is writable (own.ts) and EMBRYO or ALIVE.
 */
export function allocTask(m: Machine, p: Proc, tid: number, prog: string, pc: number): Task {
  const program = programOf(m, prog);
  const t: Task = {
    tid,
    pid: p.pid,
    state: 'EMBRYO',
    prog,
    pc,
    sp: 0,
    r: [0, 0, 0, 0],
    ctx: [],
    left: 0,
    io: 0,
    wchan: '',
    cpu: -1,
    slice: 0,
    runTicks: 0,
    est: program ? estimate(program, pc) : 0,
    buf: '',
    se: {},
  };
  insert(m, 'tasks', tid, t);
  own(m, p, 'tids').push(tid);
  return t;
}

/** Makes an EMBRYO or waking task RUNNABLE (or STOPPED if its process is stopped). */
function makeRunnable(m: Machine, ev: KEvent[], t: Task, reason: StateReason): void {
  if (get(m.procs, t.pid)!.stopped) {
    setState(m, ev, t, 'STOPPED', reason);
    return;
  }
  setState(m, ev, t, 'RUNNABLE', reason);
  enqueue(m, t, reason);
}

/**
 * Starts a new process running `program` as a child of `ppid` (0: none), with fds 0-2 on the
 * console and `args` in r0..r3. Precondition: the program
 * exists. Failure: returns -1 when the process table is full.
 */
export function spawn(
  m: Machine,
  ev: KEvent[],
  program: string,
  ppid: number,
  args: number[] = [],
  prio = 0,
): number {
  const p = allocProc(m, program, ppid);
  if (!p) return -1;
  const prog = programOf(m, program);
  if (!prog) throw new Error(`no program ${program}`);
  p.prio = prio;
  p.mm = vmNew(m, prog.image, p.pid, program);
  p.fds = consoleFds(m);
  const t = allocTask(m, p, p.pid, program, 0);
  t.sp = stackTop(p);
  args.slice(0, 4).forEach((a, i) => (t.r[i] = a));
  setProcState(p, 'ALIVE');
  ev.push({ type: 'spawn', t: m.clock, pid: p.pid, ppid, program });
  makeRunnable(m, ev, t, 'spawn');
  return p.pid;
}

function consoleFds(m: Machine): Proc['fds'] {
  const id = m.nextFile++;
  insert(m, 'files', id, { id, kind: 'console', path: '/dev/console', off: 0, refs: 3, pipe: -1 });
  return [0, 1, 2].map(() => ({ f: id, cloexec: false }));
}

function stackTop(p: Proc): number {
  const r = p.mm?.regions.find((x) => x.kind === 'stack' && x.tid === p.pid);
  return r ? (r.start + r.pages) * 8 - 1 : 0;
}

/**
 * xv6 fork(): copies the calling task's process: address space copy-on-write, fd table (same
 * open files, so offsets are shared), registers; the child's r0 is 0. Publishes the child
 * RUNNABLE last. Precondition: `task` is RUNNING and its pc already points past the fork.
 * Failure: returns -1 (process table full); otherwise the child's pid.
 */
export function fork(m: Machine, ev: KEvent[], task: Task): number {
  const parent = writable(m, 'procs', task.pid);
  const child = allocProc(m, parent.name, parent.pid);
  if (!child) {
    ev.push({ type: 'fork-fail', t: m.clock, pid: parent.pid });
    return -1;
  }
  child.prio = parent.prio;
  child.subreaper = false;
  child.mm = parent.mm ? vmFork(m, own(m, parent, 'mm')!, task.tid, child.pid) : null;
  child.fds = fdsDup(m, parent.fds);
  const ct = allocTask(m, child, child.pid, task.prog, task.pc);
  ct.r = task.r.slice();
  ct.r[0] = 0;
  ct.sp = task.sp;
  ct.buf = task.buf;
  setProcState(child, 'ALIVE');
  own(m, m, 'stats').forks++;
  ev.push({ type: 'fork', t: m.clock, parent: parent.pid, child: child.pid });
  makeRunnable(m, ev, ct, 'fork');
  return child.pid;
}

/**
 * xv6 exec(): prepares the new image first and commits only when it exists. On commit, other
 * threads are ended, the address space replaced, close-on-exec fds closed; pid, parent and other
 * fds stay. Precondition: `task` is RUNNING. Failure: returns false (no such program) and the
 * process is unchanged.
 */
export function exec(m: Machine, ev: KEvent[], task: Task, program: string): boolean {
  const p = writable(m, 'procs', task.pid);
  const prog = programOf(m, program);
  if (!prog) {
    ev.push({ type: 'exec-fail', t: m.clock, pid: p.pid, program });
    return false;
  }
  // commit point: nothing above changed the process
  for (const tid of p.tids.slice())
    if (tid !== task.tid) endTask(m, ev, writable(m, 'tasks', tid), 'exit');
  if (task.tid !== p.pid) {
    // like Linux de_thread(): the exec'ing thread takes over the process's main task id
    erase(m, 'tasks', task.tid);
    task.tid = p.pid;
    insert(m, 'tasks', p.pid, task);
    const cpu = own(m, own(m, m, 'cpus'), task.cpu);
    cpu.cur = p.pid;
    cpu.last = p.pid;
  }
  p.tids = [p.pid];
  if (p.mm) vmFree(m, own(m, p, 'mm')!);
  p.mm = vmNew(m, prog.image, p.pid, program);
  closeOnExec(m, ev, p);
  p.name = program;
  task.prog = program;
  task.pc = 0;
  task.r = [0, 0, 0, 0];
  task.left = 0;
  task.io = 0;
  task.sp = stackTop({ ...p, pid: task.tid });
  task.est = estimate(prog);
  task.runTicks = 0;
  own(m, m, 'stats').execs++;
  ev.push({ type: 'exec', t: m.clock, pid: p.pid, program });
  return true;
}

/** Removes a task from every queue and CPU and frees it (non-main threads on exit/exec). */
function endTask(m: Machine, ev: KEvent[], t: Task, reason: StateReason): Cpu | null {
  const cpu = detach(m, ev, t, reason);
  if (t.state !== 'ZOMBIE') setState(m, ev, t, 'ZOMBIE', reason);
  const p = writable(m, 'procs', t.pid);
  if (p.mm) vmRemoveStack(m, own(m, p, 'mm')!, t.tid);
  setState(m, ev, t, 'UNUSED', reason);
  return cpu;
}

/** Takes a live task out of the ready queue, timers and off its CPU; returns the freed CPU. */
function detach(m: Machine, ev: KEvent[], t: Task, reason: StateReason): Cpu | null {
  dequeue(m, t.tid);
  if (t.state === 'SLEEPING') m.timers = m.timers.filter((x) => x.tid !== t.tid);
  unhold(m, t.tid);
  if (t.state === 'RUNNING') return deschedule(m, ev, t, 'ZOMBIE', reason);
  return null;
}

/** CPUs held idle for task `tid` (OSTEP SWITCH_ON_END) stop waiting for it. */
function unhold(m: Machine, tid: number): void {
  m.cpus.forEach((c, i) => {
    if (c.hold === tid) own(m, own(m, m, 'cpus'), i).hold = -1;
  });
}

/**
 * Where orphans of `p` go: nearest live subreaper ancestor, else init (1), else nobody (0).
 * Precondition: none. Never fails.
 */
export function findReaper(m: Machine, p: Proc): number {
  if (m.config.reparent === 'subreaper') {
    for (let a = get(m.procs, p.ppid); a; a = get(m.procs, a.ppid)) {
      if (a.subreaper && a.state === 'ALIVE') return a.pid;
      if (a.ppid === a.pid) break;
    }
  }
  const init = get(m.procs, 1);
  return m.config.init && init && init.state === 'ALIVE' && p.pid !== 1 ? 1 : 0;
}

/**
 * xv6 reparent(): gives every child of exiting process `p` to its reaper (subreaper or init);
 * a child that is already a zombie wakes the new parent's wait. Never fails. Precondition: `p` is
 * exiting (its own state is about to be ZOMBIE).
 */
export function reparent(m: Machine, ev: KEvent[], p: Proc): void {
  let to = -1;
  for (const k of keys(m.procs)) {
    const child = get(m.procs, k);
    if (!child || child.ppid !== p.pid || child.pid === p.pid) continue;
    if (to < 0) to = findReaper(m, p);
    const c = writable(m, 'procs', k);
    c.ppid = to;
    ev.push({ type: 'reparent', t: m.clock, pid: c.pid, from: p.pid, to });
    if (c.state === 'ZOMBIE' && to > 0) wakeup(m, ev, `wait:${to}`);
  }
}

/**
 * xv6 exit(): ends process `p`: its threads stop, files close, memory is freed, children go to
 * the reaper, and `p` stays a ZOMBIE holding only its wait status until the parent waits. The
 * parent gets SIGCHLD (ignored by default) and its wait wakes. `status` is the wait status
 * already encoded (wstatus.ts: exitStatus(n) for exit(n), signalStatus(sig) for a death by
 * `signal`). Precondition: p is writable (own.ts). Failure: none (a zombie is left alone).
 */
export function exit(
  m: Machine,
  ev: KEvent[],
  p: Proc,
  status: number,
  signal: Signal | '' = '',
): void {
  if (p.state === 'ZOMBIE') return;
  ev.push({ type: 'exit', t: m.clock, pid: p.pid, status, signal, ppid: p.ppid });
  const freed: Cpu[] = [];
  for (const tid of p.tids.slice()) {
    if (!get(m.tasks, tid)) continue;
    const t = writable(m, 'tasks', tid);
    if (tid !== p.pid) {
      const c = endTask(m, ev, t, 'exit');
      if (c) freed.push(c);
    } else if (t.state !== 'ZOMBIE') {
      const c = detach(m, ev, t, 'exit');
      if (c) freed.push(c);
      else setState(m, ev, t, 'ZOMBIE', 'exit');
    }
  }
  p.tids = [p.pid];
  closeAll(m, p);
  if (p.mm) vmFree(m, own(m, p, 'mm')!);
  p.mm = null;
  setProcState(p, 'ZOMBIE');
  p.status = status;
  p.signal = signal;
  p.pending = '';
  p.stopped = false;
  reparent(m, ev, p);
  const parent = get(m.procs, p.ppid);
  if (parent && parent.state === 'ALIVE') {
    ev.push({ type: 'signal', t: m.clock, pid: parent.pid, signal: 'SIGCHLD', action: 'ignore' });
    wakeup(m, ev, `wait:${parent.pid}`);
  }
  for (const c of freed) scheduler(m, ev, c);
}

/**
 * xv6 wait(): if the caller has a zombie child, reaps the lowest-numbered one and returns
 * [pid, wait status]; with live children only, returns 'block' (or [0, 0] with nohang); with no
 * children returns [-1, 0] (init instead blocks: it waits forever). Precondition: task RUNNING.
 * Failure: [-1, 0] as above, after a wait-none event.
 */
export function wait(
  m: Machine,
  ev: KEvent[],
  task: Task,
  nohang = false,
): [number, number] | 'block' {
  const me = task.pid;
  let any = false;
  for (const c of values(m.procs)) {
    if (c.ppid !== me || c.pid === me) continue;
    any = true;
    if (c.state === 'ZOMBIE') {
      if (get(m.tasks, c.pid)) setState(m, ev, writable(m, 'tasks', c.pid), 'UNUSED', 'reap');
      erase(m, 'procs', c.pid);
      ev.push({ type: 'reap', t: m.clock, pid: me, child: c.pid, status: c.status });
      return [c.pid, c.status];
    }
  }
  if (any) return nohang ? [0, 0] : 'block';
  if (me === 1 && m.config.init) return 'block';
  ev.push({ type: 'wait-none', t: m.clock, pid: me });
  return [-1, 0];
}

/**
 * xv6 kill(): delivers `sig` to process `pid` with its default action: SIGKILL/SIGTERM end it
 * (wait status: the signal's number), SIGCHLD is ignored, SIGSTOP stops its tasks, SIGCONT resumes them. init
 * ignores signals. Precondition: none. Failure: returns -1 when there is no such live process.
 */
export function kill(m: Machine, ev: KEvent[], pid: number, sig: Signal): number {
  const target = get(m.procs, pid);
  if (!target || target.state !== 'ALIVE') return -1;
  const p = writable(m, 'procs', pid);
  const ignore = sig === 'SIGCHLD' || (pid === 1 && m.config.init);
  const t = m.clock;
  if (ignore) {
    ev.push({ type: 'signal', t, pid, signal: sig, action: 'ignore' });
  } else if (sig === 'SIGSTOP') {
    ev.push({ type: 'signal', t, pid, signal: sig, action: 'stop' });
    p.stopped = true;
    const freed: Cpu[] = [];
    for (const tid of p.tids) {
      const task = writable(m, 'tasks', tid);
      if (task.state === 'RUNNABLE') {
        dequeue(m, tid);
        setState(m, ev, task, 'STOPPED', 'stop');
      } else if (task.state === 'RUNNING') freed.push(deschedule(m, ev, task, 'STOPPED', 'stop'));
    }
    for (const c of freed) scheduler(m, ev, c);
  } else if (sig === 'SIGCONT') {
    ev.push({ type: 'signal', t, pid, signal: sig, action: 'continue' });
    p.stopped = false;
    for (const tid of p.tids) {
      if (get(m.tasks, tid)!.state === 'STOPPED')
        makeRunnable(m, ev, writable(m, 'tasks', tid), 'cont');
    }
  } else if (p.tids.some((tid) => sleepKind(m, get(m.tasks, tid)) === 'uninterruptible')) {
    // TASK_UNINTERRUPTIBLE: even a fatal signal waits until the sleep ends (see wakeIo)
    ev.push({ type: 'signal', t, pid, signal: sig, action: 'pending' });
    if (!p.pending) p.pending = sig;
  } else terminate(m, ev, p, sig);
  return 0;
}

/** A fatal signal's default action: the process ends, its wait status the signal's number. */
function terminate(m: Machine, ev: KEvent[], p: Proc, sig: Signal): void {
  ev.push({ type: 'signal', t: m.clock, pid: p.pid, signal: sig, action: 'terminate' });
  exit(m, ev, p, signalStatus(sig), sig);
}

/**
 * How task `t` sleeps (types.ts SleepKind): in an `io`, the kind the instruction names, by
 * default killable for the disk and interruptible for the network; every other wait (wait(),
 * sleep(), pipes, accept, join, mutexes) is interruptible. A task that is not asleep counts as
 * interruptible. Precondition: none. Never fails.
 */
export function sleepKind(m: Machine, t: Task | undefined): SleepKind {
  if (!t || t.state !== 'SLEEPING' || t.io !== 1) return 'interruptible';
  const ins = programOf(m, t.prog)?.code[t.pc];
  if (!ins || ins.op !== 'io') return 'interruptible';
  return ins.sleep ?? (ins.dev === 'disk' ? 'killable' : 'interruptible');
}

/**
 * An I/O of sleeping task `t` has completed: it wakes, unless a fatal signal was held pending
 * while it slept uninterruptibly and no other task of its process still does, in which case the
 * signal ends the process now. Precondition: `t` is SLEEPING and writable (own.ts), its I/O
 * marked done. Never fails.
 */
export function wakeIo(m: Machine, ev: KEvent[], t: Task): void {
  const p = get(m.procs, t.pid)!;
  const stuck = p.tids.some(
    (x) => x !== t.tid && sleepKind(m, get(m.tasks, x)) === 'uninterruptible',
  );
  if (p.pending && !stuck) {
    const w = writable(m, 'procs', p.pid);
    const sig = w.pending as Signal;
    w.pending = '';
    terminate(m, ev, w, sig);
  } else wakeTask(m, ev, t);
}

/**
 * xv6 sleep(): the RUNNING task blocks on channel `chan` and gives up its CPU.
 * Precondition: task is RUNNING and writable (own.ts). Never fails.
 */
export function sleep(
  m: Machine,
  ev: KEvent[],
  task: Task,
  chan: string,
  reason: StateReason,
): void {
  task.wchan = chan;
  sched(m, ev, task, 'SLEEPING', reason);
}

/**
 * Wakes one sleeping task: RUNNABLE (STOPPED if its process is stopped); under the OSTEP policy
 * its dispatch rules apply at once. Precondition: task is SLEEPING and writable (own.ts). Never
 * fails.
 */
export function wakeTask(m: Machine, ev: KEvent[], t: Task): void {
  t.wchan = '';
  makeRunnable(m, ev, t, 'wakeup');
  // a stopped task cannot keep a CPU waiting for it (OSTEP SWITCH_ON_END hold)
  if (t.state === 'STOPPED') unhold(m, t.tid);
  if (t.state !== 'RUNNABLE') return;
  const cpu = wakeDispatch(m, ev, t);
  if (cpu && policyOf(m).finishEmpty) finishIfEmpty(m, ev, cpu);
}

/**
 * xv6 wakeup(): wakes every task sleeping on `chan`, in tid order. Never fails. Precondition: none.
 */
export function wakeup(m: Machine, ev: KEvent[], chan: string): void {
  for (const k of keys(m.tasks)) {
    const t = get(m.tasks, k);
    if (t && t.state === 'SLEEPING' && t.wchan === chan) wakeTask(m, ev, writable(m, 'tasks', k));
  }
}

/**
 * True when the task has no instruction left to run (it would return from main). Precondition:
 * none. Never fails (an unknown program counts as ended).
 */
export function atEnd(m: Machine, t: Task): boolean {
  const p = programOf(m, t.prog);
  return !p || (t.pc >= p.code.length && t.io === 0 && t.left === 0);
}

/**
 * The task returns from its entry function: the main thread exits the process with status 0,
 * another thread ends (thread exit). Precondition: task is RUNNING. Never fails.
 */
export function finishTask(m: Machine, ev: KEvent[], t: Task): void {
  if (t.tid === t.pid) exit(m, ev, writable(m, 'procs', t.pid), 0);
  else threadExit(m, ev, t);
}

/**
 * OSTEP finishIfEmpty(): the task on `cpu` finishes now if it has nothing left to run.
 * Precondition: none. Never fails.
 */
export function finishIfEmpty(m: Machine, ev: KEvent[], cpu: Cpu): void {
  if (cpu.cur === -1) return;
  if (atEnd(m, get(m.tasks, cpu.cur)!)) finishTask(m, ev, writable(m, 'tasks', cpu.cur));
}

/**
 * pthread_exit(): the RUNNING task becomes a ZOMBIE until joined; if it was the last live task,
 * the whole process exits with status 0. Precondition: task RUNNING. Never fails.
 */
export function threadExit(m: Machine, ev: KEvent[], t: Task): void {
  const p = get(m.procs, t.pid)!;
  const live = p.tids.filter(
    (x) => x !== t.tid && get(m.tasks, x) && get(m.tasks, x)!.state !== 'ZOMBIE',
  );
  if (live.length === 0) {
    exit(m, ev, writable(m, 'procs', t.pid), 0);
    return;
  }
  sched(m, ev, t, 'ZOMBIE', 'exit');
  wakeup(m, ev, `join:${t.tid}`);
}

/**
 * pthread_join(): if thread `target` of the caller's process has finished, frees it and
 * returns 0; if it still runs, returns 'block'. Failure: -1 when there is no such thread.
 * Precondition: `task` is RUNNING.
 */
export function join(m: Machine, ev: KEvent[], task: Task, target: number): number | 'block' {
  const t = get(m.tasks, target);
  if (!t || t.pid !== task.pid || target === task.tid || target === task.pid) return -1;
  if (t.state !== 'ZOMBIE') return 'block';
  const p = writable(m, 'procs', task.pid);
  if (p.mm) vmRemoveStack(m, own(m, p, 'mm')!, target);
  setState(m, ev, writable(m, 'tasks', target), 'UNUSED', 'reap');
  p.tids = p.tids.filter((x) => x !== target);
  ev.push({ type: 'join', t: m.clock, pid: task.pid, tid: task.tid, target });
  return 0;
}

/**
 * pthread_create(): a new task in the caller's process, starting at instruction `to` with its
 * own stack page and `arg` in r0. Returns its tid. Precondition: caller RUNNING. Failure: -1
 * (nothing created) when no thread id is free, which can happen only with config.pidMax.
 */
export function threadCreate(
  m: Machine,
  ev: KEvent[],
  task: Task,
  to: number,
  arg: number,
): number {
  const p = writable(m, 'procs', task.pid);
  const tid = allocPid(m);
  if (tid < 0) return -1;
  const t = allocTask(m, p, tid, task.prog, to);
  t.r[0] = arg;
  if (p.mm) t.sp = vmAddStack(m, own(m, p, 'mm')!, tid);
  own(m, m, 'stats').threads++;
  ev.push({ type: 'thread', t: m.clock, pid: p.pid, tid: task.tid, created: tid });
  makeRunnable(m, ev, t, 'thread');
  return tid;
}
