// Chapter 2, Process states: every island driven as a reader drives it, by mouse and keyboard.
// Expected values are worked out here by hand: from the scenario programs (process-states in
// src/os-model/book/ (each chapter's scenarios.ts), io-mix and ps-states in scenarios-states.ts) and, for process-run,
// from ../shared/ostep-spec.md §1 as in src/os-model/ostep/golden.test.ts. The model runs in Node
// only to cross-check a hand-worked step number and for the narration sentences (e2e/lib/sim.ts).
import { axeChapterTests } from './lib/chapter.ts';
import { type Locator } from '@playwright/test';
import { HEADER2, lines, PROCESS_RUN_CASES, row, stats } from './fixtures/ostep-spec-format.ts';
import { bodyRows, expect, figure, test, type Fixtures } from './lib/fixtures.ts';
import { modelRun, narrationOf } from './lib/sim.ts';

const URL_ = 'chapters/process-states/';
/** The live island of figure 2.3, and of exercise 2.1 (predict mode). */
const LIVE = 'Simulation: Process states';
/** The process-run island of figure 2.5. */
const HOMEWORK = 'process-run: one I/O, then four CPU instructions';
/** The simulator's answer and the programs, in their scrollable boxes (named groups). */
const ANSWER = { name: "The simulator's answer, scrollable" } as const;
const PROGRAMS = { name: 'The programs, scrollable' } as const;

/** The process-run island of figure 2.5 (#fig-st-homework), hydrated (its fieldset is enabled). */
async function homework(island: Fixtures['island']): Promise<Locator> {
  const hw = (await island(HOMEWORK)).root;
  await expect(hw.getByRole('button', { name: 'Show the programs' })).toBeEnabled();
  return hw;
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
  const box = hw.getByRole('group', ANSWER);
  if (!(await box.isVisible())) await revealSummary(hw).click();
  return box;
}

/** The "Reveal the answer: <command>" summary (a <summary> has no role: found by its text). */
const revealSummary = (hw: Locator) => hw.getByText(/^Reveal the answer: /);

test.beforeEach(async ({ page }) => {
  await page.goto(URL_);
});

test('the chapter is in the table of contents and numbers its figures', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: /Process states/ }).first();
  await expect(link).toHaveAttribute('href', /\/chapters\/process-states\/$/);
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Process states$/);
  await expect(figure(page, '2.3')).toHaveAttribute('id', 'fig-st-live');
  await expect(figure(page, '2.6')).toHaveAttribute('id', 'fig-st-ps');
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
    island,
  }) => {
    const s = await island(LIVE, { in: 'fig-st-live', run });
    const p = s.player;
    const diagram = s.view('states');
    const row4 = s
      .view('table')
      .getByRole('row')
      .filter({ has: s.page.getByRole('button', { name: 'Follow PID 4', exact: true }) });
    await s.at(0);
    await expect(diagram).toContainText('No state change yet.');
    await expect(row4).toContainText('RUNNABLE');

    await s.seek(4);
    await expect(diagram).toContainText('Last: RUNNABLE → RUNNING (dispatch) at tick 4');
    await expect(row4).toContainText('RUNNING');
    await s.step();
    await s.at(5);
    await expect(diagram).toContainText('Last: RUNNING → SLEEPING (io) at tick 5');
    await expect(row4).toContainText('SLEEPING');
    await expect(row4).toContainText('waiting: disk I/O');
    await expect(s.narration).toHaveText(narrationOf(run, 5));
    await expect(s.narration).toContainText('PID 4 starts an I/O and blocks');

    await p.back.click();
    await s.at(4);
    await expect(diagram).toContainText('Last: RUNNABLE → RUNNING (dispatch) at tick 4');
    await expect(row4).toContainText('RUNNING');
    await expect(s.narration).toHaveText(narrationOf(run, 4));

    await s.seek(11);
    await expect(diagram).toContainText('Last: SLEEPING → RUNNABLE (wakeup) at tick 11');
    await expect(row4).toContainText('RUNNABLE');
    await expect(s.narration).toContainText('The I/O of PID 4 completes.');
  });

  test('following another process with the table’s button, and stepping by keyboard', async ({
    page,
    island,
  }) => {
    const s = await island(LIVE, { in: 'fig-st-live', run });
    const follow2 = s.root.getByRole('button', { name: 'Follow PID 2', exact: true });
    await follow2.focus();
    await page.keyboard.press('Enter');
    await expect(follow2).toHaveAttribute('aria-pressed', 'true');
    await expect(s.view('states')).toContainText('PID 2 (cpu-bound)');
    // Keys act on the island: → steps, ← goes back. PID 2 is dispatched in tick 1 and its slice
    // ends in tick 2.
    await s.press('ArrowRight', 'ArrowRight');
    await s.at(2);
    await expect(s.view('states')).toContainText('Last: RUNNING → RUNNABLE (quantum) at tick 2');
    await page.keyboard.press('ArrowLeft');
    await s.at(1);
    await expect(s.view('states')).toContainText('Last: RUNNABLE → RUNNING (dispatch) at tick 1');
  });
});

