// Control groups (cgroup v2), as the kernel's Documentation/admin-guide/cgroup-v2.rst describes
// them: a tree of groups; every process is a member of exactly one group; controllers account
// what the members use and enforce limits written in the group's files.
//
// - pids: `pids.max` caps the members; a fork past it fails with EAGAIN and counts in
//   `pids.events` (max).
// - memory: `memory.current` is what the members are charged (here: anonymous and page-cache
//   memory, no swap, like the measured host). Over `memory.high` the kernel reclaims and then
//   throttles the allocating task (mm/memcontrol.c: a delay quadratic in the overage, clamped at
//   2 s); `memory.high` never invokes the OOM killer. At `memory.max` a charge that reclaim cannot
//   satisfy invokes the OOM killer inside the group (oom.ts, with the limit as the memory the kill
//   is for); `memory.oom.group` kills the whole group instead of one process. `memory.events`
//   counts high, max, oom, oom_kill and oom_group_kill.
// - cpu: `cpu.max` "quota period": the group may run `quota` µs of CPU in each `period` µs; once
//   the quota is spent every member waits for the next period. `cpu.stat` counts nr_periods,
//   nr_throttled and throttled_usec.
// Pure: every function returns new data and never mutates its input.
import { selectVictim, type OomCandidate } from './oom.ts';

// ---------------------------------------------------------------------------------------------
// The tree and membership

/** One group: its path, its limits (null: "max", no limit) and its member PIDs. */
export type Cgroup = {
  path: string;
  pidsMax: number | null;
  members: number[];
  /** pids.events: forks refused by pids.max. */
  pidsEventsMax: number;
};

/** A hierarchy: the root ("/") and the groups below it. */
export type CgroupTree = { groups: Cgroup[] };

/** A tree holding only the root group, with `pids` as its members. Precondition: none. Never fails. */
export function cgroupRoot(pids: number[] = []): CgroupTree {
  return { groups: [{ path: '/', pidsMax: null, members: [...pids], pidsEventsMax: 0 }] };
}

/**
 * mkdir of a child group. Precondition: none. Failure: an error value when the parent is missing
 * or the path exists (mkdir's ENOENT and EEXIST).
 */
export function mkdirCgroup(
  t: CgroupTree,
  path: string,
  pidsMax: number | null = null,
): { ok: true; tree: CgroupTree } | { ok: false; error: string } {
  if (t.groups.some((g) => g.path === path)) return { ok: false, error: `${path} exists` };
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  if (!t.groups.some((g) => g.path === parent))
    return { ok: false, error: `no parent group ${parent}` };
  return {
    ok: true,
    tree: { groups: [...t.groups, { path, pidsMax, members: [], pidsEventsMax: 0 }] },
  };
}

/**
 * Writing a PID to a group's cgroup.procs: the process leaves its old group and joins this one.
 * Precondition: none. Failure: an error value naming an unknown group or PID.
 */
export function attach(
  t: CgroupTree,
  pid: number,
  path: string,
): { ok: true; tree: CgroupTree } | { ok: false; error: string } {
  if (!t.groups.some((g) => g.path === path)) return { ok: false, error: `no group ${path}` };
  if (!t.groups.some((g) => g.members.includes(pid)))
    return { ok: false, error: `no process ${pid}` };
  const groups = t.groups.map((g) => {
    const others = g.members.filter((p) => p !== pid);
    return g.path === path ? { ...g, members: [...others, pid] } : { ...g, members: others };
  });
  return { ok: true, tree: { groups } };
}

/** The members of `path` and of every group below it. */
function subtreeCount(t: CgroupTree, path: string): number {
  const below = (p: string) => p === path || p.startsWith(path === '/' ? '/' : `${path}/`);
  return t.groups.filter((g) => below(g.path)).reduce((n, g) => n + g.members.length, 0);
}

