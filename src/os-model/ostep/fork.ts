/**
 * OSTEP `fork.py` (cpu-api) as data (ostep-spec §2): the command line read into a setup or an
 * error, the action list (given or generated), and every step with the tree after it.
 * fork-text.ts prints it byte for byte as the original does.
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
 * Option errors are optparse's ('usage' errors, exit code 2); `-h` prints optparse's help as laid
 * out for an 80-column terminal (optparse reads $COLUMNS; the model has no environment).
 */

import { PyRandom } from './mt19937.ts';
import { parseArgs, type OptSpec } from './optparse.ts';
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
export function generateActions(seed: number | bigint, forks: number, count: number): string[] {
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

/** A command line fork.py accepts (the ARG lines print these values). */
export type ForkSetup = {
  /** -s: -1 means unseeded (see Q-F6 above) */
  seed: number | bigint;
  /** -f: the chance that a generated action is a fork */
  forks: number;
  /** -a: the number of generated actions */
  count: number;
  /** -A: the action list as given ('' means generate one) */
  actionList: string;
  /** -t: show the trees, ask for the actions */
  showTree: boolean;
  /** -F: only the final tree */
  justFinal: boolean;
  /** -c: reveal the answers */
  solve: boolean;
  /** -P as given; a style that is not one of {@link PRINT_STYLES} stops at the first tree */
  style: string;
  /** -L and -R */
  options: ForkOptions;
};

/** Why fork.py refuses a command line before printing anything. */
export type ForkArgError =
  /** optparse refused it (unknown option, missing or malformed value); exit code 2 */
  | { kind: 'usage'; message: string }
  /** -f at most 0.001 (checked even with -A); the token is the value as Python's str() */
  | { kind: 'fork-percentage'; flag: '-f'; token: string };

export type ForkCommand =
  { kind: 'help' } | { kind: 'error'; error: ForkArgError } | { kind: 'run'; setup: ForkSetup };

/**
 * What fork.py does with an accepted command line, after printing its ARG lines:
 * 'bad-style' stops at the first tree, 'nan-forks' (random mode with `-f nan`, where the
 * original loops forever) after it, and 'ran' is the action list run as far as it goes.
 */
export type ForkOutcome =
  | { kind: 'bad-style'; flag: '-P'; token: string }
  | { kind: 'nan-forks'; flag: '-f' }
  | { kind: 'ran'; actions: string[]; run: ForkRun };

/** `fork.py <argv>` read as the original reads it (spec §2.1). Never throws. */
export function parseFork(argv: readonly string[]): ForkCommand {
  const parsed = parseArgs(argv, FORK_OPTIONS);
  if (!parsed.ok) return { kind: 'error', error: { kind: 'usage', message: parsed.error } };
  if (parsed.help) return { kind: 'help' };
  const o = parsed.opts;
  const forks = o.fork_percentage as number;
  if (forks <= 0.001) {
    const token = pyStrFloat(forks);
    return { kind: 'error', error: { kind: 'fork-percentage', flag: '-f', token } };
  }
  return {
    kind: 'run',
    setup: {
      seed: o.seed as number | bigint,
      forks,
      count: o.actions as number,
      actionList: o.action_list as string,
      showTree: o.show_tree as boolean,
      justFinal: o.just_final as boolean,
      solve: o.solve as boolean,
      style: o.print_style as string,
      options: { leafOnly: o.leaf_only as boolean, localReparent: o.local_reparent as boolean },
    },
  };
}

/** Runs an accepted command line (spec §2.3–2.4). Never throws. */
export function solveFork(setup: ForkSetup): ForkOutcome {
  if (!(PRINT_STYLES as readonly string[]).includes(setup.style))
    return { kind: 'bad-style', flag: '-P', token: setup.style };
  let actions: string[];
  if (setup.actionList !== '') actions = setup.actionList.split(',');
  else if (Number.isNaN(setup.forks) && setup.count > 0) return { kind: 'nan-forks', flag: '-f' };
  else actions = generateActions(setup.seed, setup.forks, setup.count);
  return { kind: 'ran', actions, run: runForkActions(actions, setup.options) };
}
