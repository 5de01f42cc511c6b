// Geometry of the process tree view: processes by parent, a tidy layout by depth (y) and leaf
// order (x), and the badges (zombie, orphan adopted by init). Pure and deterministic.
import type { KEvent, Machine, TaskState } from '../../src/os-model/index.ts';
import { procState, teachingName, values } from '../../src/os-model/index.ts';

/** Size of a node box and the gaps between boxes, in SVG user units (= CSS px at scale 1). */
export const NODE_W = 112;
export const NODE_H = 58;
export const GAP_X = 20;
export const GAP_Y = 36;
/** Badges straddle the top border of a box (zombie on the left, orphan on the right). */
export const BADGE_H = 16;
/** Margin around the drawing. */
export const PAD = 8;

export type TreeNode = {
  pid: number;
  ppid: number;
  name: string;
  /** `name`, shortened with an ellipsis to fit the box. */
  label: string;
  state: TaskState;
  /** Teaching name of the state ("ready", "zombie (terminated)"). */
  teaching: string;
  threads: number;
  depth: number;
  /** Top-left corner of the box. */
  x: number;
  y: number;
  zombie: boolean;
  /** The original parent, when this process was reparented (an orphan); otherwise null. */
  adoptedFrom: number | null;
  /** Created by this step (fork or spawn): drawn with an entrance animation. */
  fresh: boolean;
  children: TreeNode[];
};

export type TreeEdge = { from: number; to: number; d: string; fresh: boolean };

export type TreeLayout = {
  roots: TreeNode[];
  /** Every node in pre-order (parents before children, children by PID). */
  nodes: TreeNode[];
  edges: TreeEdge[];
  width: number;
  height: number;
};

/** Characters that fit in a box line (monospace at 12px is about 7.2 px a character). */
export const LABEL_CHARS = 13;

/** `s` cut to `max` characters with an ellipsis. Never fails. */
export function clip(s: string, max = LABEL_CHARS): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Orphans: pid → the parent it had before `reparent`, collected from event lists (for example
 * every step's events up to the cursor). Later reparenting keeps the first original parent.
 * Never fails.
 */
export function adoptions(eventLists: readonly (readonly KEvent[])[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const list of eventLists)
    for (const e of list) if (e.type === 'reparent' && !(e.pid in out)) out[e.pid] = e.from;
  return out;
}

/**
 * The tidy tree layout. Roots are processes whose parent is not in the table (init, whose ppid
 * is 0, or top-level processes without init). Each leaf takes the next column left to right; a
 * parent sits centred over its first and last child; rows are depths. `adopted` (pid → original
 * parent) marks orphans across steps; this step's 'reparent' events are always included.
 * Precondition: `m` is a model machine. Never fails.
 */
export function layoutTree(
  m: Machine,
  events: KEvent[],
  adopted: Record<number, number> = {},
): TreeLayout {
  const orphanOf: Record<number, number> = { ...adopted, ...adoptions([events]) };
  const fresh = new Set<number>();
  for (const e of events) {
    if (e.type === 'fork') fresh.add(e.child);
    if (e.type === 'spawn') fresh.add(e.pid);
  }
  const procs = values(m.procs).sort((a, b) => a.pid - b.pid);
  const byPid = new Map<number, TreeNode>();
  for (const p of procs) {
    const state = procState(m, p.pid);
    byPid.set(p.pid, {
      pid: p.pid,
      ppid: p.ppid,
      name: p.name,
      label: clip(p.name),
      state,
      teaching: teachingName(state),
      threads: p.tids.length,
      depth: 0,
      x: 0,
      y: 0,
      zombie: p.state === 'ZOMBIE',
      adoptedFrom: p.pid in orphanOf && orphanOf[p.pid] !== p.ppid ? orphanOf[p.pid] : null,
      fresh: fresh.has(p.pid),
      children: [],
    });
  }
  const roots: TreeNode[] = [];
  for (const n of byPid.values()) {
    const parent = n.ppid !== n.pid ? byPid.get(n.ppid) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }

  const nodes: TreeNode[] = [];
  let leaf = 0;
  let maxDepth = 0;
  const place = (n: TreeNode, depth: number): void => {
    n.depth = depth;
    maxDepth = Math.max(maxDepth, depth);
    n.y = PAD + BADGE_H / 2 + depth * (NODE_H + GAP_Y);
    nodes.push(n);
    if (n.children.length === 0) {
      n.x = PAD + leaf * (NODE_W + GAP_X);
      leaf++;
      return;
    }
    for (const c of n.children) place(c, depth + 1);
    n.x = (n.children[0].x + n.children[n.children.length - 1].x) / 2;
  };
  for (const r of roots) place(r, 0);

  const edges: TreeEdge[] = [];
  for (const n of nodes)
    for (const c of n.children) {
      const x1 = n.x + NODE_W / 2;
      const y1 = n.y + NODE_H;
      const x2 = c.x + NODE_W / 2;
      const y2 = c.y;
      const ym = (y1 + y2) / 2;
      edges.push({
        from: n.pid,
        to: c.pid,
        d: `M${x1} ${y1} C${x1} ${ym} ${x2} ${ym} ${x2} ${y2}`,
        fresh: c.fresh,
      });
    }

  return {
    roots,
    nodes,
    edges,
    width: leaf === 0 ? 0 : 2 * PAD + leaf * NODE_W + (leaf - 1) * GAP_X,
    height:
      nodes.length === 0 ? 0 : 2 * PAD + BADGE_H / 2 + (maxDepth + 1) * NODE_H + maxDepth * GAP_Y,
  };
}

/** "PID 3 fork-basics (RUNNABLE, ready)" and its badges, for the text alternative. */
export function describeNode(n: TreeNode): string {
  const badges: string[] = [];
  if (n.zombie) badges.push('zombie: exited, not yet reaped');
  if (n.adoptedFrom !== null) badges.push(`orphan: its parent PID ${n.adoptedFrom} exited`);
  if (n.threads > 1) badges.push(`${n.threads} threads`);
  const extra = badges.length ? ` — ${badges.join('; ')}` : '';
  return `PID ${n.pid} ${n.name} (${n.state}, ${n.teaching})${extra}`;
}
