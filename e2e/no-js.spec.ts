import { expect, test } from '@playwright/test';
import { allPages, label } from './lib/site.ts';

test.use({ javaScriptEnabled: false });

test('every page shows its main text with JavaScript disabled', async ({
  browser,
  baseURL,
  page,
}) => {
  for (const url of await allPages(browser, baseURL!)) {
    await test.step(label(url, baseURL!), async () => {
      await page.goto(url);
      const main = page.getByRole('main');
      await expect.soft(main, `<main> on ${url}`).toBeVisible();
      const h1 = main.getByRole('heading', { level: 1 });
      await expect.soft(h1, `h1 on ${url}`).toHaveCount(1);
      await expect.soft(h1, `h1 on ${url}`).toBeVisible();
      await expect.soft(h1, `h1 on ${url}`).toHaveText(/\S/);
      // Body text beyond the heading: at least one visible paragraph with a sentence in it.
      const paragraph = main.locator('p').filter({ hasText: /\p{L}{2,}.*\s.*\p{L}{2,}/u });
      await expect.soft(paragraph.first(), `body text on ${url}`).toBeVisible();
    });
  }
});
