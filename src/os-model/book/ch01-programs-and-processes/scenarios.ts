// Scenarios of chapter 1, Programs and processes. Built only on the public kernel API with the
// helpers of book/kit.ts; the book's registry (book/registry.ts) lists them.
import type { Machine } from '../../kernel/types.ts';
import { apply, machine, num, type Options, type Scenario } from '../kit.ts';

/** `m` with extra machine settings (the kernel's optional config fields). */
function configured(m: Machine, extra: Partial<Machine['config']>): Machine {
  return { ...m, config: { ...m.config, ...extra } };
}

/** The smallest pid_max the pid-wrap scenario accepts (init, daemon, spawner and one child). */
export const PID_WRAP_MIN = 5;

export const SCENARIOS: Record<string, Scenario> = {
  // One program alone on one CPU: PID 2 runs sum-loop (./programs.ts) to its end.
  'tiny-cpu': {
    title: 'A tiny CPU and memory',
    description:
      'One program on one CPU: each step runs one instruction, changing the program counter, a register or a word of memory.',
    build: (seed, o) =>
      apply(machine(o, seed, 'fifo', 4), [{ type: 'spawn', program: 'sum-loop' }]),
  },
  // A second program arrives: round robin with two-tick slices on one CPU.
  'two-programs': {
    title: 'Two programs, one CPU',
    description:
      'Two programs and one CPU: the CPU runs one of them at a time, and the kernel switches between them every two ticks.',
    build: (seed, o) =>
      apply(machine(o, seed, 'rr', 2), [
        { type: 'spawn', program: 'sum-loop' },
        { type: 'spawn', program: 'count-up' },
      ]),
  },
  // One program file, three processes: the launcher forks three children that exec counter.
  // With the page cache on, the three map one text frame; data, heap and stack are their own.
  'three-processes': {
    title: 'One program, three processes',
    description:
      'A shell starts the program counter three times: three processes that share the text of one file and have their own data, heap and stack.',
    build: (seed, o) =>
      apply(configured(machine(o, seed, 'rr', 2), { pageCache: true }), [
        { type: 'spawn', program: 'launch3' },
      ]),
  },
  // PIDs from boot with a small pid_max (option pidMax, default 8): a daemon holds PID 2, the
  // spawner PID 3, and the spawner's short-lived children take the free PIDs in turn, wrapping.
  'pid-wrap': {
    title: 'PIDs from boot',
    description:
      'PIDs are handed out in order from boot; at pid_max the counter wraps and takes the lowest PIDs no process or zombie holds.',
    build: (seed, o: Options) =>
      apply(
        configured(machine(o, seed, 'fifo', 4), {
          pidMax: num(o, 'pidMax', 8, PID_WRAP_MIN, 64),
        }),
        [
          { type: 'spawn', program: 'daemon' },
          { type: 'spawn', program: 'spawner' },
        ],
      ),
  },
  // The address-space map's process: `where` (the lab program), spawned and not yet run.
  'where-map': {
    title: 'The address space of where',
    description:
      'The lab program where, loaded by exec: its text, data, heap and stack mapped, ready to run.',
    build: (seed, o) => apply(machine(o, seed, 'fifo', 4), [{ type: 'spawn', program: 'where' }]),
  },
  // The /proc shell's machine: a shell that starts three copies of counter (the island runs it).
  'proc-shell': {
    title: 'A machine to look at through /proc',
    description: 'A shell that started counter three times; read their /proc files as they run.',
    build: (seed, o) =>
      apply(configured(machine(o, seed, 'rr', 2), { pageCache: true }), [
        { type: 'spawn', program: 'launch3' },
      ]),
  },
};
