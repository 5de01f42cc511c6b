import { expect, test } from '@playwright/test';
import { axe } from './lib/axe.ts';
import { allPages, label } from './lib/site.ts';

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.2 AA or best-practice violation on any page in the ${theme} theme`, async ({
    browser,
    baseURL,
    page,
  }) => {
    test.setTimeout(600_000);
    await page.addInitScript((t) => localStorage.setItem('pss:theme', t), theme);
    for (const url of await allPages(browser, baseURL!)) {
      await test.step(label(url, baseURL!), async () => {
        await page.goto(url);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const { violations } = await axe(page).analyze();
        const summary = violations.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .slice(0, 5)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        );
        expect.soft(summary, `axe violations on ${url} (${theme})`).toEqual([]);
      });
    }
  });
}
