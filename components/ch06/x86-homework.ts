// Pure helpers of chapter 6's x86.py homework island (X86Homework.svelte): the reader's flags
// split into argv, the program in the box handed to the port as the file -p names, and the
// port's output (src/os-model/ostep/x86-text.ts, OSTEP's exact text) read up to a limit, since a
// program that never halts has an endless trace. Nothing here interprets x86.py's rules.
import { x86Main } from '../../src/os-model/ostep/x86-text.ts';

// The book's own x86.py programs (src/os-model/book/ch06-threads/x86/), each with the command
// its header comment suggests (`#   npm run --silent ostep -- x86 <flags>`).
const FILES = import.meta.glob('../../src/os-model/book/ch06-threads/x86/*.s', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** A program of the book for x86.py: its file name, its text and the flags it suggests. */
export type BookProgram = { name: string; text: string; flags: string };

const ORDER = ['count-up.s', 'racy-counter.s', 'flag-lock.s', 'test-and-set.s', 'peterson.s'];

/** The book's x86.py programs, simplest first. */
export const BOOK_PROGRAMS: BookProgram[] = Object.entries(FILES)
  .map(([path, text]) => {
    const name = path.split('/').pop() ?? path;
    const m = /npm run --silent ostep -- x86 (.*)$/m.exec(text);
    const flags = m
      ? argvOf(m[1])
          .filter((a) => a !== '-c')
          .join(' ')
      : `-p ${name}`;
    return { name, text, flags };
  })
  .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

/** The starting homework: the racy counter, two threads, an interrupt every 2 instructions. */
export const START = BOOK_PROGRAMS.find((p) => p.name === 'racy-counter.s') ?? {
  name: 'racy-counter.s',
  text: '',
  flags: '-p racy-counter.s',
};

/** The most output the island shows. */
export const MAX_CHARS = 60000;

/** The reader's flags as argv (split at white space). Never fails. */
export function argvOf(flags: string): string[] {
  return flags.trim() === '' ? [] : flags.trim().split(/\s+/);
}

/** The command a reader would type for these flags, with -c for the answers. Never fails. */
export function commandText(flags: string, answers: boolean): string {
  const argv = argvOf(flags).filter((a) => a !== '-c' && a !== '--compute');
  return ['python3 x86.py', ...argv, ...(answers ? ['-c'] : [])].join(' ');
}

export type HomeworkText = { stdout: string; stderr: string; code: number; cut: boolean };

/**
 * x86.py's output for `flags` (with or without -c) on `program`, as the file -p names, cut at
 * MAX_CHARS. Precondition: none. Never fails: a bad flag or program is the original's own
 * message (usage error on stderr, or its ABORT/error line).
 */
export function runHomework(flags: string, program: string, answers: boolean): HomeworkText {
  const argv = argvOf(flags).filter((a) => a !== '-c' && a !== '--compute');
  const out = x86Main(answers ? [...argv, '-c'] : argv, () => program);
  let text = '';
  let cut = false;
  for (const chunk of out.stdout) {
    text += chunk;
    if (text.length > MAX_CHARS) {
      text = text.slice(0, MAX_CHARS);
      cut = true;
      break;
    }
  }
  return cut
    ? { stdout: text, stderr: '', code: 0, cut }
    : { stdout: text, stderr: out.stderr, code: out.code, cut };
}
