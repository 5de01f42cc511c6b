// Chapter 6, Threads: every island driven as a reader drives it, by keyboard and mouse, plus the
// gates every chapter passes (table of contents, axe in both themes, the text without
// JavaScript). Expected values are worked out here by hand: schedule counts from the multinomial
// formula, the lost-update and deadlock schedules from the listings in
// src/os-model/book/ch06-threads/ladder.ts, memory from public/data/calibration.md §10a; the kernel
// model runs in Node only for the Simulation's step count and narration (e2e/lib/sim.ts).
import { axeChapterTests } from './lib/chapter.ts';
import { expect, figure, test } from './lib/fixtures.ts';
import { counterText, modelRun, narrationOf } from './lib/sim.ts';
import { tabTo } from './lib/site.ts';

const URL_ = 'chapters/threads/';
const run = modelRun('thread-race');

test('the chapter is in the table of contents, with numbered figures', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: 'Chapter 6: Threads', exact: true });
  await expect(link).toHaveAttribute('href', new RegExp(`/${URL_}$`));
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Threads');
  await expect(figure(page, '6.1')).toHaveAttribute('id', 'fig-th-shared');
});

test('the kernel model: the race stepped by keyboard, and its lost update', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const sim = await island({ scenario: 'thread-race' }, { in: 'fig-th-race-sim', run });
  await sim.at(0);
  await sim.root.focus();
  await tabTo(page, sim.player.forward);
  await page.keyboard.press('Enter');
  await sim.at(1);
  await expect(sim.narration).toHaveText(narrationOf(run, 1));
  // By hand: thread 3 loads 0 at tick 4 (two-tick slices; see scenarios.test.ts).
  await sim.seek(4);
  await expect(sim.narration).toContainText('Thread 3 of PID 2 loads 0 from address 128');
  await sim.seek(run.length - 1);
  await expect(sim.view('console')).toContainText('counter = 4 (expected 6)');
});

test('all schedules: counts, a bar replayed, stepped by keyboard', async ({ page, island }) => {
  await page.goto(URL_);
  const s = (await island('All schedules')).root;
  // 2 threads × 3 steps: 6!/(3!3!) = 20; only the 2 serial orders end at 2.
  await expect(s.getByRole('status')).toContainText('= 20 schedules, of which 18 end');
  await expect(s.getByRole('button', { name: /counter = 2: 2 schedules/ })).toBeVisible();
  // The simplest bad schedule, found by the checker: A loads, B runs whole, A finishes.
  await expect(s).toContainText('Schedule ABBBAA');
  // Two increments each: C(12,6) = 924; C(4,2) = 6 end at 4.
  await s.getByRole('combobox', { name: 'Increments per thread' }).selectOption('2');
  await expect(s.getByRole('status')).toContainText('= 924 schedules, of which 918 end');
  const right = s.getByRole('button', { name: /counter = 4: 6 schedules/ });
  await right.focus();
  await page.keyboard.press('Enter');
  await expect(right).toHaveAttribute('aria-pressed', 'true');
  const replay = s.getByRole('group', { name: 'Replay of the chosen schedule', exact: true });
  await expect(replay).toContainText('Step 0 of 12');
  await replay.getByRole('button', { name: 'Step forward' }).focus();
  await page.keyboard.press('Enter');
  await expect(replay).toContainText('Step 1: A loads counter (0) into its register.');
  await page.reload();
  // The choice survives a reload.
  const again = (await island('All schedules')).root;
  await expect(again.getByRole('status')).toContainText('924 schedules');
});

