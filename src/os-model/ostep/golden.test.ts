/**
 * End-to-end parity cases for the three OSTEP simulators, through the same `*Main(argv)`
 * functions `npm run ostep` calls, their output collected. Every expected stdout below was worked
 * out by hand from ../shared/ostep-spec.md (the arithmetic is in the comments); none was produced
 * by this code. process-run and scheduler are loaded lazily so that a missing adapter fails only its own cases.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forkMain as forkOutput } from './fork-text.ts';
import { collect, type OstepOutput } from './output.ts';
import {
  HEADER2,
  lines,
  PROCESS_RUN_CASES,
  row,
  sp,
} from '../../../e2e/fixtures/ostep-spec-format.ts';

type Main = (argv: string[]) => OstepOutput;

const forkMain = (argv: string[]) => collect(forkOutput(argv));

async function processRun(argv: string[]) {
  const mod: { processRunMain: Main } = await import('./process-run-text.ts');
  return collect(mod.processRunMain(argv));
}

async function scheduler(argv: string[]) {
  const mod: { schedulerMain: Main } = await import('./scheduler-text.ts');
  return collect(mod.schedulerMain(argv));
}

// ---------------------------------------------------------------------------------------------
// process-run.py (spec §1)

describe('process-run.py parity', () => {
  it('§1.7 worked example: -l 1:0,4:100 -c -p', async () => {
    const r = await processRun([...PROCESS_RUN_CASES.worked.argv, '-c', '-p']);
    expect(r.stdout).toBe(PROCESS_RUN_CASES.worked.stdout);
    expect(r.code).toBe(0);
  });

  it('-l 5:100,5:100 -c -p: P1 takes over in the tick after P0 ends', async () => {
    const r = await processRun([...PROCESS_RUN_CASES.cpuOnly.argv, '-c', '-p']);
    expect(r.stdout).toBe(PROCESS_RUN_CASES.cpuOnly.stdout);
    expect(r.code).toBe(0);
  });

  it('the listing without -c', async () => {
    const r = await processRun(['-l', '1:0,4:100']);
    expect(r.stdout).toBe(
      lines(
        'Produce a trace of what would happen when you run these processes:',
        'Process 0',
        '  io',
        '  io_done',
        '',
        'Process 1',
        '  cpu',
        '  cpu',
        '  cpu',
        '  cpu',
        '',
        'Important behaviors:',
        '  System will switch when the current process is FINISHED or ISSUES AN IO',
        '  After IOs, the process issuing the IO will run LATER (when it is its turn)',
        '',
      ),
    );
    expect(r.code).toBe(0);
  });

  it('the listing under SWITCH_ON_END and IO_RUN_IMMEDIATE, -P syntax', async () => {
    const r = await processRun(['-P', 'c2,i:ix', '-S', 'SWITCH_ON_END', '-I', 'IO_RUN_IMMEDIATE']);
    expect(r.stdout).toBe(
      lines(
        'Produce a trace of what would happen when you run these processes:',
        'Process 0',
        '  cpu',
        '  cpu',
        '  io',
        '  io_done',
        '',
        'Process 1',
        '  io',
        '  io_done',
        '',
        'Important behaviors:',
        '  System will switch when the current process is FINISHED',
        '  After IOs, the process issuing the IO will run IMMEDIATELY',
        '',
      ),
    );
  });

  it('IO_RUN_IMMEDIATE preempts the running process: -P i,c1:c3 -L 2 -I IO_RUN_IMMEDIATE -c -p', async () => {
    const r = await processRun([...PROCESS_RUN_CASES.immediate.argv, '-c', '-p']);
    expect(r.stdout).toBe(PROCESS_RUN_CASES.immediate.stdout);
  });

  it('SWITCH_ON_END idles during the I/O: -l 1:0,2:100 -S SWITCH_ON_END -L 2 -c -p', async () => {
    // t1 P0 io (done at 4), CPU stays with P0; t2-3 idle; t4 P0 dispatched, io_done, ends;
    // t5-6 P1.
    const r = await processRun(['-l', '1:0,2:100', '-S', 'SWITCH_ON_END', '-L', '2', '-c', '-p']);
    expect(r.stdout).toBe(
      lines(
        HEADER2,
        row(1, false, ['RUN:io', 'READY'], true, 0),
        row(2, false, ['BLOCKED', 'READY'], false, 1),
        row(3, false, ['BLOCKED', 'READY'], false, 1),
        row(4, true, ['RUN:io_done', 'READY'], true, 0),
        row(5, false, ['DONE', 'RUN:cpu'], true, 0),
        row(6, false, ['DONE', 'RUN:cpu'], true, 0),
        '',
        'Stats: Total Time 6',
        'Stats: CPU Busy 4 (66.67%)',
        'Stats: IO Busy  2 (33.33%)',
        '',
      ),
    );
  });

  it('an empty program costs one idle tick shown as RUNNING (Q6): -P c0:c1 -c', async () => {
    const r = await processRun(['-P', 'c0:c1', '-c']);
    expect(r.stdout).toBe(
      lines(
        HEADER2,
        row(1, false, ['RUNNING', 'READY'], false, 0),
        row(2, false, ['DONE', 'RUN:cpu'], true, 0),
      ),
    );
  });

  it('an invalid -S is an error with exit code 1 (Q9, verdict D)', async () => {
    const r = await processRun(['-l', '1:100', '-S', 'SWITCH_SOMETIMES', '-c']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^.+\n$/);
  });
});

// ---------------------------------------------------------------------------------------------
// scheduler.py (spec §3)

const QUIZ = lines(
  'Compute the turnaround time, response time, and wait time for each job.',
  'When you are done, run this program again, with the same arguments,',
  'but with -c, which will thus provide you with the answers. You can use',
  '-s <somenumber> or your own job list (-l 10,15,20 for example)',
  'to generate different problems for yourself.',
  '',
);

function jobList(policy: string, jlist: string, lengths: string[]): string {
  return (
    lines(
      `ARG policy ${policy}`,
      `ARG jlist ${jlist}`,
      '',
      'Here is the job list, with the run time of each job: ',
    ) +
    lines(...lengths.map((len, i) => `  Job ${i} ( length = ${len} )`)) +
    '\n\n'
  );
}

describe('scheduler.py parity', () => {
  it('FIFO -l 10,15,20 -c', async () => {
    const r = await scheduler(['-p', 'FIFO', '-l', '10,15,20', '-c']);
    expect(r.stdout).toBe(
      jobList('FIFO', '10,15,20', ['10.0', '15.0', '20.0']) +
        lines(
          '** Solutions **',
          '',
          'Execution trace:',
          '  [ time   0 ] Run job 0 for 10.00 secs ( DONE at 10.00 )',
          '  [ time  10 ] Run job 1 for 15.00 secs ( DONE at 25.00 )',
          '  [ time  25 ] Run job 2 for 20.00 secs ( DONE at 45.00 )',
          '',
          'Final statistics:',
          '  Job   0 -- Response: 0.00  Turnaround 10.00  Wait 0.00',
          '  Job   1 -- Response: 10.00  Turnaround 25.00  Wait 10.00',
          '  Job   2 -- Response: 25.00  Turnaround 45.00  Wait 25.00',
          '',
          // (0+10+25)/3 = 11.666..., (10+25+45)/3 = 26.666...
          '  Average -- Response: 11.67  Turnaround 26.67  Wait 11.67',
          '',
        ),
    );
    expect(r.code).toBe(0);
  });

  it('SJF sorts stably and prints statistics in run order: -p SJF -l 30,10,20,10 -c', async () => {
    const r = await scheduler(['-p', 'SJF', '-l', '30,10,20,10', '-c']);
    expect(r.stdout).toBe(
      jobList('SJF', '30,10,20,10', ['30.0', '10.0', '20.0', '10.0']) +
        lines(
          '** Solutions **',
          '',
          'Execution trace:',
          '  [ time   0 ] Run job 1 for 10.00 secs ( DONE at 10.00 )',
          '  [ time  10 ] Run job 3 for 10.00 secs ( DONE at 20.00 )',
          '  [ time  20 ] Run job 2 for 20.00 secs ( DONE at 40.00 )',
          '  [ time  40 ] Run job 0 for 30.00 secs ( DONE at 70.00 )',
          '',
          'Final statistics:',
          '  Job   1 -- Response: 0.00  Turnaround 10.00  Wait 0.00',
          '  Job   3 -- Response: 10.00  Turnaround 20.00  Wait 10.00',
          '  Job   2 -- Response: 20.00  Turnaround 40.00  Wait 20.00',
          '  Job   0 -- Response: 40.00  Turnaround 70.00  Wait 40.00',
          '',
          '  Average -- Response: 17.50  Turnaround 35.00  Wait 17.50',
          '',
        ),
    );
  });

  it('RR with a quantum: -p RR -q 2 -l 3,2,5 -c', async () => {
    // queue 0:3 1:2 2:5. t0 job0 2 (1 left); t2 job1 2, done 4 (rem == q finishes);
    // t4 job2 2 (3 left); t6 job0 1, done 7; t7 job2 2 (1 left); t9 job2 1, done 10.
    // waits: 0 -> 0 + (6-2) = 4; 1 -> 2; 2 -> 4 + (7-6) + (9-9) = 5.
    const r = await scheduler(['-p', 'RR', '-q', '2', '-l', '3,2,5', '-c']);
    expect(r.stdout).toBe(
      jobList('RR', '3,2,5', ['3.0', '2.0', '5.0']) +
        lines(
          '** Solutions **',
          '',
          'Execution trace:',
          '  [ time   0 ] Run job   0 for 2.00 secs',
          '  [ time   2 ] Run job   1 for 2.00 secs ( DONE at 4.00 )',
          '  [ time   4 ] Run job   2 for 2.00 secs',
          '  [ time   6 ] Run job   0 for 1.00 secs ( DONE at 7.00 )',
          '  [ time   7 ] Run job   2 for 2.00 secs',
          '  [ time   9 ] Run job   2 for 1.00 secs ( DONE at 10.00 )',
          '',
          'Final statistics:',
          '  Job   0 -- Response: 0.00  Turnaround 7.00  Wait 4.00',
          '  Job   1 -- Response: 2.00  Turnaround 4.00  Wait 2.00',
          '  Job   2 -- Response: 4.00  Turnaround 10.00  Wait 5.00',
          '',
          // (0+2+4)/3 = 2, (7+4+10)/3 = 7, (4+2+5)/3 = 3.666...
          '  Average -- Response: 2.00  Turnaround 7.00  Wait 3.67',
          '',
        ),
    );
  });

  it('RR gives a zero-length job a 0.00 slice: -p RR -l 0,1 -c', async () => {
    const r = await scheduler(['-p', 'RR', '-l', '0,1', '-c']);
    expect(r.stdout).toBe(
      jobList('RR', '0,1', ['0.0', '1.0']) +
        lines(
          '** Solutions **',
          '',
          'Execution trace:',
          '  [ time   0 ] Run job   0 for 0.00 secs ( DONE at 0.00 )',
          '  [ time   0 ] Run job   1 for 1.00 secs ( DONE at 1.00 )',
          '',
          'Final statistics:',
          '  Job   0 -- Response: 0.00  Turnaround 0.00  Wait 0.00',
          '  Job   1 -- Response: 0.00  Turnaround 1.00  Wait 0.00',
          '',
          '  Average -- Response: 0.00  Turnaround 0.50  Wait 0.00',
          '',
        ),
    );
  });

  it('float lengths print with str() and the trace time is truncated: -l "2.5,7, 1.25" -c', async () => {
    // starts 0, 2.5, 9.5 -> '%3d' gives 0, 2, 9; (2.5+9.5+10.75)/3 = 7.5833...
    const r = await scheduler(['-l', '2.5,7, 1.25', '-c']);
    expect(r.stdout).toBe(
      jobList('FIFO', '2.5,7, 1.25', ['2.5', '7.0', '1.25']) +
        lines(
          '** Solutions **',
          '',
          'Execution trace:',
          '  [ time   0 ] Run job 0 for 2.50 secs ( DONE at 2.50 )',
          '  [ time   2 ] Run job 1 for 7.00 secs ( DONE at 9.50 )',
          '  [ time   9 ] Run job 2 for 1.25 secs ( DONE at 10.75 )',
          '',
          'Final statistics:',
          '  Job   0 -- Response: 0.00  Turnaround 2.50  Wait 0.00',
          '  Job   1 -- Response: 2.50  Turnaround 9.50  Wait 2.50',
          '  Job   2 -- Response: 9.50  Turnaround 10.75  Wait 9.50',
          '',
          '  Average -- Response: 4.00  Turnaround 7.58  Wait 4.00',
          '',
        ),
    );
  });

  it('an exact-tie average prints the Python way: 49/8 = 6.125 -> 6.12 (Q-S7)', async () => {
    // starts 0,4,5,6,7,8,9,10 sum to 49; turnarounds 4,5,...,10,15 sum to 64.
    const r = await scheduler(['-l', '4,1,1,1,1,1,1,5', '-c']);
    const starts = [0, 4, 5, 6, 7, 8, 9, 10];
    const lens = [4, 1, 1, 1, 1, 1, 1, 5];
    const f = (x: number): string => `${x}.00`;
    expect(r.stdout).toBe(
      jobList('FIFO', '4,1,1,1,1,1,1,5', ['4.0', '1.0', '1.0', '1.0', '1.0', '1.0', '1.0', '5.0']) +
        lines(
          '** Solutions **',
          '',
          'Execution trace:',
          ...starts.map(
            (s, i) =>
              `  [ time ${String(s).padStart(3)} ] Run job ${i} for ${f(lens[i])} secs ( DONE at ${f(s + lens[i])} )`,
          ),
          '',
          'Final statistics:',
          ...starts.map(
            (s, i) =>
              `  Job ${String(i).padStart(3)} -- Response: ${f(s)}  Turnaround ${f(s + lens[i])}  Wait ${f(s)}`,
          ),
          '',
          '  Average -- Response: 6.12  Turnaround 8.00  Wait 6.12',
          '',
        ),
    );
  });

  it('random jobs from the seed: -s 0 (lengths int(10*r)+1 for r = .844, .758, .421)', async () => {
    const head = lines(
      'ARG policy FIFO',
      'ARG jobs 3',
      'ARG maxlen 10',
      'ARG seed 0',
      '',
      'Here is the job list, with the run time of each job: ',
      '  Job 0 ( length = 9 )',
      '  Job 1 ( length = 8 )',
      '  Job 2 ( length = 5 )',
    );
    const quiz = await scheduler(['-s', '0']);
    expect(quiz.stdout).toBe(head + '\n\n' + QUIZ);
    const solved = await scheduler(['-s', '0', '-c']);
    expect(solved.stdout).toBe(
      head +
        '\n\n' +
        lines(
          '** Solutions **',
          '',
          'Execution trace:',
          '  [ time   0 ] Run job 0 for 9.00 secs ( DONE at 9.00 )',
          '  [ time   9 ] Run job 1 for 8.00 secs ( DONE at 17.00 )',
          '  [ time  17 ] Run job 2 for 5.00 secs ( DONE at 22.00 )',
          '',
          'Final statistics:',
          '  Job   0 -- Response: 0.00  Turnaround 9.00  Wait 0.00',
          '  Job   1 -- Response: 9.00  Turnaround 17.00  Wait 9.00',
          '  Job   2 -- Response: 17.00  Turnaround 22.00  Wait 17.00',
          '',
          '  Average -- Response: 8.67  Turnaround 16.00  Wait 8.67',
          '',
        ),
    );
  });

  it('an unknown policy errors only with -c, and exits 0 (Q-S6)', async () => {
    const solved = await scheduler(['-p', 'STCF', '-l', '5', '-c']);
    expect(solved).toEqual({
      stdout:
        jobList('STCF', '5', ['5.0']) +
        lines('** Solutions **', '', 'Error: Policy STCF is not available.'),
      stderr: '',
      code: 0,
    });
    const quiz = await scheduler(['-p', 'rr', '-l', '5']);
    expect(quiz.stdout).toBe(jobList('rr', '5', ['5.0']) + QUIZ);
    expect(quiz.code).toBe(0);
  });

  it('a quantum below 1 is refused instead of looping forever (Q-S5, verdict D)', async () => {
    const r = await scheduler(['-p', 'RR', '-q', '0', '-l', '1', '-c']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^.+\n$/);
  });
});

// ---------------------------------------------------------------------------------------------
// fork.py (spec §2)

type ForkFlags = {
  seed?: number;
  f?: string;
  actions?: number;
  list?: string;
  t?: boolean;
  F?: boolean;
  L?: boolean;
  R?: boolean;
  style?: string;
  c?: boolean;
};

const py = (b: boolean | undefined): string => (b ? 'True' : 'False');

/** The ARG block, the 'Process Tree:' header and the initial tree (spec §2.5). */
function forkHead(o: ForkFlags, initialTree = sp(31) + (o.style === 'basic' ? ' a' : 'a')): string {
  return lines(
    '',
    `ARG seed ${o.seed ?? -1}`,
    `ARG fork_percentage ${o.f ?? '0.7'}`,
    `ARG actions ${o.actions ?? 5}`,
    `ARG action_list ${o.list ?? ''}`,
    `ARG show_tree ${py(o.t)}`,
    `ARG just_final ${py(o.F)}`,
    `ARG leaf_only ${py(o.L)}`,
    `ARG local_reparent ${py(o.R)}`,
    `ARG print_style ${o.style ?? 'fancy'}`,
    `ARG solve ${py(o.c)}`,
    '',
    `${sp(27)}Process Tree:`,
    initialTree,
    '',
  );
}

