// The reader is the scheduler: the kernel never dispatches; a 'dispatch' action does.
import type { SchedPolicy } from './policy.ts';

export const manual: SchedPolicy = {
  label: 'You choose',
  automatic: false,
  pick: () => -1,
};
