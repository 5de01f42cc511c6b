// Scenarios of chapter 7 (process-per-connection databases), listed in the book's
// registry (book/registry.ts). Built only on the public API, like every scenario.
import type { Action } from '../../kernel/types.ts';
import { apply, machine, num, type Scenario } from '../kit.ts';

function connects(n: number): Action[] {
  return Array.from({ length: n }, (): Action => ({ type: 'connect' }));
}

/** A server program spawned on two CPUs, with three clients already connecting. */
function arch(program: string): Scenario['build'] {
  return (seed, o) =>
    apply(machine({ ncpu: 2, ...o }, seed, 'rr', 4), [{ type: 'spawn', program }, ...connects(3)]);
}

export const SCENARIOS: Record<string, Scenario> = {
  postgres: {
    title: 'A Postgres-style postmaster',
    description:
      'The postmaster sleeps in accept(); each client connection makes it fork a backend process that serves the client and exits. Use the connect action to add clients.',
    build: (seed, o) => {
      const n = num(o, 'connections', 2, 0, 500);
      const m = machine({ ncpu: 2, ...o }, seed, 'rr', 4);
      return apply(m, [
        { type: 'spawn', program: 'postmaster' },
        ...Array.from({ length: n }, (): Action => ({ type: 'connect' })),
      ]);
    },
  },
  'postgres-full': {
    title: 'The postmaster and its children',
    description:
      'The postmaster maps shared memory and forks its five auxiliary processes; then each client connection makes it fork a backend, which serves four queries and exits when its client disconnects. Use "Connect a client" to add clients.',
    build: (seed, o) => {
      const n = num(o, 'connections', 2, 0, 200);
      const m = machine({ ncpu: 2, ...o }, seed, 'rr', 4);
      return apply(m, [{ type: 'spawn', program: 'postgres' }, ...connects(n)]);
    },
  },
  'arch-process': {
    title: 'A process per connection',
    description:
      'Three clients, each served by its own forked process. Client 2’s query hits a bug that writes through a null pointer.',
    build: arch('fork-server'),
  },
  'arch-threads': {
    title: 'A thread per connection',
    description:
      'The same three clients, each served by a thread of one server process. Client 2’s query hits the same bug.',
    build: arch('thread-server'),
  },
  'arch-event-loop': {
    title: 'An event loop',
    description:
      'The same three clients, served in turn by one thread that runs each ready client’s callback. Client 2’s callback hits the same bug.',
    build: arch('event-loop'),
  },
};
