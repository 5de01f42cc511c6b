// Chapter 5, fork(), execve(), wait() and exit(): every island driven as a reader drives it.
// Expected values are worked out here: by hand from the C listings (src/os-model/book/ and
// src/os-model/book/ch05-fork-exec-wait/programs.ts) and from ostep-spec §2 for fork.py, with the OS model run in Node only
// to find at which step something happens (never read back from the page).
import { axeChapterTests } from './lib/chapter.ts';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCENARIOS, values, type KEvent } from '../src/os-model/index.ts';
import { counterText, firstStep, modelRun, player, seekTo, type ModelRun } from './lib/sim.ts';

const URL_ = 'chapters/fork-exec-wait/';

/** The island inside figure or exercise `anchor` (#fig-… or #ex-…), hydrated. */
async function sim(page: Page, anchor: string, scenario: string): Promise<Locator> {
  const s = page
    .locator(`#${anchor}`)
    .getByRole('region', { name: `Simulation: ${SCENARIOS[scenario].title}`, exact: true });
  await s.scrollIntoViewIfNeeded();
  await expect(s.getByRole('button', { name: 'Copy link' })).toBeEnabled();
  return s;
}

const consoleLines = (s: Locator) => s.locator('.view-console li');
const treeItems = (s: Locator) =>
  s.getByRole('list', { name: 'Processes by parent' }).getByRole('listitem');
/** The memory map's counts line of one process ("6 pages resident 6 shared 0 private"). */
const counts = (s: Locator, pid: number) =>
  s
    .locator('.view-memory-map')
    .getByRole('article', { name: new RegExp(`^PID ${pid}(?!\\d)`) })
    .locator('.counts');
const countsText = (resident: number, shared: number, priv: number) =>
  new RegExp(`${resident}\\s*pages resident\\s*${shared}\\s*shared\\s*${priv}\\s*private`);
/** The open-file table row of the entry whose path is `path`. */
const fileRow = (s: Locator, path: string) =>
  s.locator('.view-fd-table .files tbody tr').filter({ hasText: path });
/** The ps view's row of `pid`. */
const psRow = (s: Locator, pid: number) =>
  s
    .locator('.view-ps tbody tr')
    .filter({ has: s.page().locator('td.num').first().getByText(String(pid), { exact: true }) });

/** The first step whose events include one matching `pred`. */
const stepOf = (run: ModelRun, pred: (e: KEvent) => boolean) => firstStep(run, (e) => pred(e));

test.beforeEach(async ({ page }) => {
  await page.goto(URL_);
});

test('the chapter is in the table of contents and names its figures', async ({ page }) => {
  await page.goto('./');
  const link = page
    .getByRole('link', { name: /fork\(\), execve\(\), wait\(\) and exit\(\)/ })
    .first();
  await expect(link).toHaveAttribute('href', /\/chapters\/fork-exec-wait\/$/);
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /fork\(\), execve\(\), wait\(\) and exit\(\)$/,
  );
  await expect(page.locator('#fig-fk-homework')).toContainText('Figure 5.');
});

test('fork-basics, with the keyboard: console and tree after every step; three lines in the end', async ({
  page,
}) => {
  const run = modelRun('fork-basics');
  // By hand from the listing: hello before the fork, then the child's line and the parent's.
  const lines = ['hello (pid:2)', 'child (pid:3)', 'parent of 3 (pid:2)'];
  const fork = stepOf(run, (e) => e.type === 'fork');
  const s = await sim(page, 'fig-fk-fork-basics', 'fork-basics');
  await s.focus();
  for (let n = 1; n <= run.length; n++) {
    await page.keyboard.press('ArrowRight');
    await expect(player(s).counter).toHaveText(counterText(run, n));
    // lines printed so far: the prints among the steps up to n, in the hand-made order
    const printed = run.steps
      .slice(1, n + 1)
      .flatMap((st) => st.events.filter((e) => e.type === 'write' && e.to === 'console')).length;
    await expect(consoleLines(s)).toHaveCount(printed);
    for (let i = 0; i < printed; i++) await expect(consoleLines(s).nth(i)).toContainText(lines[i]);
    // PID 3 appears in the tree at the fork, not before.
    if (n === fork)
      await expect(treeItems(s).filter({ hasText: /^PID 3 fork-basics/ })).toHaveCount(1);
    if (n === fork - 1) await expect(treeItems(s).filter({ hasText: /^PID 3 / })).toHaveCount(0);
  }
  await expect(consoleLines(s)).toHaveCount(3);
});

