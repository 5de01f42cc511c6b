// Chapter 3, Scheduling and time slices: the gates every chapter passes (the table of contents,
// axe in both themes, the text without JavaScript) and each island driven by role and keyboard.
// Expected values are worked out by hand in the comments, from the rules the chapter states
// (src/os-model/book/ch03-scheduling/*.ts) and the kernel's weight table; none is read back from
// the model.
import { axeChapterTests } from './lib/chapter.ts';
import { bodyRows, definitionOf, expect, test } from './lib/fixtures.ts';

const URL_ = 'chapters/scheduling/';
const TITLE = 'Scheduling and time slices';
const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

test('the chapter is in the table of contents', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: `Chapter 3: ${TITLE}`, exact: true });
  await expect(link).toHaveAttribute('href', new RegExp(`/${URL_}$`));
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
});

test('rule-tracing scheduler: Gantt, metrics, the tie-break toggle and a bad cell', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const t = (await island('Rule-tracing scheduler')).root;
  const gantt = t.getByRole('img', { name: /^Schedule under/ });
  // The example: A 8 ticks at 0, B 4 at 1, C 2 at 2; round robin, 2-tick slice, OSTEP's order.
  // Time 2: A's slice ends, C arrives; A is re-queued before C: queue B, A, C. B 2-4; then
  // A, C, B: A 4-6; C 6-8 (done); B 8-10 (done); A alone 10-14.
  await expect(gantt).toHaveAttribute(
    'aria-label',
    'Schedule under Round robin: A 0–2, B 2–4, A 4–6, C 6–8, B 8–10, A 10–14.',
  );
  // Turnarounds 14, 9, 6: average 29 / 3 = 9.67; responses 0, 1, 4: 5 / 3 = 1.67.
  const avg = t.getByRole('row', { name: /^Average/ });
  await expect(avg).toContainText('9.67');
  await expect(avg).toContainText('1.67');
  // the other convention, chosen with the keyboard: at time 2, C goes before A
  await t.getByRole('combobox', { name: /slice ends/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(gantt).toHaveAttribute(
    'aria-label',
    'Schedule under Round robin: A 0–2, B 2–4, C 4–6, A 6–8, B 8–10, A 10–14.',
  );
  await expect(t.getByText(/Tie at time 2: A \(slice over\) and C/)).toBeVisible();

  // FIFO by the arrow keys on the policy radios (Round robin → left three times)
  await t.getByRole('radio', { name: 'Round robin' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect(t.getByRole('radio', { name: /^FIFO/ })).toBeChecked();
  // the convoy: A 100, B 10, C 10, all at time 0: 100, 110, 120, average 110
  await t.getByRole('textbox', { name: 'Job 1 length' }).fill('100');
  await t.getByRole('textbox', { name: 'Job 2 length' }).fill('10');
  await t.getByRole('textbox', { name: 'Job 2 arrival' }).fill('0');
  await t.getByRole('textbox', { name: 'Job 3 length' }).fill('10');
  await t.getByRole('textbox', { name: 'Job 3 arrival' }).fill('0');
  await expect(gantt).toHaveAttribute(
    'aria-label',
    'Schedule under FIFO (first in, first out): A 0–100, B 100–110, C 110–120.',
  );
  await expect(avg).toContainText('110');
  // a bad cell: the alert names the job and the column
  await t.getByRole('textbox', { name: 'Job 2 length' }).fill('x');
  await expect(t.getByRole('alert')).toHaveText('Job B: length must be a whole number; got “x”.');
  await t.getByRole('textbox', { name: 'Job 2 length' }).fill('10');
  await expect(t.getByRole('alert')).toHaveCount(0);
  // the reader's workload survives a reload
  await page.reload();
  const again = (await island('Rule-tracing scheduler')).root;
  await expect(again.getByRole('img', { name: /^Schedule under/ })).toHaveAttribute(
    'aria-label',
    /A 0–100, B 100–110, C 110–120/,
  );
});

test('scheduling homework: scheduler.py and mlfq.py predictions checked, the answer revealed, a bad flag named', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const hw = (await island('OSTEP scheduling homework')).root;
  // -p SJF -l 30,10,20: job 1 runs 0-10, job 2 10-30, job 0 30-60.
  // job 0: response 30, turnaround 60, wait 30; job 1: 0, 10, 0; job 2: 10, 30, 10.
  const want: Record<number, [string, string, string]> = {
    0: ['30', '60', '30'],
    1: ['0', '10', '0'],
    2: ['10', '30', '10'],
  };
  for (const [job, [r, ta, w]] of Object.entries(want)) {
    await hw.getByRole('textbox', { name: `Job ${job} response` }).fill(r);
    await hw.getByRole('textbox', { name: `Job ${job} turnaround` }).fill(ta);
    await hw.getByRole('textbox', { name: `Job ${job} wait` }).fill(w);
  }
  await hw.getByRole('button', { name: 'Check my predictions' }).click();
  const verdict = hw.getByRole('status').filter({ hasText: /jobs right/ });
  await expect(verdict).toContainText('3 of 3 jobs right.');
  await hw.getByRole('textbox', { name: 'Job 0 wait' }).fill('20');
  await hw.getByRole('button', { name: 'Check my predictions' }).press('Enter');
  await expect(verdict).toContainText("Not quite: job 0's wait is 30.00.");
  await hw.getByRole('button', { name: 'Reveal the answer' }).click();
  // averages: response 40 / 3, turnaround 100 / 3, wait 40 / 3
  await expect(hw.getByRole('group', { name: /output, scrollable/ })).toContainText(
    'Average -- Response: 13.33  Turnaround 33.33  Wait 13.33',
  );
  await expect(hw.getByRole('img', { name: /^The solution's schedule/ })).toHaveAttribute(
    'aria-label',
    "The solution's schedule: Job 1 0–10, Job 2 10–30, Job 0 30–60.",
  );
  const flags = hw.getByRole('textbox', { name: 'Flags' });
  await flags.fill('-p RR -q x');
  await flags.press('Enter');
  await expect(hw.getByRole('alert')).toContainText('-q');

  // mlfq.py, chosen with the keyboard: one queue, quantum 2, two 4-tick jobs at time 0 is round
  // robin: job 0 at 0-1 and 4-5 (turnaround 6), job 1 at 2-3 and 6-7 (response 2, turnaround 8)
  await hw.getByRole('combobox', { name: 'Simulator' }).focus();
  await page.keyboard.press('ArrowDown');
  await flags.fill('-n 1 -q 2 -l 0,4,0:0,4,0');
  await flags.press('Enter');
  await hw.getByRole('textbox', { name: 'Job 1 response' }).fill('2');
  await hw.getByRole('textbox', { name: 'Job 1 turnaround' }).fill('8');
  await hw.getByRole('textbox', { name: 'Job 0 response' }).fill('0');
  await hw.getByRole('textbox', { name: 'Job 0 turnaround' }).fill('6');
  await hw.getByRole('button', { name: 'Check my predictions' }).click();
  await expect(verdict).toContainText('2 of 2 jobs right.');
  await hw.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(hw.getByRole('img', { name: /^The trace, tick by tick/ })).toHaveAttribute(
    'aria-label',
    'The trace, tick by tick: Job 0 0–2, Job 1 2–4, Job 0 4–6, Job 1 6–8.',
  );
  // a malformed lottery job is named
  await hw.getByRole('combobox', { name: 'Simulator' }).selectOption('lottery');
  await flags.fill('-l 3-100');
  await flags.press('Enter');
  await expect(hw.getByRole('alert')).toContainText('“3-100”');
});

test('game the MLFQ: -S lets the gamer steal the CPU; allotment accounting and -B stop it', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const g = (await island('Game the MLFQ')).root;
  const share = await definitionOf(g, "Your job's share of the CPU");
  // -S, burst 7, slice 10: hog 1-10, gamer 11-18, hog 19, then rounds of 9 gamer ticks and 1
  // hog tick; 300 = 10 + 9 + 28 × 10 + 1: the gamer has 8 + 252 + 1 = 261 ticks.
  await expect(share).toHaveText(pct(261 / 300));
  await expect(await definitionOf(g, 'Ticks: yours')).toHaveText('261 / 39');
  await expect(g.getByRole('status')).toContainText('The trick works');
  // one tick too long: 8 + io issue + io_done = the whole slice, demoted
  const burst = g.getByRole('textbox', { name: 'Ticks of CPU before each I/O' });
  await burst.fill('8');
  await expect(g.getByRole('status')).toContainText('The trick does not work');
  await burst.fill('7');
  // allotment accounting: the old rule off, by keyboard
  const rule = g.getByRole('checkbox', { name: /Old rule 4/ });
  await rule.focus();
  await page.keyboard.press('Space');
  await expect(rule).not.toBeChecked();
  await expect(g.getByRole('status')).toContainText('The trick does not work');
  await expect(await definitionOf(g, 'Stolen beyond a fair half')).toHaveText(/^−/);
  // the old rule again, with a boost every 50 ticks: the hog gets more than its 39 ticks
  await page.keyboard.press('Space');
  await g.getByRole('textbox', { name: /Boost every/ }).fill('50');
  const ticks = await definitionOf(g, 'Ticks: yours');
  await expect(ticks).not.toHaveText('261 / 39');
  const [mine, hog] = (await ticks.textContent())!.split(' / ').map(Number);
  expect(mine + hog).toBe(300);
  expect(hog).toBeGreaterThan(39);
  await g.getByRole('textbox', { name: /Boost every/ }).fill('-1');
  await expect(g.getByRole('alert')).toHaveText(
    'The boost period must be a whole number of ticks from 0 (never) to 1000.',
  );
});

test('the nice dial: shares are the weights over their sum', async ({ page, island }) => {
  await page.goto(URL_);
  const n = (await island('The nice dial')).root;
  const table = n.getByRole('table', { name: 'Shares of one CPU from the weight table' });
  // nice 0, 1, 5: weights 1024, 820, 335 (kernel/sched/core.c), sum 2179
  const shares = async (w: number[]) => {
    const sum = w.reduce((a, b) => a + b, 0);
    const rows = bodyRows(table);
    for (const [i, x] of w.entries()) await expect(rows.nth(i)).toContainText(pct(x / sum));
  };
  await shares([1024, 820, 335]);
  // B to nice 19 (weight 15), typed with the keyboard
  const b = n.getByRole('textbox', { name: 'Task B' });
  await b.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('19');
  await shares([1024, 15, 335]);
  // nice 0 against nice 1 in the measured table: 1024 / 820 = 1.25
  const measured = n.getByRole('table', { name: /^Measured on a 2-vCPU/ });
  await expect(measured.getByRole('row', { name: /^1 / })).toContainText('1.25');
  await b.fill('20');
  await expect(n.getByRole('alert')).toHaveText(
    'Task B: nice must be a whole number from −20 to 19; got “20”.',
  );
});

test("EEVDF's lag ledger: LWN's example, Σ lag = 0 at every step, wake-up pre-emption", async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const e = (await island("EEVDF's lag ledger")).root;
  const next = e.getByRole('button', { name: 'Next decision' });
  const ledger = e.getByRole('table', { name: /^The ledger/ });
  const lagSum = ledger.getByRole('row', { name: /^Σ lag/ });
  const lagOf = (task: string) => ledger.getByRole('row', { name: new RegExp(`^${task}\\b`) });
  // LWN: A runs 30 ms: lags −20, 10, 10; B runs 30 ms: −10, −10, 20; C runs: 0, 0, 0.
  const expected = [
    ['0', '0', '0'],
    ['−20', '10', '10'],
    ['−10', '−10', '20'],
    ['0', '0', '0'],
  ];
  for (const [i, lags] of expected.entries()) {
    if (i > 0) await next.press('Enter');
    await expect(e.getByText(`Decision ${i} of`)).toBeVisible();
    for (const [k, task] of ['A', 'B', 'C'].entries())
      await expect(lagOf(task).getByRole('cell').nth(3)).toHaveText(lags[k]);
    await expect(lagSum.getByRole('cell').nth(3)).toHaveText('0');
  }
  // ten more decisions: Σ lag stays 0
  for (let i = 0; i < 8; i++) {
    await next.click();
    await expect(lagSum.getByRole('cell').nth(3)).toHaveText('0');
  }
  // wake-up: C joins at 45 ms with a 5 ms slice: deadline 22.5 + 5 = 27.5 < B's 30
  await e.getByRole('button', { name: /A 5 ms task wakes up/ }).click();
  await next.click();
  await next.click();
  await expect(e.getByRole('status')).toContainText('C pre-empts B');
  await e.getByRole('textbox', { name: 'Task 3 slice' }).fill('abc');
  await expect(e.getByRole('alert')).toHaveText(
    'Task C: the slice must be a number of milliseconds; got “abc”.',
  );
});

test('lottery against stride: stride is (2L − 1) / 2L; a bad seed count is named', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const l = (await island('Lottery against stride')).root;
  const table = l.getByRole('table', { name: /^Unfairness U/ });
  // stride at L = 1000: 1999 / 2000 = 0.9995; at L = 1 everything is 1/2
  await expect(table.getByRole('row', { name: /^1000 / })).toContainText('0.9995');
  await expect(table.getByRole('row', { name: /^1 / })).toContainText('0.5');
  const seeds = l.getByRole('textbox', { name: 'Seeds' });
  await seeds.fill('0');
  await expect(l.getByRole('alert')).toHaveText(
    'Seeds must be a whole number from 1 to 500; got “0”.',
  );
  await seeds.fill('20');
  await expect(table).toContainText('over 20 seeds');
});

test('be the scheduler: playing STCF by hand scores what STCF scores', async ({ page, island }) => {
  await page.goto(URL_);
  const s = (await island('Be the scheduler, scored')).root;
  const jobs = s.getByRole('table', { name: /^The jobs/ });
  // play STCF: at each tick run the ready job with the least work left, keeping the running
  // job on a tie (as STCF does: only a strictly shorter job pre-empts)
  let last = '';
  for (let tick = 0; tick < 40; tick++) {
    const group = s.getByRole('group', { name: /^Tick \d+: who runs\?$/ });
    if ((await group.count()) === 0) break;
    const ready: { name: string; left: number }[] = [];
    for (const row of await bodyRows(jobs).all()) {
      const name = (await row.getByRole('rowheader').textContent())!.trim();
      const left = Number(await row.getByRole('cell').nth(2).textContent());
      if (await group.getByRole('button', { name: `Run ${name}` }).isEnabled())
        ready.push({ name, left });
    }
    if (ready.length === 0) {
      await group.getByRole('button', { name: /^Idle/ }).click();
      continue;
    }
    const least = Math.min(...ready.map((r) => r.left));
    const pick =
      ready.find((r) => r.name === last && r.left === least) ??
      ready.find((r) => r.left === least)!;
    await group.getByRole('button', { name: `Run ${pick.name}` }).press('Enter');
    await expect(s.getByRole('status')).toContainText(`${pick.name} runs`);
    last = pick.name;
  }
  const scores = s.getByRole('table', { name: /^Averages in ms/ });
  const turnaround = async (who: RegExp) =>
    Number(await scores.getByRole('row', { name: who }).getByRole('cell').first().textContent());
  expect(await turnaround(/^You/)).toBeCloseTo(await turnaround(/^STCF/), 2);
  await expect(s.getByText(/Your regret against the best rival/)).toBeVisible();
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the text, the figures and every island in its first state', async ({ page }) => {
    await page.goto(URL_);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toContainText(TITLE);
    await expect(
      main.getByRole('heading', { name: 'The multi-level feedback queue' }),
    ).toBeVisible();
    // the rule-tracing scheduler's example run and its log
    const trace = main.getByRole('region', { name: 'Rule-tracing scheduler' });
    await expect(trace.getByRole('row', { name: /^Average/ })).toContainText('9.67');
    await expect(trace).toContainText("OSTEP's order (mlfq.py) puts A first");
    // the MLFQ game's default score, the ledger's transcript, the homework's answer
    await expect(main.getByRole('region', { name: 'Game the MLFQ' })).toContainText(pct(261 / 300));
    await expect(main.getByRole('region', { name: "EEVDF's lag ledger" })).toContainText(
      'Lags: A −20, B 10, C 10.',
    );
    await expect(main.getByRole('region', { name: 'OSTEP scheduling homework' })).toContainText(
      '** Solutions **',
    );
    await expect(main.getByRole('link', { name: 'nice-share.c' }).first()).toHaveAttribute(
      'href',
      /labs\/nice-share\.c$/,
    );
  });
});
