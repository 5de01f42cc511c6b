/**
 * `npm run fuzz:ostep -- --ostep <path to ostep-homework>
 *  [--sim process-run|fork|scheduler|mlfq|lottery|multi]
 *  [--cases N] [--seed S] [--show K]`
 *
 * The differential fuzzer: random flag sets, valid and invalid (bad tokens, edge values), run
 * through OSTEP's Python original (python3, one process per case) and through the port (in this
 * process, the same `*Main` functions `npm run ostep` calls). stdout and the exit code must be
 * byte for byte the same; stderr too, except where the original crashes with a Python traceback
 * (the port's documented divergences print one line instead, ../shared/ostep-spec.md Q9).
 * Reports the number of differences per simulator and the first K with their command lines;
 * exits 1 when there is any. Run by hand; not part of `npm test`.
 *
 * Adding a simulator is one entry in SIMULATORS: the script's path in the checkout, the port's
 * main, a generator of argv, and optionally a test that recognises the port's documented
 * divergences (reported apart, with their command lines).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { OstepOutput } from '../src/os-model/ostep/output.ts';
import { collect } from '../src/os-model/ostep/output.ts';

/** A small seeded generator (mulberry32), so a failing run can be repeated with --seed. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

type Simulator = {
  /** the original, relative to the ostep-homework checkout */
  script: string;
  /** the port, loaded when this simulator is fuzzed */
  main: () => Promise<(argv: string[]) => OstepOutput>;
  /** one random command line; it must not make the original loop for ever */
  generate: (r: Rng) => string[];
  /**
   * True when a difference is one of the port's documented divergences (counted apart, not as a
   * difference).
   */
  documented?: (py: Run, port: Run) => boolean;
};

const seedFlag = (r: Rng): string[] =>
  r.chance(0.7)
    ? ['-s', String(r.pick([0, 1, 2, 7, 42, 99, 123456, -5, r.int(0, 1e6)]))]
    : r.chance(0.5)
      ? ['-s', r.pick(['18446744073709551616', '0x1f', '010', 'x'])]
      : [];

function processRunArgs(r: Rng): string[] {
  const argv = seedFlag(r);
  if (r.chance(0.55)) {
    const items = Array.from({ length: r.int(1, 4) }, () => {
      if (r.chance(0.05)) return r.pick(['5', '1:2:3', '', 'x:50', '3:y', '-1:50']);
      return `${r.int(0, 6)}:${r.pick([0, 100, 50, 30, 70, 33.5, r.int(0, 100)])}`;
    });
    argv.push('-l', items.join(','));
  }
  if (r.chance(0.4)) {
    const procs = Array.from({ length: r.int(1, 3) }, () =>
      Array.from({ length: r.int(1, 4) }, () =>
        r.chance(0.04)
          ? r.pick(['x3', '', 'c', 'cz', 'ix'])
          : r.chance(0.5)
            ? `c${r.int(0, 4)}`
            : 'i',
      ).join(','),
    );
    argv.push('-P', procs.join(':'));
  }
  if (r.chance(0.6))
    argv.push('-L', r.pick(['0', '1', '2', '5', '7', String(r.int(0, 9)), '-1', 'q']));
  if (r.chance(0.4))
    argv.push('-S', r.pick(['SWITCH_ON_IO', 'SWITCH_ON_END', 'SWITCH_ON_END', 'switch_on_io']));
  if (r.chance(0.4))
    argv.push('-I', r.pick(['IO_RUN_LATER', 'IO_RUN_IMMEDIATE', 'IO_RUN_IMMEDIATE', 'NOW']));
  if (r.chance(0.75)) argv.push('-c');
  if (r.chance(0.5)) argv.push('-p');
  if (r.chance(0.02)) argv.push(r.pick(['-z', '--seed', '-h', '--print']));
  return argv;
}

const NAMES = 'abcdefghij';

/**
 * A non-empty action list (an empty -A means random mode, unseeded): mostly valid forks and
 * exits of live processes, sometimes a bad action.
 */
