// Chapter 8's scenario, prefork-pool, as the chapter uses it: a shared listening socket hands
// each connection to exactly one worker, and a connection arriving when all workers are idle
// wakes one of them. Expected values are worked out by hand from ./programs.ts (three workers,
// each accept → compute 3 → network I/O → accept) and the kernel's rules.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { get } from '../../kernel/table.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { SCENARIOS as CHAPTER } from './scenarios.ts';

function runOut(m: Machine, events: KEvent[], limit = 400): Machine {
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return m;
}

describe('chapter 8: prefork-pool', () => {
  it('is listed in the book registry', () => {
    expect(SCENARIOS['prefork-pool']).toBe(CHAPTER['prefork-pool']);
  });

  it('ten connections, three workers: each connection is accepted once, by a worker', () => {
    const r = loadScenario('prefork-pool', 1, { connections: 10 });
    if (!r.ok) throw new Error(r.error);
    const events: KEvent[] = [];
    const m = runOut(r.value, events);
    const accepts = events.flatMap((e) => (e.type === 'accept' ? [e] : []));
    expect(accepts.map((e) => e.conn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const e of accepts) expect([3, 4, 5]).toContain(e.pid);
    // every worker served at least one: three workers, ten connections, each request blocks on I/O
    expect(new Set(accepts.map((e) => e.pid))).toEqual(new Set([3, 4, 5]));
    for (const pid of [3, 4, 5])
      expect(get(m.tasks, pid)).toMatchObject({ state: 'SLEEPING', wchan: 'accept' });
  });

  it('a client connecting to an idle pool wakes one worker, which serves it and sleeps again', () => {
    const r = loadScenario('prefork-pool', 1, { connections: 0 });
    if (!r.ok) throw new Error(r.error);
    let m = runOut(r.value, []);
    const s = step(m, { type: 'connect' });
    m = s.machine;
    const events: KEvent[] = [...s.events];
    m = runOut(m, events);
    const accepts = events.flatMap((e) => (e.type === 'accept' ? [e] : []));
    expect(accepts.length).toBe(1);
    expect(accepts[0].conn).toBe(1);
    expect(isFinished(m)).toBe(true);
  });
});
