/**
 * The book's x86 programs: the module's text is the .s file's, and each program does what its
 * comment promises when run with its flags (the counts are worked out in the comments).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseX86, x86Run, type X86Event } from '../../../ostep/x86.ts';
import { X86_BOOK_PROGRAMS, x86BookProgram } from './programs.ts';

/** The program's run under its own flags, with -i replaced by `intfreq` when given. */
function run(file: string, intfreq?: number) {
  const p = x86BookProgram(file);
  if (!p) throw new Error(`no program ${file}`);
  const argv = [...p.argv, '-p', p.file, ...(intfreq === undefined ? [] : ['-i', String(intfreq)])];
  const cmd = parseX86(argv);
  if (cmd.kind !== 'run') throw new Error(`bad flags for ${file}`);
  return x86Run(cmd.setup, p.source);
}

/** The last value written to addr, or 0. */
function final(events: X86Event[], addr: bigint): bigint {
  let v = 0n;
  for (const e of events)
    if (e.kind === 'step') for (const w of e.writes) if (w.addr === addr) v = w.value;
  return v;
}

// every program declares its shared counter as the last .var: racy-counter's is its only one
// (address 100); the locks declare their flag first (100) and counter second (104)
const COUNTER: Record<string, bigint> = {
  'racy-counter.s': 100n,
  'flag-lock.s': 104n,
  'test-and-set.s': 104n,
  'peterson.s': 104n,
};

describe("the book's x86 programs", () => {
  it('the module holds exactly the text of each .s file', () => {
    for (const p of X86_BOOK_PROGRAMS) {
      const file = readFileSync(new URL(`./${p.file}`, import.meta.url), 'utf8');
      expect(p.source, p.file).toBe(file);
    }
  });

  it('the downloadable copies in public/labs/x86/ are the same files', () => {
    for (const p of X86_BOOK_PROGRAMS) {
      const lab = new URL(`../../../../../public/labs/x86/${p.file}`, import.meta.url);
      expect(readFileSync(lab, 'utf8'), p.file).toBe(p.source);
    }
  });

  it('each runs to its end under its own flags', () => {
    for (const p of X86_BOOK_PROGRAMS) expect(run(p.file).end, p.file).toBe('done');
  });

  it('count-up stops when ax reaches bx', () => {
    const last = run('count-up.s').steps.at(-1);
    expect(last?.state.regs[1]).toBe(3n);
  });

  // two threads, cx = 2 rounds each: 4 increments when nothing is lost
  it('the racy counter loses updates under some interrupt intervals, not others', () => {
    const finals = [1, 2, 3, 4, 5, 6, 7, 8, 100].map((i) =>
      final(run('racy-counter.s', i).events, COUNTER['racy-counter.s']),
    );
    expect(finals.some((v) => v < 4n)).toBe(true);
    expect(finals.at(-1)).toBe(4n);
  });

  it('the flag lock lets both threads in under some interval', () => {
    const finals = [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
      final(run('flag-lock.s', i).events, COUNTER['flag-lock.s']),
    );
    expect(finals.some((v) => v < 4n)).toBe(true);
  });

  it('test-and-set and Peterson never lose an increment, for every interval from 1 to 12', () => {
    for (const file of ['test-and-set.s', 'peterson.s'])
      for (let i = 1; i <= 12; i++)
        expect(final(run(file, i).events, COUNTER[file]), `${file} -i ${i}`).toBe(4n);
  });
});
