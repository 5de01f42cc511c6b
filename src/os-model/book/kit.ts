// The building blocks every scenario file uses: option parsing, a machine from the common options,
// and replaying setup actions. Scenario files (scenarios.ts and scenarios-<topic>.ts) import from
// here, and scenarios.ts merges their tables into SCENARIOS, so no file imports its importer.
import type { Action, Machine, Program, SchedKind } from '../kernel/types.ts';
import { isSchedKind, SCHED_KINDS } from '../kernel/policy/registry.ts';
import { LIBRARY } from './library.ts';
import { createMachine, step } from '../kernel/machine.ts';

export type Options = Record<string, unknown>;
export type Scenario = {
  title: string;
  description: string;
  build: (seed: number, options: Options) => Machine;
};

/**
 * An integer option `key` from `o` in [lo, hi], or `def` when absent. Precondition: lo <= def <= hi.
 * Failure: throws an Error naming the option when the value is not a whole number in range
 * (loadScenario turns it into an error value).
 */
export function num(o: Options, key: string, def: number, lo: number, hi: number): number {
  const v = o[key];
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
    throw new Error(`option ${key} must be a whole number from ${lo} to ${hi}`);
  return v;
}

/**
 * The scheduling policy option, or `def`. Precondition: none. Failure: throws an Error listing the
 * policies when the value is not one of them.
 */
export function policy(o: Options, def: SchedKind): SchedKind {
  const v = o.policy ?? def;
  if (!isSchedKind(v)) throw new Error(`option policy must be one of ${SCHED_KINDS.join(', ')}`);
  return v;
}

/**
 * A machine from the common options (policy, quantum, ncpu, switchTicks) that knows the book's
 * program library plus `programs`. Precondition: none. Failure: throws like num() and policy() on
 * a bad option.
 */
export function machine(
  o: Options,
  seed: number,
  defPolicy: SchedKind,
  defQuantum: number,
  programs: Program[] = [],
  init = true,
): Machine {
  return createMachine(
    {
      ncpu: num(o, 'ncpu', 1, 1, 8),
      switchTicks: num(o, 'switchTicks', 0, 0, 100),
      init,
      sched: { kind: policy(o, defPolicy), quantum: num(o, 'quantum', defQuantum, 1, 1000) },
    },
    seed,
    [...Object.values(LIBRARY), ...programs],
  );
}

/**
 * Replays setup actions on a machine. Precondition: none. Failure: throws the first action's error
 * event as an Error (a scenario whose setup is illegal is a bug in the scenario).
 */
export function apply(m: Machine, actions: Action[]): Machine {
  for (const a of actions) {
    const r = step(m, a);
    const err = r.events.find((e) => e.type === 'error');
    if (err) throw new Error(err.type === 'error' ? err.message : 'error');
    m = r.machine;
  }
  return m;
}

/**
 * A scenario that spawns one library program under the common options. Precondition: `program` is
 * in the library (library.ts). Failure: the build throws like apply() when it is not.
 */
export function single(
  program: string,
  defPolicy: SchedKind = 'rr',
  quantum = 3,
): Scenario['build'] {
  return (seed, o) => apply(machine(o, seed, defPolicy, quantum), [{ type: 'spawn', program }]);
}