test('fork-loop of 3: 2³ = 8 processes at the peak, 8 hello lines at the end', async ({ page }) => {
  const run = modelRun('fork-loop', 1, { forks: 3 });
  const live = (n: number) =>
    values(run.steps[n].machine.procs).filter((p) => p.name === 'fork-loop').length;
  // The step at which the eighth process appears (the last fork); 8 = 2 ** 3 by hand.
  const peak = run.steps.findIndex((_, n) => live(n) === 2 ** 3);
  expect(peak).toBeGreaterThan(0);
  const s = await sim(page, 'fig-fk-fork-loop', 'fork-loop');
  await seekTo(s, run, peak);
  await expect(treeItems(s).filter({ hasText: /^PID \d+ fork-loop/ })).toHaveCount(8);
  await player(s).slider.fill(String(run.length));
  await expect(player(s).counter).toHaveText(counterText(run, run.length));
  await expect(consoleLines(s)).toHaveCount(8);
  await expect(consoleLines(s).filter({ hasText: 'hello' })).toHaveCount(8);
});

test('fork-exec-wait: wc prints before the parent, which reports rc_wait = the child', async ({
  page,
}) => {
  const run = modelRun('fork-exec-wait');
  const s = await sim(page, 'fig-fk-exec-wait', 'fork-exec-wait');
  await seekTo(s, run, run.length);
  // By hand: hello, child, wc's line, then the parent with rc = rc_wait = 3; never the line after exec.
  const want = [
    'hello (pid:2)',
    'child (pid:3)',
    '13      38     409 p3.c',
    'parent of 3 (rc_wait:3) (pid:2)',
  ];
  await expect(consoleLines(s)).toHaveCount(want.length);
  for (const [i, w] of want.entries()) await expect(consoleLines(s).nth(i)).toContainText(w);
  await expect(s.locator('.view-console')).not.toContainText("shouldn't");
});

test('copy-on-write: 6 pages shared after fork, one copied at the child’s write; exec and a thread for contrast', async ({
  page,
}) => {
  // cow-fork's image: text 1 + data 2 + heap 2 + stack 1 = 6 pages (program.ts).
  const run = modelRun('cow-fork');
  const fork = stepOf(run, (e) => e.type === 'fork');
  const copy = stepOf(run, (e) => e.type === 'cow' && e.copied);
  const s = await sim(page, 'fig-fk-cow', 'cow-fork');
  await expect(counts(s, 2)).toHaveText(countsText(6, 0, 6));
  await seekTo(s, run, fork);
  await expect(counts(s, 2)).toHaveText(countsText(6, 6, 0));
  await expect(counts(s, 3)).toHaveText(countsText(6, 6, 0));
  await seekTo(s, run, copy - 1);
  await expect(counts(s, 3)).toHaveText(countsText(6, 6, 0));
  await seekTo(s, run, copy);
  await expect(counts(s, 2)).toHaveText(countsText(6, 5, 1));
  await expect(counts(s, 3)).toHaveText(countsText(6, 5, 1));
  await expect(s.locator('.view-memory-map')).toContainText('Fault this step');

  // exec: wc's fresh image has 4 pages (1 each), nothing shared; the parent's 6 private again.
  const ex = modelRun('cow-exec');
  const exec = stepOf(ex, (e) => e.type === 'exec');
  const e = await sim(page, 'fig-fk-cow-exec', 'cow-exec');
  await seekTo(e, ex, exec - 1);
  await expect(counts(e, 3)).toHaveText(countsText(6, 6, 0));
  await seekTo(e, ex, exec);
  await expect(counts(e, 3)).toHaveText(countsText(4, 0, 4));
  await expect(counts(e, 2)).toHaveText(countsText(6, 0, 6));

  // a thread: one map of 6 pages + the thread's stack page, nothing shared.
  const th = modelRun('cow-thread');
  const created = stepOf(th, (x) => x.type === 'thread');
  const t = await sim(page, 'fig-fk-cow-thread', 'cow-thread');
  await seekTo(t, th, created);
  await expect(counts(t, 2)).toHaveText(countsText(7, 0, 7));
  await expect(counts(t, 3)).toHaveCount(0);
  await seekTo(t, th, th.length);
  await expect(consoleLines(t).first()).toContainText('main sees 43');
});

