// Scheduling: the ready queue and xv6's scheduler / sched / yield split. The core never asks
// which policy it runs: it asks the machine's policy object (policy/registry.ts) what to do and
// carries it out, as Linux's core scheduler calls a `struct sched_class`.
import type { Cpu, KEvent, Machine, StateReason, Task } from './types.ts';
import { setState } from './state.ts';
import { policyOf } from './policy/registry.ts';
import { get } from './table.ts';
import { own, writable } from './own.ts';

/**
 * Puts a task that has just become RUNNABLE for `reason` on the ready queue, where its policy
 * says (the back, unless the policy decides otherwise). Precondition: the task is writable
 * (own.ts) and not queued. Never fails.
 */
export function enqueue(m: Machine, task: Task, reason: StateReason): void {
  const pol = policyOf(m);
  if (pol.enqueue) pol.enqueue(m, task, reason);
  else own(m, m, 'runq').push(task.tid);
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
 * True when the kernel dispatches on its own (every policy but the reader's manual one).
 * Precondition: none. Never fails.
 */
export function isAutomatic(m: Machine): boolean {
  return policyOf(m).automatic;
}

/**
 * The policy's choice of the next task for `cpu`, without dispatching it; -1 when nothing is
 * runnable or the policy leaves the CPU idle. Precondition: every queued task is RUNNABLE. Never
 * fails.
 */
export function pick(m: Machine, cpu: Cpu): number {
  return m.runq.length === 0 ? -1 : policyOf(m).pick(m, cpu);
}

/**
 * Puts RUNNABLE task `tid` on `cpu` (xv6: swtch to it). Counts a context switch when the CPU
 * last ran a different task, and starts the configured switch cost. Precondition: cpu is free.
 * Never fails.
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
  policyOf(m).dispatched?.(m, cpu, t);
}

/**
 * xv6 scheduler(), one decision: if `cpu` is free (and not held), run the policy's pick.
 * Precondition: none. Never fails (an idle CPU stays idle).
 */
export function scheduler(m: Machine, ev: KEvent[], cpu: Cpu): void {
  if (cpu.cur !== -1 || cpu.hold !== -1 || !isAutomatic(m)) return;
  const tid = pick(m, cpu);
  if (tid >= 0) dispatch(m, ev, cpu, tid);
}

/**
 * Takes a RUNNING task off its CPU, saving its context, and moves it to `to` (re-queued when
 * RUNNABLE). Does not pick a successor. Precondition: task is RUNNING. Failure: throws via setState
 * if the transition is illegal (a kernel bug).
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
  if (to === 'RUNNABLE') enqueue(m, task, reason);
  return cpu;
}

/**
 * xv6 sched(): the running task gives up its CPU (to sleep, yield or die) and the scheduler
 * picks the next one at once, unless the policy keeps the CPU idle for a task that blocks
 * (OSTEP's SWITCH_ON_END). Precondition: task is RUNNING. Failure: throws via setState if the
 * transition is illegal (a kernel bug).
 */
export function sched(
  m: Machine,
  ev: KEvent[],
  task: Task,
  to: 'RUNNABLE' | 'SLEEPING' | 'STOPPED' | 'ZOMBIE',
  reason: StateReason,
): void {
  const cpu = deschedule(m, ev, task, to, reason);
  if (to === 'SLEEPING' && policyOf(m).holdOnBlock?.(m, task, reason)) cpu.hold = task.tid;
  scheduler(m, ev, cpu);
}

/**
 * xv6 yield(): the running task goes back to the ready queue. Precondition: RUNNING. Never fails.
 */
export function yieldCpu(m: Machine, ev: KEvent[], task: Task, reason: StateReason): void {
  sched(m, ev, task, 'RUNNABLE', reason);
}

/**
 * Start of a tick on every CPU: the policy's start-of-tick hook (an MLFQ boost may send every
 * running task back to the queue), then each free CPU picks a task and each busy one asks the
 * policy whether the best waiting task should preempt its task (STCF, priority). Does nothing
 * under the manual scheduler. Precondition: none. Never fails.
 */
export function beginTick(m: Machine, ev: KEvent[]): void {
  const pol = policyOf(m);
  if (!pol.automatic) return;
  if (pol.beginTick?.(m))
    for (const c of m.cpus)
      if (c.cur !== -1) deschedule(m, ev, writable(m, 'tasks', c.cur), 'RUNNABLE', 'preempt');
  const cpus = own(m, m, 'cpus');
  for (let i = 0; i < cpus.length; i++) {
    const c = own(m, cpus, i);
    if (c.cur === -1) scheduler(m, ev, c);
    else if (pol.preempt && m.runq.length > 0) {
      const cur = get(m.tasks, c.cur)!;
      const best = pick(m, c);
      if (best >= 0 && pol.preempt(m, c, cur, best)) {
        deschedule(m, ev, writable(m, 'tasks', c.cur), 'RUNNABLE', 'preempt');
        dispatch(m, ev, c, best);
      }
    }
  }
}

/**
 * End of a tick in which `task` ran an instruction on `cpu`: the timer interrupt, where the
 * policy accounts the tick and may end the task's turn. Precondition: the task ran this tick.
 * Never fails.
 */
export function timerTick(m: Machine, ev: KEvent[], cpu: Cpu, task: Task): void {
  const pol = policyOf(m);
  if (!pol.tick) return;
  const yieldNow = pol.tick(m, cpu, task);
  if (yieldNow && cpu.cur === task.tid && task.state === 'RUNNING')
    yieldCpu(m, ev, task, 'quantum');
}

/**
 * A sleeping task has just become RUNNABLE: if its policy says so (OSTEP's process-run rules),
 * it takes CPU 0 at once from whatever runs there. Returns the CPU the policy looked at, or null
 * when the policy has no such rule. Precondition: task is RUNNABLE and queued. Never fails.
 */
export function wakeDispatch(m: Machine, ev: KEvent[], task: Task): Cpu | null {
  const pol = policyOf(m);
  if (!pol.wake) return null;
  const cpu = own(m, own(m, m, 'cpus'), 0);
  if (pol.wake(m, cpu, task)) {
    if (cpu.cur !== -1 && cpu.cur !== task.tid)
      deschedule(m, ev, writable(m, 'tasks', cpu.cur), 'RUNNABLE', 'preempt');
    if (cpu.cur === -1) dispatch(m, ev, cpu, task.tid);
  }
  return cpu;
}
