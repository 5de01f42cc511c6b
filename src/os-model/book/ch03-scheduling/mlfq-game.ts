// Chapter 3's "game the MLFQ": a CPU-bound job (the hog) and a job the reader writes (the gamer),
// which runs `burst` ticks of CPU and then does a short I/O, over and over, on the kernel's MLFQ
// policy (kernel/policy/mlfq.ts, OSTEP mlfq.py's rules): 3 levels, a slice of `quantum` ticks and
// an allotment of one slice per level. With `stay` (mlfq.py -S, the old rule 4) a job that blocks
// before its slice is used up gets a fresh slice and stays where it is, so a gamer that always
// blocks in time keeps the top level and most of the CPU. Without it (allotment accounting) every
// tick counts against the job's allotment however it is split, and `boost` (-B) puts every job back
// on top every `boost` ticks, so the hog is not starved either.
// In the model an I/O instruction takes one tick to issue and one to complete (kernel/syscall.ts),
// so one round of the gamer is burst + 2 ticks of CPU and `ioTicks` asleep.
import { createMachine, step } from '../../kernel/machine.ts';
import { makeProgram } from '../../kernel/program.ts';
import { get } from '../../kernel/table.ts';
import type { Instr, Program } from '../../kernel/types.ts';

export type GameSetup = {
  /** Ticks of CPU the gamer runs before each I/O. */
  burst: number;
  /** Ticks each I/O sleeps. */
  ioTicks: number;
  /** The slice of every level, ticks. */
  quantum: number;
  /** mlfq.py -S: a job that blocks keeps its level with a fresh slice and allotment. */
  stay: boolean;
  /** mlfq.py -B: boost every job to the top level every this many ticks (0: never). */
  boost: number;
  /** Ticks to run. */
  window: number;
};

export type GameResult = {
  /** Per tick: 'G' the gamer ran, 'H' the hog, '.' idle. */
  ran: string;
  /** Per tick: the level (2 top … 0 bottom) of the gamer and of the hog at the end of the tick. */
  gamerLevel: number[];
  hogLevel: number[];
  gamerTicks: number;
  hogTicks: number;
  /** The gamer's share of the CPU time used, 0..1. */
  share: number;
  /** share − 1/2: what the gamer took beyond a fair half. */
  stolen: number;
};

export const GAME_DEFAULT: GameSetup = {
  burst: 7,
  ioTicks: 1,
  quantum: 10,
  stay: true,
  boost: 0,
  window: 300,
};

/** The gamer's program: `burst` ticks of work then a read from the disk, forever (unrolled). */
function gamerProgram(s: GameSetup): Program {
  const rounds = Math.ceil(s.window / (s.burst + 2)) + 1;
  const code: Instr[] = [];
  for (let i = 0; i < rounds; i++)
    code.push(
      { op: 'compute', n: s.burst, line: 3 },
      { op: 'io', dev: 'disk', ticks: s.ioTicks, line: 4 },
    );
  code.push({ op: 'exit', status: 0, line: 6 });
  return makeProgram(
    'gamer',
    [
      'int main(void) {',
      '  for (;;) {',
      `    work(${s.burst});            // ${s.burst} ticks of CPU, just under the slice`,
      '    read(fd, buf, 1);   // a short I/O: give the CPU up before the slice ends',
      '  }',
      '}',
    ],
    code,
  );
}

/**
 * Runs the hog and the gamer for `window` ticks under MLFQ. Precondition: the setup passes
 * `checkGame`. Never fails.
 */
export function playGame(s: GameSetup): GameResult {
  const hog = makeProgram(
    'hog',
    ['int main(void) {', '  for (;;) work(1);   // CPU-bound', '}'],
    [{ op: 'compute', n: s.window + 1, line: 2 }],
  );
  let m = createMachine(
    {
      ncpu: 1,
      init: false,
      sched: {
        kind: 'mlfq',
        quantum: s.quantum,
        params: { levels: 3, allotment: 1, stay: s.stay, boost: s.boost },
      },
    },
    0,
    [hog, gamerProgram(s)],
  );
  m = step(m, { type: 'spawn', program: 'hog' }).machine; // tid 1
  m = step(m, { type: 'spawn', program: 'gamer' }).machine; // tid 2
  let ran = '';
  const gamerLevel: number[] = [];
  const hogLevel: number[] = [];
  for (let i = 0; i < s.window; i++) {
    m = step(m, { type: 'tick' }).machine;
    const tid = m.cpus[0].ranTid;
    ran += tid === 2 ? 'G' : tid === 1 ? 'H' : '.';
    hogLevel.push(get(m.tasks, 1)?.se.pri ?? 2);
    gamerLevel.push(get(m.tasks, 2)?.se.pri ?? 2);
  }
  const gamerTicks = [...ran].filter((c) => c === 'G').length;
  const hogTicks = [...ran].filter((c) => c === 'H').length;
  const used = gamerTicks + hogTicks;
  const share = used === 0 ? 0 : gamerTicks / used;
  return { ran, gamerLevel, hogLevel, gamerTicks, hogTicks, share, stolen: share - 0.5 };
}

/**
 * Checks a setup a reader typed. Precondition: none. Failure: a message naming the field at fault.
 */
export function checkGame(s: GameSetup): string | null {
  const whole = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!whole(s.burst, 1, 50)) return 'Ticks before each I/O must be a whole number from 1 to 50.';
  if (!whole(s.ioTicks, 1, 20))
    return 'The I/O length must be a whole number of ticks from 1 to 20.';
  if (!whole(s.quantum, 2, 50)) return 'The slice must be a whole number of ticks from 2 to 50.';
  if (!whole(s.boost, 0, 1000))
    return 'The boost period must be a whole number of ticks from 0 (never) to 1000.';
  if (!whole(s.window, 10, 2000))
    return 'The run must last a whole number of ticks from 10 to 2000.';
  return null;
}
