// The fork.py homework island's helpers. Expected trees are the spec's golden examples
// (ostep-spec §2.3) and trees worked out by hand from its rules; output text is built here from
// the spec's §2.5 layout, never taken from forkMain.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import ForkHomework from './ForkHomework.svelte';
import {
  buildArgv,
  checkPrediction,
  commandLine,
  DEFAULT_FIELDS,
  normaliseAction,
  parseTreeText,
  runHomework,
  shellQuote,
  type HomeworkFields,
} from './fork-homework-args.ts';

const F = (o: Partial<HomeworkFields>): HomeworkFields => ({ ...DEFAULT_FIELDS, ...o });
const sp = (n: number) => ' '.repeat(n);
const head = (list: string, o: { t?: boolean; c?: boolean; R?: boolean } = {}) =>
  [
    '',
    'ARG seed -1',
    'ARG fork_percentage 0.7',
    'ARG actions 5',
    `ARG action_list ${list}`,
    `ARG show_tree ${o.t ? 'True' : 'False'}`,
    'ARG just_final False',
    'ARG leaf_only False',
    `ARG local_reparent ${o.R ? 'True' : 'False'}`,
    'ARG print_style fancy',
    `ARG solve ${o.c ? 'True' : 'False'}`,
    '',
    `${sp(27)}Process Tree:`,
    `${sp(31)}a`,
    '',
  ].join('\n') + '\n';
const tree = (...lines: string[]) => lines.map((l) => sp(31) + l).join('\n') + '\n';

describe('buildArgv and commandLine', () => {
  it('passes -A and the flags set, and -c only for the answer', () => {
    const f = F({ actions: 'a+b,b-', showTree: true, leafOnly: true, style: 'basic' });
    expect(buildArgv(f, false)).toEqual(['-A', 'a+b,b-', '-t', '-L', '-P', 'basic']);
    expect(buildArgv(f, true)).toEqual(['-A', 'a+b,b-', '-t', '-L', '-P', 'basic', '-c']);
    expect(commandLine(buildArgv(f, true))).toBe('./fork.py -A a+b,b- -t -L -P basic -c');
  });
  it('uses -s and -a when there is no action list, and -f only when changed', () => {
    expect(buildArgv(F({ actions: '', seed: '7', count: '3' }), false)).toEqual([
      '-s',
      '7',
      '-a',
      '3',
    ]);
    expect(buildArgv(F({ forks: '0.2', localReparent: true, finalOnly: true }), true)).toEqual([
      '-A',
      'a+b,b+c,c+d,b-',
      '-f',
      '0.2',
      '-F',
      '-R',
      '-c',
    ]);
  });
  it('quotes what a shell would split', () => {
    expect(shellQuote('a+b, b+c')).toBe("'a+b, b+c'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('a+b,b-')).toBe('a+b,b-');
  });
});

describe('runHomework', () => {
  it('default flags: the spec golden list flattens c and d under a (question and answer)', () => {
    const hw = runHomework(DEFAULT_FIELDS);
    expect(hw.error).toBeNull();
    const list = 'a+b,b+c,c+d,b-';
    expect(hw.question).toBe(
      head(list) +
        [
          'Action: a forks b',
          'Process Tree?',
          'Action: b forks c',
          'Process Tree?',
          'Action: c forks d',
          'Process Tree?',
          'Action: b EXITS',
          'Process Tree?',
        ].join('\n') +
        '\n',
    );
    expect(hw.answer).toBe(
      head(list, { c: true }) +
        'Action: a forks b\n' +
        tree('a', '└── b') +
        'Action: b forks c\n' +
        tree('a', '└── b', '    └── c') +
        'Action: c forks d\n' +
        tree('a', '└── b', '    └── c', '        └── d') +
        'Action: b EXITS\n' +
        tree('a', '├── c', '└── d'),
    );
  });
  it('-R keeps d under c', () => {
    const hw = runHomework(F({ localReparent: true }));
    expect(hw.answer.endsWith('Action: b EXITS\n' + tree('a', '└── c', '    └── d'))).toBe(true);
  });
  it('names the bad action of an invalid list, by position', () => {
    const hw = runHomework(F({ actions: 'a+b,x+y' }));
    expect(hw.error).toBe(
      'Action 2, “x+y”, cannot run: bad action (x+y), must be X+Y or X- where X and Y are processes.',
    );
    expect(runHomework(F({ actions: 'a+b,a-' })).error).toBe(
      'Action 2, “a-”, cannot run: root process: cannot exit.',
    );
    expect(runHomework(F({ actions: 'a+b, b-' })).error).toContain('“ b-”');
  });
  it('reports an option fork.py refuses', () => {
    expect(runHomework(F({ actions: '', seed: 'x' })).error).toContain(
      "invalid integer value: 'x'",
    );
    expect(runHomework(F({ forks: '0.0001' })).error).toBe(
      'fork.py stops: fork_percentage must be > 0.001',
    );
  });
});

describe('checking a prediction', () => {
  it('reads indented trees, plain or drawn', () => {
    expect(parseTreeText('a\n  c\n  d\n')).toEqual([
      ['a', 0],
      ['c', 1],
      ['d', 1],
    ]);
    expect(parseTreeText(tree('a', '├── c', '│   └── e', '└── d'))).toEqual([
      ['a', 0],
      ['c', 1],
      ['e', 2],
      ['d', 1],
    ]);
  });
  it('the final tree: right and wrong', () => {
    const hw = runHomework(DEFAULT_FIELDS);
    expect(checkPrediction(DEFAULT_FIELDS, hw, 'a\n  c\n  d')?.right).toBe(true);
    const wrong = checkPrediction(DEFAULT_FIELDS, hw, 'a\n  c\n    d');
    expect(wrong?.right).toBe(false);
    expect(wrong?.text).toMatch(/^Not quite: the final tree is a, c \(depth 1\), d \(depth 1\)/);
    expect(checkPrediction(DEFAULT_FIELDS, hw, '   ')).toBeNull();
  });
  it('-t: the actions, in fork.py or in words', () => {
    const f = F({ showTree: true, actions: 'a+b,b+c,b-' });
    const hw = runHomework(f);
    expect(checkPrediction(f, hw, 'a+b, b+c, b-')?.right).toBe(true);
    expect(checkPrediction(f, hw, 'a forks b\nb forks c\nb EXITS')?.right).toBe(true);
    expect(checkPrediction(f, hw, 'a+b, a+c, b-')?.right).toBe(false);
  });
  it('normalises actions', () => {
    expect(normaliseAction('Action: a forks b')).toBe('a+b');
    expect(normaliseAction('b EXITS (failed: has children)')).toBe('b-');
    expect(normaliseAction('b-junk')).toBe('b-');
    expect(normaliseAction('a + b')).toBe('a+b');
  });
  it('random mode: the generated actions of seed 0 (spec §2.4, see golden.test.ts)', () => {
    expect(runHomework(F({ actions: '', seed: '0', count: '5' })).actions).toEqual([
      'a+b',
      'a+c',
      'b+d',
      'c-',
      'd+e',
    ]);
    expect(runHomework(F({ actions: '', seed: 'z' })).actions).toBeNull();
  });
});

describe('ForkHomework on the server (the page without JavaScript)', () => {
  it('shows the command, the quiz and the answer in a details element', () => {
    const { body } = render(ForkHomework, { props: { id: 'hw' } });
    expect(body).toContain('./fork.py -A a+b,b+c,c+d,b-');
    expect(body).toContain('Process Tree?');
    expect(body).toContain('<details');
    expect(body).toContain('Action: b EXITS');
    expect(body).not.toContain('role="alert"');
  });
});
