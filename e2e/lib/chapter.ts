import { expect, test } from '@playwright/test';
import { axe } from './axe.ts';
import { islandsHydrated } from './site.ts';

/**
 * Registers one axe test per theme for a chapter page: the theme is chosen as a reader would
 * (remembered in localStorage), every island is hydrated and every <details> (transcripts,
 * solutions, revealed answers) is open, so axe sees all that a reader can bring on screen.
 */
export function axeChapterTests(url: string): void {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: the chapter with every island hydrated (${theme})`, async ({ page }) => {
      // A whole chapter with every island open, against WCAG and best-practice rules: slow on a
      // shared machine (it checks, it does not time anything).
      test.setTimeout(180_000);
      await page.addInitScript((t) => localStorage.setItem('pss:theme', t), theme);
      await page.goto(url);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await islandsHydrated(page);
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        // Hydrating scrolled every island into view; back at the top, no island's sticky player
        // is stuck over the rows of its own tables, which axe would count as covered targets.
        window.scrollTo(0, 0);
      });
      const { violations } = await axe(page).analyze();
      expect(
        violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 5)
              .join(' | ')}`,
        ),
      ).toEqual([]);
    });
  }
}
