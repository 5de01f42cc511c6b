import { expect, test, type Locator } from '@playwright/test';
import { test as fixtureTest } from './lib/fixtures.ts';
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

// Wide islands (issue 15): from about 1200 px an island spans the text and margin columns and its
// views sit side by side, as the views registry pairs them (viewLayout); the player stays in view
// while the reader scrolls through a tall island; a phone keeps one column.
const FORK = 'chapters/fork-exec-wait/';
const FORK_BASICS = { scenario: 'fork-basics' } as const;

/** Whether two boxes overlap (share some area). */
function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
type Box = { x: number; y: number; width: number; height: number };

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('no box');
  return b;
}

fixtureTest(
  'at 1440 px the code and the tree sit side by side in a wide island',
  async ({ page, island }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(FORK);
    const s = await island(FORK_BASICS, { in: 'fig-fk-fork-basics' });
    const code = await box(s.view('code'));
    const tree = await box(s.view('tree'));
    const consoleView = await box(s.view('console'));
    expect(overlap(code, tree), 'code and tree overlap').toBe(false);
    // One row: the tree starts level with the code, to its right.
    expect(Math.abs(code.y - tree.y)).toBeLessThan(2);
    expect(tree.x).toBeGreaterThanOrEqual(code.x + code.width);
    // The third view has no partner: a row of its own, below both, as wide as the two.
    expect(consoleView.y).toBeGreaterThanOrEqual(
      Math.max(code.y + code.height, tree.y + tree.height),
    );
    expect(consoleView.width).toBeGreaterThan(code.width + tree.width);
    // The island is wider than the text column: it spans into the margin column.
    const paragraph = await box(page.locator('article.prose > p').first());
    const region = await box(s.root);
    expect(region.width).toBeGreaterThan(paragraph.width + 100);
    expect(region.x + region.width).toBeGreaterThan(paragraph.x + paragraph.width + 100);
  },
);

fixtureTest(
  'at 1440 px a CPU timeline spans the island below the state diagram and table',
  async ({ page, island }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('chapters/process-states/');
    const s = await island('Simulation: Process states', { in: 'fig-st-live' });
    const states = await box(s.view('states'));
    const table = await box(s.view('table'));
    const cpu = await box(s.view('cpu'));
    expect(overlap(states, table)).toBe(false);
    expect(Math.abs(states.y - table.y)).toBeLessThan(2);
    expect(cpu.y).toBeGreaterThanOrEqual(
      Math.max(states.y + states.height, table.y + table.height),
    );
    expect(cpu.width).toBeGreaterThan(states.width + table.width);
  },
);

fixtureTest(
  'at 320 px the views stack in one column and nothing overflows',
  async ({ page, island }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(FORK);
    const s = await island(FORK_BASICS, { in: 'fig-fk-fork-basics' });
    const code = await box(s.view('code'));
    const tree = await box(s.view('tree'));
    expect(tree.y).toBeGreaterThanOrEqual(code.y + code.height);
    const region = await box(s.root);
    expect(region.x).toBeGreaterThanOrEqual(0);
    expect(region.x + region.width).toBeLessThanOrEqual(320);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      clientWidth: document.scrollingElement!.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  },
);

fixtureTest(
  'the player stays in view while the reader scrolls through a tall island',
  async ({ page, island }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(FORK);
    const s = await island(FORK_BASICS, { in: 'fig-fk-fork-basics' });
    // Scroll until the island's top is well above the window and its bottom still below it.
    await s.root.evaluate((el) => {
      const r = el.getBoundingClientRect();
      window.scrollBy(0, r.top + Math.min(400, r.height - innerHeight / 2));
    });
    await expect
      .poll(async () => (await box(s.root)).y, { message: 'the island top scrolled away' })
      .toBeLessThan(-200);
    const forward = await box(s.player.forward);
    const header = await box(page.locator('.site-header'));
    expect(forward.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect(forward.y + forward.height).toBeLessThanOrEqual(720);
    // Nothing covers it: a reader can press it where it is.
    await s.player.forward.click();
    await s.at(1);
    await expect(s.narration).toContainText('Step 1');
    await expect(s.narration).toBeInViewport();
  },
);
