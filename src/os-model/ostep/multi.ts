// OSTEP cpu-sched-multi/multi.py as data: the command line read into a setup (the jobs, their
// affinity, the queues) or the message the original stops with, and the simulation as one row
// per tick plus per-CPU statistics (../shared/ostep-spec-2.md §3). multi-text.ts prints them byte
// for byte as the original does.
//
// This is a model of its own, not a client of the kernel, because what multi.py simulates is
// what the kernel leaves out: a cache per CPU that a job warms by running there (warm-up time,
// a size that evicts the least recently warmed working set), progress at a warm rate of more
// than one unit per tick, one queue per CPU with work stealing ("peeking") between them, and
// affinity lists. The kernel has one ready queue, no caches, and a task advances one
// instruction per tick whatever CPU it is on; bending it to run two units in a tick, or to keep
// a queue per CPU, would change the kernel for every chapter to serve one homework.
//
// Randomness is Python 3's (multi.py draws with random.choice and random.shuffle, which use
// randbelow, not random(); §0.3, §3.9): `randbelow`, `choice` and `shuffle` below, on the MT19937
// generator of mt19937.ts.
//
// Divergences (spec verdict D): where the original crashes with a traceback (-q 0, a peek with
// one CPU, a warm cache with a negative -M, a non-integer in -L or -A) it prints what the
// original printed before, then one line on stderr, exit 1. Where it runs for ever (no CPU with
// jobs to run; no job making progress for NO_PROGRESS ticks, as with -r ≤ 0 once caches are warm
// or a job stranded by the stealing bug) the output stops there, with a line on stderr and exit
// 1. Integers in -L and -A beyond 2^53 are refused.
import { PyRandom } from './mt19937.ts';
import { parseArgs, type OptSpec } from './optparse.ts';
import { pyInt } from './pyfmt.ts';

const MULTI_OPTIONS: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: 0, big: true },
  { short: '-j', long: '--job_num', dest: 'job_num', kind: 'int', default: 3 },
  { short: '-R', long: '--max_run', dest: 'max_run', kind: 'int', default: 100 },
  { short: '-W', long: '--max_wset', dest: 'max_wset', kind: 'int', default: 200 },
  { short: '-L', long: '--job_list', dest: 'job_list', kind: 'string', default: '' },
  { short: '-p', long: '--per_cpu_queues', dest: 'per_cpu_queues', kind: 'flag', default: false },
  { short: '-A', long: '--affinity', dest: 'affinity', kind: 'string', default: '' },
  { short: '-n', long: '--num_cpus', dest: 'num_cpus', kind: 'int', default: 2 },
  { short: '-q', long: '--quantum', dest: 'time_slice', kind: 'int', default: 10 },
  { short: '-P', long: '--peek_interval', dest: 'peek_interval', kind: 'int', default: 30 },
  { short: '-w', long: '--warmup_time', dest: 'warmup_time', kind: 'int', default: 10 },
  { short: '-r', long: '--warm_rate', dest: 'warm_rate', kind: 'int', default: 2 },
  { short: '-M', long: '--cache_size', dest: 'cache_size', kind: 'int', default: 100 },
  { short: '-o', long: '--rand_order', dest: 'random_order', kind: 'flag', default: false },
  { short: '-t', long: '--trace', dest: 'trace', kind: 'flag', default: false },
  { short: '-T', long: '--trace_time_left', dest: 'trace_time_left', kind: 'flag', default: false },
  { short: '-C', long: '--trace_cache', dest: 'trace_cache', kind: 'flag', default: false },
  { short: '-S', long: '--trace_sched', dest: 'trace_sched', kind: 'flag', default: false },
  { short: '-c', long: '--compute', dest: 'solve', kind: 'flag', default: false },
];

/** Ticks without any job making progress after which the run is declared endless. */
export const NO_PROGRESS = 100_000;

// -- Python 3's random.choice / random.shuffle --------------------------------------------------

/** Python's `random._randbelow(n)` (getrandbits rejection sampling). Precondition: n ≥ 1. */
export function randbelow(rng: PyRandom, n: number): number {
  const k = 32 - Math.clz32(n); // n.bit_length(), n < 2**32
  for (;;) {
    const r = rng.genrandUint32() >>> (32 - k);
    if (r < n) return r;
  }
}

