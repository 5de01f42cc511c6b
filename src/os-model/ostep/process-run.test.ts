// process-run.py parity. Expected outputs are written by hand from ostep-spec.md §1, and a
// second, direct transcription of the spec's pseudo-code (below) checks random programs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { processRunMain as main } from './process-run-text.ts';
import { collect } from './output.ts';
import { parseProcessRun } from './process-run.ts';

const processRunMain = (argv: string[]) => collect(main(argv));

const run = (s: string) => processRunMain(s.split(' ').filter(Boolean));
const HDR2 = 'Time        PID: 0        PID: 1           CPU           IOs\n';
const B10 = ' '.repeat(10);

describe('process-run.py worked examples (hand-derived from the spec)', () => {
  it('-l 1:0,4:100 -c -p is the spec §1.7 worked example', () => {
    const r = run('-l 1:0,4:100 -c -p');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      HDR2 +
        '  1         RUN:io         READY             1' +
        B10 +
        '\n' +
        '  2        BLOCKED       RUN:cpu             1             1\n' +
        '  3        BLOCKED       RUN:cpu             1             1\n' +
        '  4        BLOCKED       RUN:cpu             1             1\n' +
        '  5        BLOCKED       RUN:cpu             1             1\n' +
        '  6        BLOCKED          DONE                           1\n' +
        '  7*   RUN:io_done          DONE             1' +
        B10 +
        '\n' +
        '\nStats: Total Time 7\nStats: CPU Busy 6 (85.71%)\nStats: IO Busy  5 (71.43%)\n\n',
    );
  });

  it('-l 5:100,5:100 -c -p runs P0 to the end, then P1 with no idle tick', () => {
    let rows = '';
    for (let t = 1; t <= 5; t++)
      rows += `${String(t).padStart(3)}        RUN:cpu         READY             1${B10}\n`;
    for (let t = 6; t <= 10; t++)
      rows += `${String(t).padStart(3)}           DONE       RUN:cpu             1${B10}\n`;
    expect(run('-l 5:100,5:100 -c -p').stdout).toBe(
      HDR2 +
        rows +
        '\nStats: Total Time 10\nStats: CPU Busy 10 (100.00%)\nStats: IO Busy  0 (0.00%)\n\n',
    );
  });

  it('SWITCH_ON_END keeps the CPU idle during the I/O although P1 is READY', () => {
    // P0 = io, io_done ; P1 = cpu. L = 2.
    const r = run('-P i:c1 -L 2 -S SWITCH_ON_END -c');
    expect(r.stdout).toBe(
      HDR2 +
        '  1         RUN:io         READY             1' +
        B10 +
        '\n' +
        '  2        BLOCKED         READY                           1\n' +
        '  3        BLOCKED         READY                           1\n' +
        '  4*   RUN:io_done         READY             1' +
        B10 +
        '\n' +
        '  5           DONE       RUN:cpu             1' +
        B10 +
        '\n',
    );
  });

  it('IO_RUN_IMMEDIATE preempts the running process when the I/O completes', () => {
    // P0 = io, io_done ; P1 = 4 cpu. L = 1: completion at tick 3 preempts P1.
    const r = run('-P i:c4 -L 1 -I IO_RUN_IMMEDIATE -c');
    expect(r.stdout).toBe(
      HDR2 +
        '  1         RUN:io         READY             1' +
        B10 +
        '\n' +
        '  2        BLOCKED       RUN:cpu             1             1\n' +
        '  3*   RUN:io_done         READY             1' +
        B10 +
        '\n' +
        '  4           DONE       RUN:cpu             1' +
        B10 +
        '\n' +
        '  5           DONE       RUN:cpu             1' +
        B10 +
        '\n' +
        '  6           DONE       RUN:cpu             1' +
        B10 +
        '\n',
    );
  });

  it('IO_RUN_LATER leaves the completed process READY until the runner finishes', () => {
    const r = run('-P i:c4 -L 1 -c');
    expect(r.stdout).toBe(
      HDR2 +
        '  1         RUN:io         READY             1' +
        B10 +
        '\n' +
        '  2        BLOCKED       RUN:cpu             1             1\n' +
        '  3*         READY       RUN:cpu             1' +
        B10 +
        '\n' +
        '  4          READY       RUN:cpu             1' +
        B10 +
        '\n' +
        '  5          READY       RUN:cpu             1' +
        B10 +
        '\n' +
        '  6    RUN:io_done          DONE             1' +
        B10 +
        '\n',
    );
  });

  it('-L 0: never BLOCKED, never IO busy, the * still comes one tick later', () => {
    const r = run('-P i -L 0 -c -p');
    const H1 = 'Time        PID: 0           CPU           IOs\n';
    expect(r.stdout).toBe(
      H1 +
        '  1         RUN:io             1' +
        B10 +
        '\n' +
        '  2*   RUN:io_done             1' +
        B10 +
        '\n' +
        '\nStats: Total Time 2\nStats: CPU Busy 2 (100.00%)\nStats: IO Busy  0 (0.00%)\n\n',
    );
  });

  it('an empty program costs one idle tick shown as RUNNING (quirk Q6)', () => {
    const r = run('-P c0:c1 -c -p');
    expect(r.stdout).toBe(
      HDR2 +
        '  1        RUNNING         READY' +
        ' '.repeat(14) +
        B10 +
        '\n' +
        '  2           DONE       RUN:cpu             1' +
        B10 +
        '\n' +
        '\nStats: Total Time 2\nStats: CPU Busy 1 (50.00%)\nStats: IO Busy  0 (0.00%)\n\n',
    );
  });

  it('percentages round half to even like Python: 17/32 = 53.125% prints 53.12', () => {
    // P0: io at tick 1, blocked ticks 2..16 (L = 15), io_done at 17, then 15 cpu: 32 ticks, 17 busy
    const r = run('-P i,c15 -L 15 -c -p');
    expect(
      r.stdout.endsWith(
        '\nStats: Total Time 32\nStats: CPU Busy 17 (53.12%)\nStats: IO Busy  15 (46.88%)\n\n',
      ),
    ).toBe(true);
  });

  it('without -c prints the listing and the behaviours; -p alone adds nothing', () => {
    const r = run('-P c2,i:c1 -S SWITCH_ON_END -I IO_RUN_IMMEDIATE -p');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Produce a trace of what would happen when you run these processes:\n' +
        'Process 0\n  cpu\n  cpu\n  io\n  io_done\n\n' +
        'Process 1\n  cpu\n\n' +
        'Important behaviors:\n' +
        '  System will switch when the current process is FINISHED\n' +
        '  After IOs, the process issuing the IO will run IMMEDIATELY\n\n',
    );
  });

  it('-P takes precedence over -l; ix counts as i', () => {
    expect(run('-l 3:100 -P ix').stdout).toContain('Process 0\n  io\n  io_done\n\n');
  });

  it('-l draws from CPython random: with seed 0 and Y = 80 the draws 0.844, 0.758, 0.421 give io, cpu, cpu', () => {
    expect(run('-s 0 -l 3:80').stdout).toContain('Process 0\n  io\n  io_done\n  cpu\n  cpu\n\n');
  });

  it.each([
    ['-P c1 -S SWITCH_ON_NOTHING -c', 1],
    ['-P c1 -I io_run_later -c', 1],
    ['-P c1 -L -1 -c', 1],
    ['-l 3:x -c', 1],
    ['-P c1, -c', 1],
    ['-P c -c', 1],
  ])('invalid input %s gives a one-line error and exit code %i', (args, code) => {
    const r = run(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a bad opcode prints the original message and exits 1', () => {
    expect(run('-P c1,x2 -c')).toEqual({
      stdout: 'bad opcode x (should be c or i)\n',
      stderr: '',
      code: 1,
    });
  });
});

