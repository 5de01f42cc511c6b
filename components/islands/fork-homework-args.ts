// Pure helpers of the OSTEP fork.py homework island (ForkHomework.svelte): the flags the reader
// chose → fork.py's argv and command line, the model's run as data (the actions, the final tree,
// what stopped it) with the question and the answer as fork.py prints them, and a check of the
// reader's prediction. fork.py's rules live in src/os-model/ostep/fork.ts and its text in
// fork-text.ts; nothing here decides a tree or reads fork.py's text.
import { isBoolean, isString, oneOf, type Shape } from '../sim/persist.ts';
import {
  parseFork,
  PRINT_STYLES,
  solveFork,
  type ForkArgError,
  type ForkOutcome,
  type PrintStyle,
  type TreeNode,
} from '../../src/os-model/ostep/fork.ts';
import { argErrorOutput, outcomeOutput } from '../../src/os-model/ostep/fork-text.ts';
import { collect } from '../../src/os-model/ostep/output.ts';

export type HomeworkFields = {
  /** -A: the action list ('' means random actions from -s, -a, -f) */
  actions: string;
  /** -s, as typed */
  seed: string;
  /** -a, as typed */
  count: string;
  /** -f, as typed */
  forks: string;
  /** -t: show the trees, ask for the actions */
  showTree: boolean;
  /** -F: only the final tree */
  finalOnly: boolean;
  /** -L: only leaves may exit */
  leafOnly: boolean;
  /** -R: orphans go to the exiting process's parent */
  localReparent: boolean;
  /** -P */
  style: PrintStyle;
};

/** The island's starting flags: the spec's first golden action list (ostep-spec §2.3). */
export const DEFAULT_FIELDS: HomeworkFields = {
  actions: 'a+b,b+c,c+d,b-',
  seed: '1',
  count: '5',
  forks: '0.7',
  showTree: false,
  finalOnly: false,
  leafOnly: false,
  localReparent: false,
  style: 'fancy',
};

export { PRINT_STYLES };

/**
 * fork.py's argv for these fields, without `-c` unless `compute`. The action list wins over the
 * random flags as in fork.py, so -s/-a/-f are passed only when no -A is given; -f is passed
 * when it differs from the default (fork.py checks it even with -A). Never fails.
 */
export function buildArgv(f: HomeworkFields, compute: boolean): string[] {
  const argv: string[] = [];
  if (f.actions !== '') argv.push('-A', f.actions);
  else argv.push('-s', f.seed.trim(), '-a', f.count.trim());
  if (f.forks.trim() !== '0.7') argv.push('-f', f.forks.trim());
  if (f.showTree) argv.push('-t');
  if (f.finalOnly) argv.push('-F');
  if (f.leafOnly) argv.push('-L');
  if (f.localReparent) argv.push('-R');
  if (f.style !== 'fancy') argv.push('-P', f.style);
  if (compute) argv.push('-c');
  return argv;
}

