// Pure helpers of the OSTEP process-run homework island: the form's flags as an argv and a
// command line, the model's answer as data (the programs, the trace rows, the statistics) with
// the simulator's text beside it, and a refusal turned into a sentence naming the bad token. No
// DOM, no Svelte; the answers always come from src/os-model/ostep/process-run.ts, and the text
// from its formatter, process-run-text.ts. Nothing here reads the simulator's text.
import {
  parseProcessRun,
  replayTrace,
  solveProcessRun,
  type Cell,
  type PrError,
  type PrRow,
  type PrStats,
} from '../../src/os-model/ostep/process-run.ts';
import {
  errorOutput,
  listingText,
  PROCESS_RUN_HELP,
  traceText,
} from '../../src/os-model/ostep/process-run-text.ts';
import { collect } from '../../src/os-model/ostep/output.ts';

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

/** The homework for the form's flags: what the reader predicts from, and the answer. */
export type Homework =
  | {
      ok: true;
      /** the number of processes */
      n: number;
      /** what `process-run.py` prints without -c: the programs */
      listing: string;
      /** the solved trace, one row per tick */
      rows: PrRow[];
      stats: PrStats;
      /** what `process-run.py … -c` prints, with the statistics when `withStats` (-p) */
      answer(withStats: boolean): string;
    }
  | {
      ok: false;
      /** a sentence naming what is wrong */
      problem: string;
      /** what the simulator prints, stdout then stderr */
      said: string;
    };

/**
 * Runs the model for the form's flags (src/os-model/ostep/process-run.ts): the programs and
 * the solved trace as data, with the simulator's own text for both, or why the flags are
 * refused. Never fails.
 */
export function homeworkOf(f: PrForm): Homework {
  const cmd = parseProcessRun(argvOf(f));
  if (cmd.kind === 'help')
    return { ok: false, problem: 'The flags ask for help.', said: PROCESS_RUN_HELP };
  if (cmd.kind === 'error') {
    const said = collect(errorOutput(cmd.error));
    return { ok: false, problem: sentenceOf(f, cmd.error), said: said.stdout + said.stderr };
  }
  const { setup } = cmd;
  const trace = solveProcessRun(setup);
  const n = setup.procs.length;
  return {
    ok: true,
    n,
    listing: [...listingText(setup)].join(''),
    rows: trace.rows,
    stats: trace.stats,
    answer: (withStats) => [...traceText(n, replayTrace(trace), withStats)].join(''),
  };
}

/** A sentence naming what is wrong with the flags, from the simulator's refusal. Never fails. */
export function sentenceOf(f: PrForm, error: PrError): string {
  switch (error.kind) {
    case 'bad-description':
      if (f.l.trim() === '' && f.P.trim() === '')
        return 'There are no processes: give a process list (-l) or a program (-P).';
      return `The process list item "${error.token}" is not of the form X:Y (X instructions, Y the percent chance that each uses the CPU).`;
    case 'bad-opcode':
      return `The program instruction "${error.token}" is not valid: an instruction is cN (N ticks of CPU) or i (one I/O).`;
    case 'bad-value':
    case 'usage':
      return `The simulator refused these flags: ${error.message}.`;
  }
}

/** The choices offered for a process's cell in one tick. */
export const CELL_CHOICES: readonly Cell[] = [
  'RUN:cpu',
  'RUN:io',
  'RUN:io_done',
  'READY',
  'BLOCKED',
  'DONE',
];

/**
 * The reader's guesses for one tick against the model's row: which cells are right, and a
 * sentence saying so. Precondition: `guess` has one entry per process. Never fails.
 */
export function checkTick(
  guess: string[],
  row: PrRow,
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
  const right = ok(guess.total, s.total) && ok(guess.cpu, s.cpuBusy) && ok(guess.io, s.ioBusy);
  const figures = `total time ${s.total}, CPU busy ${s.cpuBusy}, I/O busy ${s.ioBusy} ticks`;
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
