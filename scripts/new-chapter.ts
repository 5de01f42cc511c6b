/**
 * `npm run new:chapter -- <NN> <slug> "<Title>"`
 *
 * Creates a chapter that builds and passes every gate of `npm test` as it stands, for a
 * contributor to rewrite:
 *
 * - content/chapters/NN-slug.mdx: valid frontmatter and one example of each teaching component
 *   (figure, aside, margin note, glossary term, citation, cross-reference, exercise with a
 *   solution, a Simulation island and a predict-then-reveal island), ids prefixed with the slug;
 * - src/os-model/book/chNN-slug/: programs.ts (one C-listed program), scenarios.ts (one scenario
 *   built with book/kit.ts) and scenarios.test.ts (expectations worked out by hand), plus the
 *   folder's line in book/library.ts and in book/registry.ts, in chapter order;
 * - e2e/chNN-slug.spec.ts: the chapter in the table of contents, axe in both themes, the text
 *   without JavaScript, and stepping the island with the keyboard.
 *
 * It refuses, with a message and exit code 1 and without touching anything, a number that is not
 * two digits, a slug that is not lowercase words joined by hyphens, a missing title, and a number
 * or slug that a chapter (in content/chapters/ or src/os-model/book/) already has.
 * scripts/new-chapter.test.ts runs it in a copy of the repository and builds the result.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const USAGE = 'usage: npm run new:chapter -- <NN> <slug> "<Title>"\n';

/** What the scaffold needs to know about one chapter. */
export type ChapterSpec = {
  /** Two digits, as in the file name ("07"). */
  nn: string;
  /** The chapter number in the frontmatter (7). */
  number: number;
  slug: string;
  title: string;
  /** "ch07-slug", the model folder and the e2e spec's name. */
  folder: string;
  /** "07-slug", the chapter id. */
  id: string;
  /** The day written as lastReviewed (YYYY-MM-DD). */
  today: string;
};

/** A file the scaffold writes: its path from the repository root and its whole text. */
export type Planned = { file: string; text: string; edit: boolean };

export const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * The chapter described by the command line, or the reason it is refused. Precondition: none.
 * Never fails (a refusal is a returned message).
 */
export function parseArgs(
  argv: string[],
  today: string,
): { ok: true; spec: ChapterSpec } | { ok: false; message: string } {
  const [nn, slug, title, ...rest] = argv;
  if (nn === undefined || slug === undefined)
    return {
      ok: false,
      message: `new:chapter: a number, a slug and a title are needed.\n${USAGE}`,
    };
  if (!/^\d\d$/.test(nn))
    return {
      ok: false,
      message: `new:chapter: the chapter number must be two digits, such as 03 or 12, not "${nn}".\n${USAGE}`,
    };
  if (!SLUG.test(slug))
    return {
      ok: false,
      message: `new:chapter: the slug must be lowercase words joined by hyphens, starting with a letter (such as process-states), not "${slug}".\n${USAGE}`,
    };
  if (title === undefined || title.trim() === '')
    return { ok: false, message: `new:chapter: the chapter needs a title.\n${USAGE}` };
  if (rest.length > 0)
    return {
      ok: false,
      message: `new:chapter: too many arguments (put the title in quotes): ${rest.join(' ')}\n${USAGE}`,
    };
  // A title is one line of text, as the table of contents shows it.
  if (/[\p{Cc}]/u.test(title) || title.trim().length > 120)
    return {
      ok: false,
      message: 'new:chapter: the title must be one line of at most 120 characters.\n',
    };
  return {
    ok: true,
    spec: {
      nn,
      number: Number(nn),
      slug,
      title: title.trim(),
      folder: `ch${nn}-${slug}`,
      id: `${nn}-${slug}`,
      today,
    },
  };
}

const CHAPTERS = 'content/chapters';
const PLAN = 'src/lib/chapter-plan.ts';

/** One entry of the book's chapter plan (src/lib/chapter-plan.ts). */
export type PlanEntry = { chapter: number; id: string; title: string; buildsOn: number[] };

