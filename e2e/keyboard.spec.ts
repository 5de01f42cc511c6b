import { expect, test, type Page } from '@playwright/test';
import { chapterPages, islandsHydrated, resultLinkingTo, searchTarget, tabTo } from './lib/site.ts';

/** Records <html data-theme> when <body> is first inserted and at DOMContentLoaded. */
async function recordEarlyTheme(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __themeAtBody?: string | null; __themeAtDCL?: string | null };
    const observer = new MutationObserver(() => {
      if (document.body) {
        w.__themeAtBody = document.documentElement.getAttribute('data-theme');
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => {
      w.__themeAtDCL = document.documentElement.getAttribute('data-theme');
    });
  });
}

const earlyTheme = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __themeAtBody?: string | null; __themeAtDCL?: string | null };
    return { body: w.__themeAtBody, dcl: w.__themeAtDCL };
  });

/** Relative luminance (0 black .. 1 white) of the page background. */
const backgroundLuminance = (page: Page) =>
  page.evaluate(() => {
    const pick = (el: Element) => getComputedStyle(el).backgroundColor;
    let color = pick(document.body);
    if (/rgba\(.*,\s*0\)$/.test(color) || color === 'transparent')
      color = pick(document.documentElement);
    const [r, g, b] = (color.match(/[\d.]+/g) ?? ['255', '255', '255']).slice(0, 3).map(Number);
    const lin = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  });

test('Tab reaches "Skip to content" first and Enter moves focus to main', async ({ page }) => {
  await page.goto('./');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole('main')).toBeFocused();
  // The next Tab continues inside main, not back in the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('"/" focuses the Search box and typing a word from chapter 0 finds the chapter', async ({
  browser,
  baseURL,
  page,
}) => {
  const { word, path } = await searchTarget(browser, baseURL!);
  await page.goto('./');
  await page.keyboard.press('/');
  const search = page.getByRole('textbox', { name: 'Search' });
  await expect(search).toBeFocused();
  await expect(search).toHaveValue(''); // the "/" was not typed into it
  await page.keyboard.type(word);
  const hit = resultLinkingTo(page, path);
  await expect(hit, `a result for "${word}" linking to ${path}`).toBeVisible();
  await hit.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${path}(#.*)?$`));
});

test('on a slow connection, what the reader types before the search UI arrives is kept', async ({
  browser,
  baseURL,
  page,
}) => {
  const { word, path } = await searchTarget(browser, baseURL!);
  // Hold Pagefind's UI script back until the reader has typed half the word.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pagefind-ui.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./');
  await page.keyboard.press('/');
  const half = Math.ceil(word.length / 2);
  await page.keyboard.type(word.slice(0, half));
  release();
  await page.keyboard.type(word.slice(half), { delay: 30 });
  // And again on a fresh page, typing while the script arrives.
  await page.goto('./');
  await page.keyboard.press('/');
  await page.keyboard.type(word, { delay: 5 });
  const search = page.getByRole('textbox', { name: 'Search' });
  await expect(search).toHaveValue(word);
  await expect(search).toBeFocused();
  const hit = resultLinkingTo(page, path);
  await expect(hit, `a result for "${word}" linking to ${path}`).toBeVisible();
});