function actionList(r: Rng): string {
  const alive = ['a'];
  let fresh = 1;
  const actions: string[] = [];
  for (let i = r.int(1, 7); i > 0; i--) {
    if (r.chance(0.06)) {
      actions.push(r.pick(['zz+q', 'a+b+c', 'x', ' a+q', 'q-', 'a-b-c', 'k']));
    } else if (r.chance(0.65) && fresh < NAMES.length) {
      const child = NAMES[fresh++];
      actions.push(`${r.pick(alive)}+${child}`);
      alive.push(child);
    } else {
      const x = r.pick(alive);
      actions.push(`${x}-${r.chance(0.1) ? 'junk' : ''}`);
      if (x !== 'a') alive.splice(alive.indexOf(x), 1);
    }
  }
  return actions.join(',');
}

function forkArgs(r: Rng): string[] {
  const argv: string[] = [];
  if (r.chance(0.6)) {
    argv.push('-A', actionList(r));
    if (r.chance(0.3)) argv.push(...seedFlag(r));
  } else {
    // random mode needs a seed: the original leaves the RNG unseeded at -1 (Q-F6)
    argv.push('-s', String(r.int(0, 1000)), '-a', String(r.pick([0, 1, 3, 5, 8, 12, -2])));
  }
  if (r.chance(0.4))
    argv.push('-f', r.pick(['0.7', '0.5', '0.9', '1', '0.2', '0.001', '0.0005', '1e-1', 'x']));
  for (const flag of ['-t', '-F', '-L', '-R', '-c']) if (r.chance(0.35)) argv.push(flag);
  if (r.chance(0.5)) argv.push('-P', r.pick(['basic', 'line1', 'line2', 'fancy', 'weird']));
  if (r.chance(0.02)) argv.push(r.pick(['-z', '-h', '--act']));
  return argv;
}

function schedulerArgs(r: Rng): string[] {
  const argv: string[] = [];
  const policy = r.pick(['FIFO', 'SJF', 'RR', 'RR', 'fifo', 'LOTTERY']);
  argv.push('-p', policy);
  if (r.chance(0.5)) {
    const lens = Array.from({ length: r.int(1, 6) }, () => {
      if (r.chance(0.04)) return r.pick(['x', '', ' 4 ', '1_0', policy === 'SJF' ? 'inf' : 'nan']);
      return String(r.pick([0, 1, 5, 10, 2.5, 0.1, 7.25, r.int(0, 40), r.int(0, 400) / 8]));
    });
    argv.push('-l', lens.join(','));
  } else {
    argv.push(...seedFlag(r), '-j', String(r.int(0, 8)), '-m', String(r.int(1, 30)));
  }
  // a quantum below 1 makes the original's RR loop for ever: only without -c or jobs
  const solve = r.chance(0.75);
  argv.push('-q', String(solve && policy === 'RR' ? r.int(1, 6) : r.int(0, 6)));
  if (solve) argv.push('-c');
  if (r.chance(0.02)) argv.push(r.pick(['-z', '-h', '--pol']));
  return argv;
}

/** A random integer list item: mostly in [lo, hi], now and then an edge or a bad token. */
function listItem(r: Rng, lo: number, hi: number, bad = 0.03): string {
  if (r.chance(bad)) return r.pick(['x', '', ' 3 ', '1_0', '0x4', '2.5', '+2', '-0']);
  return String(r.int(lo, hi));
}