/** The entries of the chapter plan's source, in order. Precondition: none. Never fails. */
export function planEntries(source: string): PlanEntry[] {
  const entry =
    /\{\s*chapter:\s*(\d+),\s*id:\s*'([^']+)',\s*title:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"),\s*buildsOn:\s*\[([^\]]*)\],?\s*\}/g;
  return [...source.matchAll(entry)].map((m) => ({
    chapter: Number(m[1]),
    id: m[2],
    title: (m[3] ?? m[4]).replace(/\\(.)/g, '$1'),
    buildsOn: m[5]
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .map(Number),
  }));
}

/**
 * How the chapter fits the plan: its prerequisites (chapter 0 and the written chapters it builds
 * on, as src/lib/chapter-plan.test.ts checks) and the plan's new source when the chapter is not
 * planned yet. Precondition: none. Failure: a message when the plan has the number or the slug
 * under another id or title, or when the plan's source has no entries the scaffold can read.
 */
export function planFor(
  source: string,
  written: string[],
  spec: ChapterSpec,
): { ok: true; prerequisites: string[]; plan: string | null } | { ok: false; message: string } {
  const entries = planEntries(source);
  if (entries.length === 0)
    return {
      ok: false,
      message: `new:chapter: ${PLAN} does not have the shape the scaffold knows; nothing was written.\n`,
    };
  const planned = entries.find((e) => e.chapter === spec.number);
  const sameSlug = entries.find((e) => e.id.replace(/^\d\d-/, '') === spec.slug);
  if (planned && (planned.id !== spec.id || planned.title !== spec.title))
    return {
      ok: false,
      message: `new:chapter: the book's plan (${PLAN}) has chapter ${spec.nn} as ${planned.id}, "${planned.title}". Use that slug and title, or change the plan first.\n`,
    };
  if (!planned && sameSlug)
    return {
      ok: false,
      message: `new:chapter: the book's plan (${PLAN}) has the slug ${spec.slug} for chapter ${sameSlug.chapter} (${sameSlug.id}). Choose another slug, or that number.\n`,
    };
  const builtOn = (planned?.buildsOn ?? [])
    .map((n) => entries.find((e) => e.chapter === n)?.id)
    .filter((id): id is string => id !== undefined && written.includes(id));
  const prerequisites = ['00-how-to-read', ...builtOn].filter(
    (id) => id !== spec.id && (id !== '00-how-to-read' || written.includes(id)),
  );
  if (planned) return { ok: true, prerequisites, plan: null };
  const line = `  { chapter: ${spec.number}, id: '${spec.id}', title: ${JSON.stringify(spec.title)}, buildsOn: [] },`;
  const lines = source.split('\n');
  const later = entries.find((e) => e.chapter > spec.number);
  const at = later
    ? lines.findIndex((l) => l.includes(`id: '${later.id}'`))
    : lines.findIndex(
        (l, i) => i > 0 && /^\];/.test(l) && lines.slice(0, i).join('\n').includes('CHAPTER_PLAN'),
      );
  if (at === -1)
    return {
      ok: false,
      message: `new:chapter: ${PLAN} does not have the shape the scaffold knows; nothing was written.\n`,
    };
  // A multi-line entry starts one line above its `id:` line.
  const start = later && !/^\s*\{ chapter:/.test(lines[at]) ? at - 1 : at;
  lines.splice(start, 0, line);
  return { ok: true, prerequisites, plan: lines.join('\n') };
}
const BOOK = 'src/os-model/book';
const LIBRARY = `${BOOK}/library.ts`;
const REGISTRY = `${BOOK}/registry.ts`;

function list(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  return existsSync(full) ? readdirSync(full) : [];
}

/**
 * Why `spec` would collide with a chapter that exists, or null: the same number or slug in
 * content/chapters/ (NN-slug.mdx) or src/os-model/book/ (chNN-slug/), or a file the scaffold
 * would write. Precondition: `root` is the repository. Never fails.
 */
