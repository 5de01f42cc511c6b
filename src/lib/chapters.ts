/**
 * The chapters in reading order, and their URLs. Drafts are left out of production builds.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import { chapterSlug } from './book-index.ts';

export type Chapter = CollectionEntry<'chapters'>;

export async function getChapters(): Promise<Chapter[]> {
  const chapters = await getCollection(
    'chapters',
    (entry: Chapter) => import.meta.env.DEV || !entry.data.draft,
  );
  chapters.sort((a, b) => a.data.chapter - b.data.chapter || a.id.localeCompare(b.id));
  for (let i = 1; i < chapters.length; i++) {
    const [previous, current] = [chapters[i - 1]!, chapters[i]!];
    if (previous.data.chapter === current.data.chapter) {
      throw new Error(
        `content/chapters/${current.id}.mdx: chapter number ${current.data.chapter} is also used by content/chapters/${previous.id}.mdx`,
      );
    }
  }
  return chapters;
}

export function chapterHref(id: string): string {
  return `${import.meta.env.BASE_URL}chapters/${chapterSlug(id)}/`;
}

export { chapterSlug };
