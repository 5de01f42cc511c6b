/**
 * Pages of the book that are not chapters but that chapters refer to with
 * `<Ref to="page:<id>">`: the id, the route below the site's base, and the label a Ref prints.
 * An id not listed here fails the build (src/plugins/book-components.ts).
 */
export interface BookPage {
  /** Route below the base path, with its trailing slash. */
  path: string;
  /** The page's title, which a Ref prints as its label. */
  title: string;
}

export const BOOK_PAGES: Readonly<Record<string, BookPage>> = {
  measurements: { path: 'measurements/', title: 'How the numbers were measured' },
};
