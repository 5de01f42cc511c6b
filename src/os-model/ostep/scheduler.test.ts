// scheduler.py parity. Expected outputs are written by hand from ostep-spec.md §3, and a direct
// transcription of the spec's algorithm (below) checks random job lists.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScheduler, rrTurns, solveScheduler } from './scheduler.ts';
import { schedulerMain as main } from './scheduler-text.ts';
import { collect } from './output.ts';
import { pyFixed, pyStrFloat } from './pyfmt.ts';

const schedulerMain = (argv: string[]) => collect(main(argv));

const run = (s: string) => schedulerMain(s.split(' ').filter(Boolean));
const head = (policy: string, jlist: string, jobs: string[]) =>
  `ARG policy ${policy}\nARG jlist ${jlist}\n\nHere is the job list, with the run time of each job: \n` +
  jobs.map((l, i) => `  Job ${i} ( length = ${l} )\n`).join('') +
  '\n\n';

describe('scheduler.py (hand-derived from the spec)', () => {
  it('FIFO with -l 10,20,30 -c', () => {
    expect(run('-p FIFO -l 10,20,30 -c')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        head('FIFO', '10,20,30', ['10.0', '20.0', '30.0']) +
        '** Solutions **\n\nExecution trace:\n' +
        '  [ time   0 ] Run job 0 for 10.00 secs ( DONE at 10.00 )\n' +
        '  [ time  10 ] Run job 1 for 20.00 secs ( DONE at 30.00 )\n' +
        '  [ time  30 ] Run job 2 for 30.00 secs ( DONE at 60.00 )\n' +
        '\nFinal statistics:\n' +
        '  Job   0 -- Response: 0.00  Turnaround 10.00  Wait 0.00\n' +
        '  Job   1 -- Response: 10.00  Turnaround 30.00  Wait 10.00\n' +
        '  Job   2 -- Response: 30.00  Turnaround 60.00  Wait 30.00\n' +
        '\n  Average -- Response: 13.33  Turnaround 33.33  Wait 13.33\n\n',
    });
  });

  it('SJF sorts stably by length and prints statistics in run order', () => {
    const r = run('-p SJF -l 3,1,2,1 -c');
    expect(r.stdout).toContain(
      'Execution trace:\n' +
        '  [ time   0 ] Run job 1 for 1.00 secs ( DONE at 1.00 )\n' +
        '  [ time   1 ] Run job 3 for 1.00 secs ( DONE at 2.00 )\n' +
        '  [ time   2 ] Run job 2 for 2.00 secs ( DONE at 4.00 )\n' +
        '  [ time   4 ] Run job 0 for 3.00 secs ( DONE at 7.00 )\n' +
        '\nFinal statistics:\n' +
        '  Job   1 -- Response: 0.00  Turnaround 1.00  Wait 0.00\n' +
        '  Job   3 -- Response: 1.00  Turnaround 2.00  Wait 1.00\n' +
        '  Job   2 -- Response: 2.00  Turnaround 4.00  Wait 2.00\n' +
        '  Job   0 -- Response: 4.00  Turnaround 7.00  Wait 4.00\n' +
        '\n  Average -- Response: 1.75  Turnaround 3.50  Wait 1.75\n\n',
    );
  });

  it('RR: rem == q finishes in this slice, a zero-length job takes a 0.00 turn, %3d truncates', () => {
    const r = run('-p RR -q 1 -l 2.5,1,0 -c');
    expect(r.stdout).toContain(
      'Execution trace:\n' +
        '  [ time   0 ] Run job   0 for 1.00 secs\n' +
        '  [ time   1 ] Run job   1 for 1.00 secs ( DONE at 2.00 )\n' +
        '  [ time   2 ] Run job   2 for 0.00 secs ( DONE at 2.00 )\n' +
        '  [ time   2 ] Run job   0 for 1.00 secs\n' +
        '  [ time   3 ] Run job   0 for 0.50 secs ( DONE at 3.50 )\n' +
        '\nFinal statistics:\n' +
        '  Job   0 -- Response: 0.00  Turnaround 3.50  Wait 1.00\n' +
        '  Job   1 -- Response: 1.00  Turnaround 2.00  Wait 1.00\n' +
        '  Job   2 -- Response: 2.00  Turnaround 2.00  Wait 2.00\n' +
        '\n  Average -- Response: 1.00  Turnaround 2.50  Wait 1.33\n\n',
    );
  });

  it('a fractional start time is truncated by %3d (9.5 -> "  9")', () => {
    expect(run('-p FIFO -l 9.5,1 -c').stdout).toContain(
      '  [ time   9 ] Run job 1 for 1.00 secs ( DONE at 10.50 )\n',
    );
  });

  it('an average of exactly 6.125 prints 6.12 (round half to even, like sc-fifo-round-tie)', () => {
    // FIFO 1,1,1,1,1,1,1,42: responses 0..7 sum 28 /8 = 3.5; use lengths giving 49/8 = 6.125:
    // 7,0,0,0,0,0,0,0 -> responses 0,7,7,7,7,7,7,7 = 49 -> 6.125
    const r = run('-p FIFO -l 7,0,0,0,0,0,0,0 -c');
    expect(r.stdout).toContain('\n  Average -- Response: 6.12  Turnaround 7.00  Wait 6.12\n\n');
  });

  it('random jobs use CPython random: seed 1 gives lengths 2, 9, 8 (draws 0.134, 0.847, 0.764)', () => {
    expect(run('-s 1').stdout).toBe(
      'ARG policy FIFO\nARG jobs 3\nARG maxlen 10\nARG seed 1\n\nHere is the job list, with the run time of each job: \n' +
        '  Job 0 ( length = 2 )\n  Job 1 ( length = 9 )\n  Job 2 ( length = 8 )\n\n\n' +
        'Compute the turnaround time, response time, and wait time for each job.\n' +
        'When you are done, run this program again, with the same arguments,\n' +
        'but with -c, which will thus provide you with the answers. You can use\n' +
        '-s <somenumber> or your own job list (-l 10,15,20 for example)\n' +
        'to generate different problems for yourself.\n\n',
    );
  });

  it('an unknown policy errors only with -c, with exit code 0', () => {
    expect(run('-p STCF -l 1 -c')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        head('STCF', '1', ['1.0']) + '** Solutions **\n\nError: Policy STCF is not available.\n',
    });
    expect(run('-p fifo -l 1').code).toBe(0);
  });

  it.each([
    '-p RR -q 0 -l 1 -c',
    '-p RR -q -2 -l 1 -c',
    '-l 1,x -c',
    '-j 0 -c',
    '-p RR -l inf -c',
    '-p RR -l 1e12 -c',
  ])('%s is rejected with one line and exit 1', (a) => {
    const r = run(a);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rrTurns counts the original loop: 2.5 with q 1 takes 3 turns, 0 takes 1, 2 takes 2', () => {
    expect([rrTurns(2.5, 1), rrTurns(0, 1), rrTurns(2, 1), rrTurns(5, 2)]).toEqual([3, 1, 2, 3]);
  });
});

