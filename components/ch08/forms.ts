// Reading the chapter 8 islands' form fields and running the model (src/os-model: cgroup.ts,
// oom.ts, supervisor.ts, shutdown.ts, book/ch08-production/pool.ts). Pure: no DOM, tested in
// forms.test.ts. Every error names the field and the text that is wrong.
import {
  cpuMaxRun,
  crashLoop,
  gracefulStop,
  kubePolicy,
  memoryRun,
  percentile,
  poolMemory,
  poolSizing,
  poolSweep,
  selectVictim,
  stopWorkload,
  supervisordPolicy,
  systemdPolicy,
  KUBE_DEFAULTS,
  PAGES_PER_MIB,
  POOL_MEMORY,
  STOP_MANAGERS,
  SUPERVISORD_DEFAULTS,
  SYSTEMD_DEFAULTS,
  type CpuMaxRun,
  type CrashLoop,
  type MemoryRun,
  type OomCandidate,
  type PoolKind,
  type PoolResult,
  type StopBehaviour,
  type StopRun,
  type SweepPoint,
} from '../../src/os-model/production.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A number typed into the field `name`, between lo and hi; `whole` asks for an integer.
 * Precondition: none. Never fails (an error value names the field).
 */
export function num(
  text: string,
  name: string,
  lo: number,
  hi: number,
  whole = false,
): Parsed<number> {
  const t = text.trim();
  const v = Number(t);
  const shape = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!shape.test(t) || v < lo || v > hi)
    return {
      ok: false,
      error: `${name} must be a ${whole ? 'whole number' : 'number'} from ${lo} to ${hi}; got “${t}”.`,
    };
  return { ok: true, value: v };
}

/** Runs `f` when every field parsed, or returns the first field's error. */
function all<T>(fields: Parsed<number>[], f: (v: number[]) => T): Parsed<T> {
  for (const p of fields) if (!p.ok) return p;
  return { ok: true, value: f(fields.map((p) => (p as { value: number }).value)) };
}

// ---- Crash loops -----------------------------------------------------------------------------

export type Supervisor = 'systemd' | 'supervisord' | 'kubernetes';
export const SUPERVISORS: Supervisor[] = ['systemd', 'supervisord', 'kubernetes'];
export const SUPERVISOR_LABELS: Record<Supervisor, string> = {
  systemd: 'systemd, Restart=on-failure',
  supervisord: 'supervisord, autorestart=unexpected',
  kubernetes: 'Kubernetes, restartPolicy: Always',
};

export type CrashForm = {
  supervisor: Supervisor;
  runSec: string;
  restartSec: string;
  burst: string;
  interval: string;
  horizon: string;
};

export const CRASH_DEFAULTS: CrashForm = {
  supervisor: 'systemd',
  runSec: '0',
  restartSec: String(SYSTEMD_DEFAULTS.restartSec),
  burst: String(SYSTEMD_DEFAULTS.burst),
  interval: String(SYSTEMD_DEFAULTS.intervalSec),
  horizon: '60',
};

/** The crash loop the form describes. Precondition: none. Never fails. */
export function runCrash(f: CrashForm): Parsed<CrashLoop> {
  const run = num(f.runSec, 'Seconds until it crashes', 0, 3600);
  const horizon = num(f.horizon, 'Seconds to watch', 1, 7200);
  if (f.supervisor === 'systemd')
    return all(
      [
        run,
        horizon,
        num(f.restartSec, 'RestartSec', 0, 600),
        num(f.burst, 'StartLimitBurst', 1, 100, true),
        num(f.interval, 'StartLimitIntervalSec', 0, 3600),
      ],
      ([r, h, restartSec, burst, intervalSec]) =>
        crashLoop(systemdPolicy({ restartSec, burst, intervalSec }), r, h),
    );
  if (f.supervisor === 'supervisord')
    return all([run, horizon], ([r, h]) =>
      crashLoop(supervisordPolicy(SUPERVISORD_DEFAULTS), r, h),
    );
  return all([run, horizon], ([r, h]) => crashLoop(kubePolicy(KUBE_DEFAULTS), r, h));
}

// ---- Graceful shutdown -----------------------------------------------------------------------

export const BEHAVIOUR_LABELS: Record<StopBehaviour, string> = {
  drain: 'Handles SIGTERM: closes its socket, finishes, exits',
  'drain-open': 'Handles SIGTERM but keeps its socket open (gunicorn sync worker)',
  default: 'No handler (or gunicorn QUIT): dies at once',
  'pid1-ignore': 'No handler, running as PID 1 in a container',
};

export type StopForm = { manager: string; behaviour: StopBehaviour; longest: string };
export const STOP_DEFAULTS: StopForm = { manager: 'docker', behaviour: 'drain', longest: '6' };

/** The stop the form describes. Precondition: none. Never fails. */
export function runStop(f: StopForm): Parsed<StopRun> {
  const m = STOP_MANAGERS[f.manager];
  if (!m) return { ok: false, error: `Unknown manager “${f.manager}”.` };
  return all([num(f.longest, 'Longest request (s)', 0, 600)], ([longest]) =>
    gracefulStop(f.behaviour, m, stopWorkload(longest)),
  );
}

