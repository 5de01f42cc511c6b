// Teaching labels for what the kernel stores in its own terms: the textbook name of a real state,
// and the plain words for what a sleeping task waits on (xv6's p->chan, here Task.wchan: 'io',
// 'sleep', 'wait:PID', 'accept', 'join:TID', 'mx:ADDR', 'pr:PIPE', 'pw:PIPE'). Views read these
// instead of decoding kernel strings.
import type { Machine, Task, TaskState } from '../kernel/types.ts';
import { programOf } from '../kernel/program.ts';

const TEACHING: Record<TaskState, string> = {
  UNUSED: 'unused',
  EMBRYO: 'new',
  RUNNABLE: 'ready',
  RUNNING: 'running',
  SLEEPING: 'blocked',
  STOPPED: 'stopped',
  ZOMBIE: 'zombie (terminated)',
};

/**
 * Teaching label for a real state: new, ready, running, blocked, stopped, zombie (terminated),
 * unused. Precondition: none. Never fails.
 */
export function teachingName(s: TaskState): string {
  return TEACHING[s];
}

/**
 * What a sleeping task waits for, in plain words ("disk I/O", "wait() for a child", "read() on
 * an empty pipe"); 'nothing' for a task that does not sleep. Precondition: none. Never fails (an
 * unknown channel is shown as it is).
 */
export function waitChannelWords(m: Machine, t: Task): string {
  const [kind, arg] = t.wchan.split(':');
  switch (kind) {
    case 'io': {
      const ins = programOf(m, t.prog)?.code[t.pc];
      return ins && ins.op === 'io' ? `${ins.dev} I/O` : 'device I/O';
    }
    case 'sleep':
      return 'sleep()';
    case 'wait':
      return 'wait() for a child';
    case 'accept':
      return 'accept() for a client';
    case 'join':
      return `join() on thread ${arg}`;
    case 'mx':
      return 'a mutex';
    case 'pr':
      return 'read() on an empty pipe';
    case 'pw':
      return 'write() on a full pipe';
    default:
      return t.wchan || 'nothing';
  }
}