/**
 * fork() by `parent`: the child joins the parent's group unless that group or an ancestor is at
 * its pids.max, in which case fork fails with EAGAIN and the limiting group's pids.events max
 * count rises. Precondition: `parent` is a member of some group. Failure: an error value (EAGAIN,
 * or a missing parent).
 */
export function forkInCgroup(
  t: CgroupTree,
  parent: number,
  child: number,
): { ok: true; tree: CgroupTree } | { ok: false; error: string; tree: CgroupTree } {
  const home = t.groups.find((g) => g.members.includes(parent));
  if (!home) return { ok: false, error: `no process ${parent}`, tree: t };
  // The group and its ancestors, nearest first.
  const chain: string[] = [];
  for (let p = home.path; ; p = p.slice(0, p.lastIndexOf('/')) || '/') {
    chain.push(p);
    if (p === '/') break;
  }
  for (const path of chain) {
    const g = t.groups.find((x) => x.path === path)!;
    if (g.pidsMax !== null && subtreeCount(t, path) >= g.pidsMax) {
      const groups = t.groups.map((x) =>
        x.path === path ? { ...x, pidsEventsMax: x.pidsEventsMax + 1 } : x,
      );
      return {
        ok: false,
        error: `fork: EAGAIN (pids.max of ${path} is ${g.pidsMax})`,
        tree: { groups },
      };
    }
  }
  const groups = t.groups.map((g) =>
    g.path === home.path ? { ...g, members: [...g.members, child] } : g,
  );
  return { ok: true, tree: { groups } };
}

/** Removes an exited process from its group. Precondition: none. Never fails. */
export function leaveCgroup(t: CgroupTree, pid: number): CgroupTree {
  return { groups: t.groups.map((g) => ({ ...g, members: g.members.filter((p) => p !== pid) })) };
}

/**
 * The tree's invariants: every PID is in exactly one group, and no group is over its pids.max.
 * Returns one sentence per violation. Precondition: none. Never fails.
 */
export function checkCgroupTree(t: CgroupTree): string[] {
  const out: string[] = [];
  const seen = new Map<number, string>();
  for (const g of t.groups)
    for (const p of g.members) {
      const other = seen.get(p);
      if (other !== undefined) out.push(`PID ${p} is in both ${other} and ${g.path}.`);
      seen.set(p, g.path);
    }
  for (const g of t.groups)
    if (g.pidsMax !== null && subtreeCount(t, g.path) > g.pidsMax)
      out.push(
        `${g.path} holds ${subtreeCount(t, g.path)} processes, over its pids.max ${g.pidsMax}.`,
      );
  return out;
}

// ---------------------------------------------------------------------------------------------
// memory.high and memory.max

/** 4 KiB pages in one MiB: the model counts memory in MiB and scores the OOM killer in pages. */
export const PAGES_PER_MIB = 256;

/** Over-high throttling is clamped at 2 s per allocation (MEMCG_MAX_HIGH_DELAY_JIFFIES). */
export const MAX_HIGH_DELAY_MS = 2000;

/**
 * The throttling delay of one allocation over memory.high, in ms: the kernel's quadratic penalty
 * (mm/memcontrol.c, calculate_overage and calculate_high_delay), 64 s × overage², where overage is
 * (usage − high) / high, clamped at 2 s; the kernel skips delays under 10 ms (HZ / 100). The
 * kernel's own table for high = 100M: 101M → 6 ms, 110M → 639 ms, 118M and over → 2000 ms.
 * Precondition: high > 0. Never fails.
 */
export function highDelayMs(usage: number, high: number): number {
  if (usage <= high) return 0;
  // calculate_overage(): (usage − high) << 20 / high, in integers; then overage² × HZ >> 34
  // jiffies, here in ms (HZ = 1000). An overage of 1 (double memory.high) is already 64 s.
  const over = Math.min(2 ** 20, Math.floor(((usage - high) * 2 ** 20) / high));
  return Math.min(MAX_HIGH_DELAY_MS, Math.floor((over * over * 1000) / 2 ** 34));
}

