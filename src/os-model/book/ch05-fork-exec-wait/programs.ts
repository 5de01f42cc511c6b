// Programs of chapter 5 (process creation and death): exec after fork and a thread for contrast
// with copy-on-write, a shell redirecting `ls > out.txt`, a parent that reaps only when told, and
// a subreaper. Listed in the book's program library (book/library.ts).
import type { Program } from '../../kernel/types.ts';
import { ADDR, makeProgram } from '../../kernel/program.ts';

const D = ADDR.data;

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [];
const def = (p: Program): void => {
  PROGRAMS.push(p);
};

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

/** `ls`: writes two names to file descriptor 1, wherever it points. */
def(
  makeProgram(
    'ls',
    [
      'int main(void) {             // ls',
      '  read_directory(".");',
      '  puts("notes.txt");         // to fd 1, wherever it points',
      '  puts("out.txt");',
      '  return 0;',
      '}',
    ],
    [
      { op: 'compute', n: 1, line: 2 },
      { op: 'print', text: 'notes.txt\n', line: 3 },
      { op: 'print', text: 'out.txt\n', line: 4 },
      { op: 'exit', status: 0, line: 5 },
    ],
  ),
);

/** A shell running `ls > out.txt`: fork, open + dup2 + close in the child, then exec. */
def(
  makeProgram(
    'redirect',
    [
      'int main(void) {                 // the shell runs: ls > out.txt',
      '  int log = open("history", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);',
      '  pid_t rc = fork();',
      '  if (rc == 0) {                 // the child prepares, then execs',
      '    int fd = open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);',
      '    dup2(fd, 1);                 // stdout is now out.txt',
      '    close(fd);',
      '    execlp("ls", "ls", NULL);    // fds 0-2 survive; log is closed',
      '    exit(127);                   // only if exec failed',
      '  }',
      '  int status;',
      '  pid_t pid = wait(&status);',
      '  printf("shell: ls (pid %d) exited with status %d\\n", pid, WEXITSTATUS(status));',
      '  return 0;',
      '}',
    ],
    [
      { op: 'open', path: 'history', cloexec: true, line: 2 },
      { op: 'fork', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 9, line: 4 },
      { op: 'open', path: 'out.txt', line: 5 },
      { op: 'set', reg: 'r3', v: 'r0', line: 5 },
      { op: 'dup2', from: 'r3', to: 1, line: 6 },
      { op: 'close', fd: 'r3', line: 7 },
      { op: 'exec', prog: 'ls', line: 8 },
      { op: 'exit', status: 127, line: 9 },
      { op: 'wait', line: 12 },
      { op: 'print', text: 'shell: ls (pid {r0}) exited with status {r1}\n', line: 13 },
      { op: 'exit', status: 0, line: 14 },
    ],
  ),
);

/** fork, then exec in the child: the child's shared pages are dropped for a new image. */
def(
  makeProgram(
    'cow-exec',
    [
      'int counter = 1;               // in the data segment',
      'int main(void) {',
      '  counter = 42;',
      '  pid_t rc = fork();           // the child shares every page, read-only',
      '  if (rc == 0) {',
      '    execlp("wc", "wc", "p3.c", NULL);  // a new image: nothing shared any more',
      '    exit(127);                 // only if exec failed',
      '  }',
      '  wait(NULL);',
      '  printf("parent sees %d\\n", counter);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r0', v: 42, line: 3 },
      { op: 'store', reg: 'r0', addr: D, line: 3 },
      { op: 'fork', line: 4 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 6, line: 5 },
      { op: 'exec', prog: 'wc', line: 6 },
      { op: 'exit', status: 127, line: 7 },
      { op: 'wait', line: 9 },
      { op: 'load', reg: 'r1', addr: D, line: 10 },
      { op: 'print', text: 'parent sees {r1}\n', line: 10 },
      { op: 'exit', status: 0, line: 11 },
    ],
    { data: 2, heap: 2 },
  ),
);

