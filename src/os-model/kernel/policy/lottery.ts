// Lottery scheduling (Waldspurger and Weihl, OSDI 1994; OSTEP chapter 9), with the rules of
// OSTEP's lottery.py (../shared/ostep-spec-2.md §2.4):
// - each process holds tickets: `tickets[pid - 1]` of config.sched.params, or 100 for a pid the
//   list does not reach (so with init, PID 1, the list starts with init's tickets);
// - a lottery is held whenever a CPU is free: at the start, when its task sleeps or exits, and
//   when its task has used its quantum (config.sched.quantum ticks): that task goes back to the
//   ready queue first and takes part in the draw, so a lone task wins every draw;
// - the winning ticket is a number in [0, total), total being the tickets of every ready task;
//   walking the ready tasks in tid order (lottery.py's job order) and adding up their tickets,
//   the first task whose running sum passes the winning ticket wins;
// - the number is drawn from the machine's RNG, unless `ticket` is set in config.sched.params:
//   then the winning ticket is that number modulo the total (floor modulo, as Python's %), and a
//   CPU holds at most one lottery per tick (a CPU freed after its draw of this tick stays idle
//   until the next tick, when it draws again). A client that replays someone else's draws (the
//   lottery.py port in src/os-model/ostep/) sets it before each tick;
// - tickets may be 0 or negative (lottery.py accepts them). When nobody wins, which needs a total
//   of 0 or less, the task that ran last on this CPU runs again if it is ready (lottery.py reuses
//   the previous winner), otherwise the first ready task in tid order.
// Per-task numbers in task.se: `won` (lotteries won) and `drawn` (the tick of the last one).
import type { Machine, Task } from '../types.ts';
import type { SchedPolicy } from './policy.ts';
import { get } from '../table.ts';
import { randomInt } from '../rng.ts';

/**
 * The tickets of task `tid`'s process. Precondition: the task exists. Never fails (a pid beyond
 * the `tickets` list, or a list that is not one, gives 100).
 */
export function ticketsOf(m: Machine, tid: number): number {
  const list = m.config.sched.params.tickets;
  const pid = get(m.tasks, tid)!.pid;
  const v = Array.isArray(list) ? list[pid - 1] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 100;
}

/** Python's `a % n`: the result has the sign of n (floor modulo). Precondition: n ≠ 0. */
function floorMod(a: number, n: number): number {
  const r = a % n;
  return r !== 0 && r < 0 !== n < 0 ? r + n : r === 0 ? 0 : r;
}

/**
 * The draw over the ready queue: the ready tids in tid order, their ticket total, the winning
 * ticket (`ticket` modulo the total, or a number drawn from the machine's RNG; null when the
 * total is 0) and the winner (-1 when nobody's running sum passes the winning ticket).
 * Precondition: m.runq is not empty. Never fails. May advance m.rng (only without `ticket`).
 */
export function draw(m: Machine): {
  tids: number[];
  total: number;
  ticket: number | null;
  winner: number;
} {
  const tids = [...m.runq].sort((a, b) => a - b);
  let total = 0;
  for (const tid of tids) total += ticketsOf(m, tid);
  const given = m.config.sched.params.ticket;
  let ticket: number | null = null;
  if (total !== 0) {
    if (typeof given === 'number') ticket = floorMod(Math.trunc(given), total);
    else if (total > 0) ticket = randomInt(m, total);
    else ticket = -randomInt(m, -total); // in (total, 0], as Python's floor modulo gives
  }
  let winner = -1;
  if (ticket !== null) {
    let sum = 0;
    for (const tid of tids) {
      sum += ticketsOf(m, tid);
      if (sum > ticket) {
        winner = tid;
        break;
      }
    }
  }
  return { tids, total, ticket, winner };
}

export const lottery: SchedPolicy = {
  label: 'Lottery',
  automatic: true,
  pick(m, cpu) {
    const replay = typeof m.config.sched.params.ticket === 'number';
    if (replay && cpu.last !== -1 && get(m.tasks, cpu.last)?.se.drawn === m.clock) return -1;
    const d = draw(m);
    if (d.winner !== -1) return d.winner;
    return m.runq.includes(cpu.last) ? cpu.last : d.tids[0];
  },
  dispatched(m, _cpu, task: Task) {
    task.se = { won: (task.se.won ?? 0) + 1, drawn: m.clock };
  },
  tick(m, _cpu, task) {
    if (task.state !== 'RUNNING') return false;
    task.slice++;
    return task.slice >= Math.max(1, m.config.sched.quantum); // a new lottery
  },
};
