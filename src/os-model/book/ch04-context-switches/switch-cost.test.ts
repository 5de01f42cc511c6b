// The cost model against the measurements it quotes (calibration.md §1, §7, §9), worked by hand.
import { describe, expect, it } from 'vitest';
import { cpuShareLost, hostFor, INDIRECT, sliceRun, switchCost, workLost } from './switch-cost.ts';

describe('switchCost', () => {
  it('machine 1 (PCID, no PTI): a process switch by pipe is 2.69 + 0.17 µs, ratio 1.06', () => {
    const a = switchCost({ pcid: true, pti: false, kind: 'process', cpus: 'same', via: 'pipe' });
    if (!a.ok) throw new Error(a.why);
    expect(a.us).toBe(2.86);
    expect(a.parts.map((p) => p.us)).toEqual([2.69, 0.17]);
    expect(a.ratio).toBe(1.06); // 2.86 / 2.69 = 1.063
  });

  it('machine 2 (no PCID, PTI): a thread switch by futex is 0.78 µs; a process switch 5.2× that', () => {
    const t = switchCost({ pcid: false, pti: true, kind: 'thread', cpus: 'same', via: 'futex' });
    if (!t.ok) throw new Error(t.why);
    expect(t.us).toBe(0.78);
    expect(t.parts).toHaveLength(1);
    expect(t.ratio).toBe(5.18); // 4.04 / 0.78
    const p = switchCost({ pcid: false, pti: true, kind: 'process', cpus: 'same', via: 'pipe' });
    if (!p.ok) throw new Error(p.why);
    expect(p.parts.map((x) => x.us)).toEqual([1.24, 3.25]);
  });

  it('across CPUs the hand-off hides the difference: ratio 1.0 on machine 2', () => {
    const a = switchCost({ pcid: false, pti: true, kind: 'process', cpus: 'two', via: 'pipe' });
    if (!a.ok) throw new Error(a.why);
    expect(a.us).toBe(11.73); // 23.46 / 2
    expect(a.ratio).toBe(1);
  });

  it('declines the combinations no book machine measured', () => {
    expect(hostFor(true, true)).toBeNull();
    expect(hostFor(false, false)).toBeNull();
    const a = switchCost({ pcid: true, pti: true, kind: 'process', cpus: 'same', via: 'pipe' });
    expect(a.ok).toBe(false);
    const b = switchCost({ pcid: false, pti: true, kind: 'thread', cpus: 'two', via: 'futex' });
    expect(b).toEqual({
      ok: false,
      why: expect.stringContaining('did not measure a futex hand-off'),
    });
  });
});

describe('CPU lost', () => {
  it('27 000 switches a second at 2.9 µs is 7.83 % of one CPU', () => {
    expect(cpuShareLost(27000, 2.9)).toBeCloseTo(0.0783, 6);
  });

  it('work lost to a 4.7× slowdown is 1 − 1/4.7 ≈ 78.7 %; a slowdown under 1 loses nothing', () => {
    expect(workLost(4.7)).toBeCloseTo(0.787234, 5);
    expect(workLost(0.98)).toBe(0);
    expect(INDIRECT.map((p) => p.kib)).toEqual([16, 256, 4096, 32768]);
  });

  it('a 4 ms slice ended by a 3 µs switch: 0.075 % overhead; 3 tasks wait 8.006 ms', () => {
    const r = sliceRun(4, 3, 0, 3);
    expect(r.overhead).toBeCloseTo(3 / 4003, 10);
    expect(r.waitMs).toBeCloseTo(8.006, 10);
    expect(r.switchesPerSecond).toBeCloseTo(1e6 / 4003, 6);
  });

  it('a refill longer than the slice costs the whole slice', () => {
    const r = sliceRun(1, 3, 6500, 2);
    expect(r.switchUs).toBe(1003);
    expect(r.overhead).toBeCloseTo(1003 / 2003, 10);
  });

  it('refuses a slice of 0 and a fractional task count', () => {
    expect(() => sliceRun(0, 3, 0, 2)).toThrow('slice must be more than 0 ms');
    expect(() => sliceRun(1, 3, 0, 1.5)).toThrow('tasks must be a whole number');
  });
});
