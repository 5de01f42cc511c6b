// OSTEP cpu-intro/process-run.py on this kernel, as data: the command line read into a setup (or
// an error naming the offending flag and token), and the solved trace as rows and statistics.
// The programs become kernel programs (cpu = compute 1, io = an I/O of latency L whose completion
// costs one more tick, io_done), the simulator's rules are the kernel's 'ostep' scheduler policy,
// and each row is read off the kernel's events of one tick (../shared/ostep-spec.md §1).
// process-run-text.ts prints all of it exactly as the original does.
//
// Divergences (spec verdict D): input on which the original crashes with a traceback (bad -S/-I,
// -L < 0, an -l X or Y that int()/float() refuse, an empty -P op, `c` with no count) is a
// 'bad-value' error (one line on stderr, exit 1). What the original prints itself is kept as its
// own error kind: 'bad-description' (an -l item that is not X:Y, or no -l/-P at all) and
// 'bad-opcode'. Seeds of any size are accepted, as Python's int.
import type { Instr, Machine, Program, TaskState } from '../kernel/types.ts';
import { createMachine, isFinished } from '../kernel/machine.ts';
import { makeProgram } from '../kernel/program.ts';
import { PyRandom } from './mt19937.ts';
import { pyFloat, pyInt } from './pyfmt.ts';
import { parseArgs, type OptSpec } from './optparse.ts';
import { BatchMachine } from './batch.ts';
import { get } from '../kernel/table.ts';

export type Op = 'cpu' | 'io' | 'io_done';
export type SwitchOn = 'io' | 'end';
export type IoDone = 'later' | 'immediate';

/** What a process shows in one tick: the instruction it ran, or its state (spec §1.6). */
export type Cell = 'RUN:cpu' | 'RUN:io' | 'RUN:io_done' | 'READY' | 'BLOCKED' | 'DONE' | 'RUNNING';

/** A command line process-run.py accepts. */
export type PrSetup = {
  /** the programs, one list of instructions per process (PID 0, 1, …) */
  procs: Op[][];
  /** -L: I/O latency in ticks (≥ 0) */
  L: number;
  /** -S SWITCH_ON_IO / SWITCH_ON_END */
  switchOn: SwitchOn;
  /** -I IO_RUN_LATER / IO_RUN_IMMEDIATE */
  ioDone: IoDone;
  /** -c: solve the trace (otherwise only the listing is printed) */
  solve: boolean;
  /** -p: print the statistics after the trace (only with -c) */
  stats: boolean;
};

/** Why process-run.py refuses a command line, with the flag and the token at fault. */
export type PrError =
  /** optparse refused it (unknown option, missing or non-integer value); exit code 2 */
  | { kind: 'usage'; message: string }
  /** an -l item that is not X:Y ('' when there is no -l and no -P) */
  | { kind: 'bad-description'; flag: '-l'; token: string }
  /** a -P instruction whose first character is neither c nor i */
  | { kind: 'bad-opcode'; flag: '-P'; token: string }
  /** a value the original crashes on (spec Q9), with our sentence */
  | { kind: 'bad-value'; flag: '-S' | '-I' | '-L' | '-l' | '-P'; token: string; message: string };

export type PrCommand =
  { kind: 'help' } | { kind: 'error'; error: PrError } | { kind: 'run'; setup: PrSetup };

/** One tick of the solved trace (spec §1.6). */
export type PrRow = {
  t: number;
  /** an I/O completed at the start of this tick (the `*` after the tick) */
  star: boolean;
  /** one cell per process, by PID */
  cells: Cell[];
  /** an instruction ran in this tick (the CPU column shows 1) */
  cpu: boolean;
  /** I/Os outstanding after this tick's instruction (0: the IOs column is blank) */
  ios: number;
};

/** The figures of `-c -p` (spec §1.4), in ticks. */
export type PrStats = { total: number; cpuBusy: number; ioBusy: number };

const PROCESS_RUN_OPTIONS: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: 0, big: true },
  { short: '-P', long: '--program', dest: 'program', kind: 'string', default: '' },
  { short: '-l', long: '--processlist', dest: 'process_list', kind: 'string', default: '' },
  { short: '-L', long: '--iolength', dest: 'io_length', kind: 'int', default: 5 },
  { short: '-S', long: '--switch', dest: 'switch', kind: 'string', default: 'SWITCH_ON_IO' },
  { short: '-I', long: '--iodone', dest: 'iodone', kind: 'string', default: 'IO_RUN_LATER' },
  { short: '-c', long: '', dest: 'solve', kind: 'flag', default: false },
  { short: '-p', long: '--printstats', dest: 'print_stats', kind: 'flag', default: false },
];

