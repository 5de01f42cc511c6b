// Shared links: each island keeps its state in one entry of the URL's hash,
// `#<islandId>=<serialised>&<otherId>=<serialised>`, so several islands on one page keep separate
// states in one link. A plain anchor (`#fig-controls`, no "=") is not an entry and is left to the
// browser.

/** Island ids: lower-case letters, digits and hyphens, starting with a letter. */
export const ISLAND_ID = /^[a-z][a-z0-9-]{0,63}$/;

function entries(hash: string): [string, string][] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body.includes('=')) return [];
  const out: [string, string][] = [];
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out.push([part.slice(0, eq), part.slice(eq + 1)]);
  }
  return out;
}

/**
 * The entry of island `id` in a location hash, or null when it has none. Precondition: none.
 * Never fails.
 */
export function readHashEntry(hash: string, id: string): string | null {
  for (const [k, v] of entries(hash)) if (k === id) return v;
  return null;
}

/**
 * The hash with island `id`'s entry set to `value` (or removed when `value` is null), other
 * islands' entries kept in order. Returns '' when no entry is left. Precondition: `id` matches
 * ISLAND_ID and `value` holds no '&' or '#'. Never fails.
 */
export function writeHashEntry(hash: string, id: string, value: string | null): string {
  const list = entries(hash).filter(([k]) => k !== id);
  if (value !== null) list.push([id, value]);
  return list.length === 0 ? '' : '#' + list.map(([k, v]) => `${k}=${v}`).join('&');
}