test('the campaign: each winnable level won, Peterson proved safe, undo and time travel', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const c = (await island('Be the adversarial scheduler')).root;
  const runA = c.getByRole('button', { name: "Run A's next step" });
  const runB = c.getByRole('button', { name: "Run B's next step" });
  // Level 1, by hand: A loads 0; B loads, adds, stores 1; A adds and stores 1.
  for (const b of [runA, runB, runB, runB, runA]) await b.click();
  await expect(c.getByText(/^Goal met/)).toHaveCount(0);
  await runA.focus();
  await page.keyboard.press('Enter');
  await expect(c.getByRole('status').filter({ hasText: 'Goal met' })).toContainText(
    'Goal met at step 6, with the schedule ABBBAA.',
  );
  // Undo, then scrub back to step 1 and branch: B runs whole after A's load gives the same win.
  await c.getByRole('button', { name: 'Undo' }).click();
  await expect(c).toContainText('step 5 of 5');
  const slider = c.getByRole('slider', { name: /Time travel/ });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(c).toContainText('step 0 of 5');

  // Level 2, the flag: both test the flag (0), then both set it: both are inside at step 4.
  await c.getByRole('radio', { name: '2. Break the flag lock' }).check();
  for (const b of [runA, runB, runA, runB]) await b.click();
  await expect(c.getByRole('status').filter({ hasText: 'Goal met' })).toContainText(
    'Goal met at step 4, with the schedule ABAB.',
  );

  // Level 3: A takes m1, B takes m2; each then sleeps on the other's mutex.
  await c.getByRole('radio', { name: '3. Deadlock' }).check();
  await runA.click();
  await runB.click();
  await expect(c.getByRole('status').filter({ hasText: 'Goal met' })).toContainText(
    'Goal met at step 2, with the schedule AB.',
  );
  await expect(runA).toBeDisabled();
  await expect(c).toContainText('A sleeps: m2 is held by B');

  // Level 4: Peterson; the checker runs every schedule and none puts both inside.
  await c.getByRole('radio', { name: '4. Break Peterson' }).check();
  await c.getByRole('button', { name: 'Ask the checker whether it can be done' }).click();
  await expect(c).toContainText('in none of them does the goal happen');
});

test('x86.py homework: question, answer with -c, a bad flag named', async ({ page, island }) => {
  await page.goto(URL_);
  const h = (await island('Homework: x86.py')).root;
  await expect(h.getByRole('combobox', { name: "The book's programs" })).toHaveValue(
    'racy-counter.s',
  );
  const question = h.getByRole('group', { name: /The question/ });
  await expect(question).toContainText('    ?       ?     ?   1000 mov  counter, %ax');
  await h.getByRole('button', { name: "Reveal x86.py's answer (-c)" }).click();
  // By hand: with an interrupt every 2 instructions both threads load and add before either
  // stores, in both rounds, so the four stores write 1, 1, 2, 2 (the counter's column first).
  const answer = h.getByRole('group', { name: /The answer/ });
  await expect(answer).toContainText(
    '    1       1     2                            1002 mov  %ax, counter',
  );
  await expect(answer).toContainText(
    '    2       2     1                            1002 mov  %ax, counter',
  );
  const flags = h.getByRole('textbox', { name: 'Flags for x86.py' });
  await flags.fill('-p racy-counter.s -t two');
  await expect(h.getByRole('alert')).toContainText("option -t: invalid integer value: 'two'");
  // -i 3: each load, add and store run unbroken; the last store writes 4.
  await flags.fill('-p racy-counter.s -t 2 -a cx=2 -M counter -i 3');
  await h.getByRole('button', { name: "Reveal x86.py's answer (-c)" }).click();
  await expect(answer).toContainText(/\n\s+4\s+1002 mov {2}%ax, counter\n/);
  // Another of the book's programs, by keyboard.
  const pick = h.getByRole('combobox', { name: "The book's programs" });
  await pick.focus();
  await pick.selectOption('peterson.s');
  await expect(flags).toHaveValue(/-p peterson\.s/);
});

test('the fix ladder: each rung checked over every schedule', async ({ page, island }) => {
  await page.goto(URL_);
  const l = (await island('The fix ladder')).root;
  await expect(l.getByRole('status')).toContainText('A plain flag: bug in 500 of 506 schedules.');
  const tas = l.getByRole('radio', { name: '3. Test-and-set' });
  await tas.focus();
  await page.keyboard.press('Space');
  await expect(l.getByRole('status')).toContainText('Test-and-set: 0 of 2 schedules end badly.');
  await l.getByRole('radio', { name: "4. Peterson's algorithm" }).check();
  await expect(l.getByRole('status')).toContainText("Peterson's algorithm: 0 of 36 schedules");
  // One CPU, a 2-step slice: test-and-set spins 4 slots, the mutex sleeps once (by hand, see
  // costs.test.ts).
  const row = (name: string) => l.getByRole('row', { name: new RegExp(`^${name}`) });
  // Cells: steps of work, slots spun, futex waits, futex wakes, switches.
  await expect(row('Test-and-set').getByRole('cell')).toHaveText(['10', '4', '0', '0', '5']);
  await expect(row('A mutex \\d').getByRole('cell')).toHaveText(['10', '0', '1', '1', '3']);
});

