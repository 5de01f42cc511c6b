import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { BASE_DIST, BASE_PATH } from './lib/base.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Ports can be moved (E2E_PORT / E2E_BASE_PORT) when 4321 is taken by another preview. */
const port = Number(process.env.E2E_PORT ?? 4321);
const basePort = Number(process.env.E2E_BASE_PORT ?? port + 1);
/**
 * E2E_DIST serves another build (for example `astro build --outDir /tmp/x`) with the static server
 * instead of `astro preview` of dist/; E2E_OUT moves test-results and the JSON report, so two runs
 * on one machine do not clean each other's output.
 */
const dist = process.env.E2E_DIST;
const out = process.env.E2E_OUT ? path.resolve(process.env.E2E_OUT) : root;

/**
 * Debian's Chromium when present (Playwright cannot download its browsers on this project's
 * machines); otherwise Playwright's own Chromium, installed by `npx playwright install chromium`.
 */
const chromiumPath =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: '.',
  outputDir: path.join(out, 'test-results'),
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Flaky tests are fixed, not retried.
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.join(out, 'reports', 'playwright.json') }]],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumPath
        ? [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ]
        : [],
    },
  },
  projects: [
    {
      name: 'site',
      testIgnore: /base-path\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${port}/` },
    },
    {
      name: 'base-path',
      testMatch: /base-path\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${basePort}${BASE_PATH}` },
    },
  ],
  webServer: [
    {
      command: dist
        ? `node e2e/static-server.mjs ${dist} ${port} /`
        : `npx astro preview --ignore-lock --port ${port}`,
      cwd: root,
      url: `http://localhost:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ASTRO_TELEMETRY_DISABLED: '1' },
    },
    // The sub-path build; when it is missing, base-path.spec.ts fails and says how to build it.
    ...(existsSync(path.join(root, BASE_DIST, 'index.html'))
      ? [
          {
            command: `node e2e/static-server.mjs ${BASE_DIST} ${basePort} ${BASE_PATH}`,
            cwd: root,
            url: `http://localhost:${basePort}${BASE_PATH}`,
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
  ],
});
