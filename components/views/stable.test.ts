import { describe, expect, it } from 'vitest';
import { keeper, sameFields } from './stable.ts';

describe('sameFields', () => {
  it('compares values field by field, arrays item by item', () => {
    expect(sameFields({ a: 1, b: 'x' }, { a: 1, b: 'x' })).toBe(true);
    expect(sameFields({ a: 1, b: 'x' }, { a: 1, b: 'y' })).toBe(false);
    expect(sameFields({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameFields({ c: ['idle', 'P2'] }, { c: ['idle', 'P2'] })).toBe(true);
    expect(sameFields({ c: ['idle', 'P2'] }, { c: ['idle', 'P3'] })).toBe(false);
    expect(sameFields({ c: ['idle'] }, { c: ['idle', 'P3'] })).toBe(false);
    expect(sameFields({ o: { x: 1 } }, { o: { x: 1 } })).toBe(false); // nested objects: by identity
  });
});

describe('keeper', () => {
  type Row = { pid: number; state: string };
  it('hands back the previous object for an unchanged item and the fresh one otherwise', () => {
    const keep = keeper<Row>((r) => r.pid);
    const first = keep([
      { pid: 1, state: 'SLEEPING' },
      { pid: 2, state: 'RUNNING' },
    ]);
    const fresh = [
      { pid: 1, state: 'SLEEPING' },
      { pid: 2, state: 'RUNNABLE' },
      { pid: 3, state: 'RUNNABLE' },
    ];
    const second = keep(fresh);
    expect(second).toEqual(fresh);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(fresh[1]);
    expect(second[2]).toBe(fresh[2]);
  });

  it('remembers only the last list: an item that went away and came back is fresh', () => {
    const keep = keeper<Row>((r) => r.pid);
    const [one] = keep([{ pid: 1, state: 'RUNNING' }]);
    keep([]);
    const [again] = keep([{ pid: 1, state: 'RUNNING' }]);
    expect(again).not.toBe(one);
    expect(again).toEqual(one);
  });
});
