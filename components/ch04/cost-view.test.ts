// Chapter 4's cost-island geometry, worked by hand.
import { describe, expect, it } from 'vitest';
import { BOX, directUs, fmtPct, linY, logX, rateOf, sliceOf } from './cost-view.ts';

describe('cost view', () => {
  it('places log and linear values in the plot box', () => {
    expect(logX(10, 10, 1e5)).toBe(BOX.left);
    expect(logX(1e5, 10, 1e5)).toBe(BOX.w - BOX.right);
    expect(logX(1000, 10, 1e5)).toBeCloseTo(BOX.left + (BOX.w - BOX.left - BOX.right) / 2, 6);
    expect(linY(0, 1)).toBe(BOX.h - BOX.bottom);
    expect(linY(2, 1)).toBe(BOX.top);
  });

  it('rounds the sliders to readable numbers', () => {
    expect(rateOf(1)).toBe(10);
    expect(rateOf(4.4)).toBe(25000); // 10^4.4 = 25 119
    expect(sliceOf(0.6)).toBe(4); // 10^0.6 = 3.98
    expect(sliceOf(-1)).toBe(0.1);
  });

  it('direct cost per switch: machine 1 pinned 2.86 µs, across CPUs 51 µs; machine 2 4.49 / 11.73', () => {
    expect(directUs('pcid', true)).toBe(2.86);
    expect(directUs('pcid', false)).toBe(51);
    expect(directUs('no-pcid', true)).toBe(4.49);
    expect(directUs('no-pcid', false)).toBe(11.73);
  });

  it('formats shares of a CPU', () => {
    expect(fmtPct(0.0783)).toBe('7.8 %');
    expect(fmtPct(0.00075)).toBe('0.075 %');
    expect(fmtPct(0.5)).toBe('50 %');
  });
});
