// The examples of the simulation gallery (src/pages/gallery.astro): each is the props of one
// island, and the MDX line shown beside it is generated from the same props. The player comes
// first, then one example per view, read from the views registry (components/views/registry.ts)
// in its order, then the island's other features.
import type { SimulationProps } from '../../components/islands/simulation-props.ts';
import {
  VIEWS,
  VIEW_EXAMPLES,
  VIEW_NAMES,
  type ViewName,
} from '../../components/views/registry.ts';

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

/**
 * The gallery example of view `name`, from the registry: the view first, then the others it is
 * shown with, under the view's label. Precondition: none. Never fails.
 */
export function viewExample(name: ViewName): GalleryExample {
  const example = VIEW_EXAMPLES[name];
  const { id, scenario, also = [], ...rest } = example.props;
  const views: ViewName[] = [name, ...also];
  return {
    anchor: example.anchor,
    heading: VIEWS[name].label,
    text: example.text,
    props: { id, scenario, views, ...rest },
  };
}

export const GALLERY: GalleryExample[] = [
  {
    anchor: 'player',
    heading: 'The player',
    text: 'Every island has the same controls: step back and forward, play and pause at a chosen speed, reset, and a scrubber over the whole run. With the island focused, the arrow keys step, Space plays and pauses, and Home and End jump to the first and last step. A sentence under the views says what the step did (screen readers announce it), and the transcript lists every step so far. “Copy link” puts the exact step into the address bar and the clipboard.',
    props: { id: 'player', scenario: 'fork-basics', views: ['console'] },
  },
  ...VIEW_NAMES.map(viewExample),
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
