// Shortest job first: the ready task with the smallest known length runs, to completion.
import { minBy, type SchedPolicy } from './policy.ts';

export const sjf: SchedPolicy = {
  label: 'Shortest job first',
  automatic: true,
  pick: (m) => minBy(m, (tid) => m.tasks[tid].est),
};