/** pthread_create instead of fork: one address space, so a write is seen by both, no copy. */
def(
  makeProgram(
    'cow-thread',
    [
      'int counter = 1;               // in the data segment',
      'void *worker(void *arg) {',
      '  counter = counter + 1;       // the same page: no fault, no copy',
      '  return NULL;',
      '}',
      'int main(void) {',
      '  counter = 42;',
      '  pthread_t t;',
      '  pthread_create(&t, NULL, worker, NULL);  // shares the address space',
      '  pthread_join(t, NULL);',
      '  printf("main sees %d\\n", counter);      // the thread\'s write',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r0', v: 42, line: 7 },
      { op: 'store', reg: 'r0', addr: D, line: 7 },
      { op: 'thread', to: 8, line: 9 },
      { op: 'set', reg: 'r2', v: 'r0', line: 9 },
      { op: 'join', tid: 'r2', line: 10 },
      { op: 'load', reg: 'r0', addr: D, line: 11 },
      { op: 'print', text: 'main sees {r0}\n', line: 11 },
      { op: 'exit', status: 0, line: 12 },
      { op: 'load', reg: 'r1', addr: D, line: 3 },
      { op: 'add', reg: 'r1', v: 1, line: 3 },
      { op: 'store', reg: 'r1', addr: D, line: 3 },
      { op: 'texit', line: 4 },
    ],
    { data: 2, heap: 2 },
  ),
);

/**
 * A parent that reaps only when the reader says so: it stops itself with SIGSTOP, and each SIGCONT
 * makes it call wait() once. Its two children exit with statuses 2 and 1.
 */
def(
  makeProgram(
    'lazy-parent',
    [
      'int main(void) {',
      '  for (int i = 2; i > 0; i--)',
      '    if (fork() == 0) {',
      '      work(3);                 // the child works a little,',
      '      exit(i);                 // then exits: a zombie until reaped',
      '    }',
      '  for (;;) {',
      '    raise(SIGSTOP);            // stopped until someone sends SIGCONT',
      '    int status;',
      '    pid_t pid = wait(&status); // reap one child (blocks if none has exited)',
      '    if (pid < 0) exit(0);      // no children left',
      '    printf("reaped %d (status %d)\\n", pid, WEXITSTATUS(status));',
      '  }',
      '}',
    ],
    [
      { op: 'set', reg: 'r3', v: 2, line: 2 },
      { op: 'fork', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 10, line: 3 },
      { op: 'loop', reg: 'r3', to: 1, line: 2 },
      { op: 'getpid', line: 8 },
      { op: 'kill', pid: 'r0', sig: 'SIGSTOP', line: 8 },
      { op: 'wait', line: 10 },
      { op: 'br', reg: 'r0', cmp: 'lt', v: 0, to: 12, line: 11 },
      { op: 'print', text: 'reaped {r0} (status {r1})\n', line: 12 },
      { op: 'jmp', to: 4, line: 7 },
      { op: 'compute', n: 3, line: 4 },
      { op: 'exit', status: 'r3', line: 5 },
      { op: 'exit', status: 0, line: 11 },
    ],
  ),
);

/**
 * A service manager that marks itself a child subreaper, then a daemon that double-forks: the
 * middle process exits, and its orphaned child is adopted by the subreaper, not by init.
 */
def(
  makeProgram(
    'subreaper',
    [
      'int main(void) {                     // a service manager',
      '  prctl(PR_SET_CHILD_SUBREAPER, 1);  // adopt orphaned descendants',
      '  if (fork() == 0) {                 // a daemon that double-forks:',
      '    if (fork() == 0) {',
      '      sleep(4);                      // the grandchild outlives its parent',
      '      printf("daemon %d: my parent is now %d\\n", getpid(), getppid());',
      '      exit(3);',
      '    }',
      '    exit(0);                         // the middle process exits at once',
      '  }',
      '  int status;',
      '  pid_t pid;',
      '  while ((pid = wait(&status)) > 0)  // reap children and adopted orphans',
      '    printf("reaped %d (status %d)\\n", pid, WEXITSTATUS(status));',
      '  return 0;',
      '}',
    ],
    [
      { op: 'subreaper', line: 2 },
      { op: 'fork', line: 3 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 9, line: 3 },
      { op: 'fork', line: 4 },
      { op: 'br', reg: 'r0', cmp: 'ne', v: 0, to: 8, line: 4 },
      { op: 'sleep', ticks: 4, line: 5 },
      { op: 'print', text: 'daemon {pid}: my parent is now {ppid}\n', line: 6 },
      { op: 'exit', status: 3, line: 7 },
      { op: 'exit', status: 0, line: 9 },
      { op: 'wait', line: 13 },
      { op: 'br', reg: 'r0', cmp: 'le', v: 0, to: 13, line: 13 },
      { op: 'print', text: 'reaped {r0} (status {r1})\n', line: 14 },
      { op: 'jmp', to: 9, line: 13 },
      { op: 'exit', status: 0, line: 15 },
    ],
  ),
);

/** The names of this file's programs, in definition order. */
export const LIFECYCLE_PROGRAMS: readonly string[] = [
  'ls',
  'redirect',
  'cow-exec',
  'cow-thread',
  'lazy-parent',
  'subreaper',
];
