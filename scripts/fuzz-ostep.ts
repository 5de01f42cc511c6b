/**
 * `npm run fuzz:ostep -- --ostep <path to ostep-homework> [--sim process-run|fork|scheduler]
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
 * Adding a simulator (mlfq, lottery, multi, x86) is one entry in SIMULATORS: the script's path
 * in the checkout, the port's main, and a generator of argv.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OstepOutput } from '../src/os-model/ostep/output.ts';

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
  /** called once with the checkout before any case is generated (x86 writes its programs) */
  prepare?: (checkout: string) => void;
  /** what both stdouts are compared as (x86 -S masks its measured rate) */
  normalize?: (stdout: string) => string;
  /** how long the original may run before it counts as a hang (default 20 s) */
  timeoutMs?: number;
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

// ---------------------------------------------------------------------------------------------
// x86.py: random programs in the dialect's own instructions, written to files, plus OSTEP's
// programs from the checkout; random flags around them.

/** Where the random programs are written (a fresh temporary folder per run). */
let x86Dir = '';
/** OSTEP's own programs, per dialect, with the flags that make them halt. */
const ostepPrograms: Record<'intro' | 'locks', { file: string; argv: (r: Rng) => string[] }[]> = {
  intro: [],
  locks: [],
};

const X86_MEM = ['2000', '2004', '2008', '3000'];
const X86_VARS = ['a', 'b', 'count'];

