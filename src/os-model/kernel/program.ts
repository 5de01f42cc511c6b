// Programs: the instruction set (see Instr in types.ts) and the library of named programs the
// chapters use. Each instruction carries the line of the C listing it comes from.
import type { Image, Instr, Program } from './types.ts';
import { get, type Table } from './table.ts';

/** Words per page. Addresses are word numbers; page = floor(addr / PAGE_WORDS). */
export const PAGE_WORDS = 8;
/** First virtual page of each region kind (thread stacks follow STACK, one page each). */
export const REGION_START = { text: 0, data: 16, heap: 32, shared: 48, stack: 64 } as const;
/** First word address of each region, for writing programs. */
export const ADDR = {
  data: REGION_START.data * PAGE_WORDS,
  heap: REGION_START.heap * PAGE_WORDS,
  shared: REGION_START.shared * PAGE_WORDS,
  stack: REGION_START.stack * PAGE_WORDS,
} as const;

export const DEFAULT_IMAGE: Image = { text: 1, data: 1, heap: 1, stack: 1, shared: 0 };

/**
 * Builds a Program. Precondition: every `line` is within the listing and every branch target
 * is an instruction index. Failure: throws (programs are written by authors, not readers).
 */
export function makeProgram(
  name: string,
  source: string[],
  code: Instr[],
  image: Partial<Image> = {},
): Program {
  for (const [i, ins] of code.entries()) {
    if (ins.line < 1 || ins.line > source.length)
      throw new Error(`${name}[${i}]: line ${ins.line} outside the listing`);
    const to = 'to' in ins && typeof ins.to === 'number' && ins.op !== 'dup2' ? ins.to : 0;
    if (to < 0 || to >= code.length)
      throw new Error(`${name}[${i}]: branch target ${to} outside the program`);
    if (ins.op === 'compute' && !(ins.n >= 1))
      throw new Error(`${name}[${i}]: compute needs n >= 1`);
  }
  return { name, source, code, image: { ...DEFAULT_IMAGE, ...image } };
}

/**
 * Estimated CPU ticks of a program from instruction `pc` on, reading it straight through
 * (compute n counts n; an I/O counts 2: issue and completion; anything else 1). Used by SJF and
 * STCF as the job's known length. Never fails. Precondition: none.
 */
export function estimate(p: Program, pc = 0): number {
  let n = 0;
  for (let i = pc; i < p.code.length; i++) {
    const ins = p.code[i];
    n += ins.op === 'compute' ? ins.n : ins.op === 'io' ? 2 : 1;
  }
  return n;
}

/**
 * A job that computes for n ticks then exits: the unit of the scheduling chapter. Precondition: n
 * >= 1. Failure: throws (through makeProgram) when n < 1.
 */
export function jobProgram(name: string, n: number): Program {
  return makeProgram(
    name,
    ['int main(void) {', `  work(${n});   // ${n} ticks of CPU`, '  return 0;', '}'],
    [{ op: 'compute', n, line: 2 }],
  );
}

const D = ADDR.data;

export const LIBRARY: Record<string, Program> = {};
/**
 * Adds a program to LIBRARY (topic files such as programs-<topic>.ts call it when imported, so
 * the code pane's build-time listings include their programs). Precondition: no program of that
 * name is there yet. Failure: throws when the name is taken (two programs would share a listing).
 */
export function defineProgram(p: Program): void {
  if (Object.hasOwn(LIBRARY, p.name)) throw new Error(`program ${p.name} is defined twice`);
  LIBRARY[p.name] = p;
}
const def = defineProgram;

def(
  makeProgram(
    'init',
    [
      'int main(void) {          // init, PID 1',
      '  for (;;)',
      '    wait(NULL);           // reap every child, orphans too',
      '}',
    ],
    [
      { op: 'wait', line: 3 },
      { op: 'jmp', to: 0, line: 2 },
    ],
  ),
);

def(
  makeProgram(
    'fork-basics',
    [
      'int main(void) {',
      '  printf("hello (pid:%d)\\n", getpid());',
      '  int rc = fork();',
      '  if (rc < 0) {',
      '    exit(1);',
      '  } else if (rc == 0) {',
      '    printf("child (pid:%d)\\n", getpid());',
      '  } else {',
      '    printf("parent of %d (pid:%d)\\n", rc, getpid());',
      '  }',
      '  return 0;',
      '}',
    ],
    [
      { op: 'print', text: 'hello (pid:{pid})\n', line: 2 },
      { op: 'fork', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'ge', v: 0, to: 4, line: 4 },
      { op: 'exit', status: 1, line: 5 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 7, line: 6 },
      { op: 'print', text: 'child (pid:{pid})\n', line: 7 },
      { op: 'jmp', to: 8, line: 8 },
      { op: 'print', text: 'parent of {r0} (pid:{pid})\n', line: 9 },
      { op: 'exit', status: 0, line: 11 },
    ],
  ),
);

