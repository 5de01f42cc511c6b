// The rule-tracing scheduler (trace.ts). Expected schedules and metrics are worked out by hand
// from OSTEP chapter 7's examples and the rules stated in trace.ts; the last block checks the
// model against the kernel's own policies (a second, independent implementation).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkTraceSetup,
  traceRun,
  type TraceJob,
  type TracePolicy,
  type TraceSetup,
} from './trace.ts';
import { jobProgram } from '../../kernel/program.ts';
import { boot, run, spawn } from '../../kernel/policy/schedule-kit.ts';

const job = (name: string, length: number, arrival = 0, ioEvery = 0, ioLength = 0): TraceJob => ({
  name,
  arrival,
  length,
  ioEvery,
  ioLength,
});
const setup = (
  policy: TracePolicy,
  jobs: TraceJob[],
  quantum = 1,
  tieBreak: TraceSetup['tieBreak'] = 'requeued-first',
): TraceSetup => ({
  policy,
  quantum,
  tieBreak,
  jobs,
});
/** The Gantt chart as one letter per tick ('.' idle). */
const gantt = (s: TraceSetup): string =>
  traceRun(s)
    .segments.map((g) => (g.job === -1 ? '.' : s.jobs[g.job].name).repeat(g.end - g.start))
    .join('');

describe('rule-tracing scheduler: OSTEP chapter 7 examples', () => {
  it('FIFO, three 10-tick jobs at time 0: average turnaround 20', () => {
    const r = traceRun(setup('fifo', [job('A', 10), job('B', 10), job('C', 10)]));
    expect(r.jobs.map((j) => j.completion)).toEqual([10, 20, 30]);
    expect(r.average.turnaround).toBe(20);
  });

  it('FIFO convoy: A 100, B 10, C 10: average turnaround 110; SJF: 50', () => {
    const jobs = [job('A', 100), job('B', 10), job('C', 10)];
    expect(traceRun(setup('fifo', jobs)).average.turnaround).toBe(110);
    const sjf = traceRun(setup('sjf', jobs));
    expect(sjf.jobs.map((j) => j.completion)).toEqual([120, 10, 20]);
    expect(sjf.average.turnaround).toBe(50);
  });

  it('B and C arrive at 10: SJF cannot pre-empt (103.33); STCF can (50)', () => {
    const jobs = [job('A', 100), job('B', 10, 10), job('C', 10, 10)];
    const sjf = traceRun(setup('sjf', jobs));
    // A 0-100, B 100-110, C 110-120: (100 + 100 + 110) / 3
    expect(sjf.jobs.map((j) => j.turnaround)).toEqual([100, 100, 110]);
    expect(sjf.average.turnaround).toBeCloseTo(310 / 3, 10);
    const stcf = traceRun(setup('stcf', jobs));
    // A 0-10, B 10-20, C 20-30, A 30-120: (120 + 10 + 20) / 3 = 50
    expect(stcf.jobs.map((j) => j.completion)).toEqual([120, 20, 30]);
    expect(stcf.average.turnaround).toBe(50);
    expect(stcf.decisions.some((d) => d.kind === 'preempt' && d.t === 10 && d.job === 0)).toBe(
      true,
    );
  });

  it('RR with a 1-tick slice: three 5-tick jobs, response 1 on average, turnaround 14', () => {
    const r = traceRun(setup('rr', [job('A', 5), job('B', 5), job('C', 5)], 1));
    expect(gantt(setup('rr', [job('A', 5), job('B', 5), job('C', 5)], 1))).toBe('ABCABCABCABCABC');
    expect(r.jobs.map((j) => j.response)).toEqual([0, 1, 2]);
    expect(r.average.response).toBe(1);
    expect(r.jobs.map((j) => j.completion)).toEqual([13, 14, 15]);
    expect(r.average.turnaround).toBe(14);
    expect(r.switches).toBe(14);
  });

  it('RR with a slice of 5 ticks: responses 0, 5, 10', () => {
    const r = traceRun(setup('rr', [job('A', 5), job('B', 5), job('C', 5)], 5));
    expect(r.jobs.map((j) => j.response)).toEqual([0, 5, 10]);
  });
});

