// The "which region?" drill: a C declaration, and the region of a running process where the
// thing it names lives. Questions come from a seed (the kernel's mulberry32, rng.ts), so the same
// seed asks the same questions in the same order, and the stream never ends. The rules are the C
// compiler's and the ELF loader's (elf(5) for the sections; the System V ABI's use of .data,
// .bss, .rodata and .text), as gcc applies them on x86-64 Linux.
import { nextRandom, seedRng } from '../../kernel/rng.ts';

export type DrillRegion = 'text' | 'rodata' | 'data' | 'bss' | 'heap' | 'stack';

/** The answers a reader can pick, in the order the address space has them, low to high. */
export const DRILL_REGIONS: readonly DrillRegion[] = [
  'text',
  'rodata',
  'data',
  'bss',
  'heap',
  'stack',
];

export const REGION_LABEL: Record<DrillRegion, string> = {
  text: 'text (.text: code)',
  rodata: 'read-only data (.rodata)',
  data: 'data (.data: initialised)',
  bss: 'bss (.bss: zero-filled)',
  heap: 'heap',
  stack: 'stack',
};

export type DrillQuestion = {
  /** Its number in the stream (0-based). */
  n: number;
  /** The C code, as lines. */
  code: string[];
  /** What the question asks about ("x", "the block p points to"). */
  target: string;
  answer: DrillRegion;
  /** Why, in a sentence or two. */
  why: string;
};

type Rule = {
  answer: DrillRegion;
  make: (name: string, value: number) => { code: string[]; target: string };
  why: string;
};

const RULES: readonly Rule[] = [
  {
    answer: 'bss',
    make: (x) => ({
      code: [`static int ${x};`, '', 'int main(void) { return ' + x + '; }'],
      target: x,
    }),
    why: 'A static variable outside any function with no starting value is zero-filled: it goes in .bss, which takes no room in the file and is mapped as zeroed memory after .data.',
  },
  {
    answer: 'data',
    make: (x, v) => ({
      code: [`int ${x} = ${v};`, '', 'int main(void) { return ' + x + '; }'],
      target: x,
    }),
    why: 'A global with a non-zero starting value needs that value stored in the file: it goes in .data, loaded into a private writable page.',
  },
  {
    answer: 'bss',
    make: (x) => ({ code: [`int ${x};`, '', 'int main(void) { return ' + x + '; }'], target: x }),
    why: 'A global with no starting value is zero at start: gcc puts it in .bss (zero is the value C promises, and zero-filled pages cost nothing in the file).',
  },
  {
    answer: 'bss',
    make: (x) => ({
      code: [`int ${x} = 0;`, '', 'int main(void) { return ' + x + '; }'],
      target: x,
    }),
    why: 'A global explicitly set to 0 is still all zero bytes: gcc puts it in .bss, not .data.',
  },
  {
    answer: 'data',
    make: (x, v) => ({
      code: ['int main(void) {', `  static int ${x} = ${v};`, `  return ${x}++;`, '}'],
      target: x,
    }),
    why: 'A static local keeps its value between calls, so it cannot live in the function’s stack frame: with a non-zero starting value it goes in .data, like a global.',
  },
  {
    answer: 'stack',
    make: (x, v) => ({
      code: ['int main(void) {', `  int ${x} = ${v};`, `  return ${x};`, '}'],
      target: x,
    }),
    why: 'An ordinary local variable lives in its function’s frame on the stack (or in a register), created at each call and gone at return.',
  },
  {
    answer: 'heap',
    make: (x, v) => ({
      code: [
        '#include <stdlib.h>',
        'int main(void) {',
        `  int *${x} = malloc(${v} * sizeof(int));`,
        `  return ${x} == NULL;`,
        '}',
      ],
      target: `the ${v} ints ${x} points to`,
    }),
    why: 'malloc returns memory from the heap (large blocks come from their own anonymous mapping instead): the block outlives the function that asked for it.',
  },
  {
    answer: 'stack',
    make: (x, v) => ({
      code: [
        '#include <stdlib.h>',
        'int main(void) {',
        `  int *${x} = malloc(${v} * sizeof(int));`,
        `  return ${x} == NULL;`,
        '}',
      ],
      target: `the pointer ${x} itself`,
    }),
    why: 'The pointer is a local variable like any other, so it is on the stack; only the block it points to is on the heap.',
  },
  {
    answer: 'rodata',
    make: (x) => ({
      code: ['int main(void) {', `  const char *${x} = "hello";`, `  return ${x}[0];`, '}'],
      target: `the characters of "hello"`,
    }),
    why: 'A string literal’s characters are in .rodata, mapped read-only; the pointer to them is a local on the stack.',
  },
  {
    answer: 'rodata',
    make: (x, v) => ({
      code: [`const int ${x} = ${v};`, '', 'int main(void) { return ' + x + '; }'],
      target: x,
    }),
    why: 'A const global can never change, so gcc places it in .rodata, mapped read-only.',
  },
  {
    answer: 'text',
    make: (x, v) => ({
      code: [`int ${x}(void) { return ${v}; }`, '', `int main(void) { return ${x}(); }`],
      target: `the function ${x}`,
    }),
    why: 'A function is machine code: it is in .text, mapped read-only and executable, and shared by every process running the program.',
  },
  {
    answer: 'stack',
    make: (x) => ({
      code: ['int main(void) {', `  char ${x}[] = "abc";`, `  return ${x}[1];`, '}'],
      target: x,
    }),
    why: 'A local array is a local variable: its four bytes are copied onto the stack from the literal each time the function runs.',
  },
];

const NAMES = ['x', 'y', 'count', 'total', 'buf', 'limit', 'hits', 'size', 'p', 'q', 'seen', 'n'];

/**
 * Question `n` of the stream for `seed`: a rule and a name and value drawn from the seeded
 * generator. Precondition: n >= 0 is a whole number. Never fails.
 */
export function drillQuestion(seed: number, n: number): DrillQuestion {
  // Each question draws from its own state (seed, n), so question n needs no earlier ones.
  let s = seedRng(Math.trunc(seed) * 7919 + Math.trunc(n) * 104729);
  const draw = (k: number): number => {
    const [v, next] = nextRandom(s);
    s = next;
    return Math.floor(v * k);
  };
  const rule = RULES[draw(RULES.length)];
  const name = NAMES[draw(NAMES.length)];
  const value = 2 + draw(98);
  const { code, target } = rule.make(name, value);
  return { n, code, target, answer: rule.answer, why: rule.why };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The verdict on a reader's pick: right or not, and a sentence that says why. Never fails. */
export function checkDrill(q: DrillQuestion, pick: DrillRegion): { right: boolean; text: string } {
  if (pick === q.answer)
    return {
      right: true,
      text: `Right. ${cap(q.target)} is in ${REGION_LABEL[q.answer]}. ${q.why}`,
    };
  return {
    right: false,
    text: `Not quite. Not ${REGION_LABEL[pick]}: ${q.target} is in ${REGION_LABEL[q.answer]}. ${q.why}`,
  };
}

/** Every rule's answer, for tests: the regions the drill can ask about. */
export const DRILL_ANSWERS: readonly DrillRegion[] = RULES.map((r) => r.answer);
