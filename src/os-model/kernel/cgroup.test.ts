// cgroup v2: membership, pids.max, memory.high/memory.max with memory.events, and cpu.max with
// cpu.stat. Expected values are worked out by hand from cgroup-v2.rst and mm/memcontrol.c.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attach,
  cgroupRoot,
  checkCgroupTree,
  cpuMaxRun,
  forkInCgroup,
  highDelayMs,
  leaveCgroup,
  memoryRun,
  mkdirCgroup,
  percentile,
  type MemProc,
} from './cgroup.ts';

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

describe('the cgroup tree', () => {
  it('every process is in exactly one group; attach moves it', () => {
    let t = cgroupRoot([1, 2, 3]);
    t = ok(mkdirCgroup(t, '/web')).tree;
    t = ok(attach(t, 2, '/web')).tree;
    expect(t.groups.find((g) => g.path === '/')!.members).toEqual([1, 3]);
    expect(t.groups.find((g) => g.path === '/web')!.members).toEqual([2]);
    expect(checkCgroupTree(t)).toEqual([]);
    expect(mkdirCgroup(t, '/a/b')).toEqual({ ok: false, error: 'no parent group /a' });
    expect(attach(t, 9, '/web')).toEqual({ ok: false, error: 'no process 9' });
    expect(checkCgroupTree({ groups: [{ ...t.groups[0], members: [1, 2] }, t.groups[1]] })).toEqual(
      ['PID 2 is in both / and /web.'],
    );
  });

  it('pids.max refuses the fork past the limit with EAGAIN and counts it in pids.events', () => {
    let t = cgroupRoot([1, 2]);
    t = ok(mkdirCgroup(t, '/web', 3)).tree;
    t = ok(mkdirCgroup(t, '/web/php')).tree;
    t = ok(attach(t, 2, '/web/php')).tree;
    t = ok(forkInCgroup(t, 2, 10)).tree;
    t = ok(forkInCgroup(t, 2, 11)).tree; // /web's subtree now holds 3
    const r = forkInCgroup(t, 11, 12);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('fork: EAGAIN (pids.max of /web is 3)');
    expect(r.tree.groups.find((g) => g.path === '/web')!.pidsEventsMax).toBe(1);
    t = leaveCgroup(r.tree, 10);
    expect(forkInCgroup(t, 11, 12).ok).toBe(true);
  });
});

const proc = (pid: number, anon: number, grow: number, extra: Partial<MemProc> = {}): MemProc => ({
  pid,
  name: `p${pid}`,
  anon,
  file: 0,
  grow,
  read: 0,
  adj: 0,
  ...extra,
});

describe('memory.high', () => {
  it("reproduces the kernel's own table of throttling delays for memory.high = 100M", () => {
    // mm/memcontrol.c: 101M → 6 ms, 105M → 159, 110M → 639, 117M → 1849, 118M → 2000
    expect([100, 101, 105, 110, 117, 118, 300].map((u) => highDelayMs(u, 100))).toEqual([
      0, 6, 159, 639, 1849, 2000, 2000,
    ]);
  });

  it('throttles the allocating process more the further over it goes, and never kills', () => {
    // 95 MiB growing 5 MiB a tick, high 100: tick 2 reaches 105 (159 ms stall: 100 in tick 3,
    // 59 in tick 4, then it allocates again: 110, 639 ms: ticks 5–10 and 39 ms of tick 11).
    const r = memoryRun([proc(1, 95, 5)], { high: 100, max: null, oomGroup: false }, 40);
    expect(r.ticks[0].current).toBe(100);
    expect(r.ticks[1].current).toBe(105);
    expect(r.ticks[2].procs[0].stalledMs).toBe(100);
    expect(r.ticks[2].current).toBe(105);
    expect(r.ticks[3].procs[0].stalledMs).toBe(59);
    expect(r.ticks[3].current).toBe(110);
    expect(r.ticks[3].events.high).toBe(2);
    expect(r.ticks[9].current).toBe(110);
    expect(r.ticks[10].current).toBe(115);
    expect(r.ticks[39].events.oom_kill).toBe(0);
    expect(r.ticks[39].procs[0].alive).toBe(true);
  });
});

