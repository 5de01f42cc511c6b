import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_ACTIONS,
  createTimeline,
  createTimelineWith,
  readRecordWith,
  timelineFromDataWith,
  timelineFromRecord,
  timelineFromRecordWith,
  type RecordError,
  MODEL_KERNEL,
  type Timeline,
  type TimelineKernel,
} from './timeline.ts';
import { LIBRARY } from '../book/library.ts';
import { SCENARIOS, loadScenario } from '../book/registry.ts';
import { checkInvariants } from '../kernel/invariants.ts';
import { isFinished, step } from '../kernel/machine.ts';
import type { Action, KEvent, Machine, Signal } from '../kernel/types.ts';

// ---------------------------------------------------------------------------------------------
// A tiny fake kernel: a counter with a seeded RNG inside its state. Deterministic and pure, like
// the real model, small enough that every expectation below can be checked by hand or by a plain
// fold over the actions.

type CM = { n: number; rng: number; ticks: number; limit: number };
type CA =
  | { type: 'tick' }
  | { type: 'add'; k: number }
  | { type: 'reseed'; s: number }
  | { type: 'say'; text: string };
type CE =
  | { type: 'inc'; t: number; by: number }
  | { type: 'reseeded'; t: number }
  | { type: 'said'; t: number; text: string }
  | { type: 'error'; t: number; reason: string };

/** mulberry32: next state and a value in 0..2^32-1. */
function rngNext(s: number): [number, number] {
  const state = (s + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [state, (t ^ (t >>> 14)) >>> 0];
}

const counter: TimelineKernel<CM, CA, CE> = {
  load(scenario, seed, options) {
    if (scenario !== 'counter' && scenario !== 'big') {
      return { ok: false, error: `No scenario "${scenario}".` };
    }
    const limit = options?.limit ?? 1e9;
    if (typeof limit !== 'number') return { ok: false, error: 'limit must be a number' };
    return {
      ok: true,
      value: { n: scenario === 'big' ? 1000 : 0, rng: seed | 0, ticks: 0, limit },
    };
  },
  step(m, a) {
    if (a.type === 'tick') {
      const [rng, r] = rngNext(m.rng);
      const by = 1 + (r % 3);
      return {
        machine: { ...m, n: m.n + by, rng, ticks: m.ticks + 1 },
        events: [{ type: 'inc', t: m.ticks, by }],
      };
    }
    if (a.type === 'add') {
      if (a.k < 0) return { machine: m, events: [{ type: 'error', t: m.ticks, reason: 'k < 0' }] };
      return { machine: { ...m, n: m.n + a.k }, events: [{ type: 'inc', t: m.ticks, by: a.k }] };
    }
    if (a.type === 'reseed') {
      return { machine: { ...m, rng: a.s | 0 }, events: [{ type: 'reseeded', t: m.ticks }] };
    }
    return { machine: m, events: [{ type: 'said', t: m.ticks, text: a.text }] };
  },
  isFinished: (m) => m.n >= m.limit,
  defaultAction: { type: 'tick' },
  rejected: (r) => r.events.some((e) => e.type === 'error'),
  checkAction(a) {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) return 'not an object';
    const o = a as Record<string, unknown>;
    const keys = Object.keys(o).sort().join(',');
    switch (o.type) {
      case 'tick':
        return keys === 'type' ? null : 'tick takes nothing';
      case 'add':
        return keys === 'k,type' && Number.isSafeInteger(o.k) ? null : 'add needs a whole k';
      case 'reseed':
        return keys === 's,type' && Number.isSafeInteger(o.s) ? null : 'reseed needs a whole s';
      case 'say':
        return keys === 'text,type' && typeof o.text === 'string' ? null : 'say needs text';
      default:
        return 'unknown action type';
    }
  },
  knowsScenario: (name) => name === 'counter' || name === 'big',
};

