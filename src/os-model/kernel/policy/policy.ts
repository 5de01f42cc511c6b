// The scheduling-policy interface: what a policy decides, never how the kernel carries it out.
// Like Linux's `struct sched_class` (pick_next_task, check_preempt_curr, task_tick, enqueue_task),
// it lets the core scheduler in ../sched.ts stay free of policy names: the core asks the policy
// of the machine's config (registry.ts) and acts on the answer. A policy may keep numbers per task
// in `task.se` and read its own options from `config.sched.params`.
import type { Cpu, Machine, StateReason, Task } from '../types.ts';
import { get } from '../table.ts';

export interface SchedPolicy {
  /** What the reader sees, e.g. 'Round robin'. */
  readonly label: string;
  /** False when only the reader picks (the manual scheduler): the kernel then never dispatches. */
  readonly automatic: boolean;
  /**
   * The next task for `cpu`: a tid from `m.runq`, or -1 to leave the CPU idle. Called only when
   * the queue is not empty. May update the policy's own state (a lottery draws from the RNG).
   */
  pick(m: Machine, cpu: Cpu): number;
  /**
   * Where a task that has just become RUNNABLE for `reason` joins the ready queue. Without it:
   * at the back.
   */
  enqueue?(m: Machine, task: Task, reason: StateReason): void;
  /**
   * Start of a tick with `cur` running on `cpu` and `next` (this policy's pick) waiting: true to
   * preempt `cur` for `next` (STCF, priority). Without it a running task is never preempted then.
   */
  preempt?(m: Machine, cpu: Cpu, cur: Task, next: number): boolean;
  /**
   * The timer interrupt at the end of a tick in which `task` ran an instruction on `cpu`, called
   * whatever the instruction did (the task may now sleep or be a zombie): account the tick (e.g.
   * in task.slice, reset at dispatch) and return true to make a task still RUNNING yield.
   */
  tick?(m: Machine, cpu: Cpu, task: Task): boolean;
  /**
   * Start of every tick, before the CPUs pick: true to take every running task off its CPU
   * (back to the ready queue, reason 'preempt') so that all of them are chosen afresh (an MLFQ
   * priority boost).
   */
  beginTick?(m: Machine): boolean;
  /** A task has just been dispatched on `cpu` (reset per-slice accounting here). */
  dispatched?(m: Machine, cpu: Cpu, task: Task): void;
  /**
   * A sleeping task has just become RUNNABLE (I/O done, woken): true to run it on `cpu` at once,
   * taking the CPU from whatever runs there (OSTEP's process-run rules).
   */
  wake?(m: Machine, cpu: Cpu, task: Task): boolean;
  /** `task` is leaving `cpu` to sleep for `reason`: true to keep the CPU idle until it returns. */
  holdOnBlock?(m: Machine, task: Task, reason: StateReason): boolean;
  /**
   * OSTEP's finishIfEmpty: a task with no instruction left finishes as soon as the simulator
   * looks at it, without spending a tick.
   */
  readonly finishEmpty?: boolean;
}

/**
 * The queued task with the smallest key; the earliest in the queue wins ties. Precondition:
 * `m.runq` is not empty. Never fails.
 */
export function minBy(m: Machine, key: (tid: number) => number): number {
  let best = m.runq[0];
  let bestKey = Infinity;
  for (const tid of m.runq) {
    const k = key(tid);
    if (k < bestKey) {
      bestKey = k;
      best = tid;
    }
  }
  return best;
}

/**
 * Remaining known work of a task (for SJF/STCF): its estimate minus the ticks it has run.
 * Precondition: none. Never fails.
 */
export function remaining(t: Task): number {
  return Math.max(0, t.est - t.runTicks);
}

/**
 * The priority of a task's process (lower runs first). Precondition: the task exists. Never
 * fails.
 */
export function prioOf(m: Machine, tid: number): number {
  return get(m.procs, get(m.tasks, tid)!.pid)!.prio;
}
