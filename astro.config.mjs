// @ts-check
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import sitemap from '@astrojs/sitemap';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import { bookComponents } from './src/plugins/book-components.ts';
import { listings } from './src/plugins/listings.ts';

/** Served under a sub-path (GitHub Pages project sites: BASE_PATH=/repo/). Always ends in "/". */
const rawBase = process.env.BASE_PATH || '/';
const base = `/${rawBase.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

export default defineConfig({
  site: process.env.SITE_URL || 'https://processes-step-by-step.github.io',
  base,
  trailingSlash: 'always',
  // Stylesheets are always files: Astro inlines a small island stylesheet used from MDX as a
  // <style> element without adding its hash to the Content Security Policy, so the browser would
  // refuse it. As files they are allowed by style-src 'self' and cached across chapters.
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [
    mdx(),
    svelte(),
    sitemap({ filter: (page) => !/\/404\/?$/.test(page) && !/\/404\.html$/.test(page) }),
  ],
  markdown: {
    processor: satteri({ mdastPlugins: [bookComponents({ base })] }),
    syntaxHighlight: 'shiki',
    shikiConfig: {
      // Both themes are emitted as CSS variables; src/styles/global.css picks one per theme.
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      defaultColor: false,
      wrap: false,
    },
  },
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind compiles its WebAssembly search engine: 'wasm-unsafe-eval' allows exactly that
      // and no JavaScript eval. Inline scripts are allowed only by hash (Astro adds them).
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // style="" attributes (Shiki's token colours, island geometry) are allowed; stylesheets and
      // <style> elements still need 'self' (Astro's default) or a hash.
      styleDirective: { resources: [{ resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  devToolbar: { enabled: false },
  // virtual:pss-listings: the model's C listings highlighted by Shiki at build time (code pane).
  vite: { plugins: [listings()] },
});
