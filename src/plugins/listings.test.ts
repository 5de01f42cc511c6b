import { codeToTokensBase } from 'shiki';
import { describe, expect, it } from 'vitest';
import * as virtual from 'virtual:pss-listings';
import { LIBRARY, makeProgram } from '../os-model/index.ts';
import { THEMES, VIRTUAL_ID, buildListings, listings, listingsModule } from './listings.ts';
import type { Listings } from './listings.ts';

const built: Listings = await buildListings();

/** The colour of every character of a listing line, read back from the compact table. */
function colours(l: Listings, name: string, line: number, theme: 0 | 1): (string | null)[] {
  const out: (string | null)[] = [];
  const row = l.lines[name][line];
  for (let j = 0; j < row.length; j += 2) {
    const c = row[j + 1] === 0 ? null : l.palette[row[j + 1] - 1][theme];
    for (let k = 0; k < row[j]; k++) out.push(c);
  }
  return out;
}

describe('buildListings', () => {
  it('covers every library program, line for line, character for character', () => {
    expect(Object.keys(built.lines).sort()).toEqual(Object.keys(LIBRARY).sort());
    for (const [name, p] of Object.entries(LIBRARY)) {
      expect(built.lines[name].length, name).toBe(p.source.length);
      for (const [i, text] of p.source.entries()) {
        const row = built.lines[name][i];
        expect(row.length % 2, `${name}:${i + 1}`).toBe(0);
        const lengths = row.filter((_, j) => j % 2 === 0);
        expect(lengths.every((n) => n > 0)).toBe(true);
        expect(
          lengths.reduce((a, b) => a + b, 0),
          `${name}:${i + 1}`,
        ).toBe(text.length);
        for (const c of row.filter((_, j) => j % 2 === 1))
          expect(c >= 0 && c <= built.palette.length).toBe(true);
      }
    }
  });

  it('gives each visible character the colour Shiki gives it in each theme', async () => {
    // A second method: Shiki's single-theme tokens, one theme at a time, compared character by
    // character (whitespace may take any colour; the theme's default colour counts as plain).
    for (const [theme, name] of [
      [0, THEMES.light],
      [1, THEMES.dark],
    ] as const) {
      const fg = (await codeToTokensBase('x', { lang: 'c', theme: name }))[0][0].color!;
      for (const [prog, p] of Object.entries(LIBRARY)) {
        const tokens = await codeToTokensBase(p.source.join('\n'), { lang: 'c', theme: name });
        for (const [i, text] of p.source.entries()) {
          const mine = colours(built, prog, i, theme);
          const theirs: (string | null)[] = [];
          for (const t of tokens[i]) {
            const c = t.color!.toLowerCase() === fg.toLowerCase() ? null : t.color!.toLowerCase();
            for (const _ of t.content) theirs.push(c);
          }
          for (let k = 0; k < text.length; k++) {
            if (text[k].trim() === '') continue;
            expect(mine[k], `${prog}:${i + 1}:${k + 1} (${theme ? 'dark' : 'light'})`).toBe(
              theirs[k],
            );
          }
        }
      }
    }
  });

  it('keeps one palette entry per colour pair, and merges neighbours of one colour', () => {
    const keys = built.palette.map((p) => p.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of built.palette) for (const c of p) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    for (const rows of Object.values(built.lines))
      for (const row of rows)
        for (let j = 3; j < row.length; j += 2) expect(row[j]).not.toBe(row[j - 2]);
  });

  it('highlights a one-line listing exactly as the themes define its tokens', async () => {
    const p = makeProgram('t', ['  return 0; // done'], [{ op: 'exit', status: 0, line: 1 }]);
    // From the themes' own token rules (@shikijs/themes github-{light,dark}-high-contrast):
    // keyword #a0111f / #ff9492, constant #023b95 / #91cbff, comment #66707b / #bdc4cc; the
    // foreground (spaces, ';') is plain. Whitespace joins the token before it; the comment
    // token starts with its space.
    expect(await buildListings({ t: p })).toEqual({
      palette: [
        ['#a0111f', '#ff9492'],
        ['#023b95', '#91cbff'],
        ['#66707b', '#bdc4cc'],
      ],
      //       "  "  "return "  "0"  ";"  " // done"
      lines: { t: [[2, 0, 7, 1, 1, 2, 1, 0, 8, 3]] },
    });
  });
});

describe('the virtual module', () => {
  it('is two exported constants of plain JSON', () => {
    const l: Listings = { palette: [['#000000', '#ffffff']], lines: { t: [[1, 1]], u: [] } };
    expect(listingsModule(l)).toBe(
      'export const palette = [["#000000","#ffffff"]];\nexport const lines = {"t":[[1,1]],"u":[]};\n',
    );
  });

  it('is what vitest imports through the plugin', () => {
    expect(virtual.palette).toEqual(built.palette);
    expect(virtual.lines).toEqual(built.lines);
  });

  it('is served only for its own id, as valid JavaScript', async () => {
    const plugin = listings();
    const resolve = plugin.resolveId as (id: string) => string | undefined;
    const load = plugin.load as (id: string) => Promise<string> | undefined;
    const id = resolve(VIRTUAL_ID);
    expect(id).toBe(`\0${VIRTUAL_ID}`);
    expect(resolve('./other.ts')).toBeUndefined();
    expect(load('/src/other.ts')).toBeUndefined();
    const code = await load(id!)!;
    const mod = await import(`data:text/javascript,${encodeURIComponent(code)}`);
    expect(mod.palette).toEqual(built.palette);
    expect(mod.lines).toEqual(built.lines);
  });
});
