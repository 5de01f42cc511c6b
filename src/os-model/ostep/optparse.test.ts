import { describe, expect, it } from 'vitest';
import { optparseInt, parseArgs, type OptSpec } from './optparse.ts';

// fork.py's options (a subset). Every expectation below is what CPython 3.11's optparse
// returns (or the error it raises) for the same option table and argv.
const SPEC: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: -1 },
  { short: '-f', long: '--forks', dest: 'fork_percentage', kind: 'float', default: 0.7 },
  { short: '-A', long: '--action_list', dest: 'action_list', kind: 'string', default: '' },
  { short: '-a', long: '--actions', dest: 'actions', kind: 'int', default: 5 },
  { short: '-t', long: '--show_tree', dest: 'show_tree', kind: 'flag', default: false },
  { short: '-c', long: '', dest: 'solve', kind: 'flag', default: false },
];

const DEFAULTS = {
  seed: -1,
  fork_percentage: 0.7,
  action_list: '',
  actions: 5,
  show_tree: false,
  solve: false,
};

function ok(argv: string[]) {
  const r = parseArgs(argv, SPEC);
  if (!r.ok) throw new Error(`unexpected error: ${r.error}`);
  return r;
}

function err(argv: string[]): string {
  const r = parseArgs(argv, SPEC);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(argv)}`);
  return r.error;
}

describe('parseArgs accepts what optparse accepts', () => {
  it('returns the defaults when nothing is given', () => {
    expect(ok([])).toEqual({ ok: true, opts: DEFAULTS, rest: [], help: false });
  });
  it.each([
    [['-s5'], { seed: 5 }, []],
    [['-s', '-5'], { seed: -5 }, []],
    [['--seed=010'], { seed: 8 }, []],
    [['--se', '0x1f'], { seed: 31 }, []],
    [['-tcs', '7', 'x'], { seed: 7, show_tree: true, solve: true }, ['x']],
    [['-tcs7'], { seed: 7, show_tree: true, solve: true }, []],
    [['-f', '1e-2'], { fork_percentage: 0.01 }, []],
    [['a', '--', '-s', '3'], {}, ['a', '-s', '3']],
    [['-', '-A', ''], {}, ['-']],
    [['-A', 'a+b', '-A', 'c'], { action_list: 'c' }, []],
    [['--sh'], { show_tree: true }, []],
    [['--forks=0.5'], { fork_percentage: 0.5 }, []],
    [['--action_list=a+b,b-'], { action_list: 'a+b,b-' }, []],
    [['--actions', '3'], { actions: 3 }, []],
    [['-A', '-s'], { action_list: '-s' }, []],
  ])('%j', (argv, changed, rest) => {
    expect(ok(argv)).toEqual({ ok: true, opts: { ...DEFAULTS, ...changed }, rest, help: false });
  });
  it('stops at -h / --help and reports it', () => {
    expect(ok(['-c', '-h', '-x']).help).toBe(true);
    expect(ok(['--help']).help).toBe(true);
  });
  it('accepts option names with or without their dashes in the spec', () => {
    const r = parseArgs(
      ['-q', '3', '--jlist=1,2'],
      [
        { short: 'q', long: 'quantum', dest: 'q', kind: 'int', default: 1 },
        { short: 'l', long: 'jlist', dest: 'l', kind: 'string', default: '' },
      ],
    );
    expect(r).toEqual({ ok: true, opts: { q: 3, l: '1,2' }, rest: [], help: false });
  });
});

describe('parseArgs reports what optparse reports', () => {
  it.each([
    [['--act=3'], 'ambiguous option: --act (--action_list, --actions?)'],
    [['--action', '3'], 'ambiguous option: --action (--action_list, --actions?)'],
    [['-x'], 'no such option: -x'],
    [['-tx'], 'no such option: -x'],
    [['--bogus'], 'no such option: --bogus'],
    [['-s'], '-s option requires 1 argument'],
    [['--seed'], '--seed option requires 1 argument'],
    [['-s', 'abc'], "option -s: invalid integer value: 'abc'"],
    [['--seed=abc'], "option --seed: invalid integer value: 'abc'"],
    [['--show_tree=1'], '--show_tree option does not take a value'],
    [['-f', 'x'], "option -f: invalid floating-point value: 'x'"],
    [['-s', '08'], "option -s: invalid integer value: '08'"],
    [['-s', "it's"], 'option -s: invalid integer value: "it\'s"'],
    [['-a', '1.5'], "option -a: invalid integer value: '1.5'"],
    [
      ['--=3'],
      'ambiguous option: -- (--action_list, --actions, --forks, --help, --seed, --show_tree?)',
    ],
  ])('%j', (argv, message) => {
    expect(err(argv)).toBe(message);
  });
  it('refuses integers a JS number cannot hold exactly (Python would accept them)', () => {
    expect(err(['-s', '99999999999999999999'])).toBe(
      "option -s: integer value out of range: '99999999999999999999'",
    );
  });
});

describe('optparseInt uses the prefix to pick the radix', () => {
  it.each([
    ['10', 10],
    ['010', 8],
    ['0', 0],
    ['0x1F', 31],
    ['0b101', 5],
    ['0b', 0],
    [' 010', 10],
    ['-010', -10],
    ['0o17', 15],
  ])('%j is %s', (s, n) => {
    expect(optparseInt(s)).toBe(n);
  });
  it.each(['08', '0x', 'ten', '', '1e3'])('%j is invalid', (s) => {
    expect(optparseInt(s)).toBeNull();
  });
});

describe('big int options (fuzzer regression: Python ints have no size limit)', () => {
  const spec: OptSpec[] = [
    { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: 0, big: true },
    { short: '-j', long: '--jobs', dest: 'jobs', kind: 'int', default: 3 },
  ];
  it('a seed beyond 2**53 becomes an exact bigint; a small one stays a number', () => {
    const r = parseArgs(['-s', '18446744073709551616'], spec);
    expect(r.ok && r.opts.seed).toBe(2n ** 64n);
    const s = parseArgs(['--seed=-9007199254740993'], spec);
    expect(s.ok && s.opts.seed).toBe(-(2n ** 53n) - 1n);
    const t = parseArgs(['-s0x1f'], spec);
    expect(t.ok && t.opts.seed).toBe(31);
  });
  it('still rejects junk with optparse message', () => {
    const r = parseArgs(['-s', '1.5'], spec);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe("option -s: invalid integer value: '1.5'");
  });
});
