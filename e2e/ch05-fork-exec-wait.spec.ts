// Chapter 5, fork(), execve(), wait() and exit(): every island driven as a reader drives it.
// Expected values are worked out here: by hand from the C listings (src/os-model/book/ and
// src/os-model/book/ch05-fork-exec-wait/programs.ts) and from ostep-spec §2 for fork.py, with the OS model run in Node only
// to find at which step something happens (never read back from the page).
import { axeChapterTests } from './lib/chapter.ts';
import { type Locator } from '@playwright/test';
import { values, type KEvent } from '../src/os-model/index.ts';
import { bodyRows, expect, figure, test, type Fixtures, type Island } from './lib/fixtures.ts';
import { firstStep, modelRun, type ModelRun } from './lib/sim.ts';

const URL_ = 'chapters/fork-exec-wait/';
/** The fork.py island of figure 5.15. */
const HOMEWORK = 'OSTEP fork.py homework';

const consoleLines = (s: Island) => s.view('console').getByRole('listitem');
const treeItems = (s: Island) =>
  s.view('tree').getByRole('list', { name: 'Processes by parent' }).getByRole('listitem');
/** The memory map's counts line of one process ("6 pages resident 6 shared 0 private"). */
const counts = (s: Island, pid: number) =>
  s
    .view('memory')
    .getByRole('article', { name: new RegExp(`^PID ${pid}(?!\\d)`) })
    .getByRole('paragraph')
    .filter({ hasText: /pages resident/ });
const countsText = (resident: number, shared: number, priv: number) =>
  new RegExp(`${resident}\\s*pages resident\\s*${shared}\\s*shared\\s*${priv}\\s*private`);
/** The open-file table's row of the entry whose path is `path`. */
const fileRow = (s: Island, path: string) =>
  bodyRows(s.view('fds').getByRole('table', { name: /^Open-file table/ })).filter({
    hasText: path,
  });
/** The ps view's row of `pid` (its first cell, PID, says `pid`). */
const psRow = (s: Island, pid: number) =>
  bodyRows(s.view('ps')).filter({
    has: s.page.getByRole('cell').first().getByText(String(pid), { exact: true }),
  });
/** A data cell of a row: 0 is the first <td> (a row header <th> is not a cell). */
const cell = (row: Locator, i: number) => row.getByRole('cell').nth(i);

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
  await expect(figure(page, '5.15')).toHaveAttribute('id', 'fig-fk-homework');
});

