// Rows of the process table view (like `ps -eo pid,ppid,stat,cmd,time,wchan`), read from a
// machine snapshot. Pure: no DOM, no Svelte; nothing here decides what the OS would do.
import type { KEvent, Machine, Task, TaskState } from '../../src/os-model/index.ts';
import {
  procState,
  teachingName,
  waitChannelWords,
  get,
  values,
  describeStatus,
  wExitStatus,
  wTermSig,
} from '../../src/os-model/index.ts';

/**
 * "RUNNABLE (ready)": the kernel's state name and the teaching name. The zombie's teaching
 * name "zombie (terminated)" reads "ZOMBIE (zombie, terminated)". Never fails.
 */
export function stateLabel(s: TaskState): string {
  return `${s} (${teachingName(s).replace(' (', ', ').replace(')', '')})`;
}

/** Where a task is: on which CPU, in the run queue, asleep on what, or finished. */
export function taskWhere(m: Machine, t: Task): string {
  switch (t.state) {
    case 'RUNNING':
      return `on CPU ${t.cpu}`;
    case 'RUNNABLE':
      return 'in the run queue';
    case 'SLEEPING':
      return `waiting: ${waitChannelWords(m, t)}`;
    case 'STOPPED':
      return 'stopped by a signal';
    case 'EMBRYO':
      return 'being created';
    default:
      return '';
  }
}

export type ProcessRow = {
  pid: number;
  ppid: number;
  /** Command: the program the process runs (its name changes on exec). */
  command: string;
  state: TaskState;
  /** "RUNNABLE (ready)". */
  stateText: string;
  /** CPU time in ticks (`proc.cpu`). */
  cpu: number;
  /** Which CPU, or the wait channel, or the exit status of a zombie. */
  where: string;
  threads: number;
  zombie: boolean;
  /** Created by this step (fork or spawn). */
  isNew: boolean;
  /** Its state before this step, when the step changed it; otherwise null. */
  was: TaskState | null;
};

/** Process state before the step, worked out from the step's 'state' events of the main task. */
function previousState(events: KEvent[], pid: number): TaskState | null {
  let first: TaskState | null = null;
  for (const e of events)
    if (e.type === 'state' && e.tid === pid) {
      first = e.from;
      break;
    }
  return first;
}

/**
 * One row per process in PID order. Precondition: `m` is a model machine and `events` the
 * events of the step that produced it (or []). Never fails.
 */
export function processRows(m: Machine, events: KEvent[]): ProcessRow[] {
  const created = new Set<number>();
  for (const e of events) {
    if (e.type === 'fork') created.add(e.child);
    if (e.type === 'spawn') created.add(e.pid);
  }
  return values(m.procs)
    .sort((a, b) => a.pid - b.pid)
    .map((p) => {
      const state = procState(m, p.pid);
      const tasks = p.tids
        .map((tid) => get(m.tasks, tid))
        .filter((t): t is Task => t !== undefined);
      let where: string;
      if (p.state === 'ZOMBIE') {
        const how = p.signal
          ? `killed by signal ${wTermSig(p.status)} (${p.signal})`
          : `exit status ${wExitStatus(p.status)}`;
        where = `${how}; waits for PID ${p.ppid} to reap it`;
      } else if (tasks.length <= 1) {
        where = tasks[0] ? taskWhere(m, tasks[0]) : '';
      } else {
        where = tasks.map((t) => `thread ${t.tid} ${taskWhere(m, t)}`).join('; ');
      }
      const before = previousState(events, p.pid);
      return {
        pid: p.pid,
        ppid: p.ppid,
        command: p.name,
        state,
        stateText: stateLabel(state),
        cpu: p.cpuTicks,
        where,
        threads: tasks.length,
        zombie: p.state === 'ZOMBIE',
        isNew: created.has(p.pid),
        was: before !== null && before !== state && !created.has(p.pid) ? before : null,
      };
    });
}

/**
 * Processes whose entries this step freed ("PID 3, reaped by PID 2"), from 'reap' events, with
 * the wait status and how it reads ("exited with status 0", "was killed by signal 9 (SIGKILL)").
 */
export function reapedThisStep(
  events: KEvent[],
): { pid: number; by: number; status: number; how: string }[] {
  const out: { pid: number; by: number; status: number; how: string }[] = [];
  for (const e of events)
    if (e.type === 'reap')
      out.push({ pid: e.child, by: e.pid, status: e.status, how: describeStatus(e.status) });
  return out;
}
