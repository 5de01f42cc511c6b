/**
 * CPython's `random` module, as far as the OSTEP simulators use it.
 *
 * CPython's `random.random()` is MT19937 (Matsumoto & Nishimura, 2002), seeded from an integer
 * with `init_by_array` over the 32-bit little-endian words of `abs(seed)` (seed 0 gives the key
 * `[0]`), and builds each double from two 32-bit outputs: `((a >>> 5) * 2**26 + (b >>> 6)) / 2**53`.
 * `random.seed(n, version=1)` and Python 2's `random.seed(n)` agree for integer seeds, so this
 * replays `process-run.py`, `fork.py` and `scheduler.py` exactly (ostep-spec §4).
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The 32-bit little-endian words of |seed|; `[0]` for 0. Precondition: seed is an integer. */
export function seedKey(seed: number | bigint): number[] {
  let n = typeof seed === 'bigint' ? seed : BigInt(seed);
  if (n < 0n) n = -n;
  const key: number[] = [];
  while (n > 0n) {
    key.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return key.length === 0 ? [0] : key;
}

export class PyRandom {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  /**
   * Seeds like CPython's `random.seed(seed)` for an integer seed.
   * Precondition: `seed` is an integer (a safe-integer number or a bigint); throws otherwise.
   */
  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new RangeError(`PyRandom: seed must be a safe integer, got ${seed}`);
    }
    this.initByArray(seedKey(seed));
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.mti = N;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** The next 32-bit output of the generator (CPython's `genrand_uint32`). */
  genrandUint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Python's `random.random()`: a double in [0, 1) with 53 random bits. */
  random(): number {
    const a = this.genrandUint32() >>> 5;
    const b = this.genrandUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** OSTEP's `random_randint(lo, hi)` = `int(lo + random() * (hi - lo + 1))` (truncation toward 0). */
  randint(lo: number, hi: number): number {
    return Math.trunc(lo + this.random() * (hi - lo + 1));
  }

  /** OSTEP's `random_choice(L)` = `L[randint(0, len(L) - 1)]`. Precondition: `list` is non-empty. */
  choice<T>(list: readonly T[]): T {
    if (list.length === 0) throw new RangeError('PyRandom.choice: empty list');
    return list[this.randint(0, list.length - 1)];
  }
}
