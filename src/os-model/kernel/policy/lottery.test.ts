// Lottery scheduling (lottery.ts): tickets per process, a draw whenever a CPU is free and at the
// end of every quantum, the winner found by walking the ready tasks in tid order. Expected
// schedules are worked out by hand from the tickets and the given winning numbers, one entry
// per tick: the tid that ran (-1: idle). Without a given ticket the draws come from the
// machine's RNG, and only the long-run shares are checked, against the ticket ratio.
import { describe, expect, it } from 'vitest';
import { step } from '../machine.ts';
import { jobProgram } from '../program.ts';
import type { Machine } from '../types.ts';
import { get } from '../table.ts';
import { draw } from './lottery.ts';
import { boot, run, spawn } from './schedule-kit.ts';

/** The machine with `ticket` as the winning number of its next draws. */
function withTicket(m: Machine, ticket: number): Machine {
  const sched = m.config.sched;
  return {
    ...m,
    config: { ...m.config, sched: { ...sched, params: { ...sched.params, ticket } } },
  };
}

/** One tick per winning number in `tickets`; the tid that ran each tick. */
function runDraws(m: Machine, tickets: number[]): { m: Machine; ran: number[] } {
  const ran: number[] = [];
  for (const t of tickets) {
    m = step(withTicket(m, t), { type: 'tick' }).machine;
    ran.push(m.cpus[0].ranTid);
  }
  return { m, ran };
}

describe('lottery policy', () => {
  it('gives the CPU to the holder of the winning ticket, walking the tasks in tid order', () => {
    // tickets 30 (tid 1) and 70 (tid 2): tickets 0-29 are tid 1's, 30-99 tid 2's; a number
    // beyond 99 wins modulo 100 (130 → 30, 229 → 29). Quantum 1: a new draw every tick.
    let m = boot({ kind: 'lottery', quantum: 1, params: { tickets: [30, 70] } }, [
      jobProgram('a', 10),
      jobProgram('b', 10),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    expect(runDraws(m, [0, 29, 30, 99, 130, 229]).ran).toEqual([1, 1, 2, 2, 2, 1]);
  });

  it('draws only among ready tasks: the total shrinks when a task exits', () => {
    // tickets 30, 70; A(1) wins tick 1 (number 10) and exits; then only B's 70 tickets remain,
    // so number 10 is B's: 10 mod 70 = 10 < 70.
    let m = boot({ kind: 'lottery', quantum: 1, params: { tickets: [30, 70] } }, [
      jobProgram('a', 1),
      jobProgram('b', 3),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    expect(runDraws(m, [10, 10, 10, 10, 10]).ran).toEqual([1, 2, 2, 2, -1]);
  });

  it('holds a lottery at the end of every quantum, which a lone task always wins', () => {
    // quantum 3, tickets 50 each, number 60 (tid 2's): B runs 3 ticks, wins again, runs its
    // last tick and exits; A then wins every draw on its own.
    let m = boot({ kind: 'lottery', quantum: 3, params: { tickets: [50, 50] } }, [
      jobProgram('a', 4),
      jobProgram('b', 4),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    const r = runDraws(m, Array(9).fill(60));
    expect(r.ran).toEqual([2, 2, 2, 2, 1, 1, 1, 1, -1]);
    expect(get(r.m.tasks, 2)!.se.won).toBe(2);
    expect(get(r.m.tasks, 1)!.se.won).toBe(2); // ticks 5-7, then 8: a lone task wins anyway
  });

  it('with a given ticket, holds one lottery per tick: a CPU freed after its draw waits a tick', () => {
    // quantum 1: tick 1 draws at its start (number 0: A) and A's quantum ends in the same tick;
    // the second draw is tick 2's, with tick 2's number (99: B).
    let m = boot({ kind: 'lottery', quantum: 1, params: { tickets: [50, 50] } }, [
      jobProgram('a', 5),
      jobProgram('b', 5),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    expect(runDraws(m, [0, 99, 0, 99]).ran).toEqual([1, 2, 1, 2]);
  });

  it('uses floor modulo for a negative total, and reruns the last task when nobody wins', () => {
    // tickets -5 and 2: total -3. Number 7: 7 mod -3 = -2 in Python; running sums -5, -3 never
    // pass -2, so nobody wins: the first ready task (tid 1) runs, and then, as the last task
    // of the CPU, again. Number 2: 2 mod -3 = -1; nobody wins again.
    let m = boot({ kind: 'lottery', quantum: 1, params: { tickets: [-5, 2] } }, [
      jobProgram('a', 5),
      jobProgram('b', 5),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    expect(draw(withTicket(m, 7))).toEqual({ tids: [1, 2], total: -3, ticket: -2, winner: -1 });
    expect(runDraws(m, [7, 2, 7]).ran).toEqual([1, 1, 1]);
    // tickets 4 and -1: total 3; number 3 → 0: A's running sum 4 passes it.
    let n = boot({ kind: 'lottery', quantum: 1, params: { tickets: [4, -1] } }, [
      jobProgram('a', 5),
      jobProgram('b', 5),
    ]);
    n = spawn(spawn(n, 'a'), 'b');
    expect(draw(withTicket(n, 3))).toEqual({ tids: [1, 2], total: 3, ticket: 0, winner: 1 });
  });

  it('gives 100 tickets to a process the list does not reach', () => {
    let m = boot({ kind: 'lottery', quantum: 1, params: { tickets: [300] } }, [
      jobProgram('a', 5),
      jobProgram('b', 5),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    expect(draw(withTicket(m, 350))).toEqual({ tids: [1, 2], total: 400, ticket: 350, winner: 2 });
  });

  it('without a given ticket, shares the CPU in proportion to the tickets over many draws', () => {
    // tickets 25 and 75, two CPU-bound tasks, 4,000 one-tick quanta drawn from the machine's
    // RNG: each share is within 3 points of 25 % and 75 %.
    let m = boot({ kind: 'lottery', quantum: 1, params: { tickets: [25, 75] } }, [
      jobProgram('a', 10_000),
      jobProgram('b', 10_000),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    const r = run(m, 4000);
    const a = r.ran.filter((t) => t === 1).length / 4000;
    const b = r.ran.filter((t) => t === 2).length / 4000;
    expect(Math.abs(a - 0.25)).toBeLessThan(0.03);
    expect(Math.abs(b - 0.75)).toBeLessThan(0.03);
    // one draw per tick, plus the one at the end of tick 4,000 for tick 4,001
    expect(get(r.m.tasks, 1)!.se.won + get(r.m.tasks, 2)!.se.won).toBe(4001);
  });
});
