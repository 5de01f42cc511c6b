// The props of the generic Simulation island, in a plain module so that pages and tests (the
// gallery's examples) are type-checked against the same names the island accepts. The view names
// come from the views registry (components/views/registry.ts).
import type { QuestionKind } from '../sim/predict.ts';
import type { ViewName } from '../views/registry.ts';

export type { ViewName } from '../views/registry.ts';

export type ReaderControl = 'kill' | 'connect' | 'dispatch';
export const READER_CONTROLS: readonly ReaderControl[] = ['kill', 'connect', 'dispatch'];

export type SimulationProps = {
  /** The hash key of shared links; lower-case letters, digits and hyphens. */
  id: string;
  scenario: string;
  seed?: number;
  options?: Record<string, unknown>;
  views?: ViewName[];
  mode?: 'watch' | 'predict';
  /** Question kinds asked in predict mode, in order of preference (default: all). */
  predict?: QuestionKind[];
  /** The PID the state diagram, registers, memory, fds and code pane follow. */
  follow?: number;
  /** The code pane's program (default: the followed process's current program). */
  program?: string;
  /** The reader's actions: send a signal, connect a client, dispatch a task (manual scheduler). */
  controls?: ReaderControl[];
  horizon?: number;
  title?: string;
};
