// Chapter 3's rule-tracing scheduler: FIFO, SJF, STCF and round robin on one CPU, over jobs that
// arrive at given ticks and may do I/O, with every decision logged beside the rule that made it.
// It is a teaching model of the four textbook policies (OSTEP chapter 7), small enough to state
// every rule in a sentence; trace.test.ts checks it against the kernel's own fifo, sjf, stcf and
// rr policies (kernel/policy/) where both can run the same workload.
//
// Time is in ticks. Tick t runs from time t to t + 1. At each time boundary, in this order:
//   1. the job that ran the last tick is accounted: it finishes, starts an I/O, or (round robin)
//      ends its turn and is re-queued;
//   2. jobs arriving now and I/O that completes now join the ready queue, in job order;
//      the tie-break says whether a job re-queued in step 1 goes before or after them:
//      'requeued-first' is what OSTEP's mlfq.py does (a job whose slice ends at time t is put
//      back before the arrivals and I/O completions of time t are appended), 'arrivals-first' is
//      the other common convention;
//   3. the policy picks who runs the next tick (or keeps the running job).
// An I/O job runs `ioEvery` ticks, blocks for `ioLength` ticks, and so on until its work is done
// (no I/O after its last burst), as OSTEP's mlfq.py jobs do.

export const TRACE_POLICIES = ['fifo', 'sjf', 'stcf', 'rr'] as const;
export type TracePolicy = (typeof TRACE_POLICIES)[number];
export type TieBreak = 'requeued-first' | 'arrivals-first';

export const TRACE_POLICY_LABELS: Record<TracePolicy, string> = {
  fifo: 'FIFO (first in, first out)',
  sjf: 'SJF (shortest job first)',
  stcf: 'STCF (shortest time to completion first)',
  rr: 'Round robin',
};

export type TraceJob = {
  name: string;
  arrival: number;
  /** Ticks of CPU the job needs in all. */
  length: number;
  /** Ticks of CPU between I/Os (0: no I/O). */
  ioEvery: number;
  /** Ticks each I/O blocks the job. */
  ioLength: number;
};

export type TraceSetup = {
  policy: TracePolicy;
  quantum: number;
  tieBreak: TieBreak;
  jobs: TraceJob[];
};

/** One bar of the Gantt chart: `job` (an index into jobs) or -1 for idle, over [start, end). */
export type Segment = { job: number; start: number; end: number };

export type DecisionKind =
  | 'arrive'
  | 'io-done'
  | 'dispatch'
  | 'keep'
  | 'preempt'
  | 'expire'
  | 'io-start'
  | 'finish'
  | 'idle'
  | 'tie';

/** One logged decision: at time `t`, what happened and the rule that made it so. */
export type Decision = { t: number; kind: DecisionKind; job: number; rule: string };

export type JobMetrics = {
  name: string;
  arrival: number;
  length: number;
  firstRun: number;
  completion: number;
  /** completion − arrival */
  turnaround: number;
  /** firstRun − arrival */
  response: number;
  /** Ticks spent ready but not running (turnaround minus CPU and I/O time). */
  wait: number;
};

export type TraceResult = {
  segments: Segment[];
  decisions: Decision[];
  jobs: JobMetrics[];
  average: { turnaround: number; response: number; wait: number };
  /** Times the CPU went from one job to another job. */
  switches: number;
  end: number;
};

type Live = {
  left: number;
  burst: number; // CPU ticks since the last I/O
  ioUntil: number; // -1 when not doing I/O
  firstRun: number;
  completion: number;
  ioTicks: number;
};

const MAX_TICKS = 100_000;

/** The job's name for the log. Never fails. Precondition: none. */
function nameOf(s: TraceSetup, j: number): string {
  return s.jobs[j]?.name ?? '?';
}

/**
 * Runs the workload under the policy and logs every decision. Precondition: the setup passes
 * `checkTraceSetup` (whole numbers, lengths ≥ 1, quantum ≥ 1). Never fails for such a setup; a
 * run longer than 100,000 ticks stops there.
 */
