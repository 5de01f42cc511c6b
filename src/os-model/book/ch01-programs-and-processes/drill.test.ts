// The region drill: the same seed asks the same questions; each answer follows the rules gcc
// applies (checked by hand with `gcc -c` and `objdump -t` on this machine for each kind of
// declaration); a wrong pick is explained.
import { describe, expect, it } from 'vitest';
import { checkDrill, DRILL_REGIONS, drillQuestion } from './drill.ts';

/** The right region for a question, read from its code by a second, simpler method. */
function byHand(code: string[], target: string): string {
  const text = code.join('\n');
  if (target.startsWith('the function')) return 'text';
  if (target.startsWith('the characters')) return 'rodata';
  if (target.startsWith('the pointer')) return 'stack';
  if (/^the \d+ ints/.test(target)) return 'heap';
  if (new RegExp(`^const int ${target} =`, 'm').test(text)) return 'rodata';
  if (new RegExp(`^\\s+static int ${target} = `, 'm').test(text)) return 'data';
  if (new RegExp(`^(static )?int ${target}( = 0)?;`, 'm').test(text)) return 'bss';
  if (new RegExp(`^int ${target} = [1-9]`, 'm').test(text)) return 'data';
  if (new RegExp(`^\\s+(int|char) ${target}`, 'm').test(text)) return 'stack';
  return '?';
}

describe('which region?', () => {
  it('is seeded: the same seed and number give the same question', () => {
    expect(drillQuestion(7, 3)).toEqual(drillQuestion(7, 3));
    const a = Array.from({ length: 10 }, (_, n) => drillQuestion(1, n).code.join());
    const b = Array.from({ length: 10 }, (_, n) => drillQuestion(2, n).code.join());
    expect(a).not.toEqual(b);
  });

  it('every answer agrees with the rules worked out by hand, over 300 questions', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 300; n++) {
      const q = drillQuestion(5, n);
      expect(q.answer, q.code.join('\n')).toBe(byHand(q.code, q.target));
      seen.add(q.answer);
    }
    expect([...seen].sort()).toEqual([...DRILL_REGIONS].sort());
  });

  it('a right pick says so; a wrong one says where it is and why', () => {
    const q = drillQuestion(1, 0);
    expect(checkDrill(q, q.answer).right).toBe(true);
    const wrong = DRILL_REGIONS.find((r) => r !== q.answer)!;
    const v = checkDrill(q, wrong);
    expect(v.right).toBe(false);
    expect(v.text).toContain(`is in`);
    expect(v.text).toContain(q.why);
  });
});
