import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import { describe, expect, it } from 'vitest';
import { CHAPTERS_DIR, chapterIds } from './book-index.ts';
import { CHAPTER_PLAN, plannedChapter } from './chapter-plan.ts';

const written = chapterIds().map((id) => {
  const { frontmatter } = parseFrontmatter(
    readFileSync(resolve(CHAPTERS_DIR, `${id}.mdx`), 'utf8'),
  );
  return { id, frontmatter: frontmatter as Record<string, unknown> };
});

describe('the chapter plan', () => {
  it("holds the book's chapters 0 to 8, then any added chapter, each number once and in order", () => {
    const numbers = CHAPTER_PLAN.map((entry) => entry.chapter);
    expect(numbers.slice(0, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThan(numbers[i - 1]);
  });

  it('holds every written chapter under its own id, number and title', () => {
    expect(written.length).toBeGreaterThan(0);
    for (const { id, frontmatter } of written) {
      const entry = plannedChapter(id);
      expect(entry, `${id} is missing from src/lib/chapter-plan.ts`).toBeDefined();
      expect(frontmatter.chapter).toBe(entry!.chapter);
      expect(frontmatter.title).toBe(entry!.title);
    }
  });

  it('lists as prerequisites chapter 0 and the written chapters a chapter builds on', () => {
    const ids = new Set(written.map((chapter) => chapter.id));
    for (const { id, frontmatter } of written) {
      const entry = plannedChapter(id)!;
      const builtOn = entry.buildsOn
        .map((n) => CHAPTER_PLAN[n]!.id)
        .filter((other) => ids.has(other));
      const expected = ['00-how-to-read', ...builtOn].filter((other) => other !== id);
      expect(frontmatter.prerequisites, id).toEqual(entry.chapter === 0 ? [] : expected);
    }
  });
});
