// Stopping a server: the manager (docker, the kubelet, systemd, gunicorn's master) runs an
// optional preStop hook, sends SIGTERM, waits up to a grace period counted from the start of the
// stop, then sends SIGKILL, which cannot be caught (signal(7)). What happens to the requests in
// flight and to new connections depends on what the server does with SIGTERM:
// - `drain`: it closes its listening socket, finishes the requests it has, and exits;
// - `drain-open`: it stops accepting but its listening socket stays open (a gunicorn sync worker
//   still holds it, calibration §11f): new connections wait in the accept queue (socket.ts), never
//   accepted, until the process exits and the kernel resets them;
// - `default`: no handler; SIGTERM's default action terminates it at once;
// - `pid1-ignore`: no handler, but it runs as PID 1 of a PID namespace (a container), so the kernel
//   does not deliver SIGTERM at all (pidns.ts): it keeps serving until SIGKILL at the deadline.
import { accept, closeListen, connect, listen, type ListenSocket } from './socket.ts';
import { deliver, newNamespace, rootWorld, spawnIn } from './pidns.ts';

export type StopBehaviour = 'drain' | 'drain-open' | 'default' | 'pid1-ignore';
export const STOP_BEHAVIOURS: StopBehaviour[] = ['drain', 'drain-open', 'default', 'pid1-ignore'];

/** How the manager stops the service: seconds of preStop hook, and the grace period. */
export type StopManager = { label: string; preStop: number; grace: number };

/** One request: when it arrives (s, relative to the start of the stop) and how long it takes. */
export type Req = { id: number; arrive: number; duration: number };

export type ReqOutcome =
  'completed' | 'cut off by SIGKILL' | 'cut off at exit' | 'refused' | 'queued, then reset';

export type ReqRow = Req & { outcome: ReqOutcome; end: number | null };

export type StopRun = {
  sigtermAt: number;
  /** Whether SIGTERM reached the process. */
  sigtermDelivered: boolean;
  exitAt: number;
  /** How the process ended. */
  how: 'exit 0' | 'killed by SIGTERM' | 'killed by SIGKILL';
  requests: ReqRow[];
  log: { t: number; text: string }[];
};

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The stop of one server process running `behaviour`, with the requests `reqs` (arrivals before 0
 * were accepted before the stop began). Precondition: manager.preStop ≥ 0, manager.grace ≥ 0.
 * Never fails.
 */
