// The scheduler.py homework island's logic (sched-homework.ts). Expected values by hand from
// OSTEP chapter 7's rules (jobs 10, 20, 30 under FIFO: responses 0, 10, 30 …).
import { describe, expect, it } from 'vitest';
import { checkGuess, commandLine, homeworkOf, segmentsOf } from './sched-homework.ts';

describe('scheduler.py homework', () => {
  it('FIFO on 10, 20, 30: turnarounds 10, 30, 60 and the exact -c text', () => {
    const h = homeworkOf('-p FIFO -l 10,20,30');
    if (!h.ok) throw new Error(h.problem);
    expect(h.lengths).toEqual([10, 20, 30]);
    expect(h.stats?.map((s) => s.turnaround)).toEqual([10, 30, 60]);
    expect(h.answer).toContain('** Solutions **');
    expect(h.answer).toContain('Average -- Response: 13.33  Turnaround 33.33  Wait 13.33');
    expect(segmentsOf(h.slices)).toEqual([
      { job: 0, start: 0, end: 10 },
      { job: 1, start: 10, end: 30 },
      { job: 2, start: 30, end: 60 },
    ]);
  });

  it('ignores a -c the reader typed: the answer stays hidden until revealed', () => {
    const h = homeworkOf('-p SJF -l 3,1 -c');
    expect(h.argv).toEqual(['-p', 'SJF', '-l', '3,1']);
    expect(commandLine(h.argv, true)).toBe('./scheduler.py -p SJF -l 3,1 -c');
  });

  it('names a bad flag', () => {
    const bad = homeworkOf('-p RR -q x');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toContain('-q');
    const policy = homeworkOf('-p LIFO -l 1,2');
    expect(policy.ok).toBe(false);
    if (!policy.ok)
      expect(policy.problem).toBe('The flag -p holds “LIFO”: scheduler.py knows FIFO, SJF and RR.');
    const len = homeworkOf('-l 1,two');
    expect(len.ok).toBe(false);
    if (!len.ok) expect(len.problem).toContain('“two”');
  });

  it('checks a prediction to two decimals and says which figure is wrong', () => {
    const s = { id: 1, response: 10, turnaround: 30, wait: 10 };
    expect(checkGuess({ response: '10', turnaround: '30.00', wait: '10' }, s).right).toBe(true);
    expect(checkGuess({ response: '10', turnaround: '20', wait: '10' }, s)).toEqual({
      right: false,
      text: "Not quite: job 1's turnaround is 30.00.",
    });
  });
});
