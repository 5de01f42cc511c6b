// OSTEP's x86.py (threads-intro, and the threads-locks revision as a second dialect) as data: the
// command line read into a setup, the program text assembled into instructions, and the run as
// a stream of events in the order the original prints them — the loader's work, the trace
// header, one event per executed instruction (thread, address, listing text, every register,
// the condition codes, the traced memory words, what it wrote) and one per switch (halt or
// interrupt). x86-text.ts prints the events exactly as the original does; the chapter 6 islands
// read the same events to draw interleavings. ../shared/ostep-spec-2.md §4 is the specification.
//
// The model is pure: the program text comes in as a string (the command line reads the file).
// Numbers in registers and memory are bigints, as Python's ints are unbounded.
//
// Divergences (spec §5, verdict D): where the original crashes with a Python traceback, a 'fail'
// event of kind 'crash' carries one sentence instead (exit 1, the same stdout before it). `mdump`
// accepts a decimal integer only (T8: the original evaluates its operand as Python). Reading a
// word that holds an instruction as data is a crash here (T9: the original keeps going with the
// instruction's text in a register until something does arithmetic or prints it). `-S`'s rate is
// whatever the caller measures (T7).

import { PyRandom } from './mt19937.ts';
import { parseArgs, type OptSpec } from './optparse.ts';
import { pyBigInt } from './pyfmt.ts';

/** 'intro' is threads-intro/x86.py (what `x86` means); 'locks' is threads-locks/x86.py (§4.12). */
export type X86Dialect = 'intro' | 'locks';

/** A command line x86.py accepts (spec §4.1; -P and -H only in the locks dialect). */
export type X86Setup = {
  dialect: X86Dialect;
  seed: number | bigint;
  threads: number;
  program: string;
  intfreq: number;
  intrand: boolean;
  argv: string;
  loadaddr: number;
  memsize: number;
  memtrace: string;
  regtrace: string;
  cctrace: boolean;
  printstats: boolean;
  verbose: boolean;
  compute: boolean;
  /** locks: -P, the explicit schedule ('' = round robin with interrupts) */
  procsched: string;
  /** locks: -H, reprint the header every N instructions (≤ 0: never) */
  headercount: number;
};

export type X86Command =
  { kind: 'help' } | { kind: 'usage'; message: string } | { kind: 'run'; setup: X86Setup };

const INTRO_OPTIONS: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: 0, big: true },
  { short: '-t', long: '--threads', dest: 'threads', kind: 'int', default: 2 },
  { short: '-p', long: '--program', dest: 'program', kind: 'string', default: '' },
  { short: '-i', long: '--interrupt', dest: 'intfreq', kind: 'int', default: 50 },
  { short: '-r', long: '--randints', dest: 'intrand', kind: 'flag', default: false },
  { short: '-a', long: '--argv', dest: 'argv', kind: 'string', default: '' },
  { short: '-L', long: '--loadaddr', dest: 'loadaddr', kind: 'int', default: 1000 },
  { short: '-m', long: '--memsize', dest: 'memsize', kind: 'int', default: 128 },
  { short: '-M', long: '--memtrace', dest: 'memtrace', kind: 'string', default: '' },
  { short: '-R', long: '--regtrace', dest: 'regtrace', kind: 'string', default: '' },
  { short: '-C', long: '--cctrace', dest: 'cctrace', kind: 'flag', default: false },
  { short: '-S', long: '--printstats', dest: 'printstats', kind: 'flag', default: false },
  { short: '-v', long: '--verbose', dest: 'verbose', kind: 'flag', default: false },
  { short: '-c', long: '--compute', dest: 'compute', kind: 'flag', default: false },
];

const LOCKS_OPTIONS: OptSpec[] = [
  ...INTRO_OPTIONS.slice(0, 4),
  { short: '-P', long: '--procsched', dest: 'procsched', kind: 'string', default: '' },
  ...INTRO_OPTIONS.slice(4, 13),
  { short: '-H', long: '--headercount', dest: 'headercount', kind: 'int', default: -1 },
  INTRO_OPTIONS[13],
];

/** Reads x86.py's command line (optparse's rules, spec §0.1). Never throws. */
export function parseX86(argv: readonly string[], dialect: X86Dialect = 'intro'): X86Command {
  const parsed = parseArgs(argv, dialect === 'intro' ? INTRO_OPTIONS : LOCKS_OPTIONS);
  if (!parsed.ok) return { kind: 'usage', message: parsed.error };
  if (parsed.help) return { kind: 'help' };
  const o = parsed.opts;
  return {
    kind: 'run',
    setup: {
      dialect,
      seed: o.seed as number | bigint,
      threads: o.threads as number,
      program: o.program as string,
      intfreq: o.intfreq as number,
      intrand: o.intrand as boolean,
      argv: o.argv as string,
      loadaddr: o.loadaddr as number,
      memsize: o.memsize as number,
      memtrace: o.memtrace as string,
      regtrace: o.regtrace as string,
      cctrace: o.cctrace as boolean,
      printstats: o.printstats as boolean,
      verbose: o.verbose as boolean,
      compute: o.compute as boolean,
      procsched: (o.procsched as string | undefined) ?? '',
      headercount: (o.headercount as number | undefined) ?? -1,
    },
  };
}