export function gracefulStop(behaviour: StopBehaviour, m: StopManager, reqs: Req[]): StopRun {
  const log: { t: number; text: string }[] = [];
  const S = Math.min(m.preStop, m.grace);
  const D = m.grace;
  if (m.preStop > 0)
    log.push({
      t: 0,
      text: `The stop begins: the preStop hook runs for ${S} s; the server still accepts.`,
    });
  // The server as PID 1 of a container's PID namespace, or as an ordinary process.
  let world = rootWorld();
  const host = spawnIn(world, 0, 'init');
  world = host.world;
  // An ordinary server is a child of the host's init (PID 1 there ignores an unhandled SIGTERM,
  // so the server must not be init itself).
  let target = spawnIn(world, 0, 'server').proc;
  if (behaviour === 'pid1-ignore') {
    const ns = newNamespace(world, 0);
    target = spawnIn(ns.world, ns.ns, 'server').proc;
  }
  const handled = behaviour === 'drain' || behaviour === 'drain-open';
  const delivered = deliver(target, 'SIGTERM', handled, 0) === 'delivered';
  log.push({
    t: S,
    text: delivered
      ? `SIGTERM is sent and delivered${handled ? " to the server's handler" : ''}.`
      : 'SIGTERM is sent, but the server is PID 1 of its namespace and has no handler: the kernel drops it.',
  });
  // When the process ends.
  let exitAt: number;
  let how: StopRun['how'];
  const sorted = [...reqs].sort((a, b) => a.arrive - b.arrive || a.id - b.id);
  const inflightEnd = sorted
    .filter((r) => r.arrive <= S)
    .reduce((e, r) => Math.max(e, r.arrive + r.duration), S);
  if (behaviour === 'default') {
    exitAt = S;
    how = 'killed by SIGTERM';
    log.push({ t: S, text: "No handler: SIGTERM's default action ends the process at once." });
  } else if (behaviour === 'pid1-ignore') {
    exitAt = D;
    how = 'killed by SIGKILL';
  } else if (inflightEnd <= D) {
    exitAt = r3(inflightEnd);
    how = 'exit 0';
    log.push({
      t: exitAt,
      text: 'The last request in flight is done: the server exits with status 0.',
    });
  } else {
    exitAt = D;
    how = 'killed by SIGKILL';
  }
  if (how === 'killed by SIGKILL')
    log.push({
      t: D,
      text: `The grace period of ${D} s is over: SIGKILL, which no process can catch or ignore.`,
    });
  // The listening socket: closed at SIGTERM by `drain`, at exit otherwise.
  const closeAt = behaviour === 'drain' ? S : exitAt;
  if (behaviour === 'drain')
    log.push({
      t: S,
      text: 'The server closes its listening socket: new connections are refused.',
    });
  if (behaviour === 'drain-open')
    log.push({
      t: S,
      text: 'The server stops calling accept(), but its listening socket stays open.',
    });
  let sock: ListenSocket = listen(128);
  const stillAccepting = (t: number) => t < exitAt && (t <= S || behaviour === 'pid1-ignore');
  const requests: ReqRow[] = sorted.map((r) => {
    const t = r.arrive;
    if (t >= closeAt) {
      sock = connect(closeListen(sock), { id: r.id, at: t }).socket;
      return { ...r, outcome: 'refused', end: t };
    }
    if (stillAccepting(t)) {
      const c = connect(sock, { id: r.id, at: t });
      sock = accept(c.socket).socket;
      const end = r3(t + r.duration);
      if (end <= exitAt) return { ...r, outcome: 'completed', end };
      return {
        ...r,
        outcome: how === 'killed by SIGKILL' ? 'cut off by SIGKILL' : 'cut off at exit',
        end: exitAt,
      };
    }
    // Arrives after the server stopped accepting, while the socket is still open.
    sock = connect(sock, { id: r.id, at: t }).socket;
    return { ...r, outcome: 'queued, then reset', end: exitAt };
  });
  const queued = requests.filter((r) => r.outcome === 'queued, then reset').length;
  if (queued > 0)
    log.push({
      t: exitAt,
      text: `The process exits; the kernel resets the ${queued} connection${queued === 1 ? '' : 's'} still waiting in the accept queue.`,
    });
  log.sort((a, b) => a.t - b.t);
  return { sigtermAt: S, sigtermDelivered: delivered, exitAt, how, requests, log };
}

/** The stop settings of common managers, with their documented defaults. */
export const STOP_MANAGERS: Record<string, StopManager> = {
  docker: { label: 'docker stop (10 s)', preStop: 0, grace: 10 },
  kubernetes: {
    label: 'Kubernetes (preStop 5 s, terminationGracePeriodSeconds 30)',
    preStop: 5,
    grace: 30,
  },
  systemd: { label: 'systemd (TimeoutStopSec 90 s)', preStop: 0, grace: 90 },
  gunicorn: { label: 'gunicorn TERM (graceful_timeout 30 s)', preStop: 0, grace: 30 },
};

/**
 * The requests of the shutdown island: four in flight at the stop (one lasting `longest` s), four
 * arriving during it. Precondition: longest ≥ 0. Never fails.
 */
export function stopWorkload(longest: number): Req[] {
  return [
    { id: 1, arrive: -2, duration: 2.5 },
    { id: 2, arrive: -1, duration: 4 },
    { id: 3, arrive: -0.5, duration: longest },
    { id: 4, arrive: -0.2, duration: 0.4 },
    { id: 5, arrive: 1, duration: 0.3 },
    { id: 6, arrive: 4, duration: 0.3 },
    { id: 7, arrive: 8, duration: 0.3 },
    { id: 8, arrive: 20, duration: 0.3 },
  ];
}
