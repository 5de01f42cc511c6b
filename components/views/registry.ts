// The views registry: every view the generic Simulation island can show, one entry each, in the
// order the gallery shows them. The island's `views` prop, its type (ViewName), the gallery and
// the end-to-end tests all read this module, so adding a view is its component, its data module
// and its test, plus its entry here (in VIEWS, and its gallery example in VIEW_EXAMPLES).
//
// An entry holds only static facts and two functions: `load`, which imports the view's component
// (lazily, so an island could load only the views it shows), and `props`, which picks the
// component's props from what the island has (its controller, the followed process, …). Both are
// typed together: an entry whose props do not fit its component does not compile. Nothing here
// imports a component when this module loads, so pages and Playwright tests can read it.
//
// Loading today: the island compiles every view in (components.ts, by `file`), because the
// island's first state is rendered on the server and hydrated at once, and a view behind a
// dynamic import renders only its pending state there (Svelte's SSR is synchronous unless the
// experimental `compilerOptions.experimental.async` is on). Loading only the shown views through
// `load` is the next step (issue 15).
import type { Component } from 'svelte';
import type { PolicyComparison } from '../sim/comparison.ts';
import type { SimController } from '../sim/controller.svelte.ts';
import { namesIn } from '../sim/history.ts';
import { family, namesOf } from '../player/follow.ts';
import { adoptions } from './process-tree.data.ts';
import type { ReaderControl } from '../islands/simulation-props.ts';

/** What an island offers its views; each entry's `props` picks what its component needs. */
export type ViewContext = {
  /** The island's controller: the machine and events at the cursor, the run so far, its setup. */
  readonly ctl: SimController;
  /** The process the following views show (the "Follow process" list). */
  readonly followed: number;
  /** Follows another process (the process table's "Follow PID n" buttons). */
  follow(pid: number): void;
  /** The program the code pane lists: the author's `program`, else the followed process's. */
  readonly program: string;
  /** The island's policy comparison, worked out the first time a view reads it. */
  readonly comparison: PolicyComparison;
};

/** A gallery example of a view (src/lib/gallery.ts builds the gallery from these). */
export type ViewExample = {
  /** The example's anchor on the gallery page. */
  anchor: string;
  /** One paragraph of HTML (trusted: written here). */
  text: string;
  /**
   * The example island's props, but for `views`: it shows this view first, then those in `also`.
   */
  props: {
    id: string;
    scenario: string;
    also?: readonly ViewName[];
    seed?: number;
    options?: Record<string, unknown>;
    follow?: number;
    controls?: ReaderControl[];
    title?: string;
  };
};

export type ViewEntry<P extends Record<string, unknown>> = {
  /** What the view is called in the gallery and in messages to authors. */
  label: string;
  /** The heading the view gives itself (its h3), or a pattern when it names what it shows. */
  heading: string | RegExp;
  /** It shows the followed process, so the island offers the "Follow process" list with it. */
  follows: boolean;
  /** It lists the island's `program` when the author gives one, and then follows no process. */
  program?: true;
  /** The component's file in components/views/ (what the island compiles in today). */
  file: string;
  /** Imports the view's component: the same file as `file` (registry.test.ts checks). */
  load: () => Promise<{ default: Component<P> }>;
  /** The component's props, from what the island has. Read inside the island's template. */
  props: (c: ViewContext) => P;
};

/** Checks one entry's props against its component (the type of P comes from `load`). */
function view<P extends Record<string, unknown>>(entry: ViewEntry<P>): ViewEntry<P> {
  return entry;
}

