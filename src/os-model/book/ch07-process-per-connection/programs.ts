// Programs of chapter 7 (process-per-connection databases): a fuller Postgres postmaster with its
// auxiliary processes, and three servers that serve the same clients in three ways (a process
// per connection, a thread per connection, an event loop) with the same bug in client 2's
// handler. Listed in the book's program library (book/library.ts).
import type { Machine } from '../../kernel/types.ts';
import type { Program } from '../../kernel/types.ts';
import { ADDR, makeProgram } from '../../kernel/program.ts';
import { get } from '../../kernel/table.ts';

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [];
const def = (p: Program): void => {
  PROGRAMS.push(p);
};

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

/** Queries a client sends in one postgres-full session before it disconnects. */
export const PG_QUERIES = 4;
/** Queries each client sends to the arch-* servers. */
export const ARCH_QUERIES = 3;
/** The client whose query trips the bug in every arch-* server. */
export const ARCH_CRASH_CLIENT = 2;

/**
 * Postgres's five auxiliary processes in PG15, by the loop counter (r3) they were forked with:
 * the names `ps` shows after "postgres: " (public/data/calibration.md §4: N + 5 children).
 */
export const AUX_NAMES: Record<number, string> = {
  5: 'checkpointer',
  4: 'background writer',
  3: 'walwriter',
  2: 'autovacuum launcher',
  1: 'logical replication launcher',
};

// Instruction indexes of postgres-full's sections (checked by makeProgram's branch targets and by
// the tests): 0–12 postmaster, 13–15 aux_main, 16–23 backend_main.
const PG_AUX = 13;
const PG_BACKEND = 16;

// Page counts of the postgres image: 13 resident pages, as the idle backend's measured 13.1 MB at
// 1 MB per model page (smaps.ts MODEL_PAGE_KB): text 7 (the postgres binary and its libraries,
// shared file pages), data 1, heap 1 (the page a child writes first, so its private copy),
// shared 3 (shared memory it has touched; the measured RssShmem is 3.6 MB), stack 1.
export const PG_IMAGE = { text: 7, data: 1, heap: 1, shared: 3, stack: 1 } as const;

def(
  makeProgram(
    'postgres',
    [
      'int main(void) {                           // the postmaster',
      '  shm = mmap(MAP_SHARED, ...);             // shared buffers, lock table',
      '  pipe(alive);                             // children watch it: is the postmaster alive?',
      '  for (int i = 5; i > 0; i--)              // the five auxiliary processes',
      '    if (fork() == 0)',
      '      aux_main(i);                         // never returns',
      '  for (;;) {',
      '    while (waitpid(-1, NULL, WNOHANG) > 0) ;  // reap backends whose client left',
      '    int conn = accept(listen_fd);          // sleep until a client connects',
      '    if (fork() == 0)',
      '      backend_main(conn);                  // never returns',
      '  }',
      '}',
      'void aux_main(int i) {      // checkpointer, bgwriter, walwriter, autovacuum, logical rep.',
      '  state = init_private_state();            // first write: a private copy of the page',
      '  for (;;)',
      '    WaitLatch(alive[0]);                   // sleep until there is work to do',
      '}',
      'void backend_main(int conn) {',
      '  authenticate(conn);                      // CPU',
      '  caches = build_catalog_caches();         // first write: a private copy of the page',
      `  for (int q = 0; q < ${PG_QUERIES}; q++) {`,
      '    read_query(conn);                      // wait for the client (network)',
      '    execute_query();                       // CPU',
      '    shm->buffers[0] = conn;                // shared memory: no copy',
      '  }',
      '  exit(0);                                 // the client disconnected',
      '}',
    ],
    [
      { op: 'pipe', line: 3 }, // 0
      { op: 'set', reg: 'r2', v: 'r0', line: 3 }, // 1: keep the read end
      { op: 'set', reg: 'r3', v: 5, line: 4 }, // 2
      { op: 'fork', line: 5 }, // 3
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: PG_AUX, line: 5 }, // 4
      { op: 'loop', reg: 'r3', to: 3, line: 4 }, // 5
      { op: 'wait', nohang: true, line: 8 }, // 6
      { op: 'br', reg: 'r0', cmp: 'gt', v: 0, to: 6, line: 8 }, // 7
      { op: 'accept', line: 9 }, // 8
      { op: 'set', reg: 'r2', v: 'r0', line: 9 }, // 9
      { op: 'fork', line: 10 }, // 10
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: PG_BACKEND, line: 10 }, // 11
      { op: 'jmp', to: 6, line: 7 }, // 12
      { op: 'store', reg: 'r3', addr: ADDR.heap, line: 15 }, // 13 aux_main
      { op: 'read', fd: 'r2', n: 1, line: 17 }, // 14
      { op: 'jmp', to: 14, line: 16 }, // 15
      { op: 'compute', n: 3, line: 20 }, // 16 backend_main
      { op: 'store', reg: 'r2', addr: ADDR.heap, line: 21 }, // 17
      { op: 'set', reg: 'r3', v: PG_QUERIES, line: 22 }, // 18
      { op: 'io', dev: 'net', line: 23 }, // 19
      { op: 'compute', n: 1, line: 24 }, // 20
      { op: 'store', reg: 'r2', addr: ADDR.shared, line: 25 }, // 21
      { op: 'loop', reg: 'r3', to: 19, line: 22 }, // 22
      { op: 'exit', status: 0, line: 27 }, // 23
    ],
    PG_IMAGE,
  ),
);