/** One argument quoted for a POSIX shell when it needs it. Never fails. */
export function shellQuote(a: string): string {
  return /^[A-Za-z0-9_+,.\-/=:]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The command line a student would type: `./fork.py -A a+b -c`. Never fails. */
export function commandLine(argv: readonly string[]): string {
  return ['./fork.py', ...argv.map(shellQuote)].join(' ');
}

export type Homework = {
  /** what fork.py prints without -c: the quiz */
  question: string;
  /** what fork.py prints with -c: the answer */
  answer: string;
  /** the problem that stopped fork.py, in a sentence, or null */
  error: string | null;
  /** the actions fork.py ran (given or generated), or null when it refused the flags */
  actions: string[] | null;
  /** the tree after the last action, or null when fork.py stopped before the end */
  final: TreeNode | null;
};

/**
 * Runs fork.py for the fields: the question (no -c) and the answer (-c) as fork.py prints them,
 * the actions and the final tree, and when fork.py stops with an error, a sentence naming what
 * is wrong (for an action list: which action). Never fails.
 */
export function runHomework(f: HomeworkFields): Homework {
  const cmd = parseFork(buildArgv(f, false));
  if (cmd.kind !== 'run') {
    const error: ForkArgError =
      cmd.kind === 'error' ? cmd.error : { kind: 'usage', message: 'help was asked for' };
    const text = collect(argErrorOutput(error)).stdout;
    return {
      question: text,
      answer: text,
      error: argErrorSentence(error),
      actions: null,
      final: null,
    };
  }
  const outcome = solveFork(cmd.setup);
  const text = (solve: boolean) => collect(outcomeOutput({ ...cmd.setup, solve }, outcome)).stdout;
  const ran = outcome.kind === 'ran' ? outcome : null;
  return {
    question: text(false),
    answer: text(true),
    error: outcomeSentence(outcome),
    actions: ran && ran.actions,
    final: ran && ran.run.ok ? (ran.run.steps.at(-1)?.tree ?? { name: 'a', children: [] }) : null,
  };
}

function argErrorSentence(error: ForkArgError): string {
  return error.kind === 'usage'
    ? `fork.py stops: ${error.message}`
    : 'fork.py stops: fork_percentage must be > 0.001';
}

function outcomeSentence(outcome: ForkOutcome): string | null {
  if (outcome.kind === 'bad-style') return `fork.py stops: bad style ${outcome.token}`;
  if (outcome.kind === 'nan-forks') return 'fork.py stops: -f nan never generates an action';
  if (outcome.run.ok) return null;
  const { index, action, message } = outcome.run.error;
  return `Action ${index + 1}, “${action}”, cannot run: ${message}.`;
}

/** A tree as (name, depth) pairs in pre-order, the order fork.py prints it. Never fails. */
export function treeRows(t: TreeNode, depth = 0, out: [string, number][] = []): [string, number][] {
  out.push([t.name, depth]);
  for (const c of t.children) treeRows(c, depth + 1, out);
  return out;
}

const DRAWING = /^[\s│├└─|+_`\\-]*/;

/**
 * Reads a tree the reader typed, one process per line, each child indented more than its parent
 * (spaces, or fork.py's own branch characters). A line's depth is the rank of its indentation
 * among all the indentations used. Never fails (a blank text gives []).
 */
export function parseTreeText(text: string): [string, number][] {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '');
  const rows = lines.map((l): [string, number] => {
    const lead = (DRAWING.exec(l) ?? [''])[0].length;
    return [l.slice(lead).trim(), lead];
  });
  const widths = [...new Set(rows.map((r) => r[1]))].sort((a, b) => a - b);
  return rows.map(([name, w]) => [name, widths.indexOf(w)]);
}

/**
 * One action the reader typed, in fork.py's -A form: "a forks b" or "a+b" → "a+b"; "b EXITS",
 * "b exits" or "b-" → "b-". Never fails (anything else is returned trimmed, and will not match).
 */
export function normaliseAction(s: string): string {
  const t = s
    .trim()
    .replace(/^Action:\s*/i, '')
    .replace(/\s*\(failed: has children\)$/i, '');
  let m = /^(\S+)\s+forks\s+(\S+)$/i.exec(t);
  if (m) return `${m[1]}+${m[2]}`;
  m = /^(\S+)\s+exits$/i.exec(t);
  if (m) return `${m[1]}-`;
  m = /^([^+-]+)-.*$/.exec(t);
  if (m) return `${m[1].trim()}-`;
  return t.replace(/\s*\+\s*/, '+');
}

export type Verdict = { right: boolean; text: string };

/**
 * Checks the reader's prediction against the homework of the fields `f`: with -t, the actions
 * (separated by commas or new lines); otherwise the final tree. Null when there is nothing to
 * check (empty prediction or an error). Precondition: `hw` is `runHomework(f)`. Never fails.
 */
export function checkPrediction(
  f: HomeworkFields,
  hw: Homework,
  prediction: string,
): Verdict | null {
  if (prediction.trim() === '' || hw.actions === null || hw.final === null) return null;
  const acts = hw.actions;
  if (f.showTree) {
    const want = acts.map(normaliseAction);
    const got = prediction
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(normaliseAction);
    const right = got.length === want.length && got.every((g, i) => g === want[i]);
    return {
      right,
      text: right
        ? `Right: the actions were ${want.join(', ')}.`
        : `Not quite: the actions were ${want.join(', ')}; you wrote ${got.join(', ') || 'none'}.`,
    };
  }
  const want = treeRows(hw.final);
  const got = parseTreeText(prediction);
  const right =
    got.length === want.length && got.every((g, i) => g[0] === want[i][0] && g[1] === want[i][1]);
  const say = (rows: [string, number][]) =>
    rows.map(([n, d]) => (d === 0 ? n : `${n} (depth ${d})`)).join(', ');
  return {
    right,
    text: right
      ? `Right: the final tree is ${say(want)}.`
      : `Not quite: the final tree is ${say(want)}, in that order; yours reads ${say(got)}.`,
  };
}

/** What a reader's flags must look like to be restored from storage (components/sim/persist.ts). */
export const FIELDS_SHAPE: Shape<HomeworkFields> = {
  actions: isString,
  seed: isString,
  count: isString,
  forks: isString,
  showTree: isBoolean,
  finalOnly: isBoolean,
  leafOnly: isBoolean,
  localReparent: isBoolean,
  style: oneOf(PRINT_STYLES),
};
