/**
 * The book's chapter plan: every chapter the book will have, written or not, in one place.
 *
 * A written chapter is a file content/chapters/<id>.mdx. A planned chapter has no file yet; a
 * `<Ref to="ch:<id>">` to it renders as plain text naming the chapter "(still being written)"
 * instead of a broken link, and becomes a real link as soon as the file exists. An id that is
 * neither written nor planned still fails the build (src/plugins/book-components.ts).
 *
 * `buildsOn` is the "Builds on" column of chapter 0's chapter map. A chapter's `prerequisites`
 * frontmatter is 00-how-to-read plus the written chapters among them, which
 * src/lib/chapter-plan.test.ts checks.
 */
export interface PlannedChapter {
  /** The chapter number, as in the frontmatter's `chapter`. */
  chapter: number;
  /** The chapter id, the file name without .mdx it has or will have. */
  id: string;
  /** The title without its number, as in the frontmatter's `title`. */
  title: string;
  /** Numbers of the chapters it builds on. */
  buildsOn: readonly number[];
}

export const CHAPTER_PLAN: readonly PlannedChapter[] = [
  { chapter: 0, id: '00-how-to-read', title: 'How to read this book', buildsOn: [] },
  { chapter: 1, id: '01-programs-and-processes', title: 'Programs and processes', buildsOn: [] },
  { chapter: 2, id: '02-process-states', title: 'Process states', buildsOn: [1] },
  { chapter: 3, id: '03-scheduling', title: 'Scheduling and time slices', buildsOn: [2] },
  { chapter: 4, id: '04-context-switches', title: 'Context switches', buildsOn: [2] },
  {
    chapter: 5,
    id: '05-fork-exec-wait',
    title: 'fork(), execve(), wait() and exit()',
    buildsOn: [1, 2],
  },
  { chapter: 6, id: '06-threads', title: 'Threads', buildsOn: [4, 5] },
  {
    chapter: 7,
    id: '07-process-per-connection',
    title: 'Process-per-connection databases',
    buildsOn: [2, 5],
  },
  { chapter: 8, id: '08-production', title: 'Processes in production', buildsOn: [5, 7] },
];

/** The planned chapter with this id, or undefined. */
export function plannedChapter(id: string): PlannedChapter | undefined {
  return CHAPTER_PLAN.find((entry) => entry.id === id);
}

/** How a reference to a chapter that is planned but not yet written reads. */
export function unwrittenChapterLabel(entry: PlannedChapter): string {
  return `Chapter ${entry.chapter}, ${entry.title} (still being written)`;
}
