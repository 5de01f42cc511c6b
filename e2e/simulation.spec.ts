// The simulation islands driven as a reader drives them: mouse, keyboard, shared links, predict
// mode, reduced motion, no JavaScript, a failing view, axe. Expected values are worked out here
// from the OS model and the gallery's props (e2e/lib/sim.ts), never read from an island.
import { expect, test, type Page } from '@playwright/test';
import { currentLine, explain, step, get, keys, values } from '../src/os-model/index.ts';
import {
  counterText,
  escapeRe,
  example,
  firstStep,
  hydrated,
  island,
  islandName,
  modelRun,
  narrationOf,
  player,
  runOf,
  seekTo,
} from './lib/sim.ts';
import { GALLERY } from '../src/lib/gallery.ts';
import { VIEWS } from '../components/views/registry.ts';
import { axe } from './lib/axe.ts';
import { islandsHydrated, resultLinkingTo, searchTarget, tabTo, watch } from './lib/site.ts';

const GALLERY_URL = 'gallery/';

async function openGallery(page: Page, hash = ''): Promise<void> {
  await page.goto(GALLERY_URL + hash);
}

test.describe('the player', () => {
  test('with the mouse: step, back, play, pause, reset, speed and the Step slider follow the model', async ({
    page,
    baseURL,
  }) => {
    const problems = await watch(page, new URL(baseURL!).origin);
    const run = runOf('player');
    await openGallery(page);
    const sim = await hydrated(island(page, 'player'));
    const p = player(sim);

    await expect(p.counter).toHaveText(counterText(run, 0));
    await expect(p.narration).toHaveText(narrationOf(run, 0));
    await expect(p.back).toBeDisabled();

    // Step forward twice: the fork of step 2 is narrated as the model explains it.
    await p.forward.click();
    await expect(p.counter).toHaveText(counterText(run, 1));
    await expect(p.narration).toHaveText(narrationOf(run, 1));
    await p.forward.click();
    await expect(p.counter).toHaveText(counterText(run, 2));
    await expect(p.narration).toHaveText(narrationOf(run, 2));
    await expect(p.slider).toHaveAttribute('aria-valuetext', counterText(run, 2));

    await p.back.click();
    await expect(p.counter).toHaveText(counterText(run, 1));
    await expect(p.narration).toHaveText(narrationOf(run, 1));

    // The slider jumps anywhere.
    const mid = Math.floor(run.length / 2);
    await seekTo(sim, run, mid);
    await expect(p.narration).toHaveText(narrationOf(run, mid));

    await p.reset.click();
    await expect(p.counter).toHaveText(counterText(run, 0));
    await expect(p.narration).toHaveText(narrationOf(run, 0));

    // Play at 8× runs to the end and stops there by itself.
    await p.speed.selectOption({ label: '8×' });
    await expect(p.speed).toHaveValue('8');
    await p.play.click();
    await expect(p.pause).toBeVisible();
    await expect(p.counter).toHaveText(counterText(run, run.length));
    await expect(p.play).toBeVisible();
    await expect(p.narration).toHaveText(narrationOf(run, run.length));
    await expect(p.forward).toBeDisabled();

    // Play from the end starts again; Pause stops it: one click on Step forward then moves by
    // exactly one step.
    await p.play.click();
    await expect.poll(async () => Number(await p.slider.inputValue())).toBeGreaterThanOrEqual(2);
    await p.pause.click();
    await expect(p.play).toBeVisible();
    const at = Number(await p.slider.inputValue());
    expect(at).toBeLessThan(run.length);
    await p.forward.click();
    await expect(p.counter).toHaveText(counterText(run, at + 1));
    await expect(p.narration).toHaveText(narrationOf(run, at + 1));
    expect(problems).toEqual([]);
  });

  test('with the keyboard only: Tab in, then arrows, Home, End and Space', async ({ page }) => {
    const run = runOf('player');
    await openGallery(page);
    const sim = await hydrated(island(page, 'player'));
    const p = player(sim);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('body').focus();

    await tabTo(page, p.forward);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(p.counter).toHaveText(counterText(run, 3));
    await expect(p.narration).toHaveText(narrationOf(run, 3));
    await page.keyboard.press('ArrowLeft');
    await expect(p.counter).toHaveText(counterText(run, 2));
    await expect(p.narration).toHaveText(narrationOf(run, 2));
    await page.keyboard.press('End');
    await expect(p.counter).toHaveText(counterText(run, run.length));
    await expect(p.narration).toHaveText(narrationOf(run, run.length));
    // End disables the focused "Step forward" button; the keyboard user must not be dropped out
    // of the island (focus falling back to <body> means the next key does nothing here).
    await expect
      .soft(
        sim.locator(':focus'),
        'after End, focus is still inside the island (it fell back to <body>)',
      )
      .toHaveCount(1, { timeout: 2000 });

    // Home from the Play button; Space on it plays, Space again pauses.
    await tabTo(page, p.play);
    await page.keyboard.press('Home');
    await expect(p.counter).toHaveText(counterText(run, 0));
    await expect(p.narration).toHaveText(narrationOf(run, 0));
    await page.keyboard.press('Space');
    await expect(p.pause).toBeFocused();
    await expect.poll(async () => Number(await p.slider.inputValue())).toBeGreaterThan(0);
    await page.keyboard.press('Space');
    await expect(p.play).toBeFocused();
    const at = Number(await p.slider.inputValue());
    await page.keyboard.press('ArrowRight');
    await expect(p.counter).toHaveText(counterText(run, at + 1));
  });
});

