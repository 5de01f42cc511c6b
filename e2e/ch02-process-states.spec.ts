// Chapter 2, Process states: every island driven as a reader drives it, by mouse and keyboard.
// Expected values are worked out here by hand: from the scenario programs (process-states in
// src/os-model/book/ (each chapter's scenarios.ts), io-mix and ps-states in scenarios-states.ts) and, for process-run,
// from ../shared/ostep-spec.md §1 as in src/os-model/ostep/golden.test.ts. The model runs in Node
// only to cross-check a hand-worked step number and for the narration sentences (e2e/lib/sim.ts).
import { axeChapterTests } from './lib/chapter.ts';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { HEADER2, lines, PROCESS_RUN_CASES, row, stats } from './fixtures/ostep-spec-format.ts';
import { counterText, modelRun, narrationOf, player, seekTo } from './lib/sim.ts';

const URL_ = 'chapters/process-states/';

/** The simulation island named `name` inside the figure or exercise `anchor`, hydrated. */
async function sim(page: Page, anchor: string, name: string): Promise<Locator> {
  const s = page
    .locator(`#${anchor}`)
    .getByRole('region', { name: `Simulation: ${name}`, exact: true });
  await s.scrollIntoViewIfNeeded();
  await expect(s.getByRole('button', { name: 'Copy link' })).toBeEnabled();
  return s;
}

/** The process-run island inside figure `anchor`, hydrated (its fieldset is enabled). */
async function homework(page: Page, anchor: string): Promise<Locator> {
  const s = page.locator(`#${anchor}`).getByRole('region');
  await s.first().scrollIntoViewIfNeeded();
  await expect(s.getByRole('button', { name: 'Show the programs' })).toBeEnabled();
  return s;
}

// ---- process-run output, written out from the spec (§1.6 formats) ----------------------------
/** -l 1:0,4:100 -c -p: the spec's §1.7 worked example. */
const WORKED = PROCESS_RUN_CASES.worked.stdout;

/** Sets the flags of a process-run island and applies them. */
async function setFlags(
  hw: Locator,
  f: { l?: string; P?: string; L?: string; S?: string; I?: string; s?: string },
): Promise<void> {
  await hw.getByLabel('-l process list').fill(f.l ?? '');
  await hw.getByLabel('-P program').fill(f.P ?? '');
  await hw.getByLabel('-L I/O length').fill(f.L ?? '');
  await hw.getByLabel('-S switch').selectOption(f.S ?? 'SWITCH_ON_IO');
  await hw.getByLabel('-I I/O done').selectOption(f.I ?? 'IO_RUN_LATER');
  await hw.getByLabel('-s seed').fill(f.s ?? '');
  await hw.getByRole('button', { name: 'Show the programs' }).click();
}

/** The revealed answer (opens the details first). */
async function answer(hw: Locator): Promise<Locator> {
  const details = hw.locator('details').filter({ hasText: 'Reveal the answer' });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  return details.locator('pre');
}

test.beforeEach(async ({ page }) => {
  await page.goto(URL_);
});

test('the chapter is in the table of contents and numbers its figures', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: /Process states/ }).first();
  await expect(link).toHaveAttribute('href', /\/chapters\/process-states\/$/);
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Process states$/);
  await expect(page.locator('#fig-st-live')).toContainText('Figure 2.3');
  await expect(page.locator('#fig-st-ps')).toContainText('Figure 2.6');
});

