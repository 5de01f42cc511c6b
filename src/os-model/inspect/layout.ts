// Where a model process's regions would sit in a real x86-64 Linux address space, for the
// address-space map and /proc/PID/maps. A rule about presentation, not about the machine: nothing
// here changes a machine.
//
// The user half of an x86-64 address space with 4-level page tables runs from 0 to
// 0x00007fffffffffff: 2^47 bytes, 128 TiB (the kernel's Documentation/arch/x86/x86_64/mm.rst).
// The places below are those of a small dynamically linked C program on this book's
// measurement machine (Linux 6.18, glibc 2.36) with address-space randomisation turned off
// (`setarch x86_64 -R ./where`, public/labs/where.c; its output is public/labs/where.norandom.txt):
// the executable at 0x555555554000, the C library and the dynamic linker just below
// 0x7ffff8000000, the stack ending at 0x7ffffffff000. The model's own regions (text, data, heap,
// shared memory, stack) take as many 4 KiB pages there as the model process has pages; the
// C library, the dynamic linker, the ELF header, read-only data, vvar and vdso are not in the
// model and are drawn as measured.
import type { Machine, RegionKind } from '../kernel/types.ts';
import { get } from '../kernel/table.ts';

/** Bytes in an x86-64 page (4 KiB). */
export const X86_PAGE = 4096;
/** One past the last user address: 2^47 = 0x0000800000000000 (128 TiB). */
export const USER_END = 2 ** 47;
/** Linux keeps 256 pages (1 MiB) below the stack free of other mappings (stack_guard_gap). */
export const STACK_GUARD_PAGES = 256;

/** What a VMA holds, for the map's colours and the drill's answers. */
export type VmaKind =
  | 'elf-header'
  | 'text'
  | 'rodata'
  | 'relro'
  | 'data'
  | 'heap'
  | 'mmap'
  | 'library'
  | 'vvar'
  | 'vdso'
  | 'stack'
  | 'shared';

/** One line of /proc/PID/maps: a virtual memory area. */
export type Vma = {
  start: number;
  end: number;
  /** "r-xp": read, write, execute, private (p) or shared (s). */
  perms: string;
  /** Offset into the file mapped, 0 for anonymous memory. */
  offset: number;
  /** "fe:00" for a file on the root disk, "00:00" for anonymous memory. */
  dev: string;
  inode: number;
  /** The file mapped, or a pseudo-name such as [heap], or '' for anonymous memory. */
  path: string;
  kind: VmaKind;
  /** The model region behind it, when there is one. */
  region: RegionKind | null;
  /** What it holds, in a few words. */
  what: string;
};

const EXE = 0x555555554000;
const LIBC = '/usr/lib/x86_64-linux-gnu/libc.so.6';
const LD = '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2';
const STACK_END = 0x7ffffffff000;

