// process-run.py's exact text (../shared/ostep-spec.md §1.6), rendered from process-run.ts's
// data: the listing, the solved trace row by row as the simulation produces it, the statistics,
// the original's own error messages and optparse's help. Nothing here decides a trace.
import { optparseError } from './optparse.ts';
import { textOutput, type OstepOutput } from './output.ts';
import {
  parseProcessRun,
  traceRows,
  type Cell,
  type PrError,
  type PrRow,
  type PrSetup,
  type PrStats,
} from './process-run.ts';
import { pyFixed } from './pyfmt.ts';

export const PROCESS_RUN_HELP = `Usage: process-run.py [options]

Options:
  -h, --help            show this help message and exit
  -s SEED, --seed=SEED  the random seed
  -P PROGRAM, --program=PROGRAM
                        more specific controls over programs
  -l PROCESS_LIST, --processlist=PROCESS_LIST
                        a comma-separated list of processes to run, in the
                        form X1:Y1,X2:Y2,... where X is the number of
                        instructions that process should run, and Y the
                        chances (from 0 to 100) that an instruction will use
                        the CPU or issue an IO (i.e., if Y is 100, a process
                        will ONLY use the CPU and issue no I/Os; if Y is 0, a
                        process will only issue I/Os)
  -L IO_LENGTH, --iolength=IO_LENGTH
                        how long an IO takes
  -S PROCESS_SWITCH_BEHAVIOR, --switch=PROCESS_SWITCH_BEHAVIOR
                        when to switch between processes: SWITCH_ON_IO,
                        SWITCH_ON_END
  -I IO_DONE_BEHAVIOR, --iodone=IO_DONE_BEHAVIOR
                        type of behavior when IO ends: IO_RUN_LATER,
                        IO_RUN_IMMEDIATE
  -c                    compute answers for me
  -p, --printstats      print statistics at end; only useful with -c flag
                        (otherwise stats are not printed)
`;

/** The listing printed without -c (spec §1.6), one chunk per process. */
export function* listingText(setup: PrSetup): Generator<string, void, void> {
  yield 'Produce a trace of what would happen when you run these processes:\n';
  for (let i = 0; i < setup.procs.length; i++) {
    let out = `Process ${i}\n`;
    for (const op of setup.procs[i]) out += `  ${op}\n`;
    yield out + '\n';
  }
  yield (
    'Important behaviors:\n' +
    (setup.switchOn === 'io'
      ? '  System will switch when the current process is FINISHED or ISSUES AN IO\n'
      : '  System will switch when the current process is FINISHED\n') +
    (setup.ioDone === 'later'
      ? '  After IOs, the process issuing the IO will run LATER (when it is its turn)\n'
      : '  After IOs, the process issuing the IO will run IMMEDIATELY\n') +
    '\n'
  );
}

const W = 14;
/** Each cell as `'%14s'` prints it, padded once rather than on every row. */
const PADDED: Record<Cell, string> = {
  'RUN:cpu': 'RUN:cpu'.padStart(W),
  'RUN:io': 'RUN:io'.padStart(W),
  'RUN:io_done': 'RUN:io_done'.padStart(W),
  READY: 'READY'.padStart(W),
  BLOCKED: 'BLOCKED'.padStart(W),
  DONE: 'DONE'.padStart(W),
  RUNNING: 'RUNNING'.padStart(W),
};
const CPU_ON = '1'.padStart(W);
const CPU_OFF = ' '.repeat(W);
const IOS_OFF = ' '.repeat(10); // a blank IOs cell is 10 spaces, not 14 (quirk Q7)

/** The header line of the trace for `n` processes. */
function traceHeader(n: number): string {
  let out = 'Time';
  for (let i = 0; i < n; i++) out += `PID:${String(i).padStart(2)}`.padStart(W);
  return out + 'CPU'.padStart(W) + 'IOs'.padStart(W) + '\n';
}

