// Scheduling: the ready queue, the policies, and xv6's scheduler / sched / yield split.
// Policies are options (MachineConfig.sched), never forks of the code.
import type { Cpu, KEvent, Machine, StateReason, Task } from './types.ts';
import { finishIfEmpty, setState } from './proc.ts';
import { get } from './table.ts';
import { own, writable } from './own.ts';

/**
 * Appends a RUNNABLE task to the ready queue. Precondition: tid is not queued. Never fails.
 */
export function enqueue(m: Machine, tid: number): void {
  own(m, m, 'runq').push(tid);
}

/**
 * Removes tid from the ready queue if it is there. Never fails. Precondition: none.
 */
export function dequeue(m: Machine, tid: number): void {
  const i = m.runq.indexOf(tid);
  if (i < 0) return;
  const q = own(m, m, 'runq');
  if (i === 0) q.shift();
  else q.splice(i, 1);
}

/**
 * Remaining known work of a task (for SJF/STCF): its estimate minus the ticks it has run.
 * Precondition: none. Never fails.
 */
export function remaining(t: Task): number {
  return Math.max(0, t.est - t.ran);
}

function prioOf(m: Machine, tid: number): number {
  return get(m.procs, get(m.tasks, tid)!.pid)!.prio;
}

/**
 * Chooses the next task for `cpu` from the ready queue under the configured policy, without
 * changing anything. Returns -1 when nothing is runnable (and always under 'manual'). Precondition:
 * every queued task is RUNNABLE. Failure: -1 as above.
 */
export function pick(m: Machine, cpu: Cpu): number {
  const q = m.runq;
  if (q.length === 0) return -1;
  const kind = m.config.sched.kind;
  if (kind === 'fifo' || kind === 'rr') return q[0];
  if (kind === 'manual') return -1;
  let best = q[0];
  let bestKey = Infinity;
  for (const tid of q) {
    let key: number;
    if (kind === 'sjf') key = get(m.tasks, tid)!.est;
    else if (kind === 'stcf') key = remaining(get(m.tasks, tid)!);
    else if (kind === 'priority') key = prioOf(m, tid);
    // ostep: circular scan by id, starting after the task that last held the CPU
    else key = tid > cpu.last ? tid - cpu.last : tid - cpu.last + m.nextPid + 1;
    if (key < bestKey) {
      bestKey = key;
      best = tid;
    }
  }
  return best;
}

/**
 * Puts RUNNABLE task `tid` on `cpu` (xv6: swtch to it). Counts a context switch when the CPU
 * last ran a different task, and starts the configured switch cost. Precondition: cpu is free
 * and writable (own.ts). Never fails.
 */
export function dispatch(m: Machine, ev: KEvent[], cpu: Cpu, tid: number): void {
  const t = writable(m, 'tasks', tid);
  dequeue(m, tid);
  if (cpu.last !== -1 && cpu.last !== tid) {
    const prev = get(m.tasks, cpu.last);
    const kind = prev && prev.pid === t.pid ? 'thread' : 'process';
    if (kind === 'thread') own(m, m, 'stats').threadSwitches++;
    else own(m, m, 'stats').switches++;
    cpu.switching = m.config.switchTicks;
    ev.push({
      type: 'switch',
      t: m.clock,
      cpu: cpu.id,
      from: cpu.last,
      to: tid,
      fromPid: prev ? prev.pid : -1,
      toPid: t.pid,
      kind,
    });
  }
  cpu.cur = tid;
  cpu.last = tid;
  cpu.hold = -1;
  t.cpu = cpu.id;
  t.slice = 0;
  setState(m, ev, t, 'RUNNING', 'dispatch', cpu.id);
}

/**
 * xv6 scheduler(), one decision: if `cpu` is free (and not held), run the policy's pick.
 * Precondition: `cpu` is writable (own.ts). Never fails (an idle CPU stays idle).
 */
export function scheduler(m: Machine, ev: KEvent[], cpu: Cpu): void {
  if (cpu.cur !== -1 || cpu.hold !== -1) return;
  const tid = pick(m, cpu);
  if (tid >= 0) dispatch(m, ev, cpu, tid);
}

/**
 * Takes a RUNNING task off its CPU, saving its context, and moves it to `to` (re-queued when
 * RUNNABLE). Does not pick a successor; returns the freed CPU, writable. Precondition: task is
 * RUNNING and writable (own.ts). Failure: throws via setState if the transition is illegal (a
 * kernel bug).
 */
