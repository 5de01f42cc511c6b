// FIFO (fifo.ts): the task that became ready first runs until it blocks or exits. Every expected
// schedule below is worked out by hand from that rule and written out literally: one entry per
// tick, the tid that ran (cpu.ran), -1 for an idle tick.
import { describe, expect, it } from 'vitest';
import { step } from '../machine.ts';
import { jobProgram, makeProgram } from '../program.ts';
import type { Instr, Machine, Program } from '../types.ts';
import { boot } from './schedule-kit.ts';

function spawn(m: Machine, program: string): Machine {
  const r = step(m, { type: 'spawn', program });
  expect(r.events.filter((e) => e.type === 'error')).toEqual([]);
  return r.machine;
}

/** Runs n ticks; returns the machine and the tid that ran each tick. */
function run(m: Machine, n: number): { m: Machine; ran: number[] } {
  const ran: number[] = [];
  for (let i = 0; i < n; i++) {
    m = step(m, { type: 'tick' }).machine;
    ran.push(m.cpus[0].ranTid);
  }
  return { m, ran };
}

const prog = (name: string, code: Instr[]): Program =>
  makeProgram(name, ['int main(void) {', '  ...', '}'], code);

describe('fifo policy', () => {
  it('runs jobs to completion in the order they arrived', () => {
    // A(3), B(2), C(1) all ready at 0: A A A, then B B, then C, then nothing.
    let m = boot({ kind: 'fifo' }, [jobProgram('a', 3), jobProgram('b', 2), jobProgram('c', 1)]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 7).ran).toEqual([1, 1, 1, 2, 2, 3, -1]);
  });

  it('breaks a tie by queue order, not by length or id', () => {
    // A(3) is tid 1 and B(2) tid 2; C(1), the shortest, arrives after tick 1 as tid 3 and
    // waits behind B: queue order wins, not length.
    let m = boot({ kind: 'fifo' }, [jobProgram('a', 3), jobProgram('b', 2), jobProgram('c', 1)]);
    m = spawn(m, 'a');
    m = spawn(m, 'b');
    let r = run(m, 1); // tick 1: a (tid 1) starts
    m = spawn(r.m, 'c'); // tid 3 (length 1) arrives behind b
    r = run(m, 6);
    // ticks 2-3: a finishes; 4-5: b; 6: c; 7: idle
    expect(r.ran).toEqual([1, 1, 2, 2, 3, -1]);
  });

  it('never preempts, whatever the quantum', () => {
    // quantum 1 means nothing to FIFO: A(4) keeps the CPU while B waits
    let m = boot({ kind: 'fifo', quantum: 1 }, [jobProgram('a', 4), jobProgram('b', 2)]);
    m = spawn(m, 'a');
    m = spawn(m, 'b');
    expect(run(m, 6).ran).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it('sends a task that blocked for I/O to the back of the queue', () => {
    // A = compute 1, io (2 ticks), compute 1; B = compute 5.
    // tick 1: A computes; tick 2: A issues its I/O and sleeps (ticks 3-4), B is dispatched;
    // ticks 3-4: B; tick 5: A's I/O completes and A joins the back of the queue, but B keeps the
    // CPU (FIFO never preempts): ticks 5-7 B finishes; tick 8: A's io_done; tick 9: A computes
    // and exits; tick 10: idle.
    const a = prog('a', [
      { op: 'compute', n: 1, line: 2 },
      { op: 'io', dev: 'disk', ticks: 2, line: 2 },
      { op: 'compute', n: 1, line: 2 },
    ]);
    let m = boot({ kind: 'fifo' }, [a, jobProgram('b', 5)]);
    m = spawn(m, 'a');
    m = spawn(m, 'b');
    expect(run(m, 10).ran).toEqual([1, 1, 2, 2, 2, 2, 2, 1, 1, -1]);
  });
});