test.describe('the views', () => {
  test('every gallery island shows the headings of its views once hydrated', async ({ page }) => {
    await openGallery(page);
    for (const { props } of GALLERY) {
      if (props.id === 'broken') continue;
      const sim = await hydrated(island(page, props.id));
      for (const v of props.views) {
        await expect(
          sim.getByRole('heading', { level: 3, name: VIEWS[v].heading }),
          `${props.id}: ${v}`,
        ).toBeVisible();
      }
    }
  });

  test('process table: a row per process with its state, as the model has it', async ({ page }) => {
    const run = runOf('table');
    const s = firstStep(run, (e) => e.type === 'state' && e.to === 'SLEEPING');
    await openGallery(page);
    const sim = await hydrated(island(page, 'table'));
    for (const n of [0, s]) {
      await seekTo(sim, run, n);
      const m = run.steps[n].machine;
      const pids = keys(m.procs);
      await expect(sim.getByRole('button', { name: /^Follow PID \d+$/ })).toHaveCount(pids.length);
      for (const pid of pids) {
        const state = get(m.tasks, pid)?.state ?? get(m.procs, pid)!.state;
        const row = sim
          .getByRole('row')
          .filter({ has: page.getByRole('button', { name: `Follow PID ${pid}`, exact: true }) });
        await expect(row, `PID ${pid} at step ${n}`).toContainText(state);
      }
    }
  });

  test('process table: fork-basics gains PID 3 on the fork step', async ({ page }) => {
    const run = runOf('predict');
    const f = firstStep(run, (e) => e.type === 'fork');
    const child = run.steps[f].events.find((e) => e.type === 'fork')!;
    expect(child.type === 'fork' && child.child).toBe(3);
    await openGallery(page);
    // The predict island shows a table; skip its questions to step freely.
    const sim = await hydrated(island(page, 'predict'));
    const p = player(sim);
    const follow3 = sim.getByRole('button', { name: 'Follow PID 3', exact: true });
    for (let n = 1; n <= f; n++) {
      const skip = sim.getByRole('button', { name: 'Skip question' });
      if (await skip.isVisible()) await skip.click();
      await expect(follow3).toHaveCount(0);
      await p.forward.click();
      await expect(p.counter).toHaveText(counterText(run, n));
    }
    await expect(follow3).toHaveCount(1);
  });

  test('process tree: the zombie badge appears on the step PID 3 becomes a zombie, the orphan badge on reparenting', async ({
    page,
  }) => {
    const run = runOf('tree');
    const z = firstStep(run, (e) => e.type === 'state' && e.tid === 3 && e.to === 'ZOMBIE');
    const o = firstStep(run, (e) => e.type === 'reparent');
    const orphan = run.steps[o].events.find((e) => e.type === 'reparent')!.pid;
    await openGallery(page);
    const sim = await hydrated(island(page, 'tree'));
    const node = (pid: number) => sim.locator('g.node').filter({ hasText: `PID ${pid}` });
    const item = (pid: number) =>
      sim.getByRole('listitem').filter({ hasText: new RegExp(`^PID ${pid} `) });

    await seekTo(sim, run, z - 1);
    await expect(node(3)).toBeVisible();
    await expect(node(3).getByText('zombie', { exact: true })).toHaveCount(0);
    await seekTo(sim, run, z);
    await expect(node(3).getByText('zombie', { exact: true })).toBeVisible();
    await expect(item(3).first()).toContainText('(ZOMBIE');
    await expect(item(3).first()).toContainText('zombie: exited, not yet reaped');

    await seekTo(sim, run, o);
    await expect(node(orphan).getByText('orphan', { exact: true })).toBeVisible();
    await expect(item(orphan).first()).toContainText('orphan: its parent PID 2 exited');
  });

  test('state diagram: names the followed process’s last transition', async ({ page }) => {
    const run = runOf('states');
    const pid = example('states').follow!;
    const s = firstStep(run, (e) => e.type === 'state' && e.tid === pid && e.to === 'SLEEPING');
    const tr = run.steps[s].events.findLast((e) => e.type === 'state' && e.tid === pid)!;
    if (tr.type !== 'state') throw new Error('unreachable');
    await openGallery(page);
    const sim = await hydrated(island(page, 'states'));
    await seekTo(sim, run, s);
    await expect(
      sim.getByText(`Last: ${tr.from} → ${tr.to} (${tr.reason}) at tick ${tr.t}`),
    ).toBeVisible();
  });

  test('CPU timeline: its table says which PID each CPU ran in each step', async ({ page }) => {
    const run = runOf('cpu');
    await openGallery(page);
    const sim = await hydrated(island(page, 'cpu'));
    await seekTo(sim, run, 2);
    await sim.getByText('Timeline as a table').click();
    const table = sim.getByRole('table');
    for (const n of [1, 2]) {
      const m = run.steps[n].machine;
      const row = table.getByRole('row').filter({
        has: page.getByRole('rowheader', { name: String(n), exact: true }),
      });
      const cells = row.getByRole('cell');
      await expect(cells.first()).toHaveText(String(m.clock));
      for (const cpu of m.cpus) {
        const pid = cpu.ranTid >= 0 ? (get(m.tasks, cpu.ranTid)?.pid ?? cpu.ranTid) : -1;
        await expect(cells.nth(1 + cpu.id), `step ${n} CPU ${cpu.id}`).toHaveText(
          pid < 0 ? 'idle' : new RegExp(`^(PID ${pid}\\b|context switch)`),
        );
      }
    }
  });

  test('memory map: a copy-on-write fault is marked on the step the model faults', async ({
    page,
  }) => {
    const run = runOf('memory');
    // the data page's copy (the stack page is copied in the fork's step, and the child's own
    // stack write makes the next step fault too)
    const c = firstStep(run, (e) => e.type === 'cow' && e.copied && e.region === 'data');
    await openGallery(page);
    const sim = await hydrated(island(page, 'memory'));
    const fault = sim.getByText('Fault this step.');
    await seekTo(sim, run, c - 1);
    await expect(fault).toHaveCount(0);
    await seekTo(sim, run, c);
    await expect(fault).toBeVisible();
    await seekTo(sim, run, c + 1);
    await expect(fault).toHaveCount(0);
  });

  test('file descriptors: parent and child share one entry and its offset', async ({ page }) => {
    const run = runOf('fds');
    const writes: number[] = [];
    for (let i = 1; i <= run.length; i++)
      if (run.steps[i].events.some((e) => e.type === 'write' && e.to !== 'console')) writes.push(i);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    await openGallery(page);
    const sim = await hydrated(island(page, 'fds'));
    for (const n of writes) {
      await seekTo(sim, run, n);
      const m = run.steps[n].machine;
      const file = values(m.files).find((f) => f.kind === 'file')!;
      const row = sim
        .getByRole('table', { name: /Open-file table/ })
        .getByRole('row')
        .filter({ hasText: file.path });
      const cells = row.getByRole('cell');
      await expect(cells.nth(1), `offset at step ${n}`).toHaveText(String(file.off));
      await expect(cells.nth(2), `refs at step ${n}`).toHaveText(String(file.refs));
      if (file.refs > 1) await expect(row.getByText('shared')).toBeVisible();
    }
  });

  test('code pane: says where each task is, as "PID n is at line k"', async ({ page }) => {
    const run = runOf('code');
    const s = firstStep(run, (e) => e.type === 'thread') + 1;
    await openGallery(page);
    const sim = await hydrated(island(page, 'code'));
    await seekTo(sim, run, s);
    const m = run.steps[s].machine;
    const where = sim.getByRole('list', { name: 'Where each task is' });
    const live = values(m.tasks).filter((t) => t.state !== 'ZOMBIE' && t.pid !== 1);
    expect(live.length).toBeGreaterThanOrEqual(2);
    for (const t of live) {
      const label = t.tid === t.pid ? `PID ${t.pid}` : `PID ${t.pid} / TID ${t.tid}`;
      const line = currentLine(m, t.tid);
      await expect(
        where
          .getByRole('listitem')
          .filter({ hasText: new RegExp(`^\\s*${escapeRe(label)} (is|has) `) }),
      ).toContainText(`${label} is at line ${line}: `);
    }
  });

  test('registers: the followed process’s pc line follows the model', async ({ page }) => {
    const run = runOf('registers');
    await openGallery(page);
    const sim = await hydrated(island(page, 'registers'));
    await sim.getByRole('combobox', { name: 'Follow process' }).selectOption('2');
    for (const n of [1, 2]) {
      await seekTo(sim, run, n);
      const line = currentLine(run.steps[n].machine, 2);
      await expect(
        sim.getByRole('group', { name: 'Registers' }).getByText(new RegExp(`line ${line}:`)),
        `step ${n}`,
      ).toBeVisible();
    }
  });

  test('statistics: context switches and steps counted from the model’s events', async ({
    page,
  }) => {
    const run = runOf('stats');
    await openGallery(page);
    const sim = await hydrated(island(page, 'stats'));
    for (const n of [Math.floor(run.length / 2), run.length]) {
      await seekTo(sim, run, n);
      let switches = 0;
      let forks = 0;
      for (let i = 1; i <= n; i++)
        for (const e of run.steps[i].events) {
          if (e.type === 'switch') switches++;
          if (e.type === 'fork') forks++;
        }
      const stats = sim.getByRole('group', { name: 'Statistics' });
      await expect(stats).toContainText(`Over ${n} steps (tick ${run.steps[n].machine.clock}).`);
      const figure = (term: string) =>
        stats.locator('div', { has: page.locator('dt', { hasText: term }) }).locator('dd strong');
      await expect(figure('Context switches'), `switches at step ${n}`).toHaveText(
        String(switches),
      );
      await expect(figure('fork() calls'), `forks at step ${n}`).toHaveText(String(forks));
    }
  });

  test('console: the lines printed so far, in order, each with its PID', async ({ page }) => {
    const run = runOf('console');
    await openGallery(page);
    const sim = await hydrated(island(page, 'console'));
    const out = sim.getByRole('group', { name: 'Console output', exact: true });
    await expect(out.getByText('Nothing printed yet.')).toBeVisible();
    for (const n of [Math.floor(run.length / 2), run.length]) {
      await seekTo(sim, run, n);
      const printed: RegExp[] = [];
      for (let i = 1; i <= n; i++)
        for (const e of run.steps[i].events)
          if (e.type === 'write' && e.to === 'console')
            printed.push(
              new RegExp(
                `^\\s*PID ${e.pid}\\s+${escapeRe(e.text.replace(/\n$/, ''))}(\\s+new)?\\s*$`,
              ),
            );
      expect(printed.length).toBeGreaterThan(0);
      await expect(out.getByRole('listitem')).toHaveText(printed);
    }
  });
});

