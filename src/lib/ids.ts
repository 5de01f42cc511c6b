/**
 * Element ids that are unique within one page and stable from build to build: a counter per
 * page and prefix, in render order.
 */
const counters = new Map<string, number>();

export function pageUniqueId(page: string, prefix: string): string {
  const key = `${page}\u0000${prefix}`;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return `${prefix}-${n}`;
}
