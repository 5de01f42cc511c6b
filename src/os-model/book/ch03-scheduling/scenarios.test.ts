// Chapter 3's scenarios (scenarios.ts) under the policy this chapter adds, stride. Expected
// values are worked out by hand from the stride rules (kernel/policy/stride.ts); the other
// policies' traces of sched-jobs are in ../scenarios.test.ts.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { SCENARIOS as CHAPTER } from './scenarios.ts';

function runOut(m: Machine, events: KEvent[], limit = 100): Machine {
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return m;
}

describe('chapter 3: scheduling scenarios', () => {
  it('are listed in the book registry', () => {
    for (const name of Object.keys(CHAPTER)) expect(SCENARIOS[name]).toBe(CHAPTER[name]);
  });

  it('sched-jobs under stride with equal tickets: C ends at 6, B at 10, A at 14', () => {
    // A 8, B 4, C 2 ticks; 100 tickets each (stride 100), turns of 2 ticks. Passes all 0: A
    // (queue order) runs 2 ticks → 200; B (0) 2 → 200; C (0) 2 and exits at tick 6. A and B at
    // 200: A first in the queue, 2 ticks → 400; B 2 ticks, exits at 10; A alone to 14.
    const r = loadScenario('sched-jobs', 0, { policy: 'stride' });
    if (!r.ok) throw new Error(r.error);
    const events: KEvent[] = [];
    const m = runOut(r.value, events);
    expect(isFinished(m)).toBe(true);
    expect(
      events.filter((e) => e.type === 'exit').map((e) => [e.t, (e as { pid: number }).pid]),
    ).toEqual([
      [6, 3],
      [10, 2],
      [14, 1],
    ]);
  });
});
