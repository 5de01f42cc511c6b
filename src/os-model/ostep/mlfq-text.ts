// mlfq.py's exact text (../shared/ostep-spec-2.md §1.4-1.6), rendered from mlfq.ts's data: the
// inputs, the job list, the homework's instructions or the execution trace and the final
// statistics, the original's own messages and optparse's help. Where the original crashes or
// loops for ever (see mlfq.ts), what it printed before stays on stdout and one line on stderr
// says why, with exit code 1. The trace is printed as the kernel runs it, so stderr and the exit
// code are known only once stdout has been read (they are getters).
import {
  mlfqTrace,
  parseMlfq,
  type MlfqEnd,
  type MlfqError,
  type MlfqSetup,
  type TraceRow,
} from './mlfq.ts';
import { optparseError } from './optparse.ts';
import { textOutput, type OstepOutput } from './output.ts';
import { pyD, pyFixed } from './pyfmt.ts';

export const MLFQ_HELP = `Usage: mlfq.py [options]

Options:
  -h, --help            show this help message and exit
  -s SEED, --seed=SEED  the random seed
  -n NUMQUEUES, --numQueues=NUMQUEUES
                        number of queues in MLFQ (if not using -Q)
  -q QUANTUM, --quantum=QUANTUM
                        length of time slice (if not using -Q)
  -a ALLOTMENT, --allotment=ALLOTMENT
                        length of allotment (if not using -A)
  -Q QUANTUMLIST, --quantumList=QUANTUMLIST
                        length of time slice per queue level, specified as
                        x,y,z,... where x is the quantum length for the
                        highest priority queue, y the next highest, and so
                        forth
  -A ALLOTMENTLIST, --allotmentList=ALLOTMENTLIST
                        length of time allotment per queue level, specified as
                        x,y,z,... where x is the # of time slices for the
                        highest priority queue, y the next highest, and so
                        forth
  -j NUMJOBS, --numJobs=NUMJOBS
                        number of jobs in the system
  -m MAXLEN, --maxlen=MAXLEN
                        max run-time of a job (if randomly generating)
  -M MAXIO, --maxio=MAXIO
                        max I/O frequency of a job (if randomly generating)
  -B BOOST, --boost=BOOST
                        how often to boost the priority of all jobs back to
                        high priority
  -i IOTIME, --iotime=IOTIME
                        how long an I/O should last (fixed constant)
  -S, --stay            reset and stay at same priority level when issuing I/O
  -I, --iobump          if specified, jobs that finished I/O move immediately
                        to front of current queue
  -l JLIST, --jlist=JLIST
                        a comma-separated list of jobs to run, in the form
                        x1,y1,z1:x2,y2,z2:... where x is start time, y is run
                        time, and z is how often the job issues an I/O request
  -c                    compute answers for me
`;

const py = (b: boolean): string => (b ? 'True' : 'False');

/** The inputs and the job list (spec §1.4). */
export function headerText(s: MlfqSetup): string {
  let out = `Here is the list of inputs:\nOPTIONS jobs ${s.jobs.length}\nOPTIONS queues ${s.nq}\n`;
  for (let i = s.nq - 1; i >= 0; i--) {
    out += `OPTIONS allotments for queue ${pyD(i, 2)} is ${pyD(s.allots[i], 3)}\n`;
    out += `OPTIONS quantum length for queue ${pyD(i, 2)} is ${pyD(s.quanta[i], 3)}\n`;
  }
  out +=
    `OPTIONS boost ${s.boost}\nOPTIONS ioTime ${s.ioTime}\n` +
    `OPTIONS stayAfterIO ${py(s.stay)}\nOPTIONS iobump ${py(s.iobump)}\n\n\n` +
    'For each job, three defining characteristics are given:\n' +
    '  startTime : at what time does the job enter the system\n' +
    '  runTime   : the total CPU time needed by the job to finish\n' +
    '  ioFreq    : every ioFreq time units, the job issues an I/O\n' +
    '              (the I/O takes ioTime units to complete)\n\n' +
    'Job List:\n';
  for (const j of s.jobs)
    out += `  Job ${pyD(j.id, 2)}: startTime ${pyD(j.start, 3)} - runTime ${pyD(j.run, 3)} - ioFreq ${pyD(j.io, 3)}\n`;
  return out + '\n';
}

const HOMEWORK =
  'Compute the execution trace for the given workloads.\n' +
  'If you would like, also compute the response and turnaround\n' +
  'times for each of the jobs.\n\n' +
  'Use the -c flag to get the exact results when you are finished.\n\n';

