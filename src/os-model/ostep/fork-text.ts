// fork.py's exact text (../shared/ostep-spec.md §2.5), rendered from fork.ts's data: the ARG
// lines, the trees in the four print styles, each action's result or question, the final tree,
// the original's own error messages and optparse's help. Nothing here decides a tree.
import {
  parseFork,
  ROOT,
  solveFork,
  type ForkArgError,
  type ForkOutcome,
  type ForkSetup,
  type PrintStyle,
  type TreeNode,
} from './fork.ts';
import { optparseError } from './optparse.ts';
import { textOutput, type OstepOutput } from './output.ts';
import { pyStrFloat } from './pyfmt.ts';

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

const FORK_HELP = `Usage: fork.py [options]

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

const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** The ARG lines and the `Process Tree:` heading, printed before anything can fail. */
function header(setup: ForkSetup): string {
  return (
    '\n' +
    `ARG seed ${setup.seed}\n` +
    `ARG fork_percentage ${pyStrFloat(setup.forks)}\n` +
    `ARG actions ${setup.count}\n` +
    `ARG action_list ${setup.actionList}\n` +
    `ARG show_tree ${pyBool(setup.showTree)}\n` +
    `ARG just_final ${pyBool(setup.justFinal)}\n` +
    `ARG leaf_only ${pyBool(setup.options.leafOnly === true)}\n` +
    `ARG local_reparent ${pyBool(setup.options.localReparent === true)}\n` +
    `ARG print_style ${setup.style}\n` +
    `ARG solve ${pyBool(setup.solve)}\n` +
    '\n' +
    `${' '.repeat(27)}Process Tree:\n`
  );
}

/** What fork.py prints for an error found before it prints anything. */
export function argErrorOutput(error: ForkArgError): OstepOutput {
  if (error.kind === 'fork-percentage')
    return textOutput('fork_percentage must be > 0.001\n', '', 1);
  const e = optparseError('fork.py', error.message);
  return textOutput(e.stdout, e.stderr, e.code);
}

/**
 * fork.py's output for an accepted command line and what it did (spec §2.5): the ARG lines, the
 * first tree, one block per action as `-t`, `-F` and `-c` ask, the final tree, and where the run
 * stopped, the original's message (stdout) or ours (stderr, for the divergences of fork.ts).
 */
export function outcomeOutput(setup: ForkSetup, outcome: ForkOutcome): OstepOutput {
  let out = header(setup);
  if (outcome.kind === 'bad-style')
    return textOutput(`${out}${INDENT}bad style ${outcome.token}\n`, '', 1);
  const style = setup.style as PrintStyle;
  const tree = (t: TreeNode): string => renderTree(t, style).join('\n') + '\n';
  out += tree({ name: ROOT, children: [] }) + '\n';
  if (outcome.kind === 'nan-forks')
    return textOutput(out, 'fork.py: error: -f nan never generates an action\n', 1);
  const { run } = outcome;
  for (const step of run.steps) {
    if (setup.showTree) {
      out += setup.solve ? `Action: ${step.result}\n` : 'Action?\n';
      if (!setup.justFinal) out += tree(step.tree);
    } else {
      out += `Action: ${step.result}\n`;
      if (!setup.justFinal) out += setup.solve ? tree(step.tree) : 'Process Tree?\n';
    }
  }
  if (!run.ok) {
    const { kind, message } = run.error;
    if (kind === 'bad-action' || kind === 'root-exit')
      return textOutput(`${out}${message}\n`, '', 1);
    return textOutput(out, `fork.py: error: ${message}\n`, 1);
  }
  if (setup.justFinal) {
    const final = run.steps.at(-1)?.tree ?? { name: ROOT, children: [] };
    if (setup.showTree || setup.solve)
      out += `\n${' '.repeat(24)}Final Process Tree:\n${tree(final)}\n`;
    else out += `\n${' '.repeat(24)}Final Process Tree?\n\n`;
  }
  return textOutput(out);
}

/**
 * `python3 fork.py <argv>`: the exact stdout and exit code of the original (spec §2), with the
 * divergences listed in fork.ts. Never throws.
 */
export function forkMain(argv: readonly string[]): OstepOutput {
  const cmd = parseFork(argv);
  if (cmd.kind === 'help') return textOutput(FORK_HELP);
  if (cmd.kind === 'error') return argErrorOutput(cmd.error);
  return outcomeOutput(cmd.setup, solveFork(cmd.setup));
}
