#!/usr/bin/env node
// `npm run bench [-- --ostep <path to ostep-homework>] [-- --pages]`: page weight of every built
// page (HTML, CSS and JS, gzip bytes, and for each page the JS chunks it loads) checked against
// scripts/budgets.json; with --pages nothing more. Then the model benchmark
// (scripts/bench-model.ts), the island benchmark, the hydration benchmark (long tasks while a
// page's islands hydrate, scripts/bench-hydration.mjs; reported only), and the OSTEP comparison against python3
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

// The generic island loads each view it shows as a chunk of its own when it hydrates
// (components/views/ViewSlot.svelte). Its views are in its props; a view's chunk is named after
// its registry entry's file (ProcessTree.svelte -> ProcessTree.<hash>.js).
// (Read from the registry's source, so that this script runs on every Node the book supports.)
const VIEWS = Object.fromEntries(
  [
    ...readFileSync(path.join(root, 'components', 'views', 'registry.ts'), 'utf8').matchAll(
      /^ {2}(\w+): view\(\{[\s\S]*?\bfile: '([^']+)'/gm,
    ),
  ].map((m) => [m[1], { file: m[2] }]),
);
const GENERIC = /^Simulation\.[\w-]+\.js$/;
const DEFAULT_VIEWS = ['table', 'console']; // Simulation.svelte's default `views`
const viewChunkName = (view) => VIEWS[view]?.file.replace(/\.svelte$/, '');

const jsCache = new Map();
/** The files a JS file imports: statically, and with import() (what it may load later). */
function importsOf(file) {
  let imports = jsCache.get(file);
  if (!imports) {
    const code = readFileSync(file, 'utf8');
    const fileUrl = `http://site.invalid/${path.relative(dist, file).split(path.sep).join('/')}`;
    imports = { static: [], dynamic: [] };
    for (const m of code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g)) {
      const dep = toFile(m[1] ?? m[2], fileUrl);
      if (dep) imports.static.push(dep);
    }
    for (const m of code.matchAll(/\bimport\(\s*[`"']([^`"']+)[`"']\s*\)/g)) {
      const dep = toFile(m[1], fileUrl);
      if (dep) imports.dynamic.push(dep);
    }
    jsCache.set(file, imports);
  }
  return imports;
}
/** A JS file and everything it imports statically, as a set of files. */
function jsClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of importsOf(file).static) jsClosure(dep, seen);
  return seen;
}

/** Decodes an astro-island's `props` attribute (Astro's [type, value] serialisation). */
function islandProps(attr) {
  const revive = ([type, value]) =>
    type === 1
      ? value.map(revive)
      : type === 0 && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]))
        : value;
  try {
    const raw = JSON.parse(attr ?? '{}');
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, revive(v)]));
  } catch {
    return {};
  }
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
  // The views each generic island loads as it hydrates, with what they import.
  for (const island of islands) {
    const url = island['component-url'];
    if (!url || !GENERIC.test(path.basename(url))) continue;
    const props = islandProps(island.props?.replaceAll('&quot;', '"'));
    const wanted = new Set(
      (Array.isArray(props.views) ? props.views : DEFAULT_VIEWS).map(viewChunkName),
    );
    const offered = [...jsClosure(toFile(url, pageUrl) ?? '')].flatMap((f) =>
      existsSync(f) ? importsOf(f).dynamic : [],
    );
    for (const chunk of offered)
      if (wanted.has(path.basename(chunk).split('.')[0]))
        for (const f of jsClosure(chunk)) jsFiles.add(f);
  }

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

  const generic = islands.filter((i) => GENERIC.test(path.basename(i['component-url'] ?? '')));
  const row = {
    page: route,
    islands: islands.length,
    genericIslands: generic.length,
    htmlGzip: gz(Buffer.from(html)),
    cssGzip: [...cssFiles].reduce((n, f) => n + gz(readFileSync(f)), 0),
    jsGzip: [...jsFiles].reduce((n, f) => n + gz(readFileSync(f)), 0),
    frameworkJsGzip: frameworkJs,
    jsFiles: [...jsFiles].map((f) => path.relative(dist, f)),
    jsChunks: [...jsFiles]
      .map((f) => ({ file: path.relative(dist, f), gzip: gz(readFileSync(f)) }))
      .sort((a, b) => b.gzip - a.gzip || a.file.localeCompare(b.file)),
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
  } else if (row.islands === 1 && row.genericIslands === 1) {
    check('JS (page with one generic island)', row.jsGzip, budgets.jsGzipOneGenericIsland);
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
    `<= ${kb(budgets.frameworkJsGzipWithoutIsland)} KB), JS <= ${kb(budgets.jsGzipOneGenericIsland)} KB ` +
    `with one generic island, JS <= ${kb(budgets.jsGzipWithIsland)} KB with islands.`,
);
if (pages.length === 0) failures.push('dist/ holds no HTML page');

// The chunks each page with islands loads (gzip KB), largest first; a chunk's name says what it
// holds (client = Svelte's runtime, os-model and machine = the model, a view's file = that view).
console.log('\nJS chunks per page with islands (gzip KB)');
for (const p of pages.filter((p) => p.islands > 0)) {
  console.log(`\n${p.page} (${p.islands} islands, ${kb(p.jsGzip)} KB)`);
  for (const c of p.jsChunks) console.log(`  ${kb(c.gzip).padStart(5)}  ${path.basename(c.file)}`);
}

if (process.argv.includes('--pages')) {
  if (failures.length > 0) {
    console.log('\nBudgets missed:');
    for (const f of failures) console.log(`  ${f}`);
    process.exit(1);
  }
  console.log('\nAll page budgets met.');
  process.exit(0);
}

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

// Long tasks while the islands hydrate (reported, not checked: see scripts/bench-hydration.mjs).
console.log('\nHydration benchmark (scripts/bench-hydration.mjs)\n');
const hydrationRun = spawnSync(
  process.execPath,
  [path.join(root, 'scripts', 'bench-hydration.mjs')],
  { cwd: root, encoding: 'utf8' },
);
process.stdout.write(hydrationRun.stdout ?? '');
process.stderr.write(hydrationRun.stderr ?? '');
const hydrationLine = (hydrationRun.stdout ?? '')
  .split('\n')
  .find((l) => l.startsWith('{"hydration"'));
const hydration = {
  exitCode: hydrationRun.status ?? 1,
  pages: hydrationLine ? JSON.parse(hydrationLine).hydration : [],
};
if (hydration.exitCode !== 0)
  failures.push(`hydration benchmark exited with ${hydration.exitCode}`);

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

// The JS a page with exactly one generic island ships.
const oneIsland = pages.filter((p) => p.islands === 1 && p.genericIslands === 1);
for (const p of oneIsland)
  console.log(
    `\nJS of ${p.page} (one generic island): ${kb(p.jsGzip)} KB gzip (budget ${kb(budgets.jsGzipOneGenericIsland)} KB)`,
  );
if (oneIsland.length === 0) failures.push('no page has exactly one generic island to measure');

mkdirSync(path.join(root, 'reports'), { recursive: true });
writeFileSync(
  path.join(root, 'reports', 'bench.json'),
  JSON.stringify({ budgets, pages, model, island, hydration, ostep, failures }, null, 2) + '\n',
);

if (failures.length > 0) {
  console.log('\nBudgets missed:');
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
console.log('\nAll budgets met. Report: reports/bench.json');
