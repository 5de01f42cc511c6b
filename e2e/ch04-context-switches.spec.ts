// Chapter 4, Context switches: every island driven as a reader drives it, by role and label, with
// the keyboard where it matters. Expected values are worked out here, independently of the islands'
// code: registers by stepping the kernel itself (not the switch-path module), costs from the
// calibration figures typed in below (calibration.md §1, §7, §9) and the formulas the chapter
// states (switches/s × cost; c / (s + c)).
import { axeChapterTests } from './lib/chapter.ts';
import { definitionOf, expect, figure, test } from './lib/fixtures.ts';
import { get, loadScenario, step, type Machine } from '../src/os-model/index.ts';
import type { Locator } from '@playwright/test';

const URL_ = 'chapters/context-switches/';
const TITLE = 'Context switches';

/** The scenario's machine after `ticks` ticks. */
function after(scenario: string, ticks: number): Machine {
  const r = loadScenario(scenario);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  for (let i = 0; i < ticks; i++) m = step(m, { type: 'tick' }).machine;
  return m;
}

/** The cells of the first body row of the table captioned `caption` under `scope`. */
async function rowCells(scope: Locator, caption: string | RegExp): Promise<string[]> {
  const table = scope.getByRole('table', { name: caption }).first();
  return (await table.getByRole('row').nth(1).getByRole('cell').allTextContents()).map((t) =>
    t.trim(),
  );
}

test('the chapter is in the table of contents, with numbered figures', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: `Chapter 4: ${TITLE}`, exact: true });
  await expect(link).toHaveAttribute('href', new RegExp(`/${URL_}$`));
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
  await expect(figure(page, '4.1')).toHaveAttribute('id', 'fig-cs-stacks');
  await expect(figure(page, '4.2')).toHaveAttribute('id', 'fig-cs-path');
});

test('the switch, by keyboard: after it the CPU holds the registers the kernel saved for PID 3', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('One context switch, step by step')).root;
  // The kernel itself, stepped to tick 9, the third switch: PID 2 descheduled, PID 3 dispatched.
  const m = after('context-switches', 9);
  const a = get(m.tasks, 2)!;
  const b = get(m.tasks, 3)!;
  expect(m.cpus[0].cur).toBe(3);
  const forward = s.getByRole('button', { name: 'Forward' });
  await expect(forward).toBeEnabled();
  await forward.focus();
  await page.keyboard.press('Enter');
  await expect(s.getByRole('status')).toContainText(/^Step 2 of \d+: uservec\./);
  // PID 2's trapframe holds its registers at the trap: pc, sp, r0–r3 as the kernel saved them.
  expect(await rowCells(s, /^Trapframe/)).toEqual(
    [a.ctx[0], a.ctx[1], ...a.ctx.slice(2)].map(String),
  );
  await page.keyboard.press('End');
  await expect(s.getByRole('status')).toContainText('userret');
  expect(await rowCells(s, 'User registers in the CPU')).toEqual([b.pc, b.sp, ...b.r].map(String));
  await expect(s).toContainText('The scheduler runs in');
  // xv6 runs the scheduler on a stack of its own: one step says so.
  await page.keyboard.press('Home');
  await expect(s.getByRole('status')).toContainText(/^Step 1 of/);
});

test('Linux, two threads: switch_mm is skipped; xv6 has no threads and says so', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('One context switch, step by step')).root;
  await s.getByRole('radio', { name: 'Linux x86-64' }).check();
  await s.getByRole('radio', { name: 'two threads of one process' }).check();
  const forward = s.getByRole('button', { name: 'Forward' });
  while (!(await s.getByRole('heading', { name: 'switch_mm_irqs_off()' }).isVisible()))
    await forward.click();
  await expect(s).toContainText('Skipped: same address space: no CR3 load');
  await s.getByRole('radio', { name: 'xv6-riscv' }).check();
  await expect(s.getByRole('alert')).toContainText('xv6 has no threads');
});

