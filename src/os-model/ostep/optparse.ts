/**
 * A small reimplementation of Python's `optparse`, as the OSTEP simulators use it: short options
 * (`-s 5`, `-s5`, clustered flags `-tc`, `-tcs5`), long options (`--seed=5`, `--seed 5`, and
 * unique prefixes such as `--se=5`), `--` to end the options, positional arguments anywhere,
 * the last occurrence winning, and the same error messages ("no such option: -x",
 * "-s option requires 1 argument", "option -s: invalid integer value: 'x'").
 *
 * `int` values use optparse's radix rules: `0x..` is hexadecimal, `0b..` binary and any other
 * value starting with `0` is octal (so `-s 010` is 8, exactly as in fork.py). `-h`/`--help`
 * stops parsing and sets `help`, as optparse prints its help there and exits 0.
 */

import { pyBigInt, pyFloat, pyInt, pyRepr } from './pyfmt.ts';

export type OptKind = 'string' | 'int' | 'float' | 'flag';

export type OptValue = string | number | bigint | boolean;

export type OptSpec = {
  /** e.g. '-s' (or 's'); '' when the option has no short form */
  short: string;
  /** e.g. '--seed' (or 'seed'); '' when the option has no long form */
  long: string;
  dest: string;
  kind: OptKind;
  default: OptValue;
  /**
   * `int` only: accept any size, as Python's `int` does (a seed such as 2**64). The value is a
   * number when it is a safe integer and a bigint otherwise. Without it, a value beyond
   * ±(2**53 - 1) is refused with "integer value out of range" (a documented divergence).
   */
  big?: boolean;
};

export type ParseResult =
  | { ok: true; opts: Record<string, OptValue>; rest: string[]; help: boolean }
  | { ok: false; error: string };

/** Python optparse's conversion of an `int` option value (radix from the prefix), or null. */
export function optparseInt(value: string): number | null {
  const head = value.slice(0, 2).toLowerCase();
  if (head === '0x') return pyInt(value, 16);
  if (head === '0b') return pyInt(value.slice(2) || '0', 2);
  if (value.startsWith('0')) return pyInt(value, 8);
  return pyInt(value, 10);
}

/** {@link optparseInt} without a size limit, as an exact bigint, or null. */
export function optparseBigInt(value: string): bigint | null {
  const head = value.slice(0, 2).toLowerCase();
  if (head === '0x') return pyBigInt(value, 16);
  if (head === '0b') return pyBigInt(value.slice(2) || '0', 2);
  if (value.startsWith('0')) return pyBigInt(value, 8);
  return pyBigInt(value, 10);
}

function norm(name: string, dashes: string): string {
  if (name === '') return '';
  return name.startsWith(dashes) ? name : dashes + name.replace(/^-+/, '');
}

const HELP: OptSpec = { short: '-h', long: '--help', dest: '__help', kind: 'flag', default: false };

/**
 * Parses `argv` (without the program name) against `spec` like optparse's `parse_args()`.
 * Never throws: the first problem found is returned as `{ ok: false, error }` with optparse's
 * message (the caller decides how to print it; optparse itself exits with code 2).
 */
export function parseArgs(argv: readonly string[], spec: readonly OptSpec[]): ParseResult {
  const shorts = new Map<string, OptSpec>();
  const longs = new Map<string, OptSpec>();
  for (const o of [HELP, ...spec]) {
    const s = norm(o.short, '-');
    const l = norm(o.long, '--');
    if (s) shorts.set(s, o);
    if (l) longs.set(l, o);
  }
  const opts: Record<string, OptValue> = {};
  for (const o of spec) opts[o.dest] = o.default;
  const rest: string[] = [];
  const rargs = [...argv];

  // Returns an error message, or null after storing the value.
  const store = (o: OptSpec, opt: string, value: string | null): string | null => {
    if (o.kind === 'flag') {
      opts[o.dest] = true;
      return null;
    }
    const v = value as string;
    if (o.kind === 'string') {
      opts[o.dest] = v;
    } else if (o.kind === 'int') {
      const big = o.big ? optparseBigInt(v) : null;
      if (big !== null) {
        const small = Number(big);
        opts[o.dest] = Number.isSafeInteger(small) ? small : big;
        return null;
      }
      const n = optparseInt(v);
      if (n === null) {
        return /^[-+]?\d[\d_]*$/.test(v.trim()) && !v.trim().startsWith('0')
          ? `option ${opt}: integer value out of range: ${pyRepr(v)}`
          : `option ${opt}: invalid integer value: ${pyRepr(v)}`;
      }
      opts[o.dest] = n;
    } else {
      const f = pyFloat(v);
      if (f === null) return `option ${opt}: invalid floating-point value: ${pyRepr(v)}`;
      opts[o.dest] = f;
    }
    return null;
  };

  while (rargs.length > 0) {
    const arg = rargs[0];
    if (arg === '--') {
      rargs.shift();
      rest.push(...rargs);
      break;
    }
    if (arg.startsWith('--')) {
      rargs.shift();
      let opt = arg;
      let explicit = false;
      const eq = arg.indexOf('=');
      if (eq >= 0) {
        opt = arg.slice(0, eq);
        rargs.unshift(arg.slice(eq + 1));
        explicit = true;
      }
      let o = longs.get(opt);
      if (!o) {
        const matches = [...longs.keys()].filter((k) => k.startsWith(opt)).sort();
        if (matches.length === 0) return { ok: false, error: `no such option: ${opt}` };
        if (matches.length > 1) {
          return { ok: false, error: `ambiguous option: ${opt} (${matches.join(', ')}?)` };
        }
        opt = matches[0];
        o = longs.get(opt) as OptSpec;
      }
      if (o.kind !== 'flag') {
        if (rargs.length < 1) return { ok: false, error: `${opt} option requires 1 argument` };
        const err = store(o, opt, rargs.shift() as string);
        if (err) return { ok: false, error: err };
      } else if (explicit) {
        return { ok: false, error: `${opt} option does not take a value` };
      } else {
        if (o === HELP) return { ok: true, opts, rest, help: true };
        store(o, opt, null);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      rargs.shift();
      const chars = [...arg.slice(1)];
      for (let i = 0; i < chars.length; i++) {
        const opt = `-${chars[i]}`;
        const o = shorts.get(opt);
        if (!o) return { ok: false, error: `no such option: ${opt}` };
        if (o.kind !== 'flag') {
          const tail = chars.slice(i + 1).join('');
          if (tail !== '') rargs.unshift(tail);
          if (rargs.length < 1) return { ok: false, error: `${opt} option requires 1 argument` };
          const err = store(o, opt, rargs.shift() as string);
          if (err) return { ok: false, error: err };
          break;
        }
        if (o === HELP) return { ok: true, opts, rest, help: true };
        store(o, opt, null);
      }
      continue;
    }
    rest.push(rargs.shift() as string);
  }
  return { ok: true, opts, rest, help: false };
}

/**
 * What optparse prints when parsing fails: `Usage: <prog> [options]`, a blank line and
 * `<prog>: error: <message>` on stderr, with exit code 2.
 */
export function optparseError(
  prog: string,
  error: string,
): { stdout: string; stderr: string; code: number } {
  return { stdout: '', stderr: `Usage: ${prog} [options]\n\n${prog}: error: ${error}\n`, code: 2 };
}
