/**
 * OSTEP `fork.py` (cpu-api), reproduced byte for byte (ostep-spec §2).
 *
 * fork.py is a quiz about process trees, and its reparenting rules are NOT Unix's: by default an
 * exiting process's whole subtree is flattened under the root `a` (Q-F1), and with `-R` its
 * direct children move to its own parent. Those rules live only in this adapter; the book's
 * kernel reparents to init or a subreaper like Linux does.
 *
 * Deliberate divergences (spec verdicts D):
 * - Q-F6: the original leaves the RNG unseeded when `-s` is -1 (the default), so its random mode
 *   is nondeterministic. The model must be deterministic, so an unseeded run uses
 *   {@link UNSEEDED_FORK_SEED} (`ARG seed -1` is still printed).
 * - Q-F4: a fork whose child name is empty or is the name of a live process corrupts the
 *   original's state; here it stops with a one-line error on stderr and exit code 1 (the output
 *   of the earlier actions is kept).
 * - `-f nan` without `-A` makes the original loop forever; here it is an error (exit 1).
 * Option errors are optparse's: `Usage: fork.py [options]`, a blank line and
 * `fork.py: error: <message>` on stderr, exit code 2; `-h` prints optparse's help as laid out for
 * an 80-column terminal (optparse reads $COLUMNS; the model has no environment).
 */

import { PyRandom } from './mt19937.ts';
import { optparseError, parseArgs, type OptSpec } from './optparse.ts';
import { pyStrFloat } from './pyfmt.ts';

export type TreeNode = { name: string; children: TreeNode[] };

export type PrintStyle = 'basic' | 'line1' | 'line2' | 'fancy';

export const PRINT_STYLES: readonly PrintStyle[] = ['basic', 'line1', 'line2', 'fancy'];

export type ForkOptions = {
  /** `-L`: only leaves may exit; an exit of a process with children fails and changes nothing */
  leafOnly?: boolean;
  /** `-R`: orphans go to the exiting process's parent instead of the root */
  localReparent?: boolean;
};

export type ForkStep = {
  /** the action as given, e.g. 'a+b' or 'b-' */
  action: string;
  /** fork.py's result text: 'a forks b', 'b EXITS', 'b EXITS (failed: has children)' */
  result: string;
  /** the whole tree after the action */
  tree: TreeNode;
};

export type ForkErrorKind = 'bad-action' | 'root-exit' | 'empty-name' | 'duplicate-name';

export type ForkError = {
  kind: ForkErrorKind;
  /** index of the failing action */
  index: number;
  action: string;
  /** the text the original prints ('bad action (...)...', 'root process: cannot exit') or our own */
  message: string;
};

export type ForkRun =
  { ok: true; steps: ForkStep[] } | { ok: false; steps: ForkStep[]; error: ForkError };

/** The root process; fork.py always calls it `a`. */
export const ROOT = 'a';

/** Seed used when fork.py's `-s` is -1 (unseeded in the original; see Q-F6 above). */
export const UNSEEDED_FORK_SEED = 0;

const BASE_NAMES = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The n-th generated process name (n = 0 is 'b'): 'b'…'z', 'A'…'Z', then every 2-letter name
 * 'aa', 'ab', … in that alphabet's order, then 3 letters, as fork.py's `get_name()`.
 */
export function generatedName(n: number): string {
  let index = n + 1; // the 1-letter list starts at index 1, skipping 'a'
  let length = 1;
  let size = BASE_NAMES.length;
  while (index >= size) {
    index -= size;
    length++;
    size *= BASE_NAMES.length;
  }
  let name = '';
  for (let i = 0; i < length; i++) {
    name = BASE_NAMES[index % BASE_NAMES.length] + name;
    index = Math.floor(index / BASE_NAMES.length);
  }
  return name;
}

/**
 * fork.py's random action list (spec §2.4). `rng` is consumed exactly as the original consumes
 * Python's `random`. Precondition: `forks` is not NaN (the original then loops forever when
 * `count` > 0); throws a RangeError otherwise.
 */
