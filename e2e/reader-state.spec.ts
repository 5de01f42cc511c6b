// What a reader does in the islands that are not step-by-step simulations (the two OSTEP homework
// islands, the connection storm and the pooling island) survives a reload, and a corrupt stored
// entry is ignored field by field instead of breaking the island. Expected figures are worked out
// by hand in the comments.
import { expect, test, type Locator, type Page } from '@playwright/test';

/** The island's form once hydrated: it hydrates on sight, and its controls are disabled until then. */
async function ready(field: Locator): Promise<Locator> {
  await field.scrollIntoViewIfNeeded();
  await expect(field).toBeEnabled();
  return field;
}

/** Reloads and waits for the island to hydrate again. */
async function reload(page: Page, field: Locator): Promise<void> {
  await page.reload();
  await ready(field);
}

test('process-run: the flags and a checked prediction are kept after a reload', async ({
  page,
}) => {
  await page.goto('chapters/process-states/');
  const hw = page.getByRole('region', { name: 'process-run: one I/O, then four CPU instructions' });
  const list = await ready(hw.getByLabel('-l process list'));
  await list.fill('5:100,5:100');
  await hw.getByRole('button', { name: 'Show the programs' }).click();
  await expect(hw.getByText('./process-run.py -l 5:100,5:100').first()).toBeVisible();
  // Two processes of five CPU instructions each and no I/O: 10 ticks, CPU busy 10, I/O busy 0.
  await hw.getByLabel('Total time').fill('10');
  await hw.getByLabel('CPU busy').fill('10');
  await hw.getByLabel('IO busy').fill('0');
  await hw.getByRole('button', { name: 'Check figures' }).click();
  const verdict = 'Right: total time 10, CPU busy 10, I/O busy 0 ticks.';
  await expect(hw.getByText(verdict)).toBeVisible();

  await reload(page, list);
  await expect(list).toHaveValue('5:100,5:100');
  await expect(hw.getByText('./process-run.py -l 5:100,5:100').first()).toBeVisible();
  await expect(hw.getByLabel('Total time')).toHaveValue('10');
  await expect(hw.getByText(verdict)).toBeVisible();
});