test('shared offset: one open file, refs 2, offset 0 → 6 → 13', async ({ page }) => {
  const run = modelRun('shared-offset');
  const writes = run.steps
    .map((st, n) => (st.events.some((e) => e.type === 'write' && e.to === 'file') ? n : -1))
    .filter((n) => n > 0);
  expect(writes).toHaveLength(2);
  const fork = stepOf(run, (e) => e.type === 'fork');
  const s = await sim(page, 'fig-fk-shared-offset', 'shared-offset');
  await seekTo(s, run, fork);
  const row = fileRow(s, 'out.txt');
  // columns: entry, kind + path, offset, refs, used by
  await expect(row.locator('td').nth(1)).toHaveText('0');
  await expect(row.locator('td').nth(2)).toHaveText('2');
  await expect(row).toContainText('shared');
  await seekTo(s, run, writes[0]);
  await expect(row.locator('td').nth(1)).toHaveText('6'); // "child\n"
  await seekTo(s, run, writes[1]);
  await expect(row.locator('td').nth(1)).toHaveText('13'); // + "parent\n"
});

test('redirect: ls writes 18 bytes into out.txt through fd 1; history (O_CLOEXEC) closes at exec', async ({
  page,
}) => {
  const run = modelRun('redirect');
  const exec = stepOf(run, (e) => e.type === 'exec');
  const lastWrite = run.steps.findLastIndex((st) =>
    st.events.some((e) => e.type === 'write' && e.to === 'file'),
  );
  const s = await sim(page, 'fig-fk-redirect', 'redirect');
  await seekTo(s, run, exec - 1);
  await expect(fileRow(s, 'history').locator('td').nth(2)).toHaveText('2'); // shell + child
  await seekTo(s, run, exec);
  await expect(fileRow(s, 'history').locator('td').nth(2)).toHaveText('1'); // closed in the child
  await expect(s.locator('.view-fd-table')).toContainText('fd 3');
  await seekTo(s, run, lastWrite);
  // "notes.txt\n" (10) + "out.txt\n" (8)
  await expect(fileRow(s, 'out.txt').locator('td').nth(1)).toHaveText('18');
  await expect(consoleLines(s)).toHaveCount(0);
  await seekTo(s, run, run.length);
  await expect(consoleLines(s)).toHaveCount(1);
  await expect(consoleLines(s).first()).toContainText('shell: ls (pid 3) exited with status 0');
});

test('zombie and orphan in ps: PID 3 is Z until reaped, PID 4 gets PPID 1', async ({ page }) => {
  const run = modelRun('zombie-orphan');
  const died = stepOf(run, (e) => e.type === 'exit' && e.pid === 3);
  const reaped = stepOf(run, (e) => e.type === 'reap' && e.child === 3);
  const adopted = stepOf(run, (e) => e.type === 'reparent' && e.pid === 4);
  const s = await sim(page, 'fig-fk-zombie-orphan', 'zombie-orphan');
  await seekTo(s, run, died);
  await expect(psRow(s, 3).locator('td').nth(2)).toHaveText('Z');
  await expect(psRow(s, 3).locator('td').nth(1)).toHaveText('2');
  await seekTo(s, run, reaped);
  await expect(psRow(s, 3)).toHaveCount(0);
  await seekTo(s, run, adopted);
  await expect(psRow(s, 4).locator('td').nth(1)).toHaveText('1');
  await expect(
    treeItems(s).filter({ hasText: /^PID 4 .*orphan: its parent PID 2 exited/ }),
  ).toHaveCount(1);
  await seekTo(s, run, run.length);
  await expect(consoleLines(s).first()).toContainText('orphan 4: my parent is now 1');
});

test('you are the parent: SIGCONT makes it wait once; SIGKILL hands the zombie to init', async ({
  page,
}) => {
  const run = modelRun('lazy-parent');
  const s = await sim(page, 'fig-fk-lazy', 'lazy-parent');
  const p = player(s);
  await s.focus();
  await page.keyboard.press('End');
  await expect(p.counter).toHaveText(counterText(run, run.length));
  // By hand: the parent stopped itself (T), its children (exit 2 and 1) are zombies.
  await expect(psRow(s, 2).locator('td').nth(2)).toHaveText('T');
  await expect(psRow(s, 3).locator('td').nth(2)).toHaveText('Z');
  await expect(psRow(s, 4).locator('td').nth(2)).toHaveText('Z');

  const send = async (pid: number, signal: string) => {
    await s.getByLabel('Send to').selectOption({ label: `PID ${pid} (lazy-parent)` });
    await s.getByLabel('Signal').selectOption(signal);
    await s.getByRole('button', { name: 'Send signal' }).click();
    await expect(s.getByRole('group', { name: 'Your actions' }).getByRole('status')).toHaveText(
      /./,
    );
  };
  await send(2, 'SIGCONT');
  await page.keyboard.press('End');
  await expect(consoleLines(s)).toHaveCount(1);
  await expect(consoleLines(s).first()).toContainText('reaped 3 (status 2)');
  await expect(psRow(s, 3)).toHaveCount(0);
  await expect(psRow(s, 4).locator('td').nth(2)).toHaveText('Z');

  await send(2, 'SIGKILL');
  await s.focus();
  await page.keyboard.press('End');
  // init reaped PID 2 and its adopted zombie 4: only init is left.
  await expect(s.locator('.view-ps tbody tr')).toHaveCount(1);
  await expect(psRow(s, 1)).toHaveCount(1);
});

