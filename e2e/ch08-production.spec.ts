// Chapter 8, Processes in production: the chapter's gates (table of contents, axe in both
// themes, the text without JavaScript) and every island driven by role and keyboard. Expected
// values are worked out by hand from the restart rules, the stop rules, oom_badness and the
// listings (the same hand calculations as the model's unit tests); where a figure depends on a
// random workload (pool sizing, cpu.max latencies) it is computed in the test from the model
// for the scenario the test sets up.
import { SCENARIOS } from '../src/os-model/index.ts';
import {
  runCpu,
  runMemory,
  runPool,
  CPU_DEFAULTS,
  MEM_DEFAULTS,
  POOL_DEFAULTS,
} from '../components/ch08/forms.ts';
import { axeChapterTests } from './lib/chapter.ts';
import { definitionOf, expect, figure, test } from './lib/fixtures.ts';
import { counterText, modelRun } from './lib/sim.ts';
import { tabTo } from './lib/site.ts';

const URL_ = 'chapters/production/';
const TITLE = 'Processes in production';
const PREFORK = `Simulation: ${SCENARIOS['prefork-pool'].title}`;
const run = modelRun('prefork-pool');

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

test('the chapter is in the table of contents', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: `Chapter 8: ${TITLE}`, exact: true });
  await expect(link).toHaveAttribute('href', new RegExp(`/${URL_}$`));
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
});

test('the pre-forked pool steps by keyboard', async ({ page, island }) => {
  await page.goto(URL_);
  const sim = await island(PREFORK, { in: 'fig-prod-prefork', run });
  await sim.at(0);
  await sim.root.focus();
  await tabTo(page, sim.player.forward);
  await page.keyboard.press('Enter');
  await sim.at(1);
  // by hand: the master (PID 2) forks its first worker, PID 3, early in the run
  await sim.seek(6);
  await expect(sim.view('tree')).toContainText('3');
});

test('crash loops: systemd gives up, supervisord goes FATAL, RestartSec=5 loops forever', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('Crash loops')).root;
  const status = s.getByRole('status');
  // by hand: starts at 0, 0.1, 0.2, 0.3, 0.4; the sixth at 0.5 s is refused
  await expect(status).toHaveText(
    'The supervisor gives up at 0.5 s after 5 starts: failed (Result: start-limit-hit).',
  );
  // keyboard: from systemd to supervisord with an arrow key
  await s.getByRole('radio', { name: /^systemd/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(s.getByRole('radio', { name: /^supervisord/ })).toBeChecked();
  // back-off 1, 2, 3 s: spawns at 0, 1, 3, 6; FATAL at 6 s
  await expect(status).toHaveText(
    'The supervisor gives up at 6 s after 4 starts: FATAL (Exited too quickly).',
  );
  await page.keyboard.press('ArrowUp');
  await s.getByRole('textbox', { name: 'RestartSec' }).fill('5');
  // starts every 5 s from 0 to 60: 13 starts, never more than 3 in a 10 s window
  await expect(status).toHaveText('After 60 s the supervisor is still restarting it (13 starts).');
  await s.getByRole('textbox', { name: 'RestartSec' }).fill('soon');
  await expect(s.getByRole('alert')).toHaveText(
    'RestartSec must be a number from 0 to 600; got “soon”.',
  );
  await s.getByRole('textbox', { name: 'RestartSec' }).fill('0.1');
  await expect(s.getByRole('alert')).toHaveCount(0);
});

test('graceful shutdown: drain, PID 1 without a handler, and a bad field', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('Graceful shutdown')).root;
  const status = s.getByRole('status');
  // docker stop, drain, longest 6 s: request 3 (-0.5 s + 6 s) ends last at 5.5 s; 5–8 refused
  await expect(status).toHaveText('The process ends at 5.5 s (exit 0); 4 of 8 requests completed.');
  await s.getByRole('radio', { name: /running as PID 1/ }).check();
  // SIGTERM dropped; it serves on until SIGKILL at 10 s: requests 1–7 complete, 8 (20 s) refused
  await expect(status).toHaveText(
    'The process ends at 10 s (killed by SIGKILL); 7 of 8 requests completed.',
  );
  await expect(await definitionOf(s, 'SIGTERM at')).toContainText('dropped');
  // keyboard: Kubernetes from the select; preStop 5 s, then SIGTERM
  await s.getByRole('radio', { name: /^Handles SIGTERM: closes/ }).check();
  await s.getByRole('combobox', { name: 'Who stops the service' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(await definitionOf(s, 'SIGTERM at')).toContainText('5 s');
  await s.getByRole('textbox', { name: 'Longest request (s)' }).fill('-1');
  await expect(s.getByRole('alert')).toHaveText(
    'Longest request (s) must be a number from 0 to 600; got “-1”.',
  );
});