describe('memory.max and the OOM killer', () => {
  it('kills the largest member, not the one allocating (calibration §11b)', () => {
    // A holds 40 MiB; B grows from 10 MiB by 1 MiB a tick: 64 MiB after tick 14; in tick 15 the
    // charge fails, nothing is reclaimable, A (10240 pages) outscores B (6144) and dies.
    const r = memoryRun(
      [proc(1, 40, 0), proc(2, 10, 1)],
      { high: null, max: 64, oomGroup: false },
      20,
    );
    expect(r.ticks[13].current).toBe(64);
    const t15 = r.ticks[14];
    expect(t15.procs.map((p) => p.alive)).toEqual([false, true]);
    expect(t15.current).toBe(25);
    expect(t15.events).toEqual({ high: 0, max: 1, oom: 1, oom_kill: 1, oom_group_kill: 0 });
    expect(r.log.find((e) => e.kind === 'oom-kill')!.text).toContain('p1 (PID 1, badness 10240');
  });

  it('with oom_score_adj 500 on the grower, the grower dies instead', () => {
    const r = memoryRun(
      [proc(1, 40, 0), proc(2, 10, 1, { adj: 500 })],
      { high: null, max: 64, oomGroup: false },
      20,
    );
    expect(r.ticks[14].procs.map((p) => p.alive)).toEqual([true, false]);
    expect(r.ticks[14].current).toBe(40);
  });

  it('memory.oom.group kills every member and counts one group kill', () => {
    const r = memoryRun(
      [proc(1, 40, 0), proc(2, 10, 1)],
      { high: null, max: 64, oomGroup: true },
      20,
    );
    expect(r.ticks[14].events).toEqual({ high: 0, max: 1, oom: 1, oom_kill: 2, oom_group_kill: 1 });
    expect(r.ticks[14].current).toBe(0);
  });

  it('reclaims page cache before it calls the OOM killer', () => {
    const r = memoryRun(
      [proc(1, 30, 0, { file: 30 }), proc(2, 0, 2)],
      { high: null, max: 64, oomGroup: false },
      3,
    );
    expect(r.ticks[1].current).toBe(64);
    expect(r.ticks[2].current).toBe(64);
    expect(r.ticks[2].procs[0].file).toBe(28);
    expect(r.ticks[2].events).toMatchObject({ max: 2, oom: 0 });
  });

  it('invariants: memory.current is the sum of the members, never above memory.max; each victim had the highest badness', () => {
    const procArb = fc.record({
      anon: fc.integer({ min: 0, max: 40 }),
      file: fc.integer({ min: 0, max: 20 }),
      grow: fc.integer({ min: 0, max: 6 }),
      read: fc.integer({ min: 0, max: 3 }),
      adj: fc.constantFrom(-1000, -500, 0, 300, 1000),
    });
    fc.assert(
      fc.property(
        fc.array(procArb, { minLength: 1, maxLength: 5 }),
        fc.option(fc.integer({ min: 40, max: 200 }), { nil: null }),
        fc.option(fc.integer({ min: 200, max: 400 }), { nil: null }),
        fc.boolean(),
        (ps, high, max, oomGroup) => {
          const procs = ps.map((p, i) => ({ ...p, pid: i + 1, name: `p${i + 1}` }));
          const r = memoryRun(procs, { high, max, oomGroup }, 30);
          for (const tk of r.ticks) {
            const sum = tk.procs.reduce((s, p) => s + p.anon + p.file, 0);
            expect(tk.current).toBe(sum);
            const startSum = procs.reduce((s, p) => s + p.anon + p.file, 0);
            if (max !== null && startSum <= max) expect(tk.current).toBeLessThanOrEqual(max);
            for (const row of tk.procs) if (!row.alive) expect(row.anon + row.file).toBe(0);
          }
          for (const e of r.log.filter((x) => x.kind === 'oom-kill' && x.pid !== undefined)) {
            const killable = e.scores!.filter((x) => x.badness !== null).map((x) => x.badness!);
            const mine = e.scores!.find((x) => x.pid === e.pid)!.badness!;
            expect(mine).toBe(Math.max(...killable));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cpu.max', () => {
  const base = { cpus: 2, periodMs: 100, requestMs: 0, pauseMs: 0, durationMs: 1000 };

  it('a 50 % quota gives one spinning thread exactly 0.5 CPU, throttled in every period', () => {
    const r = cpuMaxRun({ ...base, quotaMs: 50, spinners: 1 });
    expect(r.cpus).toBeCloseTo(0.5, 9);
    expect(r.nrPeriods).toBe(10);
    expect(r.nrThrottled).toBe(10);
    expect(r.throttledMs).toBeCloseTo(500, 6);
  });

  it('two spinners on two CPUs spend the quota in 25 ms and wait 75 ms', () => {
    const r = cpuMaxRun({ ...base, quotaMs: 50, spinners: 2 });
    expect(r.cpus).toBeCloseTo(0.5, 9);
    expect(r.periods[0].usedMs).toBeCloseTo(50, 9);
    expect(r.periods[0].throttledMs).toBeCloseTo(75, 9);
  });

  it('a service under its quota is never throttled', () => {
    // 20 ms of CPU then 27 ms pause: at most 20 + 20 + 6 = 46 ms in any 100 ms period
    const r = cpuMaxRun({ ...base, quotaMs: 50, spinners: 0, requestMs: 20, pauseMs: 27 });
    expect(r.nrThrottled).toBe(0);
    expect(new Set(r.latencies)).toEqual(new Set([20]));
  });

  it('with two spinners in the group, a 20 ms request waits out the throttled part of the period', () => {
    // 3 runnable threads share 2 CPUs: 2/3 ms each per ms, 2 ms of quota per ms. The quota is
    // spent at 25 ms, when the request has had 16.7 ms; it waits until 100 ms and needs 5 more ms.
    const q = cpuMaxRun({ ...base, quotaMs: 50, spinners: 2, requestMs: 20, pauseMs: 27 });
    expect(q.latencies[0]).toBe(105);
    const free = cpuMaxRun({ ...base, quotaMs: null, spinners: 2, requestMs: 20, pauseMs: 27 });
    expect(free.latencies[0]).toBe(30);
    expect(free.nrThrottled).toBe(0);
  });

  it('percentile is nearest-rank', () => {
    const xs = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 99)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