/** One process of a memory workload, in MiB. */
export type MemProc = {
  pid: number;
  name: string;
  /** Anonymous memory at the start (MiB). */
  anon: number;
  /** Page cache charged to the group for this process's reads at the start (MiB). */
  file: number;
  /** Anonymous MiB it allocates in each tick it is not throttled. */
  grow: number;
  /** File MiB it reads into the page cache in each tick it is not throttled. */
  read: number;
  adj: number;
};

export type MemoryLimits = {
  /** memory.high in MiB, or null for "max". */
  high: number | null;
  /** memory.max in MiB, or null for "max". */
  max: number | null;
  /** memory.oom.group: kill every member instead of one. */
  oomGroup: boolean;
};

/** memory.events of one group. */
export type MemoryEvents = {
  high: number;
  max: number;
  oom: number;
  oom_kill: number;
  oom_group_kill: number;
};

/** Something that happened in a tick, with its plain sentence. */
export type MemEvent = {
  t: number;
  kind: 'throttle' | 'reclaim' | 'oom-kill' | 'exit-limit';
  pid?: number;
  text: string;
  /** For an OOM kill: every member's badness when the killer ran (null: unkillable). */
  scores?: { pid: number; badness: number | null }[];
};

/** One process at the end of a tick. */
export type MemProcRow = {
  pid: number;
  name: string;
  anon: number;
  file: number;
  alive: boolean;
  /** ms of this tick spent throttled (over memory.high). */
  stalledMs: number;
};

/** The group at the end of one tick. */
export type MemTick = {
  t: number;
  current: number;
  procs: MemProcRow[];
  events: MemoryEvents;
};

export type MemoryRun = { tickMs: number; ticks: MemTick[]; log: MemEvent[] };

/**
 * The memory workload `procs` in one group with `limits`, for `ticks` ticks of `tickMs` ms.
 * In each tick every live process that is not throttled charges its `grow` anonymous and `read`
 * page-cache MiB, one MiB at a time, in PID order:
 * - a MiB that would take memory.current past memory.max first counts a `max` event and reclaims
 *   page cache (any member's, oldest process first); if none is left, the OOM killer runs in the
 *   group (oom.ts, totalpages = memory.max in pages): `oom` and `oom_kill` count (all members and
 *   `oom_group_kill` with memory.oom.group), and the charge is retried if its process survived;
 * - after its charges, a process whose group is over memory.high counts a `high` event, reclaims
 *   page cache down to memory.high, and if still over is throttled for highDelayMs (the delay runs
 *   into later ticks when it is longer than one).
 * Anonymous memory is never reclaimed (no swap). Precondition: limits and sizes ≥ 0, unique PIDs.
 * Never fails.
 */
