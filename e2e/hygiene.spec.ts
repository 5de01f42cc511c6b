import { expect, test } from '@playwright/test';
import { allPages, label, visitAll, watch } from './lib/site.ts';

test('no console error or warning, failed request, foreign request or CSP violation on any page', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  for (const url of await allPages(browser, baseURL!)) {
    await test.step(label(url, baseURL!), async () => {
      // A fresh context per page, so that nothing is served from cache.
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = await watch(page, origin);
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await visitAll(page);
      await context.close();
      expect.soft(problems, `problems on ${url}`).toEqual([]);
    });
  }
});

test('pages declare a Content Security Policy without unsafe-inline scripts', async ({
  browser,
  baseURL,
  page,
}) => {
  for (const url of await allPages(browser, baseURL!)) {
    await test.step(label(url, baseURL!), async () => {
      const response = await page.goto(url);
      const header = response?.headers()['content-security-policy'] ?? '';
      const meta =
        (await page
          .locator('meta[http-equiv="content-security-policy" i]')
          .getAttribute('content')) ?? '';
      const policy = `${header};${meta}`;
      expect.soft(policy, `CSP of ${url}`).toMatch(/script-src/);
      const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect.soft(scriptSrc, `script-src of ${url}`).not.toContain("'unsafe-inline'");
    });
  }
});

test('no word runs into a link or code span (whitespace between source lines is kept)', async ({
  browser,
  baseURL,
  page,
}) => {
  // Astro's HTML compression once joined "go to the" and a link on the next source line into
  // "go to the<a>table of contents</a>"; the reader saw "go to thetable of contents".
  for (const url of await allPages(browser, baseURL!)) {
    await test.step(label(url, baseURL!), async () => {
      await page.goto(url);
      const glued = await page.locator('main').evaluate((main) => {
        const found: string[] = [];
        for (const el of main.querySelectorAll('a, code, em, strong, kbd, abbr')) {
          const before = el.previousSibling;
          if (before?.nodeType !== Node.TEXT_NODE) continue;
          const text = before.textContent ?? '';
          const own = el.textContent ?? '';
          if (/[A-Za-z,;:]$/.test(text) && /^[A-Za-z/]/.test(own)) {
            found.push(`${text.slice(-20)}|${own.slice(0, 20)}`);
          }
        }
        return found;
      });
      expect.soft(glued, `words glued to an element on ${url}`).toEqual([]);
    });
  }
});
