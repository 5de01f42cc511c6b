// The address-space map's process: the program `where` (./programs.ts, after the lab
// public/labs/where.c) and the variables of its listing, each with the address the lab printed
// on the measurement machine with randomisation off (`setarch x86_64 -R ./where`,
// public/labs/where.norandom.txt). The model's layout (inspect/layout.ts) places the regions
// there, so each address falls in the area of its kind; the test beside this file checks it.
import type { Machine } from '../../kernel/types.ts';
import { vmasOf, X86_PAGE, type Vma, type VmaKind } from '../../inspect/layout.ts';

export type Symbol = {
  /** What the reader clicks in the listing ("initialised", "*block"). */
  name: string;
  /** Its line in the listing of `where` (1-based). */
  line: number;
  /** The kind of area it lives in. */
  kind: VmaKind;
  /** Its address in the measured run. */
  addr: number;
  /** Why it lives there, in a sentence. */
  why: string;
};

export const WHERE_SYMBOLS: readonly Symbol[] = [
  {
    name: 'initialised',
    line: 4,
    kind: 'data',
    addr: 0x555555558058,
    why: 'A global with a starting value: its bytes are stored in the file’s .data section and loaded into a private, writable page.',
  },
  {
    name: 'zeroed',
    line: 5,
    kind: 'data',
    addr: 0x55555555806c,
    why: 'A static with no starting value goes in .bss: the file stores only its size, and exec maps zero-filled memory right after .data (here in the same page).',
  },
  {
    name: 'main',
    line: 7,
    kind: 'text',
    addr: 0x5555555551b9,
    why: 'A function is machine code in .text: read-only and executable, and shared by every process running the program.',
  },
  {
    name: '"hello"',
    line: 8,
    kind: 'rodata',
    addr: 0x555555556008,
    why: 'A string literal’s characters are in .rodata, read-only: writing to them is a segmentation fault.',
  },
  {
    name: 'local',
    line: 9,
    kind: 'stack',
    addr: 0x7fffffffe6f4,
    why: 'A local variable lives in its function’s frame on the stack, near the top of the user half, and vanishes when the function returns.',
  },
  {
    name: '*block',
    line: 10,
    kind: 'heap',
    addr: 0x5555555592a0,
    why: 'malloc hands out memory from the heap, which starts just after the program’s data and grows upwards with brk().',
  },
];

/** Where `addr` is in `vmas`: the area, the 4 KiB page's index in it, and the offset in that page. */
export type Place = { vma: Vma; page: number; pageStart: number; offset: number };

/**
 * The area, page and offset of address `addr` in the address space of `pid`. Precondition: none.
 * Failure: null when no area holds it (an unmapped address: using it is a segmentation fault).
 */
export function placeOf(m: Machine, pid: number, addr: number): Place | null {
  const vma = vmasOf(m, pid).find((v) => addr >= v.start && addr < v.end);
  if (!vma) return null;
  const page = Math.floor((addr - vma.start) / X86_PAGE);
  const pageStart = vma.start + page * X86_PAGE;
  return { vma, page, pageStart, offset: addr - pageStart };
}
