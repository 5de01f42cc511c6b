// Chapter 7, process-per-connection databases: every island driven as a reader drives it, with the
// mouse and with the keyboard. Expected values are worked out here: by hand from the program
// listings (src/os-model/book/ch07-process-per-connection/programs.ts), from the measurements in public/data/calibration.md §4,
// and from the pooling rules; the OS model runs in Node only to find at which step something
// happens (never read back from the page).
import { axeChapterTests } from './lib/chapter.ts';
import { definitionOf, expect, figure, test, type Island } from './lib/fixtures.ts';
import {
  isFinished,
  loadScenario,
  step,
  type Machine,
  get,
  values,
} from '../src/os-model/index.ts';

const URL_ = 'chapters/process-per-connection/';

const treeItems = (s: Island) =>
  s.view('tree').getByRole('list', { name: 'Processes by parent' }).getByRole('listitem');
const consoleLines = (s: Island) => s.view('console').getByRole('listitem');

/** Ticks of the model from `m` until `done` holds; the number of ticks taken. */
function ticksUntil(m: Machine, done: (m: Machine) => boolean): { m: Machine; ticks: number } {
  let ticks = 0;
  while (!done(m)) {
    if (isFinished(m) || ticks > 400) throw new Error('the model never got there');
    m = step(m, { type: 'tick' }).machine;
    ticks++;
  }
  return { m, ticks };
}

test.beforeEach(async ({ page }) => {
  await page.goto(URL_);
});

test('the chapter is in the table of contents, with numbered figures', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: /Process-per-connection databases/ }).first();
  await expect(link).toHaveAttribute('href', /\/chapters\/process-per-connection\/$/);
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /Process-per-connection databases$/,
  );
  await expect(figure(page, '7.1')).toHaveAttribute('id', 'fig-pg-postmaster');
  await expect(figure(page, '7.3')).toHaveAttribute('id', 'fig-pg-storm');
});

test('connecting N clients yields N backends beside the postmaster and its five auxiliary processes; the gauge sums match the memory rules', async ({
  page,
  island,
}) => {
  // The scenario starts with 2 clients; the reader connects N more at step 0, one step each.
  const N = 3;
  const backends = 2 + N;
  // When has every backend been forked and started? Found with the model in Node: after N connect
  // steps, tick until PID 2 has 5 + backends live children, each past its branch into aux_main
  // (instruction 13) or backend_main (15 on; see book/ch07-process-per-connection/programs.ts).
  const start = loadScenario('postgres-full', 1);
  if (!start.ok) throw new Error(start.error);
  let m = start.value;
  for (let i = 0; i < N; i++) m = step(m, { type: 'connect' }).machine;
  const { ticks } = ticksUntil(m, (x) => {
    const kids = values(x.procs).filter((p) => p.ppid === 2 && p.state === 'ALIVE');
    return (
      kids.length === 5 + backends &&
      kids.every((p) => {
        const pc = get(x.tasks, p.pid)?.pc ?? -1;
        return pc >= 13;
      })
    );
  });
  const target = N + ticks;

  const s = await island({ scenario: 'postgres-full' }, { in: 'fig-pg-postmaster' });
  const connect = s.root.getByRole('button', { name: 'Connect a client' });
  await connect.click();
  await connect.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await s.at(N);
  await s.seek(target);

  // init + the postmaster + 5 auxiliary processes + one backend per client
  await expect(treeItems(s)).toHaveCount(1 + 1 + 5 + backends);
  await expect(treeItems(s).filter({ hasText: /^PID 2 postgres/ })).toHaveCount(1);
  const gauge = s.view('gauge');
  await expect(gauge.getByRole('cell', { name: /^backend for connection \d+$/ })).toHaveCount(
    backends,
  );
  await expect(gauge.getByRole('cell', { name: 'postmaster', exact: true })).toHaveCount(1);
  for (const aux of [
    'checkpointer',
    'background writer',
    'walwriter',
    'autovacuum launcher',
    'logical replication launcher',
  ])
    await expect(gauge.getByRole('cell', { name: aux, exact: true })).toHaveCount(1);

  // By hand: init has 4 pages of its own. Each of the 6 + B postgres processes maps the image's
  // 13 pages; 12 stay shared by all of them, the stack page is each one's own (at every fork the
  // postmaster writes its stack as fork returns and takes a copy; the child keeps the old page).
  //   RSS sum = 4 + 13 (6 + B);  PSS sum = 4 + 12 + (6 + B);  USS sum = 4 + (6 + B)
  const procs = 6 + backends;
  const rss = 4 + 13 * procs;
  const pss = 4 + 12 + procs;
  const uss = 4 + procs;
  // each total is a <dt>/<dd> pair; the figure in pages is the one part of the <dd> so ending
  const total = async (name: string) => (await definitionOf(gauge, name)).getByText(/ pages$/);
  await expect(await total('Sum of RSS')).toHaveText(`${rss} pages`);
  await expect(await total('Sum of PSS')).toHaveText(`${pss} pages`);
  await expect(await total('Sum of USS')).toHaveText(`${uss} pages`);
  const ratio = Math.round((rss / pss) * 100) / 100;
  await expect(gauge).toContainText(`Adding up RSS overstates the memory in use ${ratio} times.`);
});

