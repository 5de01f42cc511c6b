// Programs of chapter 2 (process states): a CPU-bound and an I/O-bound process for the state
// machine and the "be the OS" island.
import type { Program } from '../../kernel/types.ts';
import { makeProgram } from '../../kernel/program.ts';

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [];
const def = (p: Program): void => {
  PROGRAMS.push(p);
};

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