test('fork-basics, with the keyboard: console and tree after every step; three lines in the end', async ({
  page,
  island,
}) => {
  const run = modelRun('fork-basics');
  // By hand from the listing: hello before the fork, then the child's line and the parent's.
  const lines = ['hello (pid:2)', 'child (pid:3)', 'parent of 3 (pid:2)'];
  const fork = stepOf(run, (e) => e.type === 'fork');
  const s = await island({ scenario: 'fork-basics' }, { in: 'fig-fk-fork-basics', run });
  await s.root.focus();
  for (let n = 1; n <= run.length; n++) {
    await page.keyboard.press('ArrowRight');
    await s.at(n);
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

test('fork-loop of 3: 2³ = 8 processes at the peak, 8 hello lines at the end', async ({
  island,
}) => {
  const run = modelRun('fork-loop', 1, { forks: 3 });
  const live = (n: number) =>
    values(run.steps[n].machine.procs).filter((p) => p.name === 'fork-loop').length;
  // The step at which the eighth process appears (the last fork); 8 = 2 ** 3 by hand.
  const peak = run.steps.findIndex((_, n) => live(n) === 2 ** 3);
  expect(peak).toBeGreaterThan(0);
  const s = await island({ scenario: 'fork-loop' }, { in: 'fig-fk-fork-loop', run });
  await s.seek(peak);
  await expect(treeItems(s).filter({ hasText: /^PID \d+ fork-loop/ })).toHaveCount(8);
  await s.seek(run.length);
  await expect(consoleLines(s)).toHaveCount(8);
  await expect(consoleLines(s).filter({ hasText: 'hello' })).toHaveCount(8);
});

test('fork-exec-wait: wc prints before the parent, which reports rc_wait = the child', async ({
  island,
}) => {
  const run = modelRun('fork-exec-wait');
  const s = await island({ scenario: 'fork-exec-wait' }, { in: 'fig-fk-exec-wait', run });
  await s.seek(run.length);
  // By hand: hello, child, wc's line, then the parent with rc = rc_wait = 3; never the line after exec.
  const want = [
    'hello (pid:2)',
    'child (pid:3)',
    '13      38     409 p3.c',
    'parent of 3 (rc_wait:3) (pid:2)',
  ];
  await expect(consoleLines(s)).toHaveCount(want.length);
  for (const [i, w] of want.entries()) await expect(consoleLines(s).nth(i)).toContainText(w);
  await expect(s.view('console')).not.toContainText("shouldn't");
});

test('copy-on-write: after fork every page is shared but the stack, copied as fork returns; then one more copy at the child’s write to counter; exec and a thread for contrast', async ({
  island,
}) => {
  // cow-fork's image: text 1 + data 2 + heap 2 + stack 1 = 6 pages (program.ts). The parent
  // writes its stack as fork returns: that page is copied in the fork's step, so both processes
  // have 5 shared pages and 1 private. The child's write to counter copies page 16: 4 and 2.
  const run = modelRun('cow-fork');
  const fork = stepOf(run, (e) => e.type === 'fork');
  const copy = stepOf(run, (e) => e.type === 'cow' && e.copied && e.page === 16);
  const s = await island({ scenario: 'cow-fork' }, { in: 'fig-fk-cow', run });
  await expect(counts(s, 2)).toHaveText(countsText(6, 0, 6));
  await s.seek(fork);
  await expect(counts(s, 2)).toHaveText(countsText(6, 5, 1));
  await expect(counts(s, 3)).toHaveText(countsText(6, 5, 1));
  await expect(s.view('memory')).toContainText('PID 2 wrote to copy-on-write page 64');
  await s.seek(copy - 1);
  await expect(counts(s, 3)).toHaveText(countsText(6, 5, 1));
  await s.seek(copy);
  await expect(counts(s, 2)).toHaveText(countsText(6, 4, 2));
  await expect(counts(s, 3)).toHaveText(countsText(6, 4, 2));
  await expect(s.view('memory')).toContainText('Fault this step');
  // in all, two pages were copied: the stack, then counter's
  expect(
    run.steps.flatMap((st) => st.events.filter((x) => x.type === 'cow' && x.copied)).length,
  ).toBe(2);

  // exec: exactly one page (the stack) was copied before it; wc's fresh image has 4 pages
  // (1 each), nothing shared; the parent's 6 private again.
  const ex = modelRun('cow-exec');
  const exec = stepOf(ex, (e) => e.type === 'exec');
  expect(
    ex.steps.slice(0, exec).flatMap((st) => st.events.filter((x) => x.type === 'cow' && x.copied)),
  ).toHaveLength(1);
  const e = await island({ scenario: 'cow-exec' }, { in: 'fig-fk-cow-exec', run: ex });
  await e.seek(exec - 1);
  await expect(counts(e, 3)).toHaveText(countsText(6, 5, 1));
  await e.seek(exec);
  await expect(counts(e, 3)).toHaveText(countsText(4, 0, 4));
  await expect(counts(e, 2)).toHaveText(countsText(6, 0, 6));

  // a thread: one map of 6 pages + the thread's stack page, nothing shared.
  const th = modelRun('cow-thread');
  const created = stepOf(th, (x) => x.type === 'thread');
  const t = await island({ scenario: 'cow-thread' }, { in: 'fig-fk-cow-thread', run: th });
  await t.seek(created);
  await expect(counts(t, 2)).toHaveText(countsText(7, 0, 7));
  await expect(counts(t, 3)).toHaveCount(0);
  await t.seek(th.length);
  await expect(consoleLines(t).first()).toContainText('main sees 43');
});

test('shared offset: one open file, refs 2, offset 0 → 6 → 13', async ({ island }) => {
  const run = modelRun('shared-offset');
  const writes = run.steps
    .map((st, n) => (st.events.some((e) => e.type === 'write' && e.to === 'file') ? n : -1))
    .filter((n) => n > 0);
  expect(writes).toHaveLength(2);
  const fork = stepOf(run, (e) => e.type === 'fork');
  const s = await island({ scenario: 'shared-offset' }, { in: 'fig-fk-shared-offset', run });
  await s.seek(fork);
  const row = fileRow(s, 'out.txt');
  // columns: entry, kind + path, offset, refs, used by
  await expect(cell(row, 1)).toHaveText('0');
  await expect(cell(row, 2)).toHaveText('2');
  await expect(row).toContainText('shared');
  await s.seek(writes[0]);
  await expect(cell(row, 1)).toHaveText('6'); // "child\n"
  await s.seek(writes[1]);
  await expect(cell(row, 1)).toHaveText('13'); // + "parent\n"
});

test('redirect: ls writes its directory, 16 bytes, into out.txt through fd 1; history (O_CLOEXEC) closes at exec', async ({
  island,
}) => {
  const run = modelRun('redirect');
  const exec = stepOf(run, (e) => e.type === 'exec');
  const lastWrite = run.steps.findLastIndex((st) =>
    st.events.some((e) => e.type === 'write' && e.to === 'file'),
  );
  const s = await island({ scenario: 'redirect' }, { in: 'fig-fk-redirect', run });
  await s.seek(exec - 1);
  await expect(cell(fileRow(s, 'history'), 2)).toHaveText('2'); // shell + child
  await s.seek(exec);
  await expect(cell(fileRow(s, 'history'), 2)).toHaveText('1'); // closed in the child
  await expect(s.view('fds')).toContainText('fd 3');
  await s.seek(lastWrite);
  // ls lists the machine's directory: "history\n" (8) + "out.txt\n" (8)
  await expect(cell(fileRow(s, 'out.txt'), 1)).toHaveText('16');
  await expect(consoleLines(s)).toHaveCount(0);
  await s.seek(run.length);
  await expect(consoleLines(s)).toHaveCount(1);
  await expect(consoleLines(s).first()).toContainText('shell: ls (pid 3) exited with status 0');
});

test('zombie and orphan in ps: PID 3 is Z until reaped, PID 4 gets PPID 1', async ({ island }) => {
  const run = modelRun('zombie-orphan');
  const died = stepOf(run, (e) => e.type === 'exit' && e.pid === 3);
  const reaped = stepOf(run, (e) => e.type === 'reap' && e.child === 3);
  const adopted = stepOf(run, (e) => e.type === 'reparent' && e.pid === 4);
  const s = await island({ scenario: 'zombie-orphan' }, { in: 'fig-fk-zombie-orphan', run });
  await s.seek(died);
  await expect(cell(psRow(s, 3), 2)).toHaveText('Z');
  await expect(cell(psRow(s, 3), 1)).toHaveText('2');
  await s.seek(reaped);
  await expect(psRow(s, 3)).toHaveCount(0);
  await s.seek(adopted);
  await expect(cell(psRow(s, 4), 1)).toHaveText('1');
  await expect(
    treeItems(s).filter({ hasText: /^PID 4 .*orphan: its parent PID 2 exited/ }),
  ).toHaveCount(1);
  await s.seek(run.length);
  await expect(consoleLines(s).first()).toContainText('orphan 4: my parent is now 1');
});

test('you are the parent: SIGCONT makes it wait once; SIGKILL hands the zombie to init', async ({
  page,
  island,
}) => {
  const run = modelRun('lazy-parent');
  const s = await island({ scenario: 'lazy-parent' }, { in: 'fig-fk-lazy', run });
  await s.root.focus();
  await page.keyboard.press('End');
  await s.at(run.length);
  // By hand: the parent stopped itself (T), its children (exit 2 and 1) are zombies.
  await expect(cell(psRow(s, 2), 2)).toHaveText('T');
  await expect(cell(psRow(s, 3), 2)).toHaveText('Z');
  await expect(cell(psRow(s, 4), 2)).toHaveText('Z');

  const send = async (pid: number, signal: string) => {
    await s.root.getByLabel('Send to').selectOption({ label: `PID ${pid} (lazy-parent)` });
    await s.root.getByLabel('Signal').selectOption(signal);
    await s.root.getByRole('button', { name: 'Send signal' }).click();
    await expect(
      s.root.getByRole('group', { name: 'Your actions' }).getByRole('status'),
    ).toHaveText(/./);
  };
  await send(2, 'SIGCONT');
  await page.keyboard.press('End');
  await expect(consoleLines(s)).toHaveCount(1);
  await expect(consoleLines(s).first()).toContainText('reaped 3 (status 2)');
  await expect(psRow(s, 3)).toHaveCount(0);
  await expect(cell(psRow(s, 4), 2)).toHaveText('Z');

  await send(2, 'SIGKILL');
  await s.root.focus();
  await page.keyboard.press('End');
  // init reaped PID 2 and its adopted zombie 4: only init is left.
  await expect(bodyRows(s.view('ps'))).toHaveCount(1);
  await expect(psRow(s, 1)).toHaveCount(1);
});

test('subreaper: the daemon is adopted by PID 2, not init', async ({ island }) => {
  const run = modelRun('subreaper');
  const s = await island({ scenario: 'subreaper' }, { in: 'fig-fk-subreaper', run });
  await s.seek(run.length);
  await expect(consoleLines(s)).toHaveCount(3);
  // the daemon prints (t17) before the manager has decoded PID 3's status and printed it (t20)
  await expect(consoleLines(s).nth(0)).toContainText('daemon 4: my parent is now 2');
  await expect(consoleLines(s).nth(1)).toContainText('reaped 3 (status 0)');
  await expect(consoleLines(s).nth(2)).toContainText('reaped 4 (status 3)');
});

test('a child killed by SIGKILL: the lazy parent tests WIFEXITED and reports the signal', async ({
  page,
  island,
}) => {
  const run = modelRun('lazy-parent');
  // PID 3 works for three ticks after the fork: kill it while it runs
  const running = firstStep(run, (e) => e.type === 'state' && e.tid === 3 && e.to === 'RUNNING');
  const s = await island({ scenario: 'lazy-parent' }, { in: 'fig-fk-lazy', run });
  await s.seek(running);
  await s.root.getByLabel('Send to').selectOption({ label: 'PID 3 (lazy-parent)' });
  await s.root.getByLabel('Signal').selectOption('SIGKILL');
  await s.root.getByRole('button', { name: 'Send signal' }).click();
  await expect(cell(psRow(s, 3), 2)).toHaveText('Z');
  await s.root.focus();
  await page.keyboard.press('End');
  await s.root.getByLabel('Send to').selectOption({ label: 'PID 2 (lazy-parent)' });
  await s.root.getByLabel('Signal').selectOption('SIGCONT');
  await s.root.getByRole('button', { name: 'Send signal' }).click();
  await s.root.focus();
  await page.keyboard.press('End');
  await expect(consoleLines(s).first()).toContainText('reaped 3 (killed by signal 9)');
});

test('ls | wc -l: wc counts the three names; without close(p[1]) wc blocks in read and the shell in wait', async ({
  island,
}) => {
  // pipeline: the shell PID 2, ls PID 3, wc -l PID 4; the directory holds Makefile, p1.c, p3.c
  const run = modelRun('pipeline');
  const s = await island({ scenario: 'pipeline' }, { in: 'fig-fk-pipe', run });
  await s.seek(run.length);
  await expect(consoleLines(s)).toHaveCount(1);
  await expect(consoleLines(s).first()).toContainText('3');
  const eof = stepOf(run, (e) => e.type === 'read' && e.pid === 4 && e.text === '');
  expect(eof).toBeGreaterThan(stepOf(run, (e) => e.type === 'exit' && e.pid === 3) - 1);

  // the leak: ls exits and is reaped; wc sleeps reading the pipe, the shell in wait(), both S
  const leak = modelRun('pipeline-leak');
  const l = await island({ scenario: 'pipeline-leak' }, { in: 'fig-fk-pipe', run: leak });
  await l.seek(leak.length);
  await expect(consoleLines(l)).toHaveCount(0);
  await expect(psRow(l, 3)).toHaveCount(0);
  await expect(cell(psRow(l, 4), 2)).toHaveText('S');
  await expect(cell(psRow(l, 2), 2)).toHaveText('S');
  // the shell still holds the write end, fd 4
  await expect(fileRow(l, 'pipe write end')).toHaveCount(1);
});

test('predict: which line prints next, right then wrong', async ({ island }) => {
  const run = modelRun('fork-basics');
  const printSteps = run.steps
    .map((st, n) => (st.events.some((e) => e.type === 'write' && e.to === 'console') ? n : -1))
    .filter((n) => n > 0);
  const s = await island(
    { scenario: 'fork-basics', predict: true },
    { in: 'ex-fk-predict-basics', run },
  );
  const p = s.player;
  const q = s.question('The next step prints a line on the console. Which line?');
  const result = s.verdict;
  const goTo = async (n: number) => {
    while (Number(await p.slider.inputValue()) < n) {
      const skip = s.root.getByRole('button', { name: 'Skip question' });
      if (await skip.isVisible()) await skip.click();
      await p.forward.click();
    }
    await s.at(n);
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

test('predict: the tree after the first fork of the loop', async ({ island }) => {
  const run = modelRun('fork-loop', 1, { forks: 2 });
  const fork = stepOf(run, (e) => e.type === 'fork');
  const s = await island({ scenario: 'fork-loop', predict: true }, { in: 'ex-fk-predict-loop' });
  const p = s.player;
  for (let i = 1; i < fork; i++) await p.forward.click();
  const q = s.question(/^What will the process tree look like after the next step\?/);
  await expect(q).toBeVisible();
  // By hand: init (1) → the program (2) → its first child (3).
  await q.getByRole('radio', { name: 'PID 1 → PID 2 → PID 3', exact: true }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(s.verdict).toContainText('Right.');
});

test.describe('fork.py homework', () => {
  const sp = (n: number) => ' '.repeat(n);
  const tree = (...l: string[]) => l.map((x) => sp(31) + x).join('\n');

  async function homework(island: Fixtures['island']) {
    const f = await island(HOMEWORK);
    // hydrated: the fields are enabled once the island runs
    await expect(f.root.getByLabel('Action list (-A)')).toBeEnabled();
    return f;
  }

  test('default list: predict the flattened tree, reveal fork.py -c', async ({ page, island }) => {
    const f = await homework(island);
    await expect(f.root.getByTestId('fork-hw-command')).toHaveText('./fork.py -A a+b,b+c,c+d,b-');
    await expect(f.root.getByTestId('fork-hw-question')).toContainText(
      'Action: b EXITS\nProcess Tree?',
    );
    // keyboard: type the prediction, tab to the button, press Enter
    await f.root.getByLabel('Your prediction').fill('a\n  c\n  d');
    await f.root.getByLabel('Your prediction').focus();
    await page.keyboard.press('Tab');
    await expect(f.root.getByRole('button', { name: 'Reveal the answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(f.verdict).toContainText('Right.');
    // spec §2.3 golden: a+b,b+c,c+d,b- → a:[c,d]
    await expect(f.root.getByTestId('fork-hw-answer')).toContainText(
      'Action: b EXITS\n' + tree('a', '├── c', '└── d'),
    );
  });

  test('-R, and a wrong prediction', async ({ island }) => {
    const f = await homework(island);
    await f.root.getByLabel('Orphans go to their grandparent (-R)').check();
    await expect(f.root.getByTestId('fork-hw-command')).toHaveText(
      './fork.py -A a+b,b+c,c+d,b- -R',
    );
    await f.root.getByLabel('Your prediction').fill('a\n  c\n  d');
    await f.root.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.verdict).toContainText('Not quite.');
    // golden with -R: a:[c], c:[d]
    await expect(f.root.getByTestId('fork-hw-answer')).toContainText(
      'Action: b EXITS\n' + tree('a', '└── c', '    └── d'),
    );
  });

  test('a longer list with -F and the line1 style (spec §2.3 second golden case)', async ({
    island,
  }) => {
    const f = await homework(island);
    await f.root.getByLabel('Action list (-A)').fill('a+b,a+c,b+d,b+e,d+f,b-');
    await f.root.getByLabel('Final tree only (-F)').check();
    await f.root.getByLabel('Print style (-P)').selectOption('line1');
    await expect(f.root.getByTestId('fork-hw-question')).toContainText(
      `${sp(24)}Final Process Tree?`,
    );
    // By hand (spec §2.3): b's subtree in pre-order is d, f, e, appended after c.
    await f.root.getByLabel('Your prediction').fill('a\n c\n d\n e\n f');
    await f.root.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.verdict).toContainText('Not quite.');
    await f.root.getByLabel('Your prediction').fill('a\n c\n d\n f\n e');
    await f.root.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.verdict).toContainText('Right.');
    await expect(f.root.getByTestId('fork-hw-answer')).toContainText(
      `${sp(24)}Final Process Tree:\n` + tree('a', '+-- c', '+-- d', '+-- f', '|-- e'),
    );
  });

  test('-t asks for the actions', async ({ island }) => {
    const f = await homework(island);
    await f.root.getByLabel('Action list (-A)').fill('a+b,b+c,a+d');
    await f.root.getByLabel('Show the trees, ask for the actions (-t)').check();
    await expect(f.root.getByTestId('fork-hw-question')).toContainText(
      'Action?\n' + tree('a', '└── b') + '\nAction?',
    );
    await f.root.getByLabel('Your prediction').fill('a+b, b+c, a+d');
    await f.root.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect(f.verdict).toContainText('Right.');
    await expect(f.root.getByTestId('fork-hw-answer')).toContainText('Action: a forks d');
  });

  test('an invalid action list names the bad action', async ({ island }) => {
    const f = await homework(island);
    await f.root.getByLabel('Action list (-A)').fill('a+b,x+y,b-');
    await expect(f.root.getByRole('alert')).toContainText('Action 2, “x+y”');
    await expect(f.root.getByRole('alert')).toContainText('bad action (x+y)');
    await f.root.getByLabel('Action list (-A)').fill('a+b');
    await expect(f.root.getByRole('alert')).toHaveCount(0);
  });
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('islands show step 0 and a transcript; the homework shows the quiz and the answer', async ({
    page,
  }) => {
    await page.goto(URL_);
    const fig = figure(page, '5.1');
    await expect(fig.getByText('Process tree')).toBeVisible();
    // the transcript's <summary> (no role: found by its text)
    await expect(fig.getByText('Transcript', { exact: true })).toBeVisible();
    const hw = page.getByRole('region', { name: HOMEWORK, exact: true });
    await expect(hw).toContainText('./fork.py -A a+b,b+c,c+d,b-');
    await expect(hw.getByTestId('fork-hw-question')).toContainText('Process Tree?');
    // the answer's <details> (role group, no name), opened by its <summary>
    const answer = hw.getByRole('group').filter({ hasText: /^The answer: / });
    await answer.getByText(/^The answer: /).click();
    await expect(answer).toContainText(tree3());
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
