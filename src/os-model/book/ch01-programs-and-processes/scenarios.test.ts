// Chapter 1's scenarios. Expected values are worked out by hand from the listings in
// ./programs.ts and the kernel's rules (src/os-model/README.md: one instruction per tick, a
// process dispatched in a tick runs its first instruction in that tick), not read back from a run.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { memRead } from '../../kernel/vm.ts';
import { REGION_START } from '../../kernel/program.ts';
import { get } from '../../kernel/table.ts';
import { smapsOf } from '../../inspect/smaps.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { SCENARIOS as CHAPTER } from './scenarios.ts';
import { GLOBAL_ADDR } from './programs.ts';

function load(name: string, options: Record<string, unknown> = {}): Machine {
  const r = loadScenario(name, 0, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** `n` ticks (or until finished), checking invariants after each; the events of them all. */
function ticks(m: Machine, n: number, events: KEvent[] = []): Machine {
  for (let i = 0; i < n && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return m;
}

const word = (m: Machine, pid: number): number | null =>
  memRead(m, get(m.procs, pid)!, GLOBAL_ADDR);
const regs = (m: Machine, pid: number) => get(m.tasks, pid)!;

describe('chapter 1 scenarios', () => {
  it('are listed in the book registry', () => {
    for (const name of ['tiny-cpu', 'two-programs', 'three-processes', 'pid-wrap'])
      expect(SCENARIOS[name]).toBe(CHAPTER[name]);
  });

  it('tiny-cpu: set, then load–add–store three times; total ends at 3 + 2 + 1 = 6', () => {
    let m = load('tiny-cpu');
    // Tick 1 runs `i = 3` (pc 0 → 1); tick 2 loads total (0) into r1; tick 3 adds r0; tick 4
    // stores 3 back.
    m = ticks(m, 1);
    expect([regs(m, 2).pc, regs(m, 2).r[0]]).toEqual([1, 3]);
    m = ticks(m, 3);
    expect([regs(m, 2).pc, regs(m, 2).r[0], regs(m, 2).r[1], word(m, 2)]).toEqual([4, 3, 3, 3]);
    // Ticks 5–6: i = 2 and the branch back; 7–9 store 3 + 2 = 5; 10–11 i = 1; 12–14 store 6.
    m = ticks(m, 10);
    expect([regs(m, 2).r[0], regs(m, 2).r[1], word(m, 2)]).toEqual([1, 6, 6]);
    // 15: i = 0; 16: the branch falls through; 17: return total (exit status 6); 18: init reaps.
    const events: KEvent[] = [];
    ticks(m, 10, events);
    expect(events.filter((e) => e.type === 'exit')).toEqual([
      { type: 'exit', t: 17, pid: 2, status: 6 << 8, signal: '', ppid: 1 },
    ]);
    expect(events.find((e) => e.type === 'reap')?.t).toBe(18);
  });

  it('two-programs: one CPU, two-tick turns; the same address holds each its own value', () => {
    let m = load('two-programs');
    const events: KEvent[] = [];
    // Turns: PID 2 ticks 1–2, PID 3 ticks 3–4, PID 2 5–6, PID 3 7–8. PID 2 stores 3 at tick 6
    // (set, load, add, store); PID 3 stores 10 at tick 8 (set, load, add, store).
    m = ticks(m, 8, events);
    expect(word(m, 2)).toBe(3);
    expect(word(m, 3)).toBe(10);
    expect(events.filter((e) => e.type === 'switch').map((e) => e.t)).toEqual([2, 4, 6, 8]);
    // PID 2 has 17 instructions, PID 3 18 (set, four rounds of load, add, store, loop, exit).
    // Alternating by twos, PID 2's 17th comes at tick 33 and PID 3's 18th at 35.
    ticks(m, 100, events);
    expect(
      events.filter((e) => e.type === 'exit').map((e) => [e.t, (e as { pid: number }).pid]),
    ).toEqual([
      [33, 2],
      [35, 3],
    ]);
  });

  it('three-processes: one text frame for three counters, private data, heap and stack', () => {
    let m = load('three-processes');
    const events: KEvent[] = [];
    while (events.filter((e) => e.type === 'exec').length < 3 && !isFinished(m))
      m = ticks(m, 1, events);
    const kids = events.flatMap((e) => (e.type === 'exec' ? [e.pid] : []));
    expect(kids).toEqual([3, 4, 5]);
    const frame = (pid: number, v: number) => get(m.procs, pid)!.mm!.pt[v].f;
    const text = kids.map((pid) => frame(pid, REGION_START.text));
    expect(new Set(text).size).toBe(1);
    expect(get(m.frames, text[0])!.refs).toBe(3);
    for (const v of [REGION_START.data, REGION_START.heap, REGION_START.stack])
      expect(new Set(kids.map((pid) => frame(pid, v))).size).toBe(3);
    // Each counter maps 4 pages (RSS 4); one of them is shared three ways: PSS 3 + 1/3.
    for (const pid of kids) {
      const s = smapsOf(m, pid);
      expect(s.rss).toBe(4);
      expect(s.pss).toBeCloseTo(3 + 1 / 3, 10);
      expect(s.uss).toBe(3);
    }
  });

  it('pid-wrap: children take 4, 5, 6, 7, then wrap past the held 1–3 to 4 and 5', () => {
    // pid_max 8: PIDs 1–7. init 1, daemon 2 and spawner 3 are held all along; each child is
    // reaped before the next fork, so after 7 the counter wraps and 4 is free again.
    const events: KEvent[] = [];
    ticks(load('pid-wrap'), 200, events);
    const forks = events.flatMap((e) => (e.type === 'fork' ? [e.child] : []));
    expect(forks).toEqual([4, 5, 6, 7, 4, 5]);
  });

  it('pid-wrap with pidMax 5: every child is PID 4', () => {
    const events: KEvent[] = [];
    ticks(load('pid-wrap', { pidMax: 5 }), 200, events);
    expect(events.flatMap((e) => (e.type === 'fork' ? [e.child] : []))).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('pid-wrap refuses a pid_max too small to hold init, daemon, spawner and a child', () => {
    const r = loadScenario('pid-wrap', 0, { pidMax: 4 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('pidMax');
  });
});
