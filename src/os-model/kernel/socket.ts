// Listening sockets, as listen(2) and accept(2) describe them: a socket in the LISTEN state holds
// a queue of completed connections no process has accepted yet, at most `backlog` long (Linux
// silently caps the backlog at net.core.somaxconn, 4096 since Linux 5.4). A connection that
// arrives while the queue is full is not refused: Linux drops it and the client retransmits its
// SYN. accept() takes the oldest queued connection; a socket that is closed while connections wait
// resets them. Pure data: every function returns a new socket and never mutates its input. Several
// processes may share one listening socket (a pre-forked pool): each accept() takes a different
// connection, so no connection is handed to two workers.

/** Linux's default net.core.somaxconn since 5.4 (listen(2), "BUGS"/"NOTES"). */
export const SOMAXCONN = 4096;

/** A connection waiting in (or leaving) a listening socket's accept queue. */
export type Conn = { id: number; at: number };

/** A socket after listen(): its accept queue and what became of the connections it saw. */
export type ListenSocket = {
  /** The backlog asked for, capped at SOMAXCONN as the kernel caps it. */
  backlog: number;
  open: boolean;
  /** Completed connections not yet accepted, oldest first. */
  queue: Conn[];
  /** Connections dropped because the queue was full (the client retries later). */
  dropped: number;
  /** Connections refused because no socket listens any more (ECONNREFUSED at the client). */
  refused: number;
  /** Queued connections reset when the socket was closed. */
  reset: number;
  accepted: number;
};

/**
 * A listening socket with an empty queue. Precondition: none. Failure: a backlog below 1 or not
 * an integer throws (a caller's bug; listen(2) itself would treat 0 as "small").
 */
export function listen(backlog: number): ListenSocket {
  if (!Number.isInteger(backlog) || backlog < 1)
    throw new RangeError(`backlog must be a whole number of at least 1, not ${backlog}`);
  return {
    backlog: Math.min(backlog, SOMAXCONN),
    open: true,
    queue: [],
    dropped: 0,
    refused: 0,
    reset: 0,
    accepted: 0,
  };
}

/** What happened to one connection attempt. */
export type ConnectResult = 'queued' | 'dropped' | 'refused';

/**
 * A client's connection completes the handshake and joins the queue, or is dropped when the queue
 * is full, or is refused when the socket is closed. Precondition: none. Never fails.
 */
export function connect(s: ListenSocket, c: Conn): { socket: ListenSocket; result: ConnectResult } {
  if (!s.open) return { socket: { ...s, refused: s.refused + 1 }, result: 'refused' };
  if (s.queue.length >= s.backlog)
    return { socket: { ...s, dropped: s.dropped + 1 }, result: 'dropped' };
  return { socket: { ...s, queue: [...s.queue, c] }, result: 'queued' };
}

/**
 * accept(): the oldest queued connection, or null when none waits (a blocking accept would
 * sleep). Precondition: none. Never fails.
 */
export function accept(s: ListenSocket): { socket: ListenSocket; conn: Conn | null } {
  if (!s.open || s.queue.length === 0) return { socket: s, conn: null };
  const [conn, ...rest] = s.queue;
  return { socket: { ...s, queue: rest, accepted: s.accepted + 1 }, conn };
}

/**
 * close() by the last process holding the socket: queued connections are reset, later ones
 * refused. Precondition: none. Never fails.
 */
export function closeListen(s: ListenSocket): ListenSocket {
  return { ...s, open: false, queue: [], reset: s.reset + s.queue.length };
}
