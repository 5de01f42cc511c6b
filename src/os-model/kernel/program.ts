// Programs: the instruction set (see Instr in types.ts), checked program building, and init, the
// one program the kernel itself needs. Chapters' programs live in book/. Each instruction carries
// the line of the C listing it comes from.
import type { Image, Instr, Program } from './types.ts';
import { get, type Table } from './table.ts';

/** Words per page. Addresses are word numbers; page = floor(addr / PAGE_WORDS). */
export const PAGE_WORDS = 8;
/** First virtual page of each region kind (thread stacks follow STACK, one page each). */
export const REGION_START = { text: 0, data: 16, heap: 32, shared: 48, stack: 64 } as const;
/** First word address of each region, for writing programs. */
export const ADDR = {
  data: REGION_START.data * PAGE_WORDS,
  heap: REGION_START.heap * PAGE_WORDS,
  shared: REGION_START.shared * PAGE_WORDS,
  stack: REGION_START.stack * PAGE_WORDS,
} as const;

export const DEFAULT_IMAGE: Image = { text: 1, data: 1, heap: 1, stack: 1, shared: 0 };

/**
 * Builds a Program. Precondition: every `line` is within the listing and every branch target
 * is an instruction index. Failure: throws (programs are written by authors, not readers).
 */
export function makeProgram(
  name: string,
  source: string[],
  code: Instr[],
  image: Partial<Image> = {},
): Program {
  for (const [i, ins] of code.entries()) {
    if (ins.line < 1 || ins.line > source.length)
      throw new Error(`${name}[${i}]: line ${ins.line} outside the listing`);
    const to = 'to' in ins && typeof ins.to === 'number' && ins.op !== 'dup2' ? ins.to : 0;
    if (to < 0 || to >= code.length)
      throw new Error(`${name}[${i}]: branch target ${to} outside the program`);
    if (ins.op === 'compute' && !(ins.n >= 1))
      throw new Error(`${name}[${i}]: compute needs n >= 1`);
  }
  return { name, source, code, image: { ...DEFAULT_IMAGE, ...image } };
}

/**
 * Estimated CPU ticks of a program from instruction `pc` on, reading it straight through
 * (compute n counts n; an I/O counts 2: issue and completion; anything else 1). Used by SJF and
 * STCF as the job's known length. Never fails. Precondition: none.
 */
export function estimate(p: Program, pc = 0): number {
  let n = 0;
  for (let i = pc; i < p.code.length; i++) {
    const ins = p.code[i];
    n += ins.op === 'compute' ? ins.n : ins.op === 'io' ? 2 : 1;
  }
  return n;
}

/**
 * A job that computes for n ticks then exits: the unit of the scheduling chapter. Precondition: n
 * >= 1. Failure: throws (through makeProgram) when n < 1.
 */
export function jobProgram(name: string, n: number): Program {
  return makeProgram(
    name,
    ['int main(void) {', `  work(${n});   // ${n} ticks of CPU`, '  return 0;', '}'],
    [{ op: 'compute', n, line: 2 }],
  );
}

/** init, PID 1: the kernel's own program (every machine has it); it reaps orphans forever. */
export const INIT: Program = makeProgram(
  'init',
  [
    'int main(void) {          // init, PID 1',
    '  for (;;)',
    '    wait(NULL);           // reap every child, orphans too',
    '}',
  ],
  [
    { op: 'wait', line: 3 },
    { op: 'jmp', to: 0, line: 2 },
  ],
);

/**
 * The program called `name`: one of the machine's programs (createMachine's `programs`), or init.
 * Precondition: none. Failure: undefined when the machine has no program of that name.
 */
export function programOf(
  m: { programs: Record<string, Program> },
  name: string,
): Program | undefined {
  if (Object.hasOwn(m.programs, name)) return m.programs[name];
  return name === INIT.name ? INIT : undefined;
}

/**
 * The 1-based line of the C listing that task `tid` runs next (for highlighting a code pane).
 * Failure: 0 when the task does not exist or has run off the end of its program. Precondition:
 * none.
 */
export function currentLine(
  m: { programs: Record<string, Program>; tasks: Table<{ prog: string; pc: number }> },
  tid: number,
): number {
  const t = get(m.tasks, tid);
  const p = t && programOf(m, t.prog);
  return p && t.pc < p.code.length ? p.code[t.pc].line : 0;
}
