// Reading chapter 3's island forms: the text a reader typed turned into model input, or a message
// that names the field at fault. Pure: no DOM; tested in forms.test.ts. The rules themselves
// (what a scheduler does with the input) are the model's (src/os-model/book/ch03-scheduling/).
import {
  checkEevdf,
  checkGame,
  checkTraceSetup,
  type EevdfTask,
  type GameSetup,
  type TraceJob,
  type TracePolicy,
  type TraceSetup,
  type TieBreak,
} from '../../src/os-model/index.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A whole number typed into a box, or null. Never fails. */
export function wholeOf(text: string): number | null {
  const t = text.trim();
  return /^-?\d{1,6}$/.test(t) ? Number(t) : null;
}

/** A decimal number typed into a box (a comma allowed as the decimal mark), or null. */
export function numberOf(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return /^-?\d{1,6}(\.\d{1,4})?$/.test(t) ? Number(t) : null;
}

export type JobRow = {
  name: string;
  arrival: string;
  length: string;
  ioEvery: string;
  ioLength: string;
};

export const DEFAULT_JOBS: JobRow[] = [
  { name: 'A', arrival: '0', length: '8', ioEvery: '0', ioLength: '0' },
  { name: 'B', arrival: '1', length: '4', ioEvery: '0', ioLength: '0' },
  { name: 'C', arrival: '2', length: '2', ioEvery: '0', ioLength: '0' },
];

/**
 * The rule-tracing scheduler's form as a setup. Precondition: none. Failure: a message naming
 * the row (job) and the column at fault.
 */
export function traceSetupOf(
  policy: TracePolicy,
  quantum: string,
  tieBreak: TieBreak,
  rows: JobRow[],
): Parsed<TraceSetup> {
  const q = wholeOf(quantum);
  if (q === null)
    return {
      ok: false,
      error: `The round-robin slice must be a whole number of ticks; got “${quantum.trim()}”.`,
    };
  const jobs: TraceJob[] = [];
  for (const [i, r] of rows.entries()) {
    const label = r.name.trim() || `in row ${i + 1}`;
    const cols: [keyof JobRow, string][] = [
      ['arrival', 'arrival'],
      ['length', 'length'],
      ['ioEvery', '“I/O every”'],
      ['ioLength', 'I/O length'],
    ];
    const nums: Record<string, number> = {};
    for (const [k, word] of cols) {
      const v = wholeOf(r[k]);
      if (v === null)
        return {
          ok: false,
          error: `Job ${label}: ${word} must be a whole number; got “${r[k].trim()}”.`,
        };
      nums[k] = v;
    }
    jobs.push({
      name: r.name.trim(),
      arrival: nums.arrival,
      length: nums.length,
      ioEvery: nums.ioEvery,
      ioLength: nums.ioLength,
    });
  }
  const setup: TraceSetup = { policy, quantum: q, tieBreak, jobs };
  const err = checkTraceSetup(setup);
  return err ? { ok: false, error: err } : { ok: true, value: setup };
}

export type GameForm = {
  burst: string;
  ioTicks: string;
  quantum: string;
  stay: boolean;
  boost: string;
};

/** The MLFQ game's form as a setup (a run of 300 ticks). Failure: a message naming the field. */
export function gameSetupOf(f: GameForm): Parsed<GameSetup> {
  const fields: [keyof GameForm, string][] = [
    ['burst', 'Ticks before each I/O'],
    ['ioTicks', 'The I/O length'],
    ['quantum', 'The slice'],
    ['boost', 'The boost period'],
  ];
  const v: Record<string, number> = {};
  for (const [k, label] of fields) {
    const n = wholeOf(String(f[k]));
    if (n === null)
      return { ok: false, error: `${label} must be a whole number; got “${String(f[k]).trim()}”.` };
    v[k] = n;
  }
  const s: GameSetup = {
    burst: v.burst,
    ioTicks: v.ioTicks,
    quantum: v.quantum,
    stay: f.stay,
    boost: v.boost,
    window: 300,
  };
  const err = checkGame(s);
  return err ? { ok: false, error: err } : { ok: true, value: s };
}

export type TaskRow = { name: string; nice: string; slice: string; join: string };

/** The EEVDF ledger's form as tasks. Failure: a message naming the task and the field. */
export function eevdfTasksOf(rows: TaskRow[]): Parsed<EevdfTask[]> {
  const tasks: EevdfTask[] = [];
  for (const [i, r] of rows.entries()) {
    const label = r.name.trim() || `in row ${i + 1}`;
    const nice = wholeOf(r.nice);
    if (nice === null)
      return {
        ok: false,
        error: `Task ${label}: nice must be a whole number; got “${r.nice.trim()}”.`,
      };
    const slice = numberOf(r.slice);
    if (slice === null)
      return {
        ok: false,
        error: `Task ${label}: the slice must be a number of milliseconds; got “${r.slice.trim()}”.`,
      };
    const join = numberOf(r.join);
    if (join === null)
      return {
        ok: false,
        error: `Task ${label}: the join time must be a number of milliseconds; got “${r.join.trim()}”.`,
      };
    tasks.push({ name: r.name.trim(), nice, slice, join });
  }
  const err = checkEevdf(tasks);
  return err ? { ok: false, error: err } : { ok: true, value: tasks };
}

/** Rows of a task list (for the form). Never fails. */
export function taskRows(tasks: EevdfTask[]): TaskRow[] {
  return tasks.map((t) => ({
    name: t.name,
    nice: String(t.nice),
    slice: String(t.slice),
    join: String(t.join),
  }));
}

/** A number for a reader: at most `digits` decimals, no trailing zeros, a true minus sign. */
export function fmt(x: number, digits = 2): string {
  const r = Math.round(x * 10 ** digits) / 10 ** digits;
  const s = String(Object.is(r, -0) ? 0 : r);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** A share as a percentage with one decimal. Never fails. */
export function pct(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
}
