// The book's registry of named, seeded scenarios: each chapter's folder exports its own, listed
// here explicitly (no import for side effects). Each is built only on the public API
// (createMachine + step), the way xv6's user/sh.c is only a client of the kernel.
import type { Machine, Result } from '../kernel/types.ts';
import type { Options, Scenario } from './kit.ts';
import { merge } from './library.ts';
import { SCENARIOS as CH01 } from './ch01-programs-and-processes/scenarios.ts';
import { SCENARIOS as CH02 } from './ch02-process-states/scenarios.ts';
import { SCENARIOS as CH03 } from './ch03-scheduling/scenarios.ts';
import { SCENARIOS as CH05 } from './ch05-fork-exec-wait/scenarios.ts';
import { SCENARIOS as CH06 } from './ch06-threads/scenarios.ts';
import { SCENARIOS as CH07 } from './ch07-process-per-connection/scenarios.ts';
import { SCENARIOS as CH08 } from './ch08-production/scenarios.ts';

export type { Options, Scenario } from './kit.ts';

/** Every scenario of the book, chapter by chapter (each chapter's folder exports its own). */
export const SCENARIOS: Record<string, Scenario> = merge('scenario', [
  CH01,
  CH02,
  CH03,
  CH05,
  CH06,
  CH07,
  CH08,
]);

/**
 * The named scenario's starting machine. Precondition: none. Failure: an error value for an
 * unknown name or bad options (never throws).
 */
export function loadScenario(name: string, seed = 0, options: Options = {}): Result<Machine> {
  if (!Object.hasOwn(SCENARIOS, name))
    return { ok: false, error: `There is no scenario called ${JSON.stringify(name)}.` };
  if (!Number.isFinite(seed)) return { ok: false, error: 'The seed must be a number.' };
  try {
    return { ok: true, value: SCENARIOS[name].build(seed, options ?? {}) };
  } catch (e) {
    return { ok: false, error: `Scenario ${name}: ${e instanceof Error ? e.message : String(e)}.` };
  }
}
