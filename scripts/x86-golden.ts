/**
 * Writes src/os-model/ostep/x86.golden.json: each case's programs, command line, and the stdout and exit code of
 * OSTEP's own x86.py (python3, threads-intro or threads-locks) on them. Run once by hand, and
 * again only when a case is added; x86.golden.test.ts compares the port with the data.
 *
 *   node --experimental-strip-types scripts/x86-golden.ts <ostep-homework checkout>
 *
 * The programs are the book's own (src/os-model/book/ch06-threads/x86/) and small ones written here for one
 * rule each (spec §4 and its quirks T1–T6); none is OSTEP's. -S's measured rate is masked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { X86_BOOK_PROGRAMS } from '../src/os-model/book/ch06-threads/x86/programs.ts';

type Case = {
  name: string;
  dialect: 'intro' | 'locks';
  /** program files by name (relative paths in argv) */
  files: Record<string, string>;
  argv: string[];
};

const book = Object.fromEntries(X86_BOOK_PROGRAMS.map((p) => [p.file, p.source]));
const lines = (...l: string[]): string => `${l.join('\n')}\n`;

const CALLS = lines(
  '.var x',
  '.main',
  'mov $3, %ax',
  'push %ax           # a register: its value',
  'push x             # memory: its address (T: push M)',
  'call .f',
  'pop %bx            # copies sp, not the word at sp (T2)',
  'mov $7, x',
  'fetchadd %ax, x',
  'xchg %cx, x',
  'rdump',
  'mdump 100',
  'halt',
  '.f',
  'add $1, %ax',
  'ret',
);

