// Svelte's compiler options, read by Astro's Svelte integration, svelte-check and Vitest
// (vitest.config.ts passes the same options).
//
// experimental.async lets a component `await` while it renders, on the server as in the browser.
// The generic island uses it to load only the views it shows (components/views/ViewSlot.svelte):
// Astro awaits the server rendering, so a page without JavaScript still gets every view's first
// state, and in the browser each view's chunk is fetched before that view hydrates.
export const compilerOptions = { experimental: { async: true } };

export default { compilerOptions };