def(
  makeProgram(
    'wc',
    [
      'int main(void) {          // wc p3.c',
      '  count(lines, words, bytes);',
      '  printf("%8d%8d%8d p3.c\\n", 13, 38, 409);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'compute', n: 3, line: 2 },
      { op: 'print', text: '      13      38     409 p3.c\n', line: 3 },
      { op: 'exit', status: 0, line: 4 },
    ],
  ),
);

def(
  makeProgram(
    'fork-exec-wait',
    [
      'int main(void) {',
      '  printf("hello (pid:%d)\\n", getpid());',
      '  int rc = fork();',
      '  if (rc == 0) {',
      '    printf("child (pid:%d)\\n", getpid());',
      '    execlp("wc", "wc", "p3.c", NULL);',
      '    printf("this shouldn\'t print out\\n");',
      '  } else {',
      '    int rc_wait = wait(NULL);',
      '    printf("parent of %d (rc_wait:%d) (pid:%d)\\n", rc, rc_wait, getpid());',
      '  }',
      '  return 0;',
      '}',
    ],
    [
      { op: 'print', text: 'hello (pid:{pid})\n', line: 2 },
      { op: 'fork', line: 3 },
      { op: 'set', reg: 'r2', v: 'r0', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 8, line: 4 },
      { op: 'print', text: 'child (pid:{pid})\n', line: 5 },
      { op: 'exec', prog: 'wc', line: 6 },
      { op: 'print', text: "this shouldn't print out\n", line: 7 },
      { op: 'jmp', to: 10, line: 7 },
      { op: 'wait', line: 9 },
      { op: 'print', text: 'parent of {r2} (rc_wait:{r0}) (pid:{pid})\n', line: 10 },
      { op: 'exit', status: 0, line: 12 },
    ],
  ),
);

def(
  makeProgram(
    'zombie-orphan',
    [
      'int main(void) {',
      '  pid_t z = fork();',
      '  if (z == 0)',
      '    exit(7);                  // the child exits at once',
      '  work(6);                    // meanwhile the child is a zombie',
      '  int status;',
      '  waitpid(z, &status, 0);     // reap it: the zombie is gone',
      '  pid_t o = fork();',
      '  if (o == 0) {',
      '    sleep(8);                 // its parent exits meanwhile',
      '    printf("orphan %d: my parent is now %d\\n", getpid(), getppid());',
      '    exit(0);',
      '  }',
      '  exit(0);                    // the child becomes an orphan',
      '}',
    ],
    [
      { op: 'fork', line: 2 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 3, line: 3 },
      { op: 'exit', status: 7, line: 4 },
      { op: 'compute', n: 6, line: 5 },
      { op: 'wait', line: 7 },
      { op: 'fork', line: 8 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 10, line: 9 },
      { op: 'sleep', ticks: 8, line: 10 },
      { op: 'print', text: 'orphan {pid}: my parent is now {ppid}\n', line: 11 },
      { op: 'exit', status: 0, line: 12 },
      { op: 'exit', status: 0, line: 14 },
    ],
  ),
);

def(
  makeProgram(
    'cow-fork',
    [
      'int counter = 1;               // in the data segment',
      'int main(void) {',
      '  counter = 42;                // the parent writes its own page',
      '  pid_t rc = fork();           // the child shares every page, read-only',
      '  if (rc == 0) {',
      '    int x = counter;           // a read: no fault',
      '    counter = x + 1;           // first write: fault, copy the page',
      '    printf("child sees %d\\n", counter);',
      '    exit(0);',
      '  }',
      '  wait(NULL);',
      '  counter = counter + 100;     // no longer shared: no copy needed',
      '  printf("parent sees %d\\n", counter);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r0', v: 42, line: 3 },
      { op: 'store', reg: 'r0', addr: D, line: 3 },
      { op: 'fork', line: 4 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 9, line: 5 },
      { op: 'load', reg: 'r1', addr: D, line: 6 },
      { op: 'add', reg: 'r1', v: 1, line: 7 },
      { op: 'store', reg: 'r1', addr: D, line: 7 },
      { op: 'print', text: 'child sees {r1}\n', line: 8 },
      { op: 'exit', status: 0, line: 9 },
      { op: 'wait', line: 11 },
      { op: 'load', reg: 'r1', addr: D, line: 12 },
      { op: 'add', reg: 'r1', v: 100, line: 12 },
      { op: 'store', reg: 'r1', addr: D, line: 12 },
      { op: 'print', text: 'parent sees {r1}\n', line: 13 },
      { op: 'exit', status: 0, line: 14 },
    ],
    { data: 2, heap: 2 },
  ),
);

