import { describe, expect, it } from 'vitest';
import { indexChapter } from '../lib/book-index.ts';
import { readDone, writeDone } from '../lib/exercise-client.ts';
import { resolveRef } from './book-components.ts';

const one = `---
title: First steps
chapter: 3
---
import Figure from '../../components/Figure.astro';

## Why it matters

<Figure id="intro" caption="a">x</Figure>

See <Ref to="fig:later" /> and <Cite id="b" />, <Cite id="a" />, again <Cite id="b" loc="p. 2" />.

\`\`\`mdx
<Figure id="in-code-block" caption="not a figure" />
\`\`\`

### Why it matters

<Figure id="later" caption="b">y</Figure>

<Exercise id="e1">Q <Term id="process">p</Term></Exercise>
`;

const two = `---
title: Second
chapter: 4
---
<Figure id="diagram" caption="c">z</Figure>
`;

describe('indexChapter', () => {
  const index = indexChapter('03-first-steps', one);

  it('numbers figures and exercises in document order, ignoring code blocks', () => {
    expect(index.figures).toEqual([
      { id: 'intro', number: '3.1' },
      { id: 'later', number: '3.2' },
    ]);
    expect(index.exercises).toEqual([{ id: 'e1', number: '3.1' }]);
  });

  it('orders citations by first use and collects terms', () => {
    expect(index.cites).toEqual(['b', 'a']);
    expect(index.terms).toEqual(['process']);
  });

  it('gives repeated headings distinct slugs like the rendered page', () => {
    expect(index.headings.map((h) => h.slug)).toEqual(['why-it-matters', 'why-it-matters-1']);
  });

  it('rejects duplicate figure ids', () => {
    expect(() => indexChapter('05-x', '<Figure id="a" />\n\n<Figure id="a" />\n')).toThrow(
      "content/chapters/05-x.mdx: duplicate figure id 'a'",
    );
  });
});

describe('resolveRef', () => {
  const current = indexChapter('03-first-steps', one);
  const other = indexChapter('04-second', two);
  const book = new Map([
    [current.id, current],
    [other.id, other],
  ]);

  it('resolves figures, sections, exercises and chapters', () => {
    expect(resolveRef('fig:later', current, book, '/')).toEqual({
      href: '#fig-later',
      label: 'Figure 3.2',
    });
    expect(resolveRef('fig:04-second/diagram', current, book, '/book/')).toEqual({
      href: '/book/chapters/second/#fig-diagram',
      label: 'Figure 4.1',
    });
    expect(resolveRef('sec:why-it-matters-1', current, book, '/')).toEqual({
      href: '#why-it-matters-1',
      label: 'Why it matters',
    });
    expect(resolveRef('ex:e1', current, book, '/')).toEqual({
      href: '#ex-e1',
      label: 'Exercise 3.1',
    });
    expect(resolveRef('ch:04-second', current, book, '/')).toEqual({
      href: '/chapters/second/',
      label: 'Chapter 4, Second',
    });
  });

  it('names a planned chapter that is not written yet as plain text, without a link', () => {
    // 06-threads is in the book's plan (src/lib/chapter-plan.ts) but has no file in this book.
    expect(resolveRef('ch:06-threads', current, book, '/')).toEqual({
      href: undefined,
      label: 'Chapter 6, Threads (still being written)',
    });
    // Once the chapter exists it is an ordinary link, with its own title.
    const written = indexChapter('06-threads', '---\ntitle: Threads\nchapter: 6\n---\nText.\n');
    const later = new Map([...book, [written.id, written]]);
    expect(resolveRef('ch:06-threads', current, later, '/')).toEqual({
      href: '/chapters/threads/',
      label: 'Chapter 6, Threads',
    });
  });

  it('still fails for a chapter that is neither written nor planned, or a figure in an unwritten one', () => {
    expect(() => resolveRef('ch:06-threadz', current, book, '/')).toThrow(
      `content/chapters/03-first-steps.mdx: unknown chapter id '06-threadz' in <Ref to="ch:06-threadz">`,
    );
    expect(() => resolveRef('fig:06-threads/race', current, book, '/')).toThrow(
      /unknown chapter id '06-threads'/,
    );
  });

  it('resolves book pages that are not chapters, and fails on an unknown one', () => {
    expect(resolveRef('page:measurements', current, book, '/book/')).toEqual({
      href: '/book/measurements/',
      label: 'How the numbers were measured',
    });
    expect(() => resolveRef('page:nowhere', current, book, '/')).toThrow(
      /unknown page id 'nowhere'/,
    );
    expect(() => resolveRef('page:toString', current, book, '/')).toThrow(/unknown page id/);
  });

  it('fails naming the file and the id', () => {
    expect(() => resolveRef('fig:x', current, book, '/')).toThrow(
      `content/chapters/03-first-steps.mdx: unknown figure id 'x' in <Ref to="fig:x">`,
    );
    expect(() => resolveRef('fig:in-code-block', current, book, '/')).toThrow(/unknown figure id/);
    expect(() => resolveRef('ch:09-none', current, book, '/')).toThrow(
      /unknown chapter id '09-none'/,
    );
    expect(() => resolveRef('sec:nope', current, book, '/')).toThrow(/unknown section id 'nope'/);
    expect(() => resolveRef('figure:x', current, book, '/')).toThrow(/must start with fig:/);
  });
});

describe('exercise done marks', () => {
  const store = () => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
  };

  it('round-trips and ignores corrupt values', () => {
    const s = store();
    expect(readDone(s, 'k')).toBe(false);
    writeDone(s, 'k', true);
    expect(s.data.get('k')).toBe('true');
    expect(readDone(s, 'k')).toBe(true);
    s.data.set('k', '{not json');
    expect(readDone(s, 'k')).toBe(false);
    writeDone(s, 'k', false);
    expect(s.data.has('k')).toBe(false);
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readDone(broken, 'k')).toBe(false);
    expect(() => writeDone(broken, 'k', true)).not.toThrow();
  });
});
