/**
 * A build-time index of every chapter: its headings, figures, exercises, citations and glossary
 * terms, in document order. It parses the MDX sources with the same parser Astro uses (Sätteri),
 * so a `<Figure>` shown inside a code block is text, not a figure.
 *
 * The MDX plugin (src/plugins/book-components.ts) numbers figures and exercises and resolves
 * `<Ref>` from it; pages use it for a chapter's reference list and the glossary's back-links.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import GithubSlugger from 'github-slugger';
import { mdxToMdast } from 'satteri';

export const CHAPTERS_DIR = 'content/chapters';
const CHAPTER_FILE = /^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

export interface HeadingEntry {
  depth: number;
  text: string;
  slug: string;
}

export interface NumberedEntry {
  id: string;
  /** "0.1": chapter number, then position in the chapter. */
  number: string;
}

export interface ChapterIndex {
  /** File name without extension, e.g. "00-how-to-read"; the content collection's entry id. */
  id: string;
  /** URL slug, the id without the NN- prefix, e.g. "how-to-read". */
  slug: string;
  /** Path from the project root, e.g. "content/chapters/00-how-to-read.mdx". */
  file: string;
  chapter: number;
  title: string;
  headings: HeadingEntry[];
  figures: NumberedEntry[];
  exercises: NumberedEntry[];
  /** Citation ids in order of first use; [1] is the first. */
  cites: string[];
  /** Glossary ids used by <Term>, in order of first use. */
  terms: string[];
}

interface AnyNode {
  type: string;
  name?: string | null;
  value?: unknown;
  depth?: number;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: AnyNode[];
}

/** The URL slug of a chapter id: "00-how-to-read" -> "how-to-read". */
export function chapterSlug(id: string): string {
  return id.replace(/^\d\d-/, '');
}

/** A JSX element's string attribute, or undefined (an expression attribute counts as absent). */
export function stringAttribute(
  node: { attributes?: AnyNode['attributes'] },
  name: string,
): string | undefined {
  for (const attribute of node.attributes ?? []) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name === name) {
      return typeof attribute.value === 'string' ? attribute.value : undefined;
    }
  }
  return undefined;
}

function textOf(node: AnyNode): string {
  let text = '';
  if ((node.type === 'text' || node.type === 'inlineCode') && typeof node.value === 'string') {
    text += node.value;
  }
  for (const child of node.children ?? []) text += textOf(child);
  return text;
}

function walk(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function isJsx(node: AnyNode): boolean {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}

/** Index one chapter from its MDX source. Throws on duplicate figure or exercise ids. */
export function indexChapter(id: string, source: string): ChapterIndex {
  const file = `${CHAPTERS_DIR}/${id}.mdx`;
  const { frontmatter } = parseFrontmatter(source);
  const chapter =
    typeof frontmatter.chapter === 'number' ? frontmatter.chapter : Number(id.slice(0, 2));
  const title = typeof frontmatter.title === 'string' ? frontmatter.title : id;
  // Astro's MDX pipeline turns on smart punctuation; parse the same way so heading text and
  // therefore heading slugs match the ids Astro gives the rendered headings.
  const tree = mdxToMdast(source, {
    features: { smartPunctuation: true },
    position: false,
  }) as AnyNode;
  const slugger = new GithubSlugger();
  const index: ChapterIndex = {
    id,
    slug: chapterSlug(id),
    file,
    chapter,
    title,
    headings: [],
    figures: [],
    exercises: [],
    cites: [],
    terms: [],
  };
  const numbered = (list: NumberedEntry[], kind: string, node: AnyNode) => {
    const elementId = stringAttribute(node, 'id');
    if (!elementId) throw new Error(`${file}: <${node.name}> needs an id="..." attribute`);
    if (list.some((entry) => entry.id === elementId)) {
      throw new Error(`${file}: duplicate ${kind} id '${elementId}'`);
    }
    list.push({ id: elementId, number: `${chapter}.${list.length + 1}` });
  };
  walk(tree, (node) => {
    if (node.type === 'heading' && typeof node.depth === 'number') {
      const text = textOf(node);
      index.headings.push({ depth: node.depth, text, slug: slugger.slug(text) });
    } else if (isJsx(node)) {
      if (node.name === 'Figure') numbered(index.figures, 'figure', node);
      else if (node.name === 'Exercise') numbered(index.exercises, 'exercise', node);
      else if (node.name === 'Cite' || node.name === 'Term') {
        const ref = stringAttribute(node, 'id');
        if (!ref) throw new Error(`${file}: <${node.name}> needs an id="..." attribute`);
        const list = node.name === 'Cite' ? index.cites : index.terms;
        if (!list.includes(ref)) list.push(ref);
      }
    }
  });
  return index;
}

/** The chapter ids (file names without .mdx) in content/chapters, sorted. */
export function chapterIds(root = process.cwd()): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, CHAPTERS_DIR));
  } catch {
    return [];
  }
  return names
    .filter((name) => CHAPTER_FILE.test(name))
    .map((name) => name.replace(/\.mdx$/, ''))
    .sort();
}

/**
 * Index every chapter. `overrides` maps a chapter id to source text to use instead of the file
 * on disk (the MDX plugin passes the file being compiled).
 */
export function indexBook(
  root = process.cwd(),
  overrides: Record<string, string> = {},
): Map<string, ChapterIndex> {
  const book = new Map<string, ChapterIndex>();
  for (const id of chapterIds(root)) {
    const source = overrides[id] ?? readFileSync(resolve(root, CHAPTERS_DIR, `${id}.mdx`), 'utf8');
    book.set(id, indexChapter(id, source));
  }
  return book;
}

/** Glossary id -> chapter ids that use it with <Term>, in chapter order. */
export function termUsage(book: Map<string, ChapterIndex>): Map<string, ChapterIndex[]> {
  const usage = new Map<string, ChapterIndex[]>();
  for (const chapter of book.values()) {
    for (const term of chapter.terms) {
      const list = usage.get(term) ?? [];
      list.push(chapter);
      usage.set(term, list);
    }
  }
  return usage;
}
