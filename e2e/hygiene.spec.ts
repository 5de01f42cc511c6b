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
