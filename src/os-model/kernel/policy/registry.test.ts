// The policy registry (registry.ts): every name in SCHED_KINDS is a working policy, isSchedKind
// accepts exactly those names, and a scenario asked for an unknown policy says which ones exist.
import { describe, expect, it } from 'vitest';
import { createMachine, step } from '../machine.ts';
import { jobProgram } from '../program.ts';
import { isSchedKind, POLICIES, policyOf, SCHED_KINDS } from './registry.ts';
import { policy } from '../../book/kit.ts';
import { loadScenario } from '../../book/registry.ts';

const ALL = [
  'fifo',
  'sjf',
  'stcf',
  'rr',
  'priority',
  'ostep',
  'manual',
  'mlfq',
  'lottery',
  'stride',
];

describe('policy registry', () => {
  it('lists the policies in the table order', () => {
    expect(SCHED_KINDS).toEqual(ALL);
  });

  it.each(ALL)('%s is a policy: a label, automatic or not, and a pick', (kind) => {
    expect(isSchedKind(kind)).toBe(true);
    const p = POLICIES[kind as keyof typeof POLICIES];
    expect(typeof p.label).toBe('string');
    expect(p.label.length).toBeGreaterThan(0);
    expect(typeof p.automatic).toBe('boolean');
    expect(typeof p.pick).toBe('function');
  });

  it.each(ALL)('a machine under %s runs that policy', (kind) => {
    // one job of 2 ticks: every automatic policy runs it at tick 1; manual leaves the CPU idle.
    let m = createMachine({ ncpu: 1, init: false, sched: { kind: kind as never } }, 0, [
      jobProgram('a', 2),
    ]);
    expect(policyOf(m)).toBe(POLICIES[kind as keyof typeof POLICIES]);
    m = step(m, { type: 'spawn', program: 'a' }).machine;
    m = step(m, { type: 'tick' }).machine;
    expect(m.cpus[0].ranTid).toBe(kind === 'manual' ? -1 : 1);
  });

  it('only the manual policy is not automatic', () => {
    expect(SCHED_KINDS.filter((k) => !POLICIES[k].automatic)).toEqual(['manual']);
  });

  it.each([
    'FIFO',
    'lotto',
    'cfs',
    '',
    ' rr',
    'toString',
    '__proto__',
    'hasOwnProperty',
    'constructor',
  ])('isSchedKind rejects the name %j', (s) => {
    expect(isSchedKind(s)).toBe(false);
  });

  it('isSchedKind rejects anything that is not a string', () => {
    for (const v of [undefined, null, 0, 1, true, {}, [], ['fifo'], { kind: 'fifo' }])
      expect(isSchedKind(v)).toBe(false);
  });

  it('the scenario option policy takes a known name, or the default when absent', () => {
    expect(policy({}, 'rr')).toBe('rr');
    expect(policy({ policy: 'mlfq' }, 'rr')).toBe('mlfq');
  });

  it('an unknown policy option is an error listing every policy', () => {
    const message =
      'option policy must be one of fifo, sjf, stcf, rr, priority, ostep, manual, mlfq, lottery, stride';
    expect(() => policy({ policy: 'lotto' }, 'fifo')).toThrow(message);
    expect(() => policy({ policy: 'toString' }, 'fifo')).toThrow(message);
    expect(() => policy({ policy: 3 }, 'fifo')).toThrow(message);
    expect(loadScenario('sched-jobs', 0, { policy: 'lotto' })).toEqual({
      ok: false,
      error: `Scenario sched-jobs: ${message}.`,
    });
  });

  it('a scenario loads under every policy', () => {
    for (const kind of ALL) {
      const r = loadScenario('sched-jobs', 0, { policy: kind });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.config.sched.kind).toBe(kind);
    }
  });
});
