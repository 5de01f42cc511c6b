// Text pages from the page cache (config.pageCache, vm.ts vmNew): every process running the same
// program maps one frame per text page, as Linux maps a file's cached pages; data, heap and stack
// stay private. Counts worked out by hand from the default image (text, data, heap, stack: one
// page each).
import { describe, expect, it } from 'vitest';
import type { Action, Machine } from './types.ts';
import { createMachine, step } from './machine.ts';
import { makeProgram, REGION_START } from './program.ts';
import { checkInvariants } from './invariants.ts';
import { get, values } from './table.ts';

const NAP = makeProgram(
  'nap',
  ['int main(void) {', '  sleep(50);', '}'],
  [
    { op: 'sleep', ticks: 50, line: 2 },
    { op: 'exit', status: 0, line: 2 },
  ],
);

function boot(pageCache: boolean, actions: Action[]): Machine {
  let m = createMachine(pageCache ? { pageCache } : {}, 0, [NAP]);
  for (const a of actions) {
    m = step(m, a).machine;
    expect(checkInvariants(m)).toEqual([]);
  }
  return m;
}

const three: Action[] = [0, 1, 2].map(() => ({ type: 'spawn', program: 'nap' }));
const frameOf = (m: Machine, pid: number, vpage: number): number =>
  get(m.procs, pid)!.mm!.pt[vpage].f;

describe('the page cache for program text', () => {
  it('three processes of one program map one text frame, referenced three times', () => {
    const m = boot(true, three);
    const text = [2, 3, 4].map((pid) => frameOf(m, pid, REGION_START.text));
    expect(new Set(text).size).toBe(1);
    expect(get(m.frames, text[0])!.refs).toBe(3);
    // data, heap and stack: three frames each, one per process
    for (const region of [REGION_START.data, REGION_START.heap, REGION_START.stack]) {
      const fs = [2, 3, 4].map((pid) => frameOf(m, pid, region));
      expect(new Set(fs).size).toBe(3);
    }
  });

  it('without it, each process has its own text frame (the default, unchanged)', () => {
    const m = boot(false, three);
    const text = [2, 3, 4].map((pid) => frameOf(m, pid, REGION_START.text));
    expect(new Set(text).size).toBe(3);
  });

  it('the cached frame is freed when the last process mapping it is gone', () => {
    let m = boot(true, [
      ...three,
      ...[2, 3].map((pid) => ({ type: 'kill', pid, signal: 'SIGKILL' }) as Action),
    ]);
    expect(get(m.frames, frameOf(m, 4, REGION_START.text))!.refs).toBe(1);
    m = step(m, { type: 'kill', pid: 4, signal: 'SIGKILL' }).machine;
    expect(values(m.frames).filter((f) => f.file === 'nap:0')).toEqual([]);
  });
});