/** The register names in register-number order (zero is the hidden always-0 register). */
export const X86_REGISTERS: Record<X86Dialect, readonly string[]> = {
  intro: ['zero', 'ax', 'bx', 'cx', 'dx', 'sp', 'bp'],
  locks: ['zero', 'ax', 'bx', 'cx', 'dx', 'ex', 'fx', 'sp', 'bp'],
};

/** The condition codes in the order the trace prints them: `>= >  <= <  != ==`. */
export const X86_CONDITIONS = ['>=', '>', '<=', '<', '!=', '=='] as const;

/** Where a thread's registers and flags are, at one moment. */
export type X86State = {
  /** the thread whose context is on the CPU */
  tid: number;
  /** its next instruction's address */
  pc: bigint;
  /** every register, in {@link X86_REGISTERS} order */
  regs: bigint[];
  /** the condition codes in {@link X86_CONDITIONS} order */
  cc: boolean[];
  /** each -M item's word (null: the original cannot read it: outside memory, or code) */
  mem: (bigint | null)[];
  /** instructions executed so far */
  icount: number;
};

/** One -M column in the header. */
export type X86MemColumn = { kind: 'addr'; addr: bigint } | { kind: 'var'; name: string };

/** How a run stops early: the original's own message or a crash (exit 1 either way). */
export type X86Failure = {
  /** abort: `ABORT:: <message>`; exit: `<message>` (the original's print-and-exit); crash: a traceback in the original */
  how: 'abort' | 'exit' | 'crash';
  message: string;
};

export type X86Event =
  /** loader pass 1: a `.var` and its address */
  | { kind: 'var'; name: string; addr: bigint }
  /** loader pass 1: a label and its address */
  | { kind: 'label'; name: string; addr: bigint }
  /** the end of a loader pass */
  | { kind: 'pass-end' }
  /** locks dialect, loader pass 2: the opcode about to be assembled */
  | { kind: 'opcode'; op: string }
  /** loader pass 2: an instruction stored at addr, its listing text and its encoding */
  | { kind: 'load'; addr: bigint; text: string; encoding: string }
  /** the trace header; `complete` false when a -M item stopped it (a 'fail' follows) */
  | {
      kind: 'header';
      mem: X86MemColumn[];
      regs: string[];
      cc: boolean;
      threads: number;
      complete: boolean;
      /** locks -H: a reprint in the middle of the run */
      repeat: boolean;
    }
  /** the trace row under a header (the state before anything more runs) */
  | { kind: 'row'; state: X86State }
  /** one instruction executed by thread tid at address pc */
  | {
      kind: 'step';
      tid: number;
      pc: bigint;
      text: string;
      op: string;
      state: X86State;
      writes: { addr: bigint; value: bigint }[];
      /** rdump's registers (ax, bx, cx, dx[, ex, fx]) or mdump's address and word */
      dump?: { kind: 'rdump'; values: bigint[] } | { kind: 'mdump'; addr: bigint; value: bigint };
    }
  /** a context switch: after a halt, or an interrupt (timer or yield); state is the new thread's */
  | { kind: 'switch'; why: 'halt' | 'interrupt'; from: number; to: number; state: X86State }
  /** every thread has halted */
  | { kind: 'done'; instructions: number }
  | ({ kind: 'fail' } & X86Failure);

/** One assembled instruction. */
export type X86Instr = {
  /** the method of the original's cpu class it calls (move_i_to_r, jump_equal, halt, …) */
  fn: string;
  /** its arguments: numbers for registers, bigints for values, addresses and displacements */
  args: bigint[];
  /** mdump's operand text, verbatim */
  raw?: string;
  /** the listing text: the line without its comment, trimmed */
  text: string;
  /** the opcode as written */
  op: string;
};

/** The program text, as read from the file; `null` when it cannot be read (with why). */
export type X86Source = string | { error: string };

class Stop {
  readonly how: X86Failure['how'];
  readonly message: string;
  constructor(how: X86Failure['how'], message: string) {
    this.how = how;
    this.message = message;
  }
}

const abort = (message: string): never => {
  throw new Stop('abort', message);
};
const crash = (message: string): never => {
  throw new Stop('crash', message);
};
const zassert = (cond: boolean, message: string): void => {
  if (!cond) abort(message);
};

// Python's str.isspace() for the characters that matter (ASCII, Latin-1 and Unicode spaces).
const WS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RE = new RegExp(`[${WS}]+`, 'g');
const LEAD = new RegExp(`^[${WS}]+`);
const TRAIL = new RegExp(`[${WS}]+$`);

const pyStrip = (s: string): string => s.replace(LEAD, '').replace(TRAIL, '');
const pyRstrip = (s: string): string => s.replace(TRAIL, '');
/** `s.split()` */
const pySplit = (s: string): string[] => s.split(WS_RE).filter((t) => t !== '');
/** `s.split(None, 1)`: the first word and the rest after the whitespace that follows it. */
function pySplit1(s: string): [string, string | undefined] {
  const t = s.replace(LEAD, '');
  WS_RE.lastIndex = 0;
  const m = WS_RE.exec(t);
  if (!m) return [t, undefined];
  const rest = t.slice(m.index + m[0].length);
  return [t.slice(0, m.index), rest === '' ? undefined : rest];
}
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAllDigits = (s: string): boolean => /^[0-9]+$/.test(s);
const isAlpha = (c: string | undefined): boolean => c !== undefined && /^\p{L}$/u.test(c);

