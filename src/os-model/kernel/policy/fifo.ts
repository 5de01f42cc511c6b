// First in, first out: the task that became ready first runs, until it blocks or exits.
import type { SchedPolicy } from './policy.ts';

export const fifo: SchedPolicy = {
  label: 'First in, first out',
  automatic: true,
  pick: (m) => m.runq[0],
};
