// A Vitest environment for rune-backed state classes: Node globals, but modules transformed by
// Vite's client environment, so Svelte compiles them for the browser and $effect really runs.
import type { Environment } from 'vitest/runtime';

export default {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
} satisfies Environment;
