// The policy comparison one island shows beside its run: the island's scenario, seed and options
// run to their end by the model under OSTEP's simple policies (src/os-model/book/compare.ts). It
// runs whole simulations, so it belongs here on the controller side, worked out once per island
// and only when a view first asks for it; the utilisation view is handed the result and draws it.
import { comparePolicies } from '../../src/os-model/index.ts';
import type { PolicyResult, Result } from '../../src/os-model/index.ts';

/** The island's fixed setup (its props; a shared link keeps the scenario). */
export type ComparisonSetup = { scenario: string; seed: number; options?: Record<string, unknown> };

/**
 * One island's comparison of policies. Precondition: none. Failure: `result` is an error value
 * when the scenario cannot be compared; nothing throws.
 */
export class PolicyComparison {
  readonly #setup: ComparisonSetup;
  #result: Result<PolicyResult[]> | null = null;

  constructor(setup: ComparisonSetup) {
    this.#setup = setup;
  }

  /** comparePolicies for the setup, worked out the first time it is read and kept. */
  get result(): Result<PolicyResult[]> {
    const s = this.#setup;
    this.#result ??= comparePolicies(s.scenario, s.seed, s.options ?? {});
    return this.#result;
  }
}