/** One trace row as mlfq.py prints it (spec §1.5). */
export function rowText(r: TraceRow): string {
  switch (r.kind) {
    case 'boost':
      return `[ time ${r.t} ] BOOST ( every ${r.every} )\n`;
    case 'begins':
      return `[ time ${r.t} ] JOB BEGINS by JOB ${r.job}\n`;
    case 'io-done':
      return `[ time ${r.t} ] IO_DONE by JOB ${r.job}\n`;
    case 'idle':
      return `[ time ${r.t} ] IDLE\n`;
    case 'run':
      return `[ time ${r.t} ] Run JOB ${r.job} at PRIORITY ${r.pri} [ TICKS ${r.ticks} ALLOT ${r.allot} TIME ${r.left} (of ${r.run}) ]\n`;
    case 'finished':
      return `[ time ${r.t} ] FINISHED JOB ${r.job}\n`;
    case 'io-start':
      // sic: the original prints IO DONE as the I/O starts
      return `[ time ${r.t} ] IO_START by JOB ${r.job}\nIO DONE\n`;
  }
}

/** The final statistics (spec §1.6). Precondition: end.kind is 'done'. */
export function statsText(end: Extract<MlfqEnd, { kind: 'done' }>): string {
  let out = '\nFinal statistics:\n';
  for (const s of end.stats)
    out += `  Job ${pyD(s.job, 2)}: startTime ${pyD(s.start, 3)} - response ${pyD(s.response, 3)} - turnaround ${pyD(s.turnaround, 3)}\n`;
  const last = end.stats.length - 1;
  return (
    out +
    `\n  Avg ${pyD(last, 2)}: startTime n/a - response ${pyFixed(end.avgResponse, 2)} - turnaround ${pyFixed(end.avgTurnaround, 2)}\n\n\n`
  );
}

/** Rows gathered into one chunk of output. */
const CHUNK = 256;

function* solutionText(setup: MlfqSetup, end: (e: MlfqEnd) => void): Generator<string, void, void> {
  yield headerText(setup) + '\nExecution Trace:\n\n';
  const rows = mlfqTrace(setup);
  let buf = '';
  let n = 0;
  let r = rows.next();
  for (; !r.done; r = rows.next()) {
    buf += rowText(r.value);
    if (++n === CHUNK) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (r.value.kind === 'done') buf += statsText(r.value);
  if (r.value.kind === 'no-jobs') buf += '\nFinal statistics:\n';
  if (buf !== '') yield buf;
  end(r.value);
}

/** What mlfq.py prints for a command line it refuses. */
function errorOutput(error: MlfqError): OstepOutput {
  switch (error.kind) {
    case 'usage': {
      const e = optparseError('mlfq.py', error.message);
      return textOutput(e.stdout, e.stderr, e.code);
    }
    case 'allotment-count':
      return textOutput('number of allotments specified must match number of quantums\n', '', 1);
    case 'allotment-positive':
      return textOutput('allotment must be positive integer\n', '', 1);
    case 'job-format':
      return textOutput(
        'Badly formatted job string. Should be x1,y1,z1:x2,y2,z2:...\n' +
          'where x is the startTime, y is the runTime, and z is the I/O frequency.\n',
        '',
        1,
      );
    case 'bad-number':
      return textOutput(
        '',
        `mlfq.py: error: ${error.flag} item ${JSON.stringify(error.token)} is not an integer\n`,
        1,
      );
    case 'no-queues':
      return textOutput(
        '',
        `mlfq.py: error: -n ${error.token} leaves no queue to put a job in\n`,
        1,
      );
  }
}

/** What stderr says, and the exit code, for how the trace ended. */
function ending(e: MlfqEnd | null): { stderr: string; code: number } {
  if (e === null || e.kind === 'done') return { stderr: '', code: 0 };
  if (e.kind === 'abort') return { stderr: `${e.message}\n`, code: 1 };
  if (e.kind === 'no-jobs')
    return { stderr: 'mlfq.py: error: there are no jobs to average over\n', code: 1 };
  return { stderr: `mlfq.py: error: ${e.message}\n`, code: 1 };
}

/** `python3 mlfq.py <argv>`: stdout (produced as it is read), stderr and exit code. */
export function mlfqMain(argv: readonly string[]): OstepOutput {
  const cmd = parseMlfq(argv);
  if (cmd.kind === 'help') return textOutput(MLFQ_HELP);
  if (cmd.kind === 'error') return errorOutput(cmd.error);
  const setup = cmd.setup;
  if (!setup.solve) return textOutput(headerText(setup) + HOMEWORK);
  let ended: MlfqEnd | null = null;
  return {
    stdout: solutionText(setup, (e) => (ended = e)),
    get stderr() {
      return ending(ended).stderr;
    },
    get code() {
      return ending(ended).code;
    },
  };
}
