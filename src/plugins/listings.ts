/**
 * Build-time syntax highlighting of the model's C listings for the code pane.
 *
 * A Vite plugin serving the virtual module `virtual:pss-listings` (types in
 * src/virtual-listings.d.ts). Shiki runs here, in Node, while Astro builds; readers download
 * only its output: a palette of (light, dark) colour pairs and, for each program of the model's
 * LIBRARY, each listing line as flat pairs `[length, colour, length, colour, …]`.
 *
 * The text itself is not repeated: the client already has every listing through the model
 * (`LIBRARY[name].source`), so components/views/code-pane.data.ts cuts those lines at the given
 * lengths. Colour 0 is plain text (the page's own colour); colour k > 0 is `palette[k - 1]`.
 * Tokens of one colour pair are merged, and whitespace joins the token before it (its colour
 * cannot be seen), which keeps the module to a few hundred bytes gzipped.
 */
import type { Plugin } from 'vite';
import { codeToTokensWithThemes } from 'shiki';
import { LIBRARY } from '../os-model/index.ts';
import type { Program } from '../os-model/index.ts';

export const VIRTUAL_ID = 'virtual:pss-listings';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/** The site's Shiki themes (astro.config.mjs, markdown.shikiConfig.themes). */
export const THEMES = {
  light: 'github-light-high-contrast',
  dark: 'github-dark-high-contrast',
} as const;

export type Listings = {
  /** Colour pairs `[light, dark]` as `#rrggbb`; colour code k > 0 means `palette[k - 1]`. */
  palette: [string, string][];
  /** Per program name, per listing line: `[length, colour, length, colour, …]`. */
  lines: Record<string, number[][]>;
};

/**
 * Highlights every program of `library` as C with the site's light and dark themes. A token
 * whose colour is the theme's default foreground gets colour 0 (plain). Precondition: none.
 * Failure: rejects when Shiki cannot load the C grammar or a theme (a broken install).
 */
export async function buildListings(library: Record<string, Program> = LIBRARY): Promise<Listings> {
  const palette: [string, string][] = [];
  const index = new Map<string, number>();
  const lines: Record<string, number[][]> = {};
  // The themes' default foregrounds: such tokens are plain text.
  const probe = await codeToTokensWithThemes('x', { lang: 'c', themes: THEMES });
  const plain = key(probe[0][0].variants.light.color, probe[0][0].variants.dark.color);
  for (const name of Object.keys(library).sort()) {
    const source = library[name].source;
    const tokens = await codeToTokensWithThemes(source.join('\n'), {
      lang: 'c',
      themes: THEMES,
    });
    lines[name] = source.map((text, i) => {
      const out: number[] = [];
      for (const t of tokens[i] ?? []) {
        if (t.content.length === 0) continue;
        const k = key(t.variants.light.color, t.variants.dark.color);
        let colour = 0;
        if (k !== plain) {
          colour = index.get(k) ?? 0;
          if (colour === 0) {
            palette.push(k.split(' ') as [string, string]);
            colour = palette.length;
            index.set(k, colour);
          }
        }
        const last = out.length - 2;
        if (last >= 0 && (out[last + 1] === colour || t.content.trim() === '')) {
          out[last] += t.content.length;
        } else {
          out.push(t.content.length, colour);
        }
      }
      // Shiki covers the whole line; should it ever not, the rest is plain text.
      const covered = out.reduce((sum, v, j) => (j % 2 === 0 ? sum + v : sum), 0);
      if (covered < text.length) out.push(text.length - covered, 0);
      return out;
    });
  }
  return { palette, lines };
}

function key(light: string | undefined, dark: string | undefined): string {
  return `${(light ?? '').toLowerCase()} ${(dark ?? '').toLowerCase()}`;
}

/** The virtual module's source text. Precondition: none. Never fails. */
export function listingsModule(l: Listings): string {
  return (
    `export const palette = ${JSON.stringify(l.palette)};\n` +
    `export const lines = ${JSON.stringify(l.lines)};\n`
  );
}

/**
 * The Vite plugin (register it in astro.config.mjs and vitest.config.ts). Highlighting runs once
 * per build, on the first import. Editing src/os-model/book/ restarts the dev server (it is
 * a dependency of the config), which highlights again. Precondition: none. Failure: the import of
 * the virtual module fails when `buildListings` does.
 */
export function listings(): Plugin {
  let code: Promise<string> | null = null;
  return {
    name: 'pss-listings',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      code ??= buildListings().then(listingsModule);
      return code;
    },
  };
}