describe('rule-tracing scheduler: the tie-break between a re-queued job and a new arrival', () => {
  // A (4 ticks) at 0, B (2 ticks) at 2, RR slice 2. At time 2, A's slice ends and B arrives.
  const jobs = [job('A', 4), job('B', 2, 2)];
  it("OSTEP's order (mlfq.py): the re-queued job goes first, so A runs again", () => {
    const s = setup('rr', jobs, 2, 'requeued-first');
    expect(gantt(s)).toBe('AAAABB');
    const tie = traceRun(s).decisions.find((d) => d.kind === 'tie');
    expect(tie).toMatchObject({ t: 2, job: 0 });
    expect(tie?.rule).toContain("OSTEP's order");
  });
  it('the arrivals-first convention: B runs at time 2', () => {
    const s = setup('rr', jobs, 2, 'arrivals-first');
    expect(gantt(s)).toBe('AABBAA');
    expect(traceRun(s).jobs.map((j) => j.completion)).toEqual([6, 4]);
  });
});

describe('rule-tracing scheduler: I/O and idle time', () => {
  it('an I/O job overlaps its I/O with another job under STCF', () => {
    // A: 3 ticks, an I/O of 2 ticks after each tick of CPU. B: 4 ticks. STCF.
    // t0: A (3 left) beats B (4). Time 1: A blocks until 3; B runs t1, t2. Time 3: A is ready
    // with 2 left, B has 2 left: a tie does not pre-empt, so B runs t3 and t4 and finishes at
    // 5. A runs t5, blocks until 8 (the CPU idles t6, t7), runs t8 and finishes at 9.
    // A waited t3 and t4 (turnaround 9 - 3 CPU - 4 I/O = 2); B waited t0 only.
    const s = setup('stcf', [job('A', 3, 0, 1, 2), job('B', 4)]);
    expect(gantt(s)).toBe('ABBBBA..A');
    const r = traceRun(s);
    expect(r.jobs[0]).toMatchObject({ completion: 9, turnaround: 9, wait: 2 });
    expect(r.jobs[1]).toMatchObject({ completion: 5, response: 1, wait: 1 });
  });

  it('idles until the first job arrives and counts no switch for idle time', () => {
    const s = setup('fifo', [job('A', 2, 3)]);
    expect(gantt(s)).toBe('...AA');
    const r = traceRun(s);
    expect(r.switches).toBe(0);
    expect(r.decisions[0]).toMatchObject({ t: 0, kind: 'idle' });
  });

  it('a lone round-robin job keeps the CPU past its slice without a switch', () => {
    const r = traceRun(setup('rr', [job('A', 5)], 2));
    expect(r.decisions.filter((d) => d.kind === 'keep').map((d) => d.t)).toEqual([2, 4]);
    expect(r.switches).toBe(0);
  });
});

describe('rule-tracing scheduler: input checks', () => {
  it('names the job and the field at fault', () => {
    expect(checkTraceSetup(setup('fifo', [job('A', 0)]))).toBe(
      'Job A: length must be a whole number from 1 to 200.',
    );
    expect(checkTraceSetup(setup('fifo', [job('A', 1), job('A', 2)]))).toContain(
      'Two jobs are called A',
    );
    expect(checkTraceSetup(setup('fifo', [job('B', 2, 0, 1, 0)]))).toContain('Job B');
    expect(checkTraceSetup(setup('rr', [job('A', 2)], 0))).toContain('slice');
    expect(checkTraceSetup(setup('fifo', []))).toBe('Give between 1 and 8 jobs.');
    expect(checkTraceSetup(setup('fifo', [job('A', 2)]))).toBeNull();
  });
});

describe('rule-tracing scheduler against the kernel policies', () => {
  // The kernel runs each job as a program of `compute n` spawned at time 0, one CPU, no init:
  // the tid of job i is i + 1. Its schedule, one tid per tick, must equal the model's Gantt chart.
  const kernelGantt = (policy: TracePolicy, lengths: number[], quantum: number): number[] => {
    const progs = lengths.map((n, i) => jobProgram(`j${i}`, n));
    let m = boot({ kind: policy, quantum }, progs);
    for (const p of progs) m = spawn(m, p.name);
    const total = lengths.reduce((a, b) => a + b, 0);
    return run(m, total).ran.map((tid) => tid - 1);
  };
  const modelGantt = (policy: TracePolicy, lengths: number[], quantum: number): number[] =>
    traceRun(
      setup(
        policy,
        lengths.map((n, i) => job(`J${i}`, n)),
        quantum,
      ),
    ).segments.flatMap((g) => Array.from({ length: g.end - g.start }, () => g.job));

  it('agrees tick by tick on random workloads arriving together', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TracePolicy>('fifo', 'sjf', 'stcf', 'rr'),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        (policy, lengths, quantum) => {
          expect(modelGantt(policy, lengths, quantum)).toEqual(
            kernelGantt(policy, lengths, quantum),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