test('two stacks: the predict question is checked, then the trapframe is shown', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('Two stacks per task')).root;
  await s.getByRole('button', { name: 'Forward' }).click();
  await expect(s).toContainText('Answer the question above');
  const q = s.getByRole('group', { name: /^Predict: after the trap/ });
  await q.getByRole('radio', { name: /on the task’s user stack/ }).check();
  await q.getByRole('button', { name: 'Check my answer' }).click();
  await expect(q.getByRole('status')).toHaveText(/^Not quite\. It is in the trapframe/);
  await expect(s.getByRole('table', { name: /^Trapframe/ }).first()).toBeVisible();
});

test('a system call is not a context switch: getpid never enters the scheduler, read does', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('A system call beside a context switch')).root;
  await s.getByRole('radio', { name: /^getpid\(\)/ }).check();
  const forward = s.getByRole('button', { name: 'Forward' });
  const facts = s.getByRole('definition');
  const inScheduler = async () => (await definitionOf(s, 'In the scheduler')).textContent();
  await expect(facts.first()).toBeVisible();
  // Every step of getpid: "In the scheduler: no"; by hand from the program, getpid returns 2 in r0.
  for (;;) {
    expect((await inScheduler())?.trim()).toBe('no');
    if (await forward.isDisabled()) break;
    await forward.click();
  }
  expect((await rowCells(s, 'User registers in the CPU'))[2]).toBe('2');
  await expect(s).toContainText('The scheduler is never entered');
  await s.getByRole('radio', { name: /^read\(\)/ }).check();
  let entered = false;
  for (;;) {
    if ((await inScheduler())?.trim() === 'yes') entered = true;
    if (await forward.isDisabled()) break;
    await forward.click();
  }
  expect(entered).toBe(true);
  await expect(s).toContainText('a context switch');
});

test('thread or process switch: each measured case, and no number for an unmeasured one', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('Thread or process switch')).root;
  const cost = async () => (await definitionOf(s, 'Cost of one switch')).textContent();
  // Machine 1 (PCID, no PTI), processes by pipe: 2.86 µs (§1); ratio 2.86 / 2.69 = 1.06.
  await expect(s.getByRole('checkbox', { name: /PCID/ })).toBeEnabled();
  expect((await cost())?.trim()).toBe('2.86 µs');
  await expect(s).toContainText('1.06×');
  // Machine 2: no PCID, PTI on. Threads by futex: 0.78 µs; ratio 4.04 / 0.78 = 5.18 (§7).
  await s.getByRole('checkbox', { name: /PCID/ }).uncheck();
  await s.getByRole('checkbox', { name: /page-table isolation/ }).check();
  await s.getByRole('radio', { name: 'two threads of one process' }).check();
  await s.getByRole('radio', { name: 'a futex' }).check();
  expect((await cost())?.trim()).toBe('0.78 µs');
  await expect(s).toContainText(`${(4.04 / 0.78).toFixed(2)}×`);
  // Neither PCID nor PTI: no book machine, no number.
  await s.getByRole('checkbox', { name: /page-table isolation/ }).uncheck();
  await expect(s.getByRole('status')).toContainText('no measurement for it');
});

test('direct cost: the share of a CPU is switches per second × cost, by the slider', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('Direct and indirect cost')).root;
  const slider = s.getByRole('slider', { name: /Switches per second/ });
  await expect(slider).toBeEnabled();
  await slider.focus();
  await page.keyboard.press('End'); // 10^5 switches per second
  await expect(s.getByText(/^Switches per second: 100,000$/)).toBeVisible();
  // machine 1 pinned: 2.86 µs per switch (§1): 100,000 × 2.86 µs = 286,000 µs = 28.6 % → "29 %"
  const share = async () => (await definitionOf(s, 'Direct: share of one CPU')).textContent();
  expect((await share())?.trim()).toBe(`${((100000 * 2.86) / 1e4).toFixed(0)} %`);
  // across CPUs on machine 2: 11.73 µs (§9a, 23.46 / 2): 1,173,000 µs, more than one CPU
  await s.getByRole('radio', { name: /machine 2/ }).check();
  await s.getByRole('radio', { name: 'across two CPUs' }).check();
  expect((await share())?.trim()).toBe(`${((100000 * 11.73) / 1e4).toFixed(0)} %`);
  // indirect: 4 MiB with a sweeping neighbour is 8.0× (§9b): work lost 1 − 1/8 = 87.5 % → "88 %"
  await s.getByRole('combobox', { name: 'Working set' }).selectOption({ label: '4 MiB (fits L3)' });
  await s.getByRole('radio', { name: 'sweeps 32 MiB' }).check();
  expect((await definitionOf(s, 'Indirect: work lost')).textContent()).resolves.toBeTruthy();
  expect(((await (await definitionOf(s, 'Indirect: work lost')).textContent()) ?? '').trim()).toBe(
    '88 %',
  );
});

