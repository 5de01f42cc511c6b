// Chapter 8's scenario. Expected values are worked out by hand from the listing in
// ./programs.ts and the kernel's rules (src/os-model/README.md), not read back from a run.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { get } from '../../kernel/table.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { SCENARIOS as CHAPTER } from './scenarios.ts';

/** Ticks until the machine is finished (at most `limit`), checking invariants after each. */
function runOut(m: Machine, events: KEvent[], limit = 50): Machine {
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return m;
}

describe('chapter 8: production', () => {
  it('is listed in the book registry', () => {
    expect(SCENARIOS['production']).toBe(CHAPTER['production']);
  });

  it('computes for two ticks, prints at tick 3, exits at tick 4; init reaps it at tick 5', () => {
    const r = loadScenario('production');
    if (!r.ok) throw new Error(r.error);
    const events: KEvent[] = [];
    const m = runOut(r.value, events);
    // init is PID 1, so the program is PID 2. It is dispatched at tick 1 and computes during
    // ticks 1 and 2 (work(2)), prints at tick 3 and exits with status 0 at tick 4. Nothing else
    // is ready, so the end of its three-tick slice changes nothing. init, asleep in wait(), is
    // woken by the exit and collects the status in the next tick.
    expect(m.console).toEqual([{ t: 3, pid: 2, text: 'done (pid:2)\n' }]);
    expect(events.filter((e) => e.type === 'exit')).toEqual([
      { type: 'exit', t: 4, pid: 2, status: 0, signal: '', ppid: 1 },
    ]);
    expect(events.filter((e) => e.type === 'reap')).toEqual([
      { type: 'reap', t: 5, pid: 1, child: 2, status: 0 },
    ]);
    expect(isFinished(m)).toBe(true);
    expect(get(m.procs, 2)).toBeUndefined();
  });
});