/** Python `int(text)` or a crash naming what could not be read. */
function pyIntOrCrash(text: string, what: string): bigint {
  const v = pyBigInt(text, 10);
  if (v === null) crash(`${what}: ${JSON.stringify(text)} is not an integer`);
  return v as bigint;
}

type Operand =
  | { kind: 'imm'; value: bigint }
  | { kind: 'reg'; reg: number }
  | { kind: 'mem'; disp: bigint; r1: number; r2: number; scale: bigint }
  | { kind: 'label'; name: string };

/** The program's lines as the original iterates a text file (universal newlines). */
function sourceLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A line with its comment removed, or null when it has no words (spec §4.3). */
function cleanLine(line: string, lineNo: number): string | null {
  let cline = pyRstrip(line);
  const parts = cline.split('#');
  if (parts.length > 2) crash(`line ${lineNo} has more than one '#'`);
  if (parts.length === 2) cline = parts[0];
  return pySplit(cline).length === 0 ? null : cline;
}

/** What the assembler knows while it reads pass 2. */
class Assembler {
  readonly regIndex: Map<string, number>;
  readonly dialect: X86Dialect;
  readonly vars: Map<string, bigint>;
  readonly labels: Map<string, bigint>;
  constructor(dialect: X86Dialect, vars: Map<string, bigint>, labels: Map<string, bigint>) {
    this.dialect = dialect;
    this.vars = vars;
    this.labels = labels;
    this.regIndex = new Map(X86_REGISTERS[dialect].map((r, i) => [r, i]));
  }

  reg(name: string): number {
    const r = this.regIndex.get(name);
    if (r === undefined) abort(`Register ${name} is not a valid register`);
    return r as number;
  }

  /** locks: a register slot inside parentheses ('' means zero). */
  regName(r: string): string {
    const t = pyStrip(r);
    if (t === '') return 'zero';
    zassert(t[0] === '%', `Expecting a proper register name, got [${r}]`);
    return pyStrip(r.split('%')[1]);
  }

  mem(disp: bigint, r1: number, r2 = 0, scale = 1n): Operand {
    return { kind: 'mem', disp, r1, r2, scale };
  }

  /** The original's getarg (spec §4.4; §4.12 for the locks dialect). */
  operand(arg: string): Operand {
    const locks = this.dialect === 'locks';
    const t = arg.replaceAll(',', locks ? ' ' : '').replaceAll(' \t', '');
    if (t === '') crash('an operand is empty');
    const c = t[0];
    if (c === '$') return locks ? this.locksImmediate(t) : this.introImmediate(t);
    if (c === '%') return { kind: 'reg', reg: this.reg(t.split('%')[1]) };
    if (c === '(' && !locks) {
      const inner = t.split('(')[1].split(')')[0].split('%');
      if (inner.length < 2) crash(`no register inside the parentheses of ${JSON.stringify(t)}`);
      return this.mem(0n, this.reg(inner[1]), this.reg('zero'));
    }
    if (c === '.') return { kind: 'label', name: t };
    if (isAlpha(c)) {
      zassert(this.vars.has(t), `Variable ${t} is not declared`);
      return this.mem(this.vars.get(t) as bigint, this.reg('zero'), this.reg('zero'));
    }
    if (isDigit(c) || c === '-' || c === '(') return this.address(t);
    return crash(`cannot read the operand ${JSON.stringify(t)}`);
  }

  /** intro: `$d`, one digit. */
  private introImmediate(t: string): Operand {
    zassert([...t].length === 2, `correct form is $number (not ${t})`);
    const value = t.split('$')[1];
    zassert(isAllDigits(value), `value [${value}] must be a digit`);
    return { kind: 'imm', value: BigInt(value) };
  }

  /** locks: `$[-]digits`. */
  private locksImmediate(t: string): Operand {
    let value = t.split('$')[1];
    if (value === '') crash(`the immediate ${JSON.stringify(t)} has no value`);
    let neg = 1n;
    if (value[0] === '-') {
      value = value.slice(1);
      neg = -1n;
    }
    zassert(isAllDigits(value), `value [${value}] must be a digit`);
    return { kind: 'imm', value: neg * BigInt(value) };
  }

  /** `[-]N`, `[-]N(%r)`; locks also `[-][N](r1[,r2[,scale]])`. */
  private address(text: string): Operand {
    let t = text;
    let neg = 1n;
    if (t[0] === '-') {
      t = t.slice(1);
      neg = -1n;
    }
    const s = t.split('(');
    if (s.length === 1) {
      const v = neg * pyIntOrCrash(t, 'a memory address');
      return this.mem(v, this.reg('zero'), this.reg('zero'));
    }
    if (s.length === 2 && this.dialect === 'intro') {
      const v = neg * pyIntOrCrash(s[0], 'a displacement');
      const inner = s[1].split(')')[0].split('%');
      if (inner.length < 2) crash(`no register inside the parentheses of ${JSON.stringify(t)}`);
      return this.mem(v, this.reg(inner[1]), this.reg('zero'));
    }
    if (s.length === 2) {
      let v = 0n;
      if (t[0] !== '(') {
        zassert(isAllDigits(pyStrip(s[0])), `First number should be a digit [${s[0]}]`);
        v = neg * (pyBigInt(s[0], 10) as bigint);
      }
      const parts = s[1].split(')')[0].split('__BREAK__');
      if (parts.length === 1) return this.mem(v, this.reg(this.regName(parts[0])), 0);
      if (parts.length <= 3) {
        const r1 = this.regName(parts[0]);
        const r2 = this.regName(parts[1]);
        const scale = parts.length === 3 ? pyIntOrCrash(parts[2], 'a scale') : 1n;
        return this.mem(v, this.reg(r1), this.reg(r2), scale);
      }
    }
    throw new Stop('exit', `mov: bad argument [${t}]`);
  }

