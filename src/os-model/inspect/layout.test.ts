// The x86-64 layout of a model process (layout.ts), checked against the lab's measured map
// (public/labs/where.norandom.txt, copied below by hand) and the 128 TiB user half.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../book/registry.ts';
import { bytesText, gapsOf, hex, mapsText, USER_END, vmasOf } from './layout.ts';

function where() {
  const r = loadScenario('where-map');
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('x86-64 layout', () => {
  it('the user half is 2^47 bytes, 128 TiB, ending at 0x00007fffffffffff', () => {
    expect(USER_END - 1).toBe(0x7fffffffffff);
    expect(bytesText(USER_END)).toBe('128 TiB');
    expect(bytesText(4096)).toBe('4 KiB');
  });

  it('a one-page-per-region process sits where the measured where.c sat', () => {
    const v = vmasOf(where(), 2);
    const line = (kind: string) => v.find((x) => x.kind === kind)!;
    // From where.norandom.txt: the executable's pages from 0x555555554000, data at
    // 0x555555558000 (offset 0x3000), the heap from 0x555555559000, the stack ending at
    // 0x7ffffffff000, the vdso at 0x7ffff7fc8000.
    expect([line('elf-header').start, line('text').start, line('rodata').start]).toEqual([
      0x555555554000, 0x555555555000, 0x555555556000,
    ]);
    expect([line('data').start, line('data').offset, line('data').perms]).toEqual([
      0x555555558000,
      0x3000,
      'rw-p',
    ]);
    expect([line('heap').start, line('heap').path]).toEqual([0x555555559000, '[heap]']);
    expect([line('stack').end, line('stack').end - line('stack').start]).toEqual([
      0x7ffffffff000, 4096,
    ]);
    expect(line('vdso').start).toBe(0x7ffff7fc8000);
    expect(line('text').perms).toBe('r-xp');
  });

  it('maps text has the kernel layout: the path starts at column 74', () => {
    const t = mapsText(vmasOf(where(), 2));
    const first = t.split('\n')[0];
    expect(first.startsWith('555555554000-555555555000 r--p 00000000 fe:00 ')).toBe(true);
    expect(first.indexOf('/usr/bin/where')).toBe(73);
    expect(t).toContain(
      '7fffffffe000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]\n',
    );
    expect(hex(0)).toBe('00000000');
  });

  it('gaps cover the rest of the user half: mapped plus unmapped is 128 TiB', () => {
    const v = vmasOf(where(), 2);
    const g = gapsOf(v);
    const sum = [...v, ...g].reduce((n, x) => n + (x.end - x.start), 0);
    expect(sum).toBe(USER_END);
    expect(g[0]).toEqual({ start: 0, end: 0x555555554000, guard: true });
    expect(g.find((x) => x.end === 0x7fffffffe000)?.guard).toBe(true);
  });

  it('a zombie or unknown PID has no areas', () => {
    expect(vmasOf(where(), 99)).toEqual([]);
  });
});
