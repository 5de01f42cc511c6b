// Shared links: the one codec of every island's entry in the URL's hash (link.ts places the
// entries). A link is "1." + base64url(UTF-8(compact JSON)) + "." + checksum: the version, the
// data, and an FNV-1a checksum of the JSON in base 36 that tells a damaged link from a different
// one. The text uses only [A-Za-z0-9_.-], so it never splits a hash entry.
//
// A simulation's entry holds the model's compact record of its timeline (timeline-link.ts); a
// homework island's entry holds its flags. This file imports nothing from the model, so a
// homework island does not download the simulator to read its flags.
import type { Check } from './persist.ts';

/** The format version `encodeLink` writes; `decodeLink` refuses anything newer. */
export const LINK_VERSION = 1;
/** Longest text `decodeLink` will look at. */
export const MAX_LINK_CHARS = 2_000_000;

const UTF8_IN = new TextEncoder();
const UTF8_OUT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How every message about a damaged link starts. */
export const DAMAGED = 'This link is damaged: ';
const NEWER = 'This link was made by a newer version of the book; reload the page to get it.';
const CHANGED = 'part of it is missing or changed (was it cut short when copied?).';

/** A value, or the message a reader sees about why there is none. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The link text of a JSON-safe value. Precondition: `value` is JSON-safe (no undefined, function,
 * NaN or cycle). Never fails.
 */
export function encodeLink(value: unknown): string {
  const json = JSON.stringify(value);
  return `${LINK_VERSION}.${toBase64url(UTF8_IN.encode(json))}.${checksum(json)}`;
}

/**
 * The JSON value held by a link made by `encodeLink`. Nothing is trusted: the text must be
 * canonical base64url of strict UTF-8 whose checksum matches. Precondition: none. Failure:
 * `{ ok: false, error }` with a message for the reader (damaged, cut short, foreign, newer);
 * never throws.
 */
export function decodeLink(s: unknown): Read<unknown> {
  const bad = (why: string): Read<unknown> => ({ ok: false, error: DAMAGED + why });
  if (typeof s !== 'string') return bad('it is not text.');
  const text = s.trim();
  if (text === '') return bad('it is empty.');
  if (text.length > MAX_LINK_CHARS) return bad('it is far longer than any link the book makes.');
  const m = /^(\d{1,9})\.([A-Za-z0-9_-]*)\.([0-9a-z]{1,7})$/.exec(text);
  const version = /^(\d{1,9})\./.exec(text);
  if (version === null) return bad('it is not a saved simulation from this book.');
  if (Number(version[1]) > LINK_VERSION) return { ok: false, error: NEWER };
  if (m === null) return bad(CHANGED);
  if (Number(m[1]) !== LINK_VERSION) return bad(`version ${m[1]} is not one the book ever wrote.`);
  const bytes = fromBase64url(m[2]);
  const json = bytes === null ? null : utf8Decode(bytes);
  if (json === null || checksum(json) !== m[3]) return bad(CHANGED);
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return bad('its contents cannot be read.');
  }
}

// ---- homework links ---------------------------------------------------------------------

/**
 * A homework island's flags as its link entry. Precondition: `value` is JSON-safe. Never fails.
 */
export function encodeLinkState(value: unknown): string {
  return encodeLink(value);
}

/**
 * The flags in a homework island's link entry if they have `check`'s type, else null (a damaged,
 * edited or outdated link: the island says so and keeps its own flags). Entries written before
 * links shared one codec (URI-encoded JSON, e.g. `%7B%22l%22%3A…`) are still read. Precondition:
 * none. Never fails.
 */
export function decodeLinkState<T>(entry: string, check: Check<T>): T | null {
  let v: unknown;
  if (/^\d/.test(entry)) {
    const d = decodeLink(entry);
    if (!d.ok) return null;
    v = d.value;
  } else {
    try {
      v = JSON.parse(decodeURIComponent(entry));
    } catch {
      return null;
    }
  }
  return check(v) ? v : null;
}

// ---- the pieces -------------------------------------------------------------------------

/** FNV-1a over the UTF-16 code units, as 1 to 7 base-36 digits. */
function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * Strict UTF-8 (the platform's decoder with `fatal`): null on any malformed, overlong or
 * surrogate sequence; a leading byte-order mark is kept, not dropped. Precondition: none.
 * Failure: null as above.
 */
export function utf8Decode(b: Uint8Array): string | null {
  try {
    return UTF8_OUT.decode(b);
  } catch {
    return null;
  }
}

/** base64url without padding. Precondition: none. Never fails. */
export function toBase64url(b: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < b.length; i += 0x8000)
    bin += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Strict base64url: the bytes of `s`, or null unless `s` is exactly what toBase64url writes for
 * them (its alphabet, no padding, no impossible length, unused trailing bits zero). Precondition:
 * none. Failure: null as above.
 */
export function fromBase64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  let bin: string;
  try {
    bin = atob(s.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return toBase64url(out) === s ? out : null;
}
