// Keeps the objects of a list that did not change from one step to the next. A view's rows and
// shapes are worked out afresh on every step; if every one were a new object, Svelte would run
// the template of every row again (65 rows of the process table, hundreds of bars in the CPU
// timeline) although only a few changed. A keyed {#each} skips an item whose object is the same
// as before, so handing back the previous object for an unchanged item makes a step cost what
// it changes. Pure: no DOM, no Svelte.

/** Equal field by field: the same keys, and each value identical, or an array of identical items. */
export function sameFields(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/**
 * A function that takes each step's fresh list and returns it with every item that equals
 * (`sameFields`) the previous list's item of the same key replaced by that previous object. The
 * returned list has the same length, order and values as the fresh one. Keys are unique within
 * a list (as a keyed {#each} requires). Never fails.
 */
export function keeper<T extends object>(key: (item: T) => string | number): (next: T[]) => T[] {
  let before = new Map<string | number, T>();
  return (next) => {
    const now = new Map<string | number, T>();
    const out = next.map((item) => {
      const k = key(item);
      const old = before.get(k);
      const kept = old !== undefined && sameFields(old, item) ? old : item;
      now.set(k, kept);
      return kept;
    });
    before = now;
    return out;
  };
}
