// The console view's lines: what processes printed (machine.console), in order, each with its
// PID, and which of them the current step printed.
import type { KEvent, Machine } from '../../src/os-model/index.ts';

export type ConsoleRow = { i: number; pid: number; t: number; text: string; fresh: boolean };

/**
 * The console lines of `m`; the last k are `fresh` when the step's `events` hold k console
 * writes. A trailing newline is dropped (each entry is shown on its own line). Precondition:
 * `events` are the events of the step that produced `m`. Never fails.
 */
export function consoleOf(m: Machine, events: KEvent[]): ConsoleRow[] {
  const fresh = events.filter((e) => e.type === 'write' && e.to === 'console').length;
  const n = m.console.length;
  return m.console.map((l, i) => ({
    i,
    pid: l.pid,
    t: l.t,
    text: l.text.endsWith('\n') ? l.text.slice(0, -1) : l.text,
    fresh: i >= n - fresh,
  }));
}
