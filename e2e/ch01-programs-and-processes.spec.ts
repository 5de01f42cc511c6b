// Chapter 1, Programs and processes: the table of contents, every island driven by role and
// keyboard, axe in both themes, and the text without JavaScript. Expected values come from the
// OS model run here in Node on the islands' scenarios (e2e/lib/sim.ts), never from the page.
import {
  DRILL_REGIONS,
  REGION_LABEL,
  drillQuestion,
  get,
  pidPuzzle,
  smapsAll,
  statusLines,
  switchesOf,
  wordsOf,
  type KEvent,
} from '../src/os-model/index.ts';
import { replay } from '../components/ch01/proc-shell.ts';
import { axeChapterTests } from './lib/chapter.ts';
import { expect, test } from './lib/fixtures.ts';
import { counterText, modelRun } from './lib/sim.ts';
import { tabTo } from './lib/site.ts';

const URL_ = 'chapters/programs-and-processes/';

// Axe over a chapter with eight islands hydrated takes a while on a shared two-core machine.
test.describe.configure({ timeout: 120_000 });
const TITLE = 'Programs and processes';

test('the chapter is in the table of contents', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: `Chapter 1: ${TITLE}`, exact: true });
  await expect(link).toHaveAttribute('href', new RegExp(`/${URL_}$`));
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
});

test('a tiny CPU: after 4 and 9 steps, by keyboard, registers and memory are the model’s', async ({
  page,
  island,
}) => {
  const run = modelRun('tiny-cpu');
  await page.goto(URL_);
  const sim = await island({ scenario: 'tiny-cpu' }, { in: 'fig-tiny-cpu', run });
  await sim.root.focus();
  await tabTo(page, sim.player.forward);
  await page.keyboard.press('Enter');
  await sim.press('ArrowRight', 'ArrowRight', 'ArrowRight');
  for (const n of [4, 9]) {
    if (n === 9) await sim.press(...Array.from({ length: 5 }, () => 'ArrowRight'));
    await sim.at(n);
    const t = get(run.steps[n].machine.tasks, 2)!;
    const regs = sim.view('registers');
    for (const [name, v] of [
      ['pc', t.pc],
      ['r0', t.r[0]],
      ['r1', t.r[1]],
    ] as const) {
      const row = regs
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      await expect(row.getByRole('cell').first()).toHaveText(String(v));
    }
    const word = wordsOf(run.steps[n].machine, 2, 'data')[0].value;
    const cells = sim
      .view('cells')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^PID 2/ }) });
    await expect(cells.getByRole('cell').first()).toHaveText(
      new RegExp(`^${word}( stored| loaded)?$`),
    );
  }
});

