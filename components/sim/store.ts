// Reader data kept across reloads (predict answers). localStorage may be missing, full or
// forbidden (private windows, file: pages): every call here degrades to "nothing stored".

/**
 * The parsed JSON stored under `key`, or null when there is none, it cannot be read, or it is not
 * valid JSON. Precondition: none. Never fails.
 */
export function loadJSON(key: string): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw == null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

/**
 * Stores `value` as JSON under `key`. Precondition: `value` is JSON-safe. Failure: false when the
 * browser refused (no storage, quota, privacy mode).
 */
export function saveJSON(key: string, value: unknown): boolean {
  try {
    const s = globalThis.localStorage;
    if (!s) return false;
    s.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