// ---- a direct transcription of spec §1.3 / §1.6, used as a second method ----
type St = 'READY' | 'RUNNING' | 'BLOCKED' | 'DONE';
function reference(
  progs: string[][],
  L: number,
  S: 'io' | 'end',
  I: 'later' | 'imm',
  stats: boolean,
): string {
  const n = progs.length;
  const code = progs.map((p) => p.slice());
  const state: St[] = progs.map(() => 'READY');
  const ioDoneAt: number[][] = progs.map(() => []);
  let cur = 0;
  state[0] = 'RUNNING';
  let t = 0;
  let cpuBusy = 0;
  let ioBusy = 0;
  const runnable = () => state.filter((s) => s === 'READY' || s === 'RUNNING').length;
  const dispatch = (p: number) => {
    cur = p;
    state[p] = 'RUNNING';
  };
  const pickNext = () => {
    for (let k = 1; k <= n; k++) {
      const q = (cur + k) % n;
      if (state[q] === 'READY') return dispatch(q);
    }
  };
  const finishIfEmpty = () => {
    if (code[cur].length === 0 && state[cur] === 'RUNNING') {
      state[cur] = 'DONE';
      pickNext();
    }
  };
  let out =
    'Time' +
    progs.map((_, i) => `PID:${String(i).padStart(2)}`.padStart(14)).join('') +
    'CPU'.padStart(14) +
    'IOs'.padStart(14) +
    '\n';
  while (state.some((s) => s !== 'DONE')) {
    t++;
    let star = false;
    for (let p = 0; p < n; p++) {
      if (!ioDoneAt[p].includes(t)) continue;
      star = true;
      state[p] = 'READY';
      if (I === 'imm') {
        if (cur !== p && state[cur] === 'RUNNING') state[cur] = 'READY';
        dispatch(p);
      } else {
        if (S === 'end' && runnable() > 1) dispatch(p);
        if (runnable() === 1) dispatch(p);
      }
      finishIfEmpty();
    }
    let ins: string | null = null;
    if (state[cur] === 'RUNNING' && code[cur].length > 0) {
      ins = code[cur].shift()!;
      cpuBusy++;
    }
    const outstanding = ioDoneAt.flat().filter((x) => x > t).length;
    let row = String(t).padStart(3) + (star ? '*' : ' ');
    for (let p = 0; p < n; p++) row += (p === cur && ins ? `RUN:${ins}` : state[p]).padStart(14);
    row += ins ? '1'.padStart(14) : ' '.repeat(14);
    row += outstanding > 0 ? String(outstanding).padStart(14) : ' '.repeat(10);
    out += row + '\n';
    if (outstanding > 0) ioBusy++;
    if (ins === 'io') {
      state[cur] = 'BLOCKED';
      ioDoneAt[cur].push(t + L + 1);
      if (S === 'io') pickNext();
    }
    finishIfEmpty();
  }
  if (stats) {
    // exact rational, rounded half to even (for t < 800 every tie is exact in binary too)
    const pct = (x: number) => {
      let q = Math.floor((10000 * x) / t);
      const r = 10000 * x - q * t;
      if (2 * r > t || (2 * r === t && q % 2 === 1)) q++;
      return `${Math.floor(q / 100)}.${String(q % 100).padStart(2, '0')}`;
    };
    out += `\nStats: Total Time ${t}\nStats: CPU Busy ${cpuBusy} (${pct(cpuBusy)}%)\nStats: IO Busy  ${ioBusy} (${pct(ioBusy)}%)\n\n`;
  }
  return out;
}