export const VIEWS = {
  table: view({
    label: 'Process table',
    heading: 'Process table',
    follows: false,
    file: 'ProcessTable.svelte',
    load: () => import('./ProcessTable.svelte'),
    props: (c) => ({
      machine: c.ctl.machine,
      events: c.ctl.events,
      selected: c.followed,
      onselect: (pid: number) => c.follow(pid),
    }),
  }),
  tree: view({
    label: 'Process tree',
    heading: 'Process tree',
    follows: false,
    file: 'ProcessTree.svelte',
    load: () => import('./ProcessTree.svelte'),
    props: (c) => ({
      machine: c.ctl.machine,
      events: c.ctl.events,
      adopted: adoptions(c.ctl.eventsThrough()),
    }),
  }),
  states: view({
    label: 'State diagram',
    heading: 'State diagram',
    follows: true,
    file: 'StateDiagram.svelte',
    load: () => import('./StateDiagram.svelte'),
    props: (c) => ({
      machine: c.ctl.machine,
      events: c.ctl.events,
      pid: c.followed,
      transition: c.ctl.lastTransition(c.followed),
    }),
  }),
  cpu: view({
    label: 'CPU timeline',
    heading: 'CPU timeline',
    follows: false,
    file: 'CpuTimeline.svelte',
    load: () => import('./CpuTimeline.svelte'),
    props: (c) => {
      const samples = c.ctl.samples;
      return {
        samples,
        ncpu: c.ctl.machine.config.ncpu,
        cursor: c.ctl.cursor,
        names: { ...namesIn(samples), ...namesOf(c.ctl.machine) },
      };
    },
  }),
  memory: view({
    label: 'Memory map',
    heading: 'Memory map',
    follows: true,
    file: 'MemoryMap.svelte',
    load: () => import('./MemoryMap.svelte'),
    props: (c) => ({
      machine: c.ctl.machine,
      events: c.ctl.events,
      pids: family(c.ctl.machine, c.followed),
    }),
  }),
  fds: view({
    label: 'File descriptors',
    heading: 'File descriptors',
    follows: true,
    file: 'FdTable.svelte',
    load: () => import('./FdTable.svelte'),
    props: (c) => ({
      machine: c.ctl.machine,
      events: c.ctl.events,
      pids: family(c.ctl.machine, c.followed),
    }),
  }),
  code: view({
    label: 'Code pane',
    heading: /^Code: /,
    follows: true,
    program: true,
    file: 'CodePane.svelte',
    load: () => import('./CodePane.svelte'),
    props: (c) => ({ machine: c.ctl.machine, program: c.program, events: c.ctl.events }),
  }),
  registers: view({
    label: 'Registers',
    heading: 'Registers',
    follows: true,
    file: 'Registers.svelte',
    load: () => import('./Registers.svelte'),
    props: (c) => ({ machine: c.ctl.machine, pid: c.followed }),
  }),
  stats: view({
    label: 'Statistics',
    heading: 'Statistics',
    follows: false,
    file: 'Stats.svelte',
    load: () => import('./Stats.svelte'),
    props: (c) => ({ machine: c.ctl.machine, cursor: c.ctl.cursor, samples: c.ctl.samples }),
  }),
  console: view({
    label: 'Console output',
    heading: 'Console output',
    follows: false,
    file: 'Console.svelte',
    load: () => import('./Console.svelte'),
    props: (c) => ({ machine: c.ctl.machine, events: c.ctl.events }),
  }),
  ps: view({
    label: 'What ps shows',
    heading: 'What ps shows',
    follows: false,
    file: 'PsSnapshot.svelte',
    load: () => import('./PsSnapshot.svelte'),
    props: (c) => ({ machine: c.ctl.machine, events: c.ctl.events }),
  }),
  utilisation: view({
    label: 'CPU utilisation',
    heading: 'CPU utilisation',
    follows: false,
    file: 'Utilisation.svelte',
    load: () => import('./Utilisation.svelte'),
    props: (c) => ({ machine: c.ctl.machine, compared: c.comparison.result }),
  }),
  gauge: view({
    label: 'Memory gauge',
    heading: 'Memory gauge',
    follows: false,
    file: 'MemoryGauge.svelte',
    load: () => import('./MemoryGauge.svelte'),
    props: (c) => ({ machine: c.ctl.machine, events: c.ctl.events }),
  }),
  cells: view({
    label: 'Memory cells',
    heading: 'Memory cells',
    follows: false,
    file: 'MemoryCells.svelte',
    load: () => import('./MemoryCells.svelte'),
    props: (c) => ({ machine: c.ctl.machine, events: c.ctl.events }),
  }),
  pcb: view({
    label: 'Process control block',
    heading: 'Process control block',
    follows: true,
    file: 'Pcb.svelte',
    load: () => import('./Pcb.svelte'),
    props: (c) => ({
      machine: c.ctl.machine,
      pid: c.followed,
      history: c.ctl.eventsThrough().flat(),
    }),
  }),
};

/** A view's name, as an island's `views` prop lists it. */
export type ViewName = keyof typeof VIEWS;

/** Every view's name, in the registry's order. */
export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

/**
 * The gallery's example of each view (src/lib/gallery.ts builds its view sections from these),
 * kept apart from VIEWS so that the island's bundle, which reads only VIEWS, leaves their text out.
 */