test('cgroup memory: memory.max kills the largest member; memory.high only throttles', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('cgroup memory: high and max')).root;
  const status = s.getByRole('status');
  // by hand (components/ch08/forms.test.ts): the first kill, at tick 6, is the 40 MiB cache
  await expect(status).toContainText(
    'the first at 0.6 s: memory.max reached: the OOM killer kills cache (PID 101, badness 10240',
  );
  // the Tick slider by keyboard: Home is tick 1: 56 MiB + 2 (worker) + 1 (shipper) = 59 MiB
  const slider = s.getByRole('slider', { name: 'Tick' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(await definitionOf(s, 'memory.current')).toHaveText('59 MiB');
  await s.getByRole('textbox', { name: 'memory.high (MiB)' }).fill('48');
  await s.getByRole('textbox', { name: 'memory.max (MiB)' }).fill('');
  const soft = ok(runMemory({ ...MEM_DEFAULTS, high: '48', max: '' }));
  await expect(status).toHaveText(
    `No OOM kill in 4 s; memory.current ends at ${soft.ticks.at(-1)!.current} MiB.`,
  );
  await s.getByRole('textbox', { name: 'oom_score_adj of the worker' }).fill('2000');
  await expect(s.getByRole('alert')).toHaveText(
    'oom_score_adj of the worker must be a whole number from -1000 to 1000; got “2000”.',
  );
});

test('cpu.max: half a CPU, slower requests, and no throttling without a quota', async ({
  page,
  island,
}) => {
  await page.goto(URL_);
  const s = (await island('cpu.max and the 100 ms period')).root;
  const d = ok(runCpu(CPU_DEFAULTS));
  await expect(s.getByRole('status')).toHaveText(
    `The group used 0.500 CPUs on average; a request took ${d.p50[0]} ms at the median and ${d.p99[0]} ms at p99, against ${d.p50[1]} ms and ${d.p99[1]} ms without the quota.`,
  );
  await s.getByRole('textbox', { name: 'Quota (ms per 100 ms)' }).fill('');
  await expect(await definitionOf(s, 'cpu.stat nr_throttled')).toHaveText('0');
  await s.getByRole('textbox', { name: 'Busy neighbour threads' }).fill('nine');
  await expect(s.getByRole('alert')).toHaveText(
    'Busy neighbour threads must be a whole number from 0 to 8; got “nine”.',
  );
});

test('OOM pick: predict by keyboard, reveal, and the measured pair', async ({ page, island }) => {
  await page.goto(URL_);
  const s = (await island('Who does the OOM killer pick?')).root;
  const rows = s.getByRole('radio', { name: 'victim' });
  await rows.nth(0).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeChecked();
  const summary = s.getByText("Reveal the model's badness scores");
  await summary.focus();
  await page.keyboard.press('Enter');
  // 1 GiB: 262 pages per thousandth; batch 30,720 + 262,000 beats api 64,000 + 196,500
  await expect(s.getByRole('status')).toHaveText(
    'Right. The OOM killer picks PID 3, batch (BestEffort pod).',
  );
  await expect(s.getByRole('cell', { name: '292720' })).toBeVisible();
  await s.getByRole('combobox', { name: 'Start from' }).selectOption('adjusted');
  await rows.nth(0).check();
  await summary.click();
  // 64 MiB: 16 pages per thousandth; B 6,144 + 8,000 = 14,144 beats A's 10,240
  await expect(s.getByRole('status')).toHaveText(
    'Not quite. The OOM killer picks PID 2, B (allocating).',
  );
});

test('pool sizing: the run, the formula line and a bad field', async ({ page, island }) => {
  await page.goto(URL_);
  const s = (await island('Pool sizing')).root;
  const status = s.getByRole('status');
  const at = (workers: string) => ok(runPool({ ...POOL_DEFAULTS, workers })).run;
  const line = (r: ReturnType<typeof at>) =>
    `${r.completed} of ${r.arrived} requests served (${r.throughput.toFixed(1)} per second); p50 ${r.p50} ms, p99 ${r.p99} ms${r.waitingAtEnd > 0 ? `; ${r.waitingAtEnd} still waiting in the accept queue at the end` : ''}.`;
  await expect(status).toHaveText(line(at('5')));
  await s.getByRole('textbox', { name: 'Workers' }).fill('3');
  await expect(status).toHaveText(line(at('3')));
  await expect(s.getByRole('img')).toHaveAccessibleName(/gunicorn's formula gives 5 workers/);
  await s.getByRole('textbox', { name: 'Cores' }).fill('4');
  await expect(s.getByRole('img')).toHaveAccessibleName(/gunicorn's formula gives 9 workers/);
  await s.getByRole('textbox', { name: 'Cores' }).fill('0');
  await expect(s.getByRole('alert')).toHaveText(
    'Cores must be a whole number from 1 to 16; got “0”.',
  );
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the text, every island at its first state, and both labs', async ({ page }) => {
    await page.goto(URL_);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toContainText(TITLE);
    await expect(
      main.getByRole('heading', { name: 'Graceful shutdown', exact: true }),
    ).toBeVisible();
    const sim = main.getByRole('region', { name: PREFORK, exact: true }).first();
    await expect(sim).toContainText(counterText(run, 0));
    await expect(figure(page, '8.5')).toContainText(
      'The supervisor gives up at 0.5 s after 5 starts: failed (Result: start-limit-hit).',
    );
    await expect(figure(page, '8.6')).toContainText('The process ends at 5.5 s (exit 0)');
    await expect(figure(page, '8.4')).toContainText('2 × cores + 1 = 5');
    for (const lab of ['prefork.c', 'cgroup-oom.c']) {
      const a = page.getByRole('link', { name: lab }).first();
      await expect(a).toHaveAttribute('href', new RegExp(`/labs/${lab.replace('.', '\\.')}$`));
      const res = await page.request.get(new URL((await a.getAttribute('href'))!, page.url()).href);
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain('int main');
    }
  });
});
