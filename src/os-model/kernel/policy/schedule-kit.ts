// Helpers for the policy tests: a one-CPU machine, spawning, and the tid that ran each tick.
// Not a test file itself (the tests beside each policy import it).
import { createMachine, step } from '../machine.ts';
import type { Machine, Program, SchedConfig } from '../types.ts';

/**
 * A one-CPU machine without init, so the first spawned task is tid 1, the next tid 2, ...
 * Precondition: none. Never fails.
 */
export function boot(sched: Partial<SchedConfig>, programs: Program[]): Machine {
  return createMachine({ ncpu: 1, init: false, sched }, 0, programs);
}

/**
 * Spawns `program` (with priority `prio`, if given). Precondition: the machine knows the
 * program. Failure: throws the error event's message when the spawn is refused.
 */
export function spawn(m: Machine, program: string, prio?: number): Machine {
  const r = step(
    m,
    prio === undefined ? { type: 'spawn', program } : { type: 'spawn', program, prio },
  );
  const err = r.events.find((e) => e.type === 'error');
  if (err) throw new Error(`spawn ${program} refused: ${JSON.stringify(err)}`);
  return r.machine;
}

/**
 * Runs n ticks; returns the machine and the tid that ran each tick on CPU 0 (-1: idle).
 * Precondition: none. Never fails.
 */
export function run(m: Machine, n: number): { m: Machine; ran: number[] } {
  const ran: number[] = [];
  for (let i = 0; i < n; i++) {
    m = step(m, { type: 'tick' }).machine;
    ran.push(m.cpus[0].ranTid);
  }
  return { m, ran };
}
