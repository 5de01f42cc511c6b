// The registers view's rows: for each task (thread) of a process, the live registers (only
// meaningful while it is RUNNING on a CPU) and the copy saved in its control block at the last
// switch-out (task.ctx = [pc, sp, r0..r3]), with the C line each pc points at.
import type { Machine, TaskState } from '../../src/os-model/index.ts';
import { currentLine, programOf, teachingName, get } from '../../src/os-model/index.ts';

export const REG_NAMES = ['pc', 'sp', 'r0', 'r1', 'r2', 'r3'] as const;
export type RegName = (typeof REG_NAMES)[number];

export type RegRow = {
  name: RegName;
  /** Value in the CPU while the task runs; null when it is not on a CPU. */
  live: number | null;
  /**
   * Value in the control block: saved at the last switch-out, or prepared by the kernel when a
   * task that has never run was created; null for a running task not yet switched out.
   */
  saved: number | null;
  /** Running, and the live value differs from the saved copy (the copy is stale). */
  differs: boolean;
};

export type TaskRegs = {
  tid: number;
  main: boolean;
  state: TaskState;
  /** "RUNNING (running)". */
  stateText: string;
  /** CPU it runs on, or -1. */
  cpu: number;
  prog: string;
  /** C line of the live pc (0: none) and its text. */
  line: number;
  lineText: string;
  /** C line of the saved pc (0: none) and its text. */
  savedLine: number;
  savedLineText: string;
  rows: RegRow[];
  /** The saved values were prepared at creation: the task has never run. */
  fresh: boolean;
};

export type RegistersData = {
  pid: number;
  name: string;
  status: 'ok' | 'zombie' | 'gone';
  tasks: TaskRegs[];
};

function lineOf(m: Machine, prog: string, pc: number): { line: number; text: string } {
  const p = programOf(m, prog);
  if (!p || pc < 0 || pc >= p.code.length) return { line: 0, text: '' };
  const line = p.code[pc].line;
  return { line, text: (p.source[line - 1] ?? '').trim() };
}

/**
 * Registers of every task of process `pid`, main task first. Precondition: none. Never fails
 * (an unknown pid gives status 'gone' and no tasks).
 */
export function registersOf(m: Machine, pid: number): RegistersData {
  const p = get(m.procs, pid);
  if (!p) return { pid, name: '', status: 'gone', tasks: [] };
  const tids = [...p.tids].sort((a, b) => (a === pid ? -1 : b === pid ? 1 : a - b));
  const tasks = tids
    .filter((tid) => get(m.tasks, tid))
    .map((tid): TaskRegs => {
      const t = get(m.tasks, tid)!;
      const running = t.state === 'RUNNING';
      const liveVals = [t.pc, t.sp, ...t.r];
      // A task that has never been switched out and is not running has not run yet: its
      // registers are the ones the kernel prepared for its first dispatch.
      const fresh = !running && t.ctx.length === 0;
      const savedVals = fresh ? liveVals : t.ctx;
      const hasSaved = savedVals.length === REG_NAMES.length;
      const rows = REG_NAMES.map((name, i): RegRow => {
        const live = running ? liveVals[i] : null;
        const saved = hasSaved ? savedVals[i] : null;
        return { name, live, saved, differs: live !== null && saved !== null && live !== saved };
      });
      const cur = running
        ? { line: currentLine(m, tid), text: lineOf(m, t.prog, t.pc).text }
        : null;
      const sv = hasSaved ? lineOf(m, t.prog, savedVals[0]) : { line: 0, text: '' };
      return {
        tid,
        main: tid === pid,
        state: t.state,
        stateText: `${t.state} (${teachingName(t.state)})`,
        cpu: running ? t.cpu : -1,
        prog: t.prog,
        line: cur ? cur.line : 0,
        lineText: cur ? cur.text : '',
        savedLine: sv.line,
        savedLineText: sv.text,
        rows,
        fresh,
      };
    });
  return { pid, name: p.name, status: p.state === 'ZOMBIE' ? 'zombie' : 'ok', tasks };
}
