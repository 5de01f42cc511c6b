// The island's policy comparison on io-mix. The figures are worked out by hand in
// src/os-model/book/compare.test.ts's header: run to completion busy 15 of 23 ticks, switch on
// I/O 15 of 19, switch on I/O with immediate wake-up 15 of 15.
import { describe, expect, it } from 'vitest';
import { PolicyComparison } from './comparison.ts';

describe('PolicyComparison', () => {
  it('runs the scenario under the three simple policies once, when first asked', () => {
    const c = new PolicyComparison({ scenario: 'io-mix', seed: 1, options: { policy: 'manual' } });
    const r = c.result;
    expect(r.ok && r.value.map((p) => [p.id, p.busy, p.total])).toEqual([
      ['end', 15, 23],
      ['io', 15, 19],
      ['io-immediate', 15, 15],
    ]);
    // Kept: the second read is the same value, not a second set of runs.
    expect(c.result).toBe(r);
  });

  it('reports a scenario it cannot compare as an error value', () => {
    const r = new PolicyComparison({ scenario: 'no-such-scenario', seed: 1 }).result;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('no-such-scenario');
  });
});
