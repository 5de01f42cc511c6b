// Chapter 8, Processes in production: the gates every chapter passes (the table of contents, axe in both
// themes, the text without JavaScript, the island stepped with the keyboard). Expected values
// are worked out by hand from ../src/os-model/book/ch08-production/programs.ts; the model runs in
// Node only for the narration's sentences (e2e/lib/sim.ts). The island is driven through the
// fixtures of e2e/lib/fixtures.ts: found by its role and name, with role-based locators.
import { SCENARIOS } from '../src/os-model/index.ts';
import { axeChapterTests } from './lib/chapter.ts';
import { expect, test } from './lib/fixtures.ts';
import { counterText, modelRun, narrationOf } from './lib/sim.ts';
import { tabTo } from './lib/site.ts';

const URL_ = 'chapters/production/';
const TITLE = 'Processes in production';
const ISLAND = `Simulation: ${SCENARIOS['production'].title}`;
const run = modelRun('production');

test('the chapter is in the table of contents', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: `Chapter 8: ${TITLE}`, exact: true });
  await expect(link).toHaveAttribute('href', new RegExp(`/${URL_}$`));
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
});

test('Step forward, by keyboard, moves the island and its narration', async ({ page, island }) => {
  await page.goto(URL_);
  // In view and hydrated; its counter checked against the model's run ("Step n of N").
  const sim = await island(ISLAND, { run });
  await sim.at(0);
  // From the island (as after a click on it), Tab reaches the button; Enter presses it.
  await sim.root.focus();
  await tabTo(page, sim.player.forward);
  await page.keyboard.press('Enter');
  await sim.at(1);
  await expect(sim.narration).toHaveText(narrationOf(run, 1));
  // The arrow keys step too; by hand: two more steps reach the print at tick 3.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await sim.at(3);
  await expect(sim.narration).toContainText('PID 2 prints');
  await expect(sim.view('console')).toContainText('done (pid:2)');
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the text, the figures and the island at step 0 with its transcript', async ({ page }) => {
    await page.goto(URL_);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toContainText(TITLE);
    await expect(main.getByRole('heading', { name: 'Stepping through the run' })).toBeVisible();
    await expect(main.getByRole('table').first()).toContainText('done (pid:2)');
    const sim = main.getByRole('region', { name: ISLAND, exact: true });
    await expect(sim).toContainText(counterText(run, 0));
    // The transcript of the whole run: PID 2 exits with status 0 at tick 4 (by hand).
    await expect(sim).toContainText('PID 2 exits with status 0');
  });
});