/** Independent oracle: load, then fold `step` over the first i actions. */
function replay(seed: number, actions: CA[], i: number, scenario = 'counter') {
  const start = counter.load(scenario, seed, undefined);
  if (!start.ok) throw new Error(start.error);
  let m = start.value;
  let events: CE[] = [];
  for (let k = 0; k < i; k++) {
    const r = counter.step(m, actions[k]);
    m = r.machine;
    events = r.events;
  }
  return { machine: m, events };
}

function make(seed: number, settings?: { checkpointEvery?: number; maxCheckpoints?: number }) {
  const r = createTimelineWith(counter, 'counter', seed, undefined, settings);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function build(
  seed: number,
  actions: CA[],
  settings?: { checkpointEvery?: number; maxCheckpoints?: number },
) {
  const tl = make(seed, settings);
  for (const a of actions) tl.act(a);
  return tl;
}

const read = (raw: unknown) => readRecordWith<CA>(counter, raw);
/** A value after a trip through JSON text, as a shared link carries it. */
const viaJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
/** A malformed-record error. */
const malformed = (detail: string) => ({ ok: false, error: { kind: 'malformed', detail } });

// Recorded actions never include a rejected one (add with k < 0), so arbitraries stay valid.
const actionArb: fc.Arbitrary<CA> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ type: 'tick' } as CA) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 50 }).map((k): CA => ({ type: 'add', k })) },
  { weight: 1, arbitrary: fc.integer().map((s): CA => ({ type: 'reseed', s })) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 6 })
      .map((text): CA => ({ type: 'say', text })),
  },
);
const actionsArb = fc.array(actionArb, { maxLength: 60 });
const settingsArb = fc.record({
  checkpointEvery: fc.integer({ min: 1, max: 8 }),
  maxCheckpoints: fc.integer({ min: 2, max: 6 }),
});
const seedArb = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

// ---------------------------------------------------------------------------------------------

describe('the fake counter kernel (sanity of the test oracle)', () => {
  it('ticks by 1 to 3 using the RNG in the state, and reseeding repeats the sequence', () => {
    const a = replay(7, [{ type: 'tick' }, { type: 'tick' }], 2).machine;
    expect(a.n).toBeGreaterThanOrEqual(2);
    expect(a.n).toBeLessThanOrEqual(6);
    const b = replay(
      7,
      [
        { type: 'tick' },
        { type: 'tick' },
        { type: 'reseed', s: 7 },
        { type: 'tick' },
        { type: 'tick' },
      ],
      5,
    );
    expect(b.machine.n).toBe(2 * a.n);
  });
});