def(
  makeProgram(
    'shared-offset',
    [
      'int main(void) {',
      '  int fd = open("out.txt", O_WRONLY | O_CREAT, 0644);',
      '  pid_t rc = fork();           // the child shares the open file and its offset',
      '  if (rc == 0) {',
      '    write(fd, "child\\n", 6);',
      '    exit(0);',
      '  }',
      '  wait(NULL);',
      '  write(fd, "parent\\n", 7);   // lands after the child\'s line',
      '  close(fd);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'open', path: 'out.txt', line: 2 },
      { op: 'set', reg: 'r3', v: 'r0', line: 2 },
      { op: 'fork', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 6, line: 4 },
      { op: 'write', fd: 'r3', text: 'child\n', line: 5 },
      { op: 'exit', status: 0, line: 6 },
      { op: 'wait', line: 8 },
      { op: 'write', fd: 'r3', text: 'parent\n', line: 9 },
      { op: 'close', fd: 'r3', line: 10 },
      { op: 'exit', status: 0, line: 11 },
    ],
  ),
);

def(
  makeProgram(
    'pipe',
    [
      'int main(void) {',
      '  int p[2];',
      '  pipe(p);                     // p[0]: read end, p[1]: write end',
      '  if (fork() == 0) {',
      '    close(p[1]);               // the child only reads',
      '    char buf[16];',
      '    int n = read(p[0], buf, 16);   // blocks until there is data',
      '    printf("child read %d bytes: %s", n, buf);',
      '    exit(0);',
      '  }',
      '  close(p[0]);                 // the parent only writes',
      '  write(p[1], "hello\\n", 6);',
      '  close(p[1]);',
      '  wait(NULL);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'pipe', line: 3 },
      { op: 'set', reg: 'r2', v: 'r0', line: 3 },
      { op: 'set', reg: 'r3', v: 'r1', line: 3 },
      { op: 'fork', line: 4 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 9, line: 4 },
      { op: 'close', fd: 'r3', line: 5 },
      { op: 'read', fd: 'r2', n: 16, line: 7 },
      { op: 'print', text: 'child read {r0} bytes: {buf}', line: 8 },
      { op: 'exit', status: 0, line: 9 },
      { op: 'close', fd: 'r2', line: 11 },
      { op: 'write', fd: 'r3', text: 'hello\n', line: 12 },
      { op: 'close', fd: 'r3', line: 13 },
      { op: 'wait', line: 14 },
      { op: 'exit', status: 0, line: 15 },
    ],
  ),
);

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

def(
  makeProgram(
    'fork-loop',
    [
      'int main(int n) {',
      '  for (int i = 0; i < n; i++)',
      '    fork();                 // parent and child both go on looping',
      '  work();                   // CPU',
      '  printf("hello\\n");',
      '  return 0;',
      '}',
    ],
    [
      { op: 'br', reg: 'r1', cmp: 'le', v: 0, to: 3, line: 2 },
      { op: 'fork', line: 3 },
      { op: 'loop', reg: 'r1', to: 1, line: 2 },
      { op: 'compute', n: 3, line: 4 },
      { op: 'print', text: 'hello\n', line: 5 },
      { op: 'exit', status: 0, line: 6 },
    ],
  ),
);