  /** locks: mov's operand text with the commas inside parentheses marked (removecommas). */
  private removeCommas(cline: string, args: string): string {
    let inParen = false;
    let out = '';
    for (const ch of args) {
      if (ch === '(') {
        zassert(!inParen, `cannot have nested parenthesis in argument [${cline}]`);
        inParen = true;
      }
      if (ch === ')') {
        zassert(inParen, `cannot have right parenthesis without first having left one [${cline}]`);
        inParen = false;
      }
      out += inParen && ch === ',' ? '__BREAK__' : ch;
    }
    zassert(!inParen, `did not close parentheses [${cline}]`);
    return out;
  }

  /** Two operands split at the first comma, each classified (source first). */
  private two(op: string, rest: string | undefined, cline: string): [Operand, Operand] {
    if (rest === undefined) crash(`${op} needs operands`);
    const r = rest as string;
    const comma = r.indexOf(',');
    zassert(comma >= 0, `${op}: needs two args, separated by commas [${cline}]`);
    const src = this.operand(pyStrip(r.slice(0, comma)));
    const dst = this.operand(pyStrip(r.slice(comma + 1)));
    return [src, dst];
  }

  private one(op: string, rest: string | undefined): Operand {
    if (rest === undefined) crash(`${op} needs an operand`);
    return this.operand(pyStrip(rest as string));
  }

  private label(name: string): bigint {
    const at = this.labels.get(name);
    if (at === undefined) crash(`the label ${name} is not defined`);
    return at as bigint;
  }

  /** mem's (disp, r1, r2[, scale]) as the encoding lists them. */
  private memArgs(m: Operand & { kind: 'mem' }): bigint[] {
    const a = [m.disp, BigInt(m.r1), BigInt(m.r2)];
    return this.dialect === 'locks' ? [...a, m.scale] : a;
  }

  /** One instruction line (pass 2): its instruction, or a Stop. */
  instruction(cline: string): X86Instr {
    const [op, rest] = pySplit1(cline);
    const text = pyStrip(cline);
    const make = (fn: string, args: bigint[]): X86Instr => ({ fn, args, text, op });
    const regN = (o: Operand & { kind: 'reg' }): bigint => BigInt(o.reg);
    switch (op) {
      case 'mov': {
        let src: Operand;
        let dst: Operand;
        if (this.dialect === 'intro') [src, dst] = this.two(op, rest, cline);
        else {
          if (rest === undefined) crash('mov needs operands');
          const parts = this.removeCommas(cline, rest as string).split(',');
          zassert(parts.length === 2, `mov: needs two args, separated by commas [${cline}]`);
          src = this.operand(pyStrip(parts[0]));
          dst = this.operand(pyStrip(parts[1]));
        }
        if (src.kind === 'mem' && dst.kind === 'mem')
          throw new Stop('exit', 'bad mov: two memory arguments');
        if (src.kind === 'imm' && dst.kind === 'imm')
          throw new Stop('exit', 'bad mov: two immediate arguments');
        if (src.kind === 'imm' && dst.kind === 'reg')
          return make('move_i_to_r', [src.value, regN(dst)]);
        if (src.kind === 'mem' && dst.kind === 'reg')
          return make('move_m_to_r', [...this.memArgs(src), regN(dst)]);
        if (src.kind === 'reg' && dst.kind === 'mem')
          return make('move_r_to_m', [regN(src), ...this.memArgs(dst)]);
        if (src.kind === 'reg' && dst.kind === 'reg')
          return make('move_r_to_r', [regN(src), regN(dst)]);
        if (src.kind === 'imm' && dst.kind === 'mem')
          return make('move_i_to_m', [src.value, ...this.memArgs(dst)]);
        return abort('malformed mov instruction');
      }
      case 'lea':
      case 'neg':
      case 'mul':
        if (this.dialect === 'intro') break;
        if (op === 'neg') {
          zassert(rest !== undefined, 'neg: takes one argument');
          const o = this.operand(pyStrip(rest as string));
          zassert(o.kind === 'reg', 'Can only neg a register');
          return make('neg_r', [regN(o as Operand & { kind: 'reg' })]);
        }
        if (op === 'lea') {
          const [src, dst] = this.two(op, rest, cline);
          if (src.kind === 'mem' && dst.kind === 'reg')
            return make('lea_m_to_r', [...this.memArgs(src), regN(dst)]);
          return abort(
            'malformed lea instruction (should be memory address source to register destination',
          );
        } else {
          const [src, dst] = this.two(op, rest, cline);
          if (src.kind === 'imm' && dst.kind === 'reg')
            return make('mul_i_to_r', [src.value, regN(dst)]);
          if (src.kind === 'reg' && dst.kind === 'reg')
            return make('mul_r_to_r', [regN(src), regN(dst)]);
          return abort('malformed usage of add instruction');
        }
      case 'pop': {
        if (rest === undefined) return make('pop', []);
        const o = this.operand(pyStrip(rest));
        zassert(o.kind === 'reg', 'Can only pop into a register');
        return make('pop_r', [regN(o as Operand & { kind: 'reg' })]);
      }
      case 'push': {
        const o = this.one(op, rest);
        if (o.kind === 'reg') return make('push_r', [regN(o)]);
        if (o.kind === 'mem') return make('push_m', this.memArgs(o));
        return abort('Cannot push anything but registers');
      }
      case 'call': {
        const o = this.one(op, rest);
        if (o.kind === 'label') return make('call', [this.label(o.name)]);
        return abort('Cannot call anything but a label');
      }
      case 'ret':
        if (rest !== undefined) crash('ret takes no operand');
        return make('ret', []);
      case 'add':
      case 'sub': {
        const [src, dst] = this.two(op, rest, cline);
        if (src.kind === 'imm' && dst.kind === 'reg')
          return make(`${op}_i_to_r`, [src.value, regN(dst)]);
        if (src.kind === 'reg' && dst.kind === 'reg')
          return make(`${op}_r_to_r`, [regN(src), regN(dst)]);
        return abort(`malformed usage of ${op} instruction`);
      }
      case 'fetchadd':
      case 'xchg': {
        const [src, dst] = this.two(op, rest, cline);
        if (dst.kind !== 'mem') crash(`${op}'s second operand must be a memory address`);
        if (src.kind === 'reg')
          // both dialects encode (and use) only disp, r1, r2: the locks copy drops the scale
          return make(op === 'xchg' ? 'atomic_exchange' : 'fetchadd', [
            regN(src),
            ...this.memArgs(dst as Operand & { kind: 'mem' }).slice(0, 3),
          ]);
        return abort(
          op === 'xchg' ? 'poorly specified atomic exchange' : 'poorly specified fetch and add',
        );
      }
      case 'test': {
        const [src, dst] = this.two(op, rest, cline);
        if (src.kind === 'imm' && dst.kind === 'reg')
          return make('test_i_r', [src.value, regN(dst)]);
        if (src.kind === 'reg' && dst.kind === 'reg')
          return make('test_r_r', [regN(src), regN(dst)]);
        if (src.kind === 'reg' && dst.kind === 'imm')
          return make('test_r_i', [regN(src), dst.value]);
        return abort('malformed usage of test instruction');
      }
      case 'j':
      case 'jne':
      case 'je':
      case 'jlt':
      case 'jlte':
      case 'jgt':
      case 'jgte': {
        const o = this.one(op, rest);
        zassert(o.kind === 'label', `bad jump target [${pyStrip(rest as string)}]`);
        return make(JUMPS[op], [this.label((o as Operand & { kind: 'label' }).name)]);
      }
      case 'nop':
        return make('nop', []);
      case 'halt':
        return make('halt', []);
      case 'yield':
        return make('iyield', []);
      case 'rdump':
        return make('rdump', []);
      case 'mdump':
        if (rest === undefined) crash('mdump needs an operand');
        return { ...make('mdump', []), raw: rest };
    }
    throw new Stop('exit', `illegal opcode:  ${op}`);
  }
}

