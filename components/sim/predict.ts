// Predict mode: questions about the next step, asked before it happens. Each generator reads the
// machine before the step and the step the model already worked out (`SimController.peek()`);
// the right answer is read from that next machine, never decided here.
import { explain, fill, programOf, teachingName, get, values } from '../../src/os-model/index.ts';
import type { KEvent, Machine, TaskState } from '../../src/os-model/index.ts';

export type QuestionKind = 'runs-next' | 'prints' | 'state' | 'tree';
/** Every kind, in the order asked by default (the rarer, more telling questions first). */
export const QUESTION_KINDS: readonly QuestionKind[] = ['tree', 'prints', 'state', 'runs-next'];

export type Choice = { value: string; label: string };

export type Question = {
  kind: QuestionKind;
  /** Stable name of this question at this step (for remembering answers). */
  key: string;
  /** The question itself (the fieldset's legend). */
  prompt: string;
  choices: Choice[];
  /** The `value` of the right choice. */
  answer: string;
  /** What the right answer is, in a sentence ("PID 3 runs on CPU 0."). */
  answerText: string;
  /** What happens in the step, from explain() of its events. */
  explanation: string;
};

export type Next = { machine: Machine; events: KEvent[] };

export type AskOptions = {
  /** The step the question comes before (the cursor); part of the key. */
  step: number;
  /** The followed process, for 'state'. */
  pid?: number;
};

export const IDLE = 'idle';
const IDLE_LABEL = 'None: the CPU is idle';

/** The states a task can be seen in, in the order a reader meets them. */
const STATES: readonly TaskState[] = [
  'EMBRYO',
  'RUNNABLE',
  'RUNNING',
  'SLEEPING',
  'STOPPED',
  'ZOMBIE',
];

function stateLabel(s: TaskState): string {
  return `${teachingName(s)} — ${s}`;
}

/** "ready (RUNNABLE)", for sentences. */
function stateWords(s: TaskState): string {
  return `${teachingName(s).replace(/ \(.*\)$/, '')} (${s})`;
}

function procLabel(m: Machine, pid: number): string {
  const p = get(m.procs, pid);
  return p ? `PID ${pid} (${p.name})` : `PID ${pid}`;
}

/** The pid running on CPU `cpu` of `m`, or -1 when that CPU has no running task. */
function runningPid(m: Machine, cpu: number): number {
  const c = m.cpus[cpu];
  if (!c || c.cur < 0) return -1;
  const t = get(m.tasks, c.cur);
  return t ? t.pid : -1;
}

function explanation(events: KEvent[]): string {
  return events.map(explain).join(' ');
}

/**
 * "Which process will be running on CPU 0 after the next step?" Asked only when the step changes
 * what runs on CPU 0 and the answer is a process that exists before it (a child born in the same
 * step could not be named in advance). Precondition: none. Never fails.
 */
export function runsNext(before: Machine, next: Next, opts: AskOptions): Question | null {
  if (before.cpus.length === 0 || next.machine.cpus.length === 0) return null;
  const was = runningPid(before, 0);
  const will = runningPid(next.machine, 0);
  if (was === will) return null;
  const live = values(before.procs)
    .filter((p) => p.state !== 'ZOMBIE')
    .map((p) => p.pid);
  if (will >= 0 && !live.includes(will)) return null;
  const choices: Choice[] = live.map((pid) => ({
    value: String(pid),
    label: procLabel(before, pid),
  }));
  choices.push({ value: IDLE, label: IDLE_LABEL });
  return {
    kind: 'runs-next',
    key: `${opts.step}:runs-next:${will >= 0 ? will : IDLE}`,
    prompt: 'Which process will be running on CPU 0 after the next step?',
    choices,
    answer: will >= 0 ? String(will) : IDLE,
    answerText:
      will >= 0
        ? `${procLabel(before, will)} is running on CPU 0 after this step.`
        : 'CPU 0 is idle after this step: no process is running on it.',
    explanation: explanation(next.events),
  };
}

/** Print templates of a program: the `text` of its print and write instructions, in order. */
function templates(m: Machine, prog: string): string[] {
  const p = programOf(m, prog);
  if (!p) return [];
  const out: string[] = [];
  for (const ins of p.code) if (ins.op === 'print' || ins.op === 'write') out.push(ins.text);
  return out;
}

function shown(text: string): string {
  const s = text.replace(/\n+$/, '');
  return s === '' ? '(an empty line)' : s;
}

