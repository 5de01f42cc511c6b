/**
 * An mdast plugin for Astro's Markdown processor (Sätteri, Astro's default in v7; the equivalent
 * of a remark plugin). For every chapter in content/chapters it:
 *
 * - numbers `<Figure>` and `<Exercise>` in document order ("Figure 0.2") by adding a `number`
 *   attribute, and gives `<Exercise>`, `<Term>` and `<Cite>` the chapter id (`chapter`);
 * - numbers `<Cite>` by first use in the chapter (`n`), matching the reference list the chapter
 *   layout prints;
 * - resolves `<Ref to="fig:…|sec:…|ch:…|ex:…|page:…">` against an index of the whole book, adding `href`
 *   and `label`. A `ch:` reference to a chapter of the plan (src/lib/chapter-plan.ts) that has no
 *   file yet is replaced by plain text, "Chapter 6, Threads (still being written)" (or the Ref's own
 *   children), so no link breaks; once the chapter file exists the same Ref becomes a link.
 *
 * An unknown target fails the build with the file and the id, e.g.
 * `content/chapters/00-how-to-read.mdx: unknown figure id 'x' in <Ref to="fig:x">`.
 * Glossary and reference ids are checked by <Term> and <Cite> against the collections.
 */
import { readFileSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ChapterIndex,
  CHAPTERS_DIR,
  chapterSlug,
  indexBook,
  indexChapter,
  stringAttribute,
} from '../lib/book-index.ts';
import { BOOK_PAGES } from '../lib/book-pages.ts';
import { plannedChapter, unwrittenChapterLabel } from '../lib/chapter-plan.ts';
import { extractFrontmatter } from 'astro/markdown';

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

interface JsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: JsxAttribute[];
  children: unknown[];
}

interface VisitorContext {
  replaceNode(node: unknown, replacement: unknown): void;
}

interface FactoryContext {
  readonly fileURL: URL | undefined;
  readonly source: string;
}

export interface BookComponentsOptions {
  /** The site's base path, e.g. "/" or "/book/". */
  base: string;
  /** Project root (defaults to the working directory). */
  root?: string;
}

export interface ResolvedRef {
  /** The link target; undefined for a planned chapter that is not written yet (plain text). */
  href: string | undefined;
  label: string;
}

/**
 * Resolve a `<Ref to>` target from chapter `current`. Throws an Error naming the file and id.
 * Exported for tests.
 */
export function resolveRef(
  to: string,
  current: ChapterIndex,
  book: Map<string, ChapterIndex>,
  base: string,
): ResolvedRef {
  const fail = (what: string, id: string): never => {
    throw new Error(`${current.file}: unknown ${what} '${id}' in <Ref to="${to}">`);
  };
  const match = /^(fig|sec|ch|ex|page):(.+)$/.exec(to);
  if (!match) {
    throw new Error(
      `${current.file}: <Ref to="${to}"> must start with fig:, sec:, ch:, ex: or page: (e.g. "fig:controls")`,
    );
  }
  const [, kind, rest] = match as unknown as [string, string, string];
  const chapterUrl = (chapter: ChapterIndex) => `${base}chapters/${chapter.slug}/`;
  if (kind === 'page') {
    // A book page that is not a chapter (src/lib/book-pages.ts), e.g. page:measurements.
    const bookPage = Object.hasOwn(BOOK_PAGES, rest) ? BOOK_PAGES[rest] : undefined;
    if (!bookPage) return fail('page id', rest);
    return { href: `${base}${bookPage.path}`, label: bookPage.title };
  }
  if (kind === 'ch') {
    const chapter = book.get(rest);
    if (chapter) {
      return { href: chapterUrl(chapter), label: `Chapter ${chapter.chapter}, ${chapter.title}` };
    }
    // Not written yet, but in the book's plan: plain text until the file exists.
    const planned = plannedChapter(rest) ?? fail('chapter id', rest);
    return { href: undefined, label: unwrittenChapterLabel(planned) };
  }
  // fig:id, or fig:02-process-states/id for another chapter; the same for sec: and ex:.
  const slash = rest.indexOf('/');
  let chapter = current;
  let id = rest;
  if (slash !== -1) {
    const chapterId = rest.slice(0, slash);
    chapter = book.get(chapterId) ?? fail('chapter id', chapterId);
    id = rest.slice(slash + 1);
  }
  const page = chapter === current ? '' : chapterUrl(chapter);
  if (kind === 'fig') {
    const figure = chapter.figures.find((entry) => entry.id === id) ?? fail('figure id', id);
    return { href: `${page}#fig-${figure.id}`, label: `Figure ${figure.number}` };
  }
  if (kind === 'ex') {
    const exercise = chapter.exercises.find((entry) => entry.id === id) ?? fail('exercise id', id);
    return { href: `${page}#ex-${exercise.id}`, label: `Exercise ${exercise.number}` };
  }
  const heading = chapter.headings.find((entry) => entry.slug === id) ?? fail('section id', id);
  return { href: `${page}#${heading.slug}`, label: heading.text };
}

