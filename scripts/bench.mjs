#!/usr/bin/env node
// `npm run bench [-- --ostep <path to ostep-homework>]`: page weight of every built page (HTML, CSS
// and JS, gzip bytes) checked against scripts/budgets.json, then the model benchmark
// (scripts/bench-model.ts), the island benchmark, and the OSTEP comparison against python3
// process-run.py (scripts/bench-ostep.mjs; skipped without a checkout). Writes reports/bench.json
// and exits non-zero when a budget is missed or a benchmark fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const budgets = JSON.parse(readFileSync(path.join(root, 'scripts', 'budgets.json'), 'utf8'));

if (!existsSync(path.join(dist, 'index.html'))) {
  console.log('dist/ has no build yet: running `npm run build` first.\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** Every .html file under dist/, except Pagefind's own folder. */
function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path.relative(dist, full) !== 'pagefind') out.push(...htmlFiles(full));
    } else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

/** Attributes of every <tag ...> in an HTML string. */
function tags(html, tag) {
  const out = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs = {};
    for (const a of m[1].matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs[a[1].toLowerCase()] = (a[2] ?? a[3] ?? a[4] ?? '').replaceAll('&amp;', '&');
    }
    out.push(attrs);
  }
  return out;
}

/** Maps a URL used in the page at `pageUrl` to a file in dist/ (null when not local). */
function toFile(ref, pageUrl) {
  const url = new URL(ref, pageUrl);
  if (url.origin !== 'http://site.invalid') return null;
  const file = path.join(dist, decodeURIComponent(url.pathname));
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

const FRAMEWORK = /astro-island|svelte\.dev\/e\//;
const jsCache = new Map();
/** A JS file and everything it imports statically, as a set of files. */
function jsClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  let imports = jsCache.get(file);
  if (!imports) {
    const code = readFileSync(file, 'utf8');
    const fileUrl = `http://site.invalid/${path.relative(dist, file).split(path.sep).join('/')}`;
    imports = [];
    for (const m of code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g)) {
      const dep = toFile(m[1] ?? m[2], fileUrl);
      if (dep) imports.push(dep);
    }
    jsCache.set(file, imports);
  }
  for (const dep of imports) jsClosure(dep, seen);
  return seen;
}

const pages = [];
const failures = [];
for (const file of htmlFiles(dist)) {
  const rel = path.relative(dist, file).split(path.sep).join('/');
  const route = '/' + rel.replace(/(^|\/)index\.html$/, '$1');
  const pageUrl = `http://site.invalid${route}`;
  const html = readFileSync(file, 'utf8');
  const missing = [];

  const cssFiles = new Set();
  for (const link of tags(html, 'link')) {
    if (!/\bstylesheet\b/i.test(link.rel ?? '') || !link.href) continue;
    const f = toFile(link.href, pageUrl);
    if (f) cssFiles.add(f);
    else if (new URL(link.href, pageUrl).origin === 'http://site.invalid') missing.push(link.href);
  }

  const jsEntries = new Set();
  const addJs = (ref) => {
    const f = toFile(ref, pageUrl);
    if (f) jsEntries.add(f);
    else if (new URL(ref, pageUrl).origin === 'http://site.invalid') missing.push(ref);
  };
  for (const s of tags(html, 'script')) if (s.src) addJs(s.src);
  for (const l of tags(html, 'link'))
    if (/modulepreload/i.test(l.rel ?? '') && l.href) addJs(l.href);
  const islands = tags(html, 'astro-island');
  for (const island of islands) {
    if (island['component-url']) addJs(island['component-url']);
    if (island['renderer-url']) addJs(island['renderer-url']);
  }
  const jsFiles = new Set();
  for (const entry of jsEntries) for (const f of jsClosure(entry)) jsFiles.add(f);

  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => m[1])
    .filter((code) => code.trim() !== '');
  let frameworkJs = 0;
  for (const f of jsFiles) {
    if (FRAMEWORK.test(readFileSync(f, 'utf8')) || /svelte/i.test(path.basename(f))) {
      frameworkJs += gz(readFileSync(f));
    }
  }
  for (const code of inlineScripts) if (FRAMEWORK.test(code)) frameworkJs += gz(Buffer.from(code));

  const row = {
    page: route,
    islands: islands.length,
    htmlGzip: gz(Buffer.from(html)),
    cssGzip: [...cssFiles].reduce((n, f) => n + gz(readFileSync(f)), 0),
    jsGzip: [...jsFiles].reduce((n, f) => n + gz(readFileSync(f)), 0),
    frameworkJsGzip: frameworkJs,
    jsFiles: [...jsFiles].map((f) => path.relative(dist, f)),
    cssFiles: [...cssFiles].map((f) => path.relative(dist, f)),
  };
  pages.push(row);

  const check = (what, value, budget) => {
    if (value > budget) failures.push(`${route}: ${what} ${value} B > budget ${budget} B`);
  };
  check('HTML', row.htmlGzip, budgets.htmlGzip);
  check('CSS', row.cssGzip, budgets.cssGzip);
  if (row.islands === 0) {
    check('JS (page without island)', row.jsGzip, budgets.jsGzipWithoutIsland);
    check(
      'framework JS (page without island)',
      row.frameworkJsGzip,
      budgets.frameworkJsGzipWithoutIsland,
    );
  } else {
    check('JS (page with islands)', row.jsGzip, budgets.jsGzipWithIsland);
  }
  for (const ref of missing) failures.push(`${route}: refers to ${ref}, which is not in dist/`);
}

