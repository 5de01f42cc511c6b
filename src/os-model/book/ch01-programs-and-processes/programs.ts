// Programs of chapter 1, Programs and processes. Listed in the book's program library
// (book/library.ts). Addresses are the model's word addresses (kernel/program.ts ADDR): `total`
// and `count` are the first word of the data region.
import type { Program } from '../../kernel/types.ts';
import { ADDR, makeProgram } from '../../kernel/program.ts';

/** The data word each of this chapter's globals lives at (the first word of the data region). */
export const GLOBAL_ADDR = ADDR.data;

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [
  // A tiny CPU and memory: a local in a register, a global in memory, a loop of load, add, store.
  makeProgram(
    'sum-loop',
    [
      'int total = 0;           // a global: in memory',
      'int main(void) {',
      '  int i = 3;             // a local: in r0',
      '  while (i > 0) {',
      '    total = total + i;   // load, add, store',
      '    i = i - 1;',
      '  }',
      '  return total;',
      '}',
    ],
    [
      { op: 'set', reg: 'r0', v: 3, line: 3 },
      { op: 'load', reg: 'r1', addr: GLOBAL_ADDR, line: 5 },
      { op: 'add', reg: 'r1', v: 'r0', line: 5 },
      { op: 'store', reg: 'r1', addr: GLOBAL_ADDR, line: 5 },
      { op: 'add', reg: 'r0', v: -1, line: 6 },
      { op: 'br', reg: 'r0', cmp: 'gt', v: 0, to: 1, line: 4 },
      { op: 'exit', status: 'r1', line: 8 },
    ],
  ),
  // The second program that arrives: counts up in its own global, in its own address space.
  makeProgram(
    'count-up',
    [
      'int count = 0;           // its own global',
      'int main(void) {',
      '  for (int n = 4; n > 0; n--)   // n in r2',
      '    count = count + 10;  // load, add, store',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r2', v: 4, line: 3 },
      { op: 'load', reg: 'r1', addr: GLOBAL_ADDR, line: 4 },
      { op: 'add', reg: 'r1', v: 10, line: 4 },
      { op: 'store', reg: 'r1', addr: GLOBAL_ADDR, line: 4 },
      { op: 'loop', reg: 'r2', to: 1, line: 3 },
      { op: 'exit', status: 0, line: 5 },
    ],
  ),
  // One program, three processes: each copy counts in its own global and naps between counts.
  makeProgram(
    'counter',
    [
      'int count = 0;              // one per process',
      'int main(void) {',
      '  for (int n = 3; n > 0; n--) {  // n in r2',
      '    count = count + 1;      // a private page',
      '    sleep(2);',
      '  }',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r2', v: 3, line: 3 },
      { op: 'load', reg: 'r1', addr: GLOBAL_ADDR, line: 4 },
      { op: 'add', reg: 'r1', v: 1, line: 4 },
      { op: 'store', reg: 'r1', addr: GLOBAL_ADDR, line: 4 },
      { op: 'sleep', ticks: 2, line: 5 },
      { op: 'loop', reg: 'r2', to: 1, line: 3 },
      { op: 'exit', status: 0, line: 7 },
    ],
  ),
  // A shell that starts the same program three times, as `counter & counter & counter` does.
  makeProgram(
    'launch3',
    [
      'int main(void) {    // like: counter & counter & counter',
      '  for (int i = 3; i > 0; i--)   // i in r2',
      '    if (fork() == 0) {',
      '      execl("/bin/counter", "counter", NULL);',
      '      _exit(127);                 // only if execl failed',
      '    }',
      '  while (wait(NULL) > 0)',
      '    ;',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r2', v: 3, line: 2 },
      { op: 'fork', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 7, line: 3 },
      { op: 'loop', reg: 'r2', to: 1, line: 2 },
      { op: 'wait', line: 7 },
      { op: 'br', reg: 'r0', cmp: 'gt', v: 0, to: 4, line: 7 },
      { op: 'exit', status: 0, line: 9 },
      { op: 'exec', prog: 'counter', line: 4 },
      { op: 'exit', status: 127, line: 5 },
    ],
  ),
  // PIDs from boot: a daemon holds its PID for the whole run.
  makeProgram(
    'daemon',
    [
      'int main(void) {          // started at boot, lives long',
      '  sleep(60);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'sleep', ticks: 60, line: 2 },
      { op: 'exit', status: 0, line: 3 },
    ],
  ),
  // PIDs from boot: a loop that starts a short-lived child and reaps it, over and over.
  makeProgram(
    'spawner',
    [
      'int main(void) {',
      '  for (int i = 6; i > 0; i--) {  // i in r2',
      '    if (fork() == 0)',
      '      exit(0);               // the child ends at once',
      '    wait(NULL);              // reap it: its PID is free',
      '  }',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r2', v: 6, line: 2 },
      { op: 'fork', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 6, line: 3 },
      { op: 'wait', line: 5 },
      { op: 'loop', reg: 'r2', to: 1, line: 2 },
      { op: 'exit', status: 0, line: 7 },
      { op: 'exit', status: 0, line: 4 },
    ],
  ),
  // The lab program public/labs/where.c, shortened: the process the address-space map shows.
  makeProgram(
    'where',
    [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      '',
      'int initialised = 3;',
      'static int zeroed;',
      '',
      'int main(void) {',
      '  const char *literal = "hello";',
      '  int local = 7;',
      '  int *block = malloc(sizeof *block);',
      '  *block = 42;',
      '  return zeroed;',
      '}',
    ],
    [
      { op: 'set', reg: 'r1', v: 42, line: 11 },
      { op: 'store', reg: 'r1', addr: ADDR.heap, line: 11 },
      { op: 'exit', status: 0, line: 12 },
    ],
  ),
];