// ---- cgroup memory ---------------------------------------------------------------------------

export type MemForm = {
  high: string;
  max: string;
  oomGroup: boolean;
  grow: string;
  adj: string;
};
export const MEM_DEFAULTS: MemForm = { high: '', max: '64', oomGroup: false, grow: '2', adj: '0' };
export const MEM_TICKS = 40;

/**
 * The memory workload of the island: a cache process holding 40 MiB idle, a worker starting at
 * 10 MiB that allocates `grow` MiB per 100 ms tick, and a log shipper with 4 MiB of page cache
 * that reads 1 MiB per tick. Empty high or max fields mean "max". Precondition: none. Never fails.
 */
export function runMemory(f: MemForm): Parsed<MemoryRun> {
  const opt = (t: string, name: string) =>
    t.trim() === '' || t.trim() === 'max'
      ? ({ ok: true, value: -1 } as Parsed<number>)
      : num(t, name, 1, 4096, true);
  return all(
    [
      opt(f.high, 'memory.high (MiB)'),
      opt(f.max, 'memory.max (MiB)'),
      num(f.grow, 'Worker growth (MiB per tick)', 0, 64, true),
      adjField(f.adj, 'oom_score_adj of the worker'),
    ],
    ([high, max, grow, adj]) =>
      memoryRun(
        [
          { pid: 101, name: 'cache', anon: 40, file: 0, grow: 0, read: 0, adj: 0 },
          { pid: 102, name: 'worker', anon: 10, file: 0, grow, read: 0, adj },
          { pid: 103, name: 'shipper', anon: 2, file: 4, grow: 0, read: 1, adj: 0 },
        ],
        { high: high < 0 ? null : high, max: max < 0 ? null : max, oomGroup: f.oomGroup },
        MEM_TICKS,
      ),
  );
}

function adjField(text: string, name: string): Parsed<number> {
  const t = text.trim();
  if (!/^-?\d+$/.test(t) || Number(t) < -1000 || Number(t) > 1000)
    return { ok: false, error: `${name} must be a whole number from -1000 to 1000; got “${t}”.` };
  return { ok: true, value: Number(t) };
}

// ---- cpu.max ---------------------------------------------------------------------------------

export type CpuForm = { quota: string; spinners: string; requestMs: string; pauseMs: string };
export const CPU_DEFAULTS: CpuForm = { quota: '50', spinners: '2', requestMs: '20', pauseMs: '27' };
export const CPU_PERIOD_MS = 100;
export const CPU_CPUS = 2;
export const CPU_DURATION_MS = 5000;

export type CpuResult = {
  limited: CpuMaxRun;
  free: CpuMaxRun;
  p50: [number, number];
  p99: [number, number];
};

/**
 * The cpu.max island: the same group with the quota and without it (2 CPUs, 100 ms period, 5 s).
 * An empty quota field means "max". Precondition: none. Never fails.
 */
export function runCpu(f: CpuForm): Parsed<CpuResult> {
  const q =
    f.quota.trim() === '' || f.quota.trim() === 'max'
      ? ({ ok: true, value: -1 } as Parsed<number>)
      : num(f.quota, 'Quota (ms per 100 ms)', 1, 200);
  return all(
    [
      q,
      num(f.spinners, 'Busy neighbour threads', 0, 8, true),
      num(f.requestMs, 'CPU per request (ms)', 1, 500),
      num(f.pauseMs, 'Pause between requests (ms)', 0, 1000),
    ],
    ([quota, spinners, requestMs, pauseMs]) => {
      const s = {
        cpus: CPU_CPUS,
        periodMs: CPU_PERIOD_MS,
        spinners,
        requestMs,
        pauseMs,
        durationMs: CPU_DURATION_MS,
      };
      const limited = cpuMaxRun({ ...s, quotaMs: quota < 0 ? null : quota });
      const free = cpuMaxRun({ ...s, quotaMs: null });
      return {
        limited,
        free,
        p50: [percentile(limited.latencies, 50), percentile(free.latencies, 50)],
        p99: [percentile(limited.latencies, 99), percentile(free.latencies, 99)],
      };
    },
  );
}

// ---- Who does the OOM killer pick? ------------------------------------------------------------

export type OomRow = { name: string; mib: string; adj: string };
export type OomForm = { limit: string; rows: OomRow[] };
/** The OOM island's presets: a node with Kubernetes pods, and the measured pair (calibration §11b). */
export const OOM_PRESETS: Record<string, { label: string; form: OomForm }> = {
  kube: {
    label: 'A 1 GiB node with Kubernetes pods',
    form: {
      limit: '1024',
      rows: [
        { name: 'postgres (Guaranteed pod)', mib: '600', adj: '-997' },
        { name: 'api (Burstable, requests 256 MiB of 1 GiB)', mib: '250', adj: '750' },
        { name: 'batch (BestEffort pod)', mib: '120', adj: '1000' },
        { name: 'sshd', mib: '8', adj: '-1000' },
      ],
    },
  },
  measured: {
    label: 'The measured pair: 64 MiB limit, A idle at 40 MiB, B growing',
    form: {
      limit: '64',
      rows: [
        { name: 'A (idle)', mib: '40', adj: '0' },
        { name: 'B (allocating)', mib: '24', adj: '0' },
      ],
    },
  },
  adjusted: {
    label: 'The measured pair with oom_score_adj 500 on B',
    form: {
      limit: '64',
      rows: [
        { name: 'A (idle)', mib: '40', adj: '0' },
        { name: 'B (allocating)', mib: '24', adj: '500' },
      ],
    },
  },
};