test('process-run: a corrupt stored entry is ignored and the island works', async ({ page }) => {
  await page.addInitScript(() => {
    const key = `pss:process-run:${location.pathname}:st-homework`;
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(
        key,
        '{"draft": {"l": 5, "S": "SWITCH_SIDEWAYS"}, "applied": [1], "at": "x", "results": 3}',
      );
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('chapters/process-states/');
  const hw = page.getByRole('region', { name: 'process-run: one I/O, then four CPU instructions' });
  const list = await ready(hw.getByLabel('-l process list'));
  // The chapter's own flags, as written in the MDX.
  await expect(list).toHaveValue('1:0,4:100');
  await expect(hw.getByRole('alert')).toHaveCount(0);
  await list.fill('2:100');
  await hw.getByRole('button', { name: 'Show the programs' }).click();
  await expect(hw.getByText('./process-run.py -l 2:100').first()).toBeVisible();
});

test('fork.py: the action list, the prediction and the revealed answer are kept', async ({
  page,
}) => {
  await page.goto('chapters/fork-exec-wait/');
  const hw = page.getByRole('region', { name: 'OSTEP fork.py homework' });
  const actions = await ready(hw.getByLabel('Action list (-A)'));
  await actions.fill('a+b,b+c');
  await hw.getByLabel('Your prediction').fill('a\n  b\n    c');
  await hw.getByRole('button', { name: 'Reveal the answer' }).click();
  // a forks b, then b forks c: the last tree is a chain a, b, c.
  const answer = hw.getByRole('group', { name: 'fork.py’s answer, scrollable' });
  await expect(answer).toContainText('Action: b forks c');
  await expect(answer).toContainText('a └── b └── c');

  await reload(page, actions);
  await expect(actions).toHaveValue('a+b,b+c');
  await expect(hw.getByLabel('Your prediction')).toHaveValue('a\n  b\n    c');
  await expect(answer).toContainText('Action: b forks c');
});

test('connection storm and pooling: the reader’s choices are kept', async ({ page }) => {
  await page.goto('chapters/process-per-connection/');
  const storm = page.getByRole('region', { name: 'Connection storm' });
  const slider = await ready(storm.getByRole('slider'));
  await slider.focus();
  // Home puts the slider at 1 client; three ArrowRight presses make 4.
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('4');

  const pool = page.getByRole('region', { name: 'Pooling' });
  const session = await ready(pool.getByRole('radio', { name: 'Pooler in session mode' }));
  await session.check();
  await pool.getByLabel('Clients').fill('12');

  await reload(page, slider);
  await expect(slider).toHaveValue('4');
  await expect(pool.getByRole('radio', { name: 'Pooler in session mode' })).toBeChecked();
  await expect(pool.getByLabel('Clients')).toHaveValue('12');
});

test.describe('shared homework links', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('process-run: "Copy link" shares the flags; the link opens the homework with them, focused', async ({
    page,
    context,
  }) => {
    await page.goto('chapters/process-states/');
    const hw = page.getByRole('region', {
      name: 'process-run: one I/O, then four CPU instructions',
    });
    const list = await ready(hw.getByLabel('-l process list'));
    await list.fill('3:100,2:0');
    await hw.getByLabel('-S switch').selectOption('SWITCH_ON_END');
    await hw.getByRole('button', { name: 'Show the programs' }).click();
    await hw.getByRole('button', { name: 'Copy link' }).click();
    await expect(
      hw.getByText('Link copied: it opens this homework with these flags.'),
    ).toBeVisible();
    await expect(page).toHaveURL(/#st-homework=[^&]+$/);
    const url = page.url();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    const other = await context.newPage();
    await other.goto(url);
    const opened = other.getByRole('region', {
      name: 'process-run: one I/O, then four CPU instructions',
    });
    await expect(opened).toBeInViewport();
    await expect(opened).toBeFocused();
    await expect(await ready(opened.getByLabel('-l process list'))).toHaveValue('3:100,2:0');
    await expect(
      opened.getByText('./process-run.py -l 3:100,2:0 -S SWITCH_ON_END').first(),
    ).toBeVisible();
  });

  test('fork.py: a shared link sets the flags and starts a new quiz', async ({ page, context }) => {
    await page.goto('chapters/fork-exec-wait/');
    const hw = page.getByRole('region', { name: 'OSTEP fork.py homework' });
    const actions = await ready(hw.getByLabel('Action list (-A)'));
    await actions.fill('a+b,a+c,b-');
    await hw.getByRole('button', { name: 'Copy link' }).click();
    await expect(page).toHaveURL(/#fk-hw=[^&]+$/);
    // The reader who shared it had already revealed the answer; the link does not carry that.
    await hw.getByRole('button', { name: 'Reveal the answer' }).click();

    const other = await context.newPage();
    await other.goto(page.url());
    const opened = other.getByRole('region', { name: 'OSTEP fork.py homework' });
    await expect(await ready(opened.getByLabel('Action list (-A)'))).toHaveValue('a+b,a+c,b-');
    await expect(opened.getByRole('group', { name: 'fork.py’s answer, scrollable' })).toHaveCount(
      0,
    );
  });

  test('a damaged link gets an alert in its island only, and the island keeps its own flags', async ({
    page,
  }) => {
    await page.goto('chapters/process-states/#st-homework=%7B%22l%22%3A5');
    const hw = page.getByRole('region', {
      name: 'process-run: one I/O, then four CPU instructions',
    });
    await expect(await ready(hw.getByLabel('-l process list'))).toHaveValue('1:0,4:100');
    await expect(hw.getByRole('alert')).toContainText('cannot be read');
    const other = page.getByRole('region', { name: 'process-run: does the order matter?' });
    await ready(other.getByLabel('-l process list'));
    await expect(other.getByRole('alert')).toHaveCount(0);
  });
});
