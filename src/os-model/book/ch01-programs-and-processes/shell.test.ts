// The /proc shell: commands answered from the model's /proc files, errors worded as the real
// tools word them, and the paste annotator's verdicts on good, unknown and malformed lines.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../kernel/types.ts';
import { loadScenario } from '../registry.ts';
import { runShell, type ShellResult } from './shell.ts';
import { annotateStatus } from '../../inspect/procfields.ts';

const m: Machine = (() => {
  const r = loadScenario('tiny-cpu');
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

const text = (r: ShellResult): string[] =>
  r.kind === 'output' ? r.lines.map((l) => l.map((p) => p.text).join('')) : [];

describe('the /proc shell', () => {
  it('ls /proc lists init and the program', () => {
    expect(text(runShell(m, 'ls /proc'))).toEqual(['1  2']);
  });

  it('cat status: each key carries its meaning', () => {
    const r = runShell(m, 'cat /proc/2/status');
    expect(r.kind).toBe('output');
    if (r.kind !== 'output') return;
    const state = r.lines.find((l) => l[0].text === 'State:')!;
    expect(state[1].text).toBe('\tR (running)');
    expect(state[0].meaning).toMatch(/state letter/);
  });

  it('missing files and bad commands get the real tools’ messages', () => {
    expect(runShell(m, 'cat /proc/9/status')).toEqual({
      kind: 'error',
      message: 'cat: /proc/9/status: No such file or directory',
    });
    expect(runShell(m, 'ls /proc/9/fd')).toEqual({
      kind: 'error',
      message: "ls: cannot access '/proc/9/fd': No such file or directory",
    });
    expect(runShell(m, 'cat /proc/2')).toEqual({
      kind: 'error',
      message: 'cat: /proc/2: Is a directory',
    });
    expect(runShell(m, 'rm -rf /')).toMatchObject({
      kind: 'error',
      message: 'rm: command not found (type help)',
    });
    expect(runShell(m, 'tick 0')).toMatchObject({ kind: 'error' });
    expect(runShell(m, 'tick 51')).toMatchObject({ kind: 'error' });
    expect(runShell(m, 'tick 3')).toEqual({ kind: 'tick', ticks: 3 });
    expect(runShell(m, 42)).toMatchObject({ kind: 'error' });
  });

  it('ls /proc/2/fd and ls -l', () => {
    expect(text(runShell(m, 'ls /proc/2/fd'))).toEqual(['0  1  2']);
    expect(text(runShell(m, 'ls -l /proc/2/fd'))[1]).toBe(
      'lrwx------ 1 reader reader 64 Jan  1 00:00 0 -> /dev/console',
    );
  });
});

describe('annotating a pasted status file', () => {
  it('known, unknown and malformed lines, each with its line number', () => {
    const r = annotateStatus(
      'Name:\tcat\nState:\tR (running)\nFrobs:\t3\nthis is not a field\nVmRSS:\tlots',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lines.map((l) => [l.kind, l.line])).toEqual([
      ['field', 1],
      ['field', 2],
      ['unknown', 3],
      ['malformed', 4],
      ['field', 5],
    ]);
    const vm = r.lines[4];
    expect(vm.kind === 'field' && vm.problem).toMatch(/number of kB/);
  });

  it('empty and oversized input get a sentence, not a crash', () => {
    expect(annotateStatus('   ')).toMatchObject({ ok: false });
    expect(annotateStatus(undefined)).toMatchObject({ ok: false });
    const big = annotateStatus('x'.repeat(20_001));
    expect(big.ok === false && big.error).toMatch(/20,001 characters/);
  });
});
