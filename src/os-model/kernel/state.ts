// States and their legal changes: the one home of the task states, the process states, the
// signals and the guarded setters every state change goes through (xv6 sets p->state in
// allocproc, fork, exit, wait and the scheduler; here each of those calls a setter that refuses an
// illegal change, so a kernel bug fails loudly instead of corrupting the machine).
import type { KEvent, Machine, Proc, ProcState, StateReason, Task, TaskState } from './types.ts';
import { erase } from './own.ts';

/** Task (thread) states: xv6's `enum procstate` (USED is EMBRYO) plus STOPPED for SIGSTOP. */
export const TASK_STATES = [
  'UNUSED',
  'EMBRYO',
  'RUNNABLE',
  'RUNNING',
  'SLEEPING',
  'ZOMBIE',
  'STOPPED',
] as const;

/** Process states: EMBRYO while fork builds it, ALIVE once published, ZOMBIE until reaped. */
export const PROC_STATES = ['EMBRYO', 'ALIVE', 'ZOMBIE'] as const;

/** The signals the model delivers, with their numbers on Linux x86-64 (signal(7)). */
export const SIGNALS = {
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
} as const;

/** The signals a reader (or a `kill` action) may send; SIGSEGV comes only from a bad access. */
export const SENDABLE_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGCHLD', 'SIGSTOP', 'SIGCONT'] as const;

/** Legal task-state transitions. Anything else is a kernel bug and setState refuses it. */
export const LEGAL: Record<TaskState, readonly TaskState[]> = {
  UNUSED: ['EMBRYO'],
  EMBRYO: ['RUNNABLE', 'SLEEPING', 'UNUSED'],
  RUNNABLE: ['RUNNING', 'STOPPED', 'ZOMBIE'],
  RUNNING: ['RUNNABLE', 'SLEEPING', 'STOPPED', 'ZOMBIE'],
  SLEEPING: ['RUNNABLE', 'STOPPED', 'ZOMBIE'],
  STOPPED: ['RUNNABLE', 'ZOMBIE'],
  ZOMBIE: ['UNUSED'],
};

/** Legal process-state transitions: published once, exits once (a reaped zombie is deleted). */
export const PROC_LEGAL: Record<ProcState, readonly ProcState[]> = {
  EMBRYO: ['ALIVE'],
  ALIVE: ['ZOMBIE'],
  ZOMBIE: [],
};

/**
 * The one guarded task transition: moves `task` to `to` and emits a 'state' event; UNUSED frees
 * the task slot. Precondition: `task` is writable (own.ts) and LEGAL[task.state] includes `to`.
 * Failure: throws (a kernel bug;
 * step() turns it into an 'error' event and leaves the machine unchanged).
 */
export function setState(
  m: Machine,
  ev: KEvent[],
  task: Task,
  to: TaskState,
  reason: StateReason,
  cpu = -1,
): void {
  const from = task.state;
  if (!LEGAL[from].includes(to))
    throw new Error(`illegal transition ${from} -> ${to} for task ${task.tid} (${reason})`);
  task.state = to;
  if (to === 'UNUSED') erase(m, 'tasks', task.tid);
  ev.push({ type: 'state', t: m.clock, tid: task.tid, pid: task.pid, from, to, reason, cpu });
}

/**
 * The guarded process transition (publish after fork or spawn, exit to a zombie). Emits nothing:
 * the caller's event (fork, spawn, exit) tells the story. Precondition: PROC_LEGAL[p.state]
 * includes `to`. Failure: throws (a kernel bug, as for setState).
 */
export function setProcState(p: Proc, to: ProcState): void {
  if (!PROC_LEGAL[p.state].includes(to))
    throw new Error(`illegal process transition ${p.state} -> ${to} for PID ${p.pid}`);
  p.state = to;
}
