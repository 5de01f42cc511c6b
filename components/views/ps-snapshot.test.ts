// The ps view: psSnapshot and the server-rendered view on the ps-states scenario. Expected rows
// are worked out by hand from ps-demo's listing (src/os-model/book/ch02-process-states/scenarios.ts) under RR,
// quantum 2, disk latency 10: at tick 14 the parent (PID 2) sleeps, PID 3 has exited with 42
// and is not reaped, PID 4 waits for the disk and PID 5 computes; init (PID 1) sleeps in wait().
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { loadScenario, step, type Machine } from '../../src/os-model/index.ts';
import PsSnapshot from './PsSnapshot.svelte';
import { PS_COMMAND, psSnapshot } from './ps-snapshot.data.ts';

function at(tick: number): Machine {
  const r = loadScenario('ps-states', 1);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  for (let i = 0; i < tick; i++) m = step(m, { type: 'tick' }).machine;
  return m;
}

describe('psSnapshot', () => {
  it('gives one row per process with the Linux letter, and a legend of the letters shown', () => {
    const ps = psSnapshot(at(14));
    expect(ps.rows.map((r) => `${r.pid} ${r.ppid} ${r.stat} ${r.comm}`)).toEqual([
      '1 0 S init',
      '2 1 S ps-demo',
      '3 2 Z ps-demo <defunct>',
      '4 2 D ps-demo',
      '5 2 R ps-demo',
    ]);
    expect(ps.legend.map((l) => [l.letter, l.count])).toEqual([
      ['R', 1],
      ['S', 2],
      ['D', 1],
      ['Z', 1],
    ]);
    expect(ps.legend[2].meaning).toBe('uninterruptible sleep (usually IO)');
    expect(ps.text.split('\n')[0]).toBe('    PID    PPID STAT COMMAND');
    expect(ps.text.split('\n')[4]).toBe('      4       2 D    ps-demo');
  });

  it('before anything runs shows init asleep and the new process runnable', () => {
    const ps = psSnapshot(at(0));
    expect(ps.rows.map((r) => r.stat)).toEqual(['S', 'R']);
    expect(ps.legend.map((l) => l.letter)).toEqual(['R', 'S']);
  });
});

describe('<PsSnapshot> server render', () => {
  it('names itself, shows the command, the rows and the legend', () => {
    const html = render(PsSnapshot, { props: { machine: at(14), events: [] } }).body;
    expect(html).toMatch(/<section class="view view-ps[^"]*" role="group" aria-labelledby=/);
    expect(html).toContain('What ps shows');
    expect(html).toContain(PS_COMMAND);
    expect(html).toContain('at tick 14');
    expect(html).toContain('ps-demo &lt;defunct>');
    expect(html).toMatch(/<td class="stat[^"]*"><strong[^>]*>D<\/strong>/);
    expect(html).toContain('uninterruptible sleep (usually IO)');
    expect(html).toContain('tabindex="0"');
  });
});
