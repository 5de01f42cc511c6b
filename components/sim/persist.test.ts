import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  isBoolean,
  isCount,
  isString,
  objectOf,
  oneOf,
  orNull,
  restore,
  type Shape,
} from './persist.ts';

type State = {
  flags: string;
  on: boolean;
  mode: 'a' | 'b';
  at: number;
  results: { t: number; right: boolean }[];
  verdict: { right: boolean } | null;
};
const SHAPE: Shape<State> = {
  flags: isString,
  on: isBoolean,
  mode: oneOf(['a', 'b'] as const),
  at: isCount,
  results: arrayOf(objectOf({ t: isCount, right: isBoolean }), 3),
  verdict: orNull(objectOf({ right: isBoolean })),
};
const CURRENT: State = { flags: '-l 1:0', on: false, mode: 'a', at: 0, results: [], verdict: null };

describe('restore', () => {
  it('takes every field stored in the right shape', () => {
    const stored: State = {
      flags: '-l 5:100',
      on: true,
      mode: 'b',
      at: 2,
      results: [{ t: 1, right: true }],
      verdict: { right: false },
    };
    expect(restore(stored, SHAPE, CURRENT)).toEqual(stored);
  });

  it('keeps the current value of each field that is missing or of the wrong shape', () => {
    const stored = {
      flags: 7,
      on: 'yes',
      mode: 'c',
      at: -1,
      results: [{ t: 1, right: 'no' }],
      verdict: { right: true },
    };
    expect(restore(stored, SHAPE, CURRENT)).toEqual({ ...CURRENT, verdict: { right: true } });
  });

  it('refuses an array longer than its limit', () => {
    const results = Array.from({ length: 4 }, (_, t) => ({ t, right: true }));
    expect(restore({ results }, SHAPE, CURRENT).results).toEqual([]);
  });

  it('restores nothing from a value that is not an object', () => {
    for (const stored of [null, 3, 'x', [1, 2], undefined])
      expect(restore(stored, SHAPE, CURRENT)).toEqual(CURRENT);
  });

  it('never changes the current object', () => {
    const current = { ...CURRENT };
    restore({ flags: 'new' }, SHAPE, current);
    expect(current).toEqual(CURRENT);
  });
});
