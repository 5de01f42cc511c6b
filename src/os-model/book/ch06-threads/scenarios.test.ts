// Chapter 6's kernel scenarios: two threads of one process incrementing a shared counter, with and
// without a mutex, on one CPU with two-tick round-robin slices. Expected values are worked out by
// hand from the listings in ./programs.ts and the kernel's rules (src/os-model/README.md).
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { SCENARIOS as CHAPTER } from './scenarios.ts';
import { explain } from '../../kernel/explain.ts';

/** Ticks until the machine is finished (at most `limit`), checking invariants after each. */
function runOut(name: string, limit = 200): { m: Machine; events: KEvent[] } {
  const r = loadScenario(name);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  const events: KEvent[] = [];
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const s = step(m, { type: 'tick' });
    expect(checkInvariants(s.machine)).toEqual([]);
    events.push(...s.events);
    m = s.machine;
  }
  return { m, events };
}

describe('chapter 6: threads in the kernel model', () => {
  it('lists both scenarios in the book registry', () => {
    expect(SCENARIOS['thread-race']).toBe(CHAPTER['thread-race']);
    expect(SCENARIOS['thread-mutex']).toBe(CHAPTER['thread-mutex']);
  });

  it('the race: thread 3 is preempted between load and store, and an update is lost', () => {
    const { m, events } = runOut('thread-race');
    // By hand, two-tick slices: main (PID 2) creates thread 3 at tick 1 and is preempted at
    // tick 2. Thread 3 sets its loop count (tick 3) and loads 0 (tick 4); its slice ends. Main
    // creates thread 4 (tick 5). Thread 3 adds (7) and stores 1 (8); thread 4 sets its count (9)
    // and loads 1 (10). Main blocks in join (11). Thread 3 loops (12), loads 1 (13); thread 4
    // adds (14), stores 2 (15); thread 3 adds (16) and stores 2 (17): the first lost update.
    const memory = events
      .filter((e) => e.t <= 17)
      .map((e) => [e.t, explain(e)] as const)
      .filter(([, s]) => / (loads|stores) /.test(s));
    expect(memory).toEqual([
      [4, 'Thread 3 of PID 2 loads 0 from address 128.'],
      [8, 'Thread 3 of PID 2 stores 1 at address 128.'],
      [10, 'Thread 4 of PID 2 loads 1 from address 128.'],
      [13, 'Thread 3 of PID 2 loads 1 from address 128.'],
      [15, 'Thread 4 of PID 2 stores 2 at address 128.'],
      [17, 'Thread 3 of PID 2 stores 2 at address 128.'],
    ]);
    expect(m.console.map((l) => l.text)).toEqual(['counter = 4 (expected 6)\n']);
  });

  it('the mutex: thread 4 blocks on the held mutex, and no update is lost', () => {
    const { m, events } = runOut('thread-mutex');
    const said = events.map((e) => explain(e));
    // Thread 3 takes the mutex at tick 4 and holds it across its slice; thread 4 tries at tick
    // 10 and blocks; thread 3's unlock at tick 13 wakes it.
    expect(said).toContain('Thread 4 of PID 2 tries to lock the mutex, but it is held.');
    const blockAt = events.find((e) => explain(e).startsWith('Thread 4 of PID 2 tries'))!.t;
    expect(blockAt).toBe(10);
    expect(m.console.map((l) => l.text)).toEqual(['counter = 6 (expected 6)\n']);
  });
});
