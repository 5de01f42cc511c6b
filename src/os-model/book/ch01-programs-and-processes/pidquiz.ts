// Predict the next PID: a machine with a small pid_max, some PIDs held by live processes or by
// zombies, and the counter somewhere; the reader says which PID the next new process gets, and
// the kernel answers by creating it (kernel/proc.ts allocPid, after Linux's alloc_pid). Each
// puzzle is built from a seed by real actions on the kernel: spawns, and kills whose victims a
// waiting parent reaps (freeing the PID) or a parent that never waits leaves as zombies.
import type { Machine } from '../../kernel/types.ts';
import { createMachine, step } from '../../kernel/machine.ts';
import { values } from '../../kernel/table.ts';
import { nextRandom, seedRng } from '../../kernel/rng.ts';
import { procState } from '../../kernel/proc.ts';
import { makeProgram } from '../../kernel/program.ts';

/** A process that sleeps for a long time and never waits: its killed children stay zombies. */
const NAPPER = makeProgram(
  'napper',
  ['int main(void) {', '  sleep(1000);', '  return 0;', '}'],
  [
    { op: 'sleep', ticks: 1000, line: 2 },
    { op: 'exit', status: 0, line: 3 },
  ],
);

export type HeldPid = { pid: number; ppid: number; zombie: boolean; name: string };

export type PidPuzzle = {
  seed: number;
  pidMax: number;
  /** PIDs restart here after the first wrap (Linux: RESERVED_PIDS, 300). */
  reserved: number;
  /** The PID handed out most recently. */
  last: number;
  /** Every PID held now (live or zombie), in PID order. */
  held: HeldPid[];
  /** The PID the next new process gets, from the kernel; -1 when none is free. */
  answer: number;
  /** Why, in a sentence. */
  why: string;
};

function spawnOk(m: Machine, program: string, parent?: number): { m: Machine; pid: number } {
  const r = step(m, { type: 'spawn', program, ...(parent !== undefined ? { parent } : {}) });
  const e = r.events.find((x) => x.type === 'spawn');
  return { m: r.machine, pid: e && e.type === 'spawn' ? e.pid : -1 };
}

/**
 * The puzzle for `seed`. Precondition: none. Never fails (every seed gives a puzzle; the answer is
 * the kernel's, read from the spawn it performs).
 */
export function pidPuzzle(seed: number): PidPuzzle {
  let s = seedRng(Math.trunc(seed) * 31337 + 17);
  const draw = (k: number): number => {
    const [v, next] = nextRandom(s);
    s = next;
    return Math.floor(v * k);
  };
  const pidMax = 10 + draw(7); // 10..16
  const reserved = draw(2) === 0 ? 1 : 4;
  let m = createMachine({ pidMax, pidReserved: reserved, sched: { kind: 'fifo' } }, seed, [NAPPER]);
  // PID 2: a parent that never waits, so its dead children stay zombies and hold their PIDs.
  let r = spawnOk(m, 'napper');
  m = r.m;
  const keeper = r.pid;
  // Enough rounds that the counter usually wraps; at least two PIDs stay free.
  const rounds = pidMax - 4 + draw(pidMax);
  for (let i = 0; i < rounds && values(m.procs).length < pidMax - 3; i++) {
    const underKeeper = draw(3) === 0;
    r = spawnOk(m, 'napper', underKeeper ? keeper : undefined);
    m = r.m;
    if (r.pid < 0) break;
    // Some end: killed, they become zombies; init (asleep in wait) reaps its own at the next tick.
    if (draw(4) > 0) m = step(m, { type: 'kill', pid: r.pid, signal: 'SIGKILL' }).machine;
    m = step(m, { type: 'tick' }).machine;
  }
  const last = m.nextPid - 1;
  const held: HeldPid[] = values(m.procs)
    .map((p) => ({
      pid: p.pid,
      ppid: p.ppid,
      zombie: procState(m, p.pid) === 'ZOMBIE',
      name: p.name,
    }))
    .sort((a, b) => a.pid - b.pid);
  const next = spawnOk(m, 'napper');
  const answer = next.pid;
  const wrapped = answer >= 0 && answer <= last;
  const why =
    answer < 0
      ? `Every PID below pid_max ${pidMax} is held, so fork fails (EAGAIN).`
      : wrapped
        ? `No free PID from ${last + 1} up to pid_max − 1 = ${pidMax - 1}, so the counter wraps to ${last + 1 > reserved ? reserved : 1} and takes the first PID no process or zombie holds: ${answer}.`
        : answer === last + 1
          ? `PIDs go up from the last one handed out, ${last}; ${answer} is free.`
          : `PIDs go up from the last one handed out, ${last}; the numbers before ${answer} are still held (a zombie holds its PID until its parent reaps it).`;
  return { seed, pidMax, reserved, last, held, answer, why };
}