export function collision(root: string, spec: ChapterSpec): string | null {
  const taken: string[] = [];
  for (const f of list(root, CHAPTERS)) {
    const m = /^(\d\d)-(.+)\.mdx$/.exec(f);
    if (m && (m[1] === spec.nn || m[2] === spec.slug)) taken.push(`${CHAPTERS}/${f}`);
  }
  for (const f of list(root, BOOK)) {
    const m = /^ch(\d\d)-(.+)$/.exec(f);
    if (m && (m[1] === spec.nn || m[2] === spec.slug)) taken.push(`${BOOK}/${f}/`);
  }
  for (const f of list(root, 'e2e')) {
    const m = /^ch(\d\d)-(.+)\.spec\.ts$/.exec(f);
    if (m && (m[1] === spec.nn || m[2] === spec.slug)) taken.push(`e2e/${f}`);
  }
  if (taken.length === 0) return null;
  return (
    `new:chapter: chapter ${spec.nn} "${spec.slug}" would collide with what exists:\n` +
    taken.map((t) => `  ${t}\n`).join('') +
    'Choose a number and a slug that no chapter uses yet.\n'
  );
}

/**
 * `source` with `line` added among the lines matching `pattern` (whose first group is a chapter
 * number), after the last one with a smaller number. Precondition: none. Failure: null when no
 * line matches (the file no longer has the shape the scaffold knows).
 */
function insertLine(source: string, pattern: RegExp, line: string, nn: number): string | null {
  const lines = source.split('\n');
  let after = -1;
  let any = false;
  lines.forEach((l, i) => {
    const m = pattern.exec(l);
    if (!m) return;
    any = true;
    if (Number(m[1]) < nn) after = i;
  });
  if (!any) return null;
  if (after === -1) after = lines.findIndex((l) => pattern.test(l)) - 1;
  lines.splice(after + 1, 0, line);
  return lines.join('\n');
}

/**
 * `source` with `CHNN` added, in chapter order, to the array that `arrayStart` opens (the
 * first `[` after it up to its `]`). Precondition: none. Failure: null when the array is not
 * found or holds no CHxx names.
 */
function insertName(source: string, arrayStart: string, nn: string): string | null {
  const at = source.indexOf(arrayStart);
  if (at === -1) return null;
  const open = at + arrayStart.length;
  const close = source.indexOf(']', open);
  if (close === -1) return null;
  const inner = source.slice(open, close);
  const names = [...inner.matchAll(/CH(\d\d)\b/g)];
  if (names.length === 0) return null;
  const before = names.filter((m) => Number(m[1]) < Number(nn)).at(-1);
  const name = `CH${nn}`;
  let updated: string;
  if (before) {
    const end = before.index + before[0].length;
    updated = `${inner.slice(0, end)}, ${name}${inner.slice(end)}`;
  } else {
    const first = names[0];
    updated = `${inner.slice(0, first.index)}${name}, ${inner.slice(first.index)}`;
  }
  return source.slice(0, open) + updated + source.slice(close);
}

/**
 * book/library.ts and book/registry.ts with the new folder's import and name added in chapter
 * order. Precondition: none. Failure: an error message naming the file whose shape is not the
 * one expected (then the lines must be added by hand).
 */
export function registryEdits(
  library: string,
  registry: string,
  spec: ChapterSpec,
): { ok: true; library: string; registry: string } | { ok: false; message: string } {
  const n = spec.number;
  const shape = (file: string) =>
    `new:chapter: ${file} does not have the shape the scaffold knows (imports of ./chNN-…/ and a list of CHNN names); nothing was written. Add the chapter's line there by hand, as CONTRIBUTING.md describes.\n`;
  let lib = insertLine(
    library,
    /^import \{ PROGRAMS as CH(\d\d) \} from '\.\/ch\d\d-[a-z0-9-]+\/programs\.ts';$/,
    `import { PROGRAMS as CH${spec.nn} } from './${spec.folder}/programs.ts';`,
    n,
  );
  lib = lib && insertName(lib, '[[INIT],', spec.nn);
  if (!lib) return { ok: false, message: shape(LIBRARY) };
  let reg = insertLine(
    registry,
    /^import \{ SCENARIOS as CH(\d\d) \} from '\.\/ch\d\d-[a-z0-9-]+\/scenarios\.ts';$/,
    `import { SCENARIOS as CH${spec.nn} } from './${spec.folder}/scenarios.ts';`,
    n,
  );
  reg = reg && insertName(reg, "merge('scenario', [", spec.nn);
  if (!reg) return { ok: false, message: shape(REGISTRY) };
  return { ok: true, library: lib, registry: reg };
}

