// Scenarios of chapter 5 (fork, exec, wait, exit), listed in the book's registry (book/registry.ts).
import { apply, machine, num, single, type Scenario } from '../kit.ts';

export const SCENARIOS: Record<string, Scenario> = {
  'fork-basics': {
    title: 'fork() basics',
    description:
      'A process prints hello, forks, and parent and child each print who they are (OSTEP p1.c).',
    build: single('fork-basics'),
  },
  'fork-exec-wait': {
    title: 'fork, exec and wait',
    description:
      'The child replaces itself with wc; the parent waits for it, then prints (OSTEP p3.c).',
    build: single('fork-exec-wait'),
  },
  'fork-loop': {
    title: 'fork() in a loop',
    description:
      'A process calls fork() n times in a loop; parent and child both go on looping, so n forks make 2ⁿ processes, and each prints hello once.',
    build: (seed, o) => {
      const n = num(o, 'forks', 2, 0, 6);
      const m = machine(o, seed, 'rr', 3);
      return apply(m, [{ type: 'spawn', program: 'fork-loop', args: [0, n] }]);
    },
  },
  'zombie-orphan': {
    title: 'Zombies and orphans',
    description:
      'A child exits while its parent is busy and stays a zombie until the parent waits; then the parent exits first and init adopts its second child.',
    build: single('zombie-orphan'),
  },
  'cow-fork': {
    title: 'Copy-on-write after fork',
    description:
      'Parent and child share pages after fork; the first write to a shared page copies it.',
    build: single('cow-fork'),
  },
  'shared-offset': {
    title: 'A shared file offset',
    description:
      'Parent and child write to one file through the same open file, so the second write lands after the first.',
    build: single('shared-offset'),
  },
  pipe: {
    title: 'A pipe between two processes',
    description:
      'The parent writes into a pipe and the child reads from it; a reader of an empty pipe blocks.',
    build: single('pipe'),
  },
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
