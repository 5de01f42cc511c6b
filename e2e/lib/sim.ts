// Helpers for driving simulation islands as a reader would. Expected values come from the OS model
// itself (src/os-model, run here in Node) and from the gallery's props (src/lib/gallery.ts), never
// from what an island shows.
import { expect, type Locator, type Page } from '@playwright/test';
import {
  SCENARIOS,
  createTimeline,
  explain,
  type KEvent,
  type Machine,
} from '../../src/os-model/index.ts';
import { GALLERY, type GalleryProps } from '../../src/lib/gallery.ts';

/** The machine after one step of a run and the events of that step (none at step 0). */
export type ModelStep = { machine: Machine; events: KEvent[] };

/** A whole run of a scenario, worked out in the test: steps[0] is the start. */
export type ModelRun = {
  scenario: string;
  title: string;
  description: string;
  /** Number of steps (the island's "of N"). */
  length: number;
  steps: ModelStep[];
};

const HORIZON = 400;

/** Runs a scenario to its end (or HORIZON steps), the way an island's record is made. */
export function modelRun(scenario: string, seed = 1, options?: Record<string, unknown>): ModelRun {
  const r = createTimeline(scenario, seed, options);
  if (!r.ok) throw new Error(`scenario ${scenario} does not load: ${r.error}`);
  const tl = r.value;
  const steps: ModelStep[] = [tl.current()];
  // An island works nothing out ahead under the manual scheduler: it waits for the reader.
  const manual = steps[0].machine.config.sched.kind === 'manual';
  while (!manual && steps.length <= HORIZON && tl.forward()) steps.push(tl.current());
  const { title, description } = SCENARIOS[scenario];
  return { scenario, title, description, length: steps.length - 1, steps };
}

/** The gallery example whose island has this id. */
export function example(id: string): GalleryProps {
  const found = GALLERY.find((e) => e.props.id === id);
  if (!found) throw new Error(`no gallery example with id ${id}`);
  return found.props;
}

/** The run of a gallery example's island. */
export function runOf(id: string): ModelRun {
  const p = example(id);
  return modelRun(p.scenario, p.seed ?? 1, p.options);
}

/** The island's accessible name: "Simulation: <title>", plus " (predict)" in predict mode. */
export function islandName(id: string): string {
  const p = example(id);
  const title = p.title ?? SCENARIOS[p.scenario]?.title ?? p.scenario;
  return `Simulation: ${title}${p.mode === 'predict' ? ' (predict)' : ''}`;
}

/** The island of a gallery example, found by its role and name. */
export function island(page: Page, id: string): Locator {
  return page.getByRole('region', { name: islandName(id), exact: true });
}

/** Scrolls an island into view (it hydrates `client:visible`) and waits until its controls work. */
export async function hydrated(sim: Locator): Promise<Locator> {
  await sim.scrollIntoViewIfNeeded();
  await expect(sim.getByRole('button', { name: 'Copy link' })).toBeEnabled();
  return sim;
}

/** The controls of the player inside an island. */
export function player(sim: Locator) {
  return {
    back: sim.getByRole('button', { name: 'Back one step' }),
    forward: sim.getByRole('button', { name: 'Step forward' }),
    play: sim.getByRole('button', { name: 'Play', exact: true }),
    pause: sim.getByRole('button', { name: 'Pause', exact: true }),
    reset: sim.getByRole('button', { name: 'Reset' }),
    speed: sim.getByRole('combobox', { name: 'Speed' }),
    slider: sim.getByRole('slider', { name: 'Step', exact: true }),
    counter: sim.getByText(/^Step \d+ of \d+$/),
    narration: sim.locator('p.narration[role="status"]'),
    copy: sim.getByRole('button', { name: 'Copy link' }),
  };
}

/** "Step n of N". */
export function counterText(run: ModelRun, n: number): string {
  return `Step ${n} of ${run.length}`;
}

/** The sentences the model gives for step n (empty when the step emitted no event). */
export function sentences(run: ModelRun, n: number): string[] {
  return n === 0 ? [] : run.steps[n].events.map(explain);
}

/**
 * What the narration says at step n: the step, its tick and the model's sentences; "The
 * simulation has finished." on the last step. For a step whose events said nothing (plain
 * computation), only the start is fixed by the model: a RegExp is returned.
 */
export function narrationOf(run: ModelRun, n: number): string | RegExp {
  if (n === 0) return `Step 0, before anything runs. ${run.description}`.trim();
  const said = sentences(run, n);
  const head = `Step ${n} (tick ${run.steps[n].machine.clock}): `;
  const tail = n === run.length ? ' The simulation has finished.' : '';
  if (said.length === 0) return new RegExp(`^${escapeRe(head)}\\S.*${escapeRe(tail)}$`);
  return head + said.join(' ') + tail;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Moves an island to step n with its "Step" slider and waits for the counter to say so. */
export async function seekTo(sim: Locator, run: ModelRun, n: number): Promise<void> {
  const p = player(sim);
  await p.slider.fill(String(n));
  await expect(p.counter).toHaveText(counterText(run, n));
}

/** The first step (1..length) whose events satisfy `pred`; fails the test when none does. */
export function firstStep(run: ModelRun, pred: (e: KEvent, m: Machine) => boolean): number {
  for (let i = 1; i <= run.length; i++) {
    if (run.steps[i].events.some((e) => pred(e, run.steps[i].machine))) return i;
  }
  throw new Error(`no step of ${run.scenario} matches`);
}
