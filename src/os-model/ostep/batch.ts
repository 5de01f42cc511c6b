// A machine a simulator port owns alone. The ports run a machine from start to end and keep no
// intermediate state, so they step a private copy in place (the kernel's privateCopy and
// stepInPlace): a tick costs what it changes, not a copy of every process.
import type { Action, KEvent, Machine } from '../kernel/types.ts';
import { stepInPlace } from '../kernel/machine.ts';
import { privateCopy } from '../kernel/own.ts';

export class BatchMachine {
  /** the machine after the last action; it changes in place with every `act` */
  readonly machine: Machine;

  /** Takes a private copy of `start`, which is never changed. Never fails. */
  constructor(start: Machine) {
    this.machine = privateCopy(start);
  }

  /** Applies one action and returns its events (an illegal action gives one 'error' event). */
  act(action: Action): KEvent[] {
    return stepInPlace(this.machine, action);
  }
}
