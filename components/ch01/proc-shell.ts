// The /proc shell island's session: the commands the reader typed, replayed on the model from the
// scenario's start, each with the answer the model's shell gave at that moment. Pure: the island
// keeps only the list of commands (so a reload replays it exactly).
import type { KEvent, Machine, ShellResult } from '../../src/os-model/index.ts';
import { loadScenario, runShell, step, switchesOf } from '../../src/os-model/index.ts';

/** The scenario the shell looks at, and how many ticks it has run when the reader arrives. */
export const SHELL_SCENARIO = 'proc-shell';
export const START_TICKS = 24;
/** The commands shown before the reader types anything (the page's static first state). */
export const FIRST_COMMANDS = ['ls /proc', 'cat /proc/3/status'];
/** The most commands a session keeps (older ones are dropped from the screen, not the replay). */
export const MAX_COMMANDS = 60;

export type Entry = { cmd: string; clock: number; result: ShellResult };
export type Session =
  { ok: true; entries: Entry[]; machine: Machine; events: KEvent[] } | { ok: false; error: string };

/**
 * Replays `cmds` on a fresh machine: `tick N` steps the model N ticks; every other command reads
 * it. After a `clear`, only later entries are shown. Precondition: none. Never fails (a scenario
 * that cannot be built is an error value).
 */
export function replay(cmds: readonly string[]): Session {
  const r = loadScenario(SHELL_SCENARIO);
  if (!r.ok) return { ok: false, error: r.error };
  let m = r.value;
  const events: KEvent[] = [];
  const tick = (n: number) => {
    for (let i = 0; i < n; i++) {
      const s = step(m, { type: 'tick' });
      events.push(...s.events);
      m = s.machine;
    }
  };
  tick(START_TICKS);
  let entries: Entry[] = [];
  for (const cmd of cmds.slice(-MAX_COMMANDS)) {
    const result = runShell(m, cmd, switchesOf(events));
    if (result.kind === 'tick') tick(result.ticks);
    if (result.kind === 'clear') {
      entries = [];
      continue;
    }
    entries.push({ cmd, clock: m.clock, result });
  }
  return { ok: true, entries, machine: m, events };
}
