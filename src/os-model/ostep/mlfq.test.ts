// mlfq.py parity. The golden cases (mlfq.golden.json) are the Python original's own output,
// recorded once by running it on each argv (stdout, exit code, and stderr unless it crashed
// with a traceback); nothing in them comes from this port. The unit cases below are worked out
// by hand from ../shared/ostep-spec-2.md §1.
import { describe, expect, it } from 'vitest';
import golden from './mlfq.golden.json' with { type: 'json' };
import { mlfqTrace, parseMlfq, type MlfqSetup, type TraceRow } from './mlfq.ts';
import { mlfqMain } from './mlfq-text.ts';
import { collect } from './output.ts';

type Case = { argv: string[]; code: number; stdout: string; stderr: string | null };

describe('mlfq.py golden cases (recorded from the original)', () => {
  it.each((golden.cases as Case[]).map((c) => [c.argv.join(' '), c] as const))(
    'mlfq.py %s',
    (_, c) => {
      const r = collect(mlfqMain(c.argv));
      expect(r.code).toBe(c.code);
      expect(r.stdout).toBe(c.stdout);
      // a traceback is replaced by one line of our own; any other stderr is the original's
      if (c.stderr === null) expect(r.stderr).toMatch(/^mlfq\.py: error: .+\n$/);
      else expect(r.stderr).toBe(c.stderr);
    },
  );
});

function setupOf(argv: string[]): MlfqSetup {
  const cmd = parseMlfq(argv);
  if (cmd.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(cmd)}`);
  return cmd.setup;
}

/** The rows and the end of a trace. */
function trace(argv: string[]) {
  const rows: TraceRow[] = [];
  const it = mlfqTrace(setupOf(argv));
  let r = it.next();
  for (; !r.done; r = it.next()) rows.push(r.value);
  return { rows, end: r.value };
}

describe('mlfq.py parsed and traced (hand-derived from the spec)', () => {
  it('numbers queues from 0 (lowest); -Q and -A list the top level first', () => {
    const s = setupOf(['-Q', '2,4,8', '-A', '1,2,3']);
    expect(s.nq).toBe(3);
    expect(s.quanta).toEqual([8, 4, 2]);
    expect(s.allots).toEqual([3, 2, 1]);
  });

  it('draws two numbers per random job: run time, then I/O frequency (§1.3)', () => {
    // seed 0's first four random() values are 0.8444218515250481, 0.7579544029403025,
    // 0.420571580830845, 0.25891675029296335: with -m 100 -M 10, run = int(r * 99 + 1) and
    // io = int(r * 9 + 1): job 0 runs 84 with I/O every 7, job 1 runs 42 every 3.
    expect(setupOf(['-j', '2']).jobs).toEqual([
      { id: 0, start: 0, run: 84, io: 7 },
      { id: 1, start: 0, run: 42, io: 3 },
    ]);
  });

  it('runs one job through both levels of a two-level MLFQ', () => {
    // -l 0,3,0 -n 2 -q 1: time 0 at the top (slice used, allotment 1 used: down to level 0),
    // times 1 and 2 at level 0, finished at time 3; response 0, turnaround 3.
    const { rows, end } = trace(['-l', '0,3,0', '-n', '2', '-q', '1']);
    expect(rows).toEqual([
      { kind: 'begins', t: 0, job: 0 },
      { kind: 'run', t: 0, job: 0, pri: 1, ticks: 0, allot: 1, left: 2, run: 3 },
      { kind: 'run', t: 1, job: 0, pri: 0, ticks: 0, allot: 1, left: 1, run: 3 },
      { kind: 'run', t: 2, job: 0, pri: 0, ticks: 0, allot: 1, left: 0, run: 3 },
      { kind: 'finished', t: 3, job: 0 },
    ]);
    expect(end).toEqual({
      kind: 'done',
      stats: [{ job: 0, start: 0, response: 0, turnaround: 3 }],
      avgResponse: 0,
      avgTurnaround: 3,
    });
  });

  it('§1.7: an I/O that coincides with the end of the slice demotes the job while it waits', () => {
    const { rows } = trace(['-l', '0,5,2:1,3,0', '-q', '2', '-n', '2', '-i', '1']);
    expect(rows.slice(0, 9)).toEqual([
      { kind: 'begins', t: 0, job: 0 },
      { kind: 'run', t: 0, job: 0, pri: 1, ticks: 1, allot: 1, left: 4, run: 5 },
      { kind: 'begins', t: 1, job: 1 },
      { kind: 'run', t: 1, job: 0, pri: 1, ticks: 0, allot: 1, left: 3, run: 5 },
      { kind: 'io-start', t: 2, job: 0 },
      { kind: 'run', t: 2, job: 1, pri: 1, ticks: 1, allot: 1, left: 2, run: 3 },
      { kind: 'io-done', t: 3, job: 0 },
      { kind: 'run', t: 3, job: 1, pri: 1, ticks: 0, allot: 1, left: 1, run: 3 },
      { kind: 'run', t: 4, job: 0, pri: 0, ticks: 1, allot: 1, left: 2, run: 5 },
    ]);
  });

  it('prints IO DONE on the line after IO_START, and the last job id as Avg (M1, M2)', () => {
    const out = collect(mlfqMain(['-l', '0,2,1:0,1,0', '-c'])).stdout;
    expect(out).toContain('[ time 1 ] IO_START by JOB 0\nIO DONE\n');
    expect(out).toContain('\n  Avg  1: startTime n/a - response 0.50 - turnaround ');
  });

  it('stops where the original would print IDLE for ever: a negative start, an I/O with -i < 0', () => {
    const a = collect(mlfqMain(['-l', '-1,2,0', '-c']));
    expect(a.code).toBe(1);
    expect(a.stdout.endsWith('\nExecution Trace:\n\n')).toBe(true);
    expect(a.stderr).toMatch(/never begins/);
    const b = collect(mlfqMain(['-l', '0,3,1', '-i', '-2', '-c']));
    expect(b.code).toBe(1);
    expect(b.stdout.endsWith('[ time 1 ] IO_START by JOB 0\nIO DONE\n')).toBe(true);
    expect(b.stderr).toMatch(/has passed/);
  });
});