/**
 * What a process of the postgres-full scenario is, as `ps` would show after "postgres: ": the
 * postmaster (the postgres process whose parent is not postgres), an auxiliary process by name,
 * or a backend with its connection number; '' for other processes. Reads only where the process's
 * main task is in the program and its registers. Precondition: none. Never fails.
 */
export function pgRole(m: Machine, pid: number): string {
  const p = get(m.procs, pid);
  if (!p || p.name !== 'postgres') return '';
  const parent = get(m.procs, p.ppid);
  if (!parent || parent.name !== 'postgres') return 'postmaster';
  const t = get(m.tasks, pid);
  if (!t) return p.state === 'ZOMBIE' ? 'exited backend' : 'backend';
  if (t.pc >= PG_AUX && t.pc < PG_BACKEND) return AUX_NAMES[t.r[3]] ?? 'auxiliary';
  return `backend for connection ${t.r[2]}`;
}

const CRASH_LINES = [
  `    if (conn == ${ARCH_CRASH_CLIENT})                     // a bug that only this client's query hits:`,
  '      *(int *)NULL = 0;                   //   a write through a null pointer (SIGSEGV)',
];

def(
  makeProgram(
    'fork-server',
    [
      'int main(void) {                      // a process per connection',
      '  for (;;) {',
      '    while (waitpid(-1, NULL, WNOHANG) > 0) ;  // reap finished handlers',
      '    int conn = accept(listen_fd);',
      '    if (fork() == 0)',
      '      serve(conn);                      // never returns',
      '  }',
      '}',
      'void serve(int conn) {',
      `  for (int q = 0; q < ${ARCH_QUERIES}; q++) {`,
      '    read_query(conn);                   // wait for the client',
      ...CRASH_LINES,
      '    execute_query();                    // CPU',
      '    printf("client %d: query answered\\n", conn);',
      '  }',
      '  printf("client %d: session closed\\n", conn);',
      '  exit(0);',
      '}',
    ],
    [
      { op: 'wait', nohang: true, line: 3 }, // 0
      { op: 'br', reg: 'r0', cmp: 'gt', v: 0, to: 0, line: 3 }, // 1
      { op: 'accept', line: 4 }, // 2
      { op: 'set', reg: 'r2', v: 'r0', line: 4 }, // 3
      { op: 'fork', line: 5 }, // 4
      { op: 'br', reg: 'r0', cmp: 'eq', v: 0, to: 7, line: 5 }, // 5
      { op: 'jmp', to: 0, line: 2 }, // 6
      { op: 'set', reg: 'r3', v: ARCH_QUERIES, line: 10 }, // 7 serve
      { op: 'io', dev: 'net', line: 11 }, // 8
      { op: 'br', reg: 'r2', cmp: 'ne', v: ARCH_CRASH_CLIENT, to: 11, line: 12 }, // 9
      { op: 'store', reg: 'r2', addr: 0, line: 13 }, // 10: text is read-only: segfault
      { op: 'compute', n: 2, line: 14 }, // 11
      { op: 'print', text: 'client {r2}: query answered\n', line: 15 }, // 12
      { op: 'loop', reg: 'r3', to: 8, line: 10 }, // 13
      { op: 'print', text: 'client {r2}: session closed\n', line: 17 }, // 14
      { op: 'exit', status: 0, line: 18 }, // 15
    ],
  ),
);

