// The map's variables against the model's layout: each measured address falls in an area of
// its own kind, with the page and offset worked out by hand from the address.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../registry.ts';
import { placeOf, WHERE_SYMBOLS } from './where.ts';
import { PROGRAMS } from './programs.ts';

const m = (() => {
  const r = loadScenario('where-map');
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

describe('where: variables and their places', () => {
  it('every variable’s measured address is in an area of its kind', () => {
    for (const s of WHERE_SYMBOLS) expect(placeOf(m, 2, s.addr)?.vma.kind, s.name).toBe(s.kind);
  });

  it('page and offset: *block at 0x5555555592a0 is page 0 of the heap, offset 0x2a0 = 672', () => {
    const block = WHERE_SYMBOLS.find((s) => s.name === '*block')!;
    const p = placeOf(m, 2, block.addr)!;
    expect([p.page, p.pageStart, p.offset]).toEqual([0, 0x555555559000, 672]);
  });

  it('each variable names the line of the listing where it appears', () => {
    const src = PROGRAMS.find((p) => p.name === 'where')!.source;
    for (const s of WHERE_SYMBOLS)
      expect(src[s.line - 1], s.name).toContain(s.name.replace('*', ''));
  });

  it('address 0 and the gap below the stack are unmapped', () => {
    expect(placeOf(m, 2, 0)).toBeNull();
    expect(placeOf(m, 2, 0x7fffffffd000)).toBeNull();
  });
});
