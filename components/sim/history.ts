// What each CPU and the I/O devices were doing at one step: the raw material of the CPU timeline
// and the utilisation figures. Read from the machine after the step; no rule of the OS is decided
// here.
import type { Machine, StateReason, TaskState } from '../../src/os-model/index.ts';
import { get, values } from '../../src/os-model/index.ts';

export type CpuSample = {
  cpu: number;
  /** The task that ran an instruction during the step's last tick, or -1 when the CPU was idle. */
  tid: number;
  pid: number;
  /** The name of the process it ran at that step ('' when idle or already freed). */
  name: string;
  /** The operation it ran ('compute', 'io', 'fork', …), 'switch', or '' when idle. */
  op: string;
  /** The CPU spent the tick on a context switch. */
  switching: boolean;
};

/** The last change of state of a task (the controller's `lastTransition`), for the state diagram. */
export type Transition = {
  from: TaskState;
  to: TaskState;
  reason: StateReason;
  /** The step whose events hold it. */
  step: number;
  /** Machine clock at that change. */
  t: number;
};

export type StepSample = {
  step: number;
  /** Machine clock after the step. */
  t: number;
  cpus: CpuSample[];
  /** Tasks waiting for a device (disk or network) after the step. */
  io: { tid: number; pid: number }[];
};

/**
 * The sample of one step, from the machine after it. Precondition: `m` is a model machine.
 * Never fails.
 */
export function sampleOf(step: number, m: Machine): StepSample {
  const cpus: CpuSample[] = m.cpus.map((c) => {
    // A task that exited in this tick may already be gone: the main task's tid is its pid.
    const task = c.ranTid >= 0 ? get(m.tasks, c.ranTid) : undefined;
    return {
      cpu: c.id,
      tid: c.ranTid,
      pid: c.ranTid >= 0 ? (task ? task.pid : c.ranTid) : -1,
      name: task ? (get(m.procs, task.pid)?.name ?? '') : '',
      op: c.ranOp,
      switching: c.ranOp === 'switch',
    };
  });
  const io: { tid: number; pid: number }[] = [];
  for (const task of values(m.tasks)) {
    if (task.state === 'SLEEPING' && task.io === 1) io.push({ tid: task.tid, pid: task.pid });
  }
  return { step, t: m.clock, cpus, io };
}

/**
 * The name of every process that ran in these samples, the latest name for each PID (exec
 * renames a process). Precondition: none. Never fails.
 */
export function namesIn(samples: readonly StepSample[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const s of samples) for (const c of s.cpus) if (c.pid >= 0 && c.name) out[c.pid] = c.name;
  return out;
}

const DOING: Record<string, string> = {
  compute: 'computes',
  io: 'issues an I/O request',
  io_done: 'finishes its I/O',
  load: 'loads from memory',
  store: 'stores to memory',
  add: 'adds',
  and: 'masks a register with a bitwise and',
  shr: 'shifts a register right',
  readdir: 'reads a directory entry',
  count: 'counts characters in a buffer',
  set: 'sets a register',
  br: 'branches',
  jmp: 'jumps',
  loop: 'loops',
  exit: 'exits',
};

/**
 * One sentence for a step whose events said nothing (a tick of plain computation): what each CPU
 * did. Precondition: none. Never fails.
 */
export function describeSample(s: StepSample): string {
  const parts = s.cpus.map((c) => {
    const where = s.cpus.length > 1 ? ` on CPU ${c.cpu}` : '';
    if (c.switching) return `CPU ${c.cpu} is busy with a context switch`;
    if (c.tid < 0) return `CPU ${c.cpu} is idle`;
    const who = c.tid === c.pid ? `PID ${c.pid}` : `PID ${c.pid} (thread ${c.tid})`;
    return `${who} ${DOING[c.op] ?? `runs ${c.op}`}${where}`;
  });
  const waiting = s.io.length > 0 ? `; ${ioPhrase(s.io)}` : '';
  return `${parts.join('; ')}${waiting}.`;
}

function ioPhrase(io: { tid: number; pid: number }[]): string {
  const pids = [...new Set(io.map((x) => x.pid))].map((p) => `PID ${p}`);
  const list = pids.length === 1 ? pids[0] : `${pids.slice(0, -1).join(', ')} and ${pids.at(-1)}`;
  return `${list} ${pids.length === 1 ? 'waits' : 'wait'} for I/O`;
}
