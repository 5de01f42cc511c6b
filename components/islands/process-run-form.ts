// Pure helpers of the OSTEP process-run homework island: the form's flags as an argv and a
// command line, the model's answer (processRunMain) read back as trace rows and statistics, and
// the simulator's refusals turned into a sentence naming the bad token. No DOM, no Svelte; the
// answers themselves always come from src/os-model/ostep/process-run.ts.
import { processRunMain, type MainResult } from '../../src/os-model/ostep/process-run.ts';

import { isString, oneOf, type Shape } from '../sim/persist.ts';

export const SWITCHES = ['SWITCH_ON_IO', 'SWITCH_ON_END'] as const;
export const IODONES = ['IO_RUN_LATER', 'IO_RUN_IMMEDIATE'] as const;
export type SwitchFlag = (typeof SWITCHES)[number];
export type IoDoneFlag = (typeof IODONES)[number];

/** The form's fields, as the reader typed them (numbers as text, blank for the default). */
export type PrForm = {
  /** -l: processes as X:Y,X:Y (X instructions, Y percent chance each uses the CPU). */
  l: string;
  /** -P: exact programs, prog0:prog1 with ops cN and i separated by commas. Wins over -l. */
  P: string;
  /** -L: I/O length in ticks (blank: 5). */
  L: string;
  S: SwitchFlag;
  I: IoDoneFlag;
  /** -s: random seed (blank: 0). */
  s: string;
};

export const DEFAULT_FORM: PrForm = {
  l: '5:100,5:100',
  P: '',
  L: '',
  S: 'SWITCH_ON_IO',
  I: 'IO_RUN_LATER',
  s: '',
};

/**
 * The argv of `process-run.py` for the form: the flags that differ from the simulator's
 * defaults, in the order -s -l -P -L -S -I, then -c and -p when asked. Never fails.
 */
export function argvOf(f: PrForm, reveal: { c?: boolean; p?: boolean } = {}): string[] {
  const argv: string[] = [];
  const s = f.s.trim();
  if (s !== '' && s !== '0') argv.push('-s', s);
  if (f.l.trim() !== '') argv.push('-l', f.l.trim());
  if (f.P.trim() !== '') argv.push('-P', f.P.trim());
  const L = f.L.trim();
  if (L !== '' && L !== '5') argv.push('-L', L);
  if (f.S !== 'SWITCH_ON_IO') argv.push('-S', f.S);
  if (f.I !== 'IO_RUN_LATER') argv.push('-I', f.I);
  if (reveal.c) argv.push('-c');
  if (reveal.c && reveal.p) argv.push('-p');
  return argv;
}

