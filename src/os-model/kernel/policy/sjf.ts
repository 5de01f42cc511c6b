// Shortest job first: the ready task with the smallest known length runs, to completion.
import { minBy, type SchedPolicy } from './policy.ts';
import { get } from '../table.ts';

export const sjf: SchedPolicy = {
  label: 'Shortest job first',
  automatic: true,
  pick: (m) => minBy(m, (tid) => get(m.tasks, tid)!.est),
};
