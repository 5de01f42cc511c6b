// Round robin: ready tasks take turns; the timer interrupt ends a turn after `quantum` ticks if
// another task is waiting.
import type { SchedPolicy } from './policy.ts';

export const rr: SchedPolicy = {
  label: 'Round robin',
  automatic: true,
  pick: (m) => m.runq[0],
  tick(m, _cpu, task) {
    if (task.state !== 'RUNNING') return false;
    task.slice++;
    if (task.slice < m.config.sched.quantum) return false;
    if (m.runq.length > 0) return true;
    task.slice = 0; // nobody waits: a new turn
    return false;
  },
};
