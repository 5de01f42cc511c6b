// Pure helpers of chapter 6's x86.py homework island (X86Homework.svelte): the reader's flags
// split into argv, the program in the box handed to the port as the file -p names, and the
// port's output (src/os-model/ostep/x86-text.ts, OSTEP's exact text) read up to a limit, since a
// program that never halts has an endless trace. Nothing here interprets x86.py's rules.
import { x86Main } from '../../src/os-model/ostep/x86-text.ts';

/** The book's starting homework: two threads, one increment each, an interrupt every 2 steps. */
export const START_FLAGS = '-p counter.s -t 2 -a bx=1,bx=1 -M 2000 -R ax,bx -i 2';

/** A racy counter written for this book in x86.py's assembly. */
export const START_PROGRAM = [
  '# counter.s: each thread adds 1 to the word at address 2000, bx times',
  '.main',
  '.top',
  'mov 2000, %ax   # load the counter',
  'add $1, %ax     # add 1 in the register',
  'mov %ax, 2000   # store it back',
  'sub  $1, %bx',
  'test $0, %bx',
  'jgt .top',
  'halt',
  '',
].join('\n');

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