/** Thrown inside the program parsers; {@link parseProcessRun} returns it as data. */
class Refused extends Error {
  readonly error: PrError;
  constructor(error: PrError) {
    super(error.kind);
    this.error = error;
  }
}

const badValue = (flag: '-l' | '-P', token: string, message: string): Refused =>
  new Refused({ kind: 'bad-value', flag, token, message });

/** Parses -P (spec §1.2): ':' separates processes, ',' separates ops. Throws Refused. */
function parseProgramFlag(s: string): Op[][] {
  return s.split(':').map((proc) =>
    proc.split(',').flatMap((op): Op[] => {
      if (op === '') throw badValue('-P', op, `empty instruction in -P ${JSON.stringify(s)}`);
      if (op[0] === 'c') {
        const n = pyInt(op.slice(1));
        if (n === null)
          throw badValue('-P', op, `invalid count in -P instruction ${JSON.stringify(op)}`);
        return Array.from({ length: Math.max(0, n) }, (): Op => 'cpu');
      }
      if (op[0] === 'i') return ['io', 'io_done'];
      throw new Refused({ kind: 'bad-opcode', flag: '-P', token: op });
    }),
  );
}

/** Parses -l (spec §1.2), drawing one random() per instruction. Throws Refused. */
function parseProcessList(s: string, rng: PyRandom): Op[][] {
  return s.split(',').map((item) => {
    const parts = item.split(':');
    if (parts.length !== 2) throw new Refused({ kind: 'bad-description', flag: '-l', token: item });
    const x = pyInt(parts[0]);
    const y = pyFloat(parts[1]);
    if (x === null || y === null)
      throw badValue(
        '-l',
        item,
        `-l item ${JSON.stringify(item)}: X must be an integer and Y a number`,
      );
    const chance = y / 100;
    const ops: Op[] = [];
    for (let i = 0; i < x; i++) {
      if (rng.random() < chance) ops.push('cpu');
      else ops.push('io', 'io_done');
    }
    return ops;
  });
}

/**
 * `process-run.py <argv>` read as the original reads it (spec §1.1: seed, -S/-I checks, the
 * programs, -L). Never throws.
 */
export function parseProcessRun(argv: readonly string[]): PrCommand {
  const parsed = parseArgs(argv, PROCESS_RUN_OPTIONS);
  if (!parsed.ok) return { kind: 'error', error: { kind: 'usage', message: parsed.error } };
  if (parsed.help) return { kind: 'help' };
  const o = parsed.opts;
  const refuse = (error: PrError): PrCommand => ({ kind: 'error', error });
  const rng = new PyRandom(o.seed as number | bigint);
  const S = o.switch as string;
  const I = o.iodone as string;
  if (S !== 'SWITCH_ON_IO' && S !== 'SWITCH_ON_END')
    return refuse({
      kind: 'bad-value',
      flag: '-S',
      token: S,
      message: `-S must be SWITCH_ON_IO or SWITCH_ON_END, not ${JSON.stringify(S)}`,
    });
  if (I !== 'IO_RUN_LATER' && I !== 'IO_RUN_IMMEDIATE')
    return refuse({
      kind: 'bad-value',
      flag: '-I',
      token: I,
      message: `-I must be IO_RUN_LATER or IO_RUN_IMMEDIATE, not ${JSON.stringify(I)}`,
    });
  let procs: Op[][];
  try {
    const P = o.program as string;
    procs = P !== '' ? parseProgramFlag(P) : parseProcessList(o.process_list as string, rng);
  } catch (e) {
    if (e instanceof Refused) return refuse(e.error);
    throw e;
  }
  const L = o.io_length as number;
  if (L < 0)
    return refuse({
      kind: 'bad-value',
      flag: '-L',
      token: String(L),
      message: `-L must be >= 0, not ${L}`,
    });
  return {
    kind: 'run',
    setup: {
      procs,
      L,
      switchOn: S === 'SWITCH_ON_IO' ? 'io' : 'end',
      ioDone: I === 'IO_RUN_LATER' ? 'later' : 'immediate',
      solve: o.solve as boolean,
      stats: o.print_stats as boolean,
    },
  };
}

