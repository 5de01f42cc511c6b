/**
 * A contributor's mistake in a chapter must stop the build with a message that names the file and
 * what is wrong. Each case copies the book into a temporary folder, breaks one thing in chapter 0,
 * and runs Astro there: `astro sync` for frontmatter (the content schema), `astro build` for the
 * references that are resolved while a chapter renders (Ref, Term, Cite).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const chapterFile = 'content/chapters/00-how-to-read.mdx';
const copies: string[] = [];

/** A copy of the book with `edit` applied to chapter 0's source. */
function copyOfBook(edit: (source: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pss-content-'));
  copies.push(dir);
  for (const entry of [
    'astro.config.mjs',
    'svelte.config.js',
    'package.json',
    'tsconfig.json',
    'src',
    'components',
    'content',
    'public',
  ]) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const path = join(dir, chapterFile);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  writeFileSync(path, after);
  return dir;
}

function brokenCopy(edit: (source: string) => string): string {
  return copyOfBook((before) => {
    const after = edit(before);
    expect(after, 'the edit must change the chapter').not.toBe(before);
    return after;
  });
}

function astro(dir: string, command: 'sync' | 'build'): { code: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/astro/bin/astro.mjs'), command, '--outDir', join(dir, 'out')],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
  );
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Adds a line after the `chapter:` line of the frontmatter. */
const addFrontmatter = (line: string) => (s: string) => s.replace(/^chapter: .*$/m, `$&\n${line}`);
/** Adds a paragraph right after the frontmatter and imports. */
const addBody = (mdx: string) => (s: string) =>
  s.replace(/\n(In this chapter|Every program)/, `\n${mdx}\n\n$1`);

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe(
  'a broken chapter fails the build with a message naming the file and the problem',
  { timeout: 120_000 },
  () => {
    it('the unbroken copy builds (so the failures below come from the edits)', () => {
      const { code, output } = astro(
        copyOfBook((s) => s),
        'build',
      );
      expect(output).not.toMatch(/error/i);
      expect(code).toBe(0);
    });

    it('an unknown frontmatter key is named', () => {
      const dir = brokenCopy(addFrontmatter('subtitle: A misspelt field'));
      const { code, output } = astro(dir, 'sync');
      expect(code).not.toBe(0);
      expect(output).toContain('00-how-to-read');
      expect(output).toMatch(/Unrecognized key: "subtitle"/);
    });

    it('a missing required field is named', () => {
      const dir = brokenCopy((s) => s.replace(/^description: .*\n/m, ''));
      const { code, output } = astro(dir, 'sync');
      expect(code).not.toBe(0);
      expect(output).toContain('00-how-to-read');
      expect(output).toContain('description');
    });

    it('too few objectives are refused', () => {
      const dir = brokenCopy((s) =>
        s.replace(/^objectives:\n( {2}- .*\n)+/m, 'objectives:\n  - Only one objective\n'),
      );
      const { code, output } = astro(dir, 'sync');
      expect(code).not.toBe(0);
      expect(output).toContain('00-how-to-read');
      expect(output).toContain('objectives');
    });

    it('a cross-reference to a figure that does not exist is named with its file', () => {
      const dir = brokenCopy(addBody('See <Ref to="fig:no-such-figure" />.'));
      const { code, output } = astro(dir, 'build');
      expect(code).not.toBe(0);
      expect(output).toContain(chapterFile);
      expect(output).toContain('no-such-figure');
    });

    it('a glossary term that does not exist is named', () => {
      const dir = brokenCopy(addBody('A <Term id="no-such-term">word</Term>.'));
      const { code, output } = astro(dir, 'build');
      expect(code).not.toBe(0);
      expect(output).toContain('no-such-term');
    });

    it('a citation of an unknown reference is named', () => {
      const dir = brokenCopy(addBody('A claim <Cite id="no-such-source" />.'));
      const { code, output } = astro(dir, 'build');
      expect(code).not.toBe(0);
      expect(output).toContain('no-such-source');
    });
  },
);
