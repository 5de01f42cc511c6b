// A machine a simulator port owns alone. The ports run a machine from start to end and keep no
// intermediate state, so how it is stepped is this one class's business: today through the
// kernel's pure `step`; once the kernel exports `privateCopy` and `stepInPlace` (batch clients
// step a private machine in place), the constructor takes `privateCopy(start)` and `act` calls
// `stepInPlace(this.machine, action)`, and no port changes.
import type { Action, KEvent, Machine } from '../kernel/types.ts';
import { step } from '../kernel/machine.ts';

export class BatchMachine {
  /** the machine after the last action; the caller must not keep it across calls to `act` */
  machine: Machine;

  constructor(start: Machine) {
    this.machine = start;
  }

  /** Applies one action and returns its events (an illegal action gives one 'error' event). */
  act(action: Action): KEvent[] {
    const r = step(this.machine, action);
    this.machine = r.machine;
    return r.events;
  }
}
