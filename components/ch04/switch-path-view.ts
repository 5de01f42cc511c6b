// What the switch-path island shows, from the model's switch path (src/os-model/book/
// ch04-context-switches/switch-path.ts): which scenario and entry each choice means, and the
// words and cells of its panels. Pure: no DOM, tested in switch-path-view.test.ts.
import {
  loadScenario,
  switchPath,
  type Flavour,
  type PathKind,
  type SwitchPath,
  type UserRegs,
} from '../../src/os-model/index.ts';

/** The island's three uses on the page: the switch itself, the two stacks, a syscall beside a switch. */
export type PathShow = 'path' | 'stacks' | 'syscall';
export type Between = 'process' | 'thread';
export type Call = 'syscall' | 'block';
export const BETWEEN: readonly Between[] = ['process', 'thread'];
export const CALLS: readonly Call[] = ['syscall', 'block'];

export const FLAVOUR_LABELS: Record<Flavour, string> = {
  xv6: 'xv6-riscv',
  linux: 'Linux x86-64',
};
export const BETWEEN_LABELS: Record<Between, string> = {
  process: 'two processes',
  thread: 'two threads of one process',
};
export const CALL_LABELS: Record<Call, string> = {
  syscall: 'getpid(): returns at once',
  block: 'read() on an empty pipe: blocks',
};

/** The scenario, the kind of entry and which one of the run each choice shows. */
export function entryFor(
  show: PathShow,
  between: Between,
  call: Call,
): { scenario: string; kind: PathKind; nth: number } {
  if (show === 'syscall')
    return {
      scenario: 'context-switches-syscall',
      kind: call === 'syscall' ? 'syscall' : 'block',
      nth: 1,
    };
  // The third timer switch (tick 9): both tasks have run by then, so both hold values of their own.
  return {
    scenario: between === 'thread' ? 'context-switches-threads' : 'context-switches',
    kind: 'timer',
    nth: 3,
  };
}

/**
 * The model's path for the island's choices. Precondition: none. Failure: an error value with the
 * model's sentence (for example xv6 asked for a switch between threads); never throws.
 */
export function pathFor(
  show: PathShow,
  flavour: Flavour,
  between: Between,
  call: Call,
): { ok: true; value: SwitchPath } | { ok: false; error: string } {
  const e = entryFor(show, show === 'stacks' ? 'process' : between, call);
  const start = loadScenario(e.scenario);
  if (!start.ok) return { ok: false, error: start.error };
  return switchPath(start.value, flavour, e.kind, e.nth);
}

/** The column headings and cells of a register row: pc, sp, r0–r3. Never fails. */
export const REG_NAMES = ['pc', 'sp', 'r0', 'r1', 'r2', 'r3'] as const;
export function regCells(r: UserRegs): string[] {
  return [String(r.pc), String(r.sp), ...r.r.map(String)];
}

/** "Step 3 of 9: yield()" for the counter and the narration. Never fails. */
export function stepTitle(i: number, p: SwitchPath): string {
  return `Step ${i + 1} of ${p.steps.length}: ${p.steps[i].fn}`;
}

/** The index clamped to the path's steps. Never fails. */
export function clampStep(i: number, p: SwitchPath): number {
  return Math.max(0, Math.min(p.steps.length - 1, Math.trunc(i)));
}

/** Whether any step of the path runs scheduler code, in words. Never fails. */
export function schedulerVerdict(p: SwitchPath): string {
  const n = p.steps.filter((s) => s.scheduler).length;
  return n === 0
    ? 'The scheduler is never entered: the same task returns to user mode. A mode switch, not a context switch.'
    : `The scheduler runs in ${n} of the ${p.steps.length} steps and another task comes back to user mode: a context switch.`;
}