export function generateActionsWith(rng: PyRandom, forks: number, count: number): string[] {
  if (Number.isNaN(forks) && count > 0) throw new RangeError('fork percentage is NaN');
  const actions: string[] = [];
  const candidates = [ROOT];
  let made = 0;
  let named = 0;
  while (made < count) {
    if (rng.random() < forks) {
      const parent = rng.choice(candidates);
      const child = generatedName(named++);
      actions.push(`${parent}+${child}`);
      candidates.push(child);
    } else {
      const victim = rng.choice(candidates);
      if (victim === ROOT) continue; // retried: the draws are consumed, the count is not
      candidates.splice(candidates.indexOf(victim), 1);
      actions.push(`${victim}-`);
    }
    made++;
  }
  return actions;
}

/**
 * fork.py's random action list for an integer `seed` (-1 means {@link UNSEEDED_FORK_SEED}),
 * fork probability `forks` and number of actions `count`.
 */
export function generateActions(seed: number, forks: number, count: number): string[] {
  return generateActionsWith(new PyRandom(seed === -1 ? UNSEEDED_FORK_SEED : seed), forks, count);
}

type ForkState = { alive: string[]; children: Map<string, string[]>; parent: Map<string, string> };

function snapshot(s: ForkState, name = ROOT): TreeNode {
  return { name, children: (s.children.get(name) ?? []).map((c) => snapshot(s, c)) };
}

function descendants(s: ForkState, name: string, out: string[]): string[] {
  for (const c of s.children.get(name) ?? []) {
    out.push(c);
    descendants(s, c, out);
  }
  return out;
}

function badAction(item: string): string {
  return `bad action (${item}), must be X+Y or X- where X and Y are processes`;
}

/**
 * Runs fork.py's action list (spec §2.3) from the tree holding only `a`. Returns every step
 * with the tree after it; stops at the first failing action, returning the steps before it and
 * the error (a bad action or a root exit, which the original reports, or a child name that is
 * empty or already alive, which we refuse: Q-F4).
 */
export function runForkActions(actions: readonly string[], options: ForkOptions = {}): ForkRun {
  const s: ForkState = { alive: [ROOT], children: new Map([[ROOT, []]]), parent: new Map() };
  const steps: ForkStep[] = [];
  const fail = (kind: ForkErrorKind, index: number, action: string, message: string): ForkRun => ({
    ok: false,
    steps,
    error: { kind, index, action, message },
  });
  for (let i = 0; i < actions.length; i++) {
    const item = actions[i];
    let result: string;
    if (item.includes('+')) {
      const parts = item.split('+');
      if (parts.length !== 2) return fail('bad-action', i, item, badAction(item));
      const [p, c] = parts;
      if (!s.alive.includes(p)) return fail('bad-action', i, item, badAction(item));
      if (c === '')
        return fail('empty-name', i, item, `fork of ${p} with an empty child name (${item})`);
      if (s.alive.includes(c)) {
        return fail(
          'duplicate-name',
          i,
          item,
          `fork of ${p} reuses the name of live process ${c} (${item})`,
        );
      }
      s.alive.push(c);
      s.children.set(c, []);
      (s.children.get(p) as string[]).push(c);
      s.parent.set(c, p);
      result = `${p} forks ${c}`;
    } else if (item.includes('-')) {
      const parts = item.split('-');
      if (parts.length !== 2) return fail('bad-action', i, item, badAction(item));
      const x = parts[0];
      if (!s.alive.includes(x)) return fail('bad-action', i, item, badAction(item));
      const kids = s.children.get(x) as string[];
      if (options.leafOnly && kids.length > 0) {
        result = `${x} EXITS (failed: has children)`;
      } else if (x === ROOT) {
        return fail('root-exit', i, item, 'root process: cannot exit');
      } else {
        const e = s.parent.get(x) as string;
        s.alive.splice(s.alive.indexOf(x), 1);
        if (options.localReparent) {
          for (const o of kids) {
            s.parent.set(o, e);
            (s.children.get(e) as string[]).push(o);
          }
        } else {
          // fork.py's answer key: the whole subtree is flattened under the root (Q-F1).
          for (const d of descendants(s, x, [])) {
            s.children.set(d, []);
            s.parent.set(d, ROOT);
            (s.children.get(ROOT) as string[]).push(d);
          }
        }
        const siblings = s.children.get(e) as string[];
        siblings.splice(siblings.indexOf(x), 1);
        s.children.delete(x);
        s.parent.delete(x);
        result = `${x} EXITS`;
      }
    } else {
      return fail('bad-action', i, item, badAction(item));
    }
    steps.push({ action: item, result, tree: snapshot(s) });
  }
  return { ok: true, steps };
}

