#!/usr/bin/env node
// `node scripts/bench-ostep.mjs [--ostep <path to an ostep-homework checkout>]` (run by
// `npm run bench`): the book's process-run command against OSTEP's own process-run.py on two large
// runs (issue 13's budget), side by side on this machine, whole processes including start-up.
// Each output is streamed into a SHA-256 hash (66 MB is never held in memory) and must be byte
// for byte the original's; the port must be at least SPEEDUP times faster. The checkout comes
// from --ostep or the OSTEP_HOMEWORK environment variable; without it, or without python3, the
// comparison is skipped with a message. Prints a table, then one JSON line for bench.mjs, and
// exits 1 when an output differs or the budget is missed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The port must be at least this many times faster than Python (issue 13). */
const SPEEDUP = 20;
/** Runs of the port per case; the median counts (Python, at 10-30 s a run, runs once). */
const PORT_RUNS = 3;

const CASES = [
  { name: '60 × 400:70', list: Array(60).fill('400:70').join(',') },
  { name: '300 × 40:70', list: Array(300).fill('40:70').join(',') },
];
const flags = (list) => ['-s', '7', '-l', list, '-L', '5', '-c', '-p'];

function report(result) {
  console.log(JSON.stringify({ ostepBench: result }));
}

const at = process.argv.indexOf('--ostep');
const checkout = at >= 0 ? process.argv[at + 1] : process.env.OSTEP_HOMEWORK;
const script = checkout ? path.resolve(checkout, 'cpu-intro', 'process-run.py') : null;
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
let skip = null;
if (!script) skip = 'no ostep-homework checkout given (--ostep <path> or OSTEP_HOMEWORK=<path>)';
else if (!existsSync(script)) skip = `${script} does not exist`;
else if (python.status !== 0) skip = 'python3 is not installed';
if (skip) {
  console.log(`OSTEP comparison skipped: ${skip}.`);
  report({ skipped: skip });
  process.exit(0);
}

/** Runs a command with stdout hashed as it arrives: wall seconds, SHA-256, bytes, exit code. */
function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ seconds, sha256: hash.digest('hex'), bytes, code });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// One untimed run fills Node's compile cache (scripts/ostep.mjs), as any second use would.
await timed('npm', ['run', '--silent', 'ostep', '--', 'process-run', '-h']);

const results = [];
const failures = [];
for (const c of CASES) {
  const py = await timed('python3', [script, ...flags(c.list)]);
  const runs = [];
  for (let i = 0; i < PORT_RUNS; i++)
    runs.push(
      await timed('npm', ['run', '--silent', 'ostep', '--', 'process-run', ...flags(c.list)]),
    );
  const port = median(runs.map((r) => r.seconds));
  const same = runs.every((r) => r.sha256 === py.sha256 && r.code === py.code);
  const speedup = py.seconds / port;
  results.push({
    case: c.name,
    pythonSeconds: py.seconds,
    portSeconds: port,
    speedup,
    bytes: py.bytes,
    identical: same,
  });
  if (!same) failures.push(`${c.name}: the port's output differs from process-run.py's`);
  if (speedup < SPEEDUP)
    failures.push(`${c.name}: ${speedup.toFixed(1)}× faster than Python, budget ${SPEEDUP}×`);
}

console.log('process-run: npm run --silent ostep against python3 process-run.py\n');
console.log('case          output MB  python s  port s  speedup  identical');
for (const r of results)
  console.log(
    `${r.case.padEnd(12)}  ${(r.bytes / 1e6).toFixed(1).padStart(9)}  ${r.pythonSeconds
      .toFixed(2)
      .padStart(8)}  ${r.portSeconds.toFixed(2).padStart(6)}  ${r.speedup
      .toFixed(1)
      .padStart(6)}×  ${r.identical ? 'yes' : 'NO'}`,
  );
console.log(
  `\nBudget: at least ${SPEEDUP}× faster, identical output (port: median of ${PORT_RUNS}).`,
);
report({ results, failures });
for (const f of failures) console.log(`  ${f}`);
process.exit(failures.length > 0 ? 1 : 0);