export const VIEW_EXAMPLES: Record<ViewName, ViewExample> = {
  table: {
    anchor: 'process-table',
    text: 'Like <code>ps</code>: PID, parent PID, the state under its kernel name and its teaching name, the command and the CPU time used. “Follow PID n” chooses the process the other views follow.',
    props: { id: 'table', scenario: 'process-states', title: 'Process table' },
  },
  tree: {
    anchor: 'process-tree',
    text: 'Parents above their children. Zombies and orphans are marked in words, and a list under the drawing says the same for screen readers.',
    props: { id: 'tree', scenario: 'zombie-orphan' },
  },
  states: {
    anchor: 'state-diagram',
    text: 'The states a task can be in and every legal transition between them, as the model enforces them. The followed process’s state is marked and its last transition highlighted and named.',
    props: {
      id: 'states',
      scenario: 'process-states',
      also: ['table'],
      follow: 3,
      title: 'State diagram',
    },
  },
  cpu: {
    anchor: 'cpu-timeline',
    text: 'A Gantt chart: one lane per CPU and one for I/O, a column per step. Context switches and idle time are marked, and a table gives the same facts.',
    props: { id: 'cpu', scenario: 'sched-jobs', options: { policy: 'rr', quantum: 2, ncpu: 2 } },
  },
  memory: {
    anchor: 'memory-map',
    text: 'Each process’s regions and pages with the frame behind each page. After <code>fork()</code> parent and child share frames copy-on-write; the first write faults and copies one page.',
    props: { id: 'memory', scenario: 'cow-fork', also: ['code'] },
  },
  fds: {
    anchor: 'file-descriptors',
    text: 'Each process’s descriptor table points at open-file entries, which hold the offset. After <code>fork()</code> parent and child share an entry, so their writes land one after the other.',
    props: { id: 'fds', scenario: 'shared-offset', also: ['console'] },
  },
  code: {
    anchor: 'code-pane',
    text: 'The C listing the model runs, highlighted at build time, with a cursor for every task on its current line. Here two threads share one listing, and a time slice can fall between a load and a store.',
    props: { id: 'code', scenario: 'thread-race', also: ['registers'] },
  },
  registers: {
    anchor: 'registers',
    text: 'Program counter, stack pointer and general registers of the followed process’s tasks: live while a task runs, and the copies saved in its control block when it is switched out.',
    props: { id: 'registers', scenario: 'fork-basics', also: ['code'], title: 'Registers' },
  },
  stats: {
    anchor: 'statistics',
    text: 'How busy the CPU and the devices were, context switches, system calls and forks, and what the run would have cost in microseconds by the book’s measured cost model.',
    props: { id: 'stats', scenario: 'process-states', also: ['cpu'], title: 'Statistics' },
  },
  console: {
    anchor: 'console',
    text: 'What the processes printed, in order, each line with the PID that wrote it.',
    props: { id: 'console', scenario: 'fork-exec-wait', also: ['tree'] },
  },
  ps: {
    anchor: 'ps',
    text: 'The machine as <code>ps -eo pid,ppid,stat,comm</code> would print it on Linux: the state letter of each process (R running or runnable, S interruptible sleep, D uninterruptible sleep on the disk, T stopped, Z zombie), with ps(1)’s words for the letters shown. Step to tick 14 to see four of them at once.',
    props: { id: 'ps', scenario: 'ps-states', also: ['table'], title: 'What ps shows' },
  },
  utilisation: {
    anchor: 'utilisation',
    text: 'The share of ticks in which the CPU ran an instruction so far, beside the same processes run to their end by the model under three simple policies: run to completion, switch on I/O, and switch on I/O running the waker at once. Under the manual scheduler the first row is the reader’s own schedule.',
    props: { id: 'utilisation', scenario: 'io-mix', also: ['cpu'], title: 'CPU utilisation' },
  },
  gauge: {
    anchor: 'gauge',
    text: 'RSS, PSS and USS of every process and their sums, by the rules of Linux’s /proc/PID/smaps_rollup: RSS counts every mapped page, PSS shares each page among the processes that map it, USS counts the pages no other process maps. Connect clients and watch the sum of RSS run away from the memory really used.',
    props: {
      id: 'gauge',
      scenario: 'postgres-full',
      also: ['tree'],
      controls: ['connect'],
      title: 'Memory gauge',
    },
  },
  cells: {
    anchor: 'memory-cells',
    text: 'The words of each process’s data page, with the word the step loaded or stored marked. Two processes show the same addresses holding different values: each has its own address space.',
    props: { id: 'cells', scenario: 'two-programs', also: ['registers'], title: 'Memory cells' },
  },
  pcb: {
    anchor: 'pcb',
    text: 'The followed process’s control block two ways: as xv6’s <code>struct proc</code> and as a digest of Linux’s <code>task_struct</code>, each field’s value now and what it is for. Step and watch the state, the saved registers and the context-switch counts change.',
    props: {
      id: 'pcb',
      scenario: 'two-programs',
      also: ['cpu'],
      follow: 2,
      title: 'Process control block',
    },
  },
};

/** Whether `name` is a view's name. Precondition: none. Never fails. */
export function isViewName(name: unknown): name is ViewName {
  return typeof name === 'string' && Object.hasOwn(VIEWS, name);
}
