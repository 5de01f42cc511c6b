// Predict the next PID: the kernel's answer agrees with Linux's rule applied by hand to the
// puzzle's table (a second, simple method), for many seeds.
import { describe, expect, it } from 'vitest';
import { pidPuzzle } from './pidquiz.ts';

/** Linux's rule by hand: from last + 1 upwards, wrap at pidMax to the floor, skip held PIDs. */
function byHand(p: ReturnType<typeof pidPuzzle>): number {
  const held = new Set(p.held.map((h) => h.pid));
  const floor = p.last + 1 > p.reserved ? p.reserved : 1;
  let c = p.last + 1;
  for (let i = 0; i < p.pidMax; i++, c++) {
    if (c >= p.pidMax) c = floor;
    if (!held.has(c)) return c;
  }
  return -1;
}

describe('next-PID puzzles', () => {
  it('are seeded', () => {
    expect(pidPuzzle(3)).toEqual(pidPuzzle(3));
  });

  it('the kernel’s answer matches the rule by hand, wraps included, over 200 seeds', () => {
    let wraps = 0;
    let zombies = 0;
    for (let seed = 0; seed < 200; seed++) {
      const p = pidPuzzle(seed);
      expect(p.answer, `seed ${seed}`).toBe(byHand(p));
      if (p.answer >= 0 && p.answer <= p.last) wraps++;
      if (p.held.some((h) => h.zombie)) zombies++;
    }
    // The puzzles teach wrapping and zombies: both must come up often.
    expect(wraps).toBeGreaterThan(20);
    expect(zombies).toBeGreaterThan(100);
  });

  it('init is PID 1 in every puzzle', () => {
    expect(pidPuzzle(0).held[0]).toMatchObject({ pid: 1, name: 'init' });
  });
});