test('the Theme select switches themes by keyboard, remembers the choice and never flashes', async ({
  page,
}) => {
  await recordEarlyTheme(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  const theme = page.getByRole('combobox', { name: 'Theme' });
  await expect(theme.locator('option')).toHaveText(['System', 'Light', 'Dark']);
  await tabTo(page, theme);
  await page.keyboard.type('Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => localStorage.getItem('pss:theme'))).toBe('dark');
  const darkLuminance = await backgroundLuminance(page);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(theme).toHaveValue(/dark/i);
  expect(await earlyTheme(page)).toEqual({ body: 'dark', dcl: 'dark' });

  await tabTo(page, theme);
  await page.keyboard.type('Light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const lightLuminance = await backgroundLuminance(page);
  expect(lightLuminance).toBeGreaterThan(darkLuminance + 0.4);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await earlyTheme(page)).toEqual({ body: 'light', dcl: 'light' });

  // System follows the operating system's preference, also before first paint.
  await tabTo(page, theme);
  await page.keyboard.type('System');
  await expect(theme).toHaveValue(/system/i);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(theme).toHaveValue(/system/i);
  expect(await backgroundLuminance(page)).toBeLessThan(0.2);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => backgroundLuminance(page)).toBeGreaterThan(0.6);
});

test('at 360px the "Chapters" button opens the drawer and Escape closes it', async ({
  browser,
  baseURL,
  page,
}) => {
  const [chapter] = await chapterPages(browser, baseURL!);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(chapter.url);
  const button = page.getByRole('button', { name: 'Chapters', exact: true });
  const nav = page.getByRole('navigation', { name: 'Chapters', exact: true });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await tabTo(page, button);
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('link', { name: /^0\. / })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await expect(button).toBeFocused();
});

test.describe('exercises', () => {
  /** The first chapter with an exercise, its "Show solution" summary and "done" checkbox. */
  async function firstExercise(
    page: Page,
    browser: import('@playwright/test').Browser,
    baseURL: string,
  ) {
    for (const chapter of await chapterPages(browser, baseURL)) {
      if (!chapter.mainText.includes('Show solution')) continue;
      await page.goto(chapter.url);
      await islandsHydrated(page);
      const summary = page.locator('summary', { hasText: 'Show solution' }).first();
      const done = page.getByRole('checkbox', { name: /^Mark exercise \d+\.\d+ as done$/ }).first();
      return { url: chapter.url, summary, done };
    }
    throw new Error('No chapter has an exercise with "Show solution"');
  }

  test('"Show solution" opens and closes with Enter and Space', async ({
    browser,
    baseURL,
    page,
  }) => {
    const { summary } = await firstExercise(page, browser, baseURL!);
    const details = summary.locator('xpath=..');
    await expect(details).not.toHaveAttribute('open');
    await tabTo(page, summary, 400);
    await page.keyboard.press('Enter');
    await expect(details).toHaveAttribute('open', '');
    await page.keyboard.press('Space');
    await expect(details).not.toHaveAttribute('open');
    await page.keyboard.press('Space');
    await expect(details).toHaveAttribute('open', '');
  });

  test('the "done" checkbox toggles with Space and survives reload; a corrupt value is ignored', async ({
    browser,
    baseURL,
    page,
  }) => {
    test.setTimeout(120_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const { done } = await firstExercise(page, browser, baseURL!);
    const storedKeys = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pss:exercise:')));
    await expect(done).not.toBeChecked();
    expect(await storedKeys()).toEqual([]);

    await tabTo(page, done, 400);
    await page.keyboard.press('Space');
    await expect(done).toBeChecked();
    await expect.poll(storedKeys).toHaveLength(1);
    const [key] = await storedKeys();
    expect(key).toMatch(/^pss:exercise:[^:]+:[^:]+$/);

    await page.reload();
    await islandsHydrated(page);
    await expect(done).toBeChecked();
    // Reaching the checkbox by Tab is shown above; from here on, focus it directly (fast).
    await done.focus();
    await page.keyboard.press('Space');
    await expect(done).not.toBeChecked();
    await page.reload();
    await islandsHydrated(page);
    await expect(done).not.toBeChecked();

    // A corrupt stored value is ignored: the exercise shows as not done and nothing breaks.
    for (const corrupt of ['{"done":', 'NaN', '\u0000\uffff', '[1,2,3]']) {
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, corrupt]);
      await page.reload();
      await islandsHydrated(page);
      await expect(done, `stored value ${JSON.stringify(corrupt)}`).not.toBeChecked();
      await done.focus();
      await page.keyboard.press('Space');
      await expect(done).toBeChecked();
      await page.reload();
      await islandsHydrated(page);
      await expect(done).toBeChecked();
      await done.focus();
      await page.keyboard.press('Space');
      await expect(done).not.toBeChecked();
    }
    expect(errors).toEqual([]);
  });
});
