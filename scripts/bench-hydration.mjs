#!/usr/bin/env node
// Hydration benchmark, run by `npm run bench` after a build: loads each page with islands in
// Chromium (390 x 844, the CPU slowed 4x as Lighthouse's mobile run does), scrolls to every island
// so that each hydrates (they are client:visible) and records the main thread's long tasks
// (PerformanceObserver 'longtask', over 50 ms). Prints, per page, the longest task and the total
// blocking time (the sum of each long task's time over 50 ms) from navigation until every island
// has hydrated. The goal (issue 15) is no long task over 50 ms while a chapter loads and a total
// blocking time of at most 150 ms on the fork/exec page; on a shared, loaded machine the figures
// vary from run to run, so they are reported, not checked.
// Usage: node scripts/bench-hydration.mjs [dist-dir]   Prints a table and a JSON line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(root, process.argv[2] ?? 'dist');
const PORT = Number(process.env.BENCH_HYDRATION_PORT ?? 4651);
const PAGES = process.env.BENCH_PAGES?.split(',') ?? [
  '/',
  '/chapters/how-to-read/',
  '/chapters/process-states/',
  '/chapters/fork-exec-wait/',
  '/chapters/process-per-connection/',
];
const CPU_SLOWDOWN = 4;

const server = spawn(
  process.execPath,
  [path.join(root, 'e2e', 'static-server.mjs'), dist, String(PORT), '/'],
  { stdio: 'ignore' },
);
const chromiumPath =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumPath ? ['--no-sandbox', '--disable-gpu'] : [],
});

const rows = [];
let code = 0;
try {
  for (const route of PAGES) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    for (let i = 0; ; i++) {
      try {
        await page.goto(`http://localhost:${PORT}${route}`);
        break;
      } catch (e) {
        if (i > 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // Every island into view, one after another, as a reader scrolling the page would.
    const islands = await page.locator('astro-island').count();
    for (let i = 0; i < islands; i++) {
      const host = page.locator('astro-island').nth(i);
      // <astro-island> has no box of its own (display: contents): scroll its content.
      await host.evaluate((el) => el.firstElementChild?.scrollIntoView({ block: 'center' }));
      await page.waitForFunction((el) => !el.hasAttribute('ssr'), await host.elementHandle(), {
        timeout: 60_000,
      });
    }
    await page.waitForTimeout(300);
    const tasks = await page.evaluate(() => window.__longTasks);
    const longest = Math.max(0, ...tasks.map((t) => t.duration));
    const tbt = tasks.reduce((n, t) => n + Math.max(0, t.duration - 50), 0);
    rows.push({ page: route, islands, longTasks: tasks.length, longestMs: longest, tbtMs: tbt });
    await page.close();
  }
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await browser.close();
  server.kill();
}

const w = Math.max(4, ...rows.map((r) => r.page.length));
console.log(`Hydration, CPU slowed ${CPU_SLOWDOWN}x, every island scrolled into view\n`);
console.log(`${'page'.padEnd(w)}  islands  long tasks  longest ms  blocking ms`);
for (const r of rows)
  console.log(
    `${r.page.padEnd(w)}  ${String(r.islands).padStart(7)}  ${String(r.longTasks).padStart(10)}  ` +
      `${r.longestMs.toFixed(0).padStart(10)}  ${r.tbtMs.toFixed(0).padStart(11)}`,
  );
console.log(JSON.stringify({ hydration: rows }));
process.exit(code);
