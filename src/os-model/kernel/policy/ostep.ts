// OSTEP process-run.py's rules (../shared/ostep-spec.md §1): the next process after the one that
// last held the CPU, in circular id order; SWITCH_ON_END keeps the CPU idle while a process waits
// for its I/O; IO_RUN_IMMEDIATE runs a process the moment its I/O completes; a process with
// nothing left to run finishes as soon as the simulator looks at it.
import type { SchedPolicy } from './policy.ts';
import { minBy } from './policy.ts';

export const ostep: SchedPolicy = {
  label: "OSTEP's process-run",
  automatic: true,
  finishEmpty: true,
  // circular scan by id, starting after the task that last held the CPU
  pick: (m, cpu) =>
    minBy(m, (tid) => (tid > cpu.last ? tid - cpu.last : tid - cpu.last + m.nextPid + 1)),
  holdOnBlock: (m, _task, reason) => m.config.sched.switchOn === 'end' && reason === 'io',
  wake(m, cpu) {
    const s = m.config.sched;
    if (s.ioDone === 'immediate') return true;
    // IO_RUN_LATER: the waker runs now only if it is the only runnable process, or if the CPU
    // was kept idle for it (SWITCH_ON_END)
    const runnable = m.runq.length + (cpu.cur !== -1 ? 1 : 0);
    return (s.switchOn === 'end' && runnable > 1) || runnable === 1;
  },
};
