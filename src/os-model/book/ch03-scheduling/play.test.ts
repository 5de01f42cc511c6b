// Be the scheduler, scored (play.ts). Expected values by hand.
import { describe, expect, it } from 'vitest';
import { legalPick, playState, playWorkload, scoreAll, scoreTicks, SWITCH_US } from './play.ts';
import type { TraceJob } from './trace.ts';

const J = (name: string, arrival: number, length: number): TraceJob => ({
  name,
  arrival,
  length,
  ioEvery: 0,
  ioLength: 0,
});

describe('be the scheduler', () => {
  const jobs = [J('A', 0, 3), J('B', 1, 1)];

  it('knows who is ready and refuses illegal picks with a reason', () => {
    expect(playState(jobs, []).ready).toEqual([0]);
    expect(legalPick(jobs, [], 1)).toBe('B has not arrived yet (it arrives at 1).');
    expect(legalPick(jobs, [], -1)).toBe('A job is ready: the CPU should not idle.');
    expect(playState(jobs, [0]).ready).toEqual([0, 1]);
    expect(legalPick(jobs, [0, 1], 1)).toBe('B has finished.');
    expect(playState(jobs, [0, 1, 0, 0]).done).toBe(true);
  });

  it('scores a schedule: A B A A has 2 switches, each 4.49 µs = 0.00449 ticks', () => {
    // A runs 0, B runs 1 (switch 1: B ends at 2 + c), A runs 2-3 (switch 2: A ends at 4 + 2c).
    // Turnaround A = 4 + 2c, B = 2 + c - 1; response A 0, B = 1 + c - 1.
    const c = SWITCH_US / 1000;
    const s = scoreTicks('You', jobs, [0, 1, 0, 0]);
    expect(s.switches).toBe(2);
    expect(s.turnaround).toBeCloseTo((4 + 2 * c + 1 + c) / 2, 12);
    expect(s.response).toBeCloseTo(c / 2, 12);
  });

  it('STCF on the same jobs pre-empts A for B; FIFO does not', () => {
    const { rivals } = scoreAll(jobs, [0, 1, 0, 0]);
    const stcf = rivals.find((r) => r.label.startsWith('STCF'))!;
    const fifo = rivals.find((r) => r.label === 'FIFO')!;
    expect(stcf.switches).toBe(2);
    // FIFO: A 0-3, B 3-4: turnarounds 3 + c... A ends at 3, B at 4 + c: (3 + 3 + c) / 2
    expect(fifo.switches).toBe(1);
    expect(fifo.turnaround).toBeCloseTo((3 + 3 + SWITCH_US / 1000) / 2, 12);
  });

  it('a seed always gives the same four jobs, arrivals 0-6, lengths 1-8', () => {
    const w = playWorkload(42);
    expect(w).toEqual(playWorkload(42));
    expect(w).toHaveLength(4);
    for (const j of w) {
      expect(j.arrival).toBeGreaterThanOrEqual(0);
      expect(j.arrival).toBeLessThanOrEqual(6);
      expect(j.length).toBeGreaterThanOrEqual(1);
      expect(j.length).toBeLessThanOrEqual(8);
    }
  });
});
