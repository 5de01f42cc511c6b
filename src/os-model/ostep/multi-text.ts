// multi.py's exact text (../shared/ostep-spec-2.md §3.2-3.7), rendered from multi.ts's data: the
// ARG lines, the jobs, the queues, the per-tick trace (with -t, -T, -C, -S), the final statistics
// (-c), the original's own messages and optparse's help. Where the original crashes or runs for
// ever (see multi.ts), what it printed before stays on stdout and one line on stderr says why,
// with exit code 1. The simulation runs as stdout is read, so stderr and the exit code are known
// only once stdout has been read (they are getters).
import {
  multiRun,
  parseMulti,
  startQueues,
  type MultiEnd,
  type MultiJob,
  type MultiQueues,
  type MultiRow,
  type MultiSetup,
  type MultiStop,
} from './multi.ts';
import { optparseError } from './optparse.ts';
import { textOutput, type OstepOutput } from './output.ts';
import { pyD, pyFixed, pyRepr, rjust } from './pyfmt.ts';

export const MULTI_HELP = `Usage: multi.py [options]

Options:
  -h, --help            show this help message and exit
  -s SEED, --seed=SEED  the random seed
  -j JOB_NUM, --job_num=JOB_NUM
                        number of jobs in the system
  -R MAX_RUN, --max_run=MAX_RUN
                        max run time of random-gen jobs
  -W MAX_WSET, --max_wset=MAX_WSET
                        max working set of random-gen jobs
  -L JOB_LIST, --job_list=JOB_LIST
                        provide a comma-separated list of
                        job_name:run_time:working_set_size (e.g.,
                        a:10:100,b:10:50 means 2 jobs with run-times of 10,
                        the first (a) with working set size=100, second (b)
                        with working set size=50)
  -p, --per_cpu_queues  per-CPU scheduling queues (not one)
  -A AFFINITY, --affinity=AFFINITY
                        a list of jobs and which CPUs they can run on (e.g.,
                        a:0.1.2,b:0.1 allows job a to run on CPUs 0,1,2 but b
                        only on CPUs 0 and 1
  -n NUM_CPUS, --num_cpus=NUM_CPUS
                        number of CPUs
  -q TIME_SLICE, --quantum=TIME_SLICE
                        length of time slice
  -P PEEK_INTERVAL, --peek_interval=PEEK_INTERVAL
                        for per-cpu scheduling, how often to peek at other
                        schedule queue; 0 turns this off
  -w WARMUP_TIME, --warmup_time=WARMUP_TIME
                        time it takes to warm cache
  -r WARM_RATE, --warm_rate=WARM_RATE
                        how much faster to run with warm cache
  -M CACHE_SIZE, --cache_size=CACHE_SIZE
                        cache size
  -o, --rand_order      has CPUs get jobs in random order
  -t, --trace           enable basic tracing (show which jobs got scheduled)
  -T, --trace_time_left
                        trace time left for each job
  -C, --trace_cache     trace cache status (warm/cold) too
  -S, --trace_sched     trace scheduler state
  -c, --compute         compute answers for me
`;

/** Python's str() of an ARG value. */
const pyStr = (v: string | number | bigint | boolean): string =>
  typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);

/** Python's repr() of a list of strings (spec §3.4). */
export const pyListRepr = (names: readonly string[]): string => `[${names.map(pyRepr).join(', ')}]`;

/** The ARG lines, the job lines and what the original stops with, if it does (spec §3.2, §3.3). */
export function headerText(setup: MultiSetup): string {
  let out = '';
  for (const [label, value] of setup.args) out += `ARG ${label} ${pyStr(value)}\n`;
  out += '\n';
  const jobLine = (j: MultiJob) =>
    `Job name:${j.name} run_time:${pyD(j.run)} working_set_size:${pyD(j.wset)}\n`;
  const stop = setup.stop;
  for (const j of setup.jobs) out += jobLine(j);
  if (
    stop === null ||
    stop.kind === 'bad-affinity' ||
    stop.kind === 'unknown-job' ||
    stop.kind === 'bad-cpu' ||
    (stop.kind === 'crash' && stop.flag === '-A')
  )
    out += '\n';
  if (stop !== null) out += stopText(stop);
  return out;
}

/** The original's own message for a stop (crashes print nothing more on stdout). */
function stopText(stop: MultiStop): string {
  switch (stop.kind) {
    case 'bad-job':
      return `bad job description [${stop.token}]: needs triple of name:runtime:working_set_size\n`;
    case 'repeated-name':
      return `repeated job name ${stop.token}\n`;
    case 'bad-affinity':
      return `bad affinity spec ${stop.token}\n`;
    case 'unknown-job':
      return `job name ${stop.token} in affinity list does not exist\n`;
    case 'bad-cpu':
      return `bad cpu ${stop.cpu} specified in affinity ${stop.token}\n`;
    case 'crash':
      return '';
  }
}