test('the mutex under the hood: the contention slider by keyboard', async ({ page, island }) => {
  await page.goto(URL_);
  const f = (await island('A mutex under the hood')).root;
  const slider = f.getByRole('slider', { name: /holds the lock/ });
  await expect(f).toContainText('holds the lock 10 %');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(f).toContainText('holds the lock 1 %');
  await expect(f.getByRole('status')).toContainText('Of 4,000 acquisitions');
  await page.keyboard.press('End');
  await expect(f).toContainText('holds the lock 95 %');
});

test('priced: a bad count names the field; 10,000 threads; a stray write', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const p = (await island('Threads, processes and an event loop, priced')).root;
  const box = p.getByRole('textbox', { name: /Units of work/ });
  await box.fill('ten');
  await expect(p.getByRole('alert')).toHaveText(
    'The number of units must be a whole number, such as 20; got “ten”.',
  );
  await box.fill('10000');
  // 10,000 × 35 kB = 341.8 MiB; × 105 kB = 1,025.4 MiB; × 32.9 µs = 329 ms (calibration).
  const thread = p.getByRole('row', { name: /pthread_create/ });
  await expect(thread).toContainText('341.8 MiB');
  await expect(thread).toContainText('329.0 ms');
  await expect(p.getByRole('row', { name: /fork\(\)/ })).toContainText('1,025.4 MiB');
  await p.getByRole('button', { name: 'pthread_create(): a thread' }).click();
  await expect(p.getByRole('status')).toContainText('A now reads 57005');
  await p.getByRole('button', { name: 'fork(): a child process' }).click();
  await expect(p.getByRole('status')).toContainText("A's balance is still 100");
});

test('shared and private: a column read as a sentence', async ({ page, island }) => {
  await page.goto(URL_);
  const s = (await island('Shared and private, three ways')).root;
  await s.getByRole('radio', { name: 'fork(): a child process' }).check();
  await expect(s.getByRole('status')).toContainText('fork(): a child process shares code (text)');
  await s.getByRole('combobox', { name: 'How many idle units' }).selectOption('1000');
  // 1,000 × 105 kB = 102.5 MiB.
  await expect(s).toContainText('102.5 MiB');
});

test('predict then reveal: the checker grades a typed answer', async ({ page, island }) => {
  await page.goto(URL_);
  const q = (
    await island(
      'Predict: Two threads each do two increments (6 steps each). How many schedules are there?',
    )
  ).root;
  const box = q.getByRole('textbox', { name: 'Your prediction' });
  await box.fill('many');
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(q.getByRole('alert')).toContainText('must be a whole number');
  await box.fill('924');
  await box.press('Tab');
  await page.keyboard.press('Enter');
  await expect(q).toContainText('Right: 924.');
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the text, the islands at their first state with transcripts, and the lab', async ({
    page,
  }) => {
    await page.goto(URL_);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toContainText('Threads');
    const sim = main.getByRole('region', { name: 'Simulation: A data race', exact: true });
    await expect(sim).toContainText(counterText(run, 0));
    await expect(sim).toContainText('counter = 4 (expected 6)');
    const all = main.getByRole('region', { name: 'All schedules' });
    await expect(all).toContainText('20 schedules');
    await expect(all).toContainText('A loads counter (0) into its register.');
    await expect(main.getByRole('region', { name: 'The fix ladder' })).toContainText(
      'bug in 500 of 506 schedules',
    );
    await expect(main.getByRole('region', { name: 'Be the adversarial scheduler' })).toContainText(
      'Two threads each add 1 to counter.',
    );
    const hw = main.getByRole('region', { name: 'Homework: x86.py' });
    await expect(hw).toContainText('ARG numthreads 2');
    await expect(hw).toContainText('1000 mov  counter, %ax');
    const lab = page.getByRole('link', { name: 'race.c' }).first();
    await expect(lab).toHaveAttribute('href', /\/labs\/race\.c$/);
    const res = await page.request.get(new URL((await lab.getAttribute('href'))!, page.url()).href);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain('__atomic_fetch_add');
  });
});
