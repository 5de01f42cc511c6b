// The x86.py homework helpers: the book's counter program under the default flags, checked
// against a trace worked out by hand from x86.py's rules (an interrupt every 2 instructions,
// threads taking turns), and bad input reported as x86.py reports it.
import { describe, expect, it } from 'vitest';
import { argvOf, commandText, runHomework, START_FLAGS, START_PROGRAM } from './x86-homework.ts';

describe('the x86.py homework', () => {
  it('splits flags and writes the command with -c only for the answers', () => {
    expect(argvOf('  -t 2   -i 2 ')).toEqual(['-t', '2', '-i', '2']);
    expect(commandText('-t 2 -c', false)).toBe('python3 x86.py -t 2');
    expect(commandText('-t 2', true)).toBe('python3 x86.py -t 2 -c');
  });

  it('asks with question marks, and answers with the lost update', () => {
    const q = runHomework(START_FLAGS, START_PROGRAM, false);
    expect(q.code).toBe(0);
    expect(q.stdout).toContain('ARG numthreads 2');
    expect(q.stdout).toContain('    ?       ?     ?   1000 mov 2000, %ax');
    const a = runHomework(START_FLAGS, START_PROGRAM, true);
    // By hand: thread 0 loads 0 and adds (interrupt); thread 1 loads 0 and adds (interrupt);
    // thread 0 stores 1; ...; thread 1 stores 1. Both stored 1: the word at 2000 ends at 1.
    const rows = a.stdout.split('\n').filter((l) => /mov %ax, 2000/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(['1', '1']);
  });

  it('reports a bad flag as x86.py does', () => {
    const r = runHomework('-t two', START_PROGRAM, false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option -t: invalid integer value: 'two'");
  });

  it('cuts the trace of a program that never halts', () => {
    const r = runHomework('-p forever.s -t 1', '.main\n.top\nj .top\n', false);
    expect(r.cut).toBe(true);
  });
});
