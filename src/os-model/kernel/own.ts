// Write ownership: which objects of a machine the kernel may change in place. A machine from
// privateCopy() starts owning only its own top-level object; everything below it (tables, records,
// arrays) is shared with the machine it was copied from. Before the kernel changes a shared object
// it takes a copy, puts it where the shared one was, and adds it to the machine's owner set, so
// within one step each record is copied at most once and the old machine never changes.
//
// step() makes a private copy, steps it and then releases it (the result is an ordinary machine a
// timeline may keep, and anything may share). Batch clients (the `run` action inside one step,
// and callers of stepInPlace) keep stepping the same private machine: what it owns stays owned,
// so a long run copies each record once and then writes it in place.
//
// The owner set is a Set held in a WeakMap beside the machine, never inside it: the machine stays
// plain JSON data. Measured in Node 24 (issue 13): Set has 16 ns, add about 40 ns; a WeakSet has
// the same lookup cost but 100 ns per add when fresh and 3-6 us per add once it holds ~20,000 live
// objects (ephemeron bookkeeping in the GC), so a Set it is. A private machine's set keeps the
// objects it copied, including records deleted since; it is emptied when it passes OWNED_LIMIT
// entries (the next writes copy once more, which is always safe).
import type { Frame, Machine, OpenFile, Pipe, Proc, Task } from './types.ts';
import { get, remove, set, type Table } from './table.ts';

/** Owned objects remembered per private machine before the set is emptied. */
const OWNED_LIMIT = 1 << 16;

const owners = new WeakMap<Machine, Set<object>>();
// the last machine looked up, so the hot loop skips the WeakMap
let lastMachine: Machine | null = null;
let lastOwned: Set<object> | null = null;

/** The records of each of the machine's tables. */
export type Tables = { procs: Proc; tasks: Task; frames: Frame; files: OpenFile; pipes: Pipe };

/**
 * A machine the caller owns, equal to `m`: later in-place steps (stepInPlace) change only the
 * copy, never `m` or anything `m` shares. Costs one shallow copy of the top-level object.
 * Precondition: `m` is a well-formed machine. Never fails.
 */
export function privateCopy(m: Machine): Machine {
  const n: Machine = { ...m };
  owners.set(n, new Set());
  return n;
}

/**
 * True when `m` came from privateCopy and has not been released. Precondition: none. Never fails.
 */
export function isPrivate(m: Machine): boolean {
  return owners.has(m);
}

/**
 * Ends `m`'s ownership: it becomes an ordinary machine that the kernel will not change again
 * (step() does this before returning). Precondition: none. Never fails.
 */
export function release(m: Machine): void {
  owners.delete(m);
  if (lastMachine === m) {
    lastMachine = null;
    lastOwned = null;
  }
}

/**
 * Forgets what a long-lived private machine owns once it owns more than OWNED_LIMIT objects
 * (records it has deleted would otherwise stay alive with it). Precondition: none. Never fails.
 */
export function trimOwned(m: Machine): void {
  const s = owners.get(m);
  if (s && s.size > OWNED_LIMIT) s.clear();
}

function ownerOf(m: Machine): Set<object> {
  if (m === lastMachine) return lastOwned!;
  const s = owners.get(m);
  if (!s) throw new Error('the kernel changed a machine that is not private (use privateCopy)');
  lastMachine = m;
  lastOwned = s;
  return s;
}

function copy<T extends object>(o: T): T {
  return (Array.isArray(o) ? o.slice() : { ...o }) as T;
}

/**
 * `o[k]` made safe to change in place: returned as it is when `m` owns it, otherwise copied,
 * stored in `o[k]` and owned from now on. Use it before changing a nested object or array
 * (`own(m, m, 'stats').busy++`, `own(m, task, 'r')[0] = 1`). Precondition: `m` is private, `o` is
 * owned by `m` (the machine itself, or something own/writable returned) and `o[k]` is an object.
 * Failure: throws when `m` is not private (a kernel bug).
 */
export function own<O extends object, K extends keyof O>(m: Machine, o: O, k: K): O[K] {
  const owned = ownerOf(m);
  const v = o[k] as object;
  if (owned.has(v)) return v as O[K];
  const c = copy(v);
  owned.add(c);
  o[k] = c as O[K];
  return c as O[K];
}

/**
 * A record's private copy. A task's registers and a frame's words are copied with it, so a
 * writable task or frame may change them in place: nothing else ever refers to them.
 */
const COPY: { [N in keyof Tables]: (r: Tables[N]) => Tables[N] } = {
  procs: (p) => ({ ...p }),
  tasks: (t) => ({ ...t, r: t.r.slice() }),
  frames: (f) => ({ ...f, d: f.d && f.d.slice() }),
  files: (f) => ({ ...f }),
  pipes: (p) => ({ ...p }),
};

function table<N extends keyof Tables>(m: Machine, name: N): Table<Tables[N]> {
  return own(m, m, name) as Table<Tables[N]>;
}

/**
 * The record at `key` of table `name`, safe to change in place (copied into the table first
 * unless `m` owns it), together with a task's registers (`r`) and a frame's words (`d`), which
 * belong to their record alone. Precondition: `m` is private and the record exists. Failure: throws when
 * it does not exist or `m` is not private (a kernel bug; step() reports it as an error event).
 */
export function writable<N extends keyof Tables>(m: Machine, name: N, key: number): Tables[N] {
  const r = get(m[name] as Table<Tables[N]>, key);
  if (r === undefined) throw new Error(`no record ${key} in ${name}`);
  const owned = ownerOf(m);
  if (owned.has(r)) return r;
  const c = COPY[name](r);
  owned.add(c);
  set(table(m, name), key, c, owned);
  return c;
}

/**
 * Puts new record `r` at `key` of table `name`, owned by `m`. Precondition: `m` is private and
 * nothing else refers to `r` (nor to its registers or words). Failure: throws when `m` is not private (a kernel bug).
 */
export function insert<N extends keyof Tables>(
  m: Machine,
  name: N,
  key: number,
  r: Tables[N],
): void {
  const owned = ownerOf(m);
  owned.add(r);
  set(table(m, name), key, r, owned);
}

/**
 * Removes the record at `key` of table `name` (nothing when there is none). Precondition: `m` is
 * private. Failure: throws when `m` is not private (a kernel bug).
 */
export function erase<N extends keyof Tables>(m: Machine, name: N, key: number): void {
  if (get(m[name] as Table<Tables[N]>, key) === undefined) return;
  remove(table(m, name), key, ownerOf(m));
}
