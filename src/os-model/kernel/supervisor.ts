// A supervisor restarting a service that keeps crashing, under three real restart policies. Each
// policy is one object with one method, `after(exit)`: given the history so far, when to start
// the service again, or that the supervisor gives up. The core loop (`crashLoop`) never asks which
// policy it runs, as the scheduler core never asks which scheduling policy it runs.
//
// - systemd (systemd.service(5), systemd.unit(5)): Restart=on-failure restarts after RestartSec
//   (default 100 ms). Each start passes the unit's start rate limit: at most StartLimitBurst starts
//   (default 5) within StartLimitIntervalSec (default 10 s); the window opens at the first start
//   and a start after it has passed opens a new one (src/basic/ratelimit.c). A start over the
//   limit is refused: the unit enters "failed" with result "start-limit-hit" and stays there.
// - supervisord (its configuration docs): a process that exits before `startsecs` (default 1 s)
//   has not started; it is retried after a back-off of 1 s, 2 s, 3 s … and after `startretries`
//   (default 3) failed retries it is FATAL. One that passed startsecs is RUNNING; when it exits
//   unexpectedly it is restarted and the retry count starts again. The gap before that restart is
//   the ≈ 1 s measured on the second host (calibration §11g).
// - Kubernetes (Pod lifecycle docs): a container that exits is restarted after a back-off of 10 s,
//   doubled each time up to 5 min (CrashLoopBackOff while it waits); once a container has run for
//   10 min the back-off starts again from 10 s.

/** What the supervisor did, at time t (seconds from the first start). */
export type SupEvent = {
  t: number;
  kind: 'start' | 'running' | 'exit' | 'wait' | 'gave-up';
  text: string;
};

/** One exit, as a policy sees it: when the run started and ended, and how many runs so far. */
export type ExitInfo = { started: number; exited: number; run: number; starts: number[] };

/** A policy's decision after an exit. */
export type Decision =
  | { kind: 'restart'; at: number; note: string }
  | { kind: 'give-up'; at: number; state: string; note: string };

/** A restart policy: a fresh decision-maker for one crash loop. */
export type RestartPolicy = {
  label: string;
  /** Seconds the service must stay up to count as started (0: no such rule). */
  startSecs: number;
  create(): (x: ExitInfo) => Decision;
};

export type SystemdOptions = { restartSec: number; burst: number; intervalSec: number };
export type SupervisordOptions = { startsecs: number; startretries: number; restartGap: number };
export type KubeOptions = { initial: number; cap: number; resetAfter: number };

export const SYSTEMD_DEFAULTS: SystemdOptions = { restartSec: 0.1, burst: 5, intervalSec: 10 };
export const SUPERVISORD_DEFAULTS: SupervisordOptions = {
  startsecs: 1,
  startretries: 3,
  restartGap: 1,
};
export const KUBE_DEFAULTS: KubeOptions = { initial: 10, cap: 300, resetAfter: 600 };

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * systemd's Restart=on-failure with its start rate limit. Precondition: options ≥ 0, burst ≥ 1.
 * Never fails.
 */
export function systemdPolicy(o: SystemdOptions = SYSTEMD_DEFAULTS): RestartPolicy {
  return {
    label: 'systemd',
    startSecs: 0,
    create() {
      // ratelimit_below(): a window opened at `begin` with `num` starts in it.
      let begin = 0;
      let num = 1; // the first start opened the window at 0
      return (x) => {
        const at = r3(x.exited + o.restartSec);
        if (at - begin > o.intervalSec) {
          begin = at;
          num = 1;
          return {
            kind: 'restart',
            at,
            note: `a new ${o.intervalSec} s window opens (start 1 of ${o.burst})`,
          };
        }
        if (num < o.burst) {
          num += 1;
          return {
            kind: 'restart',
            at,
            note: `start ${num} of ${o.burst} within ${o.intervalSec} s`,
          };
        }
        return {
          kind: 'give-up',
          at,
          state: 'failed (Result: start-limit-hit)',
          note: `a ${o.burst + 1}th start within ${o.intervalSec} s is refused`,
        };
      };
    },
  };
}