export function traceRun(s: TraceSetup): TraceResult {
  const n = s.jobs.length;
  const live: Live[] = s.jobs.map((j) => ({
    left: j.length,
    burst: 0,
    ioUntil: -1,
    firstRun: -1,
    completion: -1,
    ioTicks: 0,
  }));
  const log: Decision[] = [];
  const segs: Segment[] = [];
  const queue: number[] = [];
  let running = -1;
  let slice = 0; // ticks the running job has run in its current turn
  let last = -1; // the job that ran the last tick (for switch counting)
  let switches = 0;
  let done = 0;
  const name = (j: number): string => nameOf(s, j);
  const remaining = (j: number): number => live[j].left;
  const listing = (): string =>
    queue.map((j) => `${name(j)} (${remaining(j)} left)`).join(', ') || 'nobody';

  for (let t = 0; t <= MAX_TICKS; t++) {
    // 1. account the tick that just ran (t - 1 → t)
    let requeued = -1;
    if (running !== -1 && t > 0) {
      const j = running;
      const job = s.jobs[j];
      const lv = live[j];
      if (lv.left === 0) {
        lv.completion = t;
        done++;
        log.push({
          t,
          kind: 'finish',
          job: j,
          rule: `${name(j)} has done all its work: it finishes.`,
        });
        running = -1;
      } else if (job.ioEvery > 0 && lv.burst === job.ioEvery) {
        lv.burst = 0;
        lv.ioUntil = t + job.ioLength;
        lv.ioTicks += job.ioLength;
        log.push({
          t,
          kind: 'io-start',
          job: j,
          rule: `${name(j)} has run ${job.ioEvery} ticks since its last I/O: it starts an I/O and blocks until time ${lv.ioUntil}.`,
        });
        running = -1;
      } else if (s.policy === 'rr' && slice >= s.quantum) {
        const waiting = queue.length > 0 || arrivalsAt(s, live, t).length > 0;
        if (waiting) {
          requeued = j;
          log.push({
            t,
            kind: 'expire',
            job: j,
            rule: `Round robin: ${name(j)} has used its ${s.quantum}-tick slice and others are waiting, so it goes back to the ready queue.`,
          });
          running = -1;
        } else {
          slice = 0;
          log.push({
            t,
            kind: 'keep',
            job: j,
            rule: `Round robin: ${name(j)}'s slice is over, but nobody else is ready, so it starts a new slice without a switch.`,
          });
        }
      }
    }
    if (done === n) {
      return finish(s, live, log, segs, switches, t);
    }

    // 2. arrivals and I/O completions join the queue, with the tie-break against a re-queued job
    const joining = arrivalsAt(s, live, t);
    for (const j of joining) {
      if (live[j].ioUntil === t) {
        live[j].ioUntil = -1;
        log.push({
          t,
          kind: 'io-done',
          job: j,
          rule: `${name(j)}'s I/O completes: it is ready again.`,
        });
      } else log.push({ t, kind: 'arrive', job: j, rule: `${name(j)} arrives and is ready.` });
    }
    if (requeued !== -1 && joining.length > 0) {
      const others = joining.map(name).join(' and ');
      log.push({
        t,
        kind: 'tie',
        job: requeued,
        rule:
          s.tieBreak === 'requeued-first'
            ? `Tie at time ${t}: ${name(requeued)} (slice over) and ${others} (just ready) join the queue together; OSTEP's order (mlfq.py) puts ${name(requeued)} first.`
            : `Tie at time ${t}: ${name(requeued)} (slice over) and ${others} (just ready) join the queue together; the arrivals-first convention puts ${others} first.`,
      });
    }
    if (requeued !== -1 && s.tieBreak === 'requeued-first') queue.push(requeued);
    queue.push(...joining);
    if (requeued !== -1 && s.tieBreak === 'arrivals-first') queue.push(requeued);

    // 3. the policy decides who runs tick t
    if (running !== -1 && s.policy === 'stcf' && queue.length > 0) {
      const best = shortest(queue, remaining);
      if (remaining(best) < remaining(running)) {
        log.push({
          t,
          kind: 'preempt',
          job: running,
          rule: `STCF: ${name(best)} needs ${remaining(best)} more ticks, less than ${name(running)}'s ${remaining(running)}, so ${name(running)} is pre-empted and goes back to the queue.`,
        });
        queue.push(running);
        running = -1;
      }
    }
    if (running === -1 && queue.length > 0) {
      const pick = choose(s, queue, remaining);
      const ready = listing();
      queue.splice(queue.indexOf(pick), 1);
      running = pick;
      slice = 0;
      log.push({
        t,
        kind: 'dispatch',
        job: pick,
        rule: dispatchRule(s, pick, ready, name, remaining),
      });
    }
    // run tick t
    const who = running;
    if (who === -1) {
      if (segs.length === 0 || segs[segs.length - 1].job !== -1)
        log.push({ t, kind: 'idle', job: -1, rule: 'Nothing is ready: the CPU idles.' });
    } else {
      const lv = live[who];
      if (lv.firstRun === -1) lv.firstRun = t;
      lv.left--;
      lv.burst++;
      slice++;
      if (last !== -1 && last !== who) switches++;
      last = who;
    }
    const prev = segs[segs.length - 1];
    if (prev && prev.job === who && prev.end === t) prev.end = t + 1;
    else segs.push({ job: who, start: t, end: t + 1 });
  }
  return finish(s, live, log, segs, switches, MAX_TICKS);
}

