/**
 * x86.py parity against data: x86.golden.json holds, for each case, the programs, the command
 * line and the stdout and exit code that OSTEP's own x86.py printed for them (generated once by
 * scripts/x86-golden.ts with CPython 3.11; -S's measured rate is masked on both sides).
 */
import { describe, expect, it } from 'vitest';
import { collect } from './output.ts';
import { x86Main } from './x86-text.ts';
import golden from './x86.golden.json' with { type: 'json' };

type Golden = {
  name: string;
  dialect: 'intro' | 'locks';
  files: Record<string, string>;
  argv: string[];
  stdout: string;
  code: number;
};

const mask = (s: string): string =>
  s.replace(
    /^STATS:: Emulation Rate {2}.* kinst\/sec$/m,
    'STATS:: Emulation Rate  (masked) kinst/sec',
  );

describe('x86.py parity (outputs of the Python original)', () => {
  const cases = golden as Golden[];

  it('has cases for both dialects, for success and for every kind of failure', () => {
    expect(cases.filter((c) => c.dialect === 'locks').length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set([0, 1, 2]));
  });

  for (const c of cases) {
    it(`${c.dialect}: ${c.name}`, () => {
      const read = (file: string) => c.files[file] ?? { error: `no file ${file}` };
      const out = collect(x86Main(c.argv, read, c.dialect));
      expect(mask(out.stdout)).toBe(c.stdout);
      expect(out.code).toBe(c.code);
    });
  }
});
