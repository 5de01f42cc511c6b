import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { listings } from './src/plugins/listings.ts';
import { compilerOptions } from './svelte.config.js';

const exclude = ['e2e/**', 'node_modules/**', 'dist/**'];

export default defineConfig({
  test: {
    projects: [
      {
        // The model, scripts and views. Components compile for the server, so views are checked
        // through svelte/server's render(), as Astro renders them at build time.
        plugins: [svelte({ configFile: false, compilerOptions }), listings()],
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...exclude, '**/*.svelte.test.ts'],
        },
      },
      {
        // Rune-backed state classes (*.svelte.test.ts): compiled for the browser so $state,
        // $derived and $effect really react, run without a DOM.
        plugins: [svelte({ configFile: false, compilerOptions }), listings()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'runes',
          environment: './scripts/vitest-client-env.ts',
          include: ['components/**/*.svelte.test.ts'],
          exclude,
          // Let Vite (not Node) resolve svelte, so the browser condition picks its client runtime.
          server: { deps: { inline: [/svelte/] } },
        },
      },
    ],
  },
});
