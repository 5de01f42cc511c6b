import { expect, test } from '@playwright/test';
import { allPages, label } from './lib/site.ts';

for (const width of [320, 1440]) {
  test(`no page overflows horizontally at ${width}px`, async ({ browser, baseURL, page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    for (const url of await allPages(browser, baseURL!)) {
      await test.step(label(url, baseURL!), async () => {
        await page.goto(url);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement!.scrollWidth,
          clientWidth: document.scrollingElement!.clientWidth,
        }));
        expect
          .soft(scrollWidth, `scrollWidth of ${url} at ${width}px`)
          .toBeLessThanOrEqual(clientWidth);
      });
    }
  });
}
