// Runs against the build made with BASE_PATH=/processes-step-by-step/ (dist-base/), served under
// that sub-path the way GitHub Pages serves a project site.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { BASE_DIST, BASE_PATH } from './lib/base.ts';
import {
  brokenLinks,
  crawlSite,
  label,
  resultLinkingTo,
  searchResults,
  searchTarget,
  visitAll,
  watch,
} from './lib/site.ts';

const builtIndex = fileURLToPath(new URL(`../${BASE_DIST}/index.html`, import.meta.url));

test.beforeAll(() => {
  expect(
    existsSync(builtIndex),
    `${BASE_DIST}/ is missing: build it with BASE_PATH=${BASE_PATH} npx astro build --outDir ${BASE_DIST} && npx pagefind --site ${BASE_DIST} (npm test does)`,
  ).toBe(true);
});

test('the crawl under the base path finds no broken link and no link outside the base', async ({
  browser,
  baseURL,
}) => {
  expect(new URL(baseURL!).pathname).toBe(BASE_PATH);
  const crawl = await crawlSite(browser, baseURL!);
  const paths = crawl.pages.map((p) => new URL(p.url).pathname);
  expect(paths).toContain(BASE_PATH);
  expect(paths).toContain(`${BASE_PATH}glossary/`);
  expect(paths).toContain(`${BASE_PATH}references/`);
  expect(paths.some((p) => p.startsWith(`${BASE_PATH}chapters/`))).toBe(true);
  // brokenLinks also reports any same-origin link or asset outside the base path.
  expect(brokenLinks(crawl, baseURL!)).toEqual([]);
});

test('pages under the base path load every asset without errors', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { pages } = await crawlSite(browser, baseURL!);
  for (const { url } of pages) {
    await test.step(label(url, baseURL!), async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = await watch(page, new URL(baseURL!).origin);
      const outside: string[] = [];
      page.on('request', (r) => {
        if (!new URL(r.url()).pathname.startsWith(BASE_PATH)) outside.push(r.url());
      });
      await page.goto(url);
      await visitAll(page);
      await context.close();
      expect.soft(problems, `problems on ${url}`).toEqual([]);
      expect.soft(outside, `requests outside ${BASE_PATH} from ${url}`).toEqual([]);
    });
  }
});

test('search results respect the base path', async ({ browser, baseURL, page }) => {
  const { word, path } = await searchTarget(browser, baseURL!);
  await page.goto('./');
  await page.keyboard.press('/');
  await page.keyboard.type(word);
  const results = searchResults(page);
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.filter((h) => !h?.startsWith(BASE_PATH))).toEqual([]);
  const hit = resultLinkingTo(page, path);
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`${path}(#.*)?$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the 404 page under the base path links to the base', async ({ page, baseURL }) => {
  const response = await page.goto('no/such/page/');
  expect(response?.status()).toBe(404);
  const home = page.getByRole('main').locator(`a[href="${BASE_PATH}"], a[href="${baseURL}"]`);
  await expect(home.first()).toBeVisible();
});