/** A YAML scalar for the frontmatter: plain when that is safe, else double-quoted (JSON). */
function yamlString(s: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ()'’,.-]*$/u.test(s) && !/ #|: /.test(s) ? s : JSON.stringify(s);
}

/** The name of the chapter's scenario and of its program (the slug). */
export const scenarioName = (spec: ChapterSpec): string => spec.slug;

/** The scenario's title: the island's accessible name is "Simulation: <title>". */
export const SCENARIO_TITLE = 'One process, start to finish';

/** The chapter's MDX file. */
export function chapterMdx(
  spec: ChapterSpec,
  prerequisites: string[] = ['00-how-to-read'],
): string {
  const s = spec.slug;
  const scenario = scenarioName(spec);
  return `---
title: ${yamlString(spec.title)}
description: One process computes, prints a line and exits, and init collects its exit status; step through the run and see what each tick changes.
chapter: ${spec.number}
objectives:
  - Step through a simulation one tick at a time and say what each step changed.
  - Follow one process from ready to running to zombie, and say who removes its entry from the process table.
prerequisites: [${prerequisites.join(', ')}]
draft: false
lastReviewed: ${spec.today}
---

import Figure from '../../components/Figure.astro';
import Aside from '../../components/Aside.astro';
import MarginNote from '../../components/MarginNote.astro';
import Term from '../../components/Term.astro';
import Cite from '../../components/Cite.astro';
import Ref from '../../components/Ref.astro';
import Exercise from '../../components/Exercise.astro';
import Solution from '../../components/Solution.astro';
import Simulation from '../../components/islands/Simulation.svelte';

Every run in this book starts from a named scenario on the book's model of an operating system.
This chapter's scenario is the smallest one there is: a single
<Term id="process">process</Term> computes for two ticks, prints a line and exits, while
<Term id="init">init</Term> waits to collect its exit status. <Ref to="ch:00-how-to-read" />
explains the controls of the simulation below.

## The program and its run

The process runs the C program shown in the code pane of <Ref to="fig:${s}-run" />. Its first
line of work, \`work(2)\`, stands for two ticks of computation; then it prints one line with its
process ID and returns from \`main\`, which ends the process. <Ref to="fig:${s}-ticks" /> lists
what each tick changes.

<Figure id="${s}-ticks" caption="The run, tick by tick: what the process does and what changes on the machine.">

| Tick | What runs                    | What changes                                           |
| ---- | ---------------------------- | ------------------------------------------------------ |
| 1    | PID 2, \`work(2)\`             | the scheduler dispatches PID 2; its computation starts |
| 2    | PID 2, \`work(2)\`             | the computation ends                                   |
| 3    | PID 2, \`printf\`              | the console shows \`done (pid:2)\`                       |
| 4    | PID 2, \`return 0\`            | PID 2 exits and becomes a zombie; init wakes up        |
| 5    | init, \`wait\`                 | init collects the exit status; PID 2's entry is freed  |

</Figure>

<MarginNote>
The first process of xv6 is also called init: it starts the shell and then calls \`wait\` in a
loop for as long as the machine runs <Cite id="xv6-book" />.
</MarginNote>

## Stepping through the run

<Figure id="${s}-run" caption="One process from start to finish: its program, the process table and the console. Step forward with the buttons or the arrow keys.">
<Simulation client:visible id="${s}-run" scenario="${scenario}" views={['code', 'table', 'console']} follow={2} />
</Figure>

Step forward once and the narration says that CPU 0 runs PID 2. Two steps later the line
appears on the console. At step 4 the process exits, but its entry stays in the process table:
it is a <Term id="zombie">zombie</Term> until its parent asks for its status.

<Aside type="note" title="Why the entry outlives the process">
A process that has exited keeps its entry, holding its exit status, until its parent collects
the status with \`wait\` <Cite id="man-wait" />. Here the parent is init, which is already
waiting, so the zombie lasts a single tick.
</Aside>

## Exercises

<Exercise id="${s}-predict" title="Predict the next state">
Step through the simulation below. Before each step that changes the state of PID 2, it asks what
that state will be. Answer each question before you reveal the answer, then compare your answers
with <Ref to="sec:stepping-through-the-run" />.

<Simulation client:visible id="${s}-predict" scenario="${scenario}" views={['table']} mode="predict" predict={['state']} follow={2} title="Predict: one process, start to finish" />

<Solution>
Before step 1, PID 2 is ready and no other process is ready, so the scheduler dispatches it: it
becomes running. Before step 4 it is running its \`return 0\`, so it exits and becomes a zombie.
It stays a zombie until init collects its status in step 5, after which PID 2 no longer exists,
so there is no third question.
</Solution>
</Exercise>

<Exercise id="${s}-longer" title="A longer computation">
Suppose the program called \`work(5)\` instead of \`work(2)\`. Using <Ref to="fig:${s}-ticks" />,
at which tick would the line be printed, and at which tick would init collect the exit status?

<Solution>
The computation would take ticks 1 to 5 instead of 1 to 2, three ticks more, and every later
step moves by the same three ticks: the line is printed at tick 6, the process exits at tick 7,
and init collects its status at tick 8. Nothing else competes for the CPU, so the longer
computation delays the rest of the run without changing its order.
</Solution>
</Exercise>
`;
}

