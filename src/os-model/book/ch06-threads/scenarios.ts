// Scenarios of chapter 6 (threads): a data race on a shared counter and its fix with a mutex.
// Listed in the book's registry (book/registry.ts).
import { single, type Scenario } from '../kit.ts';

export const SCENARIOS: Record<string, Scenario> = {
  'thread-race': {
    title: 'A data race',
    description:
      'Two threads each add 1 to a shared counter three times; a time slice can fall between load and store and lose an update.',
    build: single('thread-race', 'rr', 2),
  },
  'thread-mutex': {
    title: 'The race fixed with a mutex',
    description: 'The same two threads take a mutex around the update, so no update is lost.',
    build: single('thread-mutex', 'rr', 2),
  },
};
