// Stride scheduling (Waldspurger and Weihl, 1995; OSTEP chapter 9): lottery's proportions without
// the dice. Each task has tickets and a stride, STRIDE1 / tickets (STRIDE1 = 10,000, OSTEP's
// number); its pass starts level with the tasks already runnable and grows by its stride for every
// tick it runs. The task with the smallest pass runs (the earliest in the queue on a tie) for a
// turn of `quantum` ticks; then, if another task waits, it goes to the back of the queue and the
// smallest pass is chosen again.
// Options (config.sched.params): `tickets`, one number per task in tid order (entry 0 is tid 1),
// 100 for a task it does not cover. Per task (task.se): `pass`.
import type { Machine, Task } from '../types.ts';
import { minBy, type SchedPolicy } from './policy.ts';
import { get } from '../table.ts';
import { own } from '../own.ts';

/** OSTEP's large number divided by the tickets to give the stride. */
export const STRIDE1 = 10_000;

/** A task's tickets: params.tickets[tid - 1], or 100. Precondition: none. Never fails. */
export function ticketsOf(m: Machine, tid: number): number {
  const list = m.config.sched.params.tickets;
  const n = Array.isArray(list) ? list[tid - 1] : undefined;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 ? n : 100;
}

/** The smallest pass among the runnable tasks other than `task` (0 when there are none). */
function levelPass(m: Machine, task: Task): number {
  let lo = Infinity;
  const tids = [...m.runq, ...m.cpus.map((c) => c.cur)];
  for (const tid of tids) {
    if (tid === -1 || tid === task.tid) continue;
    const p = get(m.tasks, tid)?.se.pass;
    if (p !== undefined && p < lo) lo = p;
  }
  return lo === Infinity ? 0 : lo;
}

export const stride: SchedPolicy = {
  label: 'Stride',
  automatic: true,
  pick: (m) => minBy(m, (tid) => get(m.tasks, tid)!.se.pass ?? 0),
  enqueue(m, task) {
    // a newcomer starts level with the others, so it cannot run alone until it catches up
    if (task.se.pass === undefined) task.se = { ...task.se, pass: levelPass(m, task) };
    own(m, m, 'runq').push(task.tid);
  },
  tick(m, _cpu, task) {
    if (task.state === 'ZOMBIE' || task.state === 'UNUSED') return false;
    task.se = { ...task.se, pass: (task.se.pass ?? 0) + STRIDE1 / ticketsOf(m, task.tid) };
    if (task.state !== 'RUNNING') return false;
    task.slice++;
    if (task.slice < m.config.sched.quantum) return false;
    if (m.runq.length > 0) return true;
    task.slice = 0; // nobody waits: a new turn
    return false;
  },
};
