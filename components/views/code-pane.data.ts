// The code pane's data: a program's listing as highlighted lines, and where each task running
// that program is. Pure functions of a machine snapshot; the model decides everything.
import type { KEvent, Machine, Program, Task, TaskState } from '../../src/os-model/index.ts';
import {
  LIBRARY,
  currentLine,
  programOf,
  teachingName,
  get,
  values,
  wExitStatus,
  wTermSig,
} from '../../src/os-model/index.ts';
import { lines as LINES, palette as PALETTE } from 'virtual:pss-listings';

/** A run of text; `light`/`dark` are Shiki's colours for the two themes, null for plain text. */
export type Token = { text: string; light: string | null; dark: string | null };

/** The build-time highlighting (the virtual module's shape; see src/plugins/listings.ts). */
export type Highlighting = { palette: [string, string][]; lines: Record<string, number[][]> };

const BUILT: Highlighting = { palette: PALETTE, lines: LINES };

/** A task's mark on a line. */
export type Mark = {
  tid: number;
  pid: number;
  /** "PID 3", or "PID 3 / TID 5" for a thread other than the main one. */
  label: string;
  state: TaskState;
  /** Teaching name of the state: ready, running, blocked, … */
  word: string;
};

export type CodeLine = {
  /** 1-based line number. */
  n: number;
  text: string;
  tokens: Token[];
  /** Tasks whose next instruction comes from this line. */
  at: Mark[];
  /** Tasks that executed this line in the step that led here (and have moved on from it). */
  ran: Mark[];
};

/** A sentence of the text alternative; `code` (may be empty) is quoted from the listing. */
export type Sentence = { lead: string; code: string; tail: string };

/** The sentence as plain text. Precondition: none. Never fails. */
export function sentenceText(s: Sentence): string {
  return s.lead + s.code + s.tail;
}

function say(lead: string, code = '', tail = ''): Sentence {
  return { lead, code, tail };
}

export type CodeView =
  | { ok: false; message: string }
  | {
      ok: true;
      name: string;
      /** False for programs outside the built-in library (shown as plain text). */
      highlighted: boolean;
      lines: CodeLine[];
      /** The text alternative: one sentence per task (and per event of this step about one). */
      where: Sentence[];
    };

/**
 * The listing of `program` cut into highlighted tokens, from the build-time table. Precondition:
 * none. Failure: null for a program outside the built-in library, one whose listing differs from
 * the library's, or a table that does not fit the listing (then show the text plain).
 */
export function highlight(program: Program, table: Highlighting = BUILT): Token[][] | null {
  const lib = Object.hasOwn(LIBRARY, program.name) ? LIBRARY[program.name] : undefined;
  const spans = Object.hasOwn(table.lines, program.name) ? table.lines[program.name] : undefined;
  if (!lib || !spans || !sameListing(lib.source, program.source)) return null;
  if (spans.length !== program.source.length) return null;
  const out: Token[][] = [];
  for (const [i, text] of program.source.entries()) {
    const row = spans[i];
    const tokens: Token[] = [];
    let at = 0;
    for (let j = 0; j + 1 < row.length; j += 2) {
      const len = row[j];
      const colour = row[j + 1];
      const pair = colour > 0 ? table.palette[colour - 1] : undefined;
      if (colour > 0 && !pair) return null;
      tokens.push({
        text: text.slice(at, at + len),
        light: pair?.[0] ?? null,
        dark: pair?.[1] ?? null,
      });
      at += len;
    }
    if (at !== text.length) return null;
    out.push(tokens);
  }
  return out;
}

function sameListing(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

function mark(t: Task): Mark {
  return {
    tid: t.tid,
    pid: t.pid,
    label: t.tid === t.pid ? `PID ${t.pid}` : `PID ${t.pid} / TID ${t.tid}`,
    state: t.state,
    word: teachingName(t.state),
  };
}

function quote(source: string[], n: number): string {
  return (source[n - 1] ?? '').trim();
}

/**
 * Everything the code pane shows for `program` in `machine`: the lines with the tasks at each,
 * and sentences for the text alternative. `events` are the events of the step that led here;
 * `previous` is the snapshot shown just before, used (only when it is exactly one tick
 * earlier) to mark the line each CPU just executed. Precondition: none. Never fails: an unknown
 * program gives `{ ok: false, message }`.
 */
export function codeView(
  machine: Machine,
  program: string,
  events: KEvent[] = [],
  previous: Machine | null = null,
  table: Highlighting = BUILT,
): CodeView {
  const prog = programOf(machine, program);
  if (!prog) return { ok: false, message: `There is no program called “${program}”.` };
  const tokens = highlight(prog, table);
  const lines: CodeLine[] = prog.source.map((text, i) => ({
    n: i + 1,
    text,
    tokens: tokens ? tokens[i] : [{ text, light: null, dark: null }],
    at: [],
    ran: [],
  }));
  const where: Sentence[] = [];
  const tasks = values(machine.tasks)
    .filter((t) => t.prog === program)
    .sort((a, b) => a.tid - b.tid);

  for (const e of events) {
    if (e.type === 'fork' && get(machine.tasks, e.child)?.prog === program)
      where.push(say(`PID ${e.child} was just created by fork() in PID ${e.parent}.`));
    if (e.type === 'exec' && e.program === program)
      where.push(say(`PID ${e.pid} has just started this program with exec().`));
    if (e.type === 'exit' && get(machine.tasks, e.pid)?.prog === program)
      where.push(
        say(
          e.signal
            ? `PID ${e.pid} was just killed by signal ${wTermSig(e.status)} (${e.signal}).`
            : `PID ${e.pid} has just exited with status ${wExitStatus(e.status)}.`,
        ),
      );
  }

  for (const t of tasks) {
    const m = mark(t);
    const n = currentLine(machine, t.tid);
    if (t.state === 'ZOMBIE') {
      where.push(
        say(
          t.tid === t.pid
            ? `${m.label} has finished: a zombie until its parent waits for it.`
            : `${m.label} has finished.`,
        ),
      );
    } else if (n === 0) {
      where.push(say(`${m.label} has reached the end of the program (${m.word}).`));
    } else {
      lines[n - 1].at.push(m);
      where.push(say(`${m.label} is at line ${n}: `, quote(prog.source, n), ` (${m.word}).`));
    }
  }

  if (previous && previous.clock + 1 === machine.clock) {
    for (const cpu of machine.cpus) {
      const before = get(previous.tasks, cpu.ranTid);
      if (cpu.ranTid < 0 || !before || before.prog !== program) continue;
      const n = currentLine(previous, cpu.ranTid);
      const now = get(machine.tasks, cpu.ranTid);
      const still = now && now.prog === program && now.state !== 'ZOMBIE';
      if (n === 0 || (still && currentLine(machine, cpu.ranTid) === n)) continue;
      const m = mark(now ?? before);
      lines[n - 1].ran.push(m);
      where.push(say(`${m.label} just ran line ${n}: `, quote(prog.source, n)));
    }
  }

  if (tasks.length === 0 && where.length === 0)
    where.push(say('No process is running this program.'));
  return { ok: true, name: prog.name, highlighted: tokens !== null, lines, where };
}
