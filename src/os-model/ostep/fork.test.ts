import { describe, expect, it } from 'vitest';
import {
  generateActions,
  generatedName,
  parseFork,
  runForkActions,
  solveFork,
  type TreeNode,
} from './fork.ts';
import { forkMain as main, renderTree } from './fork-text.ts';
import { collect } from './output.ts';

const forkMain = (argv: string[]) => collect(main(argv));

/** Compact tree notation used in the spec: 'a:[c,d]', 'a:[c], c:[d]' (only nodes with children). */
function adjacency(tree: TreeNode): string {
  const parts: string[] = [];
  const walk = (n: TreeNode): void => {
    if (n.children.length > 0) parts.push(`${n.name}:[${n.children.map((c) => c.name).join(',')}]`);
    n.children.forEach(walk);
  };
  walk(tree);
  return parts.join(', ');
}

function finalTree(actions: string, options = {}): string {
  const run = runForkActions(actions.split(','), options);
  if (!run.ok) throw new Error(run.error.message);
  return adjacency(run.steps[run.steps.length - 1].tree);
}

const T = (name: string, ...children: TreeNode[]): TreeNode => ({ name, children });

describe('generatedName follows get_name()', () => {
  it.each([
    [0, 'b'],
    [24, 'z'],
    [25, 'A'],
    [50, 'Z'],
    [51, 'aa'],
    [52, 'ab'],
    [51 + 52, 'ba'],
    [51 + 52 * 52 - 1, 'ZZ'],
    [51 + 52 * 52, 'aaa'],
  ])('name #%s is %s', (n, name) => {
    expect(generatedName(n)).toBe(name);
  });
});

describe('runForkActions: the spec §2.3 golden examples', () => {
  it('a+b,b+c,c+d,b- flattens the subtree under the root by default', () => {
    expect(finalTree('a+b,b+c,c+d,b-')).toBe('a:[c,d]');
  });
  it('a+b,b+c,c+d,b- with -R gives the orphan to the exiting process parent', () => {
    expect(finalTree('a+b,b+c,c+d,b-', { localReparent: true })).toBe('a:[c], c:[d]');
  });
  it('a+b,a+c,b+d,b+e,d+f,b- appends every descendant, in pre-order, after c', () => {
    // The spec's example lists the set as a:[c,d,e,f]; its stated rule (pre-order DFS over
    // b's subtree: d, then d's child f, then e) and the original's collect_children give c,d,f,e.
    expect(finalTree('a+b,a+c,b+d,b+e,d+f,b-')).toBe('a:[c,d,f,e]');
  });
  it('a+b,a+c,b+d,b+e,d+f,b- with -R keeps grandchildren with their parents', () => {
    expect(finalTree('a+b,a+c,b+d,b+e,d+f,b-', { localReparent: true })).toBe('a:[c,d,e], d:[f]');
  });
});