function mlfqArgs(r: Rng): string[] {
  const argv = seedFlag(r);
  if (r.chance(0.5)) {
    // negative start times make the original print IDLE for ever (spec §1.8): never generated
    const jobs = Array.from({ length: r.int(1, 4) }, () => {
      if (r.chance(0.03)) return r.pick(['1,2', '0,5,1,2', 'x,1,1', '', '0,,3']);
      const run = r.chance(0.04) ? r.int(-2, 0) : r.int(1, 40);
      const io = r.chance(0.3) ? 0 : r.chance(0.05) ? -r.int(1, 3) : r.int(1, 12);
      return `${r.chance(0.6) ? 0 : r.int(0, 25)},${run},${io}`;
    });
    argv.push('-l', jobs.join(':'));
  } else {
    if (r.chance(0.8)) argv.push('-j', String(r.int(0, 5)));
    if (r.chance(0.6)) argv.push('-m', String(r.pick([1, 2, 10, 30, 60, r.int(1, 80), 0, -3])));
    if (r.chance(0.5)) argv.push('-M', String(r.pick([1, 2, 3, 5, 10, r.int(1, 15), 0, -2])));
  }
  const levels = r.int(1, 4);
  if (r.chance(0.3)) {
    argv.push('-Q', Array.from({ length: levels }, () => listItem(r, -1, 12, 0.02)).join(','));
  } else {
    if (r.chance(0.6)) argv.push('-n', String(r.chance(0.04) ? r.int(-1, 0) : levels));
    if (r.chance(0.6)) argv.push('-q', String(r.pick([1, 2, 3, 5, 10, r.int(-1, 12)])));
  }
  if (r.chance(0.3)) {
    const n = r.chance(0.9) ? levels : r.int(1, 5);
    argv.push(
      '-A',
      Array.from({ length: n }, () => listItem(r, r.chance(0.1) ? -1 : 1, 4)).join(','),
    );
  }
  if (r.chance(0.3)) argv.push('-a', String(r.pick([1, 2, 3, 0, -1])));
  if (r.chance(0.4)) argv.push('-B', String(r.pick([0, 5, 10, 20, 50, r.int(-3, 60)])));
  // a negative -i files the I/O's end in the past (spec §1.8): never generated
  if (r.chance(0.5)) argv.push('-i', String(r.int(0, 8)));
  if (r.chance(0.3)) argv.push(r.pick(['-S', '--stay', '--st']));
  if (r.chance(0.3)) argv.push(r.pick(['-I', '--iobump', '--io']));
  if (r.chance(0.8)) argv.push('-c');
  if (r.chance(0.02)) argv.push(r.pick(['-z', '-h', '--compute', '--q', 'pos', '-s']));
  return argv;
}

function lotteryArgs(r: Rng): string[] {
  const argv = seedFlag(r);
  if (r.chance(0.5)) {
    const jobs = Array.from({ length: r.int(1, 5) }, () => {
      if (r.chance(0.03)) return r.pick(['5', '1:2:3', 'x:10', '3:', '']);
      const len = r.chance(0.06) ? r.int(-3, 0) : r.int(1, 15);
      const tix = r.chance(0.06) ? r.int(-20, 0) : r.pick([1, 10, 50, 100, r.int(1, 200)]);
      return `${len}:${tix}`;
    });
    argv.push('-l', jobs.join(','));
  } else {
    // -m or -T of -1, 0 or 1 makes the original draw for ever (spec §2.2): never generated
    if (r.chance(0.8)) argv.push('-j', String(r.int(0, 5)));
    if (r.chance(0.6)) argv.push('-m', String(r.pick([2, 3, 10, 20, r.int(2, 40), -5])));
    if (r.chance(0.5)) argv.push('-T', String(r.pick([2, 10, 100, 1000, r.int(2, 300), -50])));
  }
  if (r.chance(0.5)) argv.push('-q', String(r.pick([1, 1, 2, 3, 5, 0, -1])));
  if (r.chance(0.75)) argv.push(r.pick(['-c', '--compute', '--c']));
  if (r.chance(0.02)) argv.push(r.pick(['-z', '-h', '--jobs', '--ma']));
  return argv;
}