export const OOM_DEFAULTS: OomForm = {
  limit: '1024',
  rows: [
    { name: 'postgres (Guaranteed pod)', mib: '600', adj: '-997' },
    { name: 'api (Burstable, requests 256 MiB of 1 GiB)', mib: '250', adj: '750' },
    { name: 'batch (BestEffort pod)', mib: '120', adj: '1000' },
    { name: 'sshd', mib: '8', adj: '-1000' },
  ],
};

export type OomVerdict = {
  totalpages: number;
  rows: { pid: number; name: string; rssPages: number; adj: number; badness: number | null }[];
  victim: { pid: number; name: string } | null;
};

/**
 * The OOM killer's choice among the rows (PIDs 1, 2, … in row order) for a kill in a group whose
 * memory.max is `limit` MiB. Precondition: none. Never fails.
 */
export function runOom(f: OomForm): Parsed<OomVerdict> {
  const limit = num(f.limit, 'Memory the kill is for (MiB)', 1, 1048576, true);
  if (!limit.ok) return limit;
  const cands: OomCandidate[] = [];
  for (const [i, r] of f.rows.entries()) {
    const mib = num(r.mib, `Resident MiB of process ${i + 1}`, 0, 1048576, true);
    if (!mib.ok) return mib;
    const adj = adjField(r.adj, `oom_score_adj of process ${i + 1}`);
    if (!adj.ok) return adj;
    cands.push({
      name: r.name,
      pid: i + 1,
      rss: mib.value * PAGES_PER_MIB,
      swap: 0,
      pgtables: 0,
      adj: adj.value,
    });
  }
  const totalpages = limit.value * PAGES_PER_MIB;
  const c = selectVictim(cands, totalpages);
  return {
    ok: true,
    value: {
      totalpages,
      rows: cands.map((p, i) => ({
        pid: p.pid,
        name: p.name,
        rssPages: p.rss,
        adj: p.adj,
        badness: c.scores[i].badness,
      })),
      victim: c.victim ? { pid: c.victim.pid, name: c.victim.name } : null,
    },
  };
}

// ---- Pool sizing -----------------------------------------------------------------------------

export const POOL_KIND_LABELS: Record<PoolKind, string> = {
  static: 'Fixed pool: gunicorn sync, PHP-FPM static, Apache prefork',
  dynamic: 'PHP-FPM pm = dynamic (defaults: start 2, spare 1–3)',
  ondemand: 'PHP-FPM pm = ondemand (fork when a request waits)',
};

export type PoolForm = {
  kind: PoolKind;
  rate: string;
  cpuMs: string;
  ioMs: string;
  cores: string;
  workers: string;
  app: string;
};
export const POOL_DEFAULTS: PoolForm = {
  kind: 'static',
  rate: '80',
  cpuMs: '10',
  ioMs: '40',
  cores: '2',
  workers: '5',
  app: 'gunicorn',
};
export const POOL_DURATION_MS = 20000;
/** The measured time from fork to a gunicorn worker serving again (calibration §11f). */
export const POOL_SPAWN_MS = 42;

export type PoolView = {
  run: PoolResult;
  sweep: SweepPoint[];
  memory: { rssSum: number; pss: number };
  formula: number;
};

/** The pool the form describes, and the sweep over pool sizes. Precondition: none. Never fails. */
export function runPool(f: PoolForm): Parsed<PoolView> {
  const mem = POOL_MEMORY[f.app];
  if (!mem) return { ok: false, error: `Unknown application “${f.app}”.` };
  return all(
    [
      num(f.rate, 'Requests per second', 0.1, 2000),
      num(f.cpuMs, 'CPU per request (ms)', 0, 1000),
      num(f.ioMs, 'Waiting per request (ms)', 0, 5000),
      num(f.cores, 'Cores', 1, 16, true),
      num(f.workers, 'Workers', 1, 64, true),
    ],
    ([rate, cpuMs, ioMs, cores, workers]) => {
      const s = {
        kind: f.kind,
        rate,
        cpuMs,
        ioMs,
        cores,
        workers,
        spawnMs: POOL_SPAWN_MS,
        durationMs: POOL_DURATION_MS,
        seed: 1,
      };
      const formula = 2 * cores + 1;
      return {
        run: poolSizing(s),
        sweep: poolSweep({ ...s, kind: 'static' }, Math.min(24, Math.max(12, 2 * formula))),
        memory: poolMemory(mem, workers),
        formula,
      };
    },
  );
}