describe('runForkActions: results and quirks', () => {
  it('reports each result text and the tree after each action', () => {
    const run = runForkActions(['a+b', 'b+c', 'c-']);
    expect(run.ok).toBe(true);
    expect(run.steps.map((s) => s.result)).toEqual(['a forks b', 'b forks c', 'c EXITS']);
    expect(run.steps.map((s) => s.tree)).toEqual([
      T('a', T('b')),
      T('a', T('b', T('c'))),
      T('a', T('b')),
    ]);
  });
  it('an exit of X-junk exits X (the text after - is ignored)', () => {
    const run = runForkActions(['a+b', 'b-whatever']);
    expect(run.steps[1].result).toBe('b EXITS');
  });
  it('re-using the name of an exited process is fine', () => {
    expect(finalTree('a+b,b-,a+c,a+b')).toBe('a:[c,b]');
  });
  it('-L: an exit with children fails and changes nothing, even for the root', () => {
    const run = runForkActions(['a+b', 'b+c', 'b-', 'a-', 'c-', 'b-'], { leafOnly: true });
    expect(run.ok).toBe(true);
    expect(run.steps.map((s) => s.result)).toEqual([
      'a forks b',
      'b forks c',
      'b EXITS (failed: has children)',
      'a EXITS (failed: has children)',
      'c EXITS',
      'b EXITS',
    ]);
    expect(run.steps[3].tree).toEqual(T('a', T('b', T('c'))));
    expect(run.steps[5].tree).toEqual(T('a'));
  });
  it('the root cannot exit (without -L, or with -L when it has no children)', () => {
    for (const options of [{}, { leafOnly: true }]) {
      const run = runForkActions(['a+b', 'b-', 'a-'], options);
      expect(run.ok).toBe(false);
      if (!run.ok) {
        expect(run.error).toEqual({
          kind: 'root-exit',
          index: 2,
          action: 'a-',
          message: 'root process: cannot exit',
        });
        expect(run.steps).toHaveLength(2);
      }
    }
  });
  it.each([
    ['a+b+c', 0],
    ['x+y', 0],
    ['a+b,c-', 1],
    ['a+b,b--', 1],
    ['b', 0],
    ['', 0],
    [' a+b', 0],
    ['a+b,b-,b-', 2],
  ])('%j is a bad action at index %s', (list, index) => {
    const run = runForkActions(list.split(','));
    expect(run.ok).toBe(false);
    if (!run.ok) {
      const item = list.split(',')[index];
      expect(run.error.kind).toBe('bad-action');
      expect(run.error.index).toBe(index);
      expect(run.error.message).toBe(
        `bad action (${item}), must be X+Y or X- where X and Y are processes`,
      );
      expect(run.steps).toHaveLength(index);
    }
  });
  it('refuses an empty child name and a live duplicate (Q-F4, verdict D)', () => {
    const empty = runForkActions(['a+']);
    expect(!empty.ok && empty.error.kind).toBe('empty-name');
    const dup = runForkActions(['a+b', 'b+c', 'a+c']);
    expect(!dup.ok && dup.error.kind).toBe('duplicate-name');
    const root = runForkActions(['a+a']);
    expect(!root.ok && root.error.kind).toBe('duplicate-name');
  });
});

describe('generateActions follows §2.4 with CPython random', () => {
  // Seed 0 draws (CPython): .8444 .7580 .4206 .2589 .5113 .4049 .7838 .3033 .4766 .5834 .9081 .5047 .2818 .7558
  // f=0.7: .8444 exit, choice([a]) -> a, retried; .4206 fork a+b; .5113 fork, int(.4049*2)=0 a+c;
  // .7838 exit, int(.3033*3)=0 -> a, retried; .4766 fork, int(.5834*3)=1 b+d; .9081 exit,
  // int(.5047*4)=2 -> c-; .2818 fork, tmp=[a,b,d], int(.7558*3)=2 d+e.
  it('seed 0, f 0.7, 5 actions', () => {
    expect(generateActions(0, 0.7, 5)).toEqual(['a+b', 'a+c', 'b+d', 'c-', 'd+e']);
  });
  it('seed -1 is the documented fixed seed (0)', () => {
    expect(generateActions(-1, 0.7, 5)).toEqual(['a+b', 'a+c', 'b+d', 'c-', 'd+e']);
  });
  it('f above 1 only forks; names run b, c, d, ...', () => {
    const acts = generateActions(3, 1.5, 60);
    expect(acts.map((a) => a.split('+')[1])).toEqual(
      Array.from({ length: 60 }, (_, i) => generatedName(i)),
    );
  });
  it('never exits the root and never reuses a removed process', () => {
    const acts = generateActions(7, 0.5, 300);
    const gone = new Set<string>();
    for (const a of acts) {
      const [who] = a.split(/[+-]/);
      expect(who).not.toBe(gone.has(who) ? who : '\0');
      if (a.endsWith('-')) {
        expect(who).not.toBe('a');
        gone.add(who);
      }
    }
    expect(runForkActions(acts).ok).toBe(true);
  });
  it('zero or negative counts give no actions', () => {
    expect(generateActions(1, 0.7, 0)).toEqual([]);
    expect(generateActions(1, 0.7, -3)).toEqual([]);
  });
});