/** The chapter's programs.ts. */
export function programsTs(spec: ChapterSpec): string {
  return `// Programs of chapter ${spec.number}, ${spec.title}: one process that computes, prints a line and
// exits. Listed in the book's program library (book/library.ts).
import type { Program } from '../../kernel/types.ts';
import { makeProgram } from '../../kernel/program.ts';

/** This chapter's programs, in the order the library lists them. */
export const PROGRAMS: Program[] = [
  makeProgram(
    ${JSON.stringify(scenarioName(spec))},
    [
      'int main(void) {',
      '  work(2);                    // two ticks of computation',
      '  printf("done (pid:%d)\\\\n", getpid());',
      '  return 0;',
      '}',
    ],
    [
      { op: 'compute', n: 2, line: 2 },
      { op: 'print', text: 'done (pid:{pid})\\n', line: 3 },
      { op: 'exit', status: 0, line: 4 },
    ],
  ),
];
`;
}

/** The chapter's scenarios.ts. */
export function scenariosTs(spec: ChapterSpec): string {
  const name = JSON.stringify(scenarioName(spec));
  return `// Scenarios of chapter ${spec.number}, ${spec.title}. Built only on the public kernel API with the
// helpers of book/kit.ts; the book's registry (book/registry.ts) lists them.
import { single, type Scenario } from '../kit.ts';

export const SCENARIOS: Record<string, Scenario> = {
  // init (PID 1) waits for children; the program (./programs.ts) runs as PID 2, round robin with
  // three-tick slices (options: policy, quantum, ncpu, switchTicks).
  ${name}: {
    title: ${JSON.stringify(SCENARIO_TITLE)},
    description:
      'One process computes for two ticks, prints a line and exits; init, asleep in wait(), collects its exit status.',
    build: single(${name}, 'rr', 3),
  },
};
`;
}

/** The chapter's scenarios.test.ts. */
export function scenariosTestTs(spec: ChapterSpec): string {
  const name = JSON.stringify(scenarioName(spec));
  return `// Chapter ${spec.number}'s scenario. Expected values are worked out by hand from the listing in
// ./programs.ts and the kernel's rules (src/os-model/README.md), not read back from a run.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { get } from '../../kernel/table.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { SCENARIOS as CHAPTER } from './scenarios.ts';

/** Ticks until the machine is finished (at most \`limit\`), checking invariants after each. */
function runOut(m: Machine, events: KEvent[], limit = 50): Machine {
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return m;
}

describe(${JSON.stringify(`chapter ${spec.number}: ${scenarioName(spec)}`)}, () => {
  it('is listed in the book registry', () => {
    expect(SCENARIOS[${name}]).toBe(CHAPTER[${name}]);
  });

  it('computes for two ticks, prints at tick 3, exits at tick 4; init reaps it at tick 5', () => {
    const r = loadScenario(${name});
    if (!r.ok) throw new Error(r.error);
    const events: KEvent[] = [];
    const m = runOut(r.value, events);
    // init is PID 1, so the program is PID 2. It is dispatched at tick 1 and computes during
    // ticks 1 and 2 (work(2)), prints at tick 3 and exits with status 0 at tick 4. Nothing else
    // is ready, so the end of its three-tick slice changes nothing. init, asleep in wait(), is
    // woken by the exit and collects the status in the next tick.
    expect(m.console).toEqual([{ t: 3, pid: 2, text: 'done (pid:2)\\n' }]);
    expect(events.filter((e) => e.type === 'exit')).toEqual([
      { type: 'exit', t: 4, pid: 2, status: 0, signal: '', ppid: 1 },
    ]);
    expect(events.filter((e) => e.type === 'reap')).toEqual([
      { type: 'reap', t: 5, pid: 1, child: 2, status: 0 },
    ]);
    expect(isFinished(m)).toBe(true);
    expect(get(m.procs, 2)).toBeUndefined();
  });
});
`;
}