export function deschedule(
  m: Machine,
  ev: KEvent[],
  task: Task,
  to: 'RUNNABLE' | 'SLEEPING' | 'STOPPED' | 'ZOMBIE',
  reason: StateReason,
): Cpu {
  const cpu = own(m, own(m, m, 'cpus'), task.cpu);
  task.ctx = [task.pc, task.sp, ...task.r];
  cpu.cur = -1;
  task.cpu = -1;
  setState(m, ev, task, to, reason, cpu.id);
  if (to === 'RUNNABLE') enqueue(m, task.tid);
  return cpu;
}

/**
 * xv6 sched(): the running task gives up its CPU (to sleep, yield or die) and the scheduler
 * picks the next one at once. Under OSTEP's SWITCH_ON_END a task blocking for I/O holds the
 * CPU idle instead. Precondition: task is RUNNING and writable (own.ts). Failure: throws via
 * setState if the transition is illegal (a kernel bug).
 */
export function sched(
  m: Machine,
  ev: KEvent[],
  task: Task,
  to: 'RUNNABLE' | 'SLEEPING' | 'STOPPED' | 'ZOMBIE',
  reason: StateReason,
): void {
  const cpu = deschedule(m, ev, task, to, reason);
  const s = m.config.sched;
  if (s.kind === 'ostep' && s.switchOn === 'end' && reason === 'io') cpu.hold = task.tid;
  if (s.kind !== 'manual') scheduler(m, ev, cpu);
}

/**
 * xv6 yield(): the running task goes back to the ready queue. Precondition: RUNNING and writable
 * (own.ts). Never fails.
 */
export function yieldCpu(m: Machine, ev: KEvent[], task: Task, reason: StateReason): void {
  sched(m, ev, task, 'RUNNABLE', reason);
}

/**
 * Start-of-tick preemption check for STCF and priority: if a ready task should run before the
 * one on `cpu`, swap them. Never fails. Precondition: the policy is stcf or priority; `cpu` is
 * writable (own.ts).
 */
export function maybePreempt(m: Machine, ev: KEvent[], cpu: Cpu): void {
  const kind = m.config.sched.kind;
  if (cpu.cur === -1 || m.runq.length === 0) return;
  const cur = get(m.tasks, cpu.cur)!;
  const best = pick(m, cpu);
  const better =
    kind === 'stcf'
      ? remaining(get(m.tasks, best)!) < remaining(cur)
      : kind === 'priority' && prioOf(m, best) < prioOf(m, cur.tid);
  if (better) {
    deschedule(m, ev, writable(m, 'tasks', cur.tid), 'RUNNABLE', 'preempt');
    dispatch(m, ev, cpu, best);
  }
}

/**
 * End-of-tick timer interrupt for RR and priority with a quantum: after `quantum` ticks the
 * task yields if another task (of equal or better priority) is ready. Never fails. Precondition:
 * task is RUNNING on `cpu` and has just run an instruction; both are writable (own.ts).
 */
export function timerTick(m: Machine, ev: KEvent[], cpu: Cpu, task: Task): void {
  const s = m.config.sched;
  if ((s.kind !== 'rr' && s.kind !== 'priority') || s.quantum <= 0) return;
  task.slice++;
  if (task.slice < s.quantum) return;
  const next = pick(m, cpu);
  if (next >= 0 && (s.kind === 'rr' || prioOf(m, next) <= prioOf(m, task.tid)))
    yieldCpu(m, ev, task, 'quantum');
  else task.slice = 0;
}

/**
 * OSTEP process-run's rules for a task that just became RUNNABLE (phase 1 of its loop):
 * IO_RUN_IMMEDIATE preempts the running task and dispatches the waker; IO_RUN_LATER dispatches
 * it only if it is the only runnable task (or under SWITCH_ON_END, where the CPU waited for it).
 * Then a running task with no instructions left finishes. Precondition: policy is 'ostep'. Never
 * fails.
 */
export function ostepOnWake(m: Machine, ev: KEvent[], task: Task): void {
  const cpu = own(m, own(m, m, 'cpus'), 0);
  const s = m.config.sched;
  if (s.ioDone === 'immediate') {
    if (cpu.cur !== -1 && cpu.cur !== task.tid)
      deschedule(m, ev, writable(m, 'tasks', cpu.cur), 'RUNNABLE', 'preempt');
    dispatch(m, ev, cpu, task.tid);
  } else {
    const runnable = m.runq.length + (cpu.cur !== -1 ? 1 : 0);
    if ((s.switchOn === 'end' && runnable > 1) || runnable === 1) {
      if (cpu.cur !== -1) deschedule(m, ev, writable(m, 'tasks', cpu.cur), 'RUNNABLE', 'preempt');
      dispatch(m, ev, cpu, task.tid);
    }
  }
  finishIfEmpty(m, ev, cpu);
}
