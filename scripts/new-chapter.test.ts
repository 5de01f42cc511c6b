/**
 * `npm run new:chapter`: the pure parts (arguments, registry lines) checked directly, then the
 * command run in a temporary copy of the repository (its git files plus a link to node_modules):
 * the refusals touch nothing, and the example writes the files it should. The gates the new
 * chapter must pass (lint, type checks, its scenario test, the production build) are run on the
 * same example by `npm run test:scaffold` (scripts/new-chapter.check.ts), a step of `npm test`
 * of its own because the build takes longer than a unit test should.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, planFor, registryEdits, type ChapterSpec } from './new-chapter.ts';
import {
  copyRepository,
  CREATED,
  EDITED,
  EXAMPLE,
  scaffold,
  snapshot,
} from './new-chapter.copy.ts';

const TODAY = '2026-12-01';

function spec(argv: string[]): ChapterSpec {
  const r = parseArgs(argv, TODAY);
  if (!r.ok) throw new Error(r.message);
  return r.spec;
}

describe('new:chapter arguments', () => {
  it('reads a number, a slug and a title', () => {
    expect(spec(['04', 'context-switches', ' Context switches '])).toEqual({
      nn: '04',
      number: 4,
      slug: 'context-switches',
      title: 'Context switches',
      folder: 'ch04-context-switches',
      id: '04-context-switches',
      today: TODAY,
    });
  });

  it.each([
    [[], 'a number, a slug and a title are needed'],
    [['4', 'x', 'T'], 'must be two digits'],
    [['123', 'x', 'T'], 'must be two digits'],
    [['ab', 'x', 'T'], 'must be two digits'],
    [['04', 'Context', 'T'], 'lowercase words joined by hyphens'],
    [['04', 'context_switches', 'T'], 'lowercase words joined by hyphens'],
    [['04', '-context', 'T'], 'lowercase words joined by hyphens'],
    [['04', 'context--switch', 'T'], 'lowercase words joined by hyphens'],
    [['04', '4-context', 'T'], 'lowercase words joined by hyphens'],
    [['04', 'context'], 'needs a title'],
    [['04', 'context', '  '], 'needs a title'],
    [['04', 'context', 'Two', 'words'], 'put the title in quotes'],
    [['04', 'context', 'Two\nlines'], 'one line'],
  ])('refuses %j', (argv, message) => {
    const r = parseArgs(argv, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('new:chapter and the chapter plan', () => {
  const plan = [
    'export const CHAPTER_PLAN: readonly PlannedChapter[] = [',
    "  { chapter: 0, id: '00-how-to-read', title: 'How to read this book', buildsOn: [] },",
    "  { chapter: 2, id: '02-process-states', title: 'Process states', buildsOn: [1] },",
    "  { chapter: 4, id: '04-context-switches', title: 'Context switches', buildsOn: [2] },",
    '];',
  ].join('\n');
  const written = ['00-how-to-read', '02-process-states'];

  it('a planned chapter takes its prerequisites from the plan and leaves the plan alone', () => {
    expect(planFor(plan, written, spec(['04', 'context-switches', 'Context switches']))).toEqual({
      ok: true,
      prerequisites: ['00-how-to-read', '02-process-states'],
      plan: null,
    });
  });

  it('a planned number under another slug or title is refused, naming the plan', () => {
    for (const argv of [
      ['04', 'switches', 'Context switches'],
      ['04', 'context-switches', 'Switching'],
      ['05', 'context-switches', 'Context switches'],
    ]) {
      const r = planFor(plan, written, spec(argv));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('src/lib/chapter-plan.ts');
    }
  });

  it('an unplanned chapter joins the plan in number order, building on nothing', () => {
    const r = planFor(plan, written, spec(['03', 'scheduling', 'Scheduling']));
    expect(r.ok && r.prerequisites).toEqual(['00-how-to-read']);
    expect(r.ok && r.plan!.split('\n')[3]).toBe(
      `  { chapter: 3, id: '03-scheduling', title: "Scheduling", buildsOn: [] },`,
    );
  });
});

describe('new:chapter registry lines', () => {
  const library = [
    "import { PROGRAMS as CH02 } from './ch02-a/programs.ts';",
    "import { PROGRAMS as CH05 } from './ch05-b/programs.ts';",
    '',
    'export const LIBRARY = merge([[INIT], CH02, CH05].map(byName));',
  ].join('\n');
  const registry = [
    "import { SCENARIOS as CH02 } from './ch02-a/scenarios.ts';",
    "import { SCENARIOS as CH05 } from './ch05-b/scenarios.ts';",
    '',
    "export const SCENARIOS = merge('scenario', [",
    '  CH02,',
    '  CH05,',
    ']);',
  ].join('\n');

  it('go in chapter order: between two chapters, first, and last', () => {
    const between = registryEdits(library, registry, spec(['03', 'c', 'C']));
    expect(between.ok && between.library.split('\n').slice(0, 3)).toEqual([
      "import { PROGRAMS as CH02 } from './ch02-a/programs.ts';",
      "import { PROGRAMS as CH03 } from './ch03-c/programs.ts';",
      "import { PROGRAMS as CH05 } from './ch05-b/programs.ts';",
    ]);
    expect(between.ok && between.library).toContain('[[INIT], CH02, CH03, CH05]');
    expect(between.ok && between.registry).toContain(
      "import { SCENARIOS as CH03 } from './ch03-c/scenarios.ts';\nimport { SCENARIOS as CH05 }",
    );
    expect(between.ok && between.registry).toContain('CH02, CH03,\n  CH05,');
    const first = registryEdits(library, registry, spec(['01', 'd', 'D']));
    expect(first.ok && first.library.split('\n')[0]).toBe(
      "import { PROGRAMS as CH01 } from './ch01-d/programs.ts';",
    );
    expect(first.ok && first.library).toContain('[[INIT], CH01, CH02, CH05]');
    expect(first.ok && first.registry).toContain('[\n  CH01, CH02,\n  CH05,\n]');
    const last = registryEdits(library, registry, spec(['12', 'e', 'E']));
    expect(last.ok && last.library).toContain('[[INIT], CH02, CH05, CH12]');
    expect(last.ok && last.registry.split('\n')[2]).toBe(
      "import { SCENARIOS as CH12 } from './ch12-e/scenarios.ts';",
    );
  });

  it('are refused, naming the file, when a registry has another shape', () => {
    const r = registryEdits(library, 'export const SCENARIOS = {};', spec(['03', 'c', 'C']));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('src/os-model/book/registry.ts');
  });
});

describe('npm run new:chapter -- 99 scaffold-check "Scaffold check", in a copy', () => {
  let copy = '';
  beforeAll(() => {
    copy = copyRepository();
  }, 60_000);
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it(
    'refuses bad arguments with exit code 1 and a message, touching nothing',
    { timeout: 60_000 },
    () => {
      const before = snapshot(copy);
      for (const [args, message] of [
        [['99', 'scaffold-check'], 'needs a title'],
        [['9', 'scaffold-check', 'Scaffold check'], 'two digits'],
        [['99', 'Scaffold_check', 'Scaffold check'], 'lowercase words joined by hyphens'],
        [['05', 'scaffold-check', 'Scaffold check'], 'content/chapters/05-fork-exec-wait.mdx'],
        [['03', 'scaffold-check', 'Scaffold check'], 'src/os-model/book/ch03-scheduling/'],
        [['99', 'process-states', 'Scaffold check'], 'content/chapters/02-process-states.mdx'],
        [['99', 'pipe', 'Pipes'], 'a scenario and a program called "pipe" already exist'],
      ] as const) {
        const r = scaffold(copy, [...args]);
        expect(r.code, `${args.join(' ')}: ${r.output}`).toBe(1);
        expect(r.stderr).toContain(message);
        expect(r.stdout).toBe('');
      }
      expect(snapshot(copy)).toEqual(before);
    },
  );

  it(
    'creates the chapter, its model folder, its registry lines and its e2e spec',
    { timeout: 30_000 },
    () => {
      const before = Object.fromEntries(
        EDITED.map((f) => [f, readFileSync(join(copy, f), 'utf8')]),
      );
      const r = scaffold(copy, EXAMPLE);
      expect(r.code, r.output).toBe(0);
      for (const f of CREATED) {
        expect(existsSync(join(copy, f)), f).toBe(true);
        expect(r.stdout).toContain(`created ${f}`);
      }
      for (const f of EDITED) {
        expect(readFileSync(join(copy, f), 'utf8'), f).not.toBe(before[f]);
        expect(r.stdout).toContain(`edited  ${f}`);
      }
      expect(readFileSync(join(copy, EDITED[0]), 'utf8')).toContain(
        "import { PROGRAMS as CH99 } from './ch99-scaffold-check/programs.ts';",
      );
      expect(readFileSync(join(copy, EDITED[1]), 'utf8')).toContain(
        "import { SCENARIOS as CH99 } from './ch99-scaffold-check/scenarios.ts';",
      );
      const mdx = readFileSync(join(copy, CREATED[0]), 'utf8');
      expect(mdx).toMatch(/^---\ntitle: Scaffold check\n/);
      expect(mdx).toContain('chapter: 99\n');
      for (const component of [
        '<Figure',
        '<Aside',
        '<MarginNote',
        '<Term',
        '<Cite',
        '<Ref',
        '<Exercise',
        '<Solution',
        '<Simulation client:visible id="scaffold-check-run"',
        'mode="predict"',
      ])
        expect(mdx, component).toContain(component);
      // Nothing a contributor must not commit, and what the before-stop check refuses.
      expect(mdx).not.toMatch(/lorem ipsum|coming soon|placeholder text|TODO: write|\bTBD\b/i);
    },
  );

  it('then refuses the same number or slug again, touching nothing', { timeout: 30_000 }, () => {
    const before = snapshot(copy);
    for (const args of [
      ['99', 'scaffold-check', 'Scaffold check'],
      ['98', 'scaffold-check', 'Scaffold check'],
      ['99', 'another-check', 'Another check'],
    ]) {
      const r = scaffold(copy, args);
      expect(r.code, r.output).toBe(1);
      expect(r.stderr).toContain('would collide with what exists');
      expect(r.stderr).toContain('content/chapters/99-scaffold-check.mdx');
    }
    expect(snapshot(copy)).toEqual(before);
  });
});