test('two programs: the same address holds a different value in each process', async ({
  page,
  island,
}) => {
  const run = modelRun('two-programs');
  await page.goto(URL_);
  const sim = await island({ scenario: 'two-programs' }, { in: 'fig-two-programs', run });
  await sim.seek(8);
  for (const pid of [2, 3]) {
    const want = wordsOf(run.steps[8].machine, pid, 'data')[0].value;
    const row = sim
      .view('cells')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^PID ${pid}`) }) });
    await expect(row.getByRole('cell').first()).toHaveText(
      new RegExp(`^${want}( stored| loaded)?$`),
    );
  }
});

test('one program, three processes: one text frame mapped three times; RSS and PSS', async ({
  page,
  island,
}) => {
  const run = modelRun('three-processes');
  // The first step at which all three children have exec'd counter.
  let execs = 0;
  const n = run.steps.findIndex(
    (s) => (execs += s.events.filter((e: KEvent) => e.type === 'exec').length) === 3,
  );
  const m = run.steps[n].machine;
  const frame = get(m.procs, 3)!.mm!.pt[0].f;
  expect([4, 5].map((pid) => get(m.procs, pid)!.mm!.pt[0].f)).toEqual([frame, frame]);
  await page.goto(URL_);
  const sim = await island({ scenario: 'three-processes' }, { in: 'fig-three-processes', run });
  await sim.seek(n);
  const map = sim.view('memory');
  for (const pid of [3, 4, 5]) {
    const proc = map.getByRole('article', { name: new RegExp(`^PID ${pid}(?!\\d)`) });
    await expect(proc).toContainText(`Page 0 (text) → frame ${frame}`);
  }
  const rows = smapsAll(m).rows.filter((r) => [3, 4, 5].includes(r.pid));
  const gauge = sim.view('gauge');
  for (const r of rows) {
    // The row reads PID, process, RSS, PSS (two decimals), USS, all from the model.
    const name = `${r.pid} ${r.name} ${r.rss} ${Number(r.pss.toFixed(2))} ${r.uss}`;
    await expect(gauge.getByRole('row', { name, exact: true })).toBeVisible();
  }
});

test('the address map: choosing a variable zooms to its area and page', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const map = await island('Address-space map');
  await map.root.getByRole('button', { name: 'block', exact: true }).click();
  await expect(map.root.getByRole('status')).toContainText('is at 0x5555555592a0');
  await expect(map.root.getByRole('status')).toContainText('page 0 of it');
  await expect(map.root.getByRole('status')).toContainText('byte 672');
  await map.root.getByRole('button', { name: 'User half (128 TiB)' }).click();
  await expect(map.root.getByRole('heading', { name: /The whole user half/ })).toBeVisible();
  await map.root.getByRole('button', { name: /Zoom in: the program and its heap/ }).click();
  await expect(map.root.getByRole('table')).toContainText('[heap]');
});

test('which region? accepts the right answer and explains a wrong one, by keyboard', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const drill = await island('Which region?');
  const q0 = drillQuestion(1, 0);
  const right = drill.root.getByRole('radio', { name: REGION_LABEL[q0.answer] });
  await right.focus();
  await page.keyboard.press('Space');
  await tabTo(page, drill.root.getByRole('button', { name: 'Check' }));
  await page.keyboard.press('Enter');
  await expect(drill.verdict).toHaveText(/^Right\./);
  await drill.root.getByRole('button', { name: 'Next question' }).click();
  const q1 = drillQuestion(1, 1);
  const wrong = DRILL_REGIONS.find((r) => r !== q1.answer)!;
  await drill.root.getByRole('radio', { name: REGION_LABEL[wrong] }).check();
  await drill.root.getByRole('button', { name: 'Check' }).click();
  await expect(drill.verdict).toHaveText(/^Not quite\./);
  await expect(drill.verdict).toContainText(`is in ${REGION_LABEL[q1.answer]}`);
  await expect(drill.root).toContainText('Score: 1 of 2');
});

test('/proc you can cat: fields match the model; a pasted malformed line is named', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const sh = await island('/proc you can cat');
  const cmd = sh.root.getByRole('textbox', { name: 'Command' });
  const expectField = async (cmds: string[], pid: number, key: string) => {
    const s = replay(cmds);
    if (!s.ok) throw new Error(s.error);
    const v = statusLines(s.machine, pid, switchesOf(s.events))!.find((l) => l.key === key)!.value;
    await expect(
      sh.root.getByRole('button', { name: `${key}:`, exact: true }).last(),
    ).toBeVisible();
    await expect(sh.root.locator('pre.out').last()).toContainText(`${key}:\t${v}`);
  };
  await cmd.fill('tick 5');
  await page.keyboard.press('Enter');
  await cmd.fill('cat /proc/4/status');
  await page.keyboard.press('Enter');
  const cmds = ['ls /proc', 'cat /proc/3/status', 'tick 5', 'cat /proc/4/status'];
  for (const key of [
    'State',
    'PPid',
    'VmRSS',
    'voluntary_ctxt_switches',
    'nonvoluntary_ctxt_switches',
  ])
    await expectField(cmds, 4, key);
  await sh.root.getByRole('button', { name: 'PPid:', exact: true }).last().focus();
  await expect(sh.root.getByText(/^PPid: The parent’s PID\./)).toBeVisible();
  await cmd.fill('cat /proc/99/status');
  await page.keyboard.press('Enter');
  await expect(sh.root.locator('pre.err').last()).toHaveText(
    'cat: /proc/99/status: No such file or directory',
  );
  // The second tab: a pasted status with a broken line.
  await sh.root.getByRole('tab', { name: 'Your machine' }).click();
  await sh.root
    .getByRole('textbox', { name: /Paste the output/ })
    .fill('Name:\tcat\nno colon here\nPid:\tabc');
  await expect(sh.root.getByRole('status')).toContainText(
    '2 known fields, 0 unknown, 1 malformed line',
  );
  await expect(sh.root).toContainText('Line 2 is not a status line');
  await expect(sh.root).toContainText('Pid should be a whole number');
});

test('predict the next PID: the kernel’s answer is accepted, a bad guess is named', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const quiz = await island('Predict the next PID');
  const box = quiz.root.getByRole('textbox', { name: 'Which PID does the next fork get?' });
  await box.fill('abc');
  await box.press('Enter');
  await expect(quiz.root.getByRole('alert')).toContainText('“abc” is not a PID');
  const p = pidPuzzle(1);
  await box.fill(p.answer < 0 ? 'none' : String(p.answer));
  await box.press('Enter');
  await expect(quiz.verdict).toHaveText(/^Right\./);
  await quiz.root.getByRole('button', { name: 'Next puzzle' }).click();
  const p2 = pidPuzzle(2);
  await box.fill(String(p2.answer + 1));
  await box.press('Enter');
  await expect(quiz.verdict).toHaveText(/^Not quite\./);
  await expect(quiz.verdict).toContainText(`the kernel gave PID ${p2.answer}`);
});

test('the control block follows the model: saved registers after a switch', async ({
  page,
  island,
}) => {
  const run = modelRun('two-programs');
  await page.goto(URL_);
  const sim = await island('Simulation: The control block, live', { in: 'fig-pcb', run });
  await sim.seek(2);
  const t = get(run.steps[2].machine.tasks, 2)!;
  const [pc, sp, r0, r1, r2, r3] = t.ctx;
  await expect(sim.view('pcb')).toContainText(
    `pc ${pc}, sp ${sp}, r0 ${r0}, r1 ${r1}, r2 ${r2}, r3 ${r3}`,
  );
  await expect(sim.view('pcb')).toContainText('RUNNABLE');
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the text, the islands’ first states and a transcript', async ({ page }) => {
    await page.goto(URL_);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toContainText(TITLE);
    await expect(main.getByRole('heading', { name: 'The process control block' })).toBeVisible();
    const run = modelRun('tiny-cpu');
    const sim = main.getByRole('region', {
      name: 'Simulation: A tiny CPU and memory',
      exact: true,
    });
    await expect(sim).toContainText(counterText(run, 0));
    await expect(sim).toContainText('PID 2 exits with status 6');
    await expect(main.getByRole('region', { name: 'Address-space map' })).toContainText(
      'The whole user half',
    );
    await expect(main.getByRole('region', { name: 'Which region?' })).toContainText(
      'Answer to this question',
    );
    await expect(main.getByRole('region', { name: '/proc you can cat' })).toContainText('State:');
    await expect(main.getByRole('region', { name: 'Predict the next PID' })).toContainText(
      'Answer to this puzzle',
    );
  });
});