/** supervisord's startsecs, startretries and back-off. Precondition: options ≥ 0. Never fails. */
export function supervisordPolicy(o: SupervisordOptions = SUPERVISORD_DEFAULTS): RestartPolicy {
  return {
    label: 'supervisord',
    startSecs: o.startsecs,
    create() {
      let backoff = 0;
      return (x) => {
        const up = x.exited - x.started;
        if (up >= o.startsecs) {
          backoff = 0;
          return {
            kind: 'restart',
            at: r3(x.exited + o.restartGap),
            note: 'it had reached RUNNING, so the retry count starts again',
          };
        }
        backoff += 1;
        if (backoff > o.startretries)
          return {
            kind: 'give-up',
            at: x.exited,
            state: 'FATAL (Exited too quickly)',
            note: `too many start retries too quickly (startretries=${o.startretries})`,
          };
        return {
          kind: 'restart',
          at: r3(x.exited + backoff),
          note: `BACKOFF ${backoff} s (retry ${backoff} of ${o.startretries})`,
        };
      };
    },
  };
}

/** The kubelet's container restart back-off. Precondition: options > 0. Never fails. */
export function kubePolicy(o: KubeOptions = KUBE_DEFAULTS): RestartPolicy {
  return {
    label: 'Kubernetes',
    startSecs: 0,
    create() {
      let delay = o.initial;
      return (x) => {
        if (x.exited - x.started >= o.resetAfter) delay = o.initial;
        const d = delay;
        delay = Math.min(o.cap, delay * 2);
        return { kind: 'restart', at: r3(x.exited + d), note: `CrashLoopBackOff: back-off ${d} s` };
      };
    },
  };
}

/** A crash loop, from the first start to the horizon or until the supervisor gave up. */
export type CrashLoop = {
  events: SupEvent[];
  starts: number;
  /** The state at the horizon: "running", "waiting to restart" or the policy's give-up state. */
  final: string;
  /** When the supervisor gave up, or null. */
  gaveUpAt: number | null;
  /** Fraction of the horizon the service was up. */
  uptime: number;
};

/**
 * A service that runs `runSec` seconds and then exits with status 1, every time, supervised by
 * `policy` from t = 0 until `horizon` seconds (or 500 starts). Precondition: runSec ≥ 0,
 * horizon > 0. Never fails.
 */
export function crashLoop(policy: RestartPolicy, runSec: number, horizon: number): CrashLoop {
  const decide = policy.create();
  const events: SupEvent[] = [];
  const starts: number[] = [];
  let t = 0;
  let up = 0;
  let final = 'running';
  let gaveUpAt: number | null = null;
  for (let run = 1; run <= 500 && t <= horizon; run++) {
    starts.push(t);
    events.push({ t, kind: 'start', text: `start ${run}: the supervisor starts the service` });
    const exited = r3(t + runSec);
    if (policy.startSecs > 0 && runSec >= policy.startSecs && policy.startSecs + t <= horizon)
      events.push({
        t: r3(t + policy.startSecs),
        kind: 'running',
        text: `up for ${policy.startSecs} s: RUNNING`,
      });
    if (exited > horizon) {
      up += horizon - t;
      final = 'running';
      break;
    }
    up += runSec;
    events.push({ t: exited, kind: 'exit', text: 'the service exits with status 1' });
    const d = decide({ started: t, exited, run, starts: [...starts] });
    if (d.kind === 'give-up') {
      events.push({ t: d.at, kind: 'gave-up', text: `gives up: ${d.state}; ${d.note}` });
      final = d.state;
      gaveUpAt = d.at;
      break;
    }
    events.push({ t: exited, kind: 'wait', text: `restart at ${d.at} s (${d.note})` });
    if (d.at > horizon) {
      final = 'waiting to restart';
      break;
    }
    t = d.at;
  }
  return { events, starts: starts.length, final, gaveUpAt, uptime: up / horizon };
}