/** Python 3's `random.shuffle(list)`, in place. */
export function shuffle<T>(rng: PyRandom, list: T[]): void {
  for (let i = list.length - 1; i >= 1; i--) {
    const j = randbelow(rng, i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
}

// -- The command line -----------------------------------------------------------------------------

/** The values multi.py echoes as ARG lines (spec §3.2), in order, as converted. */
export type MultiArgs = [label: string, value: string | number | bigint | boolean][];

/** A job (spec §3.3). */
export type MultiJob = { name: string; run: number; wset: number; affinity: number[] };

/** Where multi.py stops before simulating, with the original's own message (exit 1). */
export type MultiStop =
  | { kind: 'bad-job'; flag: '-L'; token: string }
  | { kind: 'repeated-name'; flag: '-L'; token: string }
  | { kind: 'bad-affinity'; flag: '-A'; token: string }
  | { kind: 'unknown-job'; flag: '-A'; token: string }
  | { kind: 'bad-cpu'; flag: '-A'; token: string; cpu: number }
  /** the original crashes (a traceback): our sentence */
  | { kind: 'crash'; flag: '-L' | '-A' | '-n'; token: string; message: string };

/** A command line multi.py accepts, up to where it stops if it does. */
export type MultiSetup = {
  args: MultiArgs;
  /** the jobs printed, in order (for a stop in -L: those before the bad item) */
  jobs: MultiJob[];
  /** why the original stops after printing the jobs, or null */
  stop: MultiStop | null;
  perCpu: boolean;
  ncpu: number;
  quantum: number;
  peek: number;
  warmup: number;
  warmRate: number;
  cacheSize: number;
  randomOrder: boolean;
  /** any of -t -T -C -S */
  trace: boolean;
  traceLeft: boolean;
  traceCache: boolean;
  traceSched: boolean;
  solve: boolean;
  rng: PyRandom;
};

export type MultiCommand =
  | { kind: 'help' }
  | { kind: 'error'; error: { kind: 'usage'; message: string } }
  | { kind: 'run'; setup: MultiSetup };

/** The random job list (spec §3.3): two draws per job. */
function randomJobs(rng: PyRandom, n: number, maxRun: number, maxWset: number): string {
  const items: string[] = [];
  for (let j = 0; j < n; j++) {
    const run = Math.trunc((rng.random() * maxRun) / 10.0) * 10;
    const wset = Math.trunc((rng.random() * maxWset) / 10.0) * 10;
    items.push(`${j}:${run}:${wset}`);
  }
  return items.join(',');
}

/** Reads the jobs and the affinity list; returns the jobs read and where it stopped, if it did. */
function readJobs(
  list: string,
  affinity: string,
  ncpu: number,
): { jobs: MultiJob[]; stop: MultiStop | null } {
  const jobs: MultiJob[] = [];
  const byName = new Map<string, MultiJob>();
  for (const item of list.split(',')) {
    const f = item.split(':');
    if (f.length !== 3) return { jobs, stop: { kind: 'bad-job', flag: '-L', token: item } };
    const run = pyInt(f[1]);
    const wset = pyInt(f[2]);
    if (run === null || wset === null) {
      const token = run === null ? f[1] : f[2];
      const message = `-L item ${JSON.stringify(item)}: ${JSON.stringify(token)} is not an integer`;
      return { jobs, stop: { kind: 'crash', flag: '-L', token, message } };
    }
    const job = { name: f[0], run, wset, affinity: [] };
    jobs.push(job);
    if (byName.has(f[0])) return { jobs, stop: { kind: 'repeated-name', flag: '-L', token: f[0] } };
    byName.set(f[0], job);
  }
  if (affinity !== '') {
    for (const item of affinity.split(',')) {
      const f = item.split(':');
      if (f.length !== 2)
        return { jobs, stop: { kind: 'bad-affinity', flag: '-A', token: affinity } };
      const job = byName.get(f[0]);
      if (!job) return { jobs, stop: { kind: 'unknown-job', flag: '-A', token: f[0] } };
      for (const part of f[1].split('.')) {
        const cpu = pyInt(part);
        if (cpu === null) {
          const message = `-A item ${JSON.stringify(item)}: CPU ${JSON.stringify(part)} is not an integer`;
          return { jobs, stop: { kind: 'crash', flag: '-A', token: part, message } };
        }
        job.affinity.push(cpu);
        if (cpu < 0 || cpu >= ncpu)
          return { jobs, stop: { kind: 'bad-cpu', flag: '-A', token: affinity, cpu } };
      }
    }
  }
  return { jobs, stop: null };
}

/** `multi.py <argv>` read as the original reads it (spec §3.1-3.3). Never throws. */
export function parseMulti(argv: readonly string[]): MultiCommand {
  const parsed = parseArgs(argv, MULTI_OPTIONS);
  if (!parsed.ok) return { kind: 'error', error: { kind: 'usage', message: parsed.error } };
  if (parsed.help) return { kind: 'help' };
  const o = parsed.opts;
  const args: MultiArgs = [
    ['seed', o.seed as number | bigint],
    ['job_num', o.job_num as number],
    ['max_run', o.max_run as number],
    ['max_wset', o.max_wset as number],
    ['job_list', o.job_list as string],
    ['affinity', o.affinity as string],
    ['per_cpu_queues', o.per_cpu_queues as boolean],
    ['num_cpus', o.num_cpus as number],
    ['quantum', o.time_slice as number],
    ['peek_interval', o.peek_interval as number],
    ['warmup_time', o.warmup_time as number],
    ['cache_size', o.cache_size as number],
    ['random_order', o.random_order as boolean],
    ['trace', o.trace as boolean],
    ['trace_time', o.trace_time_left as boolean],
    ['trace_cache', o.trace_cache as boolean],
    ['trace_sched', o.trace_sched as boolean],
    ['compute', o.solve as boolean],
  ];
  const rng = new PyRandom(o.seed as number | bigint);
  const ncpu = o.num_cpus as number;
  let list = o.job_list as string;
  if (list === '')
    list = randomJobs(rng, o.job_num as number, o.max_run as number, o.max_wset as number);
  const { jobs, stop } = readJobs(list, o.affinity as string, ncpu);
  const traceLeft = o.trace_time_left as boolean;
  const traceCache = o.trace_cache as boolean;
  const traceSched = o.trace_sched as boolean;
  return {
    kind: 'run',
    setup: {
      args,
      jobs,
      stop,
      perCpu: o.per_cpu_queues as boolean,
      ncpu,
      quantum: o.time_slice as number,
      peek: o.peek_interval as number,
      warmup: o.warmup_time as number,
      warmRate: o.warm_rate as number,
      cacheSize: o.cache_size as number,
      randomOrder: o.random_order as boolean,
      trace: (o.trace as boolean) || traceLeft || traceCache || traceSched,
      traceLeft,
      traceCache,
      traceSched,
      solve: o.solve as boolean,
      rng,
    },
  };
}

/** The starting queues (spec §3.4): one central queue, or one per CPU dealt round robin. */
export type MultiQueues = { central: string[] } | { perCpu: string[][] };

/**
 * The queues before the first tick, or null when the original deals jobs for ever (per-CPU
 * queues and no CPU). Precondition: setup.stop is null. Never throws.
 */
export function startQueues(setup: MultiSetup): MultiQueues | null {
  const names = setup.jobs.map((j) => j.name);
  if (!setup.perCpu) return { central: names };
  if (setup.ncpu <= 0) return null;
  const queues: string[][] = Array.from({ length: setup.ncpu }, () => []);
  const pending = [...setup.jobs];
  while (pending.length > 0) {
    for (let cpu = 0; cpu < setup.ncpu; cpu++) {
      const i = pending.findIndex((j) => j.affinity.length === 0 || j.affinity.includes(cpu));
      if (i >= 0) queues[cpu].push(pending.splice(i, 1)[0].name);
    }
  }
  return { perCpu: queues };
}

// -- The simulation -----------------------------------------------------------------------------

/** What one CPU shows in a trace row (spec §3.6 step 4). */
export type CpuCell = {
  /** the job that ran, or null (idle) */
  job: string | null;
  /** its time left after this tick */
  left: number;
  /** one character per job, in job order: 'w' when warm in this CPU's cache after the tick */
  cache: string;
  /** the original crashed in the middle of this cell (after the time left) */
  cut?: boolean;
};

/** One tick (spec §3.6). */
export type MultiRow = {
  t: number;
  /** the timer interrupt fired at the start of this tick (a dashed line before the row) */
  interrupt: boolean;
  /** one cell per CPU, in CPU order (fewer when the original crashed during the tick) */
  cells: CpuCell[];
  /** the queues after the tick: one per CPU, or the central one */
  queues: string[][];
  /** false when the original crashed during this tick (the row stops after its cells) */
  complete: boolean;
};

/** Per-CPU figures (spec §3.7). */
export type CpuStat = { cpu: number; ran: number; ranWarm: number };

export type MultiEnd =
  | { kind: 'done'; now: number; stats: CpuStat[] }
  /** the original crashes here (a traceback), or would run for ever: our sentence */
  | { kind: 'crash' | 'forever'; message: string };

/** A CPU's cache (spec §3.5). */
class Cache {
  /** warm jobs, most recent first */
  readonly warm: string[] = [];
  readonly warming: string[] = [];
  readonly counter = new Map<string, number>();
  private readonly size: number;
  private readonly warmup: number;
  private readonly wset: Map<string, number>;
  constructor(size: number, warmup: number, wset: Map<string, number>) {
    this.size = size;
    this.warmup = warmup;
    this.wset = wset;
  }

  /** Moves warm jobs out, last first, until the rest fit. False where the original crashes. */
  private shrink(): boolean {
    let total = 0;
    for (const j of this.warm) total += this.wset.get(j)!;
    while (total > this.size) {
      const gone = this.warm.pop();
      if (gone === undefined) return false;
      this.warming.push(gone);
      this.counter.set(gone, this.warmup);
      total -= this.wset.get(gone)!;
    }
    return true;
  }

  /** A CPU takes the job. False where the original crashes. */
  place(job: string): boolean {
    if (this.warm.includes(job) || this.warming.includes(job)) return true;
    if (this.warmup === 0) {
      this.warm.unshift(job);
      return this.shrink();
    }
    this.warming.push(job);
    this.counter.set(job, this.warmup);
    return true;
  }

  /** The job ran a tick here. False where the original crashes. */
  ran(job: string): boolean {
    const i = this.warming.indexOf(job);
    if (i < 0) return true;
    const c = this.counter.get(job)! - 1;
    this.counter.set(job, c);
    if (c > 0) return true;
    this.warming.splice(i, 1);
    this.warm.unshift(job);
    return this.shrink();
  }
}

/**
 * multi.py's simulation, one row per tick (produced whether or not the original traces), then
 * the statistics. Precondition: setup.stop is null and `queues` is startQueues(setup) (not null);
 * `setup.rng` is where parseMulti left it. Never throws.
 */
export function* multiRun(
  setup: MultiSetup,
  queues: MultiQueues,
): Generator<MultiRow, MultiEnd, void> {
  const n = setup.ncpu;
  const jobs = setup.jobs;
  // the first tick divides by the quantum, whatever else happens
  if (setup.quantum === 0)
    return { kind: 'crash', message: '-q 0: the original divides the time by a quantum of 0' };
  if (n <= 0)
    return {
      kind: 'forever',
      message: `-n ${n} leaves no CPU to run the jobs, so they never finish`,
    };
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const wset = new Map(jobs.map((j) => [j.name, j.wset]));
  const left = new Map(jobs.map((j) => [j.name, j.run]));
  const queueOf: string[][] =
    'central' in queues ? Array.from({ length: n }, () => queues.central) : queues.perCpu;
  const caches = Array.from({ length: n }, () => new Cache(setup.cacheSize, setup.warmup, wset));
  const current: (string | null)[] = Array.from({ length: n }, () => null);
  const stats: CpuStat[] = Array.from({ length: n }, (_, cpu) => ({ cpu, ran: 0, ranWarm: 0 }));
  const allowed = (name: string, cpu: number): boolean => {
    const a = byName.get(name)!.affinity;
    return a.length === 0 || a.includes(cpu);
  };
  const cacheLine = (cpu: number): string =>
    jobs.map((j) => (caches[cpu].warm.includes(j.name) ? 'w' : ' ')).join('');
  const shownQueues = (): string[][] =>
    'central' in queues ? [[...queues.central]] : queues.perCpu.map((q) => [...q]);
  const q = setup.quantum;
  const cut = (t: number, interrupt: boolean, cells: CpuCell[]): MultiRow => ({
    t,
    interrupt,
    cells,
    queues: [],
    complete: false,
  });
  let finished = 0;
  let idleTicks = 0;
  let now = 0;
  for (; finished < jobs.length; now++) {
    // 1. the timer interrupt
    const interrupt = now % q === 0 && now > 0;
    if (interrupt)
      for (let cpu = 0; cpu < n; cpu++) {
        const job = current[cpu];
        if (job === null) continue;
        current[cpu] = null;
        queueOf[cpu].push(job);
      }
    // 2. stealing
    if (setup.perCpu && setup.peek > 0 && now > 0 && now % setup.peek === 0) {
      for (let cpu = 0; cpu < n; cpu++) {
        if (queueOf[cpu].length !== 0) continue;
        const others = [...Array(n).keys()].filter((c) => c !== cpu);
        if (others.length === 0) {
          yield cut(now, interrupt, []);
          return {
            kind: 'crash',
            message: `at time ${now} CPU 0's queue is empty and there is no other CPU to peek at (random.choice of an empty list)`,
          };
        }
        const victim = others[randbelow(setup.rng, others.length)];
        // X1: multi.py tests `cpu in job`, the job's fields, not its affinity list
        const i = queueOf[victim].findIndex((name) => {
          const j = byName.get(name)!;
          return j.affinity.length === 0 || j.run === cpu || j.wset === cpu;
        });
        if (i >= 0) queueOf[cpu].push(queueOf[victim].splice(i, 1)[0]);
      }
    }
    // 3. assigning jobs to idle CPUs
    const order = [...Array(n).keys()];
    if (setup.randomOrder) shuffle(setup.rng, order);
    for (const cpu of order) {
      if (current[cpu] !== null) continue;
      const queue = queueOf[cpu];
      const i = queue.findIndex((name) => allowed(name, cpu));
      if (i < 0) continue;
      const job = queue.splice(i, 1)[0];
      current[cpu] = job;
      if (!caches[cpu].place(job)) {
        yield cut(now, interrupt, []);
        return { kind: 'crash', message: negativeCache(setup.cacheSize) };
      }
    }
    // 4. running
    const cells: CpuCell[] = [];
    let progress = false;
    for (let cpu = 0; cpu < n; cpu++) {
      const job = current[cpu];
      if (job === null) {
        cells.push({ job: null, left: 0, cache: cacheLine(cpu) });
        continue;
      }
      const rate = caches[cpu].warm.includes(job) ? setup.warmRate : 1;
      stats[cpu].ran++;
      if (rate > 1) stats[cpu].ranWarm++;
      const before = left.get(job)!;
      const after = Math.max(0, before - rate);
      if (after < before || after <= 0) progress = true;
      left.set(job, after);
      if (!caches[cpu].ran(job)) {
        cells.push({ job, left: after, cache: '', cut: true });
        yield cut(now, interrupt, cells);
        return { kind: 'crash', message: negativeCache(setup.cacheSize) };
      }
      if (after <= 0) {
        current[cpu] = null;
        finished++;
      }
      cells.push({ job, left: after, cache: cacheLine(cpu) });
    }
    yield { t: now, interrupt, cells, queues: shownQueues(), complete: true };
    idleTicks = progress ? 0 : idleTicks + 1;
    if (idleTicks >= NO_PROGRESS && finished < jobs.length)
      return {
        kind: 'forever',
        message: `no job has made progress for ${NO_PROGRESS} ticks (time ${now + 1}), so the original would run for ever`,
      };
  }
  return { kind: 'done', now, stats };
}

const negativeCache = (size: number): string =>
  `a cache of size ${size} cannot hold even an empty set of jobs, and the original fails evicting from an empty cache`;
