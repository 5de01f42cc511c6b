import { describe, expect, it } from 'vitest';
import { PyRandom, seedKey } from './mt19937.ts';
import VECTORS from './mt19937.vectors.json' with { type: 'json' };

function draws(seed: number | bigint, n: number): number[] {
  const r = new PyRandom(seed);
  return Array.from({ length: n }, () => r.random());
}

describe('PyRandom matches CPython random.seed(int) + random()', () => {
  // Test vectors from ostep-spec §4.
  it('seed 0 gives the spec vector', () => {
    expect(draws(0, 3)).toEqual([0.8444218515250481, 0.7579544029403025, 0.420571580830845]);
  });
  it('seed 1 gives the spec vector', () => {
    expect(draws(1, 3)).toEqual([0.13436424411240122, 0.8474337369372327, 0.763774618976614]);
  });
  it('seed 100 gives the spec vector', () => {
    expect(draws(100, 3)).toEqual([0.1456692551041303, 0.45492700451402135, 0.7707838056590222]);
  });
  it('seed -5 is the same as seed 5', () => {
    expect(draws(-5, 5)).toEqual(draws(5, 5));
    // CPython 3.11: random.seed(5, version=1); random.random()
    expect(draws(5, 1)).toEqual([0.6229016948897019]);
  });
  it('a seed above 2**32 uses two key words (CPython values)', () => {
    // random.seed(2**32 + 7, version=1) in CPython 3.11
    expect(draws(2 ** 32 + 7, 3)).toEqual([
      0.22550888929893187, 0.35860096918797, 0.7992331241239754,
    ]);
    // random.seed(12345678901234, version=1)
    expect(draws(12345678901234, 3)).toEqual([
      0.02504137575317178, 0.14532691110186335, 0.42619782335934575,
    ]);
    // random.seed(2**53 - 1, version=1)
    expect(draws(2n ** 53n - 1n, 1)).toEqual([0.09425040007102303]);
  });
  // mt19937.vectors.json: CPython's own draws, generated once with Python 3.11.7 by
  //   import json, random
  //   for seed in [0, 1, 5, -5, 100, 2**32 + 7, 2**64 + 1]:
  //       random.seed(seed, version=1); draws = [random.random() for _ in range(1000)]
  //       random.seed(seed, version=1); words = [random.getrandbits(32) for _ in range(1300)]
  //       random.seed(seed, version=1); ints = [int(0 + random.random() * 10) for _ in range(400)]
  //   keeping draws[i] for i in 0, 1, 2, 311, 312, 313, 623, 624, 625, 999; words[i] for i in
  //   0, 1, 623, 624, 625, 1247, 1248, 1299; and ints[300:320], printed with json.dumps.
  // Each random() takes two 32-bit words, so draws from 312 on and words from 624 on come from
  // the regenerated state, and words 1248 on from the state regenerated twice.
  describe.each(Object.entries(VECTORS.seeds))('CPython vectors, seed %s', (seed, v) => {
    const make = () => new PyRandom(BigInt(seed));
    it('random() at each index, across the state regenerations', () => {
      const r = make();
      const got: Record<string, number> = {};
      for (let i = 0; i < 1000; i++) {
        const x = r.random();
        if (String(i) in v.random) got[i] = x;
      }
      expect(got).toEqual(v.random);
    });
    it('genrandUint32() is getrandbits(32)', () => {
      const r = make();
      const got: Record<string, number> = {};
      for (let i = 0; i < 1300; i++) {
        const x = r.genrandUint32();
        if (String(i) in v.uint32) got[i] = x;
      }
      expect(got).toEqual(v.uint32);
    });
    it('randint(0, 9) past the first regeneration', () => {
      const r = make();
      const ints = Array.from({ length: 400 }, () => r.randint(0, 9));
      expect(ints.slice(300, 320)).toEqual(v.randint0to9);
    });
  });
  it('rejects a non-integer seed', () => {
    expect(() => new PyRandom(1.5)).toThrow(RangeError);
  });
});

describe('seedKey', () => {
  it('splits |seed| into little-endian 32-bit words', () => {
    expect(seedKey(0)).toEqual([0]);
    expect(seedKey(5)).toEqual([5]);
    expect(seedKey(-5)).toEqual([5]);
    expect(seedKey(2 ** 32 + 7)).toEqual([7, 1]);
    expect(seedKey(0xffffffff)).toEqual([0xffffffff]);
  });
});

describe('randint / choice as fork.py defines them', () => {
  it('randint truncates lo + random() * (hi - lo + 1)', () => {
    // seed 0 draws 0.844..., 0.757..., 0.420... (spec §4):
    // int(0 + 0.844*3) = 2, int(0.757*10) = 7, int(5 + 0.420*2) = 5
    const r = new PyRandom(0);
    expect(r.randint(0, 2)).toBe(2);
    expect(r.randint(0, 9)).toBe(7);
    expect(r.randint(5, 6)).toBe(5);
  });
  it('choice picks L[randint(0, len - 1)]', () => {
    // seed 1 draws 0.134..., 0.847...: index int(0.134*4) = 0, then int(0.847*4) = 3
    const r = new PyRandom(1);
    expect(r.choice(['w', 'x', 'y', 'z'])).toBe('w');
    expect(r.choice(['w', 'x', 'y', 'z'])).toBe('z');
  });
  it('choice refuses an empty list', () => {
    expect(() => new PyRandom(0).choice([])).toThrow(RangeError);
  });
});