/** The parts not in the model, as measured (public/labs/where.norandom.txt). */
const FIXED_HIGH: Omit<Vma, 'region'>[] = [
  vma(
    0x7ffff7dd1000,
    0x7ffff7dd4000,
    'rw-p',
    0,
    '',
    'mmap',
    'anonymous memory the C library maps for itself',
  ),
  vma(
    0x7ffff7dd4000,
    0x7ffff7dfa000,
    'r--p',
    0,
    LIBC,
    'library',
    'the C library: ELF header and read-only data',
  ),
  vma(
    0x7ffff7dfa000,
    0x7ffff7f50000,
    'r-xp',
    0x26000,
    LIBC,
    'library',
    'the C library’s code (printf, malloc, …)',
  ),
  vma(
    0x7ffff7f50000,
    0x7ffff7fa3000,
    'r--p',
    0x17c000,
    LIBC,
    'library',
    'the C library’s read-only data',
  ),
  vma(
    0x7ffff7fa3000,
    0x7ffff7fa7000,
    'r--p',
    0x1cf000,
    LIBC,
    'library',
    'the C library’s relocated data, made read-only',
  ),
  vma(
    0x7ffff7fa7000,
    0x7ffff7fa9000,
    'rw-p',
    0x1d3000,
    LIBC,
    'library',
    'the C library’s own globals',
  ),
  vma(
    0x7ffff7fa9000,
    0x7ffff7fb6000,
    'rw-p',
    0,
    '',
    'mmap',
    'the C library’s zero-filled globals (its bss)',
  ),
  vma(
    0x7ffff7fc0000,
    0x7ffff7fc2000,
    'rw-p',
    0,
    '',
    'mmap',
    'anonymous memory the dynamic linker maps',
  ),
  vma(
    0x7ffff7fc2000,
    0x7ffff7fc6000,
    'r--p',
    0,
    '[vvar]',
    'vvar',
    'kernel data the vDSO reads (the clock)',
  ),
  vma(
    0x7ffff7fc6000,
    0x7ffff7fc8000,
    'r--p',
    0,
    '[vvar_vclock]',
    'vvar',
    'kernel clock pages the vDSO reads',
  ),
  vma(
    0x7ffff7fc8000,
    0x7ffff7fca000,
    'r-xp',
    0,
    '[vdso]',
    'vdso',
    'code the kernel maps into every process (gettimeofday without a system call)',
  ),
  vma(0x7ffff7fca000, 0x7ffff7fcb000, 'r--p', 0, LD, 'library', 'the dynamic linker: ELF header'),
  vma(0x7ffff7fcb000, 0x7ffff7ff1000, 'r-xp', 0x1000, LD, 'library', 'the dynamic linker’s code'),
  vma(
    0x7ffff7ff1000,
    0x7ffff7ffb000,
    'r--p',
    0x27000,
    LD,
    'library',
    'the dynamic linker’s read-only data',
  ),
  vma(
    0x7ffff7ffb000,
    0x7ffff7ffd000,
    'r--p',
    0x31000,
    LD,
    'library',
    'the dynamic linker’s relocated data, made read-only',
  ),
  vma(
    0x7ffff7ffd000,
    0x7ffff7fff000,
    'rw-p',
    0x33000,
    LD,
    'library',
    'the dynamic linker’s globals',
  ),
];

function vma(
  start: number,
  end: number,
  perms: string,
  offset: number,
  path: string,
  kind: VmaKind,
  what: string,
): Omit<Vma, 'region'> {
  const file = path.startsWith('/');
  return {
    start,
    end,
    perms,
    offset,
    dev: file ? 'fe:00' : '00:00',
    inode: path === LIBC ? 339380 : path === LD ? 338944 : 0,
    path,
    kind,
    what,
  };
}

/** The executable's path as /proc shows it, for a model program. */
export function exePath(name: string): string {
  return `/usr/bin/${name}`;
}

/** A stable made-up inode number for a model program's file (its name's hash). */
function inodeOf(name: string): number {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return 1_000_000 + (h % 8_000_000);
}

/**
 * The VMAs of process `pid` in address order, as its /proc/PID/maps would list them: the model's
 * regions with as many 4 KiB pages as the model maps, placed where Linux places them, among the
 * measured parts the model does not have. Precondition: none. Failure: [] for an unknown pid or
 * a zombie (its memory is freed, and Linux's maps file of a zombie is empty).
 */
