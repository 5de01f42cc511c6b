// Playwright fixtures for the chapter specs: `island(name)` finds an island by its role (region)
// and accessible name, brings it into view, waits until it has hydrated and hands back role-based
// locators for what a reader uses: the player, the narration, the views (by the heading the views
// registry gives them), the predict questions, plus a few verbs (step, seek, press).
//
//   import { expect, test } from './lib/fixtures.ts';
//   test('…', async ({ island }) => {
//     const s = await island('Simulation: Process states', { in: 'fig-st-live', run });
//     await s.seek(4);
//     await expect(s.view('states')).toContainText('…');
//   });
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { VIEWS, type ViewName } from '../../components/views/registry.ts';
import { SCENARIOS } from '../../src/os-model/index.ts';
import { counterText, escapeRe, type ModelRun } from './sim.ts';

export { expect };

/** Where to look for an island whose name is not unique on the page. */
export type Within =
  /**
   * The anchor (id, without "#") of the figure or exercise that holds the island: the name prose
   * links to, which outlives figure numbers. The one CSS selector here (an id).
   */
  | string
  /** Any locator, e.g. `page.getByRole('figure', { name: /^Figure 2\.3\./ })`. */
  | Locator;

/**
 * An island's accessible name: the region's name itself, or `{ scenario }` for a Simulation
 * island that keeps its scenario's title ("Simulation: <SCENARIOS[scenario].title>", with
 * " (predict)" after it for a predict island: give `predict: true`).
 */
export type IslandName = string | RegExp | { scenario: string; predict?: boolean };

/** The accessible name of the island called `name`. */
export function regionName(name: IslandName): string | RegExp {
  if (typeof name === 'string' || name instanceof RegExp) return name;
  const s = SCENARIOS[name.scenario];
  if (!s) throw new Error(`no scenario ${name.scenario}`);
  return `Simulation: ${s.title}${name.predict ? ' (predict)' : ''}`;
}

export type IslandOptions = {
  /** The figure or exercise that holds the island (needed when its name occurs twice). */
  in?: Within;
  /**
   * The model's run of a Simulation island (e2e/lib/sim.ts): `seek` and `at` then expect the
   * counter to say exactly "Step n of <run.length>".
   */
  run?: ModelRun;
};

/** The controls of a Simulation island's player. */
export type Player = {
  back: Locator;
  forward: Locator;
  play: Locator;
  pause: Locator;
  reset: Locator;
  speed: Locator;
  /** The "Step" slider. */
  slider: Locator;
  /** "Step n of N". */
  counter: Locator;
  copy: Locator;
};

export type Island = {
  /** The island's region. */
  root: Locator;
  page: Page;
  player: Player;
  /** The narration: the live region (role status) that says what the step did ("Step n …"). */
  narration: Locator;
  /** A view of a Simulation island, by the heading the views registry gives it. */
  view(v: ViewName): Locator;
  /** A predict question (a group named by its prompt). */
  question(prompt: string | RegExp): Locator;
  /** The verdict on a predict answer (the status that starts "Right." or "Not quite."). */
  verdict: Locator;
  /** Clicks "Step forward" n times (default 1). */
  step(n?: number): Promise<void>;
  /** Moves to step i with the "Step" slider and waits for the counter to say so. */
  seek(i: number): Promise<void>;
  /** Expects the counter at step i (exactly "Step i of N" when the island has a run). */
  at(i: number): Promise<void>;
  /** Focuses the island (its keys: arrows, Home, End, Space) and presses each key in turn. */
  press(...keys: string[]): Promise<void>;
};

/** The counter's text at step i: exact with a run, else any length. */
function counterAt(run: ModelRun | undefined, i: number): string | RegExp {
  return run ? counterText(run, i) : new RegExp(`^Step ${i} of \\d+$`);
}

/** Body rows of the table(s) under `scope`: rows with data cells, not the header row. */
export function bodyRows(scope: Locator): Locator {
  return scope.getByRole('row').filter({ has: scope.page().getByRole('cell') });
}

