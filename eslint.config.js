// ESLint flat config for the whole repository.
// `npm run lint` runs it together with `prettier --check .`.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

/**
 * The OS model (src/os-model/**) must stay a pure, deterministic TypeScript library: no DOM,
 * no framework, no Node built-ins, no wall clock, no randomness (seeded PRNGs live in the model).
 */
const modelRestrictedImports = {
  patterns: [
    {
      group: ['svelte', 'svelte/*', 'astro', 'astro/*', 'astro:*', '@astrojs/*'],
      message: 'The OS model must not depend on Svelte or Astro.',
    },
    {
      group: ['node:*'],
      message: 'The OS model must not depend on Node built-ins.',
    },
    {
      group: ['*.svelte', '*.astro', '**/components/**', '**/src/pages/**', '**/src/layouts/**'],
      message: 'The OS model must not import UI code.',
    },
  ],
  paths: [
    'fs',
    'fs/promises',
    'path',
    'os',
    'child_process',
    'crypto',
    'util',
    'url',
    'process',
    'worker_threads',
    'perf_hooks',
    'timers',
  ].map((name) => ({ name, message: 'The OS model must not depend on Node built-ins.' })),
};

const modelRestrictedGlobals = [
  ...[
    'window',
    'document',
    'navigator',
    'localStorage',
    'sessionStorage',
    'location',
    'HTMLElement',
  ]
    .concat(['customElements', 'requestAnimationFrame', 'fetch', 'process', 'performance'])
    .map((name) => ({ name, message: `The OS model must not use the global "${name}".` })),
];

const modelRestrictedProperties = [
  { object: 'Date', property: 'now', message: 'The OS model must not read the clock.' },
  {
    object: 'Math',
    property: 'random',
    message: 'The OS model must be deterministic: use the seeded PRNG.',
  },
  { object: 'performance', property: 'now', message: 'The OS model must not read the clock.' },
];

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'dist-base/**',
      '.astro/**',
      'node_modules/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ts.configs.recommended,
  astro.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Svelte components with <script lang="ts">.
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { parser: ts.parser },
    },
  },
  {
    // Node-side code: build scripts, tool configs, tests, end-to-end specs.
    files: ['scripts/**', 'e2e/**', '.ci/**', '*.config.{js,mjs,cjs,ts}', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The pure model: no DOM, no frameworks, no Node, no clock, no randomness.
    files: ['src/os-model/**/*.ts'],
    ignores: ['src/os-model/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', modelRestrictedImports],
      'no-restricted-globals': ['error', ...modelRestrictedGlobals],
      'no-restricted-properties': ['error', ...modelRestrictedProperties],
    },
  },
);