describe('process-run.py against a direct transcription of the spec', () => {
  const opArb = fc.oneof(
    fc.integer({ min: 0, max: 3 }).map((k) => `c${k}`),
    fc.constant('i'),
  );
  it('matches on 1,000 random programs, I/O lengths and policies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('io' as const, 'end' as const),
        fc.constantFrom('later' as const, 'imm' as const),
        (procs, L, S, I) => {
          const P = procs.map((p) => p.join(',')).join(':');
          const expanded = procs.map((p) =>
            p.flatMap((op) =>
              op === 'i'
                ? ['io', 'io_done']
                : Array.from({ length: Number(op.slice(1)) }, () => 'cpu'),
            ),
          );
          const args = [
            '-P',
            P,
            '-L',
            String(L),
            '-S',
            S === 'io' ? 'SWITCH_ON_IO' : 'SWITCH_ON_END',
            '-I',
            I === 'later' ? 'IO_RUN_LATER' : 'IO_RUN_IMMEDIATE',
            '-c',
            '-p',
          ];
          const r = processRunMain(args);
          expect(r.code).toBe(0);
          expect(r.stdout).toBe(reference(expanded, L, S, I, true));
        },
      ),
      { numRuns: 1000 },
    );
  }, 120_000);
});

describe('process-run.py cases found by the differential fuzzer', () => {
  const BAD = (item: string): string =>
    `Bad description (${item}): Must be number <x:y>\n` +
    '  where X is the number of instructions\n' +
    '  and Y is the percent change that an instruction is CPU not IO\n';
  it('an -l item that is not X:Y prints the three Bad description lines on stdout, exit 1', () => {
    // spec §1.1 step 3 and §1.2; the original print()s them, so they are on stdout
    expect(processRunMain(['-l', '1:50,5', '-c'])).toEqual({
      stdout: BAD('5'),
      stderr: '',
      code: 1,
    });
    expect(processRunMain(['-c'])).toEqual({ stdout: BAD(''), stderr: '', code: 1 });
    expect(processRunMain(['-l', '2:50,1:2:3'])).toEqual({
      stdout: BAD('1:2:3'),
      stderr: '',
      code: 1,
    });
  });
  it('a seed of 2**64 is accepted (Python ints have no size limit)', () => {
    // Oracle: python3 process-run.py -s 18446744073709551616 -l 4:50 (CPython 3.11)
    const r = processRunMain(['-s', '18446744073709551616', '-l', '4:50']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Process 0\n  io\n  io_done\n  cpu\n  cpu\n  io\n  io_done\n\n');
  });
  it("-h names -S and -I's values after their dest, as optparse does", () => {
    const r = processRunMain(['-h']);
    expect(r.stdout).toContain(
      '  -S PROCESS_SWITCH_BEHAVIOR, --switch=PROCESS_SWITCH_BEHAVIOR\n' +
        '                        when to switch between processes: SWITCH_ON_IO,\n',
    );
    expect(r.stdout).toContain('  -I IO_DONE_BEHAVIOR, --iodone=IO_DONE_BEHAVIOR\n');
    // found by npm run fuzz:ostep; oracle: python3 process-run.py -h (COLUMNS unset)
    expect(r.stdout).toContain(
      '                        the CPU or issue an IO (i.e., if Y is 100, a process\n' +
        '                        will ONLY use the CPU and issue no I/Os; if Y is 0, a\n' +
        '                        process will only issue I/Os)\n' +
        '  -L IO_LENGTH, --iolength=IO_LENGTH\n',
    );
  });
});

describe('process-run as data, and its text produced as it is read', () => {
  it('names the flag and the token at fault', () => {
    expect(parseProcessRun(['-P', 'c2,i:x3'])).toEqual({
      kind: 'error',
      error: { kind: 'bad-opcode', flag: '-P', token: 'x3' },
    });
    expect(parseProcessRun(['-l', '1:50,5'])).toEqual({
      kind: 'error',
      error: { kind: 'bad-description', flag: '-l', token: '5' },
    });
    const bad = parseProcessRun(['-l', '1:50', '-S', 'NOW']);
    expect(bad.kind === 'error' && bad.error.kind === 'bad-value' && bad.error.token).toBe('NOW');
  });
  it('a trace of a million ticks starts printing at once: rows are computed as they are read', () => {
    // -l 1000000:100 is one process of a million cpu instructions (spec §1.2: Y=100 is always
    // cpu); its first rows, by §1.6, are the header and '  1', RUN:cpu, CPU 1, a blank IOs cell
    const out = main(['-l', '1000000:100', '-c']).stdout[Symbol.iterator]();
    expect(out.next().value).toBe('Time        PID: 0           CPU           IOs\n');
    expect(out.next().value).toBe(`  1        RUN:cpu             1${B10}\n`);
  });
});
