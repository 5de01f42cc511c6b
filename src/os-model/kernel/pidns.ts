// PID namespaces, as pid_namespaces(7) describes them: namespaces nest; a process has one PID in
// its own namespace and one in every ancestor namespace, and sees only the processes of its
// namespace and its descendants. The first process of a namespace is its init (PID 1 there): it
// becomes the parent of orphans inside, and the kernel protects it from signals it has no handler
// for: from inside its namespace it receives only signals it handles; from an ancestor namespace
// also SIGKILL and SIGSTOP, which are always delivered.

/** A namespace: its parent (null for the root), and the next PID it will hand out. */
export type PidNs = { id: number; parent: number | null; nextPid: number };

/** A process: the namespace it lives in, and its PID at each level from the root down. */
export type NsProc = { name: string; ns: number; pids: { ns: number; pid: number }[] };

/** A set of nested PID namespaces and their processes. */
export type NsWorld = { spaces: PidNs[]; procs: NsProc[] };

/** The root namespace alone. Precondition: none. Never fails. */
export function rootWorld(): NsWorld {
  return { spaces: [{ id: 0, parent: null, nextPid: 1 }], procs: [] };
}

/** The chain of namespaces from the root down to `ns`. */
function chain(w: NsWorld, ns: number): PidNs[] {
  const out: PidNs[] = [];
  for (let cur: PidNs | undefined = w.spaces.find((s) => s.id === ns); cur;) {
    out.unshift(cur);
    const p: number | null = cur.parent;
    cur = p === null ? undefined : w.spaces.find((s) => s.id === p);
  }
  return out;
}

/**
 * A new namespace nested in `parent` (clone(CLONE_NEWPID) or unshare). Precondition: `parent`
 * exists. Failure: throws naming an unknown parent.
 */
export function newNamespace(w: NsWorld, parent: number): { world: NsWorld; ns: number } {
  if (!w.spaces.some((s) => s.id === parent)) throw new Error(`no PID namespace ${parent}`);
  const id = Math.max(...w.spaces.map((s) => s.id)) + 1;
  return { world: { ...w, spaces: [...w.spaces, { id, parent, nextPid: 1 }] }, ns: id };
}

/**
 * A new process in namespace `ns`: it gets the next free PID in `ns` and in each ancestor.
 * Precondition: `ns` exists. Failure: throws naming an unknown namespace.
 */
export function spawnIn(w: NsWorld, ns: number, name: string): { world: NsWorld; proc: NsProc } {
  const levels = chain(w, ns);
  if (levels.length === 0) throw new Error(`no PID namespace ${ns}`);
  const pids = levels.map((s) => ({ ns: s.id, pid: s.nextPid }));
  const bump = new Set(levels.map((s) => s.id));
  const spaces = w.spaces.map((s) => (bump.has(s.id) ? { ...s, nextPid: s.nextPid + 1 } : s));
  const proc = { name, ns, pids };
  return { world: { spaces, procs: [...w.procs, proc] }, proc };
}

/**
 * The PID of `p` as seen from namespace `viewer`, or null when `p` is invisible there (it lives
 * in a namespace that is not `viewer` or below it). Precondition: none. Never fails.
 */
export function pidIn(p: NsProc, viewer: number): number | null {
  return p.pids.find((x) => x.ns === viewer)?.pid ?? null;
}

/** How a signal fares at its target. */
export type Delivery = 'delivered' | 'ignored (namespace init has no handler)';

/**
 * Whether a signal reaches `target` (pid_namespaces(7)): a namespace's init receives a signal
 * only if it installed a handler for it, except SIGKILL and SIGSTOP sent from an ancestor
 * namespace, which are always delivered. Any other process gets every signal (its default action
 * may then kill it). Precondition: the sender's namespace `from` can see `target`. Never fails.
 */
export function deliver(
  target: NsProc,
  signal: 'SIGTERM' | 'SIGKILL' | 'SIGINT' | 'SIGSTOP' | 'SIGQUIT',
  handled: boolean,
  from: number,
): Delivery {
  const isInit = pidIn(target, target.ns) === 1;
  if (!isInit || handled) return 'delivered';
  const fromAncestor = from !== target.ns;
  if (fromAncestor && (signal === 'SIGKILL' || signal === 'SIGSTOP')) return 'delivered';
  return 'ignored (namespace init has no handler)';
}
