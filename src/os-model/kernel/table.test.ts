// The persistent table against a plain Map, over random operations: same records in key order,
// writes never change a table they were copied from, and the shape is canonical.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyTable, get, has, keys, remove, set, size, values, type Table } from './table.ts';

type Op = { del: boolean; k: number; v: number };
const opArb = fc.record({
  del: fc.boolean(),
  // small keys, keys around the 32 and 1,024 boundaries, and a few large ones
  k: fc.oneof(
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 1000, max: 1100 }),
    fc.integer({ min: 0, max: 2 ** 30 - 1 }),
  ),
  v: fc.integer(),
});

/** A table built from `ops` by one writer that owns everything it creates. */
function build(ops: Op[], base: Table<{ v: number }> = emptyTable()): Table<{ v: number }> {
  const owner = new Set<object>();
  const t = { ...base };
  for (const o of ops) {
    if (o.del) remove(t, o.k, owner);
    else set(t, o.k, { v: o.v }, owner);
  }
  return t;
}

function model(ops: Op[], base = new Map<number, number>()): Map<number, number> {
  const m = new Map(base);
  for (const o of ops) {
    if (o.del) m.delete(o.k);
    else m.set(o.k, o.v);
  }
  return m;
}

describe('persistent table', () => {
  it('holds what a Map holds, in ascending key order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const t = build(ops);
        const m = model(ops);
        const ks = [...m.keys()].sort((a, b) => a - b);
        expect(keys(t)).toEqual(ks);
        expect(values(t).map((r) => r.v)).toEqual(ks.map((k) => m.get(k)));
        expect(size(t)).toBe(m.size);
        for (const o of ops) expect(get(t, o.k)?.v).toBe(m.get(o.k));
      }),
      { numRuns: 500 },
    );
  });

  it('a later writer leaves the table it started from unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(opArb, { maxLength: 40 }),
        (first, second) => {
          const a = build(first);
          const snapshot = JSON.stringify(a);
          const b = build(second, a);
          expect(JSON.stringify(a)).toBe(snapshot);
          expect(keys(b)).toEqual([...model(second, model(first)).keys()].sort((x, y) => x - y));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is canonical: the same records give the same shape whatever the history', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const t = build(ops);
        const direct = build(
          [...model(ops).entries()].map(([k, v]) => ({ del: false, k, v })).reverse(),
        );
        expect(t).toEqual(direct);
      }),
      { numRuns: 500 },
    );
  });

  it('is plain JSON data', () => {
    const t = build([
      { del: false, k: 3, v: 1 },
      { del: false, k: 5000, v: 2 },
      { del: true, k: 3, v: 0 },
    ]);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    // 5000 = 4 * 32^2 + 28 * 32 + 8: root slot 4, then slot 28, then slot 8 of the leaf
    const nulls = (n: number): null[] => Array<null>(n).fill(null);
    expect(t).toEqual({
      size: 1,
      depth: 3,
      root: [...nulls(4), [...nulls(28), [...nulls(8), { v: 2 }]]],
    });
  });

  it('answers any key safely and refuses to store out of range', () => {
    const t = build([{ del: false, k: 1, v: 1 }]);
    for (const k of [-1, 1.5, NaN, 2 ** 40, Infinity]) {
      expect(get(t, k)).toBeUndefined();
      expect(has(t, k)).toBe(false);
    }
    expect(() => set({ ...t }, 2 ** 30, { v: 0 }, new Set())).toThrow('out of range');
  });
});