/**
 * "Which line will the next step print?" Asked only when the step writes to the console; wrong
 * choices are the printing program's other print and write texts (then those of the other
 * programs running), filled in for the printing task. Null when there is no wrong choice to offer.
 * Precondition: none. Never fails.
 */
export function prints(before: Machine, next: Next, opts: AskOptions): Question | null {
  const writes = next.events.filter(
    (e): e is Extract<KEvent, { type: 'write' }> => e.type === 'write' && e.to === 'console',
  );
  if (writes.length === 0) return null;
  const first = writes[0];
  const right = shown(first.text);
  const printed = new Set(writes.map((w) => shown(w.text)));
  // The task that printed: the one that ran on a CPU in the step for this pid, else the main task.
  const ranTid = next.machine.cpus
    .map((c) => c.ranTid)
    .find(
      (tid) =>
        tid >= 0 && (get(next.machine.tasks, tid) ?? get(before.tasks, tid))?.pid === first.pid,
    );
  const task = get(before.tasks, ranTid ?? first.pid) ?? get(before.tasks, first.pid);
  if (!task) return null;
  const progs = [task.prog];
  for (const task of values(before.tasks)) {
    const prog = task.prog;
    if (!progs.includes(prog)) progs.push(prog);
  }
  const wrong: string[] = [];
  for (const prog of progs)
    for (const text of templates(before, prog)) {
      const s = shown(fill(before, task, text));
      if (!printed.has(s) && !wrong.includes(s)) wrong.push(s);
    }
  if (wrong.length === 0) return null;
  const picked = wrong.slice(0, 3);
  // The right line goes in at a place fixed by the step, so it is not always first.
  const labels = [...picked];
  labels.splice(opts.step % (picked.length + 1), 0, right);
  return {
    kind: 'prints',
    key: `${opts.step}:prints:${right}`.slice(0, 200),
    prompt: 'The next step prints a line on the console. Which line?',
    choices: labels.map((label) => ({ value: label, label })),
    answer: right,
    answerText: `PID ${first.pid} prints "${right}".`,
    explanation: explanation(next.events),
  };
}

/**
 * "What state will PID n be in after the next step?" Asked only when the step changes the state
 * of the main task of `opts.pid` (and the task still exists afterwards). Precondition: none.
 * Never fails.
 */
export function stateNext(before: Machine, next: Next, opts: AskOptions): Question | null {
  const pid = opts.pid;
  if (pid === undefined) return null;
  const was = get(before.tasks, pid);
  const will = get(next.machine.tasks, pid);
  if (!was || !will || was.state === will.state || !STATES.includes(will.state)) return null;
  return {
    kind: 'state',
    key: `${opts.step}:state:${pid}:${will.state}`,
    prompt: `What state will PID ${pid} be in after the next step? It is ${teachingName(was.state)} now.`,
    choices: STATES.map((s) => ({ value: s, label: stateLabel(s) })),
    answer: will.state,
    answerText: `PID ${pid} goes from ${stateWords(was.state)} to ${stateWords(will.state)}.`,
    explanation: explanation(next.events),
  };
}

/** One process in a tree: its parent and whether it is a zombie. */
type Node = { pid: number; ppid: number; zombie: boolean };

function nodesOf(m: Machine): Node[] {
  return values(m.procs).map((p) => ({ pid: p.pid, ppid: p.ppid, zombie: p.state === 'ZOMBIE' }));
}

/**
 * A process tree on one line: "PID 1 → PID 2 → {PID 3, PID 4 (zombie)}". Children follow their
 * parent after an arrow, several of them in braces, by PID; processes whose parent is not in the
 * tree are roots. Precondition: none. Never fails.
 */
export function treeText(nodes: readonly Node[]): string {
  const by = new Map(nodes.map((n) => [n.pid, n]));
  const kids = (pid: number) =>
    nodes.filter((n) => n.ppid === pid && n.pid !== pid).sort((a, b) => a.pid - b.pid);
  const one = (n: Node, depth: number): string => {
    const label = `PID ${n.pid}${n.zombie ? ' (zombie)' : ''}`;
    const cs = depth > 64 ? [] : kids(n.pid);
    if (cs.length === 0) return label;
    const inner = cs.map((c) => one(c, depth + 1));
    return `${label} → ${inner.length === 1 ? inner[0] : `{${inner.join(', ')}}`}`;
  };
  const roots = nodes
    .filter((n) => !by.has(n.ppid) || n.ppid === n.pid)
    .sort((a, b) => a.pid - b.pid);
  return roots.map((r) => one(r, 0)).join('; ');
}

