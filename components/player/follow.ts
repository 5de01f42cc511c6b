// Which process an island follows (state diagram, registers, memory, fds, code pane), and the
// processes shown beside it in the memory map and fd table.
import type { Machine } from '../../src/os-model/index.ts';
import { get, keys, values } from '../../src/os-model/index.ts';

/**
 * The process to follow when the author named none: the first process that is not init (PID 1
 * when the machine starts init), else the lowest PID, else 1. Precondition: none. Never fails.
 */
export function defaultFollow(m: Machine): number {
  const pids = keys(m.procs);
  const user = m.config.init ? pids.filter((p) => p !== 1) : pids;
  return user[0] ?? pids[0] ?? 1;
}

/**
 * The followed process and its family, in this order: itself, its parent (unless that is init or
 * gone), its children by PID. So a memory map after fork shows parent and child side by side.
 * Precondition: none. Never fails (a process that is gone gives just [pid]).
 */
export function family(m: Machine, pid: number): number[] {
  const p = get(m.procs, pid);
  if (!p) return [pid];
  const out = [pid];
  const initPid = m.config.init ? 1 : -1;
  if (p.ppid > 0 && p.ppid !== initPid && get(m.procs, p.ppid)) out.push(p.ppid);
  const kids = values(m.procs)
    .filter((c) => c.ppid === pid && c.pid !== pid)
    .map((c) => c.pid)
    .sort((a, b) => a - b);
  return [...out, ...kids];
}

/** PID → process name for every process in `m`. Precondition: none. Never fails. */
export function namesOf(m: Machine): Record<number, string> {
  const out: Record<number, string> = {};
  for (const p of values(m.procs)) out[p.pid] = p.name;
  return out;
}

/**
 * The options of the "Follow process" list: every process of `m`, plus the followed one when it
 * is gone (so the list always shows what is followed). Precondition: none. Never fails.
 */
export function followOptions(m: Machine, followed: number): { pid: number; label: string }[] {
  const out = values(m.procs)
    .sort((a, b) => a.pid - b.pid)
    .map((p) => ({
      pid: p.pid,
      label: `PID ${p.pid} (${p.name}${p.state === 'ZOMBIE' ? ', zombie' : ''})`,
    }));
  if (!get(m.procs, followed)) out.push({ pid: followed, label: `PID ${followed} (gone)` });
  return out;
}