test('predict mode: the model checks a right and a wrong answer', async ({ island }) => {
  const s = await island(`${LIVE} (predict)`, { in: 'ex-st-predict-live' });
  // Before step 1 nothing runs; RR takes the first-spawned process, PID 2 (cpu-bound).
  const q = s.question('Which process will be running on CPU 0 after the next step?');
  await q.getByRole('radio', { name: /^PID 2\b/ }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(s.verdict).toContainText(/^Right\./);
  await s.step();
  // After step 2 PID 3 runs (PID 2's two-tick slice ends): answer PID 4, which is wrong.
  const q2 = s.question('Which process will be running on CPU 0 after the next step?');
  await q2.getByRole('radio', { name: /^PID 4\b/ }).check();
  await q2.getByRole('button', { name: 'Check' }).click();
  await expect(s.verdict).toContainText(/^Not quite\./);
  await expect(s.verdict).toContainText('PID 3');
});

test('be the OS: the best schedule by hand scores 15 of 17 ticks against the policies', async ({
  island,
}) => {
  // Worked out in src/os-model/compare.test.ts: the reader (PID 1) blocks at tick 2 until tick
  // 7 and at tick 10 until 15; the cruncher (PID 2) fills ticks 3-7 and 11-13.
  const s = await island('Simulation: Be the OS');
  const util = s.view('utilisation');
  await expect(util).toContainText('Nothing has run yet');
  // the simple policies: 15 of 23, 15 of 19, 15 of 15 ticks
  await expect(util.getByRole('row', { name: /Run to completion/ })).toContainText('65.2%');
  await expect(util.getByRole('row', { name: /IO_RUN_LATER/ })).toContainText('78.9%');
  await expect(util.getByRole('row', { name: /IO_RUN_IMMEDIATE/ })).toContainText('100%');

  const dispatch = async (pid: number) => {
    // a process's main task has tid = pid
    await s.root.getByLabel('Task to run').selectOption(String(pid));
    await s.root.getByRole('button', { name: 'Dispatch' }).click();
  };
  const ticks = (n: number) => s.step(n);
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
  await s.press('ArrowRight', 'ArrowRight');
  await expect(util).toContainText(
    'Finished: the CPU was busy in 15 of 17 ticks (88.2%). You beat run to completion (65.2%) and switch on I/O (78.9%). You did not reach switch on I/O with immediate wake-up (100%).',
  );
});

test.describe('the process-run homework', () => {
  test('shows the command and the programs, and reveals OSTEP’s exact output', async ({
    island,
  }) => {
    const hw = await homework(island);
    await expect(hw.getByText('Command:')).toContainText('./process-run.py -l 1:0,4:100');
    await expect(hw.getByRole('group', PROGRAMS)).toContainText('Process 0');
    await expect(await answer(hw)).toHaveJSProperty('textContent', WORKED);
    await expect(revealSummary(hw)).toContainText('./process-run.py -l 1:0,4:100 -c -p');
    // -p off: the trace alone
    await hw.getByLabel('-p: also print the statistics').uncheck();
    await expect(revealSummary(hw)).toContainText('./process-run.py -l 1:0,4:100 -c');
    await expect(await answer(hw)).toHaveJSProperty(
      'textContent',
      // without -p the output ends with the last row (no blank line, no Stats)
      WORKED.slice(0, WORKED.indexOf('\nStats')),
    );
  });

  test('equals OSTEP for several flag sets', async ({ island }) => {
    const hw = await homework(island);
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

  test('checks a tick-by-tick prediction and the busy figures', async ({ page, island }) => {
    const hw = await homework(island);
    // -l 1:0,4:100: tick 1 P0 RUN:io, P1 READY; tick 2 P0 BLOCKED, P1 RUN:cpu.
    const tick = hw.getByRole('group', { name: 'Tick 1: what does each process show?' });
    await tick.getByLabel('PID 0').selectOption('RUN:io');
    await tick.getByLabel('PID 1').selectOption('READY');
    await tick.getByRole('button', { name: 'Check tick 1' }).click();
    // the verdicts are live regions, as is the copy-link message: told apart by what they say
    const status = hw.getByRole('status').filter({ hasText: /^(Right|Not quite): at tick / });
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
    await expect(
      hw.getByRole('status').filter({ hasText: /^(Right|Not quite): total time / }),
    ).toHaveText('Right: total time 7, CPU busy 6, I/O busy 5 ticks.');
  });

  test('an invalid program gets an alert naming the bad token', async ({ island }) => {
    const hw = await homework(island);
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

test('the ps view: Z, two kinds of D, S and R at tick 14, T after SIGSTOP, and SIGKILL against each D', async ({
  island,
}) => {
  // ps-states by hand (two CPUs, RR, quantum 2, disk latency 10; PID 2 the parent on CPU 0):
  // PID 2 forks at t1, t3, t5 and t7 (a branch after each); each child starts on CPU 1. PID 3
  // exits with 42 at t3 (Z); PID 4 starts its file read at t5, killable (D, asleep to t15);
  // PID 5 computes from t6; PID 6 opens (t9), writes (t11) and calls fsync at t12,
  // uninterruptible (D until t23); RR's slices bring PID 2 back on CPU 1 at the end of t9 and it
  // calls sleep(14) at t10 (S). Init sleeps in wait() (S).
  const run = modelRun('ps-states', 1);
  const s = await island('Simulation: What ps shows', { run });
  await s.seek(14);
  const rows = bodyRows(s.view('ps'));
  await expect(rows).toHaveText([
    /^\s*1\s*0\s*S\s*init\s*$/,
    /^\s*2\s*1\s*S\s*ps-demo\s*$/,
    /^\s*3\s*2\s*Z\s*ps-demo <defunct>\s*$/,
    /^\s*4\s*2\s*D\s*ps-demo\s*$/,
    /^\s*5\s*2\s*R\s*ps-demo\s*$/,
    /^\s*6\s*2\s*D\s*ps-demo\s*$/,
  ]);
  await expect(s.view('ps')).toContainText('uninterruptible sleep (usually IO)');
  await s.root.getByLabel('Send to').selectOption('5');
  await s.root.getByLabel('Signal').selectOption('SIGSTOP');
  await s.root.getByRole('button', { name: 'Send signal' }).click();
  await expect(rows.nth(4)).toHaveText(/^\s*5\s*2\s*T\s*ps-demo\s*$/);
  await expect(s.view('ps')).toContainText('stopped by job control signal');
  // SIGKILL to the reader (a killable D) ends it at once; to the fsync caller (an
  // uninterruptible D) it stays pending, and PID 6 stays D
  await s.root.getByLabel('Send to').selectOption('4');
  await s.root.getByLabel('Signal').selectOption('SIGKILL');
  await s.root.getByRole('button', { name: 'Send signal' }).click();
  await expect(rows.nth(3)).toHaveText(/^\s*4\s*2\s*Z\s*ps-demo <defunct>\s*$/);
  await s.root.getByLabel('Send to').selectOption('6');
  await s.root.getByLabel('Signal').selectOption('SIGKILL');
  await s.root.getByRole('button', { name: 'Send signal' }).click();
  await expect(rows.nth(5)).toHaveText(/^\s*6\s*2\s*D\s*ps-demo\s*$/);
  await expect(s.narration).toContainText(
    'PID 6 receives SIGKILL in an uninterruptible sleep: the signal stays pending until the wait ends.',
  );
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the islands show step 0, transcripts, the ps listing and the homework answer', async ({
    page,
  }) => {
    await page.goto(URL_);
    const live = figure(page, '2.3');
    await expect(live).toContainText('Step 0 of');
    // without JavaScript the transcript holds the whole run (in its closed <details>: hidden)
    await expect(
      live.getByRole('group', { name: 'Transcript, scrollable', includeHidden: true }),
    ).toContainText('PID 4 starts an I/O and blocks');
    // ps at step 0: init asleep, the demo runnable
    const ps = page.getByRole('region', { name: 'Simulation: What ps shows', exact: true });
    await expect(
      bodyRows(ps.getByRole('group', { name: 'What ps shows', exact: true })),
    ).toHaveText([/^\s*1\s*0\s*S\s*init\s*$/, /^\s*2\s*1\s*R\s*ps-demo\s*$/]);
    const hw = page.getByRole('region', { name: HOMEWORK, exact: true });
    await expect(hw).toContainText('./process-run.py -l 1:0,4:100');
    await revealSummary(hw).click();
    await expect(hw.getByRole('group', ANSWER)).toHaveJSProperty('textContent', WORKED);
    // the exercises' homework islands render their own flags' programs
    await expect(
      page.getByRole('region', { name: 'process-run: does the order matter?', exact: true }),
    ).toContainText('./process-run.py -l 4:100,1:0');
  });
});