/** The chapter's e2e spec. */
export function e2eSpec(spec: ChapterSpec): string {
  const name = JSON.stringify(scenarioName(spec));
  return `// Chapter ${spec.number}, ${spec.title}: the gates every chapter passes (the table of contents, axe in both
// themes, the text without JavaScript, the island stepped with the keyboard). Expected values
// are worked out by hand from ../src/os-model/book/${spec.folder}/programs.ts; the model runs in
// Node only for the narration's sentences (e2e/lib/sim.ts). The island is driven through the
// fixtures of e2e/lib/fixtures.ts: found by its role and name, with role-based locators.
import { SCENARIOS } from '../src/os-model/index.ts';
import { axeChapterTests } from './lib/chapter.ts';
import { expect, test } from './lib/fixtures.ts';
import { counterText, modelRun, narrationOf } from './lib/sim.ts';
import { tabTo } from './lib/site.ts';

const URL_ = ${JSON.stringify(`chapters/${spec.slug}/`)};
const TITLE = ${JSON.stringify(spec.title)};
const ISLAND = \`Simulation: \${SCENARIOS[${name}].title}\`;
const run = modelRun(${name});

test('the chapter is in the table of contents', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: \`Chapter ${spec.number}: \${TITLE}\`, exact: true });
  await expect(link).toHaveAttribute('href', new RegExp(\`/\${URL_}$\`));
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
});

test('Step forward, by keyboard, moves the island and its narration', async ({ page, island }) => {
  await page.goto(URL_);
  // In view and hydrated; its counter checked against the model's run ("Step n of N").
  const sim = await island(ISLAND, { run });
  await sim.at(0);
  // From the island (as after a click on it), Tab reaches the button; Enter presses it.
  await sim.root.focus();
  await tabTo(page, sim.player.forward);
  await page.keyboard.press('Enter');
  await sim.at(1);
  await expect(sim.narration).toHaveText(narrationOf(run, 1));
  // The arrow keys step too; by hand: two more steps reach the print at tick 3.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await sim.at(3);
  await expect(sim.narration).toContainText('PID 2 prints');
  await expect(sim.view('console')).toContainText('done (pid:2)');
});

axeChapterTests(URL_);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the text, the figures and the island at step 0 with its transcript', async ({ page }) => {
    await page.goto(URL_);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toContainText(TITLE);
    await expect(main.getByRole('heading', { name: 'Stepping through the run' })).toBeVisible();
    await expect(main.getByRole('table').first()).toContainText('done (pid:2)');
    const sim = main.getByRole('region', { name: ISLAND, exact: true });
    await expect(sim).toContainText(counterText(run, 0));
    // The transcript of the whole run: PID 2 exits with status 0 at tick 4 (by hand).
    await expect(sim).toContainText('PID 2 exits with status 0');
  });
});
`;
}

