import { expect, test } from '@playwright/test';
import { chapterPages, resultLinkingTo, searchTarget, tabTo } from './lib/site.ts';

test('an unknown URL gets the 404 page, which links home', async ({ page, baseURL }) => {
  const response = await page.goto('this/page/does-not-exist/');
  expect(response?.status()).toBe(404);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
  const home = new URL(baseURL!).pathname;
  const homeLinks = main.locator(`a[href="${home}"], a[href="${baseURL}"]`);
  await expect(homeLinks.first()).toBeVisible();
  await homeLinks.first().click();
  await expect(page).toHaveURL(baseURL!);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the search page finds a chapter from a word of its text', async ({
  browser,
  baseURL,
  page,
}) => {
  const { word, path } = await searchTarget(browser, baseURL!);
  const response = await page.goto('search/');
  expect(response?.status()).toBe(200);
  const search = page.getByRole('main').getByRole('textbox', { name: 'Search' });
  await search.fill(word);
  const hit = resultLinkingTo(page, path);
  await expect(hit, `a result for "${word}" linking to ${path}`).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`${path}(#.*)?$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\S/);
});

test('glossary term cards appear on keyboard focus and hover, match the glossary, and Escape hides them', async ({
  browser,
  baseURL,
  page,
}) => {
  const chapters = await chapterPages(browser, baseURL!);
  const withTerm = chapters.find((c) => c.links.some((l) => /\/glossary\/#./.test(l.href)));
  expect(withTerm, 'a chapter that uses a glossary term').toBeTruthy();

  // The glossary page's text, to check that each card shows the term's real definition.
  await page.goto('glossary/');
  const glossaryText = (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');

  await page.goto(withTerm!.url);
  const terms = page.getByRole('main').locator('a[href*="/glossary/#"][aria-describedby]');
  const count = Math.min(await terms.count(), 3);
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const term = terms.nth(i);
    const card = page.locator(`[id="${await term.getAttribute('aria-describedby')}"]`);
    await expect(card).toBeHidden();
    await tabTo(page, term);
    await expect(card).toBeVisible();
    // The accessible description is the definition; the card repeats the glossary's definition.
    const description = (await card.innerText()).replace(/\s+/g, ' ').trim();
    await expect(term).toHaveAccessibleDescription(description);
    const heading = ((await card.locator('strong').first().textContent()) ?? '').trim();
    const definition = description.slice(heading.length).trim();
    expect(definition.length).toBeGreaterThan(10);
    expect(glossaryText).toContain(definition);
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();
    await expect(term).toBeFocused();
  }
  // Hover works too.
  const first = terms.first();
  await first.blur();
  const card = page.locator(`[id="${await first.getAttribute('aria-describedby')}"]`);
  await page.mouse.move(0, 0);
  await expect(card).toBeHidden();
  await first.hover();
  await expect(card).toBeVisible();
});

test('every chapter with a simulation loads the island styles (a build that lost a stylesheet fails here)', async ({
  browser,
  baseURL,
  page,
}) => {
  const chapters = await chapterPages(browser, baseURL!);
  let checked = 0;
  for (const c of chapters) {
    await page.goto(c.url);
    const sim = page.locator('section.sim').first();
    if ((await sim.count()) === 0) continue;
    // Simulation.svelte's own stylesheet gives the island a solid border and a grid layout.
    await expect(sim, c.url).toHaveCSS('border-top-style', 'solid');
    await expect(sim, c.url).toHaveCSS('display', 'grid');
    checked += 1;
  }
  expect(checked).toBeGreaterThan(1);
});