/** Which condition code (index in {@link X86_CONDITIONS}) each jump tests; -1: always. */
const JUMP_ON: Record<string, number> = {
  jump: -1,
  jump_greaterthanorequal: 0,
  jump_greaterthan: 1,
  jump_lessthanorequal: 2,
  jump_lessthan: 3,
  jump_notequal: 4,
  jump_equal: 5,
};

const JUMPS: Record<string, string> = {
  j: 'jump',
  jne: 'jump_notequal',
  je: 'jump_equal',
  jlt: 'jump_lessthan',
  jlte: 'jump_lessthanorequal',
  jgt: 'jump_greaterthan',
  jgte: 'jump_greaterthanorequal',
};

/** The `-v` text of an instruction's encoding (spec §4.5), e.g. `self.move_i_to_r(1, 2)`. */
export function x86Encoding(i: X86Instr): string {
  if (i.fn === 'mdump') return `self.mdump(${i.raw ?? ''})`;
  const sep = i.fn === 'push_m' ? ',' : ', ';
  return `self.${i.fn}(${i.args.map(String).join(sep)})`;
}

/** mdump's operand as the only Python expression this port evaluates: a decimal integer. */
function mdumpIndex(raw: string): bigint | null {
  const m = new RegExp(`^[${WS}]*([+-]?)[${WS}]*(0+|[1-9](?:_?[0-9])*)[${WS}]*$`).exec(raw);
  if (!m) return null;
  const v = BigInt(m[2].replaceAll('_', ''));
  return m[1] === '-' ? -v : v;
}

/** The loaded program: addresses of variables and labels, and the instructions by address. */
export type X86Program = {
  vars: Map<string, bigint>;
  labels: Map<string, bigint>;
  code: Map<bigint, X86Instr>;
};

/**
 * The loader (spec §4.3): yields the -v events of both passes, returns the program, or throws
 * a Stop (after yielding what was printed before it).
 */