// ---- a direct transcription of spec §3.2 / §3.3, used as a second method ----
function reference(lens: number[], policy: 'FIFO' | 'SJF' | 'RR', q: number): string {
  const d3 = (x: number) => String(Math.trunc(x)).padStart(3);
  let out = 'Execution trace:\n';
  const rows: [number, number, number, number][] = [];
  if (policy !== 'RR') {
    const jobs = lens.map((l, i) => [i, l] as const);
    if (policy === 'SJF') jobs.sort((a, b) => a[1] - b[1]); // Array.prototype.sort is stable
    let t = 0;
    for (const [i, l] of jobs) {
      out += `  [ time ${d3(t)} ] Run job ${i} for ${pyFixed(l, 2)} secs ( DONE at ${pyFixed(t + l, 2)} )\n`;
      rows.push([i, t, t + l, t]);
      t += l;
    }
  } else {
    const queue: [number, number][] = lens.map((l, i) => [i, l]);
    const last = lens.map(() => 0);
    const wait = lens.map(() => 0);
    const resp: number[] = lens.map(() => -1);
    const tat = lens.map(() => 0);
    let now = 0;
    while (queue.length) {
      const [j, rem] = queue.shift()!;
      if (resp[j] === -1) resp[j] = now;
      wait[j] += now - last[j];
      let ran: number;
      if (rem > q) {
        ran = q;
        queue.push([j, rem - q]);
        out += `  [ time ${d3(now)} ] Run job ${String(j).padStart(3)} for ${pyFixed(ran, 2)} secs\n`;
      } else {
        ran = rem;
        tat[j] = now + ran;
        out += `  [ time ${d3(now)} ] Run job ${String(j).padStart(3)} for ${pyFixed(ran, 2)} secs ( DONE at ${pyFixed(now + ran, 2)} )\n`;
      }
      now += ran;
      last[j] = now;
    }
    lens.forEach((_, j) => rows.push([j, resp[j], tat[j], wait[j]]));
  }
  out += '\nFinal statistics:\n';
  const sum = [0, 0, 0];
  for (const [i, r, t, w] of rows) {
    out += `  Job ${String(i).padStart(3)} -- Response: ${pyFixed(r, 2)}  Turnaround ${pyFixed(t, 2)}  Wait ${pyFixed(w, 2)}\n`;
    sum[0] += r;
    sum[1] += t;
    sum[2] += w;
  }
  const n = rows.length;
  out += `\n  Average -- Response: ${pyFixed(sum[0] / n, 2)}  Turnaround ${pyFixed(sum[1] / n, 2)}  Wait ${pyFixed(sum[2] / n, 2)}\n\n`;
  return out;
}

