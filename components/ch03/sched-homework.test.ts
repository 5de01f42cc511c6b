// The scheduling homework island's logic (sched-homework.ts). Expected values by hand from
// OSTEP's rules: scheduler.py's FIFO on 10, 20, 30; mlfq.py's rules (ostep-spec-2.md §1);
// lottery.py's draw, winner = the first job whose running ticket sum exceeds r mod total.
import { describe, expect, it } from 'vitest';
import { checkFigures, checkWinners, commandLine, homeworkOf } from './sched-homework.ts';

describe('scheduler.py homework', () => {
  it('FIFO on 10, 20, 30: turnarounds 10, 30, 60 and the exact -c text', () => {
    const h = homeworkOf('scheduler', '-p FIFO -l 10,20,30');
    if (!h.ok) throw new Error(h.problem);
    expect(h.predict).toEqual({
      kind: 'figures',
      columns: ['response', 'turnaround', 'wait'],
      rows: [
        { id: 0, values: [0, 10, 0] },
        { id: 1, values: [10, 30, 10] },
        { id: 2, values: [30, 60, 30] },
      ],
    });
    expect(h.answer).toContain('Average -- Response: 13.33  Turnaround 33.33  Wait 13.33');
    expect(h.listing).not.toContain('Solutions');
    expect(h.chart.segments).toEqual([
      { job: 0, start: 0, end: 10 },
      { job: 1, start: 10, end: 30 },
      { job: 2, start: 30, end: 60 },
    ]);
  });

  it('ignores a -c the reader typed: the answer stays hidden until revealed', () => {
    const h = homeworkOf('scheduler', '-p SJF -l 3,1 -c');
    expect(h.argv).toEqual(['-p', 'SJF', '-l', '3,1']);
    expect(commandLine('scheduler', h.argv, true)).toBe('./scheduler.py -p SJF -l 3,1 -c');
  });

  it('names a bad flag', () => {
    const bad = homeworkOf('scheduler', '-p RR -q x');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toContain('-q');
    const policy = homeworkOf('scheduler', '-p LIFO -l 1,2');
    expect(!policy.ok && policy.problem).toBe(
      'The flag -p holds “LIFO”: scheduler.py knows FIFO, SJF and RR.',
    );
    const len = homeworkOf('scheduler', '-l 1,two');
    expect(!len.ok && len.problem).toContain('“two”');
  });
});

describe('mlfq.py homework', () => {
  it('two CPU-bound jobs at the top level share it round robin', () => {
    // -n 1 (one queue), -q 2: jobs 0 and 1 start at 0 with 4 ticks each, no I/O.
    // Round robin with a 2-tick slice: 0 0 1 1 0 0 1 1: job 0 ends at 6, job 1 at 8;
    // responses 0 and 2.
    const h = homeworkOf('mlfq', '-n 1 -q 2 -l 0,4,0:0,4,0');
    if (!h.ok) throw new Error(h.problem);
    expect(h.predict).toEqual({
      kind: 'figures',
      columns: ['response', 'turnaround'],
      rows: [
        { id: 0, values: [0, 6] },
        { id: 1, values: [2, 8] },
      ],
    });
    expect(h.chart.segments).toEqual([
      { job: 0, start: 0, end: 2 },
      { job: 1, start: 2, end: 4 },
      { job: 0, start: 4, end: 6 },
      { job: 1, start: 6, end: 8 },
    ]);
    expect(h.answer).toContain('Final statistics:');
  });

  it('names a malformed job', () => {
    const h = homeworkOf('mlfq', '-l 0,4');
    expect(h.ok).toBe(false);
    if (!h.ok) expect(h.problem).toContain('-l');
  });
});

describe('lottery.py homework', () => {
  it('lists the random numbers without -c and knows the winner of every round', () => {
    const h = homeworkOf('lottery', '-l 1:100,1:100 -s 0');
    if (!h.ok) throw new Error(h.problem);
    expect(h.listing).toContain('Random');
    expect(h.predict.kind).toBe('winners');
    // two jobs of length 1: two rounds, each job wins one of them
    if (h.predict.kind === 'winners') expect([...h.predict.winners].sort()).toEqual([0, 1]);
  });

  it('names a malformed job', () => {
    const h = homeworkOf('lottery', '-l 3-100');
    expect(h.ok).toBe(false);
    if (!h.ok) expect(h.problem).toContain('“3-100”');
  });
});

describe('checking predictions', () => {
  it('checks figures to two decimals and says which one is wrong', () => {
    const row = { id: 1, values: [10, 30, 10] };
    const cols = ['response', 'turnaround', 'wait'];
    expect(checkFigures(cols, ['10', '30.00', '10'], row).right).toBe(true);
    expect(checkFigures(cols, ['10', '20', '10'], row)).toEqual({
      right: false,
      text: "Not quite: job 1's turnaround is 30.00.",
    });
  });

  it('checks winners round by round', () => {
    expect(checkWinners('0 1, 1', [0, 1, 1]).right).toBe(true);
    expect(checkWinners('0 0 1', [0, 1, 1]).text).toBe(
      'Rounds 1 to 1 are right; round 2 is won by job 1, not “0”.',
    );
    expect(checkWinners('0', [0, 1]).text).toContain('round 2 is missing');
  });
});
