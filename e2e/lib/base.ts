/** The sub-path build that base-path.spec.ts serves: `scripts/test.mjs` makes it with
 *  `BASE_PATH=/processes-step-by-step/ astro build --outDir dist-base && pagefind --site dist-base`. */
export const BASE_PATH = '/processes-step-by-step/';
export const BASE_DIST = 'dist-base';
