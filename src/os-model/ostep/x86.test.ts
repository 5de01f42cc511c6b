/**
 * x86.ts as data: what the events say about each step (thread, address, registers, condition
 * codes, memory writes) and the rules a reader relies on (spec §4.5–4.7). Expected values are
 * worked out by hand from the programs; x86.golden.test.ts checks the printed text.
 */
import { describe, expect, it } from 'vitest';
import { x86Events, x86Run, x86Setup, X86_REGISTERS, type X86Event } from './x86.ts';

const src = (...lines: string[]): string => `${lines.join('\n')}\n`;
const AX = X86_REGISTERS.intro.indexOf('ax');

const RACY = src(
  '.var counter',
  '.main',
  '.again',
  'mov counter, %ax',
  'add $1, %ax',
  'mov %ax, counter',
  'sub $1, %cx',
  'test $0, %cx',
  'jgt .again',
  'halt',
);
/** counter's address: the first .var is at 100 */
const COUNTER = 100n;

/** The last value written to addr in a run, or 0 when nothing was. */
function lastWrite(events: X86Event[], addr: bigint): bigint {
  let v = 0n;
  for (const e of events)
    if (e.kind === 'step') for (const w of e.writes) if (w.addr === addr) v = w.value;
  return v;
}

describe('x86 steps as data', () => {
  it('two threads switched after every instruction lose one of two increments', () => {
    // t0 load 0, t1 load 0, t0 add, t1 add, t0 store 1, t1 store 1
    const run = x86Run(x86Setup({ intfreq: 1, argv: 'cx=1' }), RACY);
    expect(run.end).toBe('done');
    expect(run.steps.slice(0, 6).map((s) => [s.tid, s.pc])).toEqual([
      [0, 1000n],
      [1, 1000n],
      [0, 1001n],
      [1, 1001n],
      [0, 1002n],
      [1, 1002n],
    ]);
    expect(run.steps[4].writes).toEqual([{ addr: COUNTER, value: 1n }]);
    expect(run.steps[5].writes).toEqual([{ addr: COUNTER, value: 1n }]);
    expect(lastWrite(run.events, COUNTER)).toBe(1n);
  });

  it('without interrupts inside the loop, the same program counts every increment', () => {
    const run = x86Run(x86Setup({ intfreq: 100, argv: 'cx=3' }), RACY);
    expect(lastWrite(run.events, COUNTER)).toBe(6n);
    expect(run.steps.every((s, i) => s.tid === (i < 19 ? 0 : 1))).toBe(true);
  });

  it('each step carries the registers and condition codes after it ran', () => {
    const run = x86Run(
      x86Setup({ threads: 1, argv: 'bx=2' }),
      src('.top', 'add $1, %ax', 'test %bx, %ax', 'jlt .top', 'halt'),
    );
    expect(run.steps.map((s) => s.state.regs[AX])).toEqual([1n, 1n, 1n, 2n, 2n, 2n, 2n]);
    // test %bx, %ax compares ax with bx: after the first test ax (1) < bx (2)
    // cc order: >=, >, <=, <, !=, ==
    expect(run.steps[1].state.cc).toEqual([false, false, true, true, true, false]);
    expect(run.steps[4].state.cc).toEqual([true, false, true, false, false, true]);
    expect(run.steps.map((s) => s.text)).toContain('jlt .top');
  });

  it('each thread starts with its own stack pointer, 1000 words apart', () => {
    const run = x86Run(x86Setup({ threads: 3, memsize: 4 }), src('halt'));
    const sp = X86_REGISTERS.intro.indexOf('sp');
    expect(run.steps.map((s) => [s.tid, s.state.regs[sp]])).toEqual([
      [0, 4000n],
      [1, 3000n],
      [2, 2000n],
    ]);
  });

  it('registers grow past 2**53 exactly', () => {
    const run = x86Run(
      x86Setup({ threads: 1, argv: 'ax=1:dx=60' }),
      src('.top', 'add %ax, %ax', 'sub $1, %dx', 'test $0, %dx', 'jgt .top', 'halt'),
      1000,
    );
    expect(run.steps.at(-1)?.state.regs[AX]).toBe(2n ** 60n);
  });

  it('a halt switches to the next live thread and does not reset the interrupt countdown', () => {
    // -i 2, each thread: nop, halt. t0 runs nop, halt: the halt switches to t1 and the same
    // instruction ends the countdown, so t1 is interrupted before it runs anything (to t2). t2
    // runs nop, halt: the halt switches to t1 and the countdown ends again; t1 is the only live
    // thread, so the interrupt switches from t1 to t1 (spec T6)
    const kinds = [...x86Events(x86Setup({ threads: 3, intfreq: 2 }), src('nop', 'halt'))]
      .filter((e) => e.kind === 'switch')
      .map((e) => (e.kind === 'switch' ? `${e.why} ${e.from}>${e.to}` : ''));
    expect(kinds).toEqual(['halt 0>1', 'interrupt 1>2', 'halt 2>1', 'interrupt 1>1']);
  });

  it('a program that never halts is cut at the step limit', () => {
    const run = x86Run(x86Setup({ threads: 1 }), src('.top', 'j .top'), 50);
    expect(run.end).toBe('limit');
    expect(run.steps).toHaveLength(50);
  });

  it("the original's own errors and crashes end the run with a failure", () => {
    expect(x86Run(x86Setup(), src('mov $10, %ax')).failure).toEqual({
      how: 'abort',
      message: 'correct form is $number (not $10)',
    });
    expect(x86Run(x86Setup(), src('frob %ax')).failure).toEqual({
      how: 'exit',
      message: 'illegal opcode:  frob',
    });
    const off = x86Run(x86Setup({ threads: 1 }), src('nop'));
    expect(off.end).toBe('fail');
    expect(off.failure?.how).toBe('crash');
    expect(off.failure?.message).toContain('1001');
  });
});

describe('x86 locks dialect', () => {
  it('an explicit schedule runs the threads in its order, one instruction each', () => {
    const run = x86Run(x86Setup({ dialect: 'locks', procsched: '001', argv: 'cx=1' }), RACY);
    expect(run.steps.slice(0, 6).map((s) => s.tid)).toEqual([0, 0, 1, 0, 0, 1]);
    const switches = run.events.filter((e) => e.kind === 'switch');
    // no Interrupt row between two steps of the same thread
    expect(switches.every((e) => e.kind === 'switch' && e.from !== e.to)).toBe(true);
  });

  it('pop reads the word at the stack pointer (the intro copy copies sp)', () => {
    const prog = src('mov $7, %ax', 'push %ax', 'pop %bx', 'halt');
    const bx = (dialect: 'intro' | 'locks') =>
      x86Run(x86Setup({ dialect, threads: 1 }), prog).steps[2].state.regs[
        X86_REGISTERS[dialect].indexOf('bx')
      ];
    expect(bx('locks')).toBe(7n);
    expect(bx('intro')).toBe(127996n);
  });
});
