// The pooling model: the same workload (C clients, each running T transactions) served with no
// pooler, with a pooler in session mode, or with a pooler in transaction mode, the two main modes
// of PgBouncer (pgbouncer.org/features.html). It decides which server process (backend) runs each
// transaction, so it can count the server processes the postmaster forks, the connections made
// (each costing about 4 ms of set-up, public/data/calibration.md §4a "Connection setup"), and show
// where transaction pooling breaks session state.
//
// The workload runs in rounds: in round r every client sends its r-th transaction. Clients do not
// arrive in the same order every round (their think times differ); the model rotates the order by
// one client per round, so it stays deterministic. Each client's first transaction runs
// `PREPARE q<c> AS ...` (session state, kept by the backend that ran it; client c names its
// statement q<c>, so two clients' statements never collide) and its later ones run `EXECUTE q<c>`,
// which fails on any other backend (and on a new connection).
//
// Modes:
//   'direct'      no pooler, persistent connections: each client connects once and keeps its own
//                 backend for all its transactions (C backends, C connections made);
//   'per-tx'      no pooler, a new connection for every transaction, like pgbench -C (C × T
//                 connections, each a fork; at most C backends at once);
//   'session'     a pooler with `pool` server connections: a client is given one server
//                 connection for its whole session; clients beyond the pool wait for a session to
//                 end. Server connections are opened once and kept (at most `pool`);
//   'transaction' a pooler with `pool` server connections: a server connection is given to a
//                 client for one transaction only and returned at its end. Free servers are reused
//                 last in, first out, PgBouncer's default (server_round_robin = 0).

/** Connection set-up, ms: fork, backend start and authentication (calibration.md §4a, §6). */
export const CONNECT_MS = 4;

export type PoolMode = 'direct' | 'per-tx' | 'session' | 'transaction';
export const POOL_MODES: readonly PoolMode[] = ['direct', 'per-tx', 'session', 'transaction'];

export type PoolRun = {
  mode: PoolMode;
  clients: number;
  txPerClient: number;
  pool: number;
  /** assignment[c][t]: the server process (1-based) that ran client c+1's transaction t+1. */
  assignment: number[][];
  /** Server processes forked over the whole run. */
  forked: number;
  /** Most server processes alive at once. */
  peak: number;
  /** Server connections established (each pays CONNECT_MS). */
  connections: number;
  setupMs: number;
  /** Rounds a client waited for a server in session mode (0 otherwise). */
  waits: number;
  /**
   * The session-state check: every client PREPAREs q in its first transaction and EXECUTEs q in
   * each later one; an EXECUTE fails unless it runs in the same session (same backend, same
   * connection) as the PREPARE. `first` is the first failure in client order.
   */
  prepared: {
    checked: number;
    failed: number;
    first: { client: number; tx: number; prepareOn: number; executeOn: number } | null;
  };
};

/**
 * Runs the pooling model. Precondition: none. Failure: throws a RangeError naming the argument
 * when clients is not 1–100, txPerClient not 1–20, or pool not 1–100 (whole numbers), or the mode
 * is unknown.
 */
export function poolRun(
  mode: PoolMode,
  clients: number,
  txPerClient: number,
  pool: number,
): PoolRun {
  const whole = (v: number, lo: number, hi: number, name: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new RangeError(`${name} must be a whole number from ${lo} to ${hi}`);
  };
  whole(clients, 1, 100, 'clients');
  whole(txPerClient, 1, 20, 'transactions per client');
  whole(pool, 1, 100, 'pool size');
  if (!POOL_MODES.includes(mode))
    throw new RangeError(`mode must be one of ${POOL_MODES.join(', ')}`);

  const assignment = Array.from({ length: clients }, () => new Array<number>(txPerClient).fill(0));
  let forked: number;
  let peak: number;
  let connections: number;
  let waits = 0;

  if (mode === 'direct') {
    // client c keeps backend c
    for (let c = 0; c < clients; c++) assignment[c].fill(c + 1);
    forked = connections = peak = clients;
  } else if (mode === 'per-tx') {
    // a new backend for every transaction, numbered in the order they are forked
    forked = 0;
    for (let r = 0; r < txPerClient; r++)
      for (const c of order(clients, r)) assignment[c][r] = ++forked;
    connections = forked;
    peak = clients;
  } else if (mode === 'session') {
    // sessions in client order; a session holds its server for all its rounds; the next waiting
    // client takes the server freed when a session ends
    const servers = Math.min(pool, clients);
    for (let c = 0; c < clients; c++) {
      const server = (c % servers) + 1;
      assignment[c].fill(server);
      waits += Math.floor(c / servers) * txPerClient;
    }
    forked = connections = peak = servers;
  } else {
    // every round: transactions in the rotated client order, each takes the most recently
    // freed server (a stack, popped from its end); the pooler opens a new server connection only
    // when none is free and the pool is not full; when all servers are busy the running
    // transactions end in the order they started, so the last one started is the most recently
    // freed
    let opened = 0;
    let free: number[] = [];
    for (let r = 0; r < txPerClient; r++) {
      let busy: number[] = [];
      for (const c of order(clients, r)) {
        if (free.length === 0 && opened < pool) free.push(++opened);
        if (free.length === 0) {
          free = busy;
          busy = [];
        }
        const s = free.pop() as number;
        busy.push(s);
        assignment[c][r] = s;
      }
      free = [...free, ...busy];
    }
    forked = connections = peak = opened;
  }

  const prepared: PoolRun['prepared'] = { checked: 0, failed: 0, first: null };
  for (let c = 0; c < clients; c++)
    for (let t = 1; t < txPerClient; t++) {
      prepared.checked++;
      // per-tx: every transaction is a new connection, so a new session
      const same = mode !== 'per-tx' && assignment[c][t] === assignment[c][0];
      if (same) continue;
      prepared.failed++;
      prepared.first ??= {
        client: c + 1,
        tx: t + 1,
        prepareOn: assignment[c][0],
        executeOn: assignment[c][t],
      };
    }
  return {
    mode,
    clients,
    txPerClient,
    pool,
    assignment,
    forked,
    peak,
    connections,
    setupMs: connections * CONNECT_MS,
    waits,
    prepared,
  };
}

/** Client indexes in round r's arrival order: rotated left by r. */
function order(clients: number, r: number): number[] {
  return Array.from({ length: clients }, (_, i) => (i + r) % clients);
}