/** Kernel programs for the OSTEP processes: cpu -> compute 1, io + io_done -> one io of L ticks. */
function toPrograms(procs: Op[][], L: number): Program[] {
  return procs.map((ops, i) => {
    const code: Instr[] = [];
    for (const op of ops) {
      if (op === 'cpu') code.push({ op: 'compute', n: 1, line: 1 });
      else if (op === 'io') code.push({ op: 'io', dev: 'disk', ticks: L, line: 1 });
    }
    return makeProgram(`ostep-p${i}`, [ops.join(' ') || '(empty)'], code);
  });
}

/** A machine running the OSTEP processes under the kernel's 'ostep' policy (pids 1..n). */
function processRunMachine(setup: PrSetup): BatchMachine {
  const programs = toPrograms(setup.procs, setup.L);
  const m: Machine = createMachine(
    {
      ncpu: 1,
      init: false,
      sched: { kind: 'ostep', switchOn: setup.switchOn, ioDone: setup.ioDone },
    },
    0,
    programs,
  );
  const batch = new BatchMachine(m);
  for (const p of programs) batch.act({ type: 'spawn', program: p.name });
  return batch;
}

const RUN: Record<string, Cell> = { compute: 'RUN:cpu', io: 'RUN:io', io_done: 'RUN:io_done' };
const SHOWN: Record<TaskState, Cell> = {
  UNUSED: 'DONE',
  EMBRYO: 'READY',
  RUNNABLE: 'READY',
  RUNNING: 'RUNNING',
  SLEEPING: 'BLOCKED',
  STOPPED: 'READY',
  ZOMBIE: 'DONE',
};

/**
 * The solved trace (spec §1.3), one row per tick as the kernel runs it, produced lazily; the
 * generator's return value is the statistics. Each row is a new object the caller may keep.
 * Never throws.
 */
export function* traceRows(setup: PrSetup): Generator<PrRow, PrStats, void> {
  const batch = processRunMachine(setup);
  const n = setup.procs.length;
  // what each process shows, kept up to date from the kernel's state events: after phase 1
  // (completions) and the instruction, before the running process blocks or finishes and the
  // next one is picked
  const shown: Cell[] = [];
  for (let i = 0; i < n; i++) shown.push(SHOWN[get(batch.machine.tasks, i + 1)!.state]);
  let cpuBusy = 0;
  let ioBusy = 0;
  let inFlight = 0; // I/Os issued in earlier ticks and not yet completed
  while (!isFinished(batch.machine)) {
    const events = batch.act({ type: 'tick' });
    const m = batch.machine;
    const cpu = m.cpus[0];
    let star = false;
    let cells: Cell[] | null = null;
    for (const e of events) {
      if (e.type === 'io-done') {
        star = true;
        inFlight--;
      } else if (e.type === 'state') {
        if (cells === null && e.tid === cpu.ranTid && e.from === 'RUNNING') cells = shown.slice();
        shown[e.tid - 1] = SHOWN[e.to];
      }
    }
    cells ??= shown.slice();
    const op = cpu.ranTid > 0 ? RUN[cpu.ranOp] : undefined;
    if (op !== undefined) {
      cells[cpu.ranTid - 1] = op;
      cpuBusy++;
    }
    if (inFlight > 0) ioBusy++;
    yield { t: m.clock, star, cells, cpu: op !== undefined, ios: inFlight };
    if (cpu.ranOp === 'io') inFlight++;
  }
  return { total: batch.machine.clock, cpuBusy, ioBusy };
}

/** The whole solved trace as data, for a reader's view of it. Never throws. */
export function solveProcessRun(setup: PrSetup): { rows: PrRow[]; stats: PrStats } {
  const rows: PrRow[] = [];
  const it = traceRows(setup);
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) return { rows, stats: r.value };
    rows.push(r.value);
  }
}

/** A solved trace replayed as {@link traceRows} produces it, e.g. for the formatter. */
export function* replayTrace(trace: {
  rows: readonly PrRow[];
  stats: PrStats;
}): Generator<PrRow, PrStats, void> {
  yield* trace.rows;
  return trace.stats;
}