/** One argument quoted for a POSIX shell when it needs it. Never fails. */
function shellWord(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`;
}

/** The command line a student would type: `./process-run.py -l 5:100,5:100 -c`. Never fails. */
export function commandLine(argv: string[]): string {
  return ['./process-run.py', ...argv.map(shellWord)].join(' ');
}

/** The model's output for these flags: exactly what `python3 process-run.py argv` prints. */
export function run(f: PrForm, reveal: { c?: boolean; p?: boolean } = {}): MainResult {
  return processRunMain(argvOf(f, reveal));
}

/**
 * A sentence naming what is wrong when the simulator refused the flags (exit code not 0), built
 * from the simulator's own message; null when it succeeded. Precondition: `r` is `run(f, …)`.
 * Never fails.
 */
export function problemOf(f: PrForm, r: MainResult): string | null {
  if (r.code === 0) return null;
  const bad = /^Bad description \((.*)\): /.exec(r.stdout);
  if (bad) {
    if (f.l.trim() === '' && f.P.trim() === '')
      return 'There are no processes: give a process list (-l) or a program (-P).';
    return `The process list item "${bad[1]}" is not of the form X:Y (X instructions, Y the percent chance that each uses the CPU).`;
  }
  const op = /^bad opcode (.)/.exec(r.stdout);
  if (op) {
    const token =
      f.P.split(':')
        .flatMap((p) => p.split(','))
        .find((o) => o.startsWith(op[1])) ?? op[1];
    return `The program instruction "${token}" is not valid: an instruction is cN (N ticks of CPU) or i (one I/O).`;
  }
  const msg = r.stderr.replace(/^process-run\.py: error: /, '').trim();
  return `The simulator refused these flags: ${msg || 'unknown error'}.`;
}

export type TraceRow = {
  t: number;
  /** An I/O completed in this tick (the "*" after the tick). */
  star: boolean;
  /** One cell per process: RUN:cpu, RUN:io, RUN:io_done, READY, BLOCKED, DONE (or RUNNING). */
  cells: string[];
  cpu: boolean;
  /** I/Os outstanding (0 when the column is blank). */
  ios: number;
};

/**
 * The rows of a solved trace (`-c` output, spec §1.6): '%3d' tick, '*' or ' ', then a 14-wide
 * cell per process, the CPU cell and the IOs cell. Precondition: `stdout` is process-run's `-c`
 * output for `n` processes. Never fails (lines that are not rows are skipped).
 */
export function parseTrace(stdout: string, n: number): TraceRow[] {
  const rows: TraceRow[] = [];
  for (const line of stdout.split('\n').slice(1)) {
    if (!/^[ \d]{2}\d[ *]/.test(line)) continue;
    const cells: string[] = [];
    for (let i = 0; i < n; i++) cells.push(line.slice(4 + 14 * i, 18 + 14 * i).trim());
    const cpu = line.slice(4 + 14 * n, 18 + 14 * n).trim() === '1';
    const ios = Number(line.slice(18 + 14 * n).trim() || '0');
    rows.push({ t: Number(line.slice(0, 3)), star: line[3] === '*', cells, cpu, ios });
  }
  return rows;
}

export type PrStats = { total: number; cpu: number; io: number };

/** The three figures of `-c -p` (spec §1.4), or null when the output has none. Never fails. */
export function parseStats(stdout: string): PrStats | null {
  const total = /^Stats: Total Time (\d+)$/m.exec(stdout);
  const cpu = /^Stats: CPU Busy (\d+) /m.exec(stdout);
  const io = /^Stats: IO Busy {2}(\d+) /m.exec(stdout);
  if (!total || !cpu || !io) return null;
  return { total: Number(total[1]), cpu: Number(cpu[1]), io: Number(io[1]) };
}

/** The number of processes in a listing (`Process N` lines of the output without -c). */
export function processCount(listing: string): number {
  return (listing.match(/^Process \d+$/gm) ?? []).length;
}

/** The choices offered for a process's cell in one tick. */
export const CELL_CHOICES = ['RUN:cpu', 'RUN:io', 'RUN:io_done', 'READY', 'BLOCKED', 'DONE'];

/**
 * The reader's guesses for one tick against the model's row: which cells are right, and a
 * sentence saying so. Precondition: `guess` has one entry per process. Never fails.
 */
export function checkTick(
  guess: string[],
  row: TraceRow,
): { right: boolean; wrong: number[]; text: string } {
  const wrong = row.cells.flatMap((c, i) => (guess[i] === c ? [] : [i]));
  const actual = row.cells.map((c, i) => `PID ${i} ${c}`).join(', ');
  const text =
    wrong.length === 0
      ? `Right: at tick ${row.t}, ${actual}.`
      : `Not quite: at tick ${row.t}, ${actual} (you had ${wrong
          .map((i) => `PID ${i} ${guess[i] || 'nothing'}`)
          .join(', ')}).`;
  return { right: wrong.length === 0, wrong, text };
}

/** The reader's busy figures against the model's. Never fails. */
export function checkStats(
  guess: { total: string; cpu: string; io: string },
  s: PrStats,
): { right: boolean; text: string } {
  const ok = (g: string, v: number) => g.trim() !== '' && Number(g) === v;
  const right = ok(guess.total, s.total) && ok(guess.cpu, s.cpu) && ok(guess.io, s.io);
  const figures = `total time ${s.total}, CPU busy ${s.cpu}, I/O busy ${s.io} ticks`;
  return {
    right,
    text: right ? `Right: ${figures}.` : `Not quite: the simulator says ${figures}.`,
  };
}

/** What a reader's flags must look like to be restored from storage (components/sim/persist.ts). */
export const FORM_SHAPE: Shape<PrForm> = {
  l: isString,
  P: isString,
  L: isString,
  S: oneOf(SWITCHES),
  I: oneOf(IODONES),
  s: isString,
};
