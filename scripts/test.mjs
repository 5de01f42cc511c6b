#!/usr/bin/env node
// `npm test`: every check, in order, with output streamed as it runs. It carries on after a
// failing step where the later steps still mean something, prints a timing table and then one
// plain line `tests: N passed, N failed` summed from the Vitest and Playwright JSON reports
// (a failed step that is not a test runner, such as lint or build, counts as one failure), and
// exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'reports');
const vitestReport = path.join(reports, 'vitest.json');
const playwrightReport = path.join(reports, 'playwright.json');
const BASE_PATH = '/processes-step-by-step/';
const BASE_DIST = 'dist-base';
const isWindows = process.platform === 'win32';
const bin = (name) => path.join(root, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);

process.env.ASTRO_TELEMETRY_DISABLED = '1';
mkdirSync(reports, { recursive: true });
for (const stale of [vitestReport, playwrightReport]) rmSync(stale, { force: true });
rmSync(path.join(root, BASE_DIST), { recursive: true, force: true });

/** Runs a command with inherited stdio; resolves to its exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
      shell: isWindows,
    });
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const results = [];
let passed = 0;
let failed = 0;

function banner(name) {
  console.log(`\n\u001b[1m=== ${name} ===\u001b[0m`);
}

/** A step that is not a test runner: a failure counts as one failed test. */
async function step(name, command, args, env) {
  banner(name);
  const start = performance.now();
  const code = await run(command, args, env);
  const seconds = (performance.now() - start) / 1000;
  results.push({ name, ok: code === 0, seconds, note: code === 0 ? '' : `exit ${code}` });
  if (code !== 0) failed += 1;
  return code === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A test-runner step: counts come from its JSON report. */
async function runner(name, command, args, count, env) {
  banner(name);
  const start = performance.now();
  const code = await run(command, args, env);
  const seconds = (performance.now() - start) / 1000;
  const counts = count();
  let note;
  if (!counts) {
    // No report at all (the runner crashed or could not start): one failure.
    failed += 1;
    note = `exit ${code}, no JSON report`;
  } else {
    passed += counts.passed;
    failed += counts.failed;
    // A runner that failed without any failing test (a broken test file, a global error, a
    // server that did not start) still counts as one failure.
    if (code !== 0 && counts.failed === 0) failed += 1;
    note = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
    if (code !== 0 && counts.failed === 0) note += `, exit ${code}`;
  }
  results.push({ name, ok: code === 0, seconds, note });
  return code === 0;
}

const vitestCounts = () => {
  const report = readJson(vitestReport);
  if (!report) return null;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
};

const playwrightCounts = () => {
  const report = readJson(playwrightReport);
  if (!report?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  return { passed: expected, failed: unexpected + flaky, skipped };
};

/** Debian's Chromium where present; otherwise Playwright's own, installed on demand. */
async function ensureBrowser() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (found) {
    process.env.CHROMIUM_PATH = found;
    console.log(`Using Chromium at ${found}`);
    return true;
  }
  delete process.env.CHROMIUM_PATH;
  return step('Install Playwright Chromium', bin('playwright'), ['install', 'chromium']);
}

const t0 = performance.now();

await step('Lint: ESLint', bin('eslint'), ['.']);
await step('Lint: Prettier', bin('prettier'), ['--check', '.']);
await step('Type check: astro check, svelte-check, model tsc', 'npm', ['run', '--silent', 'check']);
await runner(
  'Unit tests: Vitest',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`],
  vitestCounts,
);
// The chapter scaffold (`npm run new:chapter`) in a temporary copy: lint, types, its test, a build.
await step('Scaffold: new:chapter in a copy, checked and built', 'npm', [
  'run',
  '--silent',
  'test:scaffold',
]);
const built = await step('Build: astro build + pagefind', 'npm', ['run', '--silent', 'build']);
const baseBuilt =
  built &&
  (await step(
    `Build under ${BASE_PATH} into ${BASE_DIST}/`,
    bin('astro'),
    ['build', '--outDir', BASE_DIST],
    { BASE_PATH },
  )) &&
  (await step(`Pagefind for ${BASE_DIST}/`, bin('pagefind'), ['--site', BASE_DIST]));

if (!built) {
  console.log('\nSkipping Playwright: the site did not build.');
  results.push({
    name: 'End-to-end tests: Playwright',
    ok: false,
    seconds: 0,
    note: 'skipped: no build',
  });
} else if (await ensureBrowser()) {
  if (!baseBuilt) console.log(`\nThe ${BASE_DIST}/ build failed: the base-path tests will fail.`);
  await runner(
    'End-to-end tests: Playwright',
    bin('playwright'),
    ['test', '-c', 'e2e/playwright.config.ts'],
    playwrightCounts,
  );
}

const total = (performance.now() - t0) / 1000;
console.log('\n\u001b[1m=== Summary ===\u001b[0m');
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  const mark = r.ok ? 'ok  ' : 'FAIL';
  console.log(`${mark} ${r.name.padEnd(width)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.note}`);
}
console.log(`     ${'total'.padEnd(width)} ${total.toFixed(1).padStart(6)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.some((r) => !r.ok) ? 1 : 0);