function* load(
  dialect: X86Dialect,
  text: string,
  loadaddr: bigint,
): Generator<X86Event, X86Program> {
  const lines = sourceLines(text);
  const vars = new Map<string, bigint>();
  const labels = new Map<string, bigint>();
  let pc = loadaddr;
  let data = 100n;
  for (let n = 0; n < lines.length; n++) {
    const cline = cleanLine(lines[n], n + 1);
    if (cline === null) continue;
    const words = pySplit(cline);
    if (words[0] === '.var') {
      const ok = words.length === 2 || (dialect === 'locks' && words.length === 3);
      if (!ok)
        crash(
          `line ${n + 1}: .var takes one name${dialect === 'locks' ? ' and an optional size' : ''}`,
        );
      if (vars.has('.var')) crash(`line ${n + 1}: a variable called .var was declared before`);
      vars.set(words[1], data);
      const mul = words.length === 3 ? pyIntOrCrash(words[2], `line ${n + 1}: .var's size`) : 1n;
      data += 4n * mul;
      zassert(data < loadaddr, 'Load address overrun by static data');
      yield { kind: 'var', name: words[1], addr: vars.get(words[1]) as bigint };
    } else if (words[0][0] === '.') {
      if (words.length !== 1) crash(`line ${n + 1}: a label must be alone on its line`);
      labels.set(words[0], pc);
      yield { kind: 'label', name: words[0], addr: pc };
    } else {
      pc += 1n;
    }
  }
  yield { kind: 'pass-end' };
  const asm = new Assembler(dialect, vars, labels);
  const code = new Map<bigint, X86Instr>();
  pc = loadaddr;
  for (let n = 0; n < lines.length; n++) {
    const cline = cleanLine(lines[n], n + 1);
    if (cline === null || cline[0] === '.') continue;
    if (dialect === 'locks') yield { kind: 'opcode', op: pySplit1(cline)[0] };
    const instr = asm.instruction(cline);
    code.set(pc, instr);
    yield { kind: 'load', addr: pc, text: instr.text, encoding: x86Encoding(instr) };
    pc += 1n;
  }
  yield { kind: 'pass-end' };
  return { vars, labels, code };
}

type Thread = { tid: number; pc: bigint; regs: bigint[]; cc: boolean[]; done: boolean };

/**
 * Runs x86.py on `setup` and the program text: every event, in the order the original prints,
 * ending with 'done' or 'fail' — or never ending, when the program never halts (as the
 * original). Read lazily; never throws.
 */
