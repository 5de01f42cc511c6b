/**
 * What the tests of `npm run new:chapter` share: a temporary copy of the repository to run it in
 * (scripts/new-chapter.test.ts for the arguments and the files, scripts/new-chapter.check.ts
 * for the gates and the build), and a way to run a command there.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository the tests copy. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The example every test scaffolds. */
export const EXAMPLE = ['99', 'scaffold-check', 'Scaffold check'];

/** The files the example creates, and the files it edits. */
export const CREATED = [
  'content/chapters/99-scaffold-check.mdx',
  'src/os-model/book/ch99-scaffold-check/programs.ts',
  'src/os-model/book/ch99-scaffold-check/scenarios.ts',
  'src/os-model/book/ch99-scaffold-check/scenarios.test.ts',
  'e2e/ch99-scaffold-check.spec.ts',
];
export const EDITED = [
  'src/os-model/book/library.ts',
  'src/os-model/book/registry.ts',
  'src/lib/chapter-plan.ts',
];

/** A command-line tool installed in the repository's node_modules. */
export const bin = (name: string): string =>
  join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

export type Ran = { code: number | null; stdout: string; stderr: string; output: string };

/** Runs a command in `cwd` and waits for it. Precondition: none. Never fails (see `code`). */
export function run(cwd: string, command: string, args: string[]): Ran {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const stdout = r.stdout ?? '';
  const stderr = (r.stderr ?? '') + (r.error ? `\n${r.error.message}` : '');
  return { code: r.status, stdout, stderr, output: `${stdout}\n${stderr}` };
}

/** The scaffold, run in `cwd` as `npm run new:chapter -- …args` runs it. */
export function scaffold(cwd: string, args: readonly string[]): Ran {
  return run(cwd, process.execPath, [
    '--experimental-strip-types',
    '--no-warnings',
    'scripts/new-chapter.ts',
    ...args,
  ]);
}

/**
 * A copy of the repository's files (tracked and new, as `git ls-files` lists them) in a new
 * temporary folder, with a link to the repository's node_modules. Precondition: ROOT is a git
 * checkout. Failure: throws when git cannot list the files. The caller removes the folder.
 */
export function copyRepository(): string {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (listed.status !== 0)
    throw new Error(`git ls-files failed in ${ROOT}; the test copies the repository's git files`);
  const dir = mkdtempSync(join(tmpdir(), 'pss-new-chapter-'));
  for (const file of new Set(listed.stdout.split('\0').filter(Boolean))) {
    const from = join(ROOT, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted, not yet staged
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  withoutExample(dir);
  return dir;
}

/**
 * Takes the example chapter out of a copy when the repository has it (someone ran the example,
 * as the fresh-clone check does before `npm test`): its files go, and so do its lines in the two
 * registries, so the copy is the repository as it was before. Precondition: `dir` is a copy.
 * Never fails.
 */
function withoutExample(dir: string): void {
  for (const f of CREATED) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, dirname(CREATED[1])), { recursive: true, force: true });
  const name = `CH${EXAMPLE[0]}`;
  const folder = `./ch${EXAMPLE[0]}-${EXAMPLE[1]}/`;
  for (const f of EDITED) {
    const path = join(dir, f);
    const before = readFileSync(path, 'utf8');
    const after = before
      .split('\n')
      .filter(
        (line) =>
          !line.includes(folder) &&
          line.trim() !== `${name},` &&
          !line.includes(`id: '${EXAMPLE[0]}-${EXAMPLE[1]}'`),
      )
      .join('\n')
      .replace(new RegExp(`,\\s*${name}\\b`), '');
    if (after !== before) {
      writeFileSync(path, after);
      run(dir, bin('prettier'), ['--write', f]);
    }
  }
}

/** Every file under `dir` (node_modules aside) with its text: to show that nothing changed. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