test('reader actions: dispatching a ready task under the manual scheduler runs it, as the model says', async ({
  page,
}) => {
  const props = example('dispatch');
  const start = modelRun(props.scenario, props.seed ?? 1, props.options).steps[0].machine;
  // The reader picks the second ready task (by tid), not the one the list offers first.
  const ready = values(start.tasks)
    .filter((t) => t.state === 'RUNNABLE')
    .sort((a, b) => a.tid - b.tid);
  expect(ready.length).toBeGreaterThan(1);
  const chosen = ready[1];
  const dispatched = step(start, { type: 'dispatch', cpu: 0, tid: chosen.tid });
  const ticked = step(dispatched.machine, { type: 'tick' });

  await openGallery(page);
  const sim = await hydrated(island(page, 'dispatch'));
  const p = player(sim);
  await expect(p.counter).toHaveText('Step 0 of 0');
  await sim.getByLabel('Task to run').selectOption(String(chosen.tid));
  await sim.getByRole('button', { name: 'Dispatch' }).click();
  await expect(p.counter).toHaveText('Step 1 of 1');
  await expect(p.narration).toContainText(dispatched.events.map(explain).join(' '));
  const row = sim.locator('.view-process-table tbody tr', {
    has: page.getByRole('button', { name: `Follow PID ${chosen.pid}`, exact: true }),
  });
  await expect(row).toContainText('RUNNING');
  await p.forward.click();
  await expect(p.counter).toHaveText('Step 2 of 2');
  const said = ticked.events.map(explain);
  if (said.length > 0) await expect(p.narration).toContainText(said.join(' '));
  await expect(row).toContainText(get(ticked.machine.tasks, chosen.tid)!.state);
});

