// The address-space map's geometry: the zoom levels of one model process's x86-64 address space
// (src/os-model/inspect/layout.ts), from the whole 128 TiB user half down to one 4 KiB page.
// Pure functions of the model's areas; the island only draws them.
import type { Gap, Vma } from '../../src/os-model/index.ts';
import { bytesText, gapsOf, hex, USER_END, X86_PAGE } from '../../src/os-model/index.ts';

/** A stretch of the user half shown at the top zoom level: areas close together. */
export type Cluster = {
  key: 'low' | 'high';
  label: string;
  start: number;
  end: number;
  vmas: Vma[];
};

/** Areas more than 1 GiB apart are drawn as separate clusters. */
const SPLIT = 2 ** 30;

/** The two clusters of a process: the program and its heap, and the libraries and stack. */
export function clustersOf(vmas: Vma[]): Cluster[] {
  const groups: Vma[][] = [];
  for (const v of vmas) {
    const g = groups[groups.length - 1];
    if (g && v.start - g[g.length - 1].end < SPLIT) g.push(v);
    else groups.push([v]);
  }
  return groups.map((g, i) => ({
    key: i === 0 ? 'low' : 'high',
    label: i === 0 ? 'the program and its heap' : 'libraries, vDSO and the stack',
    start: g[0].start,
    end: g[g.length - 1].end,
    vmas: g,
  }));
}

/** Where an address sits in the user half, as a percentage from the bottom (0) to the top. */
export function percentOfHalf(addr: number): number {
  return (addr / USER_END) * 100;
}

/** How much of the user half the areas map, in words: "2.2 MiB of 128 TiB (0.0000016 %)". */
export function mappedText(vmas: Vma[]): string {
  const bytes = vmas.reduce((n, v) => n + v.end - v.start, 0);
  const pct = (bytes / USER_END) * 100;
  return `${bytesText(bytes)} of ${bytesText(USER_END)} (${pct.toPrecision(2)} %)`;
}

/** A cluster's areas and the gaps between them, in address order, high addresses first. */
export function clusterRows(c: Cluster): ({ vma: Vma } | { gap: Gap })[] {
  const gaps = gapsOf(c.vmas).filter((g) => g.start >= c.start && g.end <= c.end);
  const rows: ({ vma: Vma } | { gap: Gap })[] = [
    ...c.vmas.map((vma) => ({ vma })),
    ...gaps.map((gap) => ({ gap })),
  ];
  const start = (r: { vma: Vma } | { gap: Gap }) => ('vma' in r ? r.vma.start : r.gap.start);
  return rows.sort((a, b) => start(b) - start(a));
}

/** The pages of an area to draw: all of them when few, else the first and last few. */
export function pagesToShow(
  v: Vma,
  mark: number | null,
  max = 16,
): { index: number; start: number }[] | null {
  const n = (v.end - v.start) / X86_PAGE;
  const idx = new Set<number>();
  if (n <= max) for (let i = 0; i < n; i++) idx.add(i);
  else {
    for (let i = 0; i < max / 2; i++) idx.add(i);
    for (let i = n - max / 2; i < n; i++) idx.add(i);
    if (mark !== null) idx.add(mark);
  }
  const out = [...idx]
    .sort((a, b) => a - b)
    .map((index) => ({ index, start: v.start + index * X86_PAGE }));
  return out.length === 0 ? null : out;
}

/** "0x555555554000". */
export function addr(n: number): string {
  return `0x${hex(n, 12)}`;
}