export function vmasOf(m: Machine, pid: number): Vma[] {
  const p = get(m.procs, pid);
  if (!p || !p.mm || p.state === 'ZOMBIE') return [];
  const pages = (k: RegionKind): number =>
    p.mm!.regions.filter((r) => r.kind === k).reduce((n, r) => n + r.pages, 0);
  const exe = exePath(p.name);
  const ino = inodeOf(p.name);
  const own = (
    start: number,
    n: number,
    perms: string,
    offset: number,
    path: string,
    kind: VmaKind,
    region: RegionKind | null,
    what: string,
  ): Vma => ({
    ...vma(start, start + n * X86_PAGE, perms, offset, path, kind, what),
    inode: path === exe ? ino : 0,
    dev: path === exe ? 'fe:00' : '00:00',
    region,
  });
  const out: Vma[] = [];
  let at = EXE;
  out.push(own(at, 1, 'r--p', 0, exe, 'elf-header', null, 'the ELF header and program headers'));
  at += X86_PAGE;
  const text = Math.max(1, pages('text'));
  out.push(
    own(at, text, 'r-xp', 0x1000, exe, 'text', 'text', 'the program’s machine code (.text)'),
  );
  at += text * X86_PAGE;
  out.push(
    own(
      at,
      1,
      'r--p',
      at - EXE,
      exe,
      'rodata',
      null,
      'read-only data (.rodata): string literals, const globals',
    ),
  );
  at += X86_PAGE;
  out.push(
    own(
      at,
      1,
      'r--p',
      at - EXE - X86_PAGE,
      exe,
      'relro',
      null,
      'data the dynamic linker fills in, then makes read-only (RELRO)',
    ),
  );
  at += X86_PAGE;
  const data = pages('data');
  if (data > 0) {
    out.push(
      own(
        at,
        data,
        'rw-p',
        at - EXE - X86_PAGE,
        exe,
        'data',
        'data',
        'initialised globals (.data) and zero-filled ones (.bss)',
      ),
    );
    at += data * X86_PAGE;
  }
  const heap = pages('heap');
  if (heap > 0)
    out.push(
      own(
        at,
        heap,
        'rw-p',
        0,
        '[heap]',
        'heap',
        'heap',
        'the heap: malloc’s memory, grown with brk()',
      ),
    );
  for (const v of FIXED_HIGH) out.push({ ...v, region: null });
  const shared = pages('shared');
  if (shared > 0)
    out.push(
      own(
        0x7ffff7fb6000,
        shared,
        'rw-s',
        0,
        '/dev/zero (deleted)',
        'shared',
        'shared',
        'shared memory (mmap MAP_SHARED)',
      ),
    );
  const stack = pages('stack');
  if (stack > 0)
    out.push(
      own(
        STACK_END - stack * X86_PAGE,
        stack,
        'rw-p',
        0,
        '[stack]',
        'stack',
        'stack',
        'the main thread’s stack: locals, return addresses',
      ),
    );
  return out.sort((a, b) => a.start - b.start);
}

/** `n` as Linux prints an address in /proc/PID/maps: lower-case hex, at least 8 digits. */
export function hex(n: number, width = 8): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * The text of /proc/PID/maps for `vmas`, in the kernel's layout (fs/proc/task_mmu.c show_map_vma):
 * "start-end perms offset dev inode", then the path padded to column 74. Every line ends with
 * "\n". Precondition: none. Never fails.
 */
export function mapsText(vmas: Vma[]): string {
  let s = '';
  for (const v of vmas) {
    const head = `${hex(v.start)}-${hex(v.end)} ${v.perms} ${hex(v.offset)} ${v.dev} ${v.inode} `;
    s += v.path ? `${head.padEnd(73)}${v.path}\n` : `${head}\n`;
  }
  return s;
}

/** A gap between VMAs: unmapped addresses, any use of which is a segmentation fault. */
export type Gap = { start: number; end: number; guard: boolean };

/**
 * The unmapped gaps of the user half around `vmas` (which are in address order), from 0 to
 * USER_END. The gap just below the stack is marked `guard` (Linux keeps STACK_GUARD_PAGES of it
 * free), as is the first page at address 0 (a null pointer's page is never mapped).
 * Precondition: `vmas` sorted and non-overlapping. Never fails.
 */
export function gapsOf(vmas: Vma[]): Gap[] {
  const out: Gap[] = [];
  let at = 0;
  for (const v of vmas) {
    if (v.start > at) out.push({ start: at, end: v.start, guard: at === 0 || v.kind === 'stack' });
    at = Math.max(at, v.end);
  }
  if (at < USER_END) out.push({ start: at, end: USER_END, guard: false });
  return out;
}

/** Bytes, in the largest binary unit that keeps the number at least 1 ("128 TiB", "4 KiB"). */
export function bytesText(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const num = Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
  return u === 0 ? `${n} ${n === 1 ? 'byte' : 'bytes'}` : `${num} ${units[u]}`;
}