test.describe('the state machine, live', () => {
  // process-states, seed 1, RR with two-tick slices. By hand from the programs: PID 2 (work 6)
  // runs ticks 1-2, PID 3 (io-bound) 3-4, PID 4 (mixed: io, compute 1, io, io) is dispatched at
  // the end of tick 4 and starts its disk read in tick 5 (blocked, done at 5 + 5 + 1 = 11);
  // PID 2 runs 6-7, PID 3 issues its read at 8, PID 2 runs 9-10 and exits at 10, waking init; at 11
  // PID 4's read completes (ready) while init reaps PID 2; init's slice ends at 12 and PID 4 runs.
  const run = modelRun('process-states', 1);

  test('the hand-worked steps are the model’s', () => {
    const to = (n: number, pid: number) =>
      run.steps[n].events.flatMap((e) => (e.type === 'state' && e.tid === pid ? [e.to] : []));
    expect(to(4, 4)).toEqual(['RUNNING']);
    expect(to(5, 4)).toEqual(['SLEEPING']);
    expect(to(11, 4)).toEqual(['RUNNABLE']);
    expect(to(12, 4)).toEqual(['RUNNING']);
  });

  test('stepping forward and back moves the diagram, the table and the narration', async ({
    page,
  }) => {
    const s = await sim(page, 'fig-st-live', 'Process states');
    const p = player(s);
    const diagram = s.locator('.view-state-diagram');
    const row4 = s.locator('.view-process-table tbody tr', {
      has: page.getByRole('button', { name: 'Follow PID 4', exact: true }),
    });
    await expect(p.counter).toHaveText(counterText(run, 0));
    await expect(diagram).toContainText('No state change yet.');
    await expect(row4).toContainText('RUNNABLE');

    await seekTo(s, run, 4);
    await expect(diagram).toContainText('Last: RUNNABLE → RUNNING (dispatch) at tick 4');
    await expect(row4).toContainText('RUNNING');
    await p.forward.click();
    await expect(p.counter).toHaveText(counterText(run, 5));
    await expect(diagram).toContainText('Last: RUNNING → SLEEPING (io) at tick 5');
    await expect(row4).toContainText('SLEEPING');
    await expect(row4).toContainText('waiting: disk I/O');
    await expect(p.narration).toHaveText(narrationOf(run, 5));
    await expect(p.narration).toContainText('PID 4 starts an I/O and blocks');

    await p.back.click();
    await expect(p.counter).toHaveText(counterText(run, 4));
    await expect(diagram).toContainText('Last: RUNNABLE → RUNNING (dispatch) at tick 4');
    await expect(row4).toContainText('RUNNING');
    await expect(p.narration).toHaveText(narrationOf(run, 4));

    await seekTo(s, run, 11);
    await expect(diagram).toContainText('Last: SLEEPING → RUNNABLE (wakeup) at tick 11');
    await expect(row4).toContainText('RUNNABLE');
    await expect(p.narration).toContainText('The I/O of PID 4 completes.');
  });

  test('following another process with the table’s button, and stepping by keyboard', async ({
    page,
  }) => {
    const s = await sim(page, 'fig-st-live', 'Process states');
    const p = player(s);
    const follow2 = s.getByRole('button', { name: 'Follow PID 2', exact: true });
    await follow2.focus();
    await page.keyboard.press('Enter');
    await expect(follow2).toHaveAttribute('aria-pressed', 'true');
    await expect(s.locator('.view-state-diagram')).toContainText('PID 2 (cpu-bound)');
    // Keys act on the island: → steps, ← goes back. PID 2 is dispatched in tick 1 and its slice
    // ends in tick 2.
    await s.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(p.counter).toHaveText(counterText(run, 2));
    await expect(s.locator('.view-state-diagram')).toContainText(
      'Last: RUNNING → RUNNABLE (quantum) at tick 2',
    );
    await page.keyboard.press('ArrowLeft');
    await expect(p.counter).toHaveText(counterText(run, 1));
    await expect(s.locator('.view-state-diagram')).toContainText(
      'Last: RUNNABLE → RUNNING (dispatch) at tick 1',
    );
  });
});

test('predict mode: the model checks a right and a wrong answer', async ({ page }) => {
  const s = await sim(page, 'ex-st-predict-live', 'Process states');
  // Before step 1 nothing runs; RR takes the first-spawned process, PID 2 (cpu-bound).
  const q = s.getByRole('group', {
    name: 'Which process will be running on CPU 0 after the next step?',
  });
  await q.getByRole('radio', { name: /^PID 2\b/ }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(s.locator('.predict [role="status"]')).toContainText(/^Right\./);
  await player(s).forward.click();
  // After step 2 PID 3 runs (PID 2's two-tick slice ends): answer PID 4, which is wrong.
  const q2 = s.getByRole('group', {
    name: 'Which process will be running on CPU 0 after the next step?',
  });
  await q2.getByRole('radio', { name: /^PID 4\b/ }).check();
  await q2.getByRole('button', { name: 'Check' }).click();
  await expect(s.locator('.predict [role="status"]')).toContainText(/^Not quite\./);
  await expect(s.locator('.predict [role="status"]')).toContainText('PID 3');
});

test('be the OS: the best schedule by hand scores 15 of 17 ticks against the policies', async ({
  page,
}) => {
  // Worked out in src/os-model/compare.test.ts: the reader (PID 1) blocks at tick 2 until tick
  // 7 and at tick 10 until 15; the cruncher (PID 2) fills ticks 3-7 and 11-13.
  const s = await sim(page, 'fig-st-be-os', 'Be the OS');
  const p = player(s);
  const util = s.locator('.view-utilisation');
  await expect(util).toContainText('Nothing has run yet');
  // the simple policies: 15 of 23, 15 of 19, 15 of 15 ticks
  await expect(util.getByRole('row', { name: /Run to completion/ })).toContainText('65.2%');
  await expect(util.getByRole('row', { name: /IO_RUN_LATER/ })).toContainText('78.9%');
  await expect(util.getByRole('row', { name: /IO_RUN_IMMEDIATE/ })).toContainText('100%');

  const dispatch = async (pid: number) => {
    // a process's main task has tid = pid
    await s.getByLabel('Task to run').selectOption(String(pid));
    await s.getByRole('button', { name: 'Dispatch' }).click();
  };
  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) await p.forward.click();
  };
  await dispatch(1);
  await ticks(2);
  await expect(util).toContainText('So far the CPU was busy in 2 of 2 ticks (100%).');
  await dispatch(2);
  await ticks(5);
  await dispatch(1);
  await ticks(3);
  await dispatch(2);
  await ticks(3);
  // ticks 14 and 15: nobody is ready
  await ticks(2);
  await expect(util).toContainText('So far the CPU was busy in 13 of 15 ticks (86.7%).');
  await dispatch(1);
  // by keyboard: the island takes → as Step forward
  await s.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(util).toContainText(
    'Finished: the CPU was busy in 15 of 17 ticks (88.2%). You beat run to completion (65.2%) and switch on I/O (78.9%). You did not reach switch on I/O with immediate wake-up (100%).',
  );
});

