// How Linux would report the model's processes: the one-letter process state of proc(5)'s
// /proc/PID/stat field 3 and of ps(1)'s STAT column, and `ps -eo pid,ppid,stat,comm` output.
// A rule about reporting, not about scheduling: nothing here changes a machine.
//
// The letters (ps(1), "PROCESS STATE CODES"; proc(5), /proc/pid/stat field 3):
//   R  running or runnable (on run queue)        <- RUNNING and RUNNABLE alike
//   S  interruptible sleep (waiting for an event) <- wait(), sleep(), pipes, accept(), join,
//                                                   mutexes, network I/O
//   D  uninterruptible sleep (usually I/O)        <- a read from the disk
//   T  stopped by a job control signal            <- SIGSTOP
//   Z  defunct ("zombie") process, terminated but not reaped by its parent
// ps adds modifier letters after the state; of those the model can know only "l", a
// multi-threaded process. Linux reports the state of the thread-group leader (the main task,
// tid = pid) for the whole process.
import type { Machine, Task } from '../kernel/types.ts';
import { procState } from '../kernel/proc.ts';
import { programOf } from '../kernel/program.ts';
import { get, values } from '../kernel/table.ts';

export type StatLetter = 'R' | 'S' | 'D' | 'T' | 'Z';

/** ps(1)'s own words for each state letter the model can produce. */
export const STAT_MEANING: Record<StatLetter, string> = {
  R: 'running or runnable (on run queue)',
  S: 'interruptible sleep (waiting for an event to complete)',
  D: 'uninterruptible sleep (usually IO)',
  T: 'stopped by job control signal',
  Z: 'defunct ("zombie") process, terminated but not reaped by its parent',
};

/** Linux keeps at most 15 characters of a command name (TASK_COMM_LEN is 16 with the NUL). */
export const COMM_LEN = 15;

/**
 * The state letter Linux would report for a sleeping task: D while it waits for the disk (the
 * kernel's TASK_UNINTERRUPTIBLE), S for every other wait (TASK_INTERRUPTIBLE: a signal can end
 * it). Precondition: `t.state` is SLEEPING. Never fails.
 */
export function sleepLetter(m: Machine, t: Task): 'S' | 'D' {
  if (t.wchan !== 'io') return 'S';
  const ins = programOf(m, t.prog)?.code[t.pc];
  return ins !== undefined && ins.op === 'io' && ins.dev === 'disk' ? 'D' : 'S';
}

/**
 * The /proc/PID/stat state letter of process `pid`: the state of its main task (tid = pid), as
 * Linux reports the thread-group leader's state (an exited main thread shows Z while other threads
 * run on), or of its most active task if the model has no main task. Precondition: none. Failure: null when there
 * is no such process or fork has not finished building it (ps cannot list it yet).
 */
export function statLetter(m: Machine, pid: number): StatLetter | null {
  const p = get(m.procs, pid);
  if (!p) return null;
  if (p.state === 'ZOMBIE') return 'Z';
  const main = get(m.tasks, pid);
  const state = main !== undefined && main.pid === pid ? main.state : procState(m, pid);
  switch (state) {
    case 'RUNNING':
    case 'RUNNABLE':
      return 'R';
    case 'SLEEPING': {
      const t =
        main !== undefined && main.pid === pid
          ? main
          : p.tids.map((tid) => get(m.tasks, tid)).find((x) => x?.state === 'SLEEPING');
      return t === undefined ? 'S' : sleepLetter(m, t);
    }
    case 'STOPPED':
      return 'T';
    case 'ZOMBIE':
      return 'Z';
    default:
      return null;
  }
}

export type PsRow = {
  pid: number;
  ppid: number;
  /** The STAT column: the state letter, then "l" for a multi-threaded process. */
  stat: string;
  letter: StatLetter;
  /** The COMMAND column of `-o comm`: at most 15 characters, " <defunct>" after a zombie's. */
  comm: string;
};

/**
 * The rows `ps -eo pid,ppid,stat,comm` would print for machine `m`, in PID order. Precondition:
 * none. Never fails.
 */
export function psRows(m: Machine): PsRow[] {
  const out: PsRow[] = [];
  for (const p of values(m.procs).sort((a, b) => a.pid - b.pid)) {
    const letter = statLetter(m, p.pid);
    if (letter === null) continue;
    const live = p.tids.filter((tid) => {
      const t = get(m.tasks, tid);
      return t !== undefined && t.state !== 'ZOMBIE' && t.state !== 'UNUSED';
    }).length;
    // Linux counts an exited main thread until the whole group has exited (num_threads in
    // /proc/PID/stat), so a process whose leader is a zombie but whose other threads run is "Zl".
    const leaderZombie = p.state !== 'ZOMBIE' && get(m.tasks, p.pid)?.state === 'ZOMBIE';
    const threads = live + (leaderZombie ? 1 : 0);
    const name = p.name.slice(0, COMM_LEN);
    out.push({
      pid: p.pid,
      ppid: p.ppid,
      stat: letter + (p.state !== 'ZOMBIE' && threads > 1 ? 'l' : ''),
      letter,
      comm: letter === 'Z' ? `${name} <defunct>` : name,
    });
  }
  return out;
}

/**
 * `ps -eo pid,ppid,stat,comm` as text, one line per process after the header, laid out as
 * procps-ng lays it out: PID and PPID right-aligned in 7 columns, STAT left-aligned in 4, then the
 * command. Every line ends with "\n". Precondition: none. Never fails.
 */
export function psText(m: Machine): string {
  const line = (pid: string, ppid: string, stat: string, comm: string): string =>
    `${pid.padStart(7)} ${ppid.padStart(7)} ${stat.padEnd(4)} ${comm}\n`;
  let s = line('PID', 'PPID', 'STAT', 'COMMAND');
  for (const r of psRows(m)) s += line(String(r.pid), String(r.ppid), r.stat, r.comm);
  return s;
}
