// What a reader did in an island that is not a step-by-step simulation (homework flags and
// predictions, a chosen client count), kept across reloads in localStorage. Stored values are
// never trusted: each field is checked against the type the island expects, and a field that is
// missing or of the wrong shape keeps the island's own value, so a corrupt or outdated entry
// can never break the island. Shared links have their own codec (share-link.ts) and use the
// same checks.
import { loadJSON, saveJSON } from './store.ts';

/** A check that a stored value has the type of one field. */
export type Check<T> = (v: unknown) => v is T;
export type Shape<T> = { [K in keyof T]: Check<T[K]> };

export const isString: Check<string> = (v): v is string => typeof v === 'string';
export const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
export const isCount: Check<number> = (v): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** One of the given strings or numbers. */
export function oneOf<T extends string | number>(values: readonly T[]): Check<T> {
  return (v): v is T => values.includes(v as T);
}

/** An array of at most `max` items, each passing `item`. */
export function arrayOf<T>(item: Check<T>, max = 1000): Check<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.length <= max && v.every(item);
}

/** An object with exactly the checked fields (others are ignored). */
export function objectOf<T>(shape: Shape<T>): Check<T> {
  return (v): v is T =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.entries(shape).every(([k, check]) => (check as Check<unknown>)((v as never)[k]));
}

/** `check` or null. */
export function orNull<T>(check: Check<T>): Check<T | null> {
  return (v): v is T | null => v === null || check(v);
}

/**
 * `current` with every field that `stored` holds in the right shape taken from `stored`.
 * Precondition: none. Never fails (anything that is not an object restores nothing).
 */
export function restore<T extends object>(stored: unknown, shape: Shape<T>, current: T): T {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return current;
  const out = { ...current };
  for (const key of Object.keys(shape) as (keyof T)[]) {
    const v = (stored as Record<keyof T, unknown>)[key];
    if (v !== undefined && shape[key](v)) out[key] = v;
  }
  return out;
}

/**
 * The storage key of an island's reader state: kind, page and island id, like predict mode's
 * `pss:predict:<pathname>:<id>`. Precondition: called in the browser. Never fails.
 */
export function islandKey(kind: string, id: string): string {
  return `pss:${kind}:${globalThis.location?.pathname ?? ''}:${id}`;
}

/** The stored state under `key`, checked field by field against `shape`. Never fails. */
export function loadState<T extends object>(key: string, shape: Shape<T>, current: T): T {
  return restore(loadJSON(key), shape, current);
}

/** Stores an island's reader state. Failure: false when the browser refused. */
export function saveState<T extends object>(key: string, state: T): boolean {
  return saveJSON(key, state);
}
