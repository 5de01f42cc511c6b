// Chapter 8's pool-sizing model: a pre-forked pool of single-threaded workers (gunicorn's sync
// workers, PHP-FPM, Apache prefork) behind one listening socket, serving requests that arrive at
// random (a Poisson process, from the seeded PRNG) and each need `cpuMs` of CPU and then `ioMs` of
// waiting (a database, an upstream API). It is stepped 1 ms at a time:
// - a request waits in the listening socket's accept queue until an idle worker accepts it;
// - workers in their CPU phase share the cores equally (each gets min(1, cores / n) ms per ms);
//   the model charges nothing for context switches or cache misses, so it shows where more
//   workers stop helping, not the loss the measurement saw beyond that point (calibration §11e);
// - a worker waiting on I/O uses no CPU;
// - the pool manager: `static` keeps `workers` processes; PHP-FPM's `ondemand` forks one when a
//   request waits and none is idle (up to pm.max_children = `workers`) and ends a worker idle for
//   pm.process_idle_timeout (10 s); `dynamic` starts pm.start_servers (2) and once a second forks
//   while fewer than pm.min_spare_servers (1) are idle, doubling how many it forks each second up
//   to 32, or ends one idle worker while more than pm.max_spare_servers (3) are idle
//   (php-fpm's www.conf defaults and fpm_process_ctl.c). A fork becomes a serving worker after
//   `spawnMs`.
import { nextRandom, seedRng } from '../../kernel/rng.ts';

export type PoolKind = 'static' | 'dynamic' | 'ondemand';
export const POOL_KINDS: PoolKind[] = ['static', 'dynamic', 'ondemand'];

export type PoolSetup = {
  kind: PoolKind;
  /** Requests per second (mean of the Poisson process). */
  rate: number;
  cpuMs: number;
  ioMs: number;
  cores: number;
  /** static: the pool size; dynamic and ondemand: pm.max_children. */
  workers: number;
  /** ms from fork to a worker ready to accept. */
  spawnMs: number;
  /** Simulated ms. */
  durationMs: number;
  seed: number;
};

export type PoolResult = {
  arrived: number;
  completed: number;
  /** Completed per second. */
  throughput: number;
  p50: number;
  p99: number;
  /** Longest the accept queue grew. */
  maxQueue: number;
  /** Requests still waiting when the run ended. */
  waitingAtEnd: number;
  /** CPU busy, as a fraction of cores × duration. */
  cpuUse: number;
  /** Most workers alive at once, and alive at the end. */
  peakWorkers: number;
  endWorkers: number;
  forks: number;
};

/** PHP-FPM's www.conf defaults for pm = dynamic. */
const START_SERVERS = 2;
const MIN_SPARE = 1;
const MAX_SPARE = 3;

type W = {
  phase: 'spawning' | 'idle' | 'cpu' | 'io';
  left: number;
  req: number;
  idleSince: number;
};

/** gunicorn's suggested worker count, (2 × cores) + 1 (its design docs). Precondition: none. Never fails. */
export function gunicornFormula(cores: number): number {
  return 2 * cores + 1;
}

/**
 * One run of the pool. Precondition: rate > 0, cpuMs ≥ 0, ioMs ≥ 0, cores ≥ 1, workers ≥ 1,
 * durationMs ≥ 1. Never fails.
 */