test('connection storm: the slider by keyboard, the model against the measurements', async ({
  page,
  island,
}) => {
  const storm = (await island('Connection storm')).root;
  const slider = storm.getByRole('slider', { name: /Clients/ });
  await expect(slider).toBeEnabled();

  // A second fit, done here from calibration.md §4b: CPU demand D = 2 CPUs / TPS at the saturated
  // points (10, 50, 100 clients), fitted as D = a + b ln c by least squares; z from 1 client:
  // 1 / 4340 s = D(1) + z. Throughput = min(c / (D + z), P / D).
  const sat = [
    [10, 20398],
    [50, 15516],
    [100, 13397],
  ];
  const xs = sat.map(([c]) => Math.log(c));
  const ys = sat.map(([, tps]) => (2 / tps) * 1e6);
  const mx = xs.reduce((p, v) => p + v) / 3;
  const my = ys.reduce((p, v) => p + v) / 3;
  const b =
    xs.reduce((p, x, i) => p + (x - mx) * (ys[i] - my), 0) /
    xs.reduce((p, x) => p + (x - mx) ** 2, 0);
  const a = my - b * mx;
  const z = 1e6 / 4340 - a;
  const tps = (c: number, cpus: number) => {
    const d = a + b * Math.log(c);
    return Math.min((c / (d + z)) * 1e6, (cpus / d) * 1e6);
  };
  const throughput = (await definitionOf(storm, 'Throughput (model)')).getByText(/^[\d,]+$/);
  const shown = async () => Number((await throughput.textContent())!.replace(/,/g, ''));

  await slider.focus();
  await page.keyboard.press('End');
  await expect(storm.getByText(/^Clients: 300$/)).toBeVisible();
  expect(Math.abs((await shown()) - tps(300, 2)) / tps(300, 2)).toBeLessThan(0.001);
  await page.keyboard.press('Home');
  await expect(storm.getByText(/^Clients: 1$/)).toBeVisible();
  // one client: 1 / (a + z) = 4,340 transactions per second, the measurement itself
  expect(Math.abs((await shown()) - 4340)).toBeLessThanOrEqual(1);

  // only the 2 vCPUs the measurements were made on: no CPU choice, nothing extrapolated
  await expect(storm.getByRole('combobox')).toHaveCount(0);
  await expect(storm).not.toContainText('extrapolated');
  await storm.getByText('The chart as a table').click();
  const table = storm.getByRole('table');
  await expect(table.getByRole('row', { name: /^10 / })).toContainText('20,398');
  await expect(storm.getByText('measured, pgbench -S on 2 vCPUs')).toBeVisible();
  // the memory panel at 300 clients, as the chapter computes it: 300 × 1,238 KiB ≈ 363 MiB,
  // + 128 MiB of shared buffers ≈ 491 MiB, against 300 × 13,084 KiB ≈ 3.7 GiB of summed RSS
  await slider.focus();
  await page.keyboard.press('End');
  await expect(storm.getByText(/^Clients: 300$/)).toBeVisible();
  await expect(storm).toContainText('363 MiB');
  await expect(storm).toContainText('would claim 3.7 GiB');
  await expect(storm).toContainText('the server uses 491 MiB');
});