export function* x86Events(setup: X86Setup, source: X86Source): Generator<X86Event> {
  try {
    yield* run(setup, source);
  } catch (e) {
    if (e instanceof Stop) {
      yield { kind: 'fail', how: e.how, message: e.message };
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    yield { kind: 'fail', how: 'crash', message: `internal error: ${message}` };
  }
}

function* run(setup: X86Setup, source: X86Source): Generator<X86Event> {
  const { dialect } = setup;
  const regNames = X86_REGISTERS[dialect];
  const regIndex = new Map(regNames.map((r, i) => [r, i]));
  const SP = regIndex.get('sp') as number;

  // start-up checks (spec §4.2)
  zassert(setup.intfreq > 0, 'Interrupt frequency must be greater than 0');
  zassert(setup.program !== '', 'Program file must be specified');
  const args = setup.argv.split(',');
  zassert(
    args.length === setup.threads || args.length === 1,
    'argv: must be one per-thread or just one set of values for all threads',
  );
  const rng = new PyRandom(setup.seed);
  const memtrace = setup.memtrace === '' ? [] : setup.memtrace.split(',');
  const regtrace = setup.regtrace === '' ? [] : setup.regtrace.split(',');
  const traced: number[] = [];
  for (const r of regtrace) {
    zassert(regIndex.has(r), `Register ${r} cannot be traced because it does not exist`);
    traced.push(regIndex.get(r) as number);
  }

  // load
  if (typeof source !== 'string') crash(source.error);
  const loadaddr = BigInt(setup.loadaddr);
  const program = yield* load(dialect, source as string, loadaddr);

  // memory: words 0 … 1024·m − 1 read as 0 until written; code cells hold instructions
  const maxMem = BigInt(setup.memsize) * 1024n;
  const data = new Map<bigint, bigint>();
  const code = new Map(program.code);
  const readable = (addr: bigint): boolean =>
    !code.has(addr) && (data.has(addr) || (addr >= 0n && addr < maxMem));
  const read = (addr: bigint): bigint => {
    if (code.has(addr))
      crash(`address ${addr} holds an instruction, which this port does not read as data`);
    const v = data.get(addr);
    if (v !== undefined) return v;
    if (addr >= 0n && addr < maxMem) return 0n;
    return crash(`address ${addr} is outside memory and was never written`);
  };
  let writes: { addr: bigint; value: bigint }[] = [];
  const write = (addr: bigint, value: bigint): void => {
    code.delete(addr);
    data.set(addr, value);
    writes.push({ addr, value });
  };

  // threads (spec §4.6)
  const threads: Thread[] = [];
  let stack = BigInt(setup.memsize) * 1000n;
  for (let t = 0; t < setup.threads; t++) {
    const init = args.length > 1 ? args[t] : args[0];
    const regs = regNames.map(() => 0n);
    if (init !== '') {
      for (const item of init.split(':')) {
        const kv = item.split('=');
        if (kv.length !== 2) crash(`-a: ${JSON.stringify(item)} is not register=value`);
        const r = regIndex.get(kv[0]);
        if (r === undefined) crash(`-a: ${JSON.stringify(kv[0])} is not a register`);
        regs[r as number] = pyIntOrCrash(kv[1], `-a ${kv[0]}`);
      }
    }
    regs[SP] = stack;
    threads.push({
      tid: t,
      pc: loadaddr,
      regs,
      cc: [false, false, false, false, false, false],
      done: false,
    });
    stack -= 1000n;
  }

  // the schedule: round robin over the threads, or locks' -P order
  let manual = false;
  let order = threads.map((_, i) => i);
  if (dialect === 'locks' && setup.procsched !== '') {
    manual = true;
    order = [];
    for (const ch of setup.procsched) {
      if (!isDigit(ch)) crash(`-P: ${JSON.stringify(ch)} is not a thread number`);
      const p = Number(ch);
      if (p >= threads.length)
        throw new Stop('exit', `bad schedule: cannot include a thread that does not exist (${p})`);
      order.push(p);
    }
    if (new Set(order).size !== threads.length)
      throw new Stop('exit', `bad schedule: does not include ALL processes [${order.join(', ')}]`);
  }
  if (threads.length === 0) crash(`-t ${setup.threads}: there are no threads to run`);
  let slot = 0;
  const current = (): Thread => threads[order[slot]];

  // the CPU
  let pc = 0n;
  let regs: bigint[] = [];
  let cc: boolean[] = [];
  const restore = (): void => {
    const t = current();
    pc = t.pc;
    regs = [...t.regs];
    cc = [...t.cc];
  };
  const save = (): void => {
    const t = current();
    t.pc = pc;
    t.regs = [...regs];
    t.cc = [...cc];
  };
  const next = (): void => {
    for (let i = 1; i <= order.length; i++) {
      const s = (slot + i) % order.length;
      if (!threads[order[s]].done) {
        slot = s;
        return;
      }
    }
  };
  restore();

  // -M items: an address (first character a digit) or a declared variable
  const memAddrs: bigint[] = [];
  let icount = 0;
  const state = (): X86State => ({
    tid: current().tid,
    pc,
    regs: [...regs],
    cc: [...cc],
    mem: memAddrs.map((a) => (readable(a) ? (data.get(a) ?? 0n) : null)),
    icount,
  });

  const intrand = setup.intrand && !manual;
  const intfreq = manual ? 1 : setup.intfreq;
  const interval = (): number => (intrand ? Math.trunc(rng.random() * intfreq) + 1 : intfreq);
  let countdown = interval();

  // the trace header (spec §4.8): -M items are checked as the original prints them, so an
  // undeclared variable stops the header after the columns before it
  const cols: X86MemColumn[] = [];
  const header = (complete: boolean, repeat: boolean): X86Event => ({
    kind: 'header',
    mem: [...cols],
    regs: regtrace,
    cc: setup.cctrace,
    threads: threads.length,
    complete,
    repeat,
  });
  for (const m of memtrace) {
    let a: bigint | null | undefined;
    if (m === '') {
      yield header(false, false);
      crash('-M has an empty item');
    } else if (isDigit(m[0])) {
      a = pyBigInt(m, 10);
      if (a === null) {
        yield header(false, false);
        crash(`-M: ${JSON.stringify(m)} is not an address`);
      }
      cols.push({ kind: 'addr', addr: a as bigint });
    } else {
      a = program.vars.get(m);
      if (a === undefined) {
        yield header(false, false);
        abort(`Traced variable ${m} not declared`);
      }
      cols.push({ kind: 'var', name: m });
    }
    memAddrs.push(a as bigint);
  }
  const fullHeader = (repeat: boolean): X86Event => header(true, repeat);
  yield fullHeader(false);
  yield { kind: 'row', state: state() };

  for (;;) {
    if (
      setup.headercount > 0 &&
      icount > 0 &&
      icount % setup.headercount === 0 &&
      dialect === 'locks'
    ) {
      yield fullHeader(true);
      yield { kind: 'row', state: state() };
    }
    const tid = current().tid;
    const prev = pc;
    const instr = code.get(pc);
    if (instr === undefined)
      crash(`address ${pc} holds no instruction (thread ${tid} ran off its code)`);
    const i = instr as X86Instr;
    pc += 1n;
    writes = [];
    let rc = 0;
    let dump: (X86Event & { kind: 'step' })['dump'];
    const a = i.args;
    // disp + r1 + scale·r2; the scale is there only in the locks dialect's mov, lea and push
    const scaled = dialect === 'locks' && i.fn !== 'atomic_exchange' && i.fn !== 'fetchadd';
    const addr = (k: number): bigint =>
      a[k] + regs[Number(a[k + 1])] + (scaled ? a[k + 3] : 1n) * regs[Number(a[k + 2])];
    const test = (src: bigint, dst: bigint): void => {
      cc = [dst >= src, dst > src, dst <= src, dst < src, dst !== src, dst === src];
    };
    const jumpOn = JUMP_ON[i.fn];
    if (jumpOn !== undefined) {
      if (jumpOn < 0 || cc[jumpOn]) pc = a[0];
    } else
      switch (i.fn) {
        case 'halt':
          rc = -1;
          break;
        case 'iyield':
          rc = -2;
          break;
        case 'nop':
          break;
        case 'rdump':
          dump = {
            kind: 'rdump',
            values: (dialect === 'intro' ? [1, 2, 3, 4] : [1, 2, 3, 4, 5, 6]).map((r) => regs[r]),
          };
          break;
        case 'mdump': {
          const at = mdumpIndex(i.raw ?? '');
          if (at === null)
            crash(`mdump ${(i.raw ?? '').trim()}: this port reads only a decimal integer there`);
          dump = { kind: 'mdump', addr: at as bigint, value: read(at as bigint) };
          break;
        }
        case 'move_i_to_r':
          regs[Number(a[1])] = a[0];
          break;
        case 'move_i_to_m':
          write(addr(1), a[0]);
          break;
        case 'move_m_to_r':
          regs[Number(a[a.length - 1])] = read(addr(0));
          break;
        case 'move_r_to_m':
          write(addr(1), regs[Number(a[0])]);
          break;
        case 'move_r_to_r':
          regs[Number(a[1])] = regs[Number(a[0])];
          break;
        case 'lea_m_to_r':
          regs[Number(a[4])] = addr(0);
          break;
        case 'add_i_to_r':
          regs[Number(a[1])] += a[0];
          break;
        case 'add_r_to_r':
          regs[Number(a[1])] += regs[Number(a[0])];
          break;
        case 'sub_i_to_r':
          regs[Number(a[1])] -= a[0];
          break;
        case 'sub_r_to_r':
          regs[Number(a[1])] -= regs[Number(a[0])];
          break;
        case 'mul_i_to_r':
          regs[Number(a[1])] *= a[0];
          break;
        case 'mul_r_to_r':
          regs[Number(a[1])] *= regs[Number(a[0])];
          break;
        case 'neg_r':
          regs[Number(a[0])] = -regs[Number(a[0])];
          break;
        case 'atomic_exchange': {
          const at = addr(1);
          const old = read(at);
          write(at, regs[Number(a[0])]);
          regs[Number(a[0])] = old;
          break;
        }
        case 'fetchadd': {
          const at = addr(1);
          const old = read(at);
          write(at, old + regs[Number(a[0])]);
          regs[Number(a[0])] = old;
          break;
        }
        case 'test_i_r':
          test(a[0], regs[Number(a[1])]);
          break;
        case 'test_r_i':
          test(regs[Number(a[0])], a[1]);
          break;
        case 'test_r_r':
          test(regs[Number(a[0])], regs[Number(a[1])]);
          break;
        case 'call':
          regs[SP] -= 4n;
          write(regs[SP], pc);
          pc = a[0];
          break;
        case 'ret': {
          const to = read(regs[SP]);
          pc = to;
          regs[SP] += 4n;
          break;
        }
        case 'push_r':
          regs[SP] -= 4n;
          write(regs[SP], regs[Number(a[0])]);
          break;
        case 'push_m': {
          regs[SP] -= 4n;
          write(regs[SP], addr(0));
          break;
        }
        case 'pop':
          regs[SP] += 4n;
          break;
        case 'pop_r':
          regs[Number(a[0])] = dialect === 'intro' ? regs[SP] : read(regs[SP]);
          regs[SP] += 4n;
          break;
        default:
          crash(`unknown instruction ${i.fn}`);
      }
    yield {
      kind: 'step',
      tid,
      pc: prev,
      text: i.text,
      op: i.op,
      state: state(),
      writes,
      ...(dump ? { dump } : {}),
    };
    icount += 1;

    if (rc === -1) {
      current().done = true;
      if (threads.every((t) => t.done)) {
        yield { kind: 'done', instructions: icount };
        return;
      }
      next();
      restore();
      yield { kind: 'switch', why: 'halt', from: tid, to: current().tid, state: state() };
    }
    countdown -= 1;
    if (countdown === 0 || rc === -2) {
      countdown = interval();
      const before = current();
      save();
      next();
      restore();
      if (!manual || before !== current())
        yield {
          kind: 'switch',
          why: 'interrupt',
          from: before.tid,
          to: current().tid,
          state: state(),
        };
    }
  }
}

/** x86.py's defaults (spec §4.1), with `fields` over them: a setup built in code. */
export function x86Setup(fields: Partial<X86Setup> = {}): X86Setup {
  return {
    dialect: 'intro',
    seed: 0,
    threads: 2,
    program: 'program.s',
    intfreq: 50,
    intrand: false,
    argv: '',
    loadaddr: 1000,
    memsize: 128,
    memtrace: '',
    regtrace: '',
    cctrace: false,
    printstats: false,
    verbose: false,
    compute: true,
    procsched: '',
    headercount: -1,
    ...fields,
  };
}

/** A run read to its end, or to `limit` executed instructions. */
export type X86Run = {
  /** every event, in order (loader, header, rows, steps, switches, the end) */
  events: X86Event[];
  /** only the executed instructions */
  steps: (X86Event & { kind: 'step' })[];
  /** 'done': every thread halted; 'fail': see failure; 'limit': stopped after `limit` steps */
  end: 'done' | 'fail' | 'limit';
  failure?: X86Failure;
};

/**
 * Runs `source` under `setup` (see {@link x86Setup}) and collects the events, stopping after
 * `limit` instructions so that a program that never halts still returns. For an explicit
 * interleaving use the locks dialect's `procsched` (thread digits, repeated in a cycle; every
 * instruction is then a scheduling point, as with OSTEP's -P). Never throws.
 */
export function x86Run(setup: X86Setup, source: string, limit = 10_000): X86Run {
  const events: X86Event[] = [];
  const steps: (X86Event & { kind: 'step' })[] = [];
  for (const e of x86Events(setup, source)) {
    events.push(e);
    if (e.kind === 'done') return { events, steps, end: 'done' };
    if (e.kind === 'fail') {
      const { how, message } = e;
      return { events, steps, end: 'fail', failure: { how, message } };
    }
    if (e.kind === 'step') {
      steps.push(e);
      if (steps.length >= limit) return { events, steps, end: 'limit' };
    }
  }
  return { events, steps, end: 'done' };
}