/**
 * The description (<dd>, role definition) of the term (<dt>, role term) whose text matches
 * `term`, in a description list under `scope`. A <dt>/<dd> pair has no accessible name, so the
 * pair is found by position among the terms (read once: the list's terms do not change).
 */
export async function definitionOf(scope: Locator, term: string | RegExp): Promise<Locator> {
  const terms = await scope.getByRole('term').allTextContents();
  const i = terms.findIndex((t) =>
    typeof term === 'string' ? t.trim().startsWith(term) : term.test(t.trim()),
  );
  if (i < 0) throw new Error(`no term ${term} among ${JSON.stringify(terms)}`);
  return scope.getByRole('definition').nth(i);
}

/** Role-based locators and verbs for the island `root` (found and hydrated by the fixture). */
export function islandOf(root: Locator, run?: ModelRun): Island {
  const page = root.page();
  const player: Player = {
    back: root.getByRole('button', { name: 'Back one step' }),
    forward: root.getByRole('button', { name: 'Step forward' }),
    play: root.getByRole('button', { name: 'Play', exact: true }),
    pause: root.getByRole('button', { name: 'Pause', exact: true }),
    reset: root.getByRole('button', { name: 'Reset' }),
    speed: root.getByRole('combobox', { name: 'Speed' }),
    slider: root.getByRole('slider', { name: 'Step', exact: true }),
    counter: root.getByText(/^Step \d+ of \d+$/),
    copy: root.getByRole('button', { name: 'Copy link' }),
  };
  const at = async (i: number) => {
    await expect(player.counter).toHaveText(counterAt(run, i));
  };
  return {
    root,
    page,
    player,
    // The island has other live regions (the copy-link message, the actions' message, the
    // predict verdict); the narration is the one that starts with its step.
    narration: root.getByRole('status').filter({ hasText: /^Step \d+[ ,(]/ }),
    view: (v) => root.getByRole('group', { name: VIEWS[v].heading, exact: true }),
    question: (prompt) => root.getByRole('group', { name: prompt }),
    verdict: root.getByRole('status').filter({ hasText: /^(Right|Not quite)\./ }),
    async step(n = 1) {
      for (let i = 0; i < n; i++) await player.forward.click();
    },
    async seek(i) {
      await player.slider.fill(String(i));
      await at(i);
    },
    at,
    async press(...keys) {
      await root.focus();
      for (const k of keys) await page.keyboard.press(k);
    },
  };
}

/** Finds, shows and hydrates an island by role and name; see the module's comment. */
export async function findIsland(
  page: Page,
  island: IslandName,
  options: IslandOptions = {},
): Promise<Island> {
  const name = regionName(island);
  const within =
    options.in === undefined
      ? page
      : typeof options.in === 'string'
        ? page.locator(`[id="${options.in}"]`)
        : options.in;
  const root = within.getByRole('region', { name, exact: true });
  await root.scrollIntoViewIfNeeded();
  // Hydrated: Astro removes `ssr` from the island's <astro-island> once the component runs
  // (clicks before that are lost). <astro-island> has no role: found as the region's ancestor.
  await expect(root.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
  // A Simulation island's controls are enabled once it has mounted.
  if (typeof name === 'string' ? name.startsWith('Simulation: ') : /Simulation/.test(name.source))
    await expect(root.getByRole('button', { name: 'Copy link' })).toBeEnabled();
  return islandOf(root, options.run);
}

export type Fixtures = {
  /** `await island(name, { in, run })`: the island named `name`, in view and hydrated. */
  island: (name: IslandName, options?: IslandOptions) => Promise<Island>;
};

export const test = base.extend<Fixtures>({
  island: async ({ page }, use) => {
    await use((name, options) => findIsland(page, name, options));
  },
});

/** The figure numbered `n` ("2.3"), by its role and caption. */
export function figure(page: Page, n: string): Locator {
  return page.getByRole('figure', { name: new RegExp(`^Figure ${escapeRe(n)}\\. `) });
}