test('pooling: the pool size caps the server processes; transaction mode loses session state', async ({
  page,
  island,
}) => {
  const pool = (await island('Pooling')).root;
  const clients = pool.getByRole('textbox', { name: 'Clients' });
  await expect(clients).toBeEnabled();
  const forked = await definitionOf(pool, 'Server processes forked');
  const verdict = pool.getByRole('status');

  await clients.fill('20');
  await pool.getByRole('textbox', { name: 'Transactions per client' }).fill('3');
  await pool.getByRole('textbox', { name: 'Pool size' }).fill('4');
  await pool.getByRole('radio', { name: 'Pooler in transaction mode' }).check();
  await expect(forked).toHaveText('4');
  await pool.getByRole('radio', { name: 'Pooler in session mode' }).check();
  await expect(forked).toHaveText('4');
  await expect(verdict).toContainText('All 40 EXECUTEs found their prepared statement');
  // keyboard: move to the persistent-connection mode with the arrow keys
  await pool.getByRole('radio', { name: 'Pooler in session mode' }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(
    pool.getByRole('radio', { name: 'No pooler, one persistent connection per client' }),
  ).toBeChecked();
  await expect(forked).toHaveText('20');
  // 20 connections × 4 ms
  await expect(pool.getByText('80 ms', { exact: true })).toBeVisible();

  // By hand, 4 clients, 2 transactions, pool 2, transaction mode (arrival order rotates by one
  // client per round; a free server is reused last in, first out):
  //   round 1, order 1 2 3 4: client 1 → server 1, client 2 → server 2; both end (2 last);
  //     client 3 → 2, client 4 → 1
  //   round 2, order 2 3 4 1: client 2 → 1, client 3 → 2; both end; client 4 → 2, client 1 → 1
  // Clients 2 (2 then 1) and 4 (1 then 2) EXECUTE on another backend: 2 of 4 fail.
  // (the pool size box is disabled without a pooler: choose the mode first)
  await pool.getByRole('radio', { name: 'Pooler in transaction mode' }).check();
  await clients.fill('4');
  await pool.getByRole('textbox', { name: 'Transactions per client' }).fill('2');
  await pool.getByRole('textbox', { name: 'Pool size' }).fill('2');
  await expect(forked).toHaveText('2');
  await expect(verdict).toHaveText(
    '2 of 4 EXECUTEs failed. For example client 2 prepared q2 on server process 2, but its transaction 2 ran on server process 1: ERROR: prepared statement "q2" does not exist.',
  );

  await clients.fill('0');
  await expect(pool.getByRole('alert')).toHaveText(
    'Clients must be a whole number from 1 to 100; got “0”.',
  );
  await clients.fill('4');
  await expect(pool.getByRole('alert')).toHaveCount(0);
});

test('one bug, three architectures: only the process design keeps the other clients', async ({
  page,
  island,
}) => {
  // From the listings (book/ch07-process-per-connection/programs.ts): 3 clients, 3 queries each; client 2's first query writes
  // through a null pointer. Process per connection: handlers PID 3, 4, 5; PID 4 dies (SIGSEGV),
  // clients 1 and 3 get 3 answers and "session closed". Threads and event loop: the one server
  // process dies; no client's session closes; in the event loop client 1's first callback ran
  // before client 2's, so exactly one line was printed.
  const proc = await island('Simulation: A process per connection', { in: 'fig-pg-arch' });
  await proc.player.forward.focus();
  await page.keyboard.press('End');
  await expect(proc.root.getByText(/^Step (\d+) of \1$/)).toBeVisible();
  for (const c of [1, 3]) {
    await expect(consoleLines(proc).filter({ hasText: `client ${c}: query answered` })).toHaveCount(
      3,
    );
    await expect(consoleLines(proc).filter({ hasText: `client ${c}: session closed` })).toHaveCount(
      1,
    );
  }
  await expect(consoleLines(proc).filter({ hasText: 'client 2' })).toHaveCount(0);
  await expect(treeItems(proc).filter({ hasText: /^PID 2 fork-server \(SLEEPING/ })).toHaveCount(1);

  const thr = await island('Simulation: A thread per connection', { in: 'fig-pg-arch' });
  await thr.player.forward.focus();
  await page.keyboard.press('End');
  await expect(thr.root.getByText(/^Step (\d+) of \1$/)).toBeVisible();
  await expect(treeItems(thr)).toHaveCount(1); // init alone
  await expect(consoleLines(thr).filter({ hasText: 'session closed' })).toHaveCount(0);

  const loop = await island('Simulation: An event loop', { in: 'fig-pg-arch' });
  await loop.step();
  await loop.player.slider.fill('1000');
  await expect(loop.root.getByText(/^Step (\d+) of \1$/)).toBeVisible();
  await expect(treeItems(loop)).toHaveCount(1);
  await expect(consoleLines(loop)).toHaveCount(1);
  await expect(consoleLines(loop)).toContainText('client 1: query answered');
});

test('predict the crash of the threaded server: the model checks the answer', async ({
  island,
}) => {
  const s = await island(
    { scenario: 'arch-threads', predict: true },
    { in: 'ex-pg-predict-threads' },
  );
  const forward = s.player.forward;
  const question = s.question(/^What will the process tree look like after the next step\?/);
  // The first change of the tree is the crash: PID 2 (the whole server) becomes a zombie.
  while (!(await question.isVisible())) await forward.click();
  await question.getByRole('radio', { name: 'PID 1 → PID 2 (zombie)', exact: true }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(s.verdict).toContainText('Right.');
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('islands show their first state, the storm and pooling their default figures, and the lab downloads', async ({
    page,
  }) => {
    await page.goto(URL_);
    const fig = figure(page, '7.1');
    await expect(fig.getByRole('heading', { name: 'Process tree' })).toBeVisible();
    await expect(fig.getByRole('heading', { name: 'Memory gauge' })).toBeVisible();
    // the transcript's <summary> (no role: found by its text)
    await expect(fig.getByText('Transcript', { exact: true })).toBeVisible();
    // 10 clients on 2 CPUs: D = 47.12 + 21.71 ln 10 = 97.108 µs; 2 / D = 20,595 per second
    await expect(figure(page, '7.3')).toContainText('20,595');
    // 8 clients, 3 transactions, a pool of 3 in transaction mode: 3 processes, 3 × 4 ms
    const pool = figure(page, '7.4');
    await expect(await definitionOf(pool, 'Server processes forked')).toHaveText('3');
    await expect(pool).toContainText('12 ms');
    const lab = page.getByRole('link', { name: 'pg-memory.py' }).first();
    await expect(lab).toHaveAttribute('href', /\/labs\/pg-memory\.py$/);
    const res = await page.request.get(new URL((await lab.getAttribute('href'))!, page.url()).href);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain('smaps_rollup');
  });
});