/**
 * Prints the rows of one trace in order. Consecutive rows differ in a few cells, so each row's
 * cells are the previous row's text with only the changed cells replaced: slices of a flat
 * string and a few new pieces, rather than one piece per process.
 */
class RowPrinter {
  /** the previous row's cells, and their text (14 characters per process) */
  private cells: readonly Cell[] | null = null;
  private body = '';

  /** The row's line, with its newline. */
  text(row: PrRow): string {
    const { cells } = row;
    const prev = this.cells;
    let body: string;
    if (prev === null) {
      body = cells.map((c) => PADDED[c]).join('');
    } else {
      body = '';
      let from = 0; // the first cell not yet in `body`
      for (let i = 0; i < cells.length; i++) {
        if (cells[i] === prev[i]) continue;
        body += this.body.slice(from * W, i * W) + PADDED[cells[i]];
        from = i + 1;
      }
      body = from === 0 ? this.body : body + this.body.slice(from * W);
    }
    this.cells = cells;
    this.body = body;
    const t = row.t < 10 ? `  ${row.t}` : row.t < 100 ? ` ${row.t}` : String(row.t);
    const ios = row.ios > 0 ? String(row.ios).padStart(W) : IOS_OFF;
    return `${t}${row.star ? '*' : ' '}${body}${row.cpu ? CPU_ON : CPU_OFF}${ios}\n`;
  }
}

/** The `-p` block: total time, CPU and I/O busy with Python's `%.2f` percentages. */
function statsText(s: PrStats): string {
  return (
    '\n' +
    `Stats: Total Time ${s.total}\n` +
    `Stats: CPU Busy ${s.cpuBusy} (${pyFixed((100 * s.cpuBusy) / s.total, 2)}%)\n` +
    `Stats: IO Busy  ${s.ioBusy} (${pyFixed((100 * s.ioBusy) / s.total, 2)}%)\n` +
    '\n'
  );
}

/**
 * The solved trace (`-c`, and the statistics with `-p`) for `n` processes, one chunk per row,
 * read from `rows` as it produces them: {@link traceRows} for the command line, or a
 * stored trace replayed.
 */
export function* traceText(
  n: number,
  rows: Iterator<PrRow, PrStats, void>,
  withStats: boolean,
): Generator<string, void, void> {
  yield traceHeader(n);
  let r = rows.next();
  const printer = new RowPrinter();
  for (; !r.done; r = rows.next()) yield printer.text(r.value);
  if (withStats) yield statsText(r.value);
}

/** What the original prints for an error: on stdout for its own messages, else on stderr. */
export function errorOutput(error: PrError): OstepOutput {
  switch (error.kind) {
    case 'usage': {
      const e = optparseError('process-run.py', error.message);
      return textOutput(e.stdout, e.stderr, e.code);
    }
    case 'bad-description':
      return textOutput(
        `Bad description (${error.token}): Must be number <x:y>\n` +
          '  where X is the number of instructions\n' +
          '  and Y is the percent change that an instruction is CPU not IO\n',
        '',
        1,
      );
    case 'bad-opcode':
      return textOutput(`bad opcode ${error.token[0]} (should be c or i)\n`, '', 1);
    case 'bad-value':
      return textOutput('', `process-run.py: error: ${error.message}\n`, 1);
  }
}

/** The output of a command line process-run.py accepts: the listing, or the solved trace. */
function setupOutput(setup: PrSetup): OstepOutput {
  const stdout = setup.solve
    ? traceText(setup.procs.length, traceRows(setup), setup.stats)
    : listingText(setup);
  return { stdout, stderr: '', code: 0 };
}

/**
 * `python3 process-run.py <argv>`: stdout (produced as it is read), stderr and exit code.
 * Never throws.
 */
export function processRunMain(argv: readonly string[]): OstepOutput {
  const cmd = parseProcessRun(argv);
  if (cmd.kind === 'help') return textOutput(PROCESS_RUN_HELP);
  if (cmd.kind === 'error') return errorOutput(cmd.error);
  return setupOutput(cmd.setup);
}