const CASES: Case[] = [
  ...X86_BOOK_PROGRAMS.map((p): Case => ({
    name: `book ${p.file} ${p.argv.join(' ')}`,
    dialect: 'intro',
    files: { [p.file]: p.source },
    argv: ['-p', p.file, ...p.argv],
  })),
  {
    name: 'racy counter without -c: question marks',
    dialect: 'intro',
    files: { 'racy-counter.s': book['racy-counter.s'] },
    argv: ['-p', 'racy-counter.s', '-a', 'cx=1', '-M', 'counter', '-R', 'ax', '-C', '-i', '2'],
  },
  {
    name: 'racy counter, random interrupts, seed 7',
    dialect: 'intro',
    files: { 'racy-counter.s': book['racy-counter.s'] },
    argv: ['-p', 'racy-counter.s', '-a', 'cx=3', '-M', 'counter', '-r', '-i', '4', '-s', '7'],
  },
  {
    name: 'racy counter, three threads, -i 1, -v -S',
    dialect: 'intro',
    files: { 'racy-counter.s': book['racy-counter.s'] },
    argv: ['-p', 'racy-counter.s', '-t', '3', '-a', 'cx=1,cx=2,cx=1', '-i', '1', '-v', '-S', '-c'],
  },
  {
    name: 'calls, stack, atomics, dumps, -v',
    dialect: 'intro',
    files: { 'calls.s': CALLS },
    argv: ['-p', 'calls.s', '-t', '1', '-M', 'x,127996,127992', '-R', 'ax,bx,cx,sp', '-v', '-c'],
  },
  {
    name: 'T1: immediates are one digit',
    dialect: 'intro',
    files: { 'imm.s': lines('mov $10, %ax', 'halt') },
    argv: ['-p', 'imm.s'],
  },
  {
    name: 'T3: two registers, destination drops the second',
    dialect: 'intro',
    files: { 'two.s': lines('mov $4, %ax', 'mov %ax, 10(%bx,%cx)', 'halt') },
    argv: ['-p', 'two.s', '-t', '1', '-a', 'bx=1:cx=100', '-M', '11,111', '-c'],
  },
  {
    name: 'T3: two registers in a source aborts',
    dialect: 'intro',
    files: { 'two.s': lines('mov 10(%bx,%cx), %ax', 'halt') },
    argv: ['-p', 'two.s'],
  },
  {
    name: 'T4: writing %zero shifts every memory operand',
    dialect: 'intro',
    files: { 'zero.s': lines('mov $5, %zero', 'mov $1, 2000', 'halt') },
    argv: ['-p', 'zero.s', '-t', '1', '-M', '2000,2005', '-R', 'zero', '-c'],
  },
  {
    name: 'T5: an indented label is an illegal opcode',
    dialect: 'intro',
    files: { 'indent.s': lines('.main', '  .top', 'halt') },
    argv: ['-p', 'indent.s', '-v'],
  },
  {
    name: 'T6: a halt does not reset the countdown; a lone thread is still interrupted',
    dialect: 'intro',
    files: { 'short.s': lines('nop', 'nop', 'halt') },
    argv: ['-p', 'short.s', '-t', '3', '-a', 'ax=1,ax=2,ax=3', '-i', '2', '-R', 'ax', '-c'],
  },
  {
    name: 'yield switches at once',
    dialect: 'intro',
    files: { 'y.s': lines('mov $1, %ax', 'yield', 'mov $2, %ax', 'halt') },
    argv: ['-p', 'y.s', '-R', 'ax', '-C', '-c'],
  },
  {
    name: 'an undeclared traced variable stops the header',
    dialect: 'intro',
    files: { 'racy-counter.s': book['racy-counter.s'] },
    argv: ['-p', 'racy-counter.s', '-M', '2000,counter,nothere', '-c'],
  },
  {
    name: 'a traced word outside memory crashes with -c',
    dialect: 'intro',
    files: { 'short.s': lines('nop', 'halt') },
    argv: ['-p', 'short.s', '-M', '2000,999999', '-m', '1', '-c'],
  },
  {
    name: 'errors before the program: -i 0',
    dialect: 'intro',
    files: {},
    argv: ['-i', '0'],
  },
  { name: 'errors: no program', dialect: 'intro', files: {}, argv: [] },
  {
    name: 'errors: -a count',
    dialect: 'intro',
    files: {},
    argv: ['-p', 'x.s', '-t', '3', '-a', 'ax=1,ax=2'],
  },
  {
    name: 'errors: -R names a register this version lacks',
    dialect: 'intro',
    files: {},
    argv: ['-p', 'x.s', '-R', 'ax,ex'],
  },
  {
    name: 'bad mov and illegal opcodes',
    dialect: 'intro',
    files: { 'bad.s': lines('mov 2000, 2004') },
    argv: ['-p', 'bad.s'],
  },
  { name: 'optparse: -h', dialect: 'intro', files: {}, argv: ['-h'] },
  { name: 'optparse: a bad integer', dialect: 'intro', files: {}, argv: ['-t', 'two'] },
  {
    name: 'locks: Peterson from the book under an explicit schedule (-P)',
    dialect: 'locks',
    files: { 'peterson.s': book['peterson.s'] },
    argv: [
      '-p',
      'peterson.s',
      '-a',
      'bx=0:cx=1,bx=1:cx=1',
      '-M',
      'turn,counter',
      '-P',
      '0011',
      '-c',
    ],
  },
  {
    name: 'locks: -S icount column and -H header every 4',
    dialect: 'locks',
    files: { 'test-and-set.s': book['test-and-set.s'] },
    argv: ['-p', 'test-and-set.s', '-a', 'cx=1', '-M', 'held', '-S', '-H', '4', '-i', '3', '-c'],
  },
  {
    name: 'locks: lea, neg, mul, scaled addressing, pop reads memory, -v',
    dialect: 'locks',
    files: {
      'arith.s': lines(
        '.var arr 3',
        '.main',
        'lea arr, %fx',
        'mov $2, %bx',
        'mov $-7, 0(%fx,%bx,4)',
        'mov 8(%fx), %ax',
        'neg %ax',
        'mul $12, %ax',
        'push %ax',
        'pop %ex',
        'rdump',
        'halt',
      ),
    },
    argv: ['-p', 'arith.s', '-t', '1', '-R', 'ax,ex,fx', '-M', 'arr,108', '-v', '-c'],
  },
  {
    name: 'locks: a schedule that leaves a thread out',
    dialect: 'locks',
    files: { 'short.s': lines('nop', 'halt') },
    argv: ['-p', 'short.s', '-t', '3', '-P', '0101'],
  },
];

type Golden = Case & { stdout: string; code: number };

function main(): void {
  const checkout = process.argv[2];
  if (!checkout) {
    process.stderr.write('usage: scripts/x86-golden.ts <ostep-homework checkout>\n');
    process.exitCode = 2;
    return;
  }
  const out: Golden[] = [];
  for (const c of CASES) {
    const dir = mkdtempSync(path.join(tmpdir(), 'x86-golden-'));
    for (const [name, text] of Object.entries(c.files)) writeFileSync(path.join(dir, name), text);
    const folder = c.dialect === 'intro' ? 'threads-intro' : 'threads-locks';
    const { COLUMNS: _columns, ...env } = process.env;
    const run = spawnSync('python3', [path.resolve(checkout, folder, 'x86.py'), ...c.argv], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true });
    const stdout = run.stdout.replace(
      /^STATS:: Emulation Rate {2}.* kinst\/sec$/m,
      'STATS:: Emulation Rate  (masked) kinst/sec',
    );
    out.push({ ...c, stdout, code: run.status ?? -1 });
  }
  const file = fileURLToPath(new URL('../src/os-model/ostep/x86.golden.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  // the repository's formatting, so that `npm run lint` accepts the data as written
  spawnSync('npx', ['prettier', '--write', file], { stdio: 'ignore' });
  process.stdout.write(`${out.length} cases written to ${file}\n`);
}

main();
