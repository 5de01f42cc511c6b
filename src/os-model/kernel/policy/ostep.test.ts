// OSTEP process-run's rules (ostep.ts): the next process after the one that last held the CPU in
// circular id order; no preemption; switchOn 'end' keeps the CPU idle while a process waits for
// its I/O; ioDone 'immediate' runs a process the moment its I/O completes. In the kernel an I/O
// takes one CPU tick to issue, blocks for its latency, and one more CPU tick (io_done) when it
// completes. Expected schedules are worked out by hand and written out: one entry per tick, the
// tid that ran (-1: the CPU was idle).
import { describe, expect, it } from 'vitest';
import { jobProgram, makeProgram } from '../program.ts';
import type { Instr, Program } from '../types.ts';
import { boot, spawn, run } from './schedule-kit.ts';

const prog = (name: string, code: Instr[]): Program =>
  makeProgram(name, ['int main(void) {', '  ...', '}'], code);
const io = (ticks: number): Instr => ({ op: 'io', dev: 'disk', ticks, line: 2 });
const compute = (n: number): Instr => ({ op: 'compute', n, line: 2 });

describe('ostep policy', () => {
  it('runs processes in id order, each until it ends', () => {
    // C(1), A(2), B(1) spawned as tids 1, 2, 3; no preemption: 1, 2 2, 3.
    let m = boot({ kind: 'ostep' }, [jobProgram('c', 1), jobProgram('a', 2), jobProgram('b', 1)]);
    for (const p of ['c', 'a', 'b']) m = spawn(m, p);
    expect(run(m, 5).ran).toEqual([1, 2, 2, 3, -1]);
  });

  it('picks the next id after the one that last held the CPU, not the first queued', () => {
    // tid 1 = io(3), compute 1; tid 2 = io(1), compute 1; tid 3 = compute 4.
    // tick 1: 1 issues its I/O (asleep ticks 2-4, back at 5); next after 1 is 2.
    // tick 2: 2 issues its I/O (asleep tick 3, back at 4); next after 2 is 3.
    // ticks 3-6: 3 (2 is queued at tick 4, then 1 at tick 5: queue [2, 1]; io later, so
    // neither takes the CPU). 3 exits at tick 6: the next id after 3, circularly, is 1, not
    // the first queued (2). ticks 7-8: 1's io_done and compute; ticks 9-10: 2's.
    let m = boot({ kind: 'ostep', switchOn: 'io', ioDone: 'later' }, [
      prog('p1', [io(3), compute(1)]),
      prog('p2', [io(1), compute(1)]),
      jobProgram('p3', 4),
    ]);
    for (const p of ['p1', 'p2', 'p3']) m = spawn(m, p);
    const r = run(m, 11);
    expect(r.ran).toEqual([1, 2, 3, 3, 3, 3, 1, 1, 2, 2, -1]);
  });

  it("with switchOn 'end', holds the CPU idle while the running process does I/O", () => {
    // A = io(2), compute 1; B = compute 2. tick 1: A issues its I/O; the CPU is held for A
    // (ticks 2-3 idle, B waits); tick 4: A's I/O completes and A takes the CPU back (io_done),
    // tick 5: A computes and exits; ticks 6-7: B.
    const progs = [prog('a', [io(2), compute(1)]), jobProgram('b', 2)];
    let m = boot({ kind: 'ostep', switchOn: 'end', ioDone: 'later' }, progs);
    m = spawn(spawn(m, 'a'), 'b');
    expect(run(m, 8).ran).toEqual([1, -1, -1, 1, 1, 2, 2, -1]);
    // the same with switchOn 'io': B runs during A's I/O (ticks 2-3), then A (ticks 4-5).
    let n = boot({ kind: 'ostep', switchOn: 'io', ioDone: 'later' }, progs);
    n = spawn(spawn(n, 'a'), 'b');
    expect(run(n, 6).ran).toEqual([1, 2, 2, 1, 1, -1]);
  });

  it("with ioDone 'immediate', runs a process the moment its I/O completes", () => {
    // A = io(1), compute 1; B = compute 4. tick 1: A issues its I/O (asleep tick 2); tick 2:
    // B; tick 3: A's I/O completes and A takes the CPU from B at once (io_done), tick 4: A
    // computes and exits; ticks 5-7: B's remaining 3 ticks.
    const progs = [prog('a', [io(1), compute(1)]), jobProgram('b', 4)];
    let m = boot({ kind: 'ostep', switchOn: 'io', ioDone: 'immediate' }, progs);
    m = spawn(spawn(m, 'a'), 'b');
    expect(run(m, 8).ran).toEqual([1, 2, 1, 1, 2, 2, 2, -1]);
    // ioDone 'later': B keeps the CPU to its end (ticks 2-5), then A (ticks 6-7).
    let n = boot({ kind: 'ostep', switchOn: 'io', ioDone: 'later' }, progs);
    n = spawn(spawn(n, 'a'), 'b');
    expect(run(n, 8).ran).toEqual([1, 2, 2, 2, 2, 1, 1, -1]);
  });
});
