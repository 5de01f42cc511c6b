// Scenarios of chapter 5 (fork, exec, wait, exit), merged into SCENARIOS by scenarios.ts.
import './programs.ts';
import { single, type Scenario } from '../kit.ts';

export const LIFECYCLE_SCENARIOS: Record<string, Scenario> = {
  redirect: {
    title: 'A shell runs ls > out.txt',
    description:
      'The shell forks; the child opens out.txt, makes it its standard output with dup2, and execs ls, which writes into the file without knowing. A descriptor opened with O_CLOEXEC does not survive the exec.',
    build: single('redirect'),
  },
  'cow-exec': {
    title: 'Copy-on-write, then exec',
    description:
      'Parent and child share every page after fork, until the child calls exec: its new image replaces the shared pages, and nothing was copied.',
    build: single('cow-exec'),
  },
  'cow-thread': {
    title: 'A thread instead of a child',
    description:
      'pthread_create makes a second thread in the same address space: there is one memory map, so a write by either thread is seen by both and nothing is ever copied.',
    build: single('cow-thread'),
  },
  'lazy-parent': {
    title: 'A parent that waits when told',
    description:
      'A parent forks two children, then stops itself; each SIGCONT you send it makes it call wait() once. Until then its exited children stay zombies. Kill it instead, and init adopts and reaps them.',
    build: single('lazy-parent'),
  },
  subreaper: {
    title: 'A subreaper adopts an orphan',
    description:
      'A service manager marks itself a child subreaper with prctl; a daemon it starts double-forks, and when the middle process exits the orphan is adopted by the manager, not by init.',
    build: single('subreaper'),
  },
};
