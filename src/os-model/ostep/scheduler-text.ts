// scheduler.py's exact text (../shared/ostep-spec.md §3.3), rendered from scheduler.ts's data:
// the ARG lines, the job list, the homework's instructions or the solution (execution trace,
// final statistics, averages), the original's own messages and optparse's help. Where the
// original crashes with a traceback (see scheduler.ts), what it printed before stays on stdout
// and one line on stderr says why, with exit code 1.
import { optparseError } from './optparse.ts';
import { textOutput, type OstepOutput } from './output.ts';
import { pyD, pyFixed, pyStrFloat } from './pyfmt.ts';
import {
  parseScheduler,
  solveScheduler,
  type JobStat,
  type SchedError,
  type SchedSetup,
  type SchedSolution,
} from './scheduler.ts';

const SCHEDULER_HELP = `Usage: scheduler.py [options]

Options:
  -h, --help            show this help message and exit
  -s SEED, --seed=SEED  the random seed
  -j JOBS, --jobs=JOBS  number of jobs in the system
  -l JLIST, --jlist=JLIST
                        instead of random jobs, provide a comma-separated list
                        of run times
  -m MAXLEN, --maxlen=MAXLEN
                        max length of job
  -p POLICY, --policy=POLICY
                        sched policy to use: SJF, FIFO, RR
  -q QUANTUM, --quantum=QUANTUM
                        length of time slice for RR policy
  -c                    compute answers for me
`;

const JOB_LIST = '\nHere is the job list, with the run time of each job: \n';

/** The ARG lines and the job list (spec §3.3). */
function header(setup: SchedSetup): string {
  let out = `ARG policy ${setup.policy}\n`;
  if (setup.jlist === '')
    out += `ARG jobs ${setup.jobs}\nARG maxlen ${setup.maxlen}\nARG seed ${setup.seed}\n`;
  else out += `ARG jlist ${setup.jlist}\n`;
  out += JOB_LIST;
  // random lengths are Python ints ('5'), -l lengths are floats ('5.0')
  const shown = setup.jlist === '' ? String : pyStrFloat;
  setup.lengths.forEach((len, j) => (out += `  Job ${j} ( length = ${shown(len)} )\n`));
  return out + '\n\n';
}

const HOMEWORK =
  'Compute the turnaround time, response time, and wait time for each job.\n' +
  'When you are done, run this program again, with the same arguments,\n' +
  'but with -c, which will thus provide you with the answers. You can use\n' +
  '-s <somenumber> or your own job list (-l 10,15,20 for example)\n' +
  'to generate different problems for yourself.\n\n';

const fixed = (x: number): string => pyFixed(x, 2);

const statLine = (s: JobStat): string =>
  `  Job ${pyD(s.id, 3)} -- Response: ${fixed(s.response)}  Turnaround ${fixed(s.turnaround)}  Wait ${fixed(s.wait)}\n`;

/** What -c prints after `** Solutions **`, and the error where the original crashes. */
function solutionText(
  setup: SchedSetup,
  solution: SchedSolution,
): { text: string; error?: string } {
  switch (solution.kind) {
    case 'unknown-policy':
      return { text: `Error: Policy ${solution.token} is not available.\n` };
    case 'no-jobs':
      return {
        text: 'Execution trace:\n\nFinal statistics:\n',
        error: 'there are no jobs, so there is no average to compute',
      };
    case 'bad-quantum':
      return { text: '', error: `the RR quantum must be at least 1, not ${solution.token}` };
    case 'too-long':
      return { text: '', error: 'the jobs are too long for this quantum to simulate' };
    case 'solved': {
      let text = 'Execution trace:\n';
      const rr = setup.policy === 'RR';
      for (const s of solution.slices) {
        // '%3d' of an infinite or NaN start time raises in the original
        if (!Number.isFinite(s.start))
          return {
            text,
            error: 'a start time is infinite or not a number, which %3d cannot print',
          };
        const head = `  [ time ${pyD(s.start, 3)} ] Run job ${pyD(s.job, rr ? 3 : 0)} for ${fixed(s.ran)} secs`;
        text += s.done ? `${head} ( DONE at ${fixed(s.start + s.ran)} )\n` : `${head}\n`;
      }
      text += '\nFinal statistics:\n';
      for (const s of solution.stats) text += statLine(s);
      const a = solution.average;
      text += `\n  Average -- Response: ${fixed(a.response)}  Turnaround ${fixed(a.turnaround)}  Wait ${fixed(a.wait)}\n\n`;
      return { text };
    }
  }
}

/** What scheduler.py prints for a command line it refuses. */
function errorOutput(error: SchedError): OstepOutput {
  if (error.kind === 'usage') {
    const e = optparseError('scheduler.py', error.message);
    return textOutput(e.stdout, e.stderr, e.code);
  }
  return textOutput(
    `ARG policy ${error.policy}\nARG jlist ${error.jlist}\n${JOB_LIST}`,
    `scheduler.py: error: bad job length ${JSON.stringify(error.token)} in -l\n`,
    1,
  );
}

/**
 * scheduler.py's output for an accepted command line: the homework, or with -c its solution.
 * Precondition: `solution` is `solveScheduler(setup)` when `setup.solve`, else null.
 */
function setupOutput(setup: SchedSetup, solution: SchedSolution | null): OstepOutput {
  const out = header(setup);
  if (solution === null) return textOutput(out + HOMEWORK);
  const { text, error } = solutionText(setup, solution);
  const stdout = `${out}** Solutions **\n\n${text}`;
  return error ? textOutput(stdout, `scheduler.py: error: ${error}\n`, 1) : textOutput(stdout);
}

/** `python3 scheduler.py <argv>`: stdout, stderr and exit code. Never throws. */
export function schedulerMain(argv: readonly string[]): OstepOutput {
  const cmd = parseScheduler(argv);
  if (cmd.kind === 'help') return textOutput(SCHEDULER_HELP);
  if (cmd.kind === 'error') return errorOutput(cmd.error);
  return setupOutput(cmd.setup, cmd.setup.solve ? solveScheduler(cmd.setup) : null);
}
