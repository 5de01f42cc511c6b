// multi.py parity. The golden cases (multi.golden.json) are the Python original's own output,
// recorded once by running it on each argv (stdout, exit code, and stderr unless it crashed with
// a traceback); nothing in them comes from this port. Python 3's randbelow and shuffle are
// checked against values CPython 3.11 printed (random.Random(5)._randbelow, Random(7).shuffle),
// and the unit cases below are worked out by hand from ../shared/ostep-spec-2.md §3.
import { describe, expect, it } from 'vitest';
import golden from './multi.golden.json' with { type: 'json' };
import { PyRandom } from './mt19937.ts';
import { parseMulti, randbelow, shuffle, startQueues, type MultiSetup } from './multi.ts';
import { multiMain, pyListRepr } from './multi-text.ts';
import { collect } from './output.ts';

type Case = { argv: string[]; code: number; stdout: string; stderr: string | null };

describe('multi.py golden cases (recorded from the original)', () => {
  it.each((golden.cases as Case[]).map((c) => [c.argv.join(' '), c] as const))(
    'multi.py %s',
    (_, c) => {
      const r = collect(multiMain(c.argv));
      expect(r.code).toBe(c.code);
      expect(r.stdout).toBe(c.stdout);
      if (c.stderr === null) expect(r.stderr).toMatch(/^multi\.py: error: .+\n$/);
      else expect(r.stderr).toBe(c.stderr);
    },
  );
});

describe("Python 3's random.choice and random.shuffle", () => {
  it('randbelow draws as CPython 3.11 does (getrandbits rejection), randbelow(1) included', () => {
    const rng = new PyRandom(5);
    expect([1, 2, 3, 5, 7, 10, 1000, 1, 2].map((n) => randbelow(rng, n))).toEqual([
      0, 1, 2, 4, 0, 7, 794, 0, 0,
    ]);
  });

  it('shuffle swaps from the end as CPython 3.11 does', () => {
    const rng = new PyRandom(7);
    const a = [0, 1, 2, 3, 4, 5];
    shuffle(rng, a);
    expect(a).toEqual([4, 0, 5, 3, 1, 2]);
    const b = [0, 1, 2];
    shuffle(rng, b);
    expect(b).toEqual([1, 2, 0]);
  });
});

function setupOf(argv: string[]): MultiSetup {
  const cmd = parseMulti(argv);
  if (cmd.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(cmd)}`);
  return cmd.setup;
}

describe('multi.py parsed and run (hand-derived from the spec)', () => {
  it('deals per-CPU queues round robin, respecting affinity (§3.4)', () => {
    // a may run on CPU 1 only: CPU 0 takes b (the first job it may run), CPU 1 takes a; then
    // CPU 0 takes c.
    const s = setupOf(['-L', 'a:10:10,b:10:10,c:10:10', '-p', '-A', 'a:1']);
    expect(startQueues(s)).toEqual({ perCpu: [['b', 'c'], ['a']] });
  });

  it("prints a list of names as Python's repr does", () => {
    expect(pyListRepr(['a', 'b'])).toBe("['a', 'b']");
    expect(pyListRepr(["it's"])).toBe('["it\'s"]');
    expect(pyListRepr([])).toBe('[]');
  });

  it('§3.10: a warms after 3 ticks; b, larger than the cache, never runs warm', () => {
    const out = collect(
      multiMain([
        '-n',
        '2',
        '-L',
        'a:30:50,b:40:150',
        '-q',
        '5',
        '-w',
        '3',
        '-t',
        '-T',
        '-C',
        '-S',
        '-c',
      ]),
    ).stdout;
    expect(out).toContain(
      "Scheduler central queue: ['a', 'b']\n\n" +
        '   0   a [ 29] cache[  ]     b [ 39] cache[  ]     Q:     \n' +
        '   1   a [ 28] cache[  ]     b [ 38] cache[  ]     Q:     \n' +
        '   2   a [ 27] cache[w ]     b [ 37] cache[  ]     Q:     \n' +
        '   3   a [ 25] cache[w ]     b [ 36] cache[  ]     Q:     \n' +
        '   4   a [ 23] cache[w ]     b [ 35] cache[  ]     Q:     \n' +
        `${'-'.repeat(49)}\n` +
        '   5   a [ 21] cache[w ]     b [ 34] cache[  ]     Q:     \n',
    );
  });

  it('stops where the original runs for ever: -n 0', () => {
    const r = collect(multiMain(['-L', 'a:10:10', '-n', '0']));
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith("Scheduler central queue: ['a']\n\n")).toBe(true);
    expect(r.stderr).toMatch(/no CPU/);
  });
});
