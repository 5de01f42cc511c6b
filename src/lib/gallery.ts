// The examples of the simulation gallery (src/pages/gallery.astro): each is the props of one
// island, and the MDX line shown beside it is generated from the same props.
import type { SimulationProps } from '../../components/islands/simulation-props.ts';

/** An island's props, exactly as the island types them; `id`, `scenario` and `views` given. */
export type GalleryProps = SimulationProps & Required<Pick<SimulationProps, 'views'>>;

export type GalleryExample = {
  anchor: string;
  heading: string;
  /** One paragraph of HTML (trusted: written here). */
  text: string;
  props: GalleryProps;
};

/** A value as it would be written in MDX: strings in single quotes, arrays and objects inline. */
function literal(v: unknown): string {
  if (typeof v === 'string') return `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${literal(x)}`)
      .join(', ')} }`;
  return String(v);
}

/**
 * The line of MDX that embeds an island with these props. Precondition: props are JSON-safe.
 * Never fails.
 */
export function mdxLine(props: GalleryProps): string {
  const attrs = Object.entries(props).map(([k, v]) =>
    typeof v === 'string' ? `${k}="${v}"` : `${k}={${literal(v)}}`,
  );
  return `<Simulation client:visible ${attrs.join(' ')} />`;
}

export const GALLERY: GalleryExample[] = [
  {
    anchor: 'player',
    heading: 'The player',
    text: 'Every island has the same controls: step back and forward, play and pause at a chosen speed, reset, and a scrubber over the whole run. With the island focused, the arrow keys step, Space plays and pauses, and Home and End jump to the first and last step. A sentence under the views says what the step did (screen readers announce it), and the transcript lists every step so far. “Copy link” puts the exact step into the address bar and the clipboard.',
    props: { id: 'player', scenario: 'fork-basics', views: ['console'] },
  },
  {
    anchor: 'process-table',
    heading: 'Process table',
    text: 'Like <code>ps</code>: PID, parent PID, the state under its kernel name and its teaching name, the command and the CPU time used. “Follow PID n” chooses the process the other views follow.',
    props: { id: 'table', scenario: 'process-states', views: ['table'], title: 'Process table' },
  },
  {
    anchor: 'process-tree',
    heading: 'Process tree',
    text: 'Parents above their children. Zombies and orphans are marked in words, and a list under the drawing says the same for screen readers.',
    props: { id: 'tree', scenario: 'zombie-orphan', views: ['tree'] },
  },
  {
    anchor: 'state-diagram',
    heading: 'State diagram',
    text: 'The states a task can be in and every legal transition between them, as the model enforces them. The followed process’s state is marked and its last transition highlighted and named.',
    props: {
      id: 'states',
      scenario: 'process-states',
      views: ['states', 'table'],
      follow: 3,
      title: 'State diagram',
    },
  },
  {
    anchor: 'cpu-timeline',
    heading: 'CPU timeline',
    text: 'A Gantt chart: one lane per CPU and one for I/O, a column per step. Context switches and idle time are marked, and a table gives the same facts.',
    props: {
      id: 'cpu',
      scenario: 'sched-jobs',
      views: ['cpu'],
      options: { policy: 'rr', quantum: 2, ncpu: 2 },
    },
  },
  {
    anchor: 'memory-map',
    heading: 'Memory map',
    text: 'Each process’s regions and pages with the frame behind each page. After <code>fork()</code> parent and child share frames copy-on-write; the first write faults and copies one page.',
    props: { id: 'memory', scenario: 'cow-fork', views: ['memory', 'code'] },
  },
  {
    anchor: 'file-descriptors',
    heading: 'File descriptors',
    text: 'Each process’s descriptor table points at open-file entries, which hold the offset. After <code>fork()</code> parent and child share an entry, so their writes land one after the other.',
    props: { id: 'fds', scenario: 'shared-offset', views: ['fds', 'console'] },
  },
  {
    anchor: 'code-pane',
    heading: 'Code pane',
    text: 'The C listing the model runs, highlighted at build time, with a cursor for every task on its current line. Here two threads share one listing, and a time slice can fall between a load and a store.',
    props: { id: 'code', scenario: 'thread-race', views: ['code', 'registers'] },
  },
  {
    anchor: 'registers',
    heading: 'Registers',
    text: 'Program counter, stack pointer and general registers of the followed process’s tasks: live while a task runs, and the copies saved in its control block when it is switched out.',
    props: {
      id: 'registers',
      scenario: 'fork-basics',
      views: ['registers', 'code'],
      title: 'Registers',
    },
  },
  {
    anchor: 'statistics',
    heading: 'Statistics',
    text: 'How busy the CPU and the devices were, context switches, system calls and forks, and what the run would have cost in microseconds by the book’s measured cost model.',
    props: {
      id: 'stats',
      scenario: 'process-states',
      views: ['stats', 'cpu'],
      title: 'Statistics',
    },
  },
  {
    anchor: 'console',
    heading: 'Console output',
    text: 'What the processes printed, in order, each line with the PID that wrote it.',
    props: { id: 'console', scenario: 'fork-exec-wait', views: ['console', 'tree'] },
  },
  {
    anchor: 'ps',
    heading: 'What ps shows',
    text: 'The machine as <code>ps -eo pid,ppid,stat,comm</code> would print it on Linux: the state letter of each process (R running or runnable, S interruptible sleep, D uninterruptible sleep on the disk, T stopped, Z zombie), with ps(1)’s words for the letters shown. Step to tick 14 to see four of them at once.',
    props: { id: 'ps', scenario: 'ps-states', views: ['ps', 'table'], title: 'What ps shows' },
  },
  {
    anchor: 'utilisation',
    heading: 'CPU utilisation',
    text: 'The share of ticks in which the CPU ran an instruction so far, beside the same processes run to their end by the model under three simple policies: run to completion, switch on I/O, and switch on I/O running the waker at once. Under the manual scheduler the first row is the reader’s own schedule.',
    props: {
      id: 'utilisation',
      scenario: 'io-mix',
      views: ['utilisation', 'cpu'],
      title: 'CPU utilisation',
    },
  },
  {
    anchor: 'gauge',
    heading: 'Memory gauge',
    text: 'RSS, PSS and USS of every process and their sums, by the rules of Linux’s /proc/PID/smaps_rollup: RSS counts every mapped page, PSS shares each page among the processes that map it, USS counts the pages no other process maps. Connect clients and watch the sum of RSS run away from the memory really used.',
    props: {
      id: 'gauge',
      scenario: 'postgres-full',
      views: ['gauge', 'tree'],
      controls: ['connect'],
      title: 'Memory gauge',
    },
  },
  {
    anchor: 'predict',
    heading: 'Predict mode',
    text: 'Before a step worth thinking about, the island asks what will happen and holds the step until you answer; the model checks the answer and explains it. Answers are remembered in this browser.',
    props: {
      id: 'predict',
      scenario: 'fork-basics',
      views: ['code', 'table'],
      mode: 'predict',
      predict: ['runs-next', 'prints'],
      title: 'Predict the next step',
    },
  },
  {
    anchor: 'predict-tree',
    heading: 'Predicting the process tree',
    text: 'The <code>tree</code> question asks what the process tree will look like after a step that changes it: a fork, an exit that leaves a zombie, a reap, an adoption. The wrong choices are the usual mistakes. Here, two forks in a loop.',
    props: {
      id: 'predict-tree',
      scenario: 'fork-loop',
      views: ['code', 'tree'],
      mode: 'predict',
      predict: ['tree'],
      title: 'Predict the tree',
    },
  },
  {
    anchor: 'reader-actions',
    heading: 'Reader actions',
    text: 'Islands can let the reader act on the machine: here, send a signal to a process. Acting in the past starts a new branch from that step.',
    props: {
      id: 'actions',
      scenario: 'zombie-orphan',
      views: ['tree', 'table'],
      controls: ['kill'],
      title: 'Send a signal',
    },
  },
  {
    anchor: 'be-the-scheduler',
    heading: 'Be the scheduler',
    text: 'With the manual scheduler nothing runs until the reader dispatches a ready task onto a CPU; “Step forward” then runs the clock. A dispatch the kernel would refuse is refused, with the reason.',
    props: {
      id: 'dispatch',
      scenario: 'be-the-scheduler',
      views: ['cpu', 'table'],
      controls: ['dispatch'],
    },
  },
  {
    anchor: 'busy-machine',
    heading: 'A busy machine',
    text: 'Six forks in a loop make 64 processes on two CPUs. The same views scale; the book’s benchmark steps this island and checks that the page updates within one frame.',
    props: {
      id: 'busy',
      scenario: 'fork-loop',
      views: ['table', 'cpu', 'stats'],
      options: { forks: 6, ncpu: 2 },
      title: 'A busy machine',
    },
  },
  {
    anchor: 'errors',
    heading: 'When something is wrong',
    text: 'A mistake in the props, here a scenario that does not exist, shows a message inside the island that says what is wrong. The rest of the page keeps working.',
    props: { id: 'broken', scenario: 'no-such-scenario', views: ['table'] },
  },
];