describe('scheduler.py against a direct transcription of the spec', () => {
  it('matches on 1,000 random job lists, policies and quanta', () => {
    const len = fc.oneof(
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 120 }).map((x) => x / 4),
    );
    fc.assert(
      fc.property(
        fc.array(len, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('FIFO' as const, 'SJF' as const, 'RR' as const),
        fc.integer({ min: 1, max: 5 }),
        (lens, policy, q) => {
          const jl = lens.map(String).join(',');
          const r = schedulerMain(['-p', policy, '-q', String(q), '-l', jl, '-c']);
          expect(r.code).toBe(0);
          const expected =
            head(policy, jl, lens.map(pyStrFloat)) +
            '** Solutions **\n\n' +
            reference(lens, policy, q);
          expect(r.stdout).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  }, 120_000);
});

describe('scheduler.py cases found by the differential fuzzer', () => {
  it('a seed of 2**64 seeds MT19937 with the key [0, 0, 1] instead of failing', () => {
    // Oracle: python3 scheduler.py -s 18446744073709551616 -j 3 (CPython 3.11) prints
    // lengths 10, 4, 5.
    const r = schedulerMain(['-s', '18446744073709551616', '-j', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'ARG seed 18446744073709551616\n\nHere is the job list, with the run time of each job: \n' +
        '  Job 0 ( length = 10 )\n  Job 1 ( length = 4 )\n  Job 2 ( length = 5 )\n',
    );
  });
  it('an infinite start time fails cleanly after the lines the original prints', () => {
    // The original prints job 0's line, then '%3d' % inf raises OverflowError (exit 1).
    const r = schedulerMain(['-l', 'inf,1', '-c']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'ARG policy FIFO\nARG jlist inf,1\n\nHere is the job list, with the run time of each job: \n' +
        '  Job 0 ( length = inf )\n  Job 1 ( length = 1.0 )\n\n\n** Solutions **\n\n' +
        'Execution trace:\n  [ time   0 ] Run job 0 for inf secs ( DONE at inf )\n',
    );
    expect(r.stderr).not.toBe('');
  });
  it('a start time beyond 2**53 prints all its digits', () => {
    // 12345678901234567 parses to the double 12345678901234568; + 1e16 = 22345678901234568.
    const r = schedulerMain(['-l', '12345678901234567,1e16,1', '-c']);
    expect(r.stdout).toContain(
      '  [ time 22345678901234568 ] Run job 2 for 1.00 secs ( DONE at 22345678901234568.00 )\n',
    );
  });
  it('a bad -l value fails after the header the original has already printed', () => {
    const r = schedulerMain(['-l', '2,', '-c']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'ARG policy FIFO\nARG jlist 2,\n\nHere is the job list, with the run time of each job: \n',
    );
  });
  it('zero jobs with -c fail after both headings, where the original divides by zero', () => {
    const r = schedulerMain(['-j', '0', '-c']);
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('** Solutions **\n\nExecution trace:\n\nFinal statistics:\n')).toBe(
      true,
    );
  });
});

describe('scheduler as data', () => {
  it('RR -q 2 over 3,1: the turns and figures worked out by hand from spec §3.2', () => {
    // job 0 runs 2 (1 left), job 1 runs 1 and ends at 3, job 0 runs 1 and ends at 4;
    // job 0 waited 3 - 2 = 1, job 1 waited 2 (its response)
    const cmd = parseScheduler(['-p', 'RR', '-q', '2', '-l', '3,1', '-c']);
    if (cmd.kind !== 'run') throw new Error(cmd.kind);
    expect(solveScheduler(cmd.setup)).toEqual({
      kind: 'solved',
      slices: [
        { start: 0, job: 0, ran: 2, done: false },
        { start: 2, job: 1, ran: 1, done: true },
        { start: 3, job: 0, ran: 1, done: true },
      ],
      stats: [
        { id: 0, response: 0, turnaround: 4, wait: 1 },
        { id: 1, response: 2, turnaround: 3, wait: 2 },
      ],
      average: { response: 1, turnaround: 3.5, wait: 1.5 },
    });
  });
  it('names the bad -l token and the unknown policy', () => {
    const bad = parseScheduler(['-l', '2,x']);
    expect(bad.kind === 'error' && bad.error.kind === 'bad-length' && bad.error.token).toBe('x');
    const lottery = parseScheduler(['-p', 'LOTTERY', '-l', '1']);
    if (lottery.kind !== 'run') throw new Error(lottery.kind);
    expect(solveScheduler(lottery.setup)).toEqual({
      kind: 'unknown-policy',
      flag: '-p',
      token: 'LOTTERY',
    });
  });
});
