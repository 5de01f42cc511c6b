// The control-block view's data: both lenses (xv6's struct proc, Linux's task_struct) on the
// followed process, from the model's inspect layer (pcbOf), with the context switches counted
// from the run's events so far (switchesOf). This module only picks what the view draws.
import type { KEvent, Machine, Pcb } from '../../src/os-model/index.ts';
import { pcbOf, switchesOf } from '../../src/os-model/index.ts';

/**
 * The control block of `pid` after the steps whose events are `history` (steps 1 to the cursor,
 * in order). Precondition: none. Never fails.
 */
export function pcbViewOf(m: Machine, pid: number, history: readonly KEvent[]): Pcb {
  return pcbOf(m, pid, switchesOf(history));
}
