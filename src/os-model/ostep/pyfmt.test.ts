import { describe, expect, it } from 'vitest';
import {
  ljust,
  pyBigInt,
  pyD,
  pyFixed,
  pyFloat,
  pyInt,
  pyRepr,
  pyStrFloat,
  rjust,
} from './pyfmt.ts';

// Expected strings are what CPython 3.11 prints for the same expression (shown in each name),
// or worked out by hand from the exact binary value of the double.
describe("pyFixed = Python '%.Nf'", () => {
  it.each([
    [0.125, 2, '0.12'], // exact tie, 2 is even: down (JS toFixed gives 0.13)
    [6.125, 2, '6.12'], // spec Q-S7 example
    [0.375, 2, '0.38'], // exact tie, 7 is odd: up
    [2.675, 2, '2.67'], // the double is 2.67499999999999982236431605997495353221893310546875
    [0.25, 1, '0.2'],
    [0.35, 1, '0.3'], // the double is 0.34999999999999997779553950749686919152736663818359375
    [2.5, 0, '2'],
    [1.5, 0, '2'],
    [0.5, 0, '0'],
    [(100 * 6) / 7, 2, '85.71'], // spec §1.7 CPU busy
    [(100 * 5) / 7, 2, '71.43'], // spec §1.7 IO busy
    [5, 2, '5.00'],
    [0, 2, '0.00'],
    [1e22, 2, '10000000000000000000000.00'],
    [5e-324, 2, '0.00'],
    [-1.0005, 3, '-1.000'], // -1.000499999999999989...
    [-2.5, 0, '-2'],
  ])('%s with %s decimals is %s', (x, n, want) => {
    expect(pyFixed(x, n)).toBe(want);
  });
  it('keeps the sign of negative zero and of negatives that round to zero', () => {
    expect(pyFixed(-0, 2)).toBe('-0.00');
    expect(pyFixed(-0.001, 2)).toBe('-0.00');
  });
  it('prints non-finite values like Python', () => {
    expect(pyFixed(Infinity, 2)).toBe('inf');
    expect(pyFixed(-Infinity, 2)).toBe('-inf');
    expect(pyFixed(NaN, 2)).toBe('nan');
  });
  it('rejects a bad precision', () => {
    expect(() => pyFixed(1, -1)).toThrow(RangeError);
  });
});

describe('pyStrFloat = Python 3 str(float)', () => {
  it.each([
    [5, '5.0'],
    [3.5, '3.5'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [2.5e-5, '2.5e-05'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [9999999999999998, '9999999999999998.0'],
    [1.5e300, '1.5e+300'],
    [1e100, '1e+100'],
    [2 ** 60, '1.152921504606847e+18'],
    [123456.789, '123456.789'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0, '-0.0'],
    [0, '0.0'],
    [-7.25, '-7.25'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ])('%s prints as %s', (x, want) => {
    expect(pyStrFloat(x)).toBe(want);
  });
});

describe('padding and %d', () => {
  it('rjust and ljust pad with spaces and never cut', () => {
    expect(rjust('ab', 5)).toBe('   ab');
    expect(rjust('abcdef', 3)).toBe('abcdef');
    expect(ljust('ab', 4)).toBe('ab  ');
    expect(rjust('│', 3)).toBe('  │');
  });
  it("pyD truncates like '%3d' % float", () => {
    expect(pyD(9.5, 3)).toBe('  9');
    expect(pyD(0, 3)).toBe('  0');
    expect(pyD(1000, 3)).toBe('1000');
    expect(pyD(-0.5, 0)).toBe('0');
  });
});

describe('pyInt = Python int()', () => {
  it.each([
    [' 12 ', 10, 12],
    ['+7', 10, 7],
    ['-0', 10, 0],
    ['-5', 10, -5],
    ['1_000', 10, 1000],
    ['010', 10, 10],
    ['010', 8, 8],
    ['0o10', 8, 8],
    ['0_7', 8, 7],
    ['0x_1f', 16, 31],
    ['0X1F', 16, 31],
    ['101', 2, 5],
  ] as const)('int(%j, %s) = %s', (s, base, want) => {
    expect(pyInt(s, base)).toBe(want);
  });
  it.each([
    ['08', 8],
    ['1__0', 10],
    ['_1', 10],
    ['1_', 10],
    ['0b', 2],
    ['', 10],
    [' ', 10],
    ['1.0', 10],
    ['x', 10],
    ['0x10', 10],
  ] as const)('int(%j, %s) is an error', (s, base) => {
    expect(pyInt(s, base)).toBeNull();
  });
  it('pyBigInt is exact beyond 2**53 and pyInt refuses such values', () => {
    expect(pyBigInt('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(pyInt('123456789012345678901234567890')).toBeNull();
    expect(pyInt('9007199254740991')).toBe(9007199254740991);
  });
});

describe('pyFloat = Python float()', () => {
  it.each([
    [' 1_000.5 ', 1000.5],
    ['.5', 0.5],
    ['5.', 5],
    ['-Infinity', -Infinity],
    ['inf', Infinity],
    ['+INF', Infinity],
    ['1e1_0', 1e10],
    ['2.5E-3', 0.0025],
    ['1e400', Infinity],
    ['\t3\n', 3],
  ])('float(%j) = %s', (s, want) => {
    expect(pyFloat(s)).toBe(want);
  });
  it('parses nan', () => {
    expect(pyFloat('nan')).toBeNaN();
    expect(pyFloat('-NaN')).toBeNaN();
  });
  it.each(['1__0', '_1', '1_', '1._5', '0x10', '', ' ', '1e', 'e5', 'in f', '1,5', 'abc'])(
    'float(%j) is an error',
    (s) => {
      expect(pyFloat(s)).toBeNull();
    },
  );
});

describe('pyRepr = Python repr(str)', () => {
  it('quotes like Python', () => {
    expect(pyRepr('x')).toBe("'x'");
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr('a"b\'c')).toBe("'a\"b\\'c'");
    expect(pyRepr('x\ty')).toBe("'x\\ty'");
    expect(pyRepr('')).toBe("''");
  });
});

describe('pyD prints every digit of large values (fuzzer regression)', () => {
  it("'%d' of doubles beyond 2**53 is the exact integer, not JS's shortest form", () => {
    // 10**20 = 2**20 * 5**20 and 5**20 < 2**53, so the double 1e20 is exactly 10**20.
    expect(pyD(1e20, 3)).toBe('100000000000000000000');
    // 12345678901234567 + 1e16 rounds to the double 22345678901234568 (a multiple of 4 near
    // 2**54); Python prints those 17 digits, JS's toString() would print 22345678901234570.
    expect(pyD(Number('12345678901234567') + 1e16, 3)).toBe('22345678901234568');
    expect(pyD(-(2 ** 60), 0)).toBe('-1152921504606846976');
  });
});