export function memoryRun(
  procsIn: MemProc[],
  limits: MemoryLimits,
  ticks: number,
  tickMs = 100,
): MemoryRun {
  type Live = MemProc & { alive: boolean; stallLeft: number; stalled: number };
  const procs: Live[] = [...procsIn]
    .sort((a, b) => a.pid - b.pid)
    .map((p) => ({ ...p, alive: true, stallLeft: 0, stalled: 0 }));
  const ev: MemoryEvents = { high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0 };
  const log: MemEvent[] = [];
  const out: MemTick[] = [];
  const current = () => procs.reduce((s, p) => s + (p.alive ? p.anon + p.file : 0), 0);
  const reclaim = (need: number): number => {
    let got = 0;
    for (const p of procs)
      if (p.alive && got < need) {
        const take = Math.min(p.file, need - got);
        p.file -= take;
        got += take;
      }
    return got;
  };
  const kill = (t: number) => {
    ev.oom += 1;
    const live = procs.filter((p) => p.alive);
    const total = (limits.max ?? 0) * PAGES_PER_MIB;
    const cands: OomCandidate[] = live.map((p) => ({
      name: p.name,
      pid: p.pid,
      rss: (p.anon + p.file) * PAGES_PER_MIB,
      swap: 0,
      pgtables: 0,
      adj: p.adj,
    }));
    const choice = selectVictim(cands, total);
    const v = choice.victim;
    if (v === null) {
      log.push({
        t,
        kind: 'oom-kill',
        text: 'The OOM killer finds no killable process in the group; its tasks wait.',
      });
      return false;
    }
    const victims = limits.oomGroup ? live : live.filter((p) => p.pid === v.pid);
    for (const p of victims) p.alive = false;
    ev.oom_kill += victims.length;
    if (limits.oomGroup) ev.oom_group_kill += 1;
    const score = choice.scores.find((s) => s.pid === v.pid)?.badness;
    log.push({
      t,
      kind: 'oom-kill',
      pid: v.pid,
      scores: choice.scores.map(({ pid, badness }) => ({ pid, badness })),
      text: limits.oomGroup
        ? `memory.max reached: the OOM killer picks ${v.name} (PID ${v.pid}, badness ${score}) and, with memory.oom.group set, kills all ${victims.length} members with SIGKILL.`
        : `memory.max reached: the OOM killer kills ${v.name} (PID ${v.pid}, badness ${score}, the highest in the group) with SIGKILL.`,
    });
    return true;
  };
  for (let t = 1; t <= ticks; t++) {
    for (const p of procs) p.stalled = 0;
    for (const p of procs) {
      if (!p.alive) continue;
      if (p.stallLeft > 0) {
        const s = Math.min(p.stallLeft, tickMs);
        p.stalled = s;
        p.stallLeft -= s;
        if (p.stallLeft > 0 || s === tickMs) continue;
      }
      const want: ('anon' | 'file')[] = [
        ...Array<'anon'>(p.grow).fill('anon'),
        ...Array<'file'>(p.read).fill('file'),
      ];
      for (const kind of want) {
        let charged = false;
        for (let tries = 0; tries < procs.length + 1 && p.alive && !charged; tries++) {
          if (limits.max === null || current() + 1 <= limits.max) {
            p[kind] += 1;
            charged = true;
            break;
          }
          ev.max += 1;
          if (reclaim(1) === 1) {
            log.push({
              t,
              kind: 'reclaim',
              pid: p.pid,
              text: `${p.name} (PID ${p.pid}) hits memory.max; the kernel reclaims page cache to make room.`,
            });
            continue;
          }
          if (!kill(t)) break;
        }
        if (!p.alive || !charged) break;
      }
      if (p.alive && limits.high !== null && current() > limits.high) {
        ev.high += 1;
        const over = current() - limits.high;
        const got = reclaim(over);
        if (got > 0)
          log.push({
            t,
            kind: 'reclaim',
            pid: p.pid,
            text: `The group is over memory.high; the kernel reclaims ${got} MiB of page cache.`,
          });
        const d = highDelayMs(current(), limits.high);
        if (d > 10) {
          p.stallLeft += d;
          log.push({
            t,
            kind: 'throttle',
            pid: p.pid,
            text: `${p.name} (PID ${p.pid}) is over memory.high (${current()} of ${limits.high} MiB): throttled for ${d} ms.`,
          });
        }
      }
    }
    out.push({
      t,
      current: current(),
      procs: procs.map((p) => ({
        pid: p.pid,
        name: p.name,
        anon: p.alive ? p.anon : 0,
        file: p.alive ? p.file : 0,
        alive: p.alive,
        stalledMs: p.stalled,
      })),
      events: { ...ev },
    });
  }
  return { tickMs, ticks: out, log };
}

// ---------------------------------------------------------------------------------------------
// cpu.max

export type CpuMaxSetup = {
  /** CPUs the machine has. */
  cpus: number;
  /** cpu.max quota in ms per period, or null for "max". */
  quotaMs: number | null;
  periodMs: number;
  /** Threads in the group that never sleep (a batch job, a garbage collector). */
  spinners: number;
  /** CPU ms one request needs (0: the group has no request thread). */
  requestMs: number;
  /** ms the request thread pauses between requests. */
  pauseMs: number;
  /** How long to run, in ms. */
  durationMs: number;
};