test('predict mode: a right and a wrong answer are marked, scored and remembered after a reload', async ({
  page,
}) => {
  const run = runOf('predict');
  /** The PID that runs on CPU 0 after step n, read from the model's events of that step. */
  const runsAfter = (n: number) => {
    const e = run.steps[n].events.findLast(
      (x) => x.type === 'state' && x.to === 'RUNNING' && x.cpu === 0,
    );
    return e && e.type === 'state' ? e.pid : -1;
  };
  expect(runsAfter(1)).toBeGreaterThan(0);
  // The next step after 1 where CPU 0 changes process: a question is asked before it.
  let second = 2;
  while (runsAfter(second) < 0 || runsAfter(second) === runsAfter(1)) second++;

  await openGallery(page);
  const sim = await hydrated(island(page, 'predict'));
  const p = player(sim);
  const question = sim.getByRole('group', {
    name: 'Which process will be running on CPU 0 after the next step?',
  });
  const result = sim.locator('.predict [role="status"]');

  // Step 0 → 1: the right answer.
  await expect(question).toBeVisible();
  await question.getByRole('radio', { name: new RegExp(`^PID ${runsAfter(1)}\\b`) }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(result).toContainText('Right.');
  await expect(sim.getByText('Your answers so far: 1 of 1 right.')).toBeVisible();
  await p.forward.click();
  await expect(p.counter).toHaveText(counterText(run, 1));
  // Up to the step before the switch, then a wrong answer (the process that runs now).
  while (Number(await p.slider.inputValue()) < second - 1) {
    const skip = sim.getByRole('button', { name: 'Skip question' });
    if (await skip.isVisible()) await skip.click();
    await p.forward.click();
  }
  await expect(p.counter).toHaveText(counterText(run, second - 1));
  await expect(question).toBeVisible();
  await question.getByRole('radio', { name: new RegExp(`^PID ${runsAfter(1)}\\b`) }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(result).toContainText('Not quite.');
  await expect(result).toContainText(`PID ${runsAfter(second)}`);
  await expect(sim.getByText('Your answers so far: 1 of 2 right.')).toBeVisible();

  // The answers are remembered: after a reload the first question shows its answer and the score.
  await page.reload();
  const again = await hydrated(island(page, 'predict'));
  await expect(again.locator('.predict [role="status"]')).toContainText('Right.');
  await expect(again.getByText('Your answers so far: 1 of 2 right.')).toBeVisible();
});

test("predict the tree: the first fork of the loop, answered from the model's own tree", async ({
  page,
}) => {
  const run = runOf('predict-tree');
  // The first step that adds a process: the tree question comes before it.
  const fork = firstStep(run, (e) => e.type === 'fork');
  /** The tree after step n, written out here from the model's parent links. */
  const treeAfter = (n: number): string => {
    const procs = run.steps[n].machine.procs;
    const write = (pid: number): string => {
      const label = `PID ${pid}${get(procs, pid)!.state === 'ZOMBIE' ? ' (zombie)' : ''}`;
      const kids = values(procs)
        .filter((p) => p.ppid === pid)
        .map((p) => p.pid)
        .sort((a, b) => a - b);
      if (kids.length === 0) return label;
      const inner = kids.map(write);
      return `${label} → ${inner.length === 1 ? inner[0] : `{${inner.join(', ')}}`}`;
    };
    return write(1);
  };
  expect(treeAfter(fork)).toBe('PID 1 → PID 2 → PID 3');

  await openGallery(page);
  const sim = await hydrated(island(page, 'predict-tree'));
  const p = player(sim);
  for (let i = 1; i < fork; i++) await p.forward.click();
  await expect(p.counter).toHaveText(counterText(run, fork - 1));
  const question = sim.getByRole('group', {
    name: /^What will the process tree look like after the next step\?/,
  });
  await expect(question).toBeVisible();
  // "Step forward" is held until the reader answers.
  await p.forward.click();
  await expect(p.counter).toHaveText(counterText(run, fork - 1));
  await question.getByRole('radio', { name: treeAfter(fork), exact: true }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(sim.locator('.predict [role="status"]')).toContainText('Right.');
  await p.forward.click();
  await expect(p.counter).toHaveText(counterText(run, fork));
});

test.describe('shared links', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('"Copy link" puts the step in the URL and a new page opens the island at that step', async ({
    page,
    context,
  }) => {
    const run = runOf('fds');
    const n = 5;
    await openGallery(page);
    const sim = await hydrated(island(page, 'fds'));
    await seekTo(sim, run, n);
    await player(sim).copy.click();
    await expect(sim.getByText('Link copied')).toBeVisible();
    await expect(page).toHaveURL(/#fds=[^&]+$/);
    const url = page.url();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    const other = await context.newPage();
    await other.goto(url);
    const opened = island(other, 'fds');
    await expect(opened).toBeInViewport();
    await expect(player(opened).counter).toHaveText(counterText(run, n));
    await expect(player(opened).narration).toHaveText(narrationOf(run, n));
    // The island has focus, so Space plays and the arrows step.
    await expect(opened).toBeFocused();
    await other.keyboard.press('ArrowRight');
    await expect(player(opened).counter).toHaveText(counterText(run, n + 1));
  });

  test('two islands keep separate states in one URL', async ({ page, context }) => {
    const a = runOf('table');
    const b = runOf('tree');
    await openGallery(page);
    const simA = await hydrated(island(page, 'table'));
    await seekTo(simA, a, 3);
    await player(simA).copy.click();
    const simB = await hydrated(island(page, 'tree'));
    await seekTo(simB, b, 7);
    await player(simB).copy.click();
    await expect(page).toHaveURL(/#table=[^&]+&tree=[^&]+$/);

    const other = await context.newPage();
    await other.goto(page.url());
    // The last copied island is brought into view; the other restores when it is reached.
    const openedB = island(other, 'tree');
    await expect(openedB).toBeInViewport();
    await expect(player(openedB).counter).toHaveText(counterText(b, 7));
    const openedA = await hydrated(island(other, 'table'));
    await expect(player(openedA).counter).toHaveText(counterText(a, 3));
    await expect(player(openedA).narration).toHaveText(narrationOf(a, 3));
    // An island without an entry starts at step 0.
    const player0 = await hydrated(island(other, 'player'));
    await expect(player(player0).counter).toHaveText(counterText(runOf('player'), 0));
  });

  test('a corrupt link shows an alert with "Start over" in its island only', async ({ page }) => {
    const run = runOf('player');
    await openGallery(page, '#player=1.garbage.0&table=also-bad');
    const sim = await hydrated(island(page, 'player'));
    const alert = sim.getByRole('alert');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('could not be restored');
    await expect(player(sim).counter).toHaveText(counterText(run, 0));
    // Another island on the page works normally.
    const tree = runOf('tree');
    const other = await hydrated(island(page, 'tree'));
    await expect(other.getByRole('alert')).toHaveCount(0);
    await player(other).forward.click();
    await expect(player(other).counter).toHaveText(counterText(tree, 1));

    await alert.getByRole('button', { name: 'Start over' }).click();
    await expect(sim.getByRole('alert')).toHaveCount(0);
    await expect(player(sim).counter).toHaveText(counterText(run, 0));
    await expect(player(sim).narration).toHaveText(narrationOf(run, 0));
    // Only the player's entry left the URL.
    await expect(page).toHaveURL(/\/gallery\/#table=also-bad$/);
  });
});

test.describe('reduced motion', () => {
  /** Steps the tree island to the fork of PID 3 and returns the new node's animation name. */
  async function freshNode(page: Page) {
    const run = runOf('tree');
    const f = firstStep(run, (e) => e.type === 'fork');
    await openGallery(page);
    const sim = await hydrated(island(page, 'tree'));
    await seekTo(sim, run, f - 1);
    await player(sim).forward.click();
    await expect(player(sim).counter).toHaveText(counterText(run, f));
    const node = sim.locator('g.node').filter({ hasText: 'PID 3' });
    await expect(node).toBeVisible();
    return { sim, node };
  }

  test('with reduced motion nothing in an island animates, and stepping still works', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const { sim, node } = await freshNode(page);
    const style = await node.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { animation: cs.animationName, transition: cs.transitionDuration };
    });
    expect(style.animation).toBe('none');
    expect(style.transition.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
    const running = await sim.evaluate((el) =>
      el
        .getAnimations({ subtree: true })
        .filter((a) => a.playState === 'running')
        .map((a) => (a as CSSAnimation).animationName ?? a.constructor.name),
    );
    expect(running).toEqual([]);
  });

  test('without the preference the new tree node animates in', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const { node } = await freshNode(page);
    const animation = await node.evaluate((el) => getComputedStyle(el).animationName);
    expect(animation).not.toBe('none');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('each island shows its views at step 0 and the transcript of the whole run', async ({
    page,
  }) => {
    await openGallery(page);
    for (const { props } of GALLERY) {
      if (props.id === 'broken') continue;
      const sim = page.getByRole('region', { name: islandName(props.id), exact: true });
      const run = modelRun(props.scenario, props.seed ?? 1, props.options);
      await expect(player(sim).counter, props.id).toHaveText(counterText(run, 0));
      for (const v of props.views)
        await expect(
          sim.getByRole('heading', { level: 3, name: VIEWS[v].heading }),
          `${props.id}: ${v}`,
        ).toBeVisible();
      const transcript = sim.locator('details.transcript');
      await transcript.locator('summary').click();
      const items = transcript.getByRole('listitem');
      await expect(items, `${props.id}: transcript`).toHaveCount(run.length);
      if (run.length > 0)
        await expect(items.first()).toContainText(
          `Step 1 (tick ${run.steps[1].machine.clock}): ${run.steps[1].events.map(explain)[0] ?? ''}`,
        );
    }
  });
});

test('a fault in one view stays inside its islands: the rest of the page keeps working', async ({
  page,
  browser,
  baseURL,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A real runtime fault, with no test code in the product: the Console view's empty-state
  // template is replaced, in the served chunk, by a function that throws when it is rendered.
  const template = /[\w$]+\(`<p class="empty[^`]*">Nothing printed yet\.<\/p>`\)/;
  let injected = 0;
  await page.route('**/_astro/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!template.test(body)) return route.fulfill({ response, body });
    injected++;
    await route.fulfill({
      response,
      body: body.replace(template, '(()=>{throw new Error("injected fault")})'),
    });
  });
  const { word, path } = await searchTarget(browser, baseURL!);
  await openGallery(page);
  await islandsHydrated(page);
  expect(injected, 'the chunk holding the Console view was found and changed').toBe(1);

  for (const { props } of GALLERY) {
    if (props.id === 'broken') continue;
    const sim = island(page, props.id);
    if (props.views.includes('console')) {
      // Every island with a Console view starts with nothing printed, so its views fail.
      const alert = sim.getByRole('alert');
      await expect(alert, props.id).toContainText('injected fault');
      await expect(alert.getByRole('button', { name: 'Start over' }), props.id).toBeVisible();
    } else {
      await expect(sim.getByRole('alert'), props.id).toHaveCount(0);
    }
  }
  // Another island still steps.
  const run = runOf('tree');
  const tree = island(page, 'tree');
  await player(tree).forward.click();
  await expect(player(tree).counter).toHaveText(counterText(run, 1));
  await expect(player(tree).narration).toHaveText(narrationOf(run, 1));
  // The header's theme and search still work.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.type(word);
  await expect(resultLinkingTo(page, path)).toBeVisible();
  expect(pageErrors.filter((m) => !m.includes('injected fault'))).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the gallery with every island hydrated and every <details> open (${theme})`, async ({
    page,
  }) => {
    await page.addInitScript((t) => localStorage.setItem('pss:theme', t), theme);
    await openGallery(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await islandsHydrated(page);
    const scan = async (when: string, include = 'body') => {
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        // from the top: no island's sticky player stuck over its own table (covered targets)
        window.scrollTo(0, 0);
      });
      const { violations } = await axe(page).include(include).analyze();
      const summary = violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 5)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
      expect.soft(summary, `axe violations ${when} (${theme})`).toEqual([]);
    };
    await scan('at step 0');
    // Every island a few steps on, then again.
    for (const { props } of GALLERY) {
      // The broken island has no player; the manual scheduler's waits for a dispatch first.
      if (props.id === 'broken' || runOf(props.id).length < 3) continue;
      await player(island(page, props.id)).slider.fill('3');
    }
    await scan('after a few steps', 'section.sim');
  });
}

test('the footer links the gallery, and chapter 0 has a working island', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Simulation gallery' }).click();
  await expect(page).toHaveURL(/\/gallery\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Simulation gallery' })).toBeVisible();

  await page.goto('chapters/how-to-read/');
  const sim = page.getByRole('region', { name: /^Simulation: / });
  await expect(sim).toHaveCount(1);
  await hydrated(sim);
  const p = player(sim);
  await expect(p.counter).toHaveText(/^Step 0 of \d+$/);
  await p.forward.click();
  await expect(p.counter).toHaveText(/^Step 1 of \d+$/);
  await expect(p.narration).toHaveText(/^Step 1 \(tick 1\): /);
});