/** Every file the scaffold writes for `spec`, or why it refuses. */
export function plan(
  root: string,
  spec: ChapterSpec,
): { ok: true; files: Planned[] } | { ok: false; message: string } {
  const taken = collision(root, spec);
  if (taken) return { ok: false, message: taken };
  const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
  const reg = registryEdits(read(LIBRARY), read(REGISTRY), spec);
  if (!reg.ok) return reg;
  const written = list(root, CHAPTERS)
    .filter((f) => /^\d\d-.+\.mdx$/.test(f))
    .map((f) => f.replace(/\.mdx$/, ''));
  const fit = planFor(existsSync(path.join(root, PLAN)) ? read(PLAN) : '', written, spec);
  if (!fit.ok) return fit;
  const dir = `${BOOK}/${spec.folder}`;
  return {
    ok: true,
    files: [
      {
        file: `${CHAPTERS}/${spec.id}.mdx`,
        text: chapterMdx(spec, fit.prerequisites),
        edit: false,
      },
      { file: `${dir}/programs.ts`, text: programsTs(spec), edit: false },
      { file: `${dir}/scenarios.ts`, text: scenariosTs(spec), edit: false },
      { file: `${dir}/scenarios.test.ts`, text: scenariosTestTs(spec), edit: false },
      { file: LIBRARY, text: reg.library, edit: true },
      { file: REGISTRY, text: reg.registry, edit: true },
      { file: `e2e/${spec.folder}.spec.ts`, text: e2eSpec(spec), edit: false },
      ...(fit.plan === null ? [] : [{ file: PLAN, text: fit.plan, edit: true }]),
    ],
  };
}

/**
 * Why the scenario or program name is taken in the book's model, or null. Precondition: `root`
 * is the repository. Failure: a message when the model cannot be loaded.
 */
async function nameTaken(root: string, spec: ChapterSpec): Promise<string | null> {
  const name = scenarioName(spec);
  try {
    const { SCENARIOS } = await import(pathToFileURL(path.join(root, REGISTRY)).href);
    const { LIBRARY: programs } = await import(pathToFileURL(path.join(root, LIBRARY)).href);
    const where = [
      Object.hasOwn(SCENARIOS, name) ? 'a scenario' : '',
      Object.hasOwn(programs, name) ? 'a program' : '',
    ].filter(Boolean);
    if (where.length === 0) return null;
    return `new:chapter: the chapter's scenario and program are named after its slug, and ${where.join(' and ')} called "${name}" already ${where.length > 1 ? 'exist' : 'exists'}. Choose another slug.\n`;
  } catch (e) {
    return `new:chapter: could not load the book's model to check names: ${e instanceof Error ? e.message : String(e)}\n`;
  }
}

/** Formats a TypeScript file with the repository's Prettier settings. */
async function formatted(root: string, file: string, text: string): Promise<string> {
  if (!file.endsWith('.ts')) return text;
  const prettier = await import('prettier');
  const full = path.join(root, file);
  const options = (await prettier.resolveConfig(full)) ?? {};
  return prettier.format(text, { ...options, filepath: full });
}

/**
 * Runs the scaffold in `root`. Precondition: none. Failure: exit code 1 and a message on stderr,
 * with nothing written.
 */
export async function main(
  argv: string[],
  root: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<{ code: number; stdout: string; stderr: string }> {
  const parsed = parseArgs(argv, today);
  if (!parsed.ok) return { code: 1, stdout: '', stderr: parsed.message };
  const { spec } = parsed;
  const planned = plan(root, spec);
  if (!planned.ok) return { code: 1, stdout: '', stderr: planned.message };
  const taken = await nameTaken(root, spec);
  if (taken) return { code: 1, stdout: '', stderr: taken };
  const files: Planned[] = [];
  for (const f of planned.files) files.push({ ...f, text: await formatted(root, f.file, f.text) });
  // Everything is worked out before the first write, so a refusal leaves the tree untouched.
  for (const f of files) {
    const full = path.join(root, f.file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, f.text);
  }
  const lines = files.map((f) => `  ${f.edit ? 'edited ' : 'created'} ${f.file}\n`).join('');
  return {
    code: 0,
    stderr: '',
    stdout:
      `Chapter ${spec.number}, "${spec.title}", at /chapters/${spec.slug}/:\n${lines}` +
      'Next: rewrite the chapter around your own scenario (CONTRIBUTING.md, "Add a chapter"), then run npm test.\n',
  };
}

const invoked = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invoked) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  main(process.argv.slice(2), root).then(
    (r) => {
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.code;
    },
    (err: unknown) => {
      process.stderr.write(
        `new:chapter: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