describe('Timeline basics', () => {
  it('starts at step 0 with no events and an empty record', () => {
    const tl = make(1);
    expect(tl.length).toBe(0);
    expect(tl.cursor).toBe(0);
    expect(tl.current()).toEqual({ machine: { n: 0, rng: 1, ticks: 0, limit: 1e9 }, events: [] });
    expect(tl.data()).toEqual({ v: 1, scenario: 'counter', seed: 1, actions: [] });
  });

  it('reports a scenario that cannot load instead of throwing', () => {
    const r = createTimelineWith(counter, 'nope', 1);
    expect(r).toEqual({ ok: false, error: 'No scenario "nope".' });
    const bad = createTimelineWith(counter, 'counter', 1, { limit: 'x' });
    expect(bad).toEqual({ ok: false, error: 'limit must be a number' });
  });

  it('act appends, moves the cursor and returns the events of the step', () => {
    const tl = make(1);
    const out = tl.act({ type: 'add', k: 5 });
    expect(out).toEqual({
      machine: { n: 5, rng: 1, ticks: 0, limit: 1e9 },
      events: [{ type: 'inc', t: 0, by: 5 }],
      recorded: true,
    });
    expect(tl.length).toBe(1);
    expect(tl.cursor).toBe(1);
    expect(tl.actionAt(1)).toEqual({ type: 'add', k: 5 });
    expect(tl.eventsAt(1)).toEqual([{ type: 'inc', t: 0, by: 5 }]);
    expect(tl.eventsAt(0)).toEqual([]);
    expect(tl.eventsAt(2)).toEqual([]);
  });

  it('a refused action is not recorded and does not branch, but its events are returned', () => {
    const tl = build(3, [
      { type: 'add', k: 1 },
      { type: 'add', k: 2 },
      { type: 'add', k: 3 },
    ]);
    tl.seek(1);
    const out = tl.act({ type: 'add', k: -1 });
    expect(out.recorded).toBe(false);
    expect(out.events).toEqual([{ type: 'error', t: 0, reason: 'k < 0' }]);
    expect(tl.length).toBe(3);
    expect(tl.cursor).toBe(1);
    expect(tl.current().machine.n).toBe(1);
  });

  it('seek clamps to 0..length and says when it had to', () => {
    const tl = build(3, [
      { type: 'add', k: 1 },
      { type: 'add', k: 2 },
    ]);
    expect(tl.seek(99)).toBe(false);
    expect(tl.cursor).toBe(2);
    expect(tl.seek(-4)).toBe(false);
    expect(tl.cursor).toBe(0);
    expect(tl.seek(1)).toBe(true);
    expect(tl.current().machine.n).toBe(1);
    expect(tl.seek(Number.NaN)).toBe(false);
    expect(tl.cursor).toBe(1);
  });

  it('back stops at 0; forward replays the record, then appends ticks until the machine finishes', () => {
    const r = createTimelineWith(counter, 'counter', 9, { limit: 3 });
    if (!r.ok) throw new Error(r.error);
    const tl = r.value;
    expect(tl.back()).toBe(false);
    tl.act({ type: 'add', k: 1 });
    expect(tl.back()).toBe(true);
    expect(tl.cursor).toBe(0);
    expect(tl.forward()).toBe(true);
    expect(tl.length).toBe(1);
    expect(tl.current().machine.n).toBe(1);
    // At the end: each forward appends a tick (+1..3) until n >= 3, at most two ticks.
    let moves = 0;
    while (tl.forward()) moves += 1;
    expect(moves).toBeGreaterThanOrEqual(1);
    expect(moves).toBeLessThanOrEqual(2);
    expect(tl.length).toBe(1 + moves);
    expect(tl.data().actions.slice(1)).toEqual(
      Array.from({ length: moves }, () => ({ type: 'tick' })),
    );
    expect(tl.current().machine.n).toBeGreaterThanOrEqual(3);
    expect(tl.forward()).toBe(false);
  });

  it('data() is a copy', () => {
    const tl = build(1, [{ type: 'tick' }]);
    tl.data().actions.push({ type: 'tick' });
    expect(tl.length).toBe(1);
  });

  it('truncate drops the future and pulls the cursor back', () => {
    const tl = build(
      1,
      [
        { type: 'add', k: 1 },
        { type: 'add', k: 2 },
        { type: 'add', k: 4 },
      ],
      { checkpointEvery: 1 },
    );
    tl.truncate(1);
    expect(tl.length).toBe(1);
    expect(tl.cursor).toBe(1);
    expect(tl.current().machine.n).toBe(1);
    tl.act({ type: 'add', k: 10 });
    expect(tl.at(2).machine.n).toBe(11);
  });
});

