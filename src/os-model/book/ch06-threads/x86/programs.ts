// The book's own programs for OSTEP's x86.py (threads-intro dialect), written for chapter 6: a
// loop, a racy counter, a lock made of a plain flag, a test-and-set spin lock and Peterson's
// algorithm. Each is also a file beside this one (NAME.s), which `npm run ostep -- x86 -p NAME.s`
// and OSTEP's own x86.py run, and a download for readers (public/labs/x86/NAME.s, served as
// /labs/x86/NAME.s); programs.test.ts checks that the copies agree and that each program does
// what its comment says. Islands run them with ostep/x86.ts (x86Run).

/** One program: its file name, what it shows, its text, and the flags its comment suggests. */
export type X86BookProgram = {
  /** the file beside this module, e.g. 'racy-counter.s' */
  file: string;
  title: string;
  /** the program text, exactly the file's */
  source: string;
  /** x86.py flags (without -p) that show it at work */
  argv: readonly string[];
};

/** The programs in the order the chapter introduces them. */
export const X86_BOOK_PROGRAMS: readonly X86BookProgram[] = [
  {
    file: 'count-up.s',
    title: 'A loop: one thread counts up to a limit',
    source:
      [
        '# count-up.s: one thread counts %ax up from 0 until it reaches %bx.',
        '# A loop in three instructions: add, compare, jump back while below the limit.',
        '#   npm run --silent ostep -- x86 -p count-up.s -t 1 -a bx=3 -R ax,bx -C -c',
        '.main',
        'mov  $0, %ax',
        '.next',
        'add  $1, %ax        # ax = ax + 1',
        'test %bx, %ax       # compare ax with bx',
        'jlt  .next          # ax < bx: once more',
        'halt',
      ].join('\n') + '\n',
    argv: ['-t', '1', '-a', 'bx=3', '-R', 'ax,bx', '-C', '-c'],
  },
  {
    file: 'racy-counter.s',
    title: 'A racy counter: counter++ as load, add, store, with no lock',
    source:
      [
        '# racy-counter.s: every thread adds 1 to the shared word `counter`, %cx times.',
        '# counter++ is three instructions (load, add, store); an interrupt between them loses updates.',
        '#   npm run --silent ostep -- x86 -p racy-counter.s -t 2 -a cx=2 -M counter -R ax,cx -i 2 -c',
        '.var counter',
        '.main',
        '.again',
        'mov  counter, %ax   # load',
        'add  $1, %ax        # add',
        'mov  %ax, counter   # store',
        'sub  $1, %cx        # one fewer to go',
        'test $0, %cx',
        'jgt  .again         # cx > 0: go again',
        'halt',
      ].join('\n') + '\n',
    argv: ['-t', '2', '-a', 'cx=2', '-M', 'counter', '-R', 'ax,cx', '-i', '2', '-c'],
  },
  {
    file: 'flag-lock.s',
    title: 'A broken lock: a plain flag, tested and then set in two steps',
    source:
      [
        '# flag-lock.s: a "lock" made of a plain word. It does not work: reading the flag and setting it',
        '# are two instructions, so two threads can both see 0 and both go in.',
        '#   npm run --silent ostep -- x86 -p flag-lock.s -t 2 -a cx=2 -M held,counter -i 3 -c',
        '.var held',
        '.var counter',
        '.main',
        '.again',
        '.spin',
        'mov  held, %ax      # is it taken?',
        'test $0, %ax',
        'jne  .spin          # taken: look again',
        'mov  $1, held       # take it (too late if we were interrupted since the test)',
        'mov  counter, %ax   # critical section: counter++',
        'add  $1, %ax',
        'mov  %ax, counter',
        'mov  $0, held       # give it back',
        'sub  $1, %cx',
        'test $0, %cx',
        'jgt  .again',
        'halt',
      ].join('\n') + '\n',
    argv: ['-t', '2', '-a', 'cx=2', '-M', 'held,counter', '-i', '3', '-c'],
  },
  {
    file: 'test-and-set.s',
    title: 'A spin lock on xchg (test-and-set)',
    source:
      [
        '# test-and-set.s: a spin lock on xchg, which reads the old value and writes 1 in one step.',
        '# Whatever the interleaving, one thread at a time is between the xchg that got 0 and the release.',
        '#   npm run --silent ostep -- x86 -p test-and-set.s -t 2 -a cx=2 -M held,counter -i 3 -c',
        '.var held',
        '.var counter',
        '.main',
        '.again',
        '.spin',
        'mov  $1, %ax',
        'xchg %ax, held      # atomically: ax = old held, held = 1',
        'test $0, %ax',
        'jne  .spin          # it was 1: someone holds it, try again',
        'mov  counter, %bx   # critical section: counter++',
        'add  $1, %bx',
        'mov  %bx, counter',
        'mov  $0, held       # release',
        'sub  $1, %cx',
        'test $0, %cx',
        'jgt  .again',
        'halt',
      ].join('\n') + '\n',
    argv: ['-t', '2', '-a', 'cx=2', '-M', 'held,counter', '-i', '3', '-c'],
  },
  {
    file: 'peterson.s',
    title: "Peterson's algorithm: mutual exclusion from loads and stores",
    source:
      [
        "# peterson.s: Peterson's algorithm for two threads, with loads and stores only (no atomic",
        '# instruction). Thread id in %bx (0 or 1), rounds in %cx; wants[0] and wants[1] are the words',
        '# 2000 and 2001, and `turn` says who yields.',
        '#   npm run --silent ostep -- x86 -p peterson.s -t 2 -a bx=0:cx=2,bx=1:cx=2 -M 2000,2001,turn,counter -i 2 -c',
        '.var turn',
        '.var counter',
        '.main',
        'mov  $1, %dx',
        'sub  %bx, %dx       # dx = 1 - self: the other thread',
        '.again',
        'mov  $1, 2000(%bx)  # wants[self] = 1',
        'mov  %dx, turn      # turn = other: after you',
        '.wait',
        'mov  2000(%dx), %ax # does the other want in?',
        'test $1, %ax',
        'jne  .enter         # no: go in',
        'mov  turn, %ax',
        'test %dx, %ax',
        'je   .wait          # yes, and it is its turn: wait',
        '.enter',
        'mov  counter, %ax   # critical section: counter++',
        'add  $1, %ax',
        'mov  %ax, counter',
        'mov  $0, 2000(%bx)  # wants[self] = 0',
        'sub  $1, %cx',
        'test $0, %cx',
        'jgt  .again',
        'halt',
      ].join('\n') + '\n',
    argv: ['-t', '2', '-a', 'bx=0:cx=2,bx=1:cx=2', '-M', '2000,2001,turn,counter', '-i', '2', '-c'],
  },
];

/** A book program by file name ('racy-counter.s'), or undefined. */
export function x86BookProgram(file: string): X86BookProgram | undefined {
  return X86_BOOK_PROGRAMS.find((p) => p.file === file);
}
