// Console output: consoleOf and the server-rendered view on fork-basics. From the program
// (src/os-model/book/) under RR with quantum 3: PID 2 prints "hello (pid:2)", forks and
// tests rc (steps 1–3); the child PID 3 runs its two branches and prints "child (pid:3)" (steps
// 4–6); then the parent prints "parent of 3 (pid:2)".
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createTimeline, type KEvent, type Machine } from '../../src/os-model/index.ts';
import Console from './Console.svelte';
import { consoleOf } from './console.data.ts';

function run(scenario: string): { machine: Machine; events: KEvent[] }[] {
  const r = createTimeline(scenario, 0);
  if (!r.ok) throw new Error(r.error);
  const tl = r.value;
  const snaps = [tl.current()];
  while (snaps.length < 200 && tl.forward()) snaps.push(tl.current());
  return snaps;
}

const fb = run('fork-basics');

describe('consoleOf', () => {
  it('lists every line in order with its PID, without the trailing newline', () => {
    const end = fb[fb.length - 1];
    expect(consoleOf(end.machine, end.events).map((l) => [l.pid, l.text])).toEqual([
      [2, 'hello (pid:2)'],
      [3, 'child (pid:3)'],
      [2, 'parent of 3 (pid:2)'],
    ]);
  });

  it('marks only the line printed by this step as fresh', () => {
    const s = fb[6];
    const rows = consoleOf(s.machine, s.events);
    expect(rows.map((l) => [l.text, l.fresh])).toEqual([
      ['hello (pid:2)', false],
      ['child (pid:3)', true],
    ]);
    expect(consoleOf(fb[5].machine, fb[5].events).every((l) => !l.fresh)).toBe(true);
  });
});

describe('<Console> server render', () => {
  it('renders the lines with PID labels and a "new" mark in a focusable scroll region', () => {
    const html = render(Console, { props: { machine: fb[6].machine, events: fb[6].events } }).body;
    expect(html).toMatch(/<section class="view view-console[^"]*" role="group" aria-labelledby=/);
    expect(html).toContain('Console output');
    expect(html).toMatch(/PID 3<\/span> <samp[^>]*>child \(pid:3\)<\/samp>/);
    expect(html.match(/>new<\/span>/g)).toHaveLength(1);
    expect(html).toMatch(/tabindex="0" role="group" aria-label="Console output, scrollable"/);
  });

  it('says when nothing has been printed', () => {
    const html = render(Console, { props: { machine: fb[0].machine, events: [] } }).body;
    expect(html).toContain('Nothing printed yet.');
  });
});
