// x86.py's exact text (../shared/ostep-spec-2.md §4), rendered from x86.ts's events: the ARG
// lines, the loader's -v lines, the trace header, one row per instruction and per switch, -S's
// statistics, the original's own messages (ABORT::, bad mov, illegal opcode) and optparse's help.
// Nothing here runs an instruction. Where the original crashes with a traceback, what it printed
// before stays on stdout and one line on stderr says why, with exit code 1.
import { optparseError } from './optparse.ts';
import { textOutput, type OstepOutput } from './output.ts';
import { pyFixed, rjust } from './pyfmt.ts';
import {
  parseX86,
  X86_REGISTERS,
  x86Events,
  type X86Dialect,
  type X86Event,
  type X86Setup,
  type X86Source,
  type X86State,
} from './x86.ts';

const HELP_HEAD = `Usage: x86.py [options]

Options:
  -h, --help            show this help message and exit
  -s SEED, --seed=SEED  the random seed
  -t NUMTHREADS, --threads=NUMTHREADS
                        number of threads
  -p PROGFILE, --program=PROGFILE
                        source program (in .s)
  -i INTFREQ, --interrupt=INTFREQ
                        interrupt frequency
`;
const HELP_P = `  -P PROCSCHED, --procsched=PROCSCHED
                        control exactly which thread runs when
`;
const HELP_MID = `  -r, --randints        if interrupts are random
  -a ARGV, --argv=ARGV  comma-separated per-thread args (e.g., ax=1,ax=2 sets
                        thread 0 ax reg to 1 and thread 1 ax reg to 2);
                        specify multiple regs per thread via colon-separated
                        list (e.g., ax=1:bx=2,cx=3 sets thread 0 ax and bx and
                        just cx for thread 1)
  -L LOADADDR, --loadaddr=LOADADDR
                        address where to load code
  -m MEMSIZE, --memsize=MEMSIZE
                        size of address space (KB)
  -M MEMTRACE, --memtrace=MEMTRACE
                        comma-separated list of addrs to trace (e.g.,
                        20000,20001)
  -R REGTRACE, --regtrace=REGTRACE
                        comma-separated list of regs to trace (e.g.,
                        ax,bx,cx,dx)
  -C, --cctrace         should we trace condition codes
  -S, --printstats      print some extra stats
  -v, --verbose         print some extra info
`;
const HELP_H = `  -H HEADERCOUNT, --headercount=HEADERCOUNT
                        how often to print a row header
`;
const HELP_TAIL = `  -c, --compute         compute answers for me
`;

/** optparse's `-h` text for each dialect (spec Appendix A). */
export const X86_HELP: Record<X86Dialect, string> = {
  intro: HELP_HEAD + HELP_MID + HELP_TAIL,
  locks: HELP_HEAD + HELP_P + HELP_MID + HELP_H + HELP_TAIL,
};

const py = (b: boolean): string => (b ? 'True' : 'False');

/** The ARG lines and the blank line after them (spec §4.2 step 2). */
export function x86ArgLines(s: X86Setup): string {
  return (
    `ARG seed ${s.seed}\nARG numthreads ${s.threads}\nARG program ${s.program}\n` +
    `ARG interrupt frequency ${s.intfreq}\nARG interrupt randomness ${py(s.intrand)}\n` +
    (s.dialect === 'locks' ? `ARG procsched ${s.procsched}\n` : '') +
    `ARG argv ${s.argv}\nARG load address ${s.loadaddr}\nARG memsize ${s.memsize}\n` +
    `ARG memtrace ${s.memtrace}\nARG regtrace ${s.regtrace}\nARG cctrace ${py(s.cctrace)}\n` +
    `ARG printstats ${py(s.printstats)}\nARG verbose ${py(s.verbose)}\n\n`
  );
}

const stats = (s: X86Setup): boolean => s.dialect === 'locks' && s.printstats;

/** The header line (spec §4.8); without its newline when it was cut short. */
export function x86HeaderText(s: X86Setup, h: X86Event & { kind: 'header' }): string {
  let out = stats(s) ? 'icount ' : '';
  for (const m of h.mem)
    out += `${m.kind === 'addr' ? rjust(String(m.addr), 5) : rjust(m.name, 5)} `;
  if (!h.complete) return out;
  if (h.mem.length > 0) out += '  ';
  for (const r of h.regs) out += `${rjust(r, 5)} `;
  if (h.regs.length > 0) out += '  ';
  if (h.cc) out += '>= >  <= <  != == ';
  for (let t = 0; t < h.threads; t++) out += `       Thread ${t}         `;
  return `${out}\n`;
}

/**
 * The trace columns for a state (spec §4.8), and whether printing them crashes the original
 * (with -c, a traced word it cannot read); the text is then what it printed before.
 */
export function x86TraceText(s: X86Setup, st: X86State): { text: string; crash: boolean } {
  let out = stats(s) ? `${rjust(String(st.icount), 6)} ` : '';
  const mem = s.memtrace === '' ? 0 : st.mem.length;
  for (let i = 0; i < mem; i++) {
    if (!s.compute) out += '    ? ';
    else {
      const v = st.mem[i];
      if (v === null) return { text: out, crash: true };
      out += `${rjust(String(v), 5)} `;
    }
  }
  if (mem > 0) out += '  ';
  const regs = s.regtrace === '' ? [] : s.regtrace.split(',');
  const index = X86_REGISTERS[s.dialect];
  for (const r of regs)
    out += s.compute ? `${rjust(String(st.regs[index.indexOf(r)]), 5)} ` : '    ? ';
  if (regs.length > 0) out += '  ';
  if (s.cctrace) for (const c of st.cc) out += s.compute ? (c ? '1  ' : '0  ') : '?  ';
  return { text: out, crash: false };
}