/** One random program (spec §4.3–4.5), which halts unless `r` makes it loop through a ret. */
function x86Program(r: Rng, dialect: 'intro' | 'locks'): string {
  const locks = dialect === 'locks';
  const vars = X86_VARS.filter(() => r.chance(0.5));
  // dx is the loop counter: random instructions never write it
  const regs = locks ? ['ax', 'bx', 'cx', 'ex', 'fx'] : ['ax', 'bx', 'cx'];
  const anyReg = (): string =>
    `%${r.chance(0.9) ? r.pick(regs) : r.pick(['dx', 'sp', 'bp', 'zero'])}`;
  const dst = (): string => `%${r.chance(0.95) ? r.pick(regs) : r.pick(['bp', 'zero'])}`;
  const imm = (): string =>
    locks && r.chance(0.3) ? `$${r.pick(['-', ''])}${r.int(0, 40)}` : `$${r.int(0, 9)}`;
  const mem = (): string => {
    const k = r.next();
    if (k < 0.45) return r.pick(X86_MEM);
    if (k < 0.65 && vars.length > 0) return r.pick(vars);
    if (k < 0.8) return `${r.pick(['', '4', '8', '-4'])}(%${r.pick(['bx', 'cx'])})`;
    if (locks && k < 0.95)
      return `${r.pick(['', '2000', '8'])}(${r.pick(['%bx', '', '%cx'])},${r.pick(['%cx', '%bx', ''])}${r.chance(0.5) ? `,${r.pick([1, 2, 4])}` : ''})`;
    return r.pick(['2000(%bx,%cx)', '-(%ax)', '2000(%ax)', ' 2000 ', '1_0']);
  };
  const labels: string[] = [];
  let fresh = 0;
  const lines: string[] = [];
  if (r.chance(0.3)) lines.push('# a generated program');
  for (const v of vars)
    lines.push(locks && r.chance(0.3) ? `.var ${v} ${r.int(1, 3)}` : `.var ${v}`);
  lines.push('.main');
  const forward: string[] = [];
  const instr = (): string => {
    const k = r.int(0, 27);
    switch (k) {
      case 0:
      case 1:
        return `mov ${imm()}, ${dst()}`;
      case 2:
        return `mov ${anyReg()}, ${dst()}`;
      case 3:
      case 4:
        return `mov ${mem()}, ${dst()}`;
      case 5:
      case 6:
        return `mov ${anyReg()}, ${mem()}`;
      case 7:
        return `mov ${imm()}, ${mem()}`;
      case 8:
      case 9:
        return `${r.pick(['add', 'sub'])} ${imm()}, ${dst()}`;
      case 10:
        return `${r.pick(['add', 'sub'])} ${anyReg()}, ${dst()}`;
      case 11:
      case 12:
        return r.pick([
          `test ${imm()}, ${anyReg()}`,
          `test ${anyReg()}, ${anyReg()}`,
          `test ${anyReg()}, ${imm()}`,
        ]);
      case 13:
      case 14: {
        const l = `.f${fresh++}`;
        forward.push(l);
        return `${r.pick(['j', 'jne', 'je', 'jlt', 'jlte', 'jgt', 'jgte'])} ${l}`;
      }
      case 15:
        return `xchg ${dst()}, ${mem()}`;
      case 16:
        return `fetchadd ${dst()}, ${mem()}`;
      case 17:
        return r.chance(0.6) ? `push ${anyReg()}` : `push ${mem()}`;
      case 18:
        return r.chance(0.5) ? 'pop' : `pop ${dst()}`;
      case 19:
        return r.pick(['nop', 'yield', 'rdump', 'nop # nothing']);
      case 20:
        return `mdump ${r.pick([...X86_MEM, '0', '100', '-4'])}`;
      case 21:
        return r.chance(0.5) ? 'call .sub' : `${r.pick(['push %ax', 'pop'])}`;
      case 22:
        return locks
          ? r.pick([`lea ${mem()}, ${dst()}`, `neg ${dst()}`, `mul ${imm()}, ${dst()}`])
          : 'nop';
      case 23:
        return locks ? `mul ${anyReg()}, ${dst()}` : `mov ${mem()},${dst()}`;
      default: {
        // rare: what the original refuses or crashes on
        if (!r.chance(0.25)) return `mov ${imm()}, ${dst()}`;
        return r.pick([
          'mov $10, %ax',
          'mov 2000, 2004',
          'mov $1, $2',
          'mov %ax',
          'add 2000, %ax',
          'sub %ax, 2000',
          'test 2000, %ax',
          'xchg 2000, %ax',
          'fetchadd $1, 2000',
          'push $1',
          'pop 2000',
          'j 2000',
          'jne .nowhere',
          'call %ax',
          'ret %ax',
          'mov %ex, %ax',
          'mov undeclared, %ax',
          'mov $x, %ax',
          'mov 2000(%bx,%cx), %ax',
          'mov 20(%ax)(%bx), %cx',
          'mov _a, %ax',
          '  .indented',
          'mov 1, %ax # one # two',
          'MOV $1, %ax',
          'lea 2000, %ax',
          'neg',
          'mul 2000, %ax',
          'mov (%ax, %bx, 4), %cx',
          'mov ((%ax)), %cx',
          'mov $-, %ax',
          'mdump',
          'push',
          'mov ,%ax',
        ]);
      }
    }
  };
  const body = (n: number): void => {
    for (let i = 0; i < n; i++) {
      if (forward.length > 0 && r.chance(0.3)) lines.push(forward.shift() as string);
      lines.push(instr());
    }
  };
  body(r.int(1, 6));
  if (r.chance(0.5)) {
    // a bounded loop on dx
    lines.push(`mov $${r.int(0, 4)}, %dx`);
    const top = `.top${labels.length}`;
    labels.push(top);
    lines.push(top);
    body(r.int(1, 5));
    lines.push('sub $1, %dx', 'test $0, %dx', r.pick(['jgt', 'jgte']) + ` ${top}`);
  }
  body(r.int(0, 4));
  lines.push(...forward.splice(0));
  lines.push('halt');
  lines.push('.sub', ...(r.chance(0.3) ? ['push %ax', 'pop'] : []), 'mov $1, %cx', 'ret');
  if (r.chance(0.1)) lines.push('.end');
  // surface noise: indentation, spacing, comments, blank lines, tabs
  const out = lines.map((l) => {
    if (l.startsWith('.') || l.startsWith('#')) return l;
    let t = l;
    if (r.chance(0.15)) t = `${r.pick(['  ', '\t'])}${t}`;
    if (r.chance(0.1)) t = t.replace(', ', ',');
    if (r.chance(0.1)) t = t.replace(' ', '   ');
    if (r.chance(0.1)) t = `${t}  # ${r.pick(['step', 'x', ''])}`;
    if (r.chance(0.05)) t = `${t} \t`;
    return t;
  });
  if (r.chance(0.1)) out.splice(r.int(0, out.length), 0, '');
  return out.join(r.chance(0.05) ? '\r\n' : '\n') + (r.chance(0.9) ? '\n' : '');
}

