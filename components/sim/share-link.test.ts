import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeLink,
  decodeLinkState,
  encodeLink,
  encodeLinkState,
  fromBase64url,
  toBase64url,
  utf8Decode,
} from './share-link.ts';
import { isBoolean, isString, objectOf } from './persist.ts';

/** FNV-1a, written again here from its definition to check the link's checksum independently. */
function fnv1a(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h = (h ^ s.charCodeAt(i)) >>> 0;
    h = Number((BigInt(h) * 16777619n) % 4294967296n);
  }
  return h.toString(36);
}

/** A link made by hand (Node's Buffer as the base64url/UTF-8 oracle). */
function linkFor(json: string, version = 1): string {
  return `${version}.${Buffer.from(json, 'utf8').toString('base64url')}.${fnv1a(json)}`;
}

const DAMAGED = 'This link is damaged: ';
const CHANGED = `${DAMAGED}part of it is missing or changed (was it cut short when copied?).`;
const NEWER = 'This link was made by a newer version of the book; reload the page to get it.';

describe('encodeLink / decodeLink', () => {
  it('writes "1." + base64url(UTF-8(JSON)) + "." + FNV-1a, as the hand-made link does', () => {
    const value = { s: 'counter', r: 0, a: [{ type: 'say', text: 'fork() → 🍴 "é"' }], c: 1 };
    expect(encodeLink(value)).toBe(linkFor(JSON.stringify(value)));
    // A link written by the book before the codec left the model still opens.
    const old = '1.eyJzIjoiZm9yay1iYXNpY3MiLCJyIjoxLCJhIjpbWzMsInRpY2siXV0sImMiOjN9.1tawuww';
    expect(decodeLink(old)).toEqual({
      ok: true,
      value: { s: 'fork-basics', r: 1, a: [[3, 'tick']], c: 3 },
    });
  });

  it('round-trips any JSON value, in text that never splits a hash entry', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = encodeLink(v);
        expect(s).toMatch(/^1\.[A-Za-z0-9_-]*\.[0-9a-z]{1,7}$/);
        expect(decodeLink(s)).toEqual({ ok: true, value: JSON.parse(JSON.stringify(v)) });
      }),
      { numRuns: 1000 },
    );
  });

  it('says a link from a newer book is from a newer book', () => {
    expect(decodeLink(linkFor('{}', 2))).toEqual({ ok: false, error: NEWER });
    expect(decodeLink('17.whatever-this-format-is')).toEqual({ ok: false, error: NEWER });
  });

  it('explains each kind of damage', () => {
    const cases: [unknown, string][] = [
      [42, `${DAMAGED}it is not text.`],
      ['', `${DAMAGED}it is empty.`],
      ['x'.repeat(2_000_001), `${DAMAGED}it is far longer than any link the book makes.`],
      ['https://example.com/', `${DAMAGED}it is not a saved simulation from this book.`],
      ['0.e30.0', `${DAMAGED}version 0 is not one the book ever wrote.`],
      [linkFor('{"s":"counter"}').slice(0, -3), CHANGED],
      [linkFor('{"s":"counter"}').replace('.', '.A'), CHANGED],
      ['1.garbage.zz', CHANGED],
      [linkFor('{"s":"counter"'), `${DAMAGED}its contents cannot be read.`],
    ];
    for (const [input, error] of cases)
      expect(decodeLink(input), String(input).slice(0, 40)).toEqual({ ok: false, error });
  });

  /** Decoding never throws, and whatever decodes is exactly what its own bytes say. */
  const check = (s: string) => {
    const r = decodeLink(s);
    if (!r.ok) expect(r.error.startsWith(DAMAGED) || r.error === NEWER).toBe(true);
    else expect(encodeLink(r.value)).toBe(s.trim());
  };

  it('never throws on any text', () => {
    // Any code point, lone surrogates included (fast-check's 'binary' unit takes seconds to set up).
    const anyChar = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
    fc.assert(fc.property(fc.string({ unit: anyChar, maxLength: 200 }), check), { numRuns: 1000 });
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'01.AZaz_-gw9'.split('')), maxLength: 60 }),
        check,
      ),
      { numRuns: 1000 },
    );
  });

  it('never reads a link cut short or with one character changed as another value', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.nat(),
        fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
        (v, at, ch) => {
          const s = encodeLink(v);
          const i = at % s.length;
          const changed = s.slice(0, i) + ch + s.slice(i + 1);
          check(s.slice(0, i));
          check(changed);
          const r = decodeLink(changed);
          if (changed !== s && r.ok) expect(JSON.stringify(r.value)).not.toBe(JSON.stringify(v));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('UTF-8 and base64url (the platform codecs, made strict)', () => {
  it('agree with Node (an independent implementation) and round-trip', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const bytes = new TextEncoder().encode(s);
        const text = toBase64url(bytes);
        expect(text).toBe(Buffer.from(s, 'utf8').toString('base64url'));
        const back = fromBase64url(text);
        expect(back && Buffer.from(back).equals(Buffer.from(s, 'utf8'))).toBe(true);
        expect(utf8Decode(back as Uint8Array)).toBe(s);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(toBase64url(b)).toBe(Buffer.from(b).toString('base64url'));
        const ours = utf8Decode(b);
        const node = Buffer.from(b).toString('utf8');
        // Node substitutes U+FFFD for bad sequences; ours refuses them instead.
        if (ours !== null) expect(ours).toBe(node);
        else expect(Buffer.from(node, 'utf8').equals(Buffer.from(b))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('encode long byte strings in one piece (no argument-count limit)', () => {
    const b = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 255);
    expect(toBase64url(b)).toBe(Buffer.from(b).toString('base64url'));
    expect(fromBase64url(toBase64url(b))).toEqual(b);
  });

  it('reject non-canonical base64url and malformed UTF-8', () => {
    expect(fromBase64url('A')).toBeNull(); // a length no encoding has
    expect(fromBase64url('AB')).toBeNull(); // trailing bits not zero
    expect(fromBase64url('AA')).toEqual(Uint8Array.from([0]));
    expect(fromBase64url('AA==')).toBeNull(); // padding
    expect(fromBase64url('a+b/')).toBeNull(); // base64, not base64url
    expect(fromBase64url('AA AA')).toBeNull(); // whitespace atob would skip
    expect(fromBase64url('')).toEqual(new Uint8Array(0));
    expect(utf8Decode(Uint8Array.from([0xc0, 0x80]))).toBeNull(); // overlong NUL
    expect(utf8Decode(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeNull(); // surrogate
    expect(utf8Decode(Uint8Array.from([0xe2, 0x86]))).toBeNull(); // truncated arrow
    expect(utf8Decode(Uint8Array.from([0xe2, 0x86, 0x92]))).toBe('→');
    expect(utf8Decode(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b]))).toBe('\ufeff{'); // BOM kept
  });
});

describe('homework link entries', () => {
  const FLAGS = objectOf({ l: isString, p: isBoolean });

  it('round-trip in the shared format, and hold nothing that would split a hash entry', () => {
    const flags = { l: '1:0,4:100&x=#y', p: true };
    const entry = encodeLinkState(flags);
    expect(entry).toBe(linkFor('{"l":"1:0,4:100&x=#y","p":true}'));
    expect(entry).not.toMatch(/[&=#]/);
    expect(decodeLinkState(entry, FLAGS)).toEqual(flags);
  });

  it('still read entries written before the shared format (URI-encoded JSON)', () => {
    expect(decodeLinkState('%7B%22l%22%3A%221%3A0%22%2C%22p%22%3Atrue%7D', FLAGS)).toEqual({
      l: '1:0',
      p: true,
    });
  });

  it('are null when damaged, of the wrong shape, or not JSON', () => {
    expect(decodeLinkState(encodeLinkState({ l: 3, p: true }), FLAGS)).toBeNull();
    expect(decodeLinkState(encodeLinkState([1]), FLAGS)).toBeNull();
    expect(decodeLinkState(encodeLinkState({ l: 'x', p: true }).slice(0, -2), FLAGS)).toBeNull();
    expect(decodeLinkState('%7B%22l%22', FLAGS)).toBeNull();
    expect(decodeLinkState('%E0%A4%A', FLAGS)).toBeNull();
    expect(decodeLinkState('%7B%22l%22%3A5', FLAGS)).toBeNull();
  });
});
