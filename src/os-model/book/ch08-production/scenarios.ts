// Scenarios of chapter 8 (processes in production): a pre-forked worker pool. Listed in the
// book's registry (book/registry.ts).
import type { Action } from '../../kernel/types.ts';
import { apply, machine, num, type Scenario } from '../kit.ts';

export const SCENARIOS: Record<string, Scenario> = {
  'prefork-pool': {
    title: 'A pre-forked worker pool',
    description:
      'A master forks three workers up front; idle workers sleep in accept() and each connection wakes one.',
    build: (seed, o) => {
      const n = num(o, 'connections', 4, 0, 500);
      const m = machine({ ncpu: 2, ...o }, seed, 'rr', 4);
      return apply(m, [
        { type: 'spawn', program: 'prefork' },
        ...Array.from({ length: n }, (): Action => ({ type: 'connect' })),
      ]);
    },
  },
};
