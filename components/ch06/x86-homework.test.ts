// The x86.py homework helpers: the book's racy counter under its own flags, checked against a
// trace worked out by hand from x86.py's rules (an interrupt every 2 instructions, threads taking
// turns), and bad input reported as x86.py reports it.
import { describe, expect, it } from 'vitest';
import { argvOf, BOOK_PROGRAMS, commandText, runHomework, START } from './x86-homework.ts';

describe('the x86.py homework', () => {
  it('splits flags and writes the command with -c only for the answers', () => {
    expect(argvOf('  -t 2   -i 2 ')).toEqual(['-t', '2', '-i', '2']);
    expect(commandText('-t 2 -c', false)).toBe('python3 x86.py -t 2');
    expect(commandText('-t 2', true)).toBe('python3 x86.py -t 2 -c');
  });

  it('offers the book programs, each with the flags its header suggests, without -c', () => {
    expect(BOOK_PROGRAMS.map((p) => p.name)).toEqual([
      'count-up.s',
      'racy-counter.s',
      'flag-lock.s',
      'test-and-set.s',
      'peterson.s',
    ]);
    expect(START.flags).toBe('-p racy-counter.s -t 2 -a cx=2 -M counter -R ax,cx -i 2');
    for (const p of BOOK_PROGRAMS) expect(runHomework(p.flags, p.text, true).code).toBe(0);
  });

  it('asks with question marks, and answers with the lost updates', () => {
    const q = runHomework(START.flags, START.text, false);
    expect(q.code).toBe(0);
    expect(q.stdout).toContain('ARG numthreads 2');
    expect(q.stdout).toContain('mov  counter, %ax');
    expect(q.stdout).not.toMatch(/^\s+\d/m);
    const a = runHomework(START.flags, START.text, true);
    // By hand, 6 instructions per round (load, add, store, sub, test, jgt), an interrupt every 2:
    // both threads load and add before either stores, in both rounds. The stores write 1, 1, 2, 2.
    const rows = a.stdout.split('\n').filter((l) => /mov {2}%ax, counter/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(['1', '1', '2', '2']);
  });

  it('reports a bad flag as x86.py does', () => {
    const r = runHomework('-t two', START.text, false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option -t: invalid integer value: 'two'");
  });

  it('cuts the trace of a program that never halts', () => {
    const r = runHomework('-p forever.s -t 1', '.main\n.top\nj .top\n', false);
    expect(r.cut).toBe(true);
  });
});
