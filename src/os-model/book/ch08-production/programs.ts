// Programs of chapter 8 (processes in production): a prefork server whose workers share one
// listening socket.
import type { Program } from '../../kernel/types.ts';
import { makeProgram } from '../../kernel/program.ts';

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [];
const def = (p: Program): void => {
  PROGRAMS.push(p);
};

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
