import { describe, expect, it } from 'vitest';
import { loadScenario, step } from '../../src/os-model/index.ts';
import type { Machine } from '../../src/os-model/index.ts';
import { defaultFollow, family, followOptions, namesOf } from './follow.ts';

function after(name: string, n: number, options: Record<string, unknown> = {}): Machine {
  const r = loadScenario(name, 0, options);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  for (let i = 0; i < n; i++) m = step(m, { type: 'tick' }).machine;
  return m;
}

describe('defaultFollow', () => {
  it('skips init: fork-basics follows PID 2', () => {
    expect(defaultFollow(after('fork-basics', 0))).toBe(2);
  });
  it('without init the first job is PID 1', () => {
    expect(defaultFollow(after('sched-jobs', 0))).toBe(1);
  });
});

describe('family', () => {
  it('fork-basics after the fork (tick 2): parent 2 shows its child 3; the child its parent', () => {
    const m = after('fork-basics', 2);
    expect(family(m, 2)).toEqual([2, 3]); // its parent is init: left out
    expect(family(m, 3)).toEqual([3, 2]);
  });
  it('a process that is gone is shown alone', () => {
    expect(family(after('fork-basics', 0), 9)).toEqual([9]);
  });
});

describe('followOptions and namesOf', () => {
  it('lists every process, and a gone one that is followed', () => {
    const m = after('fork-basics', 2);
    expect(followOptions(m, 2).map((o) => o.label)).toEqual([
      'PID 1 (init)',
      'PID 2 (fork-basics)',
      'PID 3 (fork-basics)',
    ]);
    expect(followOptions(m, 7).at(-1)).toEqual({ pid: 7, label: 'PID 7 (gone)' });
    expect(namesOf(m)).toEqual({ 1: 'init', 2: 'fork-basics', 3: 'fork-basics' });
  });
});