describe('renderTree', () => {
  const tree = T('a', T('b', T('c', T('e')), T('f')), T('d', T('g')));
  const pad = ' '.repeat(31);
  it('fancy', () => {
    expect(renderTree(tree, 'fancy')).toEqual(
      ['a', '├── b', '│   ├── c', '│   │   └── e', '│   └── f', '└── d', '    └── g'].map(
        (l) => pad + l,
      ),
    );
  });
  it('line1', () => {
    expect(renderTree(tree, 'line1')).toEqual(
      ['a', '+-- b', '|   +-- c', '|   |   |-- e', '|   |-- f', '|-- d', '    |-- g'].map(
        (l) => pad + l,
      ),
    );
  });
  it('line2', () => {
    expect(renderTree(tree, 'line2')).toEqual(
      ['a', '|__ b', '|   |__ c', '|   |   |__ e', '|   |__ f', '|__ d', '    |__ g'].map(
        (l) => pad + l,
      ),
    );
  });
  it('basic indents 3 per level and prints names %2s', () => {
    expect(renderTree(T('a', T('b', T('cc')), T('ddd')), 'basic')).toEqual(
      [' a', '    b', '      cc', '   ddd'].map((l) => pad + l),
    );
  });
});

describe('forkMain details', () => {
  it('prints Python floats and ints in the ARG lines', () => {
    const out = forkMain(['-A', 'a+b', '-f', '1', '-s', '010']).stdout;
    expect(out).toContain('ARG seed 8\nARG fork_percentage 1.0\n');
  });
  it('-f at or below 0.001 is refused before anything is printed, even with -A', () => {
    expect(forkMain(['-A', 'a+b', '-f', '0.001'])).toEqual({
      stdout: 'fork_percentage must be > 0.001\n',
      stderr: '',
      code: 1,
    });
  });
  it('option errors are optparse errors (exit 2)', () => {
    expect(forkMain(['-s', 'x'])).toEqual({
      stdout: '',
      stderr: "Usage: fork.py [options]\n\nfork.py: error: option -s: invalid integer value: 'x'\n",
      code: 2,
    });
  });
  it('-f nan without -A is an error instead of an endless loop', () => {
    const r = forkMain(['-f', 'nan', '-s', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fork\.py: error: .+\n$/);
  });
  it('a duplicate live name stops with a one-line error and keeps the earlier output', () => {
    const r = forkMain(['-A', 'a+b,a+b', '-c']);
    expect(r.code).toBe(1);
    expect(
      r.stdout.endsWith(
        'Action: a forks b\n' + ' '.repeat(31) + 'a\n' + ' '.repeat(31) + '└── b\n',
      ),
    ).toBe(true);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
  it('-h prints optparse help and exits 0', () => {
    const r = forkMain(['-h']);
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith(
        'Usage: fork.py [options]\n\nOptions:\n  -h, --help            show this help message and exit\n',
      ),
    ).toBe(true);
  });
});

describe('fork as data', () => {
  it('names the flag and the token at fault', () => {
    expect(parseFork(['-A', 'a+b', '-f', '0.0005'])).toEqual({
      kind: 'error',
      error: { kind: 'fork-percentage', flag: '-f', token: '0.0005' },
    });
    const cmd = parseFork(['-A', 'a+b', '-P', 'weird']);
    if (cmd.kind !== 'run') throw new Error(cmd.kind);
    expect(solveFork(cmd.setup)).toEqual({ kind: 'bad-style', flag: '-P', token: 'weird' });
  });
  it('runs the action list as far as it goes (spec §2.3)', () => {
    const cmd = parseFork(['-A', 'a+b,x+y']);
    if (cmd.kind !== 'run') throw new Error(cmd.kind);
    const outcome = solveFork(cmd.setup);
    expect(outcome.kind === 'ran' && outcome.actions).toEqual(['a+b', 'x+y']);
    expect(outcome.kind === 'ran' && !outcome.run.ok && outcome.run.error.index).toBe(1);
  });
});