/**
 * "What will the process tree look like after the next step?" Asked only when the step changes
 * the tree (a fork, an exit that leaves a zombie, a reap, an adoption). The wrong choices are the
 * usual mistakes: nothing changes; a new child hangs under init instead of its parent; an exited
 * process vanishes at once instead of staying a zombie; an orphan stays where it was.
 * Precondition: none. Never fails.
 */
export function treeNext(before: Machine, next: Next, opts: AskOptions): Question | null {
  const was = nodesOf(before);
  const will = nodesOf(next.machine);
  const right = treeText(will);
  const now = treeText(was);
  if (right === now) return null;
  const born = will.filter((n) => !get(before.procs, n.pid));
  const root = will.find((n) => !get(next.machine.procs, n.ppid))?.pid ?? 1;
  const wrong = [
    now,
    // the new child under the root (init) rather than under the process that forked it
    treeText(will.map((n) => (born.includes(n) && n.ppid !== root ? { ...n, ppid: root } : n))),
    // zombies gone: as if exit() removed a process at once
    treeText(will.filter((n) => !n.zombie)),
    // adopted children left under their old parent
    treeText(
      will.map((n) => {
        const old = was.find((w) => w.pid === n.pid);
        return old && old.ppid !== n.ppid && get(before.procs, old.ppid)
          ? { ...n, ppid: old.ppid }
          : n;
      }),
    ),
  ].filter((t, i, all) => t !== right && t !== '' && all.indexOf(t) === i);
  if (wrong.length === 0) return null;
  const picked = wrong.slice(0, 3);
  const labels = [...picked];
  labels.splice(opts.step % (picked.length + 1), 0, right);
  return {
    kind: 'tree',
    key: `${opts.step}:tree:${right}`.slice(0, 200),
    prompt: `What will the process tree look like after the next step? Now it is: ${now}.`,
    choices: labels.map((label) => ({ value: label, label })),
    answer: right,
    answerText: `After this step the tree is ${right}.`,
    explanation: explanation(next.events),
  };
}

const GENERATORS: Record<QuestionKind, typeof runsNext> = {
  'runs-next': runsNext,
  prints,
  state: stateNext,
  tree: treeNext,
};

/**
 * The first question of `kinds` (in the order given) that applies to the next step, or null.
 * Precondition: none. Never fails.
 */
export function questionFor(
  kinds: readonly QuestionKind[],
  before: Machine,
  next: Next | null,
  opts: AskOptions,
): Question | null {
  if (next === null) return null;
  for (const k of kinds) {
    const g = Object.hasOwn(GENERATORS, k) ? GENERATORS[k] : undefined;
    const q = g ? g(before, next, opts) : null;
    if (q) return q;
  }
  return null;
}

/** A reader's answer, remembered across reloads. */
export type Answer = { choice: string; right: boolean };
export type AnswerBook = Record<string, Answer>;

/**
 * The answers stored for an island, validated: anything malformed is dropped (a corrupt value
 * gives an empty book). Precondition: none. Never fails.
 */
export function readAnswers(raw: unknown): AnswerBook {
  const out: AnswerBook = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  const v = raw as { v?: unknown; answers?: unknown };
  if (v.v !== 1 || typeof v.answers !== 'object' || v.answers === null) return out;
  if (Array.isArray(v.answers)) return out;
  for (const [k, a] of Object.entries(v.answers as Record<string, unknown>)) {
    if (typeof a !== 'object' || a === null) continue;
    const { choice, right } = a as { choice?: unknown; right?: unknown };
    if (typeof choice === 'string' && typeof right === 'boolean' && k.length <= 200)
      out[k] = { choice, right };
  }
  return out;
}

/** The value to store for `book`. Precondition: none. Never fails. */
export function writeAnswers(book: AnswerBook): { v: 1; answers: AnswerBook } {
  return { v: 1, answers: book };
}

/** "3 of 4 right" (or '' before any answer). Precondition: none. Never fails. */
export function scoreText(book: AnswerBook): string {
  const all = Object.values(book);
  if (all.length === 0) return '';
  return `${all.filter((a) => a.right).length} of ${all.length} right`;
}
