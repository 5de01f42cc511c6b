// CPU utilisation of a run, and the same scenario run to its end under a few simple policies, so
// a reader's own scheduling can be scored against them ("be the OS", chapter 2).
import type { Machine, Result } from '../kernel/types.ts';
import { isFinished, step } from '../kernel/machine.ts';
import { loadScenario } from './registry.ts';
import type { Options } from './kit.ts';

export type Utilisation = {
  /** CPU-ticks in which a CPU ran an instruction. */
  busy: number;
  /** CPU-ticks so far: the clock times the number of CPUs. */
  total: number;
  /** busy / total, or null before the first tick. */
  ratio: number | null;
};

/** A policy to compare: scenario options that select it, and its name in words. */
export type PolicySpec = { id: string; label: string; options: Options };

export type PolicyResult = PolicySpec & Utilisation & { finished: boolean };

/**
 * The simple policies of OSTEP's process-run (its -S and -I flags), as scenario options.
 * Run to completion never switches while a process waits for its I/O; switch on I/O hands the
 * CPU to the next ready process, which keeps it until it blocks or ends (I/O completion "later");
 * the third also gives the CPU back at once to a process whose I/O completed ("immediate").
 */
export const SIMPLE_POLICIES: readonly PolicySpec[] = [
  {
    id: 'end',
    label: 'Run to completion (-S SWITCH_ON_END)',
    options: { policy: 'ostep', switchOn: 'end', ioDone: 'later' },
  },
  {
    id: 'io',
    label: 'Switch on I/O (-S SWITCH_ON_IO -I IO_RUN_LATER)',
    options: { policy: 'ostep', switchOn: 'io', ioDone: 'later' },
  },
  {
    id: 'io-immediate',
    label: 'Switch on I/O, run the waker at once (-I IO_RUN_IMMEDIATE)',
    options: { policy: 'ostep', switchOn: 'io', ioDone: 'immediate' },
  },
];

/** Longest run compareRuns will simulate, in ticks. */
export const COMPARE_LIMIT = 100_000;

/**
 * CPU utilisation of machine `m` so far: busy CPU-ticks over all CPU-ticks. Precondition: none.
 * Never fails.
 */
export function utilisation(m: Machine): Utilisation {
  const total = m.clock * m.config.ncpu;
  const busy = m.stats.busy;
  return { busy, total, ratio: total > 0 ? busy / total : null };
}

/**
 * Runs `m` tick by tick until it is finished or `limit` ticks have passed. Precondition: the
 * machine's scheduler is not 'manual' (a manual machine never moves alone: it stays idle until
 * the limit). Never fails (a refused tick ends the run).
 */
export function runToEnd(m: Machine, limit = COMPARE_LIMIT): Machine {
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    if (r.machine === m) break;
    m = r.machine;
  }
  return m;
}

/**
 * Scenario `name` with `seed` and `options`, run to its end under each policy of `policies`
 * (their options override the scenario's), with the utilisation each achieves. Precondition:
 * none. Failure: an error value when the scenario cannot load under one of the policies.
 */
export function comparePolicies(
  name: string,
  seed: number,
  options: Options = {},
  policies: readonly PolicySpec[] = SIMPLE_POLICIES,
): Result<PolicyResult[]> {
  const out: PolicyResult[] = [];
  for (const p of policies) {
    const r = loadScenario(name, seed, { ...options, ...p.options });
    if (!r.ok) return r;
    const end = runToEnd(r.value);
    out.push({ ...p, ...utilisation(end), finished: isFinished(end) });
  }
  return { ok: true, value: out };
}
