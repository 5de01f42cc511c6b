// A persistent table from small non-negative integer keys (pids, tids, frame and file numbers) to
// records, for the machine's process, task, frame, open-file and pipe tables. It is a radix trie
// of plain arrays, 32 slots a level, so it stays plain JSON data (`null` marks an empty slot):
// `{ size, depth, root }`, where a key k sits in the leaf reached by its base-32 digits, highest
// first. A write copies only the path to its key (one array a level) and shares every other node
// with the table it came from, so step() can keep the old machine valid while copying only what it
// writes. Nodes a step has already copied are in its owner set (own.ts) and are written in place.
// The shape is canonical (the smallest depth that holds the largest key, no trailing nulls, no
// empty nodes), so two tables with the same records are deep-equal whatever their history.
// Iteration is in ascending key order, the order `for...in` gave over the Records it replaces.
//
// Why a trie (measured in Node 24 on the project's 2-core machine, issue 13): copying a plain
// Record of 1,000 records costs 0.5-0.8 us and copying a 1,000-element array 1.1 us, about as much
// as a whole tick on 10 processes after this change (1-2 us), so "copy the dictionary once per
// step, share the records" misses the 2x budget at 1,000 processes by itself; a 32-way path copy
// costs 2-3 slices of at most 32 slots (30 ns each). Immutable-update libraries (immer, mutative)
// are not in the package lists (/work/.library/env/packages/npm.tsv) and would add a proxy per
// draft in the hot loop; the trie is 200 lines of plain code with no dependency.

/** A table node: a leaf holds records, an inner node holds nodes; `null` is an empty slot. */
type Node = unknown[];

/** A persistent table of records keyed by small non-negative integers (see the top of the file). */
export type Table<T> = {
  /** Number of records. */
  size: number;
  /** Levels of the trie (1: the root is a leaf); the table holds keys below 32^depth. */
  depth: number;
  /** The root node; never shared with a table that has another shape. */
  root: Node;
  /** Phantom field for the record type: never present at run time. */
  readonly __t?: T;
};

/** Something that knows which nodes a writer may change in place (a machine's owner set). */
export type Owner = { has(o: object): boolean; add(o: object): unknown };

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
/** Keys are below 2^30: six levels. */
const MAX_DEPTH = 6;

/**
 * An empty table. Precondition: none. Never fails.
 */
export function emptyTable<T>(): Table<T> {
  return { size: 0, depth: 1, root: [] };
}

/** Keys a table of each depth holds: 32^depth. */
const CAPACITY = Array.from({ length: MAX_DEPTH + 1 }, (_, d) => 2 ** (BITS * d));

function fits(depth: number, k: number): boolean {
  return (k | 0) === k && k >= 0 && k < CAPACITY[depth];
}

/**
 * The record at key `k`, or undefined. Precondition: none. Failure: undefined when `k` is not a
 * key of the table (any value, including a non-integer, is a safe query).
 */
export function get<T>(t: Table<T>, k: number): T | undefined {
  if (!fits(t.depth, k)) return undefined;
  let node: Node | null | undefined = t.root;
  for (let shift = BITS * (t.depth - 1); shift > 0; shift -= BITS) {
    node = node[(k >> shift) & MASK] as Node | null | undefined;
    if (!node) return undefined;
  }
  return (node[k & MASK] ?? undefined) as T | undefined;
}

/**
 * True when key `k` holds a record. Precondition: none. Never fails.
 */
export function has<T>(t: Table<T>, k: number): boolean {
  return get(t, k) !== undefined;
}

/**
 * Number of records. Precondition: none. Never fails.
 */
export function size<T>(t: Table<T>): number {
  return t.size;
}

function collect(node: Node, level: number, base: number, out: unknown[], withKeys: boolean): void {
  for (let i = 0; i < node.length; i++) {
    const x = node[i];
    if (x === null) continue;
    const k = base * WIDTH + i;
    if (level > 0) collect(x as Node, level - 1, k, out, withKeys);
    else out.push(withKeys ? k : x);
  }
}

/**
 * Every record, in ascending key order, as a new array. Precondition: none. Never fails.
 */
export function values<T>(t: Table<T>): T[] {
  const out: unknown[] = [];
  collect(t.root, t.depth - 1, 0, out, false);
  return out as T[];
}

/**
 * Every key, ascending, as a new array. Precondition: none. Never fails.
 */
export function keys<T>(t: Table<T>): number[] {
  const out: unknown[] = [];
  collect(t.root, t.depth - 1, 0, out, true);
  return out as number[];
}

/** `node`, or a copy of it that `owner` then owns. */
function writableNode(node: Node, owner: Owner): Node {
  if (owner.has(node)) return node;
  const copy = node.slice();
  owner.add(copy);
  return copy;
}

function place(node: Node, i: number, x: unknown): void {
  while (node.length < i) node.push(null);
  node[i] = x;
}

/**
 * Puts `v` at key `k`, copying the path to it unless `owner` owns it. Mutates `t`. Precondition:
 * `t` itself is owned by the caller (a table of a private machine), `k` is an integer in
 * [0, 2^30). Failure: throws on a key out of range (a kernel bug).
 */
export function set<T>(t: Table<T>, k: number, v: T, owner: Owner): void {
  if (!fits(MAX_DEPTH, k)) throw new Error(`table key ${k} out of range`);
  while (!fits(t.depth, k)) {
    t.root = t.root.length > 0 ? [t.root] : [];
    owner.add(t.root);
    t.depth++;
  }
  let node = (t.root = writableNode(t.root, owner));
  for (let shift = BITS * (t.depth - 1); shift > 0; shift -= BITS) {
    const i = (k >> shift) & MASK;
    const child = node[i] as Node | null | undefined;
    let next: Node;
    if (!child) {
      next = [];
      owner.add(next);
    } else next = writableNode(child, owner);
    if (next !== child) place(node, i, next);
    node = next;
  }
  const i = k & MASK;
  if ((node[i] ?? null) === null) t.size++;
  place(node, i, v);
}

/** Drops trailing empty slots. */
function trim(node: Node): void {
  while (node.length > 0 && node[node.length - 1] === null) node.pop();
}

/**
 * Removes key `k` (nothing happens when it holds no record), copying the path unless `owner`
 * owns it, and keeps the shape canonical. Mutates `t`. Precondition: `t` itself is owned by the
 * caller. Never fails.
 */
export function remove<T>(t: Table<T>, k: number, owner: Owner): void {
  if (!has(t, k)) return;
  const path: Node[] = [];
  let node = (t.root = writableNode(t.root, owner));
  for (let shift = BITS * (t.depth - 1); shift > 0; shift -= BITS) {
    path.push(node);
    const i = (k >> shift) & MASK;
    const next = writableNode(node[i] as Node, owner);
    node[i] = next;
    node = next;
  }
  node[k & MASK] = null;
  trim(node);
  t.size--;
  // empty nodes leave their parents, from the leaf up
  for (let level = 1; level < t.depth && node.length === 0; level++) {
    const parent = path[path.length - level];
    parent[(k >> (BITS * level)) & MASK] = null;
    trim(parent);
    node = parent;
  }
  // a root with one child in slot 0 is one level too deep
  while (t.depth > 1 && t.root.length <= 1) {
    t.depth = t.root.length === 0 ? 1 : t.depth - 1;
    t.root = t.root.length === 0 ? [] : (t.root[0] as Node);
  }
}
