// The text helpers of chapter 6's islands, and the predict-then-reveal answers the model gives,
// against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { census, ladderProgram } from '../../src/os-model/index.ts';
import { formulaText, QUESTIONS, readWhole, scheduleForKey, verdict } from './ch06.ts';

describe('chapter 6 island text', () => {
  it('writes the count as a multinomial', () => {
    expect(formulaText(ladderProgram('none', 1))).toBe('6! / (3! × 3!)');
    expect(formulaText(ladderProgram('none', 2, 3))).toBe('18! / (6! × 6! × 6!)');
  });

  it('says "bug in N of M" or "0 of M"', () => {
    expect(verdict(census(ladderProgram('none', 1)))).toBe('bug in 18 of 20 schedules');
    expect(verdict(census(ladderProgram('mutex', 1)))).toBe('0 of 2 schedules end badly');
  });

  it('reads a whole number, with separators, and names a bad one', () => {
    expect(readWhole(' 2,704,156 ', 'x')).toEqual({ ok: true, value: 2704156 });
    expect(readWhole('twenty', 'Your prediction')).toEqual({
      ok: false,
      error: 'Your prediction must be a whole number, such as 20; got “twenty”.',
    });
  });

  it('finds a schedule for every bar of the histogram', () => {
    const p = ladderProgram('none', 2);
    for (const b of census(p).bars) expect(scheduleForKey(p, b.key)).not.toBeNull();
    expect(scheduleForKey(p, 'no such outcome')).toBeNull();
  });

  it('answers each question as worked out by hand', () => {
    // C(12,6) = 924; C(4,2) = 6 whole-increment orders; the minimum after 2 × 2 is 2;
    // 9!/(3!)^3 = 1680; the flag lock: 506 schedules, 6 safe; three winnable levels.
    const answers = Object.fromEntries(Object.entries(QUESTIONS).map(([k, q]) => [k, q.answer()]));
    expect(answers).toEqual({
      'count-2x2': 924,
      'right-2x2': 6,
      'min-2x2': 2,
      'count-3x1': 1680,
      'flag-overlap': 500,
      'levels-winnable': 3,
    });
  });
});