/** The queue lines (spec §3.4). */
export function queuesText(queues: MultiQueues): string {
  if ('central' in queues) return `Scheduler central queue: ${pyListRepr(queues.central)}\n\n`;
  return (
    queues.perCpu.map((q, cpu) => `Scheduler CPU ${cpu} queue: ${pyListRepr(q)}\n`).join('') + '\n'
  );
}

/** Builds trace lines for one setup (the dashes' width depends on the CPUs, jobs and flags). */
export class RowPrinter {
  private readonly dashes: string;
  private readonly setup: MultiSetup;
  constructor(setup: MultiSetup) {
    this.setup = setup;
    const n = setup.ncpu;
    let d = 3 + 7 * n;
    if (setup.traceLeft) d += 6 * n;
    if (setup.traceCache) d += 8 * n + setup.jobs.length * n;
    this.dashes = '-'.repeat(Math.max(0, d)) + '\n';
  }

  /** One tick's text (empty without a trace). */
  text(row: MultiRow): string {
    const s = this.setup;
    if (!s.trace) return '';
    let out = row.interrupt ? this.dashes : '';
    out += ` ${pyD(row.t, 3)}   `;
    for (const c of row.cells) {
      if (c.job === null) out += s.traceLeft ? '- [   ] ' : '- ';
      else out += s.traceLeft ? `${c.job} [${pyD(c.left, 3)}] ` : `${c.job} `;
      if (c.cut) break;
      if (s.traceCache) out += `cache[${c.cache}]`;
      out += '     ';
    }
    if (!row.complete) return out;
    if (s.traceSched) {
      if (s.perCpu) {
        row.queues.forEach((q, cpu) => {
          out += `Q${cpu}: ${q.map((name) => `${name} `).join('')}  `;
        });
        out += '    ';
      } else out += `Q: ${row.queues[0].map((name) => `${name} `).join('')}    `;
    }
    return out + '\n';
  }
}

/** The final statistics (spec §3.7). */
export function statsText(end: Extract<MultiEnd, { kind: 'done' }>): string {
  let out = `\nFinished time ${end.now}\n\nPer-CPU stats\n`;
  for (const s of end.stats) {
    const util = rjust(pyFixed((100.0 * s.ran) / end.now, 2), 3);
    const warm = rjust(pyFixed((100.0 * s.ranWarm) / end.now, 2), 3);
    out += `  CPU ${s.cpu}  utilization ${util} [ warm ${warm} ]\n`;
  }
  return out + '\n';
}

/** Characters gathered before a chunk of output is handed over. */
const CHUNK = 1 << 16;

function* runText(setup: MultiSetup, end: (e: MultiEnd) => void): Generator<string, void, void> {
  const head = headerText(setup);
  const queues = startQueues(setup);
  if (queues === null) {
    yield head;
    end({
      kind: 'forever',
      message: `-n ${setup.ncpu} leaves no CPU to deal the jobs to, so the original deals for ever`,
    });
    return;
  }
  yield head + queuesText(queues);
  const printer = new RowPrinter(setup);
  const rows = multiRun(setup, queues);
  let buf = '';
  let r = rows.next();
  for (; !r.done; r = rows.next()) {
    buf += printer.text(r.value);
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (r.value.kind === 'done' && setup.solve) buf += statsText(r.value);
  if (buf !== '') yield buf;
  end(r.value);
}

/** stderr and the exit code for how the run ended. */
function ending(e: MultiEnd | null): { stderr: string; code: number } {
  if (e === null || e.kind === 'done') return { stderr: '', code: 0 };
  return { stderr: `multi.py: error: ${e.message}\n`, code: 1 };
}

/** `python3 multi.py <argv>`: stdout (produced as it is read), stderr and exit code. */
export function multiMain(argv: readonly string[]): OstepOutput {
  const cmd = parseMulti(argv);
  if (cmd.kind === 'help') return textOutput(MULTI_HELP);
  if (cmd.kind === 'error') {
    const e = optparseError('multi.py', cmd.error.message);
    return textOutput(e.stdout, e.stderr, e.code);
  }
  const setup = cmd.setup;
  if (setup.stop !== null) {
    const stop = setup.stop;
    return textOutput(
      headerText(setup),
      stop.kind === 'crash' ? `multi.py: error: ${stop.message}\n` : '',
      1,
    );
  }
  let ended: MultiEnd | null = null;
  return {
    stdout: runText(setup, (e) => (ended = e)),
    get stderr() {
      return ending(ended).stderr;
    },
    get code() {
      return ending(ended).code;
    },
  };
}