describe('Timeline properties', () => {
  it('seek(i) equals replaying i actions from scratch, from any cursor, with any checkpoint spacing', () => {
    fc.assert(
      fc.property(
        seedArb,
        actionsArb,
        settingsArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (seed, actions, settings, targets) => {
          const tl = build(seed, actions, settings);
          for (const t of targets) {
            const i = actions.length === 0 ? 0 : t % (actions.length + 1);
            tl.seek(i);
            expect(tl.cursor).toBe(i);
            expect(tl.current()).toEqual(replay(seed, actions, i));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('at(i) and eventsAt(i) equal the replay and leave the cursor alone', () => {
    fc.assert(
      fc.property(seedArb, actionsArb, settingsArb, fc.nat(), (seed, actions, settings, c) => {
        const tl = build(seed, actions, settings);
        const cursor = c % (actions.length + 1);
        tl.seek(cursor);
        for (let i = actions.length; i >= 0; i--) {
          expect(tl.at(i)).toEqual(replay(seed, actions, i));
          expect(tl.eventsAt(i)).toEqual(i === 0 ? [] : replay(seed, actions, i).events);
        }
        expect(tl.cursor).toBe(cursor);
        expect(tl.current()).toEqual(replay(seed, actions, cursor));
      }),
      { numRuns: 1000 },
    );
  });

  it('back then forward is the identity (and forward then back, inside the record)', () => {
    fc.assert(
      fc.property(seedArb, actionsArb, settingsArb, fc.nat(), (seed, actions, settings, c) => {
        const tl = build(seed, actions, settings);
        const cursor = c % (actions.length + 1);
        tl.seek(cursor);
        const before = structuredClone(tl.current());
        const data = tl.data();
        if (tl.back()) expect(tl.forward()).toBe(true);
        expect(tl.cursor).toBe(cursor);
        expect(tl.current()).toEqual(before);
        expect(tl.data()).toEqual(data);
        if (cursor < actions.length) {
          expect(tl.forward()).toBe(true);
          expect(tl.back()).toBe(true);
          expect(tl.current()).toEqual(before);
          expect(tl.data()).toEqual(data);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('acting in the past branches: the future is dropped and the new action follows step k', () => {
    fc.assert(
      fc.property(
        seedArb,
        actionsArb,
        settingsArb,
        fc.nat(),
        actionArb,
        fc.array(actionArb, { maxLength: 10 }),
        (seed, actions, settings, k0, a, more) => {
          const tl = build(seed, actions, settings);
          const k = k0 % (actions.length + 1);
          tl.seek(k);
          tl.act(a);
          const expected = [...actions.slice(0, k), a];
          expect(tl.length).toBe(k + 1);
          expect(tl.cursor).toBe(k + 1);
          expect(tl.data().actions).toEqual(expected);
          expect(tl.current()).toEqual(replay(seed, expected, k + 1));
          for (const b of more) tl.act(b);
          const all = [...expected, ...more];
          for (let i = 0; i <= all.length; i++) expect(tl.at(i)).toEqual(replay(seed, all, i));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is deterministic: same scenario, seed and actions give identical JSON at every step', () => {
    fc.assert(
      fc.property(seedArb, actionsArb, settingsArb, (seed, actions, settings) => {
        const a = build(seed, actions, settings);
        const b = build(seed, actions);
        for (let i = 0; i <= actions.length; i++) {
          expect(JSON.stringify(a.at(i))).toBe(JSON.stringify(b.at(i)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('record() then readRecordWith is the identity (record and cursor), through JSON', () => {
    const optionsArb = fc.option(fc.record({ limit: fc.integer({ min: 1_000_000 }) }), {
      nil: undefined,
    });
    fc.assert(
      fc.property(seedArb, actionsArb, fc.nat(), optionsArb, (seed, actions, c, options) => {
        const r = createTimelineWith(counter, 'counter', seed, options);
        if (!r.ok) throw new Error(r.error);
        const tl = r.value;
        for (const a of actions) tl.act(a);
        tl.seek(c % (actions.length + 1));
        const rec = tl.record();
        const back = read(viaJson(rec));
        const expected: Record<string, unknown> = {
          v: 1,
          scenario: 'counter',
          seed,
          actions,
          cursor: tl.cursor,
        };
        if (options !== undefined) expected.options = options;
        expect(back).toEqual({ ok: true, value: expected });
        const again = timelineFromRecordWith(counter, viaJson(rec));
        if (!again.ok) throw new Error(again.error.detail);
        expect(again.value.cursor).toBe(tl.cursor);
        expect(again.value.current()).toEqual(tl.current());
        expect(JSON.stringify(again.value.record())).toBe(JSON.stringify(rec));
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary JSON never throws, is fully validated, and what reads back starts as recorded', () => {
    const kinds = new Set<RecordError['kind']>(['malformed', 'unknown-scenario', 'too-long']);
    const check = (raw: unknown) => {
      const r = read(raw);
      if (!r.ok) {
        expect(kinds.has(r.error.kind)).toBe(true);
        expect(r.error.detail.length).toBeGreaterThan(0);
        return;
      }
      for (const a of r.value.actions) expect(counter.checkAction(a)).toBeNull();
      expect(Number.isSafeInteger(r.value.seed)).toBe(true);
      expect(r.value.cursor).toBeGreaterThanOrEqual(0);
      expect(r.value.cursor).toBeLessThanOrEqual(r.value.actions.length);
      // The counter loads any known scenario whose `limit` option, if given, is a number.
      const limit = r.value.options?.limit;
      const tl = timelineFromRecordWith(counter, raw);
      if (limit !== undefined && typeof limit !== 'number') {
        expect(tl).toEqual({
          ok: false,
          error: { kind: 'cannot-start', detail: 'limit must be a number' },
        });
        return;
      }
      if (!tl.ok) throw new Error(tl.error.detail);
      expect(tl.value.cursor).toBe(r.value.cursor);
      expect(tl.value.current()).toEqual(
        replay(r.value.seed, r.value.actions, r.value.cursor, r.value.scenario),
      );
    };
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 1000 });
    const field = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('counter', 'big', 'tick', 'add', 0, 1, 2, -1, { limit: 'x' }, { limit: 9 }),
    );
    const entry = fc.oneof(
      fc.constantFrom('tick', 'add', 'say', 'reseed'),
      fc.tuple(fc.integer({ min: -1, max: 4 }), fc.constantFrom('tick', 'add')),
      fc.dictionary(fc.constantFrom('type', 'k', 's', 'text', 'x'), field),
      fc.jsonValue(),
    );
    const doc = fc.record(
      { s: field, r: field, o: field, a: fc.array(entry, { maxLength: 6 }), c: field, x: field },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(doc, check), { numRuns: 2000 });
  });
});

describe('the record format', () => {
  it('writes a run of identical actions once, with its count, in a fixed field order', () => {
    const tl = build(
      5,
      Array.from({ length: 500 }, (): CA => ({ type: 'tick' })),
    );
    tl.act({ type: 'add', k: 2 });
    tl.act({ type: 'add', k: 2 });
    tl.seek(10);
    expect(JSON.stringify(tl.record())).toBe(
      '{"s":"counter","r":5,"a":[[500,"tick"],[2,{"type":"add","k":2}]],"c":10}',
    );
  });

  it('keeps options and non-ASCII text intact', () => {
    const r = createTimelineWith(counter, 'counter', 0, { limit: 1e6 });
    if (!r.ok) throw new Error(r.error);
    r.value.act({ type: 'say', text: 'fork() → 🍴 "é"' });
    expect(JSON.stringify(r.value.record())).toBe(
      '{"s":"counter","r":0,"o":{"limit":1000000},"a":[{"type":"say","text":"fork() → 🍴 \\"é\\""}],"c":1}',
    );
  });

  it('reads a hand-made record', () => {
    const raw = JSON.parse('{"s":"big","r":42,"a":["tick",[3,{"k":1,"type":"add"}]],"c":2}');
    expect(read(raw)).toEqual({
      ok: true,
      value: {
        v: 1,
        scenario: 'big',
        seed: 42,
        actions: [
          { type: 'tick' },
          { type: 'add', k: 1 },
          { type: 'add', k: 1 },
          { type: 'add', k: 1 },
        ],
        cursor: 2,
      },
    });
  });

  it('says what is wrong with a record, as a kind and a neutral detail', () => {
    const cases: [string, unknown][] = [
      ['[1,2]', malformed('the record is not a set of fields')],
      ['"tick"', malformed('the record is not a set of fields')],
      [
        '{"s":"counter","r":1,"a":[],"c":0,"x":1}',
        malformed('the record has an unknown field "x"'),
      ],
      ['{"r":1,"a":[],"c":0}', malformed('the simulation name is missing')],
      [
        '{"s":"dinosaur","r":1,"a":[],"c":0}',
        { ok: false, error: { kind: 'unknown-scenario', detail: 'dinosaur' } },
      ],
      [
        '{"s":"counter","r":1.5,"a":[],"c":0}',
        malformed('the random seed is missing or not a whole number'),
      ],
      [
        '{"s":"counter","r":1,"o":[],"a":[],"c":0}',
        malformed('the simulation options are not a set of settings'),
      ],
      ['{"s":"counter","r":1,"a":{},"c":0}', malformed('the list of steps is missing')],
      [
        '{"s":"counter","r":1,"a":["tick",[1,"tick"]],"c":0}',
        malformed('step entry 2 has a bad repeat count'),
      ],
      ['{"s":"counter","r":1,"a":[[2,"tick",3]],"c":0}', malformed('step entry 1 is malformed')],
      [
        '{"s":"counter","r":1,"a":[[3,"tick"],"jump"],"c":0}',
        malformed('step 4 is not a valid action: unknown action type'),
      ],
      [
        '{"s":"counter","r":1,"a":[{"type":"add","k":"1"}],"c":0}',
        malformed('step 1 is not a valid action: add needs a whole k'),
      ],
      [
        '{"s":"counter","r":1,"a":[[999999,"tick"],[2,"tick"]],"c":0}',
        {
          ok: false,
          error: { kind: 'too-long', detail: 'more than 1000000 steps', limit: 1_000_000 },
        },
      ],
      ['{"s":"counter","r":1,"a":["tick"]}', malformed('the current step is missing')],
      [
        '{"s":"counter","r":1,"a":["tick"],"c":2}',
        malformed('the current step (2) is outside the 1 recorded steps'),
      ],
    ];
    expect(MAX_ACTIONS).toBe(1_000_000);
    for (const [json, error] of cases) expect(read(JSON.parse(json)), json).toEqual(error);
    // Exactly MAX_ACTIONS steps are allowed.
    const full = read(JSON.parse('{"s":"counter","r":1,"a":[[999999,"tick"],"tick"],"c":0}'));
    expect(full.ok && full.value.actions.length).toBe(1_000_000);
  });
});

describe('checkpoints', () => {
  it('keep seeking cheap on a long record: at most checkpointEvery steps are replayed', () => {
    let steps = 0;
    const counting: TimelineKernel<CM, CA, CE> = {
      ...counter,
      step: (m, a) => {
        steps += 1;
        return counter.step(m, a);
      },
    };
    const r = createTimelineWith(counting, 'counter', 1, undefined, {
      checkpointEvery: 16,
      maxCheckpoints: 1000,
    });
    if (!r.ok) throw new Error(r.error);
    const tl: Timeline<CM, CA, CE> = r.value;
    for (let i = 0; i < 10_000; i++) tl.act({ type: 'tick' });
    steps = 0;
    for (const i of [5, 9_999, 4_321, 17, 8_000]) tl.seek(i);
    // 10,000 / 16 = 625 checkpoints fit; each seek replays at most 15 steps from one.
    expect(steps).toBeLessThanOrEqual(5 * 15);
    // Past maxCheckpoints the spacing doubles: 20,000 actions with at most 1000 checkpoints.
    for (let i = 0; i < 10_000; i++) tl.act({ type: 'tick' });
    steps = 0;
    tl.seek(12_345);
    expect(steps).toBeLessThanOrEqual(31);
    expect(tl.current()).toEqual(
      replay(
        1,
        Array.from({ length: 20_000 }, (): CA => ({ type: 'tick' })),
        12_345,
      ),
    );
  });

  it('a timeline rebuilt from a record fills checkpoints lazily and reads a transcript in linear time', () => {
    let steps = 0;
    const counting: TimelineKernel<CM, CA, CE> = {
      ...counter,
      step: (m, a) => {
        steps += 1;
        return counter.step(m, a);
      },
    };
    const actions = Array.from({ length: 1000 }, (): CA => ({ type: 'tick' }));
    const r = timelineFromDataWith(
      counting,
      { v: 1, scenario: 'counter', seed: 2, actions, cursor: 0 },
      { checkpointEvery: 10 },
    );
    if (!r.ok) throw new Error(r.error);
    steps = 0;
    for (let i = 1; i <= 1000; i++) r.value.eventsAt(i);
    expect(steps).toBe(1000);
    steps = 0;
    r.value.seek(995);
    expect(steps).toBe(5);
  });
});

// ---------------------------------------------------------------------------------------------
// The real model. The oracle is a plain fold of the public `step` over the actions from
// `loadScenario`, skipping actions the kernel refuses (as the timeline does not record them).

describe('timelines of the real model', () => {
  const names = Object.keys(SCENARIOS);

  function oracle(
    scenario: string,
    seed: number,
    actions: Action[],
    options?: Record<string, unknown>,
  ) {
    const start = loadScenario(scenario, seed, options);
    if (!start.ok) throw new Error(start.error);
    const states: { machine: Machine; events: KEvent[] }[] = [{ machine: start.value, events: [] }];
    const kept: Action[] = [];
    for (const a of actions) {
      const r = step(states[states.length - 1].machine, a);
      if (r.events.some((e) => e.type === 'error')) continue;
      kept.push(a);
      states.push(r);
    }
    return { states, kept };
  }

  const realAction: fc.Arbitrary<Action> = fc.oneof(
    { weight: 8, arbitrary: fc.constant<Action>({ type: 'tick' }) },
    {
      weight: 2,
      arbitrary: fc.integer({ min: 1, max: 12 }).map((ticks): Action => ({ type: 'run', ticks })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          pid: fc.integer({ min: 1, max: 8 }),
          signal: fc.constantFrom<Signal>('SIGKILL', 'SIGTERM', 'SIGCHLD', 'SIGSTOP', 'SIGCONT'),
        })
        .map((k): Action => ({ type: 'kill', ...k })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...Object.keys(LIBRARY))
        .map((program): Action => ({ type: 'spawn', program })),
    },
    { weight: 1, arbitrary: fc.constant<Action>({ type: 'connect' }) },
    {
      weight: 1,
      arbitrary: fc
        .record({ cpu: fc.integer({ min: 0, max: 1 }), tid: fc.integer({ min: 1, max: 8 }) })
        .map((d): Action => ({ type: 'dispatch', ...d })),
    },
  );

  it('every scenario starts, and a bad name or option is an error value', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      const r = createTimeline(name, 1);
      expect(r.ok, name).toBe(true);
      if (r.ok)
        expect(r.value.current().machine).toEqual(
          (loadScenario(name, 1) as { value: Machine }).value,
        );
    }
    const bad = createTimeline('no-such-scenario', 1);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('no-such-scenario');
    expect(timelineFromRecord({ s: 'no-such-scenario', r: 1, a: [], c: 0 })).toEqual({
      ok: false,
      error: { kind: 'unknown-scenario', detail: 'no-such-scenario' },
    });
    const refused = timelineFromRecord({ s: 'fork-basics', r: 1, o: { ncpu: 99 }, a: [], c: 0 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ kind: 'cannot-start' });
    if (!refused.ok) expect(refused.error.detail).toMatch(/ncpu/);
  });

  it('seek, back/forward, branching, record/read and determinism hold on random real runs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(realAction, { maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        fc.nat(),
        realAction,
        (scenario, seed, actions, every, c, k0, extra) => {
          const r = createTimeline(scenario, seed, undefined, {
            checkpointEvery: every,
            maxCheckpoints: 3,
          });
          if (!r.ok) throw new Error(r.error);
          const tl = r.value;
          for (const a of actions) tl.act(a);
          const { states, kept } = oracle(scenario, seed, actions);
          expect(tl.data().actions).toEqual(kept);
          // seek(i) equals the replay from scratch
          const i = c % (kept.length + 1);
          tl.seek(i);
          expect(tl.current()).toEqual(states[i]);
          // back then forward is the identity
          if (tl.back()) tl.forward();
          expect(tl.cursor).toBe(i);
          expect(tl.current()).toEqual(states[i]);
          // the record read back (through JSON) is the same, and restores the same step
          const rec = viaJson(tl.record());
          expect(readRecordWith(MODEL_KERNEL, rec)).toEqual({
            ok: true,
            value: { v: 1, scenario, seed, actions: kept, cursor: i },
          });
          const again = timelineFromRecord(rec);
          if (!again.ok) throw new Error(again.error.detail);
          expect(JSON.stringify(again.value.current())).toBe(JSON.stringify(states[i]));
          // acting in the past branches
          const k = k0 % (kept.length + 1);
          tl.seek(k);
          const out = tl.act(extra);
          const branched = oracle(scenario, seed, [...kept.slice(0, k), extra]);
          // a refused action leaves the record alone (no branch); an accepted one replaces the future
          const refused = branched.kept.length === k;
          expect(out.recorded).toBe(!refused);
          expect(tl.data().actions).toEqual(refused ? kept : branched.kept);
          expect(tl.cursor).toBe(refused ? k : k + 1);
          expect(tl.current()).toEqual(branched.states[refused ? k : k + 1]);
        },
      ),
      { numRuns: 1000 },
    );
    // 1,000 real runs replayed from scratch take seconds on a loaded machine; this checks
    // correctness, not speed (npm run bench measures the model's speed against its budgets)
  }, 60_000);

  it('plays a scenario to its end with forward(), and the transcript matches a replay', () => {
    const r = createTimeline('fork-basics', 3);
    if (!r.ok) throw new Error(r.error);
    const tl = r.value;
    let n = 0;
    while (n < 5000 && tl.forward()) n += 1;
    expect(n).toBeLessThan(5000);
    expect(isFinished(tl.current().machine)).toBe(true);
    expect(tl.data().actions.every((a) => a.type === 'tick')).toBe(true);
    const { states } = oracle('fork-basics', 3, tl.data().actions);
    for (let i = 1; i <= tl.length; i++) expect(tl.eventsAt(i)).toEqual(states[i].events);
    expect(tl.forward()).toBe(false);
    // The whole run fits a short record: one entry for all the ticks.
    expect(tl.record()).toEqual({ s: 'fork-basics', r: 3, a: [[n, 'tick']], c: n });
  });

  it('arbitrary real records never throw; what reads back restores a machine whose invariants hold', () => {
    const entry = fc.oneof(
      fc.constantFrom('tick', 'connect', 'run', 'spawn'),
      fc.tuple(fc.integer({ min: 2, max: 40 }), fc.constantFrom('tick', 'connect')),
      realAction,
      fc.dictionary(
        fc.constantFrom('type', 'ticks', 'pid', 'signal', 'program', 'cpu', 'tid'),
        fc.oneof(fc.jsonValue(), fc.constantFrom('run', 'kill', 'SIGKILL', 'wc', 3)),
      ),
    );
    const doc = fc.record({
      s: fc.constantFrom(...names),
      r: fc.integer({ min: 0, max: 99 }),
      a: fc.array(entry, { maxLength: 8 }),
      c: fc.nat({ max: 12 }),
    });
    fc.assert(
      fc.property(doc, (d) => {
        const r = timelineFromRecord(viaJson(d));
        if (!r.ok) {
          expect(['malformed', 'cannot-start']).toContain(r.error.kind);
          expect(r.error.detail.length).toBeGreaterThan(5);
          return;
        }
        expect(r.value.cursor).toBe(d.c);
        expect(checkInvariants(r.value.current().machine)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('a refused action (a dispatch outside manual scheduling) is not recorded', () => {
    const r = createTimeline('fork-basics', 1);
    if (!r.ok) throw new Error(r.error);
    r.value.act({ type: 'tick' });
    r.value.seek(0);
    const out = r.value.act({ type: 'dispatch', cpu: 0, tid: 1 });
    expect(out.recorded).toBe(false);
    expect(out.events.map((e) => e.type)).toEqual(['error']);
    expect(r.value.length).toBe(1);
  });
});