const kb = (n) => (n / 1024).toFixed(1);
const header = ['page', 'islands', 'HTML KB', 'CSS KB', 'JS KB', 'framework JS KB'];
const rows = pages.map((p) => [
  p.page,
  String(p.islands),
  kb(p.htmlGzip),
  kb(p.cssGzip),
  kb(p.jsGzip),
  kb(p.frameworkJsGzip),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log('Page weight (gzip, KB = 1024 bytes)\n');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(
  `\nBudgets: HTML <= ${kb(budgets.htmlGzip)} KB, CSS <= ${kb(budgets.cssGzip)} KB, ` +
    `JS <= ${kb(budgets.jsGzipWithoutIsland)} KB without islands (framework JS ` +
    `<= ${kb(budgets.frameworkJsGzipWithoutIsland)} KB), JS <= ${kb(budgets.jsGzipWithIsland)} KB with islands.`,
);
if (pages.length === 0) failures.push('dist/ holds no HTML page');

// The model benchmark, written next to the model (it prints its own table and checks its budgets).
const modelBench = path.join(root, 'scripts', 'bench-model.ts');
let model = { ran: false, exitCode: null };
if (existsSync(modelBench)) {
  console.log('\nModel benchmark (scripts/bench-model.ts)\n');
  const r = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', modelBench],
    { cwd: root, stdio: 'inherit' },
  );
  model = { ran: true, exitCode: r.status ?? 1 };
  if (model.exitCode !== 0) failures.push(`model benchmark exited with ${model.exitCode}`);
} else {
  console.log('\nModel benchmark skipped: scripts/bench-model.ts does not exist yet.');
}

// The island benchmark: one step of the gallery's 64-process simulation in Chromium.
console.log('\nIsland benchmark (scripts/bench-island.mjs)\n');
const islandRun = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-island.mjs')], {
  cwd: root,
  encoding: 'utf8',
});
process.stdout.write(islandRun.stdout ?? '');
process.stderr.write(islandRun.stderr ?? '');
const islandLine = (islandRun.stdout ?? '').split('\n').find((l) => l.startsWith('{"islandStep"'));
const island = {
  exitCode: islandRun.status ?? 1,
  ...(islandLine ? JSON.parse(islandLine) : {}),
};
if (island.exitCode !== 0) failures.push(`island benchmark exited with ${island.exitCode}`);

// process-run against OSTEP's Python original, when a checkout is given (--ostep or OSTEP_HOMEWORK).
console.log('\nOSTEP comparison (scripts/bench-ostep.mjs)\n');
const ostepArgs = process.argv.includes('--ostep')
  ? ['--ostep', process.argv[process.argv.indexOf('--ostep') + 1]]
  : [];
const ostepRun = spawnSync(
  process.execPath,
  [path.join(root, 'scripts', 'bench-ostep.mjs'), ...ostepArgs],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
process.stdout.write(ostepRun.stdout ?? '');
const ostepLine = (ostepRun.stdout ?? '').split('\n').find((l) => l.startsWith('{"ostepBench"'));
const ostep = {
  exitCode: ostepRun.status ?? 1,
  ...(ostepLine ? JSON.parse(ostepLine).ostepBench : {}),
};
if (ostep.exitCode !== 0) failures.push(`OSTEP comparison exited with ${ostep.exitCode}`);

// The JS a page with exactly one island ships (chapter pages embed islands one at a time).
const oneIsland = pages.filter((p) => p.islands === 1);
for (const p of oneIsland)
  console.log(
    `\nJS of ${p.page} (one island): ${kb(p.jsGzip)} KB gzip (budget ${kb(budgets.jsGzipWithIsland)} KB)`,
  );
if (oneIsland.length === 0) failures.push('no page has exactly one island to measure');

mkdirSync(path.join(root, 'reports'), { recursive: true });
writeFileSync(
  path.join(root, 'reports', 'bench.json'),
  JSON.stringify({ budgets, pages, model, island, ostep, failures }, null, 2) + '\n',
);

if (failures.length > 0) {
  console.log('\nBudgets missed:');
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
console.log('\nAll budgets met. Report: reports/bench.json');