def(
  makeProgram(
    'postmaster',
    [
      'int main(void) {                      // postmaster',
      '  shared_buffers = mmap(MAP_SHARED, 4 pages);',
      '  for (;;) {',
      '    while (waitpid(-1, NULL, WNOHANG) > 0) ;   // reap finished backends',
      '    int conn = accept(listen_fd);     // sleep until a client connects',
      '    if (fork() == 0)',
      '      backend_main(conn);             // never returns',
      '  }',
      '}',
      'void backend_main(int conn) {',
      '  authenticate(conn);                 // CPU',
      '  for (int q = 0; q < 3; q++) {',
      '    read_query(conn);                 // wait for the client (network)',
      '    execute_query();                  // CPU',
      '    shared_buffers[0] = conn;         // write to shared memory: no copy',
      '  }',
      '  exit(0);',
      '}',
    ],
    [
      { op: 'wait', nohang: true, line: 4 },
      { op: 'br', reg: 'r0', cmp: 'gt', v: 0, to: 0, line: 4 },
      { op: 'accept', line: 5 },
      { op: 'set', reg: 'r2', v: 'r0', line: 5 },
      { op: 'fork', line: 6 },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 7, line: 6 },
      { op: 'jmp', to: 0, line: 3 },
      { op: 'compute', n: 4, line: 11 },
      { op: 'set', reg: 'r3', v: 3, line: 12 },
      { op: 'io', dev: 'net', line: 13 },
      { op: 'compute', n: 2, line: 14 },
      { op: 'store', reg: 'r2', addr: ADDR.shared, line: 15 },
      { op: 'loop', reg: 'r3', to: 9, line: 12 },
      { op: 'exit', status: 0, line: 17 },
    ],
    { data: 2, heap: 2, shared: 4 },
  ),
);

def(
  makeProgram(
    'prefork',
    [
      'int main(void) {                      // master',
      '  int listen_fd = listen_on(8080);',
      '  for (int i = 0; i < 3; i++)',
      '    if (fork() == 0)',
      '      worker(listen_fd);              // never returns',
      '  for (;;)',
      '    if (wait(NULL) > 0 && fork() == 0) // replace a dead worker',
      '      worker(listen_fd);',
      '}',
      'void worker(int fd) {',
      '  for (;;) {',
      '    int c = accept(fd);               // idle workers sleep here',
      '    handle(c);                        // CPU',
      '    send_response(c);                 // network I/O',
      '  }',
      '}',
    ],
    [
      { op: 'set', reg: 'r3', v: 3, line: 3 },
      { op: 'fork', line: 4 },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 9, line: 4 },
      { op: 'loop', reg: 'r3', to: 1, line: 3 },
      { op: 'wait', line: 7 },
      { op: 'br', reg: 'r0', cmp: 'le', v: 0, to: 4, line: 7 },
      { op: 'fork', line: 7 },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 9, line: 8 },
      { op: 'jmp', to: 4, line: 6 },
      { op: 'accept', line: 12 },
      { op: 'compute', n: 3, line: 13 },
      { op: 'io', dev: 'net', line: 14 },
      { op: 'jmp', to: 9, line: 11 },
    ],
  ),
);

def(
  makeProgram(
    'cpu-bound',
    ['int main(void) {', '  work(6);                    // pure computation', '  return 0;', '}'],
    [{ op: 'compute', n: 6, line: 2 }],
  ),
);

def(
  makeProgram(
    'io-bound',
    [
      'int main(void) {',
      '  for (int i = 0; i < 2; i++) {',
      '    work(1);',
      '    read(disk_fd, buf, 4096);  // blocks until the disk answers',
      '  }',
      '  work(1);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r3', v: 2, line: 2 },
      { op: 'compute', n: 1, line: 3 },
      { op: 'io', dev: 'disk', line: 4 },
      { op: 'loop', reg: 'r3', to: 1, line: 2 },
      { op: 'compute', n: 1, line: 6 },
    ],
  ),
);

/**
 * The program called `name`: the machine's own programs first, then the library. Precondition:
 * none. Failure: undefined when no program has that name.
 */
export function programOf(
  m: { programs: Record<string, Program> },
  name: string,
): Program | undefined {
  const own = m.programs[name];
  if (own !== undefined && Object.hasOwn(m.programs, name)) return own;
  return Object.hasOwn(LIBRARY, name) ? LIBRARY[name] : undefined;
}

/**
 * The 1-based line of the C listing that task `tid` runs next (for highlighting a code pane).
 * Failure: 0 when the task does not exist or has run off the end of its program. Precondition:
 * none.
 */
export function currentLine(
  m: { programs: Record<string, Program>; tasks: Table<{ prog: string; pc: number }> },
  tid: number,
): number {
  const t = get(m.tasks, tid);
  const p = t && programOf(m, t.prog);
  return p && t.pc < p.code.length ? p.code[t.pc].line : 0;
}
