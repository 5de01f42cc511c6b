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