test('slice length: overhead is c / (s + c) at the slice the reader sets', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('Slice length and overhead')).root;
  const slider = s.getByRole('slider', { name: /Time slice/ });
  await expect(slider).toBeEnabled();
  await slider.focus();
  await page.keyboard.press('Home'); // 0.1 ms
  await expect(s.getByText(/^Time slice: 0\.1 ms$/)).toBeVisible();
  const lost = async () =>
    ((await (await definitionOf(s, 'Time lost to switching')).textContent()) ?? '').trim();
  // machine 1, 2.86 µs: 2.86 / (100 + 2.86) = 2.78 %
  expect(await lost()).toBe(`${((2.86 / 102.86) * 100).toFixed(1)} %`);
  // the 4 MiB refill (6.5 ms) is capped at the 0.1 ms slice: (2.86 + 100) / (100 + 102.86) = 50.7 %
  await s.getByRole('radio', { name: /4 MiB working set/ }).check();
  expect(await lost()).toBe(`${((102.86 / 202.86) * 100).toFixed(0)} %`);
});

test('the lab box rejects malformed text by line, and shows a real output beside the machines', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island("Your machine beside the book's")).root;
  const box = s.getByRole('textbox', { name: /Paste the whole output/ });
  await expect(box).toBeEnabled();
  await box.fill('# ctxswitch\nresult syscall getppid us 0.22\nthis is not output');
  await expect(s.getByRole('alert')).toHaveText(
    /^Line 3 is not part of ctxswitch's output: “this is not output”/,
  );
  await box.fill(
    [
      'machine pcid: no',
      'machine pti: on',
      'result syscall getppid us 1.10',
      'result handoff pipe process same-cpu us 4.50',
      'result handoff pipe thread same-cpu us 1.25',
      'result handoff futex process same-cpu us 4.00',
      'result handoff futex thread same-cpu us 0.80',
    ].join('\n'),
  );
  await expect(s.getByRole('alert')).toHaveCount(0);
  await expect(s.getByRole('status')).toContainText(
    `${(4.5 / 1.25).toFixed(2)}× your thread switch`,
  );
  const row = s.getByRole('row', { name: /^switch, two threads, pipe, one CPU/ });
  await expect(row.getByRole('cell')).toHaveText(['1.25 µs', '2.69 µs', '1.24 µs']);
  // kept in this browser: still there after a reload
  await page.reload();
  const again = (await island("Your machine beside the book's")).root;
  await expect(again.getByRole('textbox', { name: /Paste the whole output/ })).toHaveValue(
    /machine pcid: no/,
  );
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the text, the tables and each island with its first state and transcript', async ({
    page,
  }) => {
    await page.goto(URL_);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toContainText(TITLE);
    await expect(
      main.getByRole('heading', { name: 'A system call is not a context switch' }),
    ).toBeVisible();
    const path = main.getByRole('region', { name: 'One context switch, step by step' });
    await expect(path).toContainText('Step 1 of');
    // the transcript lists every step of xv6's path, swtch included
    await expect(path).toContainText('swtch saves 14 registers (ra, sp, s0–s11)');
    await expect(main.getByRole('region', { name: 'Thread or process switch' })).toContainText(
      '2.86 µs',
    );
    await expect(
      main.getByRole('region', { name: "Your machine beside the book's" }),
    ).toContainText('4.49 µs');
  });
});