let x86Count = 0;

function x86Args(r: Rng, dialect: 'intro' | 'locks'): string[] {
  const locks = dialect === 'locks';
  const threads = r.int(1, 4);
  const argv: string[] = [];
  let file: string;
  const own = ostepPrograms[dialect];
  if (own.length > 0 && r.chance(0.25)) {
    const p = r.pick(own);
    file = p.file;
    argv.push(...p.argv(r));
  } else {
    file = path.join(x86Dir, `${dialect}-${x86Count++}.s`);
    writeFileSync(file, x86Program(r, dialect));
    argv.push('-t', String(threads));
    if (r.chance(0.6)) {
      const one = (): string =>
        Array.from(
          { length: r.int(1, 2) },
          () =>
            `${r.pick(locks ? ['ax', 'bx', 'cx', 'dx', 'ex'] : ['ax', 'bx', 'cx', 'dx', 'bp'])}=${r.int(0, 5)}`,
        ).join(':');
      const items = r.chance(0.5) ? [one()] : Array.from({ length: threads }, one);
      if (r.chance(0.05)) items[0] = r.pick(['ax', 'ex=1', 'ax=x', 'ax=1:', 'zero=2', 'sp=5']);
      argv.push('-a', items.join(','));
    }
  }
  argv.push('-p', file);
  if (r.chance(0.6)) argv.push('-i', String(r.pick([1, 2, 3, 5, 7, 50, r.int(1, 12)])));
  if (r.chance(0.3)) argv.push('-r', ...seedFlag(r));
  if (r.chance(0.5)) {
    const items = Array.from({ length: r.int(1, 3) }, () =>
      r.chance(0.1)
        ? r.pick(['', 'zz', '20x', '-5', ' 2000', '1_000'])
        : r.pick([...X86_MEM, ...X86_VARS, '100', '127996']),
    );
    argv.push('-M', items.join(','));
  }
  if (r.chance(0.5)) {
    const names = locks
      ? ['ax', 'bx', 'cx', 'dx', 'ex', 'fx', 'sp', 'bp', 'zero']
      : ['ax', 'bx', 'cx', 'dx', 'sp', 'bp', 'zero'];
    const items = Array.from({ length: r.int(1, 3) }, () =>
      r.chance(0.05) ? r.pick(['ex', 'pc', '']) : r.pick(names),
    );
    argv.push('-R', items.join(','));
  }
  if (r.chance(0.4)) argv.push('-C');
  if (r.chance(0.8)) argv.push('-c');
  if (r.chance(0.15)) argv.push('-v');
  if (r.chance(0.1)) argv.push('-S');
  // the stacks start at 1000·(m − k) and the code at -L: they must not meet, or a pop or ret
  // would read an instruction as data (outside the oracle, spec T9)
  const layout = r.next();
  if (layout < 0.1) argv.push('-m', String(r.pick([1, 2, 4, 64, 0])), '-L', '400');
  else if (layout < 0.2) argv.push('-L', String(r.pick([500, 1500, 1000, 120, 2500])));
  if (locks && r.chance(0.3)) {
    const n = Number(argv[argv.indexOf('-t') + 1] ?? 2);
    const sched = Array.from({ length: r.int(1, 8) }, () => String(r.int(0, n - 1)));
    for (let t = 0; t < n; t++) if (!sched.includes(String(t))) sched.push(String(t));
    if (r.chance(0.05)) sched.push(r.pick(['9', 'x']));
    argv.push('-P', sched.join(''));
  }
  if (locks && r.chance(0.1)) argv.push('-H', String(r.int(1, 6)));
  if (r.chance(0.02)) argv.push(r.pick(['-z', '-h', '--inter', '-i', '-i0', '-p']));
  if (r.chance(0.01)) argv.push('-s', '18446744073709551616', '-r');
  return argv;
}

