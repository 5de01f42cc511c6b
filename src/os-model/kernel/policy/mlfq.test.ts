// MLFQ (mlfq.ts), checked against the rules of OSTEP's mlfq.py (shared/ostep-spec-2.md §1.5) as
// mlfq.ts's header maps them onto the kernel. Levels are numbered as mlfq.py numbers its queues:
// 0 is the lowest, the top is levels - 1 (2 with the default 3 levels). mlfq.py's time t is the
// kernel's tick t + 1 (mlfq.py runs its first tick at time 0, the kernel at clock 1). In the
// kernel an I/O instruction costs one CPU tick to issue, sleeps for its latency, and costs one
// more CPU tick (io_done) when it completes; each tick a task runs costs a tick of its slice.
// Every expected schedule is worked out by hand (the CPU-only ones were also checked against
// mlfq.py's own -c trace) and written out: one entry per tick, the tid that ran (-1: idle).
import { describe, expect, it } from 'vitest';
import { step } from '../machine.ts';
import { jobProgram, makeProgram } from '../program.ts';
import type { Instr, Machine, Program } from '../types.ts';
import { get } from '../table.ts';
import { boot, spawn, run } from './schedule-kit.ts';

/** Runs n ticks; the tid that ran each tick and task tid's MLFQ level (se.pri) after it. */
function runPri(m: Machine, n: number, tid: number): { m: Machine; ran: number[]; pri: unknown[] } {
  const ran: number[] = [];
  const pri: unknown[] = [];
  for (let i = 0; i < n; i++) {
    m = step(m, { type: 'tick' }).machine;
    ran.push(m.cpus[0].ranTid);
    pri.push(get(m.tasks, tid)!.se.pri);
  }
  return { m, ran, pri };
}

const prog = (name: string, code: Instr[]): Program =>
  makeProgram(name, ['int main(void) {', '  ...', '}'], code);
const io = (ticks: number): Instr => ({ op: 'io', dev: 'disk', ticks, line: 2 });
const compute = (n: number): Instr => ({ op: 'compute', n, line: 2 });