const CHARS: Record<Exclude<PrintStyle, 'basic'>, [string, string, string, string]> = {
  fancy: ['\u2502', '\u2500', '\u251c', '\u2514'],
  line1: ['|', '-', '+', '|'],
  line2: ['|', '_', '|', '|'],
};

const INDENT = ' '.repeat(31);

/**
 * fork.py's tree printout, one string per line without the newline (spec §2.5): a pre-order
 * walk, each line 31 spaces + prefix + name. `basic` indents 3 spaces per level and prints the
 * name `%2s`; the other styles draw branches.
 */
export function renderTree(tree: TreeNode, style: PrintStyle): string[] {
  const lines: string[] = [];
  if (style === 'basic') {
    const walk = (n: TreeNode, depth: number): void => {
      lines.push(INDENT + '   '.repeat(depth) + n.name.padStart(2, ' '));
      for (const c of n.children) walk(c, depth + 1);
    };
    walk(tree, 0);
    return lines;
  }
  const [vertical, horizontal, tee, last] = CHARS[style];
  // ancestorsHaveMore[i]: whether the ancestor at depth i+1 has later siblings
  const walk = (
    n: TreeNode,
    ancestorsHaveMore: boolean[],
    isLast: boolean,
    depth: number,
  ): void => {
    let prefix = '';
    if (depth > 0) {
      for (const more of ancestorsHaveMore) prefix += more ? `${vertical}   ` : '    ';
      prefix += `${isLast ? last : tee}${horizontal}${horizontal} `;
    }
    lines.push(INDENT + prefix + n.name);
    const below = depth > 0 ? [...ancestorsHaveMore, !isLast] : [];
    n.children.forEach((c, i) => walk(c, below, i === n.children.length - 1, depth + 1));
  };
  walk(tree, [], false, 0);
  return lines;
}

const FORK_OPTIONS: OptSpec[] = [
  { short: '-s', long: '--seed', dest: 'seed', kind: 'int', default: -1, big: true },
  { short: '-f', long: '--forks', dest: 'fork_percentage', kind: 'float', default: 0.7 },
  { short: '-A', long: '--action_list', dest: 'action_list', kind: 'string', default: '' },
  { short: '-a', long: '--actions', dest: 'actions', kind: 'int', default: 5 },
  { short: '-t', long: '--show_tree', dest: 'show_tree', kind: 'flag', default: false },
  { short: '-P', long: '--print_style', dest: 'print_style', kind: 'string', default: 'fancy' },
  { short: '-F', long: '--final_only', dest: 'just_final', kind: 'flag', default: false },
  { short: '-L', long: '--leaf_only', dest: 'leaf_only', kind: 'flag', default: false },
  { short: '-R', long: '--local_reparent', dest: 'local_reparent', kind: 'flag', default: false },
  { short: '-c', long: '--compute', dest: 'solve', kind: 'flag', default: false },
];

const HELP_TEXT = `Usage: fork.py [options]

Options:
  -h, --help            show this help message and exit
  -s SEED, --seed=SEED  the random seed
  -f FORK_PERCENTAGE, --forks=FORK_PERCENTAGE
                        percent of actions that are forks (not exits)
  -A ACTION_LIST, --action_list=ACTION_LIST
                        action list, instead of randomly generated ones
                        (format: a+b,b+c,b- means a fork b, b fork c, b exit)
  -a ACTIONS, --actions=ACTIONS
                        number of forks/exits to do
  -t, --show_tree       show tree (not actions)
  -P PRINT_STYLE, --print_style=PRINT_STYLE
                        tree print style (basic, line1, line2, fancy)
  -F, --final_only      just show final state
  -L, --leaf_only       only leaf processes exit
  -R, --local_reparent  reparent to local parent
  -c, --compute         compute answers for me
`;