function x86Simulator(dialect: 'intro' | 'locks'): Simulator {
  const folder = dialect === 'intro' ? 'threads-intro' : 'threads-locks';
  return {
    script: `${folder}/x86.py`,
    main: async () => {
      const { x86Main } = await import('../src/os-model/ostep/x86-text.ts');
      const read = (file: string) => {
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
        } catch {
          return { error: `cannot read ${file}` };
        }
      };
      return (argv) => x86Main(argv, read, dialect);
    },
    generate: (r) => x86Args(r, dialect),
    // a halting case takes the original well under a second; a loaded machine needs slack
    timeoutMs: 90_000,
    prepare: (checkout) => {
      if (x86Dir === '') x86Dir = mkdtempSync(path.join(tmpdir(), 'fuzz-x86-'));
      const dir = path.join(checkout, folder);
      const loops = (r: Rng): string => String(r.int(0, 3));
      ostepPrograms[dialect] = readdirSync(dir)
        .filter((f) => f.endsWith('.s'))
        .map((f) => ({
          file: path.join(dir, f),
          // the flags each program needs to halt: two threads, loop counts in bx/dx, who signals
          argv: (r: Rng): string[] =>
            f === 'wait-for-me.s'
              ? ['-t', '2', '-a', r.pick(['ax=1,ax=0', 'ax=0,ax=1'])]
              : f === 'peterson.s'
                ? ['-t', '2', '-a', `bx=0:dx=${loops(r)},bx=1:dx=${loops(r)}`]
                : ['-t', String(r.int(1, 3)), '-a', `bx=${loops(r)}:dx=${loops(r)}`],
        }));
    },
    normalize: (stdout) =>
      stdout.replace(
        /^STATS:: Emulation Rate {2}.* kinst\/sec$/m,
        'STATS:: Emulation Rate  (masked)',
      ),
  };
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
  x86: x86Simulator('intro'),
  'x86-locks': x86Simulator('locks'),
};

type Run = { stdout: string; stderr: string; code: number };

/**
 * The port's output, or a hang (code -1, as a timed-out original) after 200,000 chunks: an x86
 * program that never halts prints for ever in both.
 */
function collectBounded(out: OstepOutput): Run {
  const parts: string[] = [];
  for (const chunk of out.stdout) {
    parts.push(chunk);
    if (parts.length > 200_000) return { stdout: '', stderr: '', code: -1 };
  }
  return { stdout: parts.join(''), stderr: out.stderr, code: out.code };
}

/** Runs the original; a run longer than `timeoutMs` counts as a hang (code -1). */
function python(script: string, argv: string[], timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    // optparse lays out -h for $COLUMNS; the port for 80 columns, optparse's default
    const { COLUMNS: _columns, ...env } = process.env;
    const child = spawn('python3', [script, ...argv], {
      env: { ...env, PYTHONIOENCODING: 'utf-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        stdout: code === null ? '' : Buffer.concat(out).toString('utf8'),
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
    sim.prepare?.(checkout);
    const main = await sim.main();
    const rng = new Rng(seed);
    const argvs = Array.from({ length: cases }, () => sim.generate(rng));
    const found: { argv: string[]; why: string }[] = [];
    const exits = new Map<number, number>();
    let next = 0;
    // a few Python processes at once; each case is compared as soon as its original returns
    const worker = async (): Promise<void> => {
      while (next < argvs.length) {
        const argv = argvs[next++];
        const py = await python(script, argv, sim.timeoutMs);
        exits.set(py.code, (exits.get(py.code) ?? 0) + 1);
        const port = collectBounded(main(argv));
        const norm = sim.normalize ?? ((x: string) => x);
        const why = difference(
          { ...py, stdout: norm(py.stdout) },
          { ...port, stdout: norm(port.stdout) },
        );
        if (why) found.push({ argv, why });
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const byExit = [...exits].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${n} × ${c}`);
    console.log(
      `${name}: ${cases} cases (seed ${seed}), ${found.length} differences (exit codes: ${byExit.join(', ')})`,
    );
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