test.describe('the process-run homework', () => {
  test('shows the command and the programs, and reveals OSTEP’s exact output', async ({ page }) => {
    const hw = await homework(page, 'fig-st-homework');
    await expect(hw.getByText('Command:')).toContainText('./process-run.py -l 1:0,4:100');
    await expect(hw.locator('pre').first()).toContainText('Process 0');
    await expect(await answer(hw)).toHaveJSProperty('textContent', WORKED);
    await expect(hw.locator('summary')).toContainText('./process-run.py -l 1:0,4:100 -c -p');
    // -p off: the trace alone
    await hw.getByLabel('-p: also print the statistics').uncheck();
    await expect(hw.locator('summary')).toContainText('./process-run.py -l 1:0,4:100 -c');
    await expect(await answer(hw)).toHaveJSProperty(
      'textContent',
      // without -p the output ends with the last row (no blank line, no Stats)
      WORKED.slice(0, WORKED.indexOf('\nStats')),
    );
  });

  test('equals OSTEP for several flag sets', async ({ page }) => {
    const hw = await homework(page, 'fig-st-homework');
    const cases: { flags: Parameters<typeof setFlags>[1]; cmd: string; out: string }[] = [
      {
        flags: { l: '5:100,5:100' },
        cmd: './process-run.py -l 5:100,5:100',
        out: PROCESS_RUN_CASES.cpuOnly.stdout,
      },
      {
        // Worked out in PROCESS_RUN_CASES.immediate.
        flags: { P: 'i,c1:c3', L: '2', I: 'IO_RUN_IMMEDIATE' },
        cmd: './process-run.py -P i,c1:c3 -L 2 -I IO_RUN_IMMEDIATE',
        out: PROCESS_RUN_CASES.immediate.stdout,
      },
      {
        // SWITCH_ON_END: the CPU idles through P0's I/O (ticks 2-3).
        flags: { l: '1:0,2:100', S: 'SWITCH_ON_END', L: '2' },
        cmd: './process-run.py -l 1:0,2:100 -L 2 -S SWITCH_ON_END',
        out: lines(
          HEADER2,
          row(1, false, ['RUN:io', 'READY'], true, 0),
          row(2, false, ['BLOCKED', 'READY'], false, 1),
          row(3, false, ['BLOCKED', 'READY'], false, 1),
          row(4, true, ['RUN:io_done', 'READY'], true, 0),
          row(5, false, ['DONE', 'RUN:cpu'], true, 0),
          row(6, false, ['DONE', 'RUN:cpu'], true, 0),
          ...stats(6, 4, '66.67', 2, '33.33'),
        ),
      },
    ];
    for (const c of cases) {
      await setFlags(hw, c.flags);
      await expect(hw.getByText('Command:')).toContainText(c.cmd);
      await expect(await answer(hw)).toHaveJSProperty('textContent', c.out);
    }
  });

  test('checks a tick-by-tick prediction and the busy figures', async ({ page }) => {
    const hw = await homework(page, 'fig-st-homework');
    // -l 1:0,4:100: tick 1 P0 RUN:io, P1 READY; tick 2 P0 BLOCKED, P1 RUN:cpu.
    const tick = hw.getByRole('group', { name: 'Tick 1: what does each process show?' });
    await tick.getByLabel('PID 0').selectOption('RUN:io');
    await tick.getByLabel('PID 1').selectOption('READY');
    await tick.getByRole('button', { name: 'Check tick 1' }).click();
    const status = hw.locator('.predict [role="status"]').first();
    await expect(status).toHaveText('Right: at tick 1, PID 0 RUN:io, PID 1 READY.');
    const tick2 = hw.getByRole('group', { name: 'Tick 2: what does each process show?' });
    await tick2.getByLabel('PID 0').selectOption('READY');
    await tick2.getByLabel('PID 1').selectOption('RUN:cpu');
    await tick2.getByRole('button', { name: 'Check tick 2' }).click();
    await expect(status).toHaveText(
      'Not quite: at tick 2, PID 0 BLOCKED, PID 1 RUN:cpu (you had PID 0 READY).',
    );
    // Busy figures, by keyboard: 7 ticks, 6 busy, 5 with the I/O outstanding.
    await hw.getByLabel('Total time').fill('7');
    await hw.getByLabel('CPU busy').fill('6');
    await hw.getByLabel('IO busy').fill('5');
    await page.keyboard.press('Enter');
    await expect(hw.locator('.predict [role="status"]').nth(1)).toHaveText(
      'Right: total time 7, CPU busy 6, I/O busy 5 ticks.',
    );
  });

  test('an invalid program gets an alert naming the bad token', async ({ page }) => {
    const hw = await homework(page, 'fig-st-homework');
    await setFlags(hw, { l: '5:100,5-100' });
    const alert = hw.getByRole('alert');
    await expect(alert).toContainText('The process list item "5-100" is not of the form X:Y');
    await expect(alert).toContainText('Bad description (5-100): Must be number <x:y>');
    await setFlags(hw, { P: 'c2,x3' });
    await expect(alert).toContainText('The program instruction "x3" is not valid');
    await expect(alert).toContainText('bad opcode x (should be c or i)');
    // Restoring the figure's flags clears it.
    await hw.getByRole('button', { name: 'Restore these flags' }).click();
    await expect(hw.getByRole('alert')).toHaveCount(0);
    await expect(hw.getByText('Command:')).toContainText('./process-run.py -l 1:0,4:100');
  });
});

