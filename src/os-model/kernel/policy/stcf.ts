// Shortest time to completion first: SJF that preempts when a ready task has less work left.
import { minBy, remaining, type SchedPolicy } from './policy.ts';
import { get } from '../table.ts';

export const stcf: SchedPolicy = {
  label: 'Shortest time to completion first',
  automatic: true,
  pick: (m) => minBy(m, (tid) => remaining(get(m.tasks, tid)!)),
  preempt: (m, _cpu, cur, next) => remaining(get(m.tasks, next)!) < remaining(cur),
};