/** Jobs that become ready at time t (arrival or I/O completion), in job order. */
function arrivalsAt(s: TraceSetup, live: Live[], t: number): number[] {
  const out: number[] = [];
  s.jobs.forEach((j, i) => {
    if (live[i].completion !== -1) return;
    if (j.arrival === t || live[i].ioUntil === t) out.push(i);
  });
  return out;
}

/** The job in `queue` with the least remaining work; the earliest in the queue wins a tie. */
function shortest(queue: number[], remaining: (j: number) => number): number {
  let best = queue[0];
  for (const j of queue) if (remaining(j) < remaining(best)) best = j;
  return best;
}

function choose(s: TraceSetup, queue: number[], remaining: (j: number) => number): number {
  return s.policy === 'sjf' || s.policy === 'stcf' ? shortest(queue, remaining) : queue[0];
}

function dispatchRule(
  s: TraceSetup,
  pick: number,
  ready: string,
  name: (j: number) => string,
  remaining: (j: number) => number,
): string {
  switch (s.policy) {
    case 'fifo':
      return `FIFO: ${name(pick)} is at the head of the ready queue (${ready}).`;
    case 'rr':
      return `Round robin: ${name(pick)} is at the head of the ready queue (${ready}); it may run ${s.quantum} ticks.`;
    case 'sjf':
    case 'stcf': {
      const tag = s.policy === 'sjf' ? 'SJF' : 'STCF';
      return `${tag}: ${name(pick)} needs the fewest ticks (${remaining(pick)}) of the ready jobs (${ready}); equal needs go in queue order.`;
    }
  }
}

function finish(
  s: TraceSetup,
  live: Live[],
  decisions: Decision[],
  segments: Segment[],
  switches: number,
  end: number,
): TraceResult {
  const jobs: JobMetrics[] = s.jobs.map((j, i) => {
    const lv = live[i];
    const turnaround = lv.completion - j.arrival;
    return {
      name: j.name,
      arrival: j.arrival,
      length: j.length,
      firstRun: lv.firstRun,
      completion: lv.completion,
      turnaround,
      response: lv.firstRun - j.arrival,
      wait: turnaround - j.length - lv.ioTicks,
    };
  });
  const avg = (f: (m: JobMetrics) => number): number =>
    jobs.length === 0 ? 0 : jobs.reduce((a, m) => a + f(m), 0) / jobs.length;
  // a trailing idle bar (after the last job) is not part of the run
  while (segments.length > 0 && segments[segments.length - 1].job === -1) segments.pop();
  return {
    segments,
    decisions,
    jobs,
    average: {
      turnaround: avg((m) => m.turnaround),
      response: avg((m) => m.response),
      wait: avg((m) => m.wait),
    },
    switches,
    end,
  };
}

/**
 * Checks a setup a reader typed. Precondition: none. Failure: a message naming the job and the
 * field at fault, e.g. "Job B: length must be a whole number from 1 to 200."
 */
export function checkTraceSetup(s: TraceSetup): string | null {
  if (s.jobs.length < 1 || s.jobs.length > 8) return 'Give between 1 and 8 jobs.';
  if (!Number.isInteger(s.quantum) || s.quantum < 1 || s.quantum > 50)
    return 'The round-robin slice must be a whole number of ticks from 1 to 50.';
  const seen = new Set<string>();
  for (const j of s.jobs) {
    if (!/^[A-Za-z0-9]{1,3}$/.test(j.name))
      return `Job names are 1 to 3 letters or digits; got “${j.name}”.`;
    if (seen.has(j.name)) return `Two jobs are called ${j.name}; give each job its own name.`;
    seen.add(j.name);
    const whole = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
    if (!whole(j.arrival, 0, 200))
      return `Job ${j.name}: arrival must be a whole number from 0 to 200.`;
    if (!whole(j.length, 1, 200))
      return `Job ${j.name}: length must be a whole number from 1 to 200.`;
    if (!whole(j.ioEvery, 0, 200))
      return `Job ${j.name}: “I/O every” must be a whole number from 0 (no I/O) to 200.`;
    if (!whole(j.ioLength, 0, 200))
      return `Job ${j.name}: I/O length must be a whole number from 0 to 200.`;
    if (j.ioEvery > 0 && j.ioLength < 1)
      return `Job ${j.name}: a job that does I/O needs an I/O length of at least 1 tick.`;
  }
  return null;
}
