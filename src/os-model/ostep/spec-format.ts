// process-run.py's output formats, written out from ../shared/ostep-spec.md §1.6 for the tests
// that compare the model's output with the original's (golden.test.ts, and chapter 2's e2e spec
// for the homework island). Nothing here runs the simulator: expected outputs are built from
// these pieces by hand, so they stay independent of the code they check.

/**
 * `n` spaces. Precondition: n >= 0. Never fails.
 */
export const sp = (n: number): string => ' '.repeat(n);

/**
 * The lines, each ended by a newline, as print() writes them. Precondition: none. Never fails.
 */
export const lines = (...ls: string[]): string => ls.map((l) => `${l}\n`).join('');

/**
 * One trace row: '%3d' tick, '*' or ' ', %14s cells, the CPU cell, the IOs cell (blank = 10
 * spaces). Precondition: none. Never fails.
 */
export function row(t: number, star: boolean, cells: string[], cpu: boolean, ios: number): string {
  return (
    String(t).padStart(3) +
    (star ? '*' : ' ') +
    cells.map((c) => c.padStart(14)).join('') +
    (cpu ? '1'.padStart(14) : sp(14)) +
    (ios > 0 ? String(ios).padStart(14) : sp(10))
  );
}

/** The trace header for two processes. */
export const HEADER2 = 'Time        PID: 0        PID: 1           CPU           IOs';

/**
 * The `-p` statistics block: a blank line, three Stats lines, a blank line. Percentages are given
 * as the original prints them ('%.2f'). Precondition: none. Never fails.
 */
export function stats(
  total: number,
  cpu: number,
  cpuPct: string,
  io: number,
  ioPct: string,
): string[] {
  return [
    '',
    `Stats: Total Time ${total}`,
    `Stats: CPU Busy ${cpu} (${cpuPct}%)`,
    `Stats: IO Busy  ${io} (${ioPct}%)`,
    '',
  ];
}

/**
 * Expected stdout of `process-run.py <argv> -c -p` for cases worked out by hand from the spec,
 * shared by the parity tests and the homework island's e2e test. The worked example's rows are
 * written out literally, so they also check `row()`.
 */
export const PROCESS_RUN_CASES = {
  /** §1.7's worked example. */
  worked: {
    argv: ['-l', '1:0,4:100'],
    stdout: lines(
      HEADER2,
      '  1         RUN:io         READY             1          ',
      '  2        BLOCKED       RUN:cpu             1             1',
      '  3        BLOCKED       RUN:cpu             1             1',
      '  4        BLOCKED       RUN:cpu             1             1',
      '  5        BLOCKED       RUN:cpu             1             1',
      '  6        BLOCKED          DONE                           1',
      '  7*   RUN:io_done          DONE             1          ',
      // 600/7 = 85.714..., 500/7 = 71.428...
      ...stats(7, 6, '85.71', 5, '71.43'),
    ),
  },
  /** Two CPU-only processes: P1 takes over in the tick after P0 ends. */
  cpuOnly: {
    argv: ['-l', '5:100,5:100'],
    stdout: lines(
      HEADER2,
      ...[1, 2, 3, 4, 5].map((t) => row(t, false, ['RUN:cpu', 'READY'], true, 0)),
      ...[6, 7, 8, 9, 10].map((t) => row(t, false, ['DONE', 'RUN:cpu'], true, 0)),
      ...stats(10, 10, '100.00', 0, '0.00'),
    ),
  },
  /**
   * IO_RUN_IMMEDIATE preempts the running process. t1 P0 io (done at 1+2+1 = 4), P1 dispatched;
   * t2-3 P1 cpu; t4 completion: P1 back to READY, P0 runs io_done; t5 P0 cpu, ends, P1
   * dispatched; t6 P1's last cpu.
   */
  immediate: {
    argv: ['-P', 'i,c1:c3', '-L', '2', '-I', 'IO_RUN_IMMEDIATE'],
    stdout: lines(
      HEADER2,
      row(1, false, ['RUN:io', 'READY'], true, 0),
      row(2, false, ['BLOCKED', 'RUN:cpu'], true, 1),
      row(3, false, ['BLOCKED', 'RUN:cpu'], true, 1),
      row(4, true, ['RUN:io_done', 'READY'], true, 0),
      row(5, false, ['RUN:cpu', 'READY'], true, 0),
      row(6, false, ['DONE', 'RUN:cpu'], true, 0),
      ...stats(6, 6, '100.00', 2, '33.33'),
    ),
  },
} as const;