const anyTrace = (s: X86Setup): boolean => s.memtrace !== '' || s.regtrace !== '' || s.cctrace;

/** An output whose stderr and exit code are known once its stdout has been read to the end. */
class StreamedOutput implements OstepOutput {
  stderr = '';
  code = 0;
  readonly stdout: Iterable<string>;
  constructor(stdout: Iterable<string>) {
    this.stdout = stdout;
  }
}

/**
 * A clock in milliseconds, for -S's emulation rate (the original measures its CPU time, so any
 * rate is right: spec T7). The model reads no clock: the command line passes one, and without
 * one the rate is a nominal 1,000 kinst/sec (one microsecond per instruction).
 */
export type Clock = () => number;

/**
 * The text of a run: the ARG lines, then every event as the original prints it. `out` receives
 * the stderr line and exit code of a failure.
 */
function* render(
  setup: X86Setup,
  events: Iterable<X86Event>,
  out: StreamedOutput,
  clock: Clock | null,
): Generator<string> {
  yield x86ArgLines(setup);
  const v = setup.verbose;
  const trace = anyTrace(setup);
  let started = 0;
  const cellUnreadable = (st: X86State): string => {
    const item = setup.memtrace.split(',')[st.mem.findIndex((m) => m === null)];
    return `-M ${item}: the traced word cannot be read (outside memory and never written, or code)`;
  };
  for (const e of events) {
    // a row: what comes before the trace columns, the state they show, what comes after
    let row: [string, X86State, string] | null = null;
    switch (e.kind) {
      case 'var':
        if (v) yield `ASSIGN VAR .var --> ${e.name} ${e.addr}\n`;
        break;
      case 'label':
        if (v) yield `ASSIGN LABEL ${e.name} --> ${e.addr}\n`;
        break;
      case 'pass-end':
        if (v) yield '\n';
        break;
      case 'opcode':
        if (v) yield `opcode ${e.op}\n`;
        break;
      case 'load':
        if (v) yield `pc:${e.addr} LOADING ${rjust(e.text, 20)} --> ${e.encoding}\n`;
        break;
      case 'header': {
        if (!e.repeat && clock !== null) started = clock();
        const locks = setup.dialect === 'locks';
        yield (locks ? '\n' : '') + x86HeaderText(setup, e) + (locks && e.complete ? '\n' : '');
        break;
      }
      case 'row':
        row = ['', e.state, trace ? '\n' : ''];
        break;
      case 'step': {
        let dump = '';
        if (e.dump?.kind === 'rdump') {
          const names = X86_REGISTERS[setup.dialect].slice(1, e.dump.values.length + 1);
          dump = `REGISTERS:: ${e.dump.values.map((x, i) => `${names[i]}: ${x} `).join('')}`;
        } else if (e.dump?.kind === 'mdump') dump = `m[${e.dump.addr}]  ${e.dump.value}\n`;
        row = [dump, e.state, `${' '.repeat(25 * e.tid)}${e.pc} ${e.text}\n`];
        break;
      }
      case 'switch': {
        const cell = e.why === 'halt' ? '----- Halt;Switch -----  ' : '------ Interrupt ------  ';
        row = ['', e.state, `${cell.repeat(setup.threads)}\n`];
        break;
      }
      case 'done':
        if (setup.printstats) {
          const seconds =
            clock === null ? e.instructions / 1e6 : Math.max((clock() - started) / 1000, 1e-9);
          const rate = pyFixed(e.instructions / seconds / 1000, 2);
          yield `\nSTATS:: Instructions    ${e.instructions}\nSTATS:: Emulation Rate  ${rate} kinst/sec\n`;
        }
        return;
      case 'fail':
        out.code = 1;
        if (e.how === 'abort') yield `ABORT:: ${e.message}\n`;
        else if (e.how === 'exit') yield `${e.message}\n`;
        else out.stderr = `x86.py: error: ${e.message}\n`;
        return;
    }
    if (row === null) continue;
    const [before, state, after] = row;
    const t = x86TraceText(setup, state);
    if (t.crash) {
      yield before + t.text;
      out.stderr = `x86.py: error: ${cellUnreadable(state)}\n`;
      out.code = 1;
      return;
    }
    yield before + t.text + after;
  }
}

/** How the command line reads the program file: its text, or why it cannot be read. */
export type ReadProgram = (path: string) => X86Source;

/**
 * `python3 x86.py <argv>` (threads-intro; `dialect: 'locks'` for threads-locks): stdout, stderr
 * and exit code. stdout is produced as it is read, and stderr and the exit code are final once
 * stdout has been read to its end. A program that never halts has an endless stdout, as the
 * original. Never throws.
 */
export function x86Main(
  argv: readonly string[],
  readProgram: ReadProgram,
  dialect: X86Dialect = 'intro',
  clock: Clock | null = null,
): OstepOutput {
  const cmd = parseX86(argv, dialect);
  if (cmd.kind === 'help') return textOutput(X86_HELP[dialect]);
  if (cmd.kind === 'usage') {
    const e = optparseError('x86.py', cmd.message);
    return textOutput(e.stdout, e.stderr, e.code);
  }
  const setup = cmd.setup;
  // the original opens the file at the loader, after its other checks; x86Events reports an
  // unreadable file there, so reading it first changes nothing a reader sees
  const events = function* (): Generator<X86Event> {
    const source: X86Source = setup.program === '' ? '' : readProgram(setup.program);
    yield* x86Events(setup, source);
  };
  const out: StreamedOutput = new StreamedOutput({
    [Symbol.iterator]: () => render(setup, events(), out, clock),
  });
  return out;
}
