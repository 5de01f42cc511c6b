// lottery.py's exact text (../shared/ostep-spec-2.md §2.2-2.4), rendered from lottery.ts's data:
// the ARG lines, the job list, the homework's random numbers or the solution round by round,
// and optparse's help. Where the original crashes or draws for ever (see lottery.ts), what it
// printed before stays on stdout and one line on stderr says why, with exit code 1. The rounds
// are printed as the kernel plays them, so stderr and the exit code are known only once stdout
// has been read (they are getters).
import {
  homeworkNumbers,
  lotteryRounds,
  parseLottery,
  type LotteryArgs,
  type LotteryEnd,
  type LotteryError,
  type LotterySetup,
  type Round,
} from './lottery.ts';
import { optparseError } from './optparse.ts';
import { textOutput, type OstepOutput } from './output.ts';

export const LOTTERY_HELP = `Usage: lottery.py [options]

Options:
  -h, --help            show this help message and exit
  -s SEED, --seed=SEED  the random seed
  -j JOBS, --jobs=JOBS  number of jobs in the system
  -l JLIST, --jlist=JLIST
                        instead of random jobs, provide a comma-separated list
                        of run times and ticket values (e.g., 10:100,20:100
                        would have two jobs with run-times of 10 and 20, each
                        with 100 tickets)
  -m MAXLEN, --maxlen=MAXLEN
                        max length of job
  -T MAXTICKET, --maxticket=MAXTICKET
                        maximum ticket value, if randomly assigned
  -q QUANTUM, --quantum=QUANTUM
                        length of time slice
  -c, --compute         compute answers for me
`;

/** The ARG lines and the job-list heading (spec §2.2). */
function argText(a: LotteryArgs): string {
  return (
    `ARG jlist ${a.jlist}\nARG jobs ${a.jobs}\nARG maxlen ${a.maxlen}\n` +
    `ARG maxticket ${a.maxticket}\nARG quantum ${a.quantum}\nARG seed ${a.seed}\n\n` +
    'Here is the job list, with the run time of each job: \n'
  );
}

/** The whole part 1: ARG lines, the jobs and two blank lines. */
export function headerText(setup: LotterySetup): string {
  let out = argText(setup.args);
  for (const j of setup.jobs)
    out += `  Job ${j.id} ( length = ${j.length}, tickets = ${j.tickets} )\n`;
  return out + '\n\n';
}

/** One round as lottery.py prints it (spec §2.4). */
export function roundText(r: Round): string {
  let out = `Random ${r.r} -> Winning ticket ${r.ticket} (of ${r.total}) -> Run ${r.winner}\n  Jobs:\n`;
  for (const j of r.jobs)
    out += ` (${j.id === r.winner ? '*' : ' '} job:${j.id} timeleft:${j.left} tix:${j.left > 0 ? j.tickets : '---'} ) `;
  out += '\n';
  if (r.done !== null) out += `--> JOB ${r.winner} DONE at time ${r.done}\n`;
  return out;
}

/** Lines gathered into one chunk of output. */
const CHUNK = 256;

/** The homework's random numbers (no -c), in chunks. */
function* homeworkText(setup: LotterySetup): Generator<string, void, void> {
  yield headerText(setup) + 'Here is the set of random numbers you will need (at most):\n';
  let buf = '';
  let n = 0;
  for (const r of homeworkNumbers(setup)) {
    buf += `Random ${r}\n`;
    if (++n === CHUNK) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (buf !== '') yield buf;
}

/** The solution (-c), in chunks; `end` receives how the rounds ended. */
function* solutionText(
  setup: LotterySetup,
  end: (e: LotteryEnd) => void,
): Generator<string, void, void> {
  yield headerText(setup) + '** Solutions **\n\n';
  const rounds = lotteryRounds(setup);
  let buf = '';
  let n = 0;
  let r = rounds.next();
  for (; !r.done; r = rounds.next()) {
    buf += roundText(r.value);
    if (++n === CHUNK) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (r.value.kind === 'finished') buf += '\n';
  if (buf !== '') yield buf;
  end(r.value);
}

/** What lottery.py prints for a command line it refuses or cannot finish reading. */
function errorOutput(error: LotteryError): OstepOutput {
  switch (error.kind) {
    case 'usage': {
      const e = optparseError('lottery.py', error.message);
      return textOutput(e.stdout, e.stderr, e.code);
    }
    case 'bad-job':
      return textOutput(
        argText(error.args),
        `lottery.py: error: -l item ${JSON.stringify(error.token)} is not run:tickets with two integers\n`,
        1,
      );
    case 'no-random-job':
      return textOutput(
        argText(error.args),
        `lottery.py: error: with ${error.flag} ${error.token} every random draw is 0, so the original never finishes making a job\n`,
        1,
      );
  }
}

/** `python3 lottery.py <argv>`: stdout (produced as it is read), stderr and exit code. */
export function lotteryMain(argv: readonly string[]): OstepOutput {
  const cmd = parseLottery(argv);
  if (cmd.kind === 'help') return textOutput(LOTTERY_HELP);
  if (cmd.kind === 'error') return errorOutput(cmd.error);
  const setup = cmd.setup;
  if (!setup.solve) return { stdout: homeworkText(setup), stderr: '', code: 0 };
  let ended: LotteryEnd | null = null;
  return {
    stdout: solutionText(setup, (e) => (ended = e)),
    get stderr() {
      const e = ended as LotteryEnd | null;
      return e?.kind === 'stopped' ? `lottery.py: error: ${e.message}\n` : '';
    },
    get code() {
      return (ended as LotteryEnd | null)?.kind === 'stopped' ? 1 : 0;
    },
  };
}