test('subreaper: the daemon is adopted by PID 2, not init', async ({ page }) => {
  const run = modelRun('subreaper');
  const s = await sim(page, 'fig-fk-subreaper', 'subreaper');
  await seekTo(s, run, run.length);
  await expect(consoleLines(s)).toHaveCount(3);
  await expect(consoleLines(s).nth(1)).toContainText('daemon 4: my parent is now 2');
  await expect(consoleLines(s).nth(2)).toContainText('reaped 4 (status 3)');
});

test('predict: which line prints next, right then wrong', async ({ page }) => {
  const run = modelRun('fork-basics');
  const printSteps = run.steps
    .map((st, n) => (st.events.some((e) => e.type === 'write' && e.to === 'console') ? n : -1))
    .filter((n) => n > 0);
  const s = await sim(page, 'ex-fk-predict-basics', 'fork-basics');
  const p = player(s);
  const q = s.getByRole('group', {
    name: 'The next step prints a line on the console. Which line?',
  });
  const result = s.locator('.predict [role="status"]');
  const goTo = async (n: number) => {
    while (Number(await p.slider.inputValue()) < n) {
      const skip = s.getByRole('button', { name: 'Skip question' });
      if (await skip.isVisible()) await skip.click();
      await p.forward.click();
    }
    await expect(p.counter).toHaveText(counterText(run, n));
  };
  await goTo(printSteps[0] - 1);
  await q.getByRole('radio', { name: 'hello (pid:2)', exact: true }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(result).toContainText('Right.');
  await p.forward.click();
  await goTo(printSteps[1] - 1);
  // The child prints next; the parent's line is the wrong answer.
  await q.getByRole('radio', { name: 'hello (pid:3)', exact: true }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(result).toContainText('Not quite.');
  await expect(result).toContainText('child (pid:3)');
});

test('predict: the tree after the first fork of the loop', async ({ page }) => {
  const run = modelRun('fork-loop', 1, { forks: 2 });
  const fork = stepOf(run, (e) => e.type === 'fork');
  const s = await sim(page, 'ex-fk-predict-loop', 'fork-loop');
  const p = player(s);
  for (let i = 1; i < fork; i++) await p.forward.click();
  const q = s.getByRole('group', {
    name: /^What will the process tree look like after the next step\?/,
  });
  await expect(q).toBeVisible();
  // By hand: init (1) → the program (2) → its first child (3).
  await q.getByRole('radio', { name: 'PID 1 → PID 2 → PID 3', exact: true }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(s.locator('.predict [role="status"]')).toContainText('Right.');
});

test.describe('fork.py homework', () => {
  const sp = (n: number) => ' '.repeat(n);
  const tree = (...l: string[]) => l.map((x) => sp(31) + x).join('\n');

  async function homework(page: Page) {
    const f = page.locator('#fig-fk-homework');
    await f.getByRole('heading', { name: 'OSTEP fork.py homework' }).scrollIntoViewIfNeeded();
    // hydrated: the fields are enabled once the island runs
    await expect(f.getByLabel('Action list (-A)')).toBeEnabled();
    return f;
  }

  test('default list: predict the flattened tree, reveal fork.py -c', async ({ page }) => {
    const f = await homework(page);
    await expect(f.getByTestId('fork-hw-command')).toHaveText('./fork.py -A a+b,b+c,c+d,b-');
    await expect(f.getByTestId('fork-hw-question')).toContainText('Action: b EXITS\nProcess Tree?');
    // keyboard: type the prediction, tab to the button, press Enter
    await f.getByLabel('Your prediction').fill('a\n  c\n  d');
    await f.getByLabel('Your prediction').focus();
    await page.keyboard.press('Tab');
    await expect(f.getByRole('button', { name: 'Reveal the answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(f.locator('.result[role="status"]')).toContainText('Right.');
    // spec §2.3 golden: a+b,b+c,c+d,b- → a:[c,d]
    await expect(f.getByTestId('fork-hw-answer')).toContainText(
      'Action: b EXITS\n' + tree('a', '├── c', '└── d'),
    );
  });

  test('-R, and a wrong prediction', async ({ page }) => {
    const f = await homework(page);
    await f.getByLabel('Orphans go to their grandparent (-R)').check();
    await expect(f.getByTestId('fork-hw-command')).toHaveText('./fork.py -A a+b,b+c,c+d,b- -R');
    await f.getByLabel('Your prediction').fill('a\n  c\n  d');
    await f.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.locator('.result[role="status"]')).toContainText('Not quite.');
    // golden with -R: a:[c], c:[d]
    await expect(f.getByTestId('fork-hw-answer')).toContainText(
      'Action: b EXITS\n' + tree('a', '└── c', '    └── d'),
    );
  });

  test('a longer list with -F and the line1 style (spec §2.3 second golden case)', async ({
    page,
  }) => {
    const f = await homework(page);
    await f.getByLabel('Action list (-A)').fill('a+b,a+c,b+d,b+e,d+f,b-');
    await f.getByLabel('Final tree only (-F)').check();
    await f.getByLabel('Print style (-P)').selectOption('line1');
    await expect(f.getByTestId('fork-hw-question')).toContainText(`${sp(24)}Final Process Tree?`);
    // By hand (spec §2.3): b's subtree in pre-order is d, f, e, appended after c.
    await f.getByLabel('Your prediction').fill('a\n c\n d\n e\n f');
    await f.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.locator('.result[role="status"]')).toContainText('Not quite.');
    await f.getByLabel('Your prediction').fill('a\n c\n d\n f\n e');
    await f.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.locator('.result[role="status"]')).toContainText('Right.');
    await expect(f.getByTestId('fork-hw-answer')).toContainText(
      `${sp(24)}Final Process Tree:\n` + tree('a', '+-- c', '+-- d', '+-- f', '|-- e'),
    );
  });

  test('-t asks for the actions', async ({ page }) => {
    const f = await homework(page);
    await f.getByLabel('Action list (-A)').fill('a+b,b+c,a+d');
    await f.getByLabel('Show the trees, ask for the actions (-t)').check();
    await expect(f.getByTestId('fork-hw-question')).toContainText(
      'Action?\n' + tree('a', '└── b') + '\nAction?',
    );
    await f.getByLabel('Your prediction').fill('a+b, b+c, a+d');
    await f.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.locator('.result[role="status"]')).toContainText('Right.');
    await expect(f.getByTestId('fork-hw-answer')).toContainText('Action: a forks d');
  });

  test('an invalid action list names the bad action', async ({ page }) => {
    const f = await homework(page);
    await f.getByLabel('Action list (-A)').fill('a+b,x+y,b-');
    await expect(f.getByRole('alert')).toContainText('Action 2, “x+y”');
    await expect(f.getByRole('alert')).toContainText('bad action (x+y)');
    await f.getByLabel('Action list (-A)').fill('a+b');
    await expect(f.getByRole('alert')).toHaveCount(0);
  });
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('islands show step 0 and a transcript; the homework shows the quiz and the answer', async ({
    page,
  }) => {
    await page.goto(URL_);
    const fig = page.locator('#fig-fk-fork-basics');
    await expect(fig.getByText('Process tree')).toBeVisible();
    await expect(fig.locator('details summary', { hasText: 'Transcript' })).toBeVisible();
    const hw = page.locator('#fig-fk-homework');
    await expect(hw).toContainText('./fork.py -A a+b,b+c,c+d,b-');
    await expect(hw.locator('pre').first()).toContainText('Process Tree?');
    await hw.locator('summary', { hasText: 'The answer' }).click();
    await expect(hw.locator('details pre')).toContainText(tree3());
    const lab = page.getByRole('link', { name: 'forkbench.c' });
    await expect(lab).toHaveAttribute('href', /\/labs\/forkbench\.c$/);
    const res = await page.request.get(new URL((await lab.getAttribute('href'))!, page.url()).href);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain('posix_spawn');
  });
});

function tree3() {
  return [' a', ' ├── c', ' └── d'].map((l) => ' '.repeat(30) + l).join('\n');
}