test('the ps view: Z, D, S and R at tick 14, and T after SIGSTOP', async ({ page }) => {
  // ps-states by hand (RR, quantum 2, disk latency 10): PID 2 forks PID 3 (t1), which exits
  // with 42 at t4; forks PID 4 (t5), which starts its disk read at t8 (done at 19); forks PID 5
  // (t9), which computes; and calls sleep(14) at t13.
  const run = modelRun('ps-states', 1);
  const s = await sim(page, 'fig-st-ps', 'What ps shows');
  await seekTo(s, run, 14);
  const rows = s.locator('.view-ps tbody tr');
  await expect(rows).toHaveText([
    /^\s*1\s*0\s*S\s*init\s*$/,
    /^\s*2\s*1\s*S\s*ps-demo\s*$/,
    /^\s*3\s*2\s*Z\s*ps-demo <defunct>\s*$/,
    /^\s*4\s*2\s*D\s*ps-demo\s*$/,
    /^\s*5\s*2\s*R\s*ps-demo\s*$/,
  ]);
  await expect(s.locator('.view-ps')).toContainText('uninterruptible sleep (usually IO)');
  await s.getByLabel('Send to').selectOption('5');
  await s.getByLabel('Signal').selectOption('SIGSTOP');
  await s.getByRole('button', { name: 'Send signal' }).click();
  await expect(rows.nth(4)).toHaveText(/^\s*5\s*2\s*T\s*ps-demo\s*$/);
  await expect(s.locator('.view-ps')).toContainText('stopped by job control signal');
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the islands show step 0, transcripts, the ps listing and the homework answer', async ({
    page,
  }) => {
    await page.goto(URL_);
    const live = page.locator('#fig-st-live');
    await expect(live).toContainText('Step 0 of');
    await expect(live.locator('details').filter({ hasText: 'Transcript' })).toContainText(
      'PID 4 starts an I/O and blocks',
    );
    // ps at step 0: init asleep, the demo runnable
    await expect(page.locator('#fig-st-ps .view-ps tbody tr')).toHaveText([
      /^\s*1\s*0\s*S\s*init\s*$/,
      /^\s*2\s*1\s*R\s*ps-demo\s*$/,
    ]);
    const hw = page.locator('#fig-st-homework');
    await expect(hw).toContainText('./process-run.py -l 1:0,4:100');
    await hw.locator('summary').filter({ hasText: 'Reveal the answer' }).click();
    await expect(hw.locator('details pre')).toHaveJSProperty('textContent', WORKED);
    // the exercises' homework islands render their own flags' programs
    await expect(page.locator('#fig-st-hw-order')).toContainText('./process-run.py -l 4:100,1:0');
  });
});
