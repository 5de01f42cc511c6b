// Programs of chapter 5 (process creation and death): exec after fork and a thread for contrast
// with copy-on-write, a shell redirecting `ls > out.txt`, a parent that reaps only when told, and
// a subreaper. Imported for its side effect (defineProgram) by scenarios-lifecycle.ts and index.ts.
import { ADDR, defineProgram, makeProgram } from '../../kernel/program.ts';

const D = ADDR.data;

/** `ls`: writes two names to file descriptor 1, wherever it points. */
defineProgram(
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
defineProgram(
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
defineProgram(
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
defineProgram(
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
defineProgram(
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
defineProgram(
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