function multiArgs(r: Rng): string[] {
  const argv = seedFlag(r);
  // -n ≤ 0 and -r ≤ 0 make the original run for ever (spec §3.8): never generated
  const ncpu = r.int(1, 4);
  const perCpu = r.chance(0.4);
  const names: string[] = [];
  let explicit = false;
  if (r.chance(0.55)) {
    explicit = true;
    const jobs = Array.from({ length: r.int(1, 4) }, (_, i) => {
      if (r.chance(0.03)) return r.pick(['a:1', 'a:b:c', 'q:10:x', '', 'z:1:2:3']);
      const name = r.chance(0.05) && names.length > 0 ? r.pick(names) : 'abcdefgh'[i];
      names.push(name);
      // with -p, run times and working sets of 10 or more (see affinityOk below)
      const low = perCpu ? 10 : 0;
      const run = r.pick([10, 20, 30, 50, 100, r.int(low, 120), r.int(10, 40)]);
      const wset = r.pick([10, 50, 100, 150, 200, r.int(low, 250)]);
      return `${name}:${run}:${wset}`;
    });
    argv.push('-L', jobs.join(','));
  } else {
    const j = r.chance(0.05) ? 0 : r.int(1, 5);
    for (let i = 0; i < j; i++) names.push(String(i));
    argv.push('-j', String(j));
    if (r.chance(0.6)) argv.push('-R', String(r.pick([10, 50, 100, r.int(0, 150)])));
    if (r.chance(0.6)) argv.push('-W', String(r.pick([50, 100, 200, 300, r.int(0, 300)])));
  }
  argv.push('-n', String(ncpu));
  if (perCpu) argv.push('-p');
  // with -p, a job with affinity whose run time or working set equals a CPU number can be
  // stolen by a CPU it may not run on and stay there for ever (spec §3.6, X1): with -p, -A only
  // goes with explicit jobs, whose run times and working sets are then all 10 or more
  const affinityOk = !perCpu || explicit;
  if (names.length > 0 && affinityOk && r.chance(0.3)) {
    const items = Array.from({ length: r.int(1, 2) }, () => {
      if (r.chance(0.04)) return r.pick(['a', 'zz:0', 'a:0:1', 'a:x']);
      const cpus = Array.from({ length: r.int(1, ncpu) }, () =>
        String(r.chance(0.04) ? ncpu : r.int(0, ncpu - 1)),
      );
      return `${r.pick(names)}:${cpus.join('.')}`;
    });
    argv.push('-A', items.join(','));
  }
  if (r.chance(0.6))
    argv.push('-q', String(r.chance(0.02) ? 0 : r.pick([1, 3, 5, 10, r.int(1, 20)])));
  if (r.chance(0.4)) argv.push('-P', String(r.pick([0, 5, 10, 30, r.int(-2, 40)])));
  if (r.chance(0.4)) argv.push('-w', String(r.pick([0, 1, 3, 10, r.int(0, 15)])));
  if (r.chance(0.4)) argv.push('-r', String(r.pick([1, 2, 3, r.int(1, 5)])));
  if (r.chance(0.4)) argv.push('-M', String(r.pick([0, 50, 100, 200, 300, r.int(0, 400), -1])));
  for (const flag of ['-o', '-t', '-T', '-C', '-S']) if (r.chance(0.3)) argv.push(flag);
  if (r.chance(0.8)) argv.push('-c');
  if (r.chance(0.02)) argv.push(r.pick(['-z', '-h', '--trace', '--per', '--rand_order']));
  return argv;
}

const SIMULATORS: Record<string, Simulator> = {
  'process-run': {
    script: 'cpu-intro/process-run.py',
    main: async () => (await import('../src/os-model/ostep/process-run-text.ts')).processRunMain,
    generate: processRunArgs,
  },
  fork: {
    script: 'cpu-api/fork.py',
    main: async () => (await import('../src/os-model/ostep/fork-text.ts')).forkMain,
    generate: forkArgs,
  },
  scheduler: {
    script: 'cpu-sched/scheduler.py',
    main: async () => (await import('../src/os-model/ostep/scheduler-text.ts')).schedulerMain,
    generate: schedulerArgs,
  },
  mlfq: {
    script: 'cpu-sched-mlfq/mlfq.py',
    main: async () => (await import('../src/os-model/ostep/mlfq-text.ts')).mlfqMain,
    generate: mlfqArgs,
  },
  lottery: {
    script: 'cpu-sched-lottery/lottery.py',
    main: async () => (await import('../src/os-model/ostep/lottery-text.ts')).lotteryMain,
    generate: lotteryArgs,
  },
  multi: {
    script: 'cpu-sched-multi/multi.py',
    main: async () => (await import('../src/os-model/ostep/multi-text.ts')).multiMain,
    generate: multiArgs,
  },
};