def(
  makeProgram(
    'thread-server',
    [
      'int main(void) {                      // a thread per connection',
      '  for (;;) {',
      '    int conn = accept(listen_fd);',
      '    pthread_create(&t, NULL, serve, conn);  // a thread, not a process',
      '  }',
      '}',
      'void *serve(int conn) {',
      `  for (int q = 0; q < ${ARCH_QUERIES}; q++) {`,
      '    read_query(conn);                   // wait for the client',
      ...CRASH_LINES,
      '    execute_query();                    // CPU',
      '    printf("client %d: query answered\\n", conn);',
      '  }',
      '  printf("client %d: session closed\\n", conn);',
      '  return NULL;                          // only this thread ends',
      '}',
    ],
    [
      { op: 'accept', line: 3 }, // 0
      { op: 'thread', to: 3, arg: 'r0', line: 4 }, // 1
      { op: 'jmp', to: 0, line: 2 }, // 2
      { op: 'set', reg: 'r2', v: 'r0', line: 7 }, // 3 serve (the argument arrives in r0)
      { op: 'set', reg: 'r3', v: ARCH_QUERIES, line: 8 }, // 4
      { op: 'io', dev: 'net', line: 9 }, // 5
      { op: 'br', reg: 'r2', cmp: 'ne', v: ARCH_CRASH_CLIENT, to: 8, line: 10 }, // 6
      { op: 'store', reg: 'r2', addr: 0, line: 11 }, // 7
      { op: 'compute', n: 2, line: 12 }, // 8
      { op: 'print', text: 'client {r2}: query answered\n', line: 13 }, // 9
      { op: 'loop', reg: 'r3', to: 5, line: 8 }, // 10
      { op: 'print', text: 'client {r2}: session closed\n', line: 15 }, // 11
      { op: 'texit', line: 16 }, // 12
    ],
  ),
);

def(
  makeProgram(
    'event-loop',
    [
      'int main(void) {                      // an event loop: one process, one thread',
      '  for (int i = 0; i < 3; i++)',
      '    conn[i] = accept(listen_fd);',
      `  for (int q = 0; q < ${ARCH_QUERIES}; q++) {`,
      "    epoll_wait(ep, ready, 3, -1);       // sleep until the clients' queries arrive",
      "    for (int c = 1; c <= 3; c++) {      // run each ready client's callback",
      `      if (c == ${ARCH_CRASH_CLIENT})                   // the same bug, in client 2's callback:`,
      '        *(int *)NULL = 0;               //   a write through a null pointer (SIGSEGV)',
      '      execute_query();                  // CPU',
      '      printf("client %d: query answered\\n", c);',
      '    }',
      '  }',
      '  for (int c = 1; c <= 3; c++)',
      '    printf("client %d: session closed\\n", c);',
      '  return 0;',
      '}',
    ],
    [
      { op: 'set', reg: 'r3', v: 3, line: 2 }, // 0
      { op: 'accept', line: 3 }, // 1
      { op: 'loop', reg: 'r3', to: 1, line: 2 }, // 2
      { op: 'set', reg: 'r1', v: ARCH_QUERIES, line: 4 }, // 3
      { op: 'io', dev: 'net', line: 5 }, // 4
      { op: 'set', reg: 'r2', v: 1, line: 6 }, // 5
      { op: 'br', reg: 'r2', cmp: 'ne', v: ARCH_CRASH_CLIENT, to: 8, line: 7 }, // 6
      { op: 'store', reg: 'r2', addr: 0, line: 8 }, // 7
      { op: 'compute', n: 2, line: 9 }, // 8
      { op: 'print', text: 'client {r2}: query answered\n', line: 10 }, // 9
      { op: 'add', reg: 'r2', v: 1, line: 6 }, // 10
      { op: 'br', reg: 'r2', cmp: 'le', v: 3, to: 6, line: 6 }, // 11
      { op: 'loop', reg: 'r1', to: 4, line: 4 }, // 12
      { op: 'set', reg: 'r2', v: 1, line: 13 }, // 13
      { op: 'print', text: 'client {r2}: session closed\n', line: 14 }, // 14
      { op: 'add', reg: 'r2', v: 1, line: 13 }, // 15
      { op: 'br', reg: 'r2', cmp: 'le', v: 3, to: 14, line: 13 }, // 16
      { op: 'exit', status: 0, line: 15 }, // 17
    ],
  ),
);
