/**
 * The book's content model. Every schema is strict: a misspelt or unknown frontmatter key fails
 * the build, and Astro's error names the file and the field.
 */
import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: lowercase letters, digits and dashes');

const chapters = defineCollection({
  // content/chapters/NN-slug.mdx; the entry id is the file name without the extension.
  loader: glob({ pattern: '[0-9][0-9]-*.mdx', base: './content/chapters' }),
  schema: z
    .object({
      title: z.string().min(1),
      description: z.string().min(1),
      chapter: z.number().int().min(0),
      objectives: z.array(z.string().min(1)).min(2).max(5),
      prerequisites: z.array(reference('chapters')),
      draft: z.boolean().default(false),
      lastReviewed: z.coerce.date(),
    })
    .strict(),
});

const glossary = defineCollection({
  loader: file('content/glossary.yaml'),
  schema: z
    .object({
      id: kebabId,
      term: z.string().min(1),
      definition: z.string().min(1),
      aliases: z.array(z.string().min(1)).default([]),
      seeAlso: z.array(reference('glossary')).default([]),
    })
    .strict(),
});

const references = defineCollection({
  loader: file('content/references.yaml'),
  schema: z
    .object({
      id: kebabId,
      authors: z.array(z.string().min(1)).min(1),
      title: z.string().min(1),
      publisher: z.string().min(1),
      year: z.number().int(),
      url: z.url(),
      accessed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'accessed is a date written YYYY-MM-DD'),
    })
    .strict(),
});

export const collections = { chapters, glossary, references };
