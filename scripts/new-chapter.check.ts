/**
 * `npm run test:scaffold`: proves that `npm run new:chapter` makes a chapter that passes the
 * gates without further edits. In a temporary copy of the repository it runs
 * `new:chapter -- 99 scaffold-check "Scaffold check"`, then on the result: ESLint and Prettier on
 * the files it wrote, the model's type check, a type check of the new test and e2e spec, the new
 * scenario test with the book's scenario tests, and `astro build`, whose page for the chapter it
 * reads back. The copy is removed at the end. Prints one line per step and exits 1 if any failed.
 * (The arguments and the refusals are unit-tested in scripts/new-chapter.test.ts; the e2e spec's
 * browser gates run wherever a scaffolded chapter is built, as in a fresh clone.)
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bin,
  copyRepository,
  CREATED,
  EDITED,
  EXAMPLE,
  ROOT,
  run,
  scaffold,
  type Ran,
} from './new-chapter.copy.ts';

type Check = { name: string; run: (dir: string) => Ran | string | null };

/** A failed command's message: its exit code and the end of its output. */
function failure(r: Ran): string | null {
  if (r.code === 0) return null;
  return `exit ${r.code}\n${r.output.trim().split('\n').slice(-40).join('\n')}`;
}

const CHECKS: Check[] = [
  {
    name: `new:chapter -- ${EXAMPLE.join(' ')}`,
    run: (dir) => {
      const r = scaffold(dir, EXAMPLE);
      const missing = CREATED.filter((f) => !existsSync(join(dir, f)));
      return failure(r) ?? (missing.length ? `not created: ${missing.join(', ')}` : null);
    },
  },
  {
    name: 'ESLint and Prettier on the files it wrote',
    run: (dir) => {
      const files = [...CREATED.filter((f) => f.endsWith('.ts')), ...EDITED];
      return (
        failure(run(dir, bin('eslint'), files)) ?? run(dir, bin('prettier'), ['--check', ...files])
      );
    },
  },
  {
    name: 'the model type check (tsc -p tsconfig.model.json)',
    run: (dir) => run(dir, bin('tsc'), ['-p', 'tsconfig.model.json']),
  },
  {
    name: 'a type check of the new scenario test and e2e spec',
    run: (dir) => {
      writeFileSync(
        join(dir, 'tsconfig.scaffold.json'),
        JSON.stringify({
          extends: './tsconfig.json',
          include: CREATED.filter((f) => f.endsWith('.test.ts') || f.endsWith('.spec.ts')),
          compilerOptions: { noEmit: true },
        }),
      );
      const r = run(dir, bin('tsc'), ['-p', 'tsconfig.scaffold.json']);
      rmSync(join(dir, 'tsconfig.scaffold.json'));
      return r;
    },
  },
  {
    name: 'the new scenario test and the book-wide scenario tests (Vitest)',
    run: (dir) => {
      const r = run(dir, bin('vitest'), [
        'run',
        '--project',
        'node',
        'src/os-model/book/ch99-scaffold-check/',
        'src/os-model/book/scenarios.test.ts',
      ]);
      return (
        failure(r) ?? (/ch99-scaffold-check/.test(r.output) ? null : 'the new test did not run')
      );
    },
  },
  {
    name: 'astro build, and the chapter page it writes',
    run: (dir) => {
      const out = join(dir, 'out');
      const r = run(dir, process.execPath, [
        join(ROOT, 'node_modules/astro/bin/astro.mjs'),
        'build',
        '--outDir',
        out,
      ]);
      if (r.code !== 0) return r;
      const file = join(out, 'chapters/scaffold-check/index.html');
      if (!existsSync(file)) return `no page at ${file}`;
      const page = readFileSync(file, 'utf8');
      const wanted = ['Scaffold check', 'Figure 99.1', 'Exercise 99.1', 'Simulation: One process'];
      const absent = wanted.filter((w) => !page.includes(w));
      return absent.length ? `the page lacks ${absent.join(', ')}` : null;
    },
  },
];

const dir = copyRepository();
let failed = 0;
const t0 = performance.now();
try {
  for (const check of CHECKS) {
    const start = performance.now();
    let outcome = check.run(dir);
    if (outcome !== null && typeof outcome === 'object') outcome = failure(outcome);
    const seconds = ((performance.now() - start) / 1000).toFixed(1).padStart(5);
    console.log(`${outcome === null ? 'ok  ' : 'FAIL'} ${seconds} s  ${check.name}`);
    if (outcome !== null) {
      failed += 1;
      console.log(outcome.replace(/^/gm, '       '));
      if (check === CHECKS[0]) break; // nothing to check without the chapter
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const total = ((performance.now() - t0) / 1000).toFixed(1);
console.log(
  failed === 0
    ? `test:scaffold: the scaffolded chapter passed every check (${total} s)`
    : `test:scaffold: ${failed} check(s) failed (${total} s)`,
);
process.exitCode = failed === 0 ? 0 : 1;
