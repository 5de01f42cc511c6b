// The nice dial's arithmetic (nice.ts), with expected values worked out by hand from the weight
// table's numbers.
import { describe, expect, it } from 'vitest';
import { cgroupWeight, MEASURED_NICE, NICE_WEIGHTS, niceShares, niceWeight } from './nice.ts';

describe('nice weights', () => {
  it('has 40 levels, nice 0 = 1024, the ends 88761 and 15', () => {
    expect(NICE_WEIGHTS).toHaveLength(40);
    expect(niceWeight(0)).toBe(1024);
    expect(niceWeight(-20)).toBe(88761);
    expect(niceWeight(19)).toBe(15);
    expect(niceWeight(1)).toBe(820);
  });

  it('each level is about 1.25 times the next (the kernel comment): from 1.2 to 1.29', () => {
    for (let n = -20; n < 19; n++) {
      const r = niceWeight(n) / niceWeight(n + 1);
      expect(r).toBeGreaterThanOrEqual(1.2);
      expect(r).toBeLessThan(1.29);
    }
  });

  it('nice 0 against nice 1 splits 1024 : 820, 55.5 % : 44.5 %', () => {
    const [a, b] = niceShares([0, 1]);
    expect(a.share).toBeCloseTo(1024 / 1844, 12);
    expect(Math.round(a.share * 1000) / 10).toBe(55.5);
    expect(Math.round(b.share * 1000) / 10).toBe(44.5);
  });

  it('three tasks at nice 0, 0, 5 get 1024, 1024, 335 of 2383', () => {
    const s = niceShares([0, 0, 5]).map((x) => x.share);
    expect(s[0]).toBeCloseTo(1024 / 2383, 12);
    expect(s[2]).toBeCloseTo(335 / 2383, 12);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('cpu.weight 100 is 1024, 50 is 512', () => {
    expect(cgroupWeight(100)).toBe(1024);
    expect(cgroupWeight(50)).toBe(512);
  });

  it('the measurements are within 3 % of the table, as calibration.md §8b says', () => {
    for (const m of MEASURED_NICE) {
      const predicted = 1024 / niceWeight(m.nice);
      expect(Math.abs(m.ratio / predicted - 1)).toBeLessThan(0.03);
      // B's share is 1 / (1 + ratio), to the table's rounding
      expect(Math.abs(100 / (1 + m.ratio) - m.share)).toBeLessThan(0.15);
    }
  });
});
