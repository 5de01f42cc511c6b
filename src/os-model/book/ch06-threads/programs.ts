// Programs of chapter 6 (threads): two threads incrementing a shared counter, without and with a
// mutex.
import type { Instr, Program } from '../../kernel/types.ts';
import { ADDR, makeProgram } from '../../kernel/program.ts';

const D = ADDR.data;

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [];
const def = (p: Program): void => {
  PROGRAMS.push(p);
};

/**
 * Two threads each add 1 to a shared counter three times (load, add, store), with or without a
 * mutex around the update; main joins both and prints the counter. Failure: throws like
 * makeProgram (never, for these fixed listings). Precondition: none.
 */
function threadProgram(name: string, mutex: boolean): Program {
  const src = mutex
    ? [
        'static volatile int counter = 0;',
        'pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;',
        'void *mythread(void *arg) {',
        '  for (int i = 0; i < 3; i++) {',
        '    pthread_mutex_lock(&lock);',
        '    counter = counter + 1;     // load, add, store',
        '    pthread_mutex_unlock(&lock);',
        '  }',
        '  return NULL;',
        '}',
      ]
    : [
        'static volatile int counter = 0;',
        'void *mythread(void *arg) {',
        '  for (int i = 0; i < 3; i++)',
        '    counter = counter + 1;     // load, add, store: three steps',
        '  return NULL;',
        '}',
      ];
  const m = src.length; // main starts on the next line
  const main = [
    'int main(void) {',
    '  pthread_t p1, p2;',
    '  pthread_create(&p1, NULL, mythread, "A");',
    '  pthread_create(&p2, NULL, mythread, "B");',
    '  pthread_join(p1, NULL);',
    '  pthread_join(p2, NULL);',
    '  printf("counter = %d (expected 6)\\n", counter);',
    '  return 0;',
    '}',
  ];
  const body: Instr[] = mutex
    ? [
        { op: 'set', reg: 'r3', v: 3, line: 4 },
        { op: 'lock', addr: D + 1, line: 5 },
        { op: 'load', reg: 'r0', addr: D, line: 6 },
        { op: 'add', reg: 'r0', v: 1, line: 6 },
        { op: 'store', reg: 'r0', addr: D, line: 6 },
        { op: 'unlock', addr: D + 1, line: 7 },
        { op: 'loop', reg: 'r3', to: 10, line: 4 },
        { op: 'texit', line: 9 },
      ]
    : [
        { op: 'set', reg: 'r3', v: 3, line: 3 },
        { op: 'load', reg: 'r0', addr: D, line: 4 },
        { op: 'add', reg: 'r0', v: 1, line: 4 },
        { op: 'store', reg: 'r0', addr: D, line: 4 },
        { op: 'loop', reg: 'r3', to: 10, line: 3 },
        { op: 'texit', line: 5 },
      ];
  return makeProgram(
    name,
    [...src, ...main],
    [
      { op: 'thread', to: 9, line: m + 3 },
      { op: 'set', reg: 'r2', v: 'r0', line: m + 3 },
      { op: 'thread', to: 9, line: m + 4 },
      { op: 'set', reg: 'r3', v: 'r0', line: m + 4 },
      { op: 'join', tid: 'r2', line: m + 5 },
      { op: 'join', tid: 'r3', line: m + 6 },
      { op: 'load', reg: 'r0', addr: D, line: m + 7 },
      { op: 'print', text: 'counter = {r0} (expected 6)\n', line: m + 7 },
      { op: 'exit', status: 0, line: m + 8 },
      ...body,
    ],
  );
}

def(threadProgram('thread-race', false));
def(threadProgram('thread-mutex', true));