export type MainResult = { stdout: string; stderr: string; code: number };

const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/**
 * `python3 fork.py <argv>`: the exact stdout and exit code of the original (spec §2), with the
 * divergences listed at the top of this file.
 */
export function forkMain(argv: readonly string[]): MainResult {
  const parsed = parseArgs(argv, FORK_OPTIONS);
  if (!parsed.ok) return optparseError('fork.py', parsed.error);
  if (parsed.help) return { stdout: HELP_TEXT, stderr: '', code: 0 };
  const o = parsed.opts;
  const seed = o.seed as number | bigint;
  const forks = o.fork_percentage as number;
  const count = o.actions as number;
  const actionList = o.action_list as string;
  const showTree = o.show_tree as boolean;
  const justFinal = o.just_final as boolean;
  const solve = o.solve as boolean;
  const style = o.print_style as string;
  const options: ForkOptions = {
    leafOnly: o.leaf_only as boolean,
    localReparent: o.local_reparent as boolean,
  };

  const rng = new PyRandom(seed === -1 ? UNSEEDED_FORK_SEED : seed);
  if (forks <= 0.001) return { stdout: 'fork_percentage must be > 0.001\n', stderr: '', code: 1 };

  let out = '\n';
  out += `ARG seed ${seed}\n`;
  out += `ARG fork_percentage ${pyStrFloat(forks)}\n`;
  out += `ARG actions ${count}\n`;
  out += `ARG action_list ${actionList}\n`;
  out += `ARG show_tree ${pyBool(showTree)}\n`;
  out += `ARG just_final ${pyBool(justFinal)}\n`;
  out += `ARG leaf_only ${pyBool(options.leafOnly === true)}\n`;
  out += `ARG local_reparent ${pyBool(options.localReparent === true)}\n`;
  out += `ARG print_style ${style}\n`;
  out += `ARG solve ${pyBool(solve)}\n`;
  out += '\n';
  out += `${' '.repeat(27)}Process Tree:\n`;
  if (!(PRINT_STYLES as readonly string[]).includes(style)) {
    return { stdout: `${out}${INDENT}bad style ${style}\n`, stderr: '', code: 1 };
  }
  const printStyle = style as PrintStyle;
  const tree = (t: TreeNode): string => renderTree(t, printStyle).join('\n') + '\n';
  out += tree({ name: ROOT, children: [] });
  out += '\n';

  let actions: string[];
  if (actionList !== '') {
    actions = actionList.split(',');
  } else {
    if (Number.isNaN(forks) && count > 0) {
      return { stdout: out, stderr: 'fork.py: error: -f nan never generates an action\n', code: 1 };
    }
    actions = generateActionsWith(rng, forks, count);
  }

  const run = runForkActions(actions, options);
  for (const step of run.steps) {
    if (showTree) {
      out += solve ? `Action: ${step.result}\n` : 'Action?\n';
      if (!justFinal) out += tree(step.tree);
    } else {
      out += `Action: ${step.result}\n`;
      if (!justFinal) out += solve ? tree(step.tree) : 'Process Tree?\n';
    }
  }
  if (!run.ok) {
    const { kind, message } = run.error;
    if (kind === 'bad-action' || kind === 'root-exit')
      return { stdout: `${out}${message}\n`, stderr: '', code: 1 };
    return { stdout: out, stderr: `fork.py: error: ${message}\n`, code: 1 };
  }
  if (justFinal) {
    const final =
      run.steps.length > 0 ? run.steps[run.steps.length - 1].tree : { name: ROOT, children: [] };
    if (showTree || solve) out += `\n${' '.repeat(24)}Final Process Tree:\n${tree(final)}\n`;
    else out += `\n${' '.repeat(24)}Final Process Tree?\n\n`;
  }
  return { stdout: out, stderr: '', code: 0 };
}