function withAttributes(node: JsxNode, extra: Record<string, string>): JsxNode {
  const names = new Set(Object.keys(extra));
  return {
    type: node.type,
    name: node.name,
    attributes: [
      ...node.attributes.filter(
        (attribute) => !(attribute.type === 'mdxJsxAttribute' && names.has(attribute.name ?? '')),
      ),
      ...Object.entries(extra).map(([name, value]) => ({
        type: 'mdxJsxAttribute',
        name,
        value,
      })),
    ],
    children: node.children,
  };
}

export function bookComponents(options: BookComponentsOptions) {
  const root = options.root ?? process.cwd();
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  return (factory: FactoryContext) => {
    if (!factory.fileURL || factory.fileURL.protocol !== 'file:') return null;
    const path = relative(root, fileURLToPath(factory.fileURL)).split(sep).join('/');
    const name = basename(path);
    if (path !== `${CHAPTERS_DIR}/${name}` || !/^\d\d-.+\.mdx$/.test(name)) return null;
    const id = name.replace(/\.mdx$/, '');
    // Astro hands the compiler the body without its frontmatter; put the frontmatter (chapter
    // number, title) back from the file so the index sees the whole chapter.
    const source = /^---\r?\n/.test(factory.source)
      ? factory.source
      : `---\n${extractFrontmatter(readFileSync(fileURLToPath(factory.fileURL), 'utf8')) ?? ''}\n---\n${factory.source}`;
    const book = indexBook(root, { [id]: source });
    const current = book.get(id) ?? indexChapter(id, source);
    book.set(id, current);
    let figures = 0;
    let exercises = 0;

    const visit = (node: JsxNode, ctx: VisitorContext) => {
      const add = (extra: Record<string, string>) =>
        ctx.replaceNode(node, withAttributes(node, extra));
      switch (node.name) {
        case 'Figure': {
          const figure = current.figures[figures++];
          if (figure) add({ number: figure.number });
          break;
        }
        case 'Exercise': {
          const exercise = current.exercises[exercises++];
          if (exercise) add({ number: exercise.number, chapter: id });
          break;
        }
        case 'Cite': {
          const cite = stringAttribute(node, 'id') ?? '';
          add({ n: String(current.cites.indexOf(cite) + 1), chapter: id });
          break;
        }
        case 'Term':
          add({ chapter: id });
          break;
        case 'Ref': {
          const to = stringAttribute(node, 'to');
          if (!to) throw new Error(`${current.file}: <Ref> needs a to="..." attribute`);
          const { href, label } = resolveRef(to, current, book, base);
          if (href === undefined) {
            // A chapter still being written: no link, just its name (or the Ref's own text).
            const text =
              node.children.length > 0
                ? { type: node.type, name: null, attributes: [], children: node.children }
                : { type: 'text', value: label };
            ctx.replaceNode(
              node,
              node.type === 'mdxJsxFlowElement' && node.children.length === 0
                ? { type: 'paragraph', children: [text] }
                : text,
            );
          } else {
            add({ href, label });
          }
          break;
        }
        default:
          break;
      }
    };

    return {
      name: 'book-components',
      mdxJsxFlowElement: visit,
      mdxJsxTextElement: visit,
    };
  };
}

export { chapterSlug };
