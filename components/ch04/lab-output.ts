// Reading the output of the chapter 4 lab (public/labs/ctxswitch.c) that a reader pastes, and
// setting it beside the book's two machines (the cost model's HOSTS, calibration §1 and §7). Pure:
// no DOM, tested in lab-output.test.ts. Nothing is sent anywhere; the island keeps the text in
// this browser's storage only.
import { HOSTS } from '../../src/os-model/index.ts';

export type LabRun = {
  machine: Record<string, string>;
  /** Values by key, e.g. 'handoff pipe process same-cpu' → µs, 'syscall getppid' → µs. */
  values: Record<string, number>;
};

export const MAX_CHARS = 20000;
const RESULT =
  /^result (syscall getppid|baseline (?:pipe|futex) (?:process|thread)|(?:roundtrip|handoff|switches) (?:pipe|futex) (?:process|thread) (?:same-cpu|two-cpus|unpinned)) (us|per-trip) (\S+)$/;
const REQUIRED = [
  'syscall getppid',
  'handoff pipe process same-cpu',
  'handoff pipe thread same-cpu',
  'handoff futex process same-cpu',
  'handoff futex thread same-cpu',
];

/**
 * Reads pasted lab output. Precondition: none. Failure: an error value naming the first line that
 * is not ctxswitch output (with its number), a number that is not one, or the results missing;
 * never throws.
 */
export function parseLab(text: string): { ok: true; value: LabRun } | { ok: false; error: string } {
  if (text.length > MAX_CHARS)
    return {
      ok: false,
      error: `The text is ${text.length} characters long; ctxswitch prints under 4,000. Paste only its output.`,
    };
  const machine: Record<string, string> = {};
  const values: Record<string, number> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#') || /^round \d+ of \d+ done$/.test(line)) continue;
    const mm = /^machine ([a-z ]+): (.*)$/.exec(line);
    if (mm) {
      machine[mm[1]] = mm[2];
      continue;
    }
    const r = RESULT.exec(line);
    if (!r) {
      const shown = line.length > 60 ? `${line.slice(0, 60)}…` : line;
      return {
        ok: false,
        error: `Line ${i + 1} is not part of ctxswitch's output: “${shown}”. Paste the output of ./ctxswitch unchanged (lines start with “#”, “machine” or “result”).`,
      };
    }
    const v = Number(r[3]);
    if (!/^\d+(\.\d+)?$/.test(r[3]) || !Number.isFinite(v))
      return {
        ok: false,
        error: `Line ${i + 1}: “${r[3]}” is not a number of ${r[2] === 'us' ? 'microseconds' : 'switches'}.`,
      };
    values[r[1]] = v;
  }
  if (Object.keys(values).length === 0)
    return {
      ok: false,
      error: 'No line starting with “result” was found: paste the whole output of ./ctxswitch.',
    };
  const missing = REQUIRED.filter((k) => !(k in values));
  if (missing.length > 0)
    return {
      ok: false,
      error: `The output lacks the line “result ${missing[0]} …”; paste all of it (a run that was cut short?).`,
    };
  return { ok: true, value: { machine, values } };
}

/** One row of the comparison: your value beside the two book machines (null: not measured). */
export type CompareRow = {
  what: string;
  unit: string;
  yours: number | null;
  m1: number | null;
  m2: number | null;
};

const h1 = HOSTS.pcid;
const h2 = HOSTS['no-pcid'];

/** The comparison rows. Ratios are yours computed from your medians; the book's are its paired ratios (§1, §7). */
export function compareRows(run: LabRun): CompareRow[] {
  const v = (k: string) => (k in run.values ? run.values[k] : null);
  const ratio = (a: number | null, b: number | null) =>
    a !== null && b !== null && b > 0 ? a / b : null;
  return [
    {
      what: 'null system call, getppid()',
      unit: 'µs',
      yours: v('syscall getppid'),
      m1: h1.syscallUs,
      m2: h2.syscallUs,
    },
    {
      what: 'switch, two processes, pipe, one CPU',
      unit: 'µs',
      yours: v('handoff pipe process same-cpu'),
      m1: h1.sameCpu.pipe.process,
      m2: h2.sameCpu.pipe.process,
    },
    {
      what: 'switch, two threads, pipe, one CPU',
      unit: 'µs',
      yours: v('handoff pipe thread same-cpu'),
      m1: h1.sameCpu.pipe.thread,
      m2: h2.sameCpu.pipe.thread,
    },
    {
      what: 'switch, two processes, futex, one CPU',
      unit: 'µs',
      yours: v('handoff futex process same-cpu'),
      m1: h1.sameCpu.futex.process,
      m2: h2.sameCpu.futex.process,
    },
    {
      what: 'switch, two threads, futex, one CPU',
      unit: 'µs',
      yours: v('handoff futex thread same-cpu'),
      m1: h1.sameCpu.futex.thread,
      m2: h2.sameCpu.futex.thread,
    },
    {
      what: 'process ÷ thread, pipe',
      unit: '×',
      yours: ratio(v('handoff pipe process same-cpu'), v('handoff pipe thread same-cpu')),
      m1: 1.04,
      m2: 3.8,
    },
    {
      what: 'process ÷ thread, futex',
      unit: '×',
      yours: ratio(v('handoff futex process same-cpu'), v('handoff futex thread same-cpu')),
      m1: 0.98,
      m2: 5.2,
    },
    {
      what: 'hand-off across two CPUs, processes, pipe',
      unit: 'µs',
      yours: v('handoff pipe process two-cpus'),
      m1: h1.twoCpus.pipe!.process,
      m2: null,
    },
  ];
}

/** One sentence on what the reader's machine resembles, from its PCID and PTI lines and its ratio. */
export function labVerdict(run: LabRun): string {
  const pcid = run.machine['pcid'] ?? 'unknown';
  const pti = run.machine['pti'] ?? 'unknown';
  const p = run.values['handoff pipe process same-cpu'];
  const t = run.values['handoff pipe thread same-cpu'];
  const r = t > 0 ? p / t : NaN;
  const rs = Number.isFinite(r) ? `${r.toFixed(2)}×` : 'not computable (a thread switch of 0 µs)';
  const like =
    pcid === 'yes' && pti !== 'on'
      ? 'This is machine 1’s combination (PCID, no isolation): expect a ratio near 1.'
      : pcid === 'no' && pti === 'on'
        ? 'This is machine 2’s combination (no PCID, isolation on): expect process switches to cost several times thread switches.'
        : 'Neither book machine had this combination, so your numbers are new evidence.';
  return `Your CPU has PCID: ${pcid}; page-table isolation: ${pti}. By pipe, your process switch costs ${rs} your thread switch. ${like}`;
}
