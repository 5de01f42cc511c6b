// The process-run island's pure helpers. Expected traces are worked out by hand from the spec
// (../shared/ostep-spec.md §1.3, §1.7) as in src/os-model/ostep/golden.test.ts, not read from
// the model.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FORM,
  argvOf,
  checkStats,
  checkTick,
  commandLine,
  homeworkOf,
  type PrForm,
} from './process-run-form.ts';
import type { PrRow } from '../../src/os-model/ostep/process-run.ts';

const form = (f: Partial<PrForm>): PrForm => ({ ...DEFAULT_FORM, ...f });

describe('argvOf and commandLine', () => {
  it('give only the flags that differ from the defaults, then -c and -p', () => {
    expect(argvOf(DEFAULT_FORM)).toEqual(['-l', '5:100,5:100']);
    expect(commandLine(argvOf(DEFAULT_FORM, { c: true }))).toBe(
      './process-run.py -l 5:100,5:100 -c',
    );
    const f = form({ l: '1:0,4:100', L: '2', S: 'SWITCH_ON_END', I: 'IO_RUN_IMMEDIATE', s: '3' });
    expect(argvOf(f, { c: true, p: true })).toEqual([
      '-s',
      '3',
      '-l',
      '1:0,4:100',
      '-L',
      '2',
      '-S',
      'SWITCH_ON_END',
      '-I',
      'IO_RUN_IMMEDIATE',
      '-c',
      '-p',
    ]);
    // -p only together with -c; the default seed and I/O length are left out
    expect(argvOf(form({ s: '0', L: '5' }), { p: true })).toEqual(['-l', '5:100,5:100']);
    expect(commandLine(['-P', 'c1 i'])).toBe("./process-run.py -P 'c1 i'");
  });
});

describe('homeworkOf', () => {
  it('-l 1:0,4:100: the spec §1.7 worked example as rows, figures and text', () => {
    const hw = homeworkOf(form({ l: '1:0,4:100' }));
    if (!hw.ok) throw new Error(hw.problem);
    expect(hw.n).toBe(2);
    expect(hw.rows.map((x) => [x.t, x.star, ...x.cells, x.cpu, x.ios])).toEqual([
      [1, false, 'RUN:io', 'READY', true, 0],
      [2, false, 'BLOCKED', 'RUN:cpu', true, 1],
      [3, false, 'BLOCKED', 'RUN:cpu', true, 1],
      [4, false, 'BLOCKED', 'RUN:cpu', true, 1],
      [5, false, 'BLOCKED', 'RUN:cpu', true, 1],
      [6, false, 'BLOCKED', 'DONE', false, 1],
      [7, true, 'RUN:io_done', 'DONE', true, 0],
    ]);
    expect(hw.stats).toEqual({ total: 7, cpuBusy: 6, ioBusy: 5 });
    expect(hw.listing.startsWith('Produce a trace of what would happen')).toBe(true);
    expect(hw.listing).toContain('Process 0\n  io\n  io_done\n\nProcess 1\n  cpu\n');
    const stats =
      '\nStats: Total Time 7\nStats: CPU Busy 6 (85.71%)\nStats: IO Busy  5 (71.43%)\n\n';
    expect(
      hw
        .answer(true)
        .endsWith(`  7*   RUN:io_done          DONE             1          \n${stats}`),
    ).toBe(true);
    expect(
      hw.answer(false).endsWith('  7*   RUN:io_done          DONE             1          \n'),
    ).toBe(true);
  });

  it("names the -l item that is not X:Y, beside the simulator's message", () => {
    const hw = homeworkOf(form({ l: '5:100,5-100' }));
    expect(hw).toEqual({
      ok: false,
      problem:
        'The process list item "5-100" is not of the form X:Y (X instructions, Y the percent chance that each uses the CPU).',
      said:
        'Bad description (5-100): Must be number <x:y>\n' +
        '  where X is the number of instructions\n' +
        '  and Y is the percent change that an instruction is CPU not IO\n',
    });
  });

  it('names the -P instruction with a bad opcode', () => {
    const hw = homeworkOf(form({ P: 'c2,i:x3' }));
    expect(hw.ok ? null : hw.problem).toBe(
      'The program instruction "x3" is not valid: an instruction is cN (N ticks of CPU) or i (one I/O).',
    );
  });

  it('asks for processes when there are none, and passes other refusals on', () => {
    const none = homeworkOf(form({ l: '' }));
    expect(none.ok ? null : none.problem).toMatch(/^There are no processes/);
    const neg = homeworkOf(form({ L: '-1' }));
    expect(neg.ok ? null : neg.problem).toBe(
      'The simulator refused these flags: -L must be >= 0, not -1.',
    );
    expect(neg.ok ? null : neg.said).toBe('process-run.py: error: -L must be >= 0, not -1\n');
    expect(homeworkOf(DEFAULT_FORM).ok).toBe(true);
  });
});

describe('checkTick and checkStats', () => {
  const row: PrRow = { t: 2, star: false, cells: ['BLOCKED', 'RUN:cpu'], cpu: true, ios: 1 };
  it('say which cells are wrong', () => {
    expect(checkTick(['BLOCKED', 'RUN:cpu'], row)).toEqual({
      right: true,
      wrong: [],
      text: 'Right: at tick 2, PID 0 BLOCKED, PID 1 RUN:cpu.',
    });
    const c = checkTick(['READY', 'RUN:cpu'], row);
    expect([c.right, c.wrong]).toEqual([false, [0]]);
    expect(c.text).toBe(
      'Not quite: at tick 2, PID 0 BLOCKED, PID 1 RUN:cpu (you had PID 0 READY).',
    );
  });
  it('compare the three busy figures', () => {
    const s = { total: 7, cpuBusy: 6, ioBusy: 5 };
    expect(checkStats({ total: '7', cpu: '6', io: '5' }, s).right).toBe(true);
    expect(checkStats({ total: '7', cpu: '', io: '5' }, s)).toEqual({
      right: false,
      text: 'Not quite: the simulator says total time 7, CPU busy 6, I/O busy 5 ticks.',
    });
  });
});
