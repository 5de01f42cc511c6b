/**
 * Python's number formatting and parsing, as the OSTEP simulators print and read numbers.
 *
 * JavaScript's `toFixed` rounds exact binary ties away from zero; Python's `'%.2f'` rounds the
 * exact decimal value of the double half-to-even (ostep-spec Q12, Q-S7). Python's `str(float)`
 * is the shortest round-trip form with its own exponent rules (Q-S8). `int()` and `float()`
 * accept whitespace, signs and underscores between digits.
 */

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** The exact value of a finite double as `mantissa * 2**exponent` (mantissa ≥ 0, sign separate). */
function decompose(x: number): { negative: boolean; mantissa: bigint; exponent: number } {
  F64[0] = x;
  const bits = U64[0];
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  if (biased === 0) return { negative, mantissa: fraction, exponent: -1074 };
  return { negative, mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/**
 * Python `'%.<decimals>f' % x`: the exact decimal expansion of the double, rounded half-to-even
 * only on exact ties (0.125 → '0.12', 0.375 → '0.38', 2.675 → '2.67' because that double is
 * just below 2.675). Keeps the sign of negative zero and of negatives that round to zero
 * ('-0.00'), and prints 'inf', '-inf', 'nan' like Python. Precondition: 0 ≤ decimals ≤ 100.
 */
export function pyFixed(x: number, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new RangeError(`pyFixed: bad precision ${decimals}`);
  }
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const { negative, mantissa, exponent } = decompose(x);
  const scale = 10n ** BigInt(decimals);
  let num = mantissa * scale;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twiceRem = (num - q * den) * 2n;
  if (twiceRem > den || (twiceRem === den && q % 2n === 1n)) q += 1n;
  let digits = q.toString();
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, '0');
    digits = `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
  }
  return (negative ? '-' : '') + digits;
}

/**
 * Python 3 `str(x)` / `repr(x)` of a float: shortest round-trip digits; scientific notation when
 * the decimal exponent is below -4 or at least 16 ('1e-05', '1e+16'); otherwise fixed with at
 * least one digit after the point ('5.0', '0.0001', '1000000000000000.0').
 */
export function pyStrFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  // toExponential() without an argument gives the shortest round-trip digits.
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
  if (!m) throw new Error(`pyStrFloat: unexpected ${x}`);
  const digits = m[1] + (m[2] ?? '');
  const exp10 = Number(m[3]); // value = d.ddd × 10^exp10
  if (exp10 < -4 || exp10 >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp10).toString().padStart(2, '0');
    return `${sign}${mant}e${exp10 < 0 ? '-' : '+'}${e}`;
  }
  const point = exp10 + 1; // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Python `'%d' % x` for a finite float or int: truncates toward zero ('%3d' % 9.5 → '  9') and
 * prints every digit of the integer value, also beyond 2**53 ('%d' % 1e20 →
 * '100000000000000000000', where JS's toString would round the digits or switch to '1e+20').
 */
export function pyD(x: number, width = 0): string {
  const t = Math.trunc(x);
  return rjust(Number.isFinite(t) ? BigInt(t).toString() : String(t), width);
}

/** Length in code points, as Python's `len(str)`. */
export function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Python `'%<width>s' % s` / `s.rjust(width)`: pad on the left with spaces to `width` code points. */
export function rjust(s: string, width: number): string {
  const n = pyLen(s);
  return n >= width ? s : ' '.repeat(width - n) + s;
}

/** Python `'%-<width>s' % s` / `s.ljust(width)`. */
export function ljust(s: string, width: number): string {
  const n = pyLen(s);
  return n >= width ? s : s + ' '.repeat(width - n);
}

// Python's str.isspace(): JS \s plus the separators U+001C..U+001F and U+0085.
function isPySpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return /\s/.test(ch) || (c >= 0x1c && c <= 0x1f) || c === 0x85;
}

// Python's str.strip() with no argument.
function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s[a])) a++;
  while (b > a && isPySpace(s[b - 1])) b--;
  return s.slice(a, b);
}

const DIGITS: Record<number, string> = { 2: '01', 8: '0-7', 10: '0-9', 16: '0-9a-fA-F' };

/**
 * Python `int(s, base)` for base 2, 8, 10 or 16 as an exact bigint: strips whitespace, takes an
 * optional sign, an optional `0x`/`0o`/`0b` prefix matching the base (not for 10), and digits
 * with single underscores between them (or right after a prefix). Returns null on junk.
 */
export function pyBigInt(s: string, base: 2 | 8 | 10 | 16 = 10): bigint | null {
  let t = pyStrip(s);
  let negative = false;
  if (t.startsWith('+') || t.startsWith('-')) {
    negative = t[0] === '-';
    t = t.slice(1);
  }
  const prefix = base === 16 ? /^0[xX]/ : base === 8 ? /^0[oO]/ : base === 2 ? /^0[bB]/ : null;
  let afterPrefix = false;
  if (prefix && prefix.test(t)) {
    t = t.slice(2);
    afterPrefix = true;
  }
  const d = `[${DIGITS[base]}]`;
  const re = new RegExp(afterPrefix ? `^(?:_?${d})+$` : `^${d}(?:_?${d})*$`);
  if (!re.test(t)) return null;
  let v = 0n;
  const b = BigInt(base);
  for (const ch of t) {
    if (ch === '_') continue;
    v = v * b + BigInt(parseInt(ch, 16));
  }
  return negative ? -v : v;
}

/**
 * Python `int(s)` (base 10) as a number, or null on junk. Values beyond ±(2**53 - 1) are
 * refused (null) because a JS number cannot hold them exactly.
 */
export function pyInt(s: string, base: 2 | 8 | 10 | 16 = 10): number | null {
  const v = pyBigInt(s, base);
  if (v === null) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Python `float(s)`: strips whitespace; accepts a sign, decimal digits with underscores between
 * digits, an optional fraction and exponent, and 'inf'/'infinity'/'nan' in any case.
 * Returns null on junk (including the empty string).
 */
export function pyFloat(s: string): number | null {
  const t = pyStrip(s);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const digits = '\\d(?:_?\\d)*';
  const re = new RegExp(
    `^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`,
  );
  if (!re.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

/** Python `repr(s)` of a str, as optparse quotes a bad value (`'x'`, `"it's"`). */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\x${c.toString(16)}`;
    else out += ch;
  }
  return out + quote;
}
