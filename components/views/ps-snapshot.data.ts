// The `ps` view's data: `ps -eo pid,ppid,stat,comm` of a machine (the model's procfs rules) and
// ps(1)'s meaning of each state letter that appears. Pure: no DOM, no Svelte.
import type { Machine } from '../../src/os-model/index.ts';
import { STAT_MEANING, psRows, psText, type PsRow } from '../../src/os-model/index.ts';
import type { StatLetter } from '../../src/os-model/index.ts';

export const PS_COMMAND = 'ps -eo pid,ppid,stat,comm';

export type PsSnapshotData = {
  rows: PsRow[];
  /** The whole output as ps prints it (header first, one line per process). */
  text: string;
  /** Each state letter shown, in the order R S D T Z, with ps(1)'s words for it. */
  legend: { letter: StatLetter; meaning: string; count: number }[];
};

const ORDER: StatLetter[] = ['R', 'S', 'D', 'T', 'Z'];

/** The ps view's rows, text and legend for `m`. Precondition: none. Never fails. */
export function psSnapshot(m: Machine): PsSnapshotData {
  const rows = psRows(m);
  const legend = ORDER.map((letter) => ({
    letter,
    meaning: STAT_MEANING[letter],
    count: rows.filter((r) => r.letter === letter).length,
  })).filter((l) => l.count > 0);
  return { rows, text: psText(m), legend };
}