/** One period of cpu.max accounting. */
export type CpuPeriod = { start: number; usedMs: number; throttledMs: number; throttled: boolean };

export type CpuMaxRun = {
  periods: CpuPeriod[];
  /** CPU time the group used in all, ms. */
  usedMs: number;
  /** CPUs used on average: usedMs / durationMs. */
  cpus: number;
  /** cpu.stat */
  nrPeriods: number;
  nrThrottled: number;
  throttledMs: number;
  /** Wall time of each completed request, ms, in completion order. */
  latencies: number[];
};

/**
 * A cgroup with `spinners` always-runnable threads and one request thread, stepped 1 ms at a
 * time. Runnable threads share the CPUs equally (each gets min(1, cpus / runnable) ms per ms);
 * the group's use in a period is capped at the quota, and once the quota is spent no member runs
 * until the next period (the ms it waits counts as throttled time; a period counts as throttled
 * once). A period counts in nr_periods when the group had a runnable thread in it. Precondition:
 * cpus ≥ 1, periodMs ≥ 1, requestMs ≥ 0, durationMs ≥ 1, quota null or ≥ 1. Never fails.
 */
export function cpuMaxRun(s: CpuMaxSetup): CpuMaxRun {
  const periods: CpuPeriod[] = [];
  const latencies: number[] = [];
  let used = 0;
  let inPeriod = 0;
  let cur: CpuPeriod = { start: 0, usedMs: 0, throttledMs: 0, throttled: false };
  // The request thread: remaining CPU ms of the current request, or the ms left of its pause.
  let reqLeft = s.requestMs;
  let reqStart = 0;
  let pauseLeft = 0;
  const EPS = 1e-9;
  for (let ms = 0; ms < s.durationMs; ms++) {
    if (ms > 0 && ms % s.periodMs === 0) {
      periods.push(cur);
      cur = { start: ms, usedMs: 0, throttledMs: 0, throttled: false };
      inPeriod = 0;
    }
    const reqRunnable = s.requestMs > 0 && pauseLeft <= 0;
    const n = s.spinners + (reqRunnable ? 1 : 0);
    if (n > 0) {
      const room = s.quotaMs === null ? Infinity : s.quotaMs - inPeriod;
      if (room <= EPS) {
        cur.throttledMs += 1;
        cur.throttled = true;
      } else {
        const share = Math.min(1, s.cpus / n);
        const want = share * n;
        const total = Math.min(want, room);
        const each = total / n;
        inPeriod += total;
        used += total;
        cur.usedMs += total;
        if (total < want - EPS) {
          // The quota ran out within this ms: the rest of it is throttled.
          cur.throttled = true;
          cur.throttledMs += 1 - total / want;
        }
        if (reqRunnable) {
          reqLeft -= each;
          if (reqLeft <= EPS) {
            latencies.push(ms + 1 - reqStart);
            pauseLeft = s.pauseMs;
            reqLeft = s.requestMs;
            if (pauseLeft <= 0) reqStart = ms + 1;
          }
        }
      }
    }
    if (s.requestMs > 0 && !reqRunnable) {
      pauseLeft -= 1;
      if (pauseLeft <= 0) reqStart = ms + 1;
    }
  }
  periods.push(cur);
  const counted = periods.filter((p) => p.usedMs > 0 || p.throttledMs > 0);
  return {
    periods,
    usedMs: used,
    cpus: used / s.durationMs,
    nrPeriods: counted.length,
    nrThrottled: periods.filter((p) => p.throttled).length,
    throttledMs: periods.reduce((a, p) => a + p.throttledMs, 0),
    latencies,
  };
}

/**
 * The q-th percentile (0–100) of `xs` by the nearest-rank method: the smallest value with at
 * least q % of the values at or below it. Precondition: none. Never fails (NaN for no values).
 */
export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((q / 100) * sorted.length));
  return sorted[rank - 1];
}
