// Static priority: the ready task whose process has the lowest priority number runs; it is
// preempted by a better one at once, and shares the CPU round robin with equals.
import { minBy, prioOf, type SchedPolicy } from './policy.ts';

export const priority: SchedPolicy = {
  label: 'Priority',
  automatic: true,
  pick: (m) => minBy(m, (tid) => prioOf(m, tid)),
  preempt: (m, _cpu, cur, next) => prioOf(m, next) < prioOf(m, cur.tid),
  tick(m, cpu, task) {
    if (task.state !== 'RUNNING') return false;
    task.slice++;
    if (task.slice < m.config.sched.quantum) return false;
    if (m.runq.length > 0 && prioOf(m, this.pick(m, cpu)) <= prioOf(m, task.tid)) return true;
    task.slice = 0; // nobody as good waits: a new turn
    return false;
  },
};