describe('mlfq policy: CPU-bound jobs', () => {
  it('starts a job at the top level and demotes it one level per used-up allotment', () => {
    // 3 levels, quantum 2, allotment 1. A alone: ticks 1-2 at level 2 (slice used after tick
    // 2: down to 1), ticks 3-4 at level 1 (down to 0), then level 0 for good.
    let m = boot({ kind: 'mlfq', quantum: 2 }, [jobProgram('a', 20)]);
    m = spawn(m, 'a');
    expect(get(m.tasks, 1)!.se.pri).toBe(2);
    const r = runPri(m, 8, 1);
    expect(r.ran).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(r.pri).toEqual([2, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('keeps a job at its level until it has used its whole allotment of slices', () => {
    // quantum 1, allotment 2: two slices (2 ticks) per level before each demotion.
    let m = boot({ kind: 'mlfq', quantum: 1, params: { allotment: 2 } }, [jobProgram('a', 20)]);
    m = spawn(m, 'a');
    expect(runPri(m, 6, 1).pri).toEqual([2, 1, 1, 0, 0, 0]);
  });

  it('alternates two jobs at the same level every slice, earliest queued first', () => {
    // one level, quantum 2: A A | B B | A A | B B.
    let m = boot({ kind: 'mlfq', quantum: 2, params: { levels: 1 } }, [
      jobProgram('a', 4),
      jobProgram('b', 4),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    expect(run(m, 9).ran).toEqual([1, 1, 2, 2, 1, 1, 2, 2, -1]);
  });

  it('round robins three jobs at one level in queue order', () => {
    // one level, quantum 1: A B C A B C.
    let m = boot({ kind: 'mlfq', quantum: 1, params: { levels: 1 } }, [
      jobProgram('a', 2),
      jobProgram('b', 2),
      jobProgram('c', 2),
    ]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 6).ran).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('runs a higher level first: two jobs demote in step', () => {
    // 3 levels, quantum 1: tick 1 A (down to 1), tick 2 B (the only one left at 2; down to 1),
    // tick 3 A (level 1, queued first; down to 0), tick 4 B (level 1 beats A at 0; down to 0),
    // then both at level 0, A first: A B A B.
    let m = boot({ kind: 'mlfq', quantum: 1 }, [jobProgram('a', 4), jobProgram('b', 4)]);
    m = spawn(spawn(m, 'a'), 'b');
    const r = runPri(m, 8, 2);
    expect(r.ran).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(r.pri.slice(0, 4)).toEqual([2, 1, 1, 0]);
  });

  it('lets a new top-level job take the CPU at the next tick; the demoted job then resumes its slice', () => {
    // quanta [1, 3] (top first): 2 levels, a 1-tick slice at the top (1) and 3 ticks at 0.
    // tick 1: A at 1, down to 0; tick 2: C at 1, down to 0 (behind A); ticks 3-4: A at 0 (1
    // tick of its slice left). B(1) arrives at level 1 and takes the CPU at tick 5; it exits.
    // A is still at the head of level 0 with its last slice tick: tick 6 A (slice used: to the
    // back, behind C); ticks 7-9 C; ticks 10-12 A. (mlfq.py -l 0,20,0:0,20,0:4,1,0 -Q 1,3.)
    let m = boot({ kind: 'mlfq', quantum: 5, params: { quanta: [1, 3] } }, [
      jobProgram('a', 20),
      jobProgram('c', 20),
      jobProgram('b', 1),
    ]);
    m = spawn(spawn(m, 'a'), 'c');
    const r1 = run(m, 4);
    m = spawn(r1.m, 'b');
    expect(get(m.tasks, 3)!.se.pri).toBe(1);
    expect(get(m.tasks, 1)!.se.pri).toBe(0);
    const r2 = run(m, 8);
    expect([...r1.ran, ...r2.ran]).toEqual([1, 2, 1, 1, 3, 1, 2, 2, 2, 1, 1, 1]);
  });

  it('takes quanta and allotments per level from params, highest level first', () => {
    // quanta [1, 2, 4], allotments [2, 1, 1] (mlfq.py -Q 1,2,4 -A 2,1,1): level 2 gives two
    // 1-tick slices, level 1 one 2-tick slice, level 0 4-tick slices. A(8), B(8):
    // ticks 1-4 A B A B at level 2 (each is demoted after its second slice),
    // ticks 5-8 A A B B at level 1, ticks 9-16 A A A A B B B B at level 0.
    let m = boot(
      { kind: 'mlfq', quantum: 9, params: { quanta: [1, 2, 4], allotments: [2, 1, 1] } },
      [jobProgram('a', 8), jobProgram('b', 8)],
    );
    m = spawn(spawn(m, 'a'), 'b');
    const r = runPri(m, 17, 1);
    expect(r.ran).toEqual([1, 2, 1, 2, 1, 1, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, -1]);
    // A's level after each of its ticks: 2 (allotment 1 left), then 1 after tick 3, 0 after 6
    expect(r.pri.slice(0, 9)).toEqual([2, 2, 1, 1, 1, 0, 0, 0, 0]);
  });
});

describe('mlfq policy: priority boost', () => {
  it('moves a job back to the top level after every boost ticks', () => {
    // quantum 2, boost 6, A(12) alone (mlfq.py -l 0,12,0 -q 2 -B 6): times 0-1 at level 2,
    // 2-3 at 1, 4-5 at 0; BOOST at time 6 (after 6 ticks have run); times 6-7 at 2, 8-9 at 1,
    // 10-11 at 0. As levels after kernel ticks 1..11:
    let m = boot({ kind: 'mlfq', quantum: 2, params: { boost: 6 } }, [jobProgram('a', 12)]);
    m = spawn(m, 'a');
    const r = runPri(m, 11, 1);
    expect(r.pri).toEqual([2, 1, 1, 0, 0, 0, 2, 1, 1, 0, 0]);
  });

  it('requeues the boosted jobs as mlfq.py does: the top level, then levels 0, 1, ...', () => {
    // quantum 1, boost 4, A B C (mlfq.py -l 0,20,0:0,20,0:0,20,0 -q 1 -B 4):
    // times 0-2 A B C at level 2 (each down to 1); time 3 A at 1 (down to 0).
    // BOOST at time 4: level 1 holds [B, C], level 0 [A]: the new top is [A, B, C]
    // (level 0's jobs before level 1's), so time 4 runs A, not B. The pattern repeats.
    let m = boot({ kind: 'mlfq', quantum: 1, params: { boost: 4 } }, [
      jobProgram('a', 20),
      jobProgram('b', 20),
      jobProgram('c', 20),
    ]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 12).ran).toEqual([1, 2, 3, 1, 1, 2, 3, 1, 1, 2, 3, 1]);
  });

  it('never boosts without params.boost', () => {
    // the same three jobs without a boost: A B C at 2, A B C at 1, then level 0 round robin.
    let m = boot({ kind: 'mlfq', quantum: 1 }, [
      jobProgram('a', 20),
      jobProgram('b', 20),
      jobProgram('c', 20),
    ]);
    for (const p of ['a', 'b', 'c']) m = spawn(m, p);
    expect(run(m, 12).ran).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });
});

describe('mlfq policy: I/O', () => {
  it('with params.stay, resets the slice and allotment when a job sleeps for I/O', () => {
    // quantum 4, 3 levels. G = compute 2, io(2), compute 5, alone: ticks 1-2 compute, tick 3
    // issues the I/O (3 ticks of the slice used), asleep ticks 4-5, tick 6 io_done, ticks
    // 7-11 compute.
    // Without stay (allotment accounting) G keeps 1 tick of its slice over the I/O: its
    // io_done at tick 6 uses it (down to 1), and 4 more ticks (7-10) take it to 0.
    // With stay the issue resets the slice to 4: ticks 6-9 use it (down to 1 after tick 9).
    const g = prog('g', [compute(2), io(2), compute(5)]);
    let a = boot({ kind: 'mlfq', quantum: 4 }, [g]);
    a = spawn(a, 'g');
    const r = runPri(a, 10, 1);
    expect(r.ran).toEqual([1, 1, 1, -1, -1, 1, 1, 1, 1, 1]);
    expect(r.pri).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 1, 0]);
    let b = boot({ kind: 'mlfq', quantum: 4, params: { stay: true } }, [g]);
    b = spawn(b, 'g');
    expect(runPri(b, 10, 1).pri).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
  });

  it('with params.iobump, puts a job whose I/O finished at the front of its level', () => {
    // one level, quantum 3. G = io(2), compute 1; A(6); B(6).
    // tick 1: G issues its I/O (back at tick 4). ticks 2-3: A (1 tick of its slice left).
    // tick 4: G's I/O is done; with iobump it joins the front of the level, ahead of A, and
    // takes the CPU: tick 4 io_done, tick 5 compute (exits). A, still ahead of B, uses its last
    // slice tick (6); B 7-9; A 10-12; B 13-15.
    const progs = [prog('g', [io(2), compute(1)]), jobProgram('a', 6), jobProgram('b', 6)];
    let m = boot({ kind: 'mlfq', quantum: 3, params: { levels: 1, iobump: true } }, progs);
    for (const p of ['g', 'a', 'b']) m = spawn(m, p);
    expect(run(m, 16).ran).toEqual([1, 2, 2, 1, 1, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, -1]);
    // without iobump G joins the back (behind B): A ends its slice at tick 4, B 5-7, G 8-9,
    // A 10-12, B 13-15.
    let n = boot({ kind: 'mlfq', quantum: 3, params: { levels: 1 } }, progs);
    for (const p of ['g', 'a', 'b']) n = spawn(n, p);
    expect(run(n, 16).ran).toEqual([1, 2, 2, 2, 3, 3, 3, 1, 1, 2, 2, 2, 3, 3, 3, -1]);
  });
});

describe('mlfq policy: gaming the scheduler with I/O', () => {
  // G does I/O one tick before its slice ends, again and again: G = io(2), then compute 1,
  // io(2) repeated. After its first I/O each turn is io_done + compute + the next I/O's issue =
  // 3 ticks of a 4-tick slice. A is CPU-bound. quantum 4, 3 levels, allotment 1.
  const g = prog('g', [
    io(2),
    ...Array.from({ length: 8 }, () => [compute(1), io(2)]).flat(),
    compute(1),
  ]);

  it('without stay (allotment accounting) the I/O does not save G: it is demoted too', () => {
    // tick 1: G issues (slice 4 -> 3), asleep 2-3, ready at 4 behind A (same level: A keeps
    // the CPU). ticks 2-5: A uses its slice, down to 1. ticks 6-8: G (io_done, compute,
    // issue): its slice hits 0 on the issue: down to level 1 while asleep (back at 11).
    // ticks 9-12: A at level 1 (G, back at 11 at the same level, waits), A down to 0.
    // ticks 13-15: G at 1 (slice 4 -> 1), asleep, back at 18. ticks 16-17: A at 0 (2 left).
    // tick 18: G (level 1) takes the CPU from A: its io_done uses its last slice tick, down to
    // 0, behind A, which had kept the head of level 0: ticks 19-20 A, then G.
    let m = boot({ kind: 'mlfq', quantum: 4 }, [g, jobProgram('a', 40)]);
    m = spawn(spawn(m, 'g'), 'a');
    const r = runPri(m, 20, 1);
    expect(r.ran).toEqual([1, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 2, 2, 1, 2, 2]);
    expect(r.pri).toEqual([2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('with stay (mlfq.py -S, the old rules) G keeps the top level for good', () => {
    // Each I/O resets G's slice, and a 3-tick turn never uses up 4 ticks. tick 1: G issues;
    // ticks 2-5 A (down to 1; G waits behind it at level 2 from tick 4); ticks 6-8 G; 9-10 A;
    // from then on G (back at 11, 16, 21) takes the CPU from A at once, 3 ticks in every 5.
    let m = boot({ kind: 'mlfq', quantum: 4, params: { stay: true } }, [g, jobProgram('a', 40)]);
    m = spawn(spawn(m, 'g'), 'a');
    const r = runPri(m, 25, 1);
    expect(r.ran).toEqual([
      1, 2, 2, 2, 2, 1, 1, 1, 2, 2, 1, 1, 1, 2, 2, 1, 1, 1, 2, 2, 1, 1, 1, 2, 2,
    ]);
    expect(r.pri).toEqual(Array.from({ length: 25 }, () => 2));
    expect(get(r.m.tasks, 2)!.se.pri).toBe(0);
  });
});

describe('mlfq policy: a boost and the arrivals of the same tick', () => {
  it('boosts the waiting tasks first; a task arriving at the boost tick joins the top level behind them', () => {
    // 2 levels, quantum 1, boost every 2 (mlfq.py -l 0,10,0:0,10,0:2,5,0 -n 2 -q 1 -B 2, whose
    // -c trace shows the same order). Time 0: A at the top, demoted; time 1: B, demoted. At time
    // 2 (kernel tick 3) the boost moves A, B back to the top in level-0 order, and C, spawned
    // for time 2, joins behind them: A, B, then C at time 4 (a boost again: C, still at the top,
    // is ahead of A and B, back from level 0), A at 5, and after the boost at 6: B, C.
    let m = boot({ kind: 'mlfq', quantum: 1, params: { levels: 2, boost: 2 } }, [
      jobProgram('a', 10),
      jobProgram('b', 10),
      jobProgram('c', 5),
    ]);
    m = spawn(spawn(m, 'a'), 'b');
    const r1 = run(m, 2);
    m = spawn(r1.m, 'c');
    const r2 = run(m, 6);
    expect([...r1.ran, ...r2.ran]).toEqual([1, 2, 1, 2, 3, 1, 2, 3]);
  });
});