export function poolSizing(s: PoolSetup): PoolResult {
  // Arrival times: exponential gaps with mean 1000 / rate ms.
  let rng = seedRng(s.seed);
  const arrivals: number[] = [];
  for (let t = 0; ;) {
    const [u, next] = nextRandom(rng);
    rng = next;
    t += (-Math.log(1 - u) * 1000) / s.rate;
    if (t >= s.durationMs) break;
    arrivals.push(t);
  }
  const ws: W[] = [];
  const start =
    s.kind === 'static' ? s.workers : s.kind === 'dynamic' ? Math.min(START_SERVERS, s.workers) : 0;
  for (let i = 0; i < start; i++) ws.push({ phase: 'idle', left: 0, req: -1, idleSince: 0 });
  const queue: number[] = []; // request indexes
  const lat: number[] = [];
  let next = 0;
  let maxQueue = 0;
  let cpuBusy = 0;
  let peak = ws.length;
  let forks = 0;
  let spawnRate = 1;
  const EPS = 1e-9;
  for (let ms = 0; ms < s.durationMs; ms++) {
    while (next < arrivals.length && arrivals[next] < ms + 1) queue.push(next++);
    // idle workers accept, oldest request first
    for (const w of ws)
      if (w.phase === 'idle' && queue.length > 0) {
        w.req = queue.shift()!;
        w.phase = s.cpuMs > 0 ? 'cpu' : 'io';
        w.left = s.cpuMs > 0 ? s.cpuMs : s.ioMs;
      }
    // the pool manager (after the idle workers have accepted)
    if (s.kind === 'ondemand') {
      const starting = ws.filter((w) => w.phase === 'spawning').length;
      let want = queue.length - starting;
      while (want > 0 && ws.length < s.workers) {
        ws.push({ phase: 'spawning', left: s.spawnMs, req: -1, idleSince: ms });
        forks++;
        want--;
      }
      for (let i = ws.length - 1; i >= 0; i--)
        if (ws[i].phase === 'idle' && ms - ws[i].idleSince >= 10000) ws.splice(i, 1);
    } else if (s.kind === 'dynamic' && ms % 1000 === 0 && ms > 0) {
      // fpm_pctl_perform_idle_server_maintenance(), once a second
      const idle = ws.filter((w) => w.phase === 'idle').length;
      if (idle < MIN_SPARE) {
        const fork = Math.min(spawnRate, MIN_SPARE - idle, s.workers - ws.length);
        for (let i = 0; i < fork; i++)
          ws.push({ phase: 'spawning', left: s.spawnMs, req: -1, idleSince: ms });
        forks += Math.max(0, fork);
        spawnRate = ws.length >= s.workers ? 1 : Math.min(32, spawnRate * 2);
      } else {
        spawnRate = 1;
        if (idle > MAX_SPARE) ws.splice(ws.map((w) => w.phase).lastIndexOf('idle'), 1);
      }
    }
    peak = Math.max(peak, ws.length);
    maxQueue = Math.max(maxQueue, queue.length);
    // one ms of work
    const oncpu = ws.filter((w) => w.phase === 'cpu');
    const share = oncpu.length === 0 ? 0 : Math.min(1, s.cores / oncpu.length);
    cpuBusy += share * oncpu.length;
    for (const w of ws) {
      if (w.phase === 'spawning') {
        if (--w.left <= 0) {
          w.phase = 'idle';
          w.idleSince = ms + 1;
        }
      } else if (w.phase === 'cpu') {
        w.left -= share;
        if (w.left <= EPS) {
          w.phase = 'io';
          w.left = s.ioMs;
          if (w.left <= 0) finish(w, ms);
        }
      } else if (w.phase === 'io') {
        if (--w.left <= EPS) finish(w, ms);
      }
    }
  }
  function finish(w: W, ms: number) {
    lat.push(ms + 1 - arrivals[w.req]);
    w.phase = 'idle';
    w.req = -1;
    w.idleSince = ms + 1;
  }
  const sorted = [...lat].sort((a, b) => a - b);
  const pct = (q: number) =>
    sorted.length === 0 ? NaN : sorted[Math.max(1, Math.ceil((q / 100) * sorted.length)) - 1];
  return {
    arrived: arrivals.length,
    completed: lat.length,
    throughput: (lat.length * 1000) / s.durationMs,
    p50: Math.round(pct(50)),
    p99: Math.round(pct(99)),
    maxQueue,
    waitingAtEnd: queue.length,
    cpuUse: cpuBusy / (s.cores * s.durationMs),
    peakWorkers: peak,
    endWorkers: ws.length,
    forks,
  };
}

/** One point of a sweep over the pool size. */
export type SweepPoint = {
  workers: number;
  throughput: number;
  p50: number;
  p99: number;
  cpuUse: number;
};

/**
 * The same workload with 1, 2, … `maxWorkers` workers (the chart of the pool-sizing island).
 * Precondition: as poolSizing, maxWorkers ≥ 1. Never fails.
 */
export function poolSweep(s: PoolSetup, maxWorkers: number): SweepPoint[] {
  return Array.from({ length: maxWorkers }, (_, i) => {
    const r = poolSizing({ ...s, workers: i + 1 });
    return { workers: i + 1, throughput: r.throughput, p50: r.p50, p99: r.p99, cpuUse: r.cpuUse };
  });
}

/** Per-process memory of a pool, measured (calibration §11d, §11h), in kB. */
export type PoolMemory = {
  label: string;
  /** What a worker shows in ps/top's RSS column. */
  workerRss: number;
  /** The master's RSS. */
  masterRss: number;
  /** Master + workers' PSS = base + n × perWorker (fitted to the measured totals). */
  base: number;
  perWorker: number;
};

export const POOL_MEMORY: Record<string, PoolMemory> = {
  // gunicorn 20.1.0 sync, trivial app, no preload: total PSS 29,394 kB with 1 worker and
  // 51,024 kB with 8: (51,024 − 29,394) / 7 = 3,090 kB per worker, base 26,304 kB.
  gunicorn: {
    label: 'gunicorn sync worker, small app',
    workerRss: 25150,
    masterRss: 29000,
    base: 26304,
    perWorker: 3090,
  },
  // gunicorn with --preload, a 39 MB app, after every worker walked its objects: 1 worker
  // 97,376 kB, 8 workers 296,262 kB: 28,412 kB per worker, base 68,964 kB.
  preload: {
    label: 'gunicorn --preload, 39 MB app, after use',
    workerRss: 68390,
    masterRss: 72000,
    base: 68964,
    perWorker: 28412,
  },
  // php-fpm 8.2 static, 5 idle children: master PSS 12,153–12,374 kB, each child PSS ≈ 1,380 kB.
  phpfpm: {
    label: 'PHP-FPM 8.2 child, idle',
    workerRss: 8460,
    masterRss: 21180,
    base: 12260,
    perWorker: 1380,
  },
};

/**
 * The memory of a pool of `n` workers: the sum of RSS a reader would add up from `ps`, and the
 * real total (PSS), in kB. Precondition: n ≥ 0. Never fails.
 */
export function poolMemory(m: PoolMemory, n: number): { rssSum: number; pss: number } {
  return { rssSum: m.masterRss + n * m.workerRss, pss: m.base + n * m.perWorker };
}
