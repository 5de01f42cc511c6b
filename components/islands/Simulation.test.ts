// The island rendered on the server (what a reader without JavaScript gets, and what hydration
// must match). Run lengths are counted with the model directly, not read from the controller.
import { beforeAll, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { isFinished, loadScenario, step } from '../../src/os-model/index.ts';
import Simulation from './Simulation.svelte';

/** Steps until the scenario finishes on its own, counted tick by tick. */
function runLength(name: string): number {
  const r = loadScenario(name, 1);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  let n = 0;
  while (!isFinished(m) && n < 1000) {
    m = step(m, { type: 'tick' }).machine;
    n++;
  }
  return n;
}

/** The island's HTML; awaited, since the island loads its views while it renders (as Astro does). */
const html = async (props: Record<string, unknown>) =>
  (await render(Simulation, { props: props as never })).body;

const text = (s: string) =>
  s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('Simulation island on the server', () => {
  const n = runLength('fork-basics');
  let body = '';
  beforeAll(async () => {
    body = await html({
      id: 'hello',
      scenario: 'fork-basics',
      views: [
        'table',
        'tree',
        'states',
        'cpu',
        'memory',
        'fds',
        'code',
        'registers',
        'stats',
        'console',
      ],
    });
  });

  it('is a labelled region with the id a shared link scrolls to', () => {
    expect(body).toMatch(/<section[^>]*class="sim[^"]*"[^>]*id="sim-hello"/);
    expect(body).toContain('aria-label="Simulation: fork() basics"');
    expect(body).toContain('tabindex="-1"');
  });

  it('shows step 0 and the whole run’s transcript', () => {
    expect(text(body)).toContain(`Step 0 of ${n}`);
    expect(body).toContain(`aria-valuetext="Step 0 of ${n}"`);
    expect((body.match(/<li value="/g) ?? []).length).toBe(n);
    // The golden trace's first tick (src/os-model/scenarios.test.ts).
    expect(text(body)).toContain(
      'Step 1 (tick 1): CPU 0 runs PID 2. PID 2 prints "hello (pid:2)\\n".',
    );
    expect(body).toMatch(/<p[^>]*role="status"[^>]*>Step 0, before anything runs\./);
    expect(body).toMatch(/<summary[^>]*>Transcript<\/summary>/);
  });

  it('renders the controls disabled until JavaScript runs, with the contract’s names', () => {
    for (const name of ['Back one step', 'Step forward', 'Play', 'Reset', 'Copy link'])
      expect(body).toMatch(
        new RegExp(`<button[^>]*disabled[^>]*>[^<]*(<span[^>]*>[^<]*</span>)?\\s*${name}`),
      );
    expect(body).toMatch(/<label[^>]*>Speed<\/label>/);
    expect(body).toMatch(/<label[^>]*>Step<\/label>/);
    expect(body).toContain('Keys:');
    for (const s of ['0.5×', '1×', '2×', '4×', '8×']) expect(body).toContain(`>${s}</option>`);
  });

  it('draws every view asked for, in order', () => {
    const headings = [...body.matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map((m) => text(m[1]).trim());
    const expected = [
      'Process table',
      'Process tree',
      'State diagram',
      'CPU timeline',
      'Memory map',
      'File descriptors',
      'Code', // the code pane may add the program's name
      'Registers',
      'Statistics',
      'Console output',
    ];
    expect(headings).toHaveLength(expected.length);
    headings.forEach((h, i) =>
      expect(h.startsWith(expected[i]), `${h} / ${expected[i]}`).toBe(true),
    );
    expect(body).toMatch(/<label[^>]*>Follow process<\/label>/);
  });

  it('an author title replaces the scenario title', async () => {
    const b = await html({ id: 'titled', scenario: 'fork-basics', title: 'Hello, fork' });
    expect(b).toContain('aria-label="Simulation: Hello, fork"');
  });

  it('two islands render independently', async () => {
    const b = await html({ id: 'second', scenario: 'sched-jobs', views: ['table'] });
    expect(b).toContain('id="sim-second"');
    expect(text(b)).toContain(`Step 0 of ${runLength('sched-jobs')}`);
  });
});

describe('Simulation island errors', () => {
  it('an unknown scenario says so in an alert, with no views', async () => {
    const b = await html({ id: 'oops', scenario: 'nope', views: ['table'] });
    expect(b).toMatch(/role="alert"/);
    expect(text(b)).toContain('There is no scenario called "nope".');
    expect(b).not.toContain('Process table');
  });

  it('bad options say what is wrong', async () => {
    const b = await html({
      id: 'opts',
      scenario: 'sched-jobs',
      options: { policy: 'no-such-policy' },
    });
    expect(b).toMatch(/role="alert"/);
    expect(text(b)).toContain('option policy must be one of');
  });

  it('a bad id is reported instead of a broken island', async () => {
    const b = await html({ id: 'Bad Id!', scenario: 'fork-basics' });
    expect(b).toMatch(/role="alert"/);
    expect(text(b)).toContain('its id "Bad Id!" is not valid');
  });

  it('an unknown view or mode is reported; the known views still render', async () => {
    const b = await html({
      id: 'views',
      scenario: 'fork-basics',
      views: ['table', 'graph'],
      mode: 'quiz',
    });
    expect(text(b)).toContain('Unknown view "graph"');
    expect(text(b)).toContain('Unknown mode "quiz"');
    expect(b).toContain('Process table');
  });

  it('a view listed twice is shown once and reported, not a crash', async () => {
    const b = await html({
      id: 'twice',
      scenario: 'fork-basics',
      views: ['table', 'console', 'table'],
    });
    expect(text(b)).toContain('View "table" is listed more than once');
    expect(b.match(/>Process table<\/h3>/g)).toHaveLength(1);
    expect(b).toContain('Console output');
  });
});
