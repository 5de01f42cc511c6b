// Programs of chapter 4, Context switches: a counting loop whose registers change every tick (so
// a switch has something to save), the same loop in two threads of one process, and a process
// that makes a system call that returns at once and then one that blocks. Listed in the book's
// program library (book/library.ts).
import type { Program } from '../../kernel/types.ts';
import { makeProgram } from '../../kernel/program.ts';

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [
  // r1 is i and r2 is sum: after k passes i = k and sum = 1 + 2 + … + k.
  makeProgram(
    'cs-count',
    [
      'int main(void) {',
      '  long i = 0, sum = 0;          // r1 and r2',
      '  while (i < 6) {',
      '    i = i + 1;',
      '    sum = sum + i;',
      '  }',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r1', v: 0, line: 2 },
      { op: 'set', reg: 'r2', v: 0, line: 2 },
      { op: 'add', reg: 'r1', v: 1, line: 4 },
      { op: 'add', reg: 'r2', v: 'r1', line: 5 },
      { op: 'br', reg: 'r1', cmp: 'lt', v: 6, to: 2, line: 3 },
      { op: 'exit', status: 0, line: 7 },
    ],
  ),
  // The same loop run by a second thread and by main: two tasks, one address space.
  makeProgram(
    'cs-threads',
    [
      'void *count(void *arg) {',
      '  long i = 0, sum = 0;          // r1 and r2, one set per thread',
      '  while (i < 6) {',
      '    i = i + 1;',
      '    sum = sum + i;',
      '  }',
      '  return NULL;',
      '}',
      '',
      'int main(void) {',
      '  pthread_t t;',
      '  pthread_create(&t, NULL, count, NULL);',
      '  count(NULL);',
      '  pthread_join(t, NULL);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'thread', to: 8, line: 12 },
      { op: 'set', reg: 'r1', v: 0, line: 2 },
      { op: 'set', reg: 'r2', v: 0, line: 2 },
      { op: 'add', reg: 'r1', v: 1, line: 4 },
      { op: 'add', reg: 'r2', v: 'r1', line: 5 },
      { op: 'br', reg: 'r1', cmp: 'lt', v: 6, to: 3, line: 3 },
      { op: 'join', tid: 'r0', line: 14 },
      { op: 'exit', status: 0, line: 15 },
      { op: 'set', reg: 'r1', v: 0, line: 2 },
      { op: 'set', reg: 'r2', v: 0, line: 2 },
      { op: 'add', reg: 'r1', v: 1, line: 4 },
      { op: 'add', reg: 'r2', v: 'r1', line: 5 },
      { op: 'br', reg: 'r1', cmp: 'lt', v: 6, to: 10, line: 3 },
      { op: 'texit', line: 7 },
    ],
  ),
  // A system call that returns at once (getpid) and one that blocks (read on an empty pipe).
  makeProgram(
    'cs-syscall',
    [
      'int main(void) {',
      '  int fd[2];',
      '  pipe(fd);',
      '  if (fork() == 0) {',
      '    work(2);                    // the child computes, then',
      '    write(fd[1], "x", 1);       // wakes its parent',
      '    exit(0);',
      '  }',
      '  getpid();                     // returns at once: no switch',
      '  read(fd[0], buf, 1);          // blocks: the scheduler runs the child',
      '  wait(NULL);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'pipe', line: 3 },
      { op: 'set', reg: 'r3', v: 'r0', line: 3 },
      { op: 'fork', line: 4 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 7, line: 4 },
      { op: 'compute', n: 2, line: 5 },
      { op: 'write', fd: 'r1', text: 'x', line: 6 },
      { op: 'exit', status: 0, line: 7 },
      { op: 'getpid', line: 9 },
      { op: 'read', fd: 'r3', n: 1, line: 10 },
      { op: 'wait', line: 11 },
      { op: 'exit', status: 0, line: 12 },
    ],
  ),
];