/** Tree lines: 31 spaces before each. */
const tree = (...ls: string[]): string => lines(...ls.map((l) => sp(31) + l));

describe('fork.py parity', () => {
  it('a+b,b+c,c+d,b- -c (fancy): the orphaned subtree is flattened under a', () => {
    const r = forkMain(['-A', 'a+b,b+c,c+d,b-', '-c']);
    expect(r).toEqual({
      stdout:
        forkHead({ list: 'a+b,b+c,c+d,b-', c: true }) +
        lines('Action: a forks b') +
        tree('a', '└── b') +
        lines('Action: b forks c') +
        tree('a', '└── b', '    └── c') +
        lines('Action: c forks d') +
        tree('a', '└── b', '    └── c', '        └── d') +
        lines('Action: b EXITS') +
        tree('a', '├── c', '└── d'),
      stderr: '',
      code: 0,
    });
  });

  it('the same with -R -P basic: c moves to a and keeps d', () => {
    const r = forkMain(['-A', 'a+b,b+c,c+d,b-', '-c', '-R', '-P', 'basic']);
    expect(r.stdout).toBe(
      forkHead({ list: 'a+b,b+c,c+d,b-', c: true, R: true, style: 'basic' }) +
        lines('Action: a forks b') +
        tree(' a', '    b') +
        lines('Action: b forks c') +
        tree(' a', '    b', '       c') +
        lines('Action: c forks d') +
        tree(' a', '    b', '       c', '          d') +
        lines('Action: b EXITS') +
        tree(' a', '    c', '       d'),
    );
    expect(r.code).toBe(0);
  });

  it('-F -c -P line1 shows only the actions and the final tree', () => {
    const list = 'a+b,a+c,b+d,b+e,d+f,b-';
    const r = forkMain(['-A', list, '-c', '-F', '-P', 'line1']);
    expect(r.stdout).toBe(
      forkHead({ list, c: true, F: true, style: 'line1' }) +
        lines(
          'Action: a forks b',
          'Action: a forks c',
          'Action: b forks d',
          'Action: b forks e',
          'Action: d forks f',
          'Action: b EXITS',
          '',
          `${sp(24)}Final Process Tree:`,
        ) +
        // b's subtree in pre-order is d, f, e: all appended to a after c
        tree('a', '+-- c', '+-- d', '+-- f', '|-- e') +
        '\n',
    );
  });

  it('-t without -c asks for the actions and shows every tree (line2)', () => {
    const r = forkMain(['-A', 'a+b,b+c,a+d', '-t', '-P', 'line2']);
    expect(r.stdout).toBe(
      forkHead({ list: 'a+b,b+c,a+d', t: true, style: 'line2' }) +
        lines('Action?') +
        tree('a', '|__ b') +
        lines('Action?') +
        tree('a', '|__ b', '    |__ c') +
        lines('Action?') +
        tree('a', '|__ b', '|   |__ c', '|__ d'),
    );
  });

  it('-t -F without -c still prints the final tree (Q-F7)', () => {
    const r = forkMain(['-A', 'a+b,b+c', '-t', '-F']);
    expect(r.stdout).toBe(
      forkHead({ list: 'a+b,b+c', t: true, F: true }) +
        lines('Action?', 'Action?', '', `${sp(24)}Final Process Tree:`) +
        tree('a', '└── b', '    └── c') +
        '\n',
    );
  });

  it('-F alone asks for the final tree; without -F and -c every tree is a question', () => {
    expect(forkMain(['-A', 'a+b,b+c', '-F']).stdout).toBe(
      forkHead({ list: 'a+b,b+c', F: true }) +
        lines('Action: a forks b', 'Action: b forks c', '', `${sp(24)}Final Process Tree?`, ''),
    );
    expect(forkMain(['-A', 'a+b,b-']).stdout).toBe(
      forkHead({ list: 'a+b,b-' }) +
        lines('Action: a forks b', 'Process Tree?', 'Action: b EXITS', 'Process Tree?'),
    );
  });

  it('-L: exits of processes with children fail and change nothing', () => {
    const list = 'a+b,b+c,b-,c-,b-';
    const r = forkMain(['-A', list, '-L', '-c', '-P', 'basic']);
    expect(r.stdout).toBe(
      forkHead({ list, L: true, c: true, style: 'basic' }) +
        lines('Action: a forks b') +
        tree(' a', '    b') +
        lines('Action: b forks c') +
        tree(' a', '    b', '       c') +
        lines('Action: b EXITS (failed: has children)') +
        tree(' a', '    b', '       c') +
        lines('Action: c EXITS') +
        tree(' a', '    b') +
        lines('Action: b EXITS') +
        tree(' a'),
    );
    expect(r.code).toBe(0);
  });

  it('a bad action stops with the original message and exit 1, keeping earlier output', () => {
    const r = forkMain(['-A', 'a+b,x+y', '-c']);
    expect(r).toEqual({
      stdout:
        forkHead({ list: 'a+b,x+y', c: true }) +
        lines('Action: a forks b') +
        tree('a', '└── b') +
        lines('bad action (x+y), must be X+Y or X- where X and Y are processes'),
      stderr: '',
      code: 1,
    });
  });

  it('the root cannot exit (Q-F3), but under -L a root with children just fails', () => {
    expect(forkMain(['-A', 'a+b,b-,a-'])).toEqual({
      stdout:
        forkHead({ list: 'a+b,b-,a-' }) +
        lines(
          'Action: a forks b',
          'Process Tree?',
          'Action: b EXITS',
          'Process Tree?',
          'root process: cannot exit',
        ),
      stderr: '',
      code: 1,
    });
    const r = forkMain(['-A', 'a+b,a-', '-L', '-c', '-P', 'basic']);
    expect(r.stdout).toBe(
      forkHead({ list: 'a+b,a-', L: true, c: true, style: 'basic' }) +
        lines('Action: a forks b') +
        tree(' a', '    b') +
        lines('Action: a EXITS (failed: has children)') +
        tree(' a', '    b'),
    );
    expect(r.code).toBe(0);
  });

  it('an unknown style fails at the first tree (Q-F8)', () => {
    expect(forkMain(['-A', 'a+b', '-P', 'weird'])).toEqual({
      stdout: forkHead({ list: 'a+b', style: 'weird' }, `${sp(31)}bad style weird`).replace(
        /\n\n$/,
        '\n',
      ),
      stderr: '',
      code: 1,
    });
  });

  it('-f at or below 0.001 is refused first, even with -A', () => {
    expect(forkMain(['-A', 'a+b', '-f', '0.0005', '-c'])).toEqual({
      stdout: 'fork_percentage must be > 0.001\n',
      stderr: '',
      code: 1,
    });
  });

  it('random actions from -s 0: a+b, a+c, b+d, c-, d+e (see fork.test.ts for the draws)', () => {
    const r = forkMain(['-s', '0', '-c', '-P', 'basic']);
    expect(r.stdout).toBe(
      forkHead({ seed: 0, style: 'basic', c: true }) +
        lines('Action: a forks b') +
        tree(' a', '    b') +
        lines('Action: a forks c') +
        tree(' a', '    b', '    c') +
        lines('Action: b forks d') +
        tree(' a', '    b', '       d', '    c') +
        lines('Action: c EXITS') +
        tree(' a', '    b', '       d') +
        lines('Action: d forks e') +
        tree(' a', '    b', '       d', '          e'),
    );
  });

  it('-f and -s are printed the Python way', () => {
    const r = forkMain(['-A', 'a+b', '-f', '1e-2', '-s', '007', '-a', '3']);
    expect(
      r.stdout.startsWith(lines('', 'ARG seed 7', 'ARG fork_percentage 0.01', 'ARG actions 3')),
    ).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The command itself

describe('npm run ostep (scripts/ostep.ts)', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const run = (args: string[]) =>
    spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', 'scripts/ostep.mjs', ...args],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );

  it('prints fork.py output and exits with its code', () => {
    const r = run(['fork', '-A', 'a+b,a-', '-P', 'basic']);
    expect(r.stdout).toBe(
      forkHead({ list: 'a+b,a-', style: 'basic' }) +
        lines('Action: a forks b', 'Process Tree?', 'root process: cannot exit'),
    );
    expect(r.status).toBe(1);
  });

  it('an unknown simulator prints the usage on stderr and exits 2', () => {
    const r = run(['no-such-simulator']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("ostep: unknown simulator 'no-such-simulator'");
    expect(r.stderr).toMatch(
      /usage: npm run --silent ostep -- <process-run\|fork\|scheduler\|.*x86/,
    );
    expect(r.status).toBe(2);
  });

  it('--help names every simulator on stdout and exits 0', { timeout: 30_000 }, () => {
    const r = run(['--help']);
    for (const sim of ['process-run', 'fork', 'scheduler', 'mlfq', 'lottery', 'multi', 'x86'])
      expect(r.stdout).toMatch(new RegExp(`[<|]${sim}[|>]`));
    expect(r.status).toBe(0);
  });

  // each starts a Node process: correctness checks, given time on a loaded machine
  it('runs mlfq (spec-2 §1.7)', { timeout: 30_000 }, () => {
    const m = run(['mlfq', '-l', '0,5,2:1,3,0', '-q', '2', '-n', '2', '-i', '1', '-c']);
    expect(m.stdout).toContain('[ time 2 ] IO_START by JOB 0\nIO DONE\n');
    expect(m.status).toBe(0);
  });

  it('runs lottery (spec-2 §2.5)', { timeout: 30_000 }, () => {
    const l = run(['lottery', '-j', '2', '-s', '0', '-c']);
    expect(l.stdout).toContain('Random 511275 -> Winning ticket 75 (of 100) -> Run 1\n');
    expect(l.status).toBe(0);
  });

  it(
    "runs multi, with the original's exit code 1 for a repeated job name",
    { timeout: 30_000 },
    () => {
      const x = run(['multi', '-L', 'a:10:10,a:1:1']);
      expect(x.stdout.endsWith('repeated job name a\n')).toBe(true);
      expect(x.status).toBe(1);
    },
  );
});