type Run = { stdout: string; stderr: string; code: number };

/** Runs the original; a run longer than 20 s counts as a hang (code -1). */
function python(script: string, argv: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // optparse lays out -h for $COLUMNS; the port for 80 columns, optparse's default
    const { COLUMNS: _columns, ...env } = process.env;
    const child = spawn('python3', [script, ...argv], {
      env: { ...env, PYTHONIOENCODING: 'utf-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? -1,
      });
    });
  });
}

/** The first difference between the two runs, in a sentence, or null when they agree. */
function difference(py: Run, port: Run): string | null {
  if (py.code !== port.code) return `exit code ${py.code} (Python) vs ${port.code} (port)`;
  if (py.stdout !== port.stdout) {
    const a = py.stdout.split('\n');
    const b = port.stdout.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `stdout line ${i + 1}: ${JSON.stringify(a[i] ?? '<end>')} (Python) vs ${JSON.stringify(b[i] ?? '<end>')} (port)`;
  }
  const crashed = py.stderr.includes('Traceback (most recent call last)');
  if (crashed ? port.stderr === '' : py.stderr !== port.stderr)
    return `stderr ${JSON.stringify(py.stderr.slice(-200))} (Python) vs ${JSON.stringify(port.stderr)} (port)`;
  return null;
}

const shellWord = (a: string): string =>
  /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const checkout = option('--ostep') ?? process.env.OSTEP_HOMEWORK;
  if (!checkout) {
    process.stderr.write(
      'usage: npm run fuzz:ostep -- --ostep <path to ostep-homework> [--sim NAME] [--cases N] [--seed S] [--show K]\n',
    );
    return 2;
  }
  const only = option('--sim');
  if (only !== undefined && !SIMULATORS[only]) {
    process.stderr.write(
      `fuzz:ostep: unknown simulator '${only}' (${Object.keys(SIMULATORS).join(', ')})\n`,
    );
    return 2;
  }
  const cases = Number(option('--cases') ?? 1000);
  const seed = Number(option('--seed') ?? 1);
  const show = Number(option('--show') ?? 5);
  let total = 0;
  for (const [name, sim] of Object.entries(SIMULATORS)) {
    if (only !== undefined && name !== only) continue;
    const script = path.resolve(checkout, sim.script);
    const main = await sim.main();
    const rng = new Rng(seed);
    const argvs = Array.from({ length: cases }, () => sim.generate(rng));
    const found: { argv: string[]; why: string }[] = [];
    const documented: string[][] = [];
    let next = 0;
    // a few Python processes at once; each case is compared as soon as its original returns
    const worker = async (): Promise<void> => {
      while (next < argvs.length) {
        const argv = argvs[next++];
        const py = await python(script, argv);
        const port = collect(main(argv));
        const why = difference(py, port);
        if (why && sim.documented?.(py, port)) documented.push(argv);
        else if (why) found.push({ argv, why });
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const noted = documented.length > 0 ? `, ${documented.length} documented divergences` : '';
    console.log(`${name}: ${cases} cases (seed ${seed}), ${found.length} differences${noted}`);
    for (const argv of documented.slice(0, show))
      console.log(`  documented: python3 ${sim.script} ${argv.map(shellWord).join(' ')}`);
    for (const f of found.slice(0, show))
      console.log(`  python3 ${sim.script} ${f.argv.map(shellWord).join(' ')}\n    ${f.why}`);
    total += found.length;
  }
  return total > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fuzz:ostep: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
