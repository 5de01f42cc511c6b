// The book's program library: every chapter's C-listed programs, listed here explicitly (no
// import for side effects). Scenarios give these programs to the machines they build
// (kit.ts `machine`), and the code pane's build-time listings read LIBRARY.
import type { Program } from '../kernel/types.ts';
import { INIT } from '../kernel/program.ts';
import { PROGRAMS as CH01 } from './ch01-programs-and-processes/programs.ts';
import { PROGRAMS as CH02 } from './ch02-process-states/programs.ts';
import { PROGRAMS as CH05 } from './ch05-fork-exec-wait/programs.ts';
import { PROGRAMS as CH06 } from './ch06-threads/programs.ts';
import { PROGRAMS as CH07 } from './ch07-process-per-connection/programs.ts';
import { PROGRAMS as CH08 } from './ch08-production/programs.ts';

/**
 * One table from several, in order. Precondition: none. Failure: throws naming the first
 * duplicated key (two chapters would define the same `kind`, e.g. two programs called 'ls').
 */
export function merge<T>(kind: string, tables: Record<string, T>[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const t of tables)
    for (const [k, v] of Object.entries(t)) {
      if (Object.hasOwn(out, k)) throw new Error(`${kind} ${k} is defined twice`);
      out[k] = v;
    }
  return out;
}

const byName = (list: Program[]): Record<string, Program> =>
  Object.fromEntries(list.map((p) => [p.name, p]));

/** Every program of the book by name, init included, chapter by chapter. */
export const LIBRARY: Record<string, Program> = merge(
  'program',
  [[INIT], CH01, CH02, CH05, CH06, CH07, CH08].map(byName),
);
