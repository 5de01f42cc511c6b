// Property tests over random programs and action sequences (fast-check, >= 1,000 runs each).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Action, Instr, Machine, Program, SchedKind, Signal } from './types.ts';
import { SCHED_KINDS } from './policy/registry.ts';
import { checkInvariants } from './invariants.ts';
import { createMachine, step, stepInPlace } from './machine.ts';
import { privateCopy } from './own.ts';
import { explain } from './explain.ts';
import { loadScenario, SCENARIOS } from '../book/registry.ts';
import { makeProgram, ADDR } from './program.ts';

const KINDS: readonly SchedKind[] = SCHED_KINDS;
const SIGS: Signal[] = ['SIGKILL', 'SIGTERM', 'SIGCHLD', 'SIGSTOP', 'SIGCONT'];
const D = ADDR.data;

function instrArb(len: number): fc.Arbitrary<Instr>[] {
  return Array.from({ length: len }, (_, i) => {
    const fwd = fc.integer({ min: Math.min(i + 1, len - 1), max: len - 1 });
    const reg = fc.constantFrom('r0' as const, 'r1' as const, 'r2' as const, 'r3' as const);
    return fc.oneof(
      fc.record({
        op: fc.constant('compute' as const),
        n: fc.integer({ min: 1, max: 3 }),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('io' as const),
        dev: fc.constantFrom('disk' as const, 'net' as const),
        ticks: fc.integer({ min: 0, max: 3 }),
        sleep: fc.constantFrom(
          'interruptible' as const,
          'killable' as const,
          'uninterruptible' as const,
        ),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('sleep' as const),
        ticks: fc.integer({ min: 0, max: 3 }),
        line: fc.constant(1),
      }),
      fc.record({ op: fc.constant('fork' as const), line: fc.constant(1) }),
      fc.record({
        op: fc.constant('exit' as const),
        status: fc.integer({ min: 0, max: 3 }),
        line: fc.constant(1),
      }),
      fc.record({ op: fc.constant('wait' as const), nohang: fc.boolean(), line: fc.constant(1) }),
      fc.record({ op: fc.constant('getpid' as const), line: fc.constant(1) }),
      fc.record({ op: fc.constant('subreaper' as const), line: fc.constant(1) }),
      fc.record({ op: fc.constant('yield' as const), line: fc.constant(1) }),
      fc.record({
        op: fc.constant('kill' as const),
        pid: fc.integer({ min: 0, max: 12 }),
        sig: fc.constantFrom(...SIGS),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('exec' as const),
        prog: fc.constantFrom('fork-basics', 'wc', 'nope'),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('open' as const),
        path: fc.constantFrom('a', 'b', '/dev/console'),
        cloexec: fc.boolean(),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('close' as const),
        fd: fc.oneof(fc.integer({ min: -1, max: 6 }), reg),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('dup2' as const),
        from: fc.oneof(fc.integer({ min: 0, max: 5 }), reg),
        to: fc.integer({ min: 0, max: 5 }),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('read' as const),
        fd: fc.oneof(fc.integer({ min: 0, max: 6 }), reg),
        n: fc.integer({ min: 1, max: 8 }),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('write' as const),
        fd: fc.oneof(fc.integer({ min: 0, max: 6 }), reg),
        text: fc.constantFrom('x', 'hello', 'a long line of text'),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('print' as const),
        text: fc.constantFrom('hi {pid}\n', '{r0}'),
        line: fc.constant(1),
      }),
      fc.record({ op: fc.constant('pipe' as const), line: fc.constant(1) }),
      fc.record({ op: fc.constant('accept' as const), line: fc.constant(1) }),
      fc.record({ op: fc.constant('thread' as const), to: fwd, line: fc.constant(1) }),
      fc.record({ op: fc.constant('join' as const), tid: reg, line: fc.constant(1) }),
      fc.record({ op: fc.constant('texit' as const), line: fc.constant(1) }),
      fc.record({
        op: fc.constant('lock' as const),
        addr: fc.constantFrom(D + 1, 3),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('unlock' as const),
        addr: fc.constantFrom(D + 1, 3),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('load' as const),
        reg,
        addr: fc.constantFrom(D, ADDR.heap, 0, 9999),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('store' as const),
        reg,
        addr: fc.constantFrom(D, D + 9, ADDR.heap, ADDR.shared, 0),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constantFrom('and' as const, 'shr' as const),
        reg,
        v: fc.integer({ min: 0, max: 8 }),
        line: fc.constant(1),
      }),
      fc.record({ op: fc.constant('readdir' as const), n: reg, line: fc.constant(1) }),
      fc.record({
        op: fc.constant('count' as const),
        reg,
        ch: fc.constantFrom('\n', 'l', ''),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('add' as const),
        reg,
        v: fc.integer({ min: -2, max: 2 }),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('set' as const),
        reg,
        v: fc.integer({ min: 0, max: 3 }),
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('br' as const),
        reg,
        cmp: fc.constantFrom('eq' as const, 'ne' as const, 'lt' as const, 'ge' as const),
        v: fc.integer({ min: -1, max: 1 }),
        to: fwd,
        line: fc.constant(1),
      }),
      fc.record({
        op: fc.constant('loop' as const),
        reg,
        to: fc.integer({ min: 0, max: i }),
        line: fc.constant(1),
      }),
    ) as fc.Arbitrary<Instr>;
  });
}

const programArb = (name: string): fc.Arbitrary<Program> =>
  fc
    .integer({ min: 1, max: 10 })
    .chain((len) => fc.tuple(...instrArb(len)))
    .chain((code) =>
      fc
        .record({ shared: fc.integer({ min: 0, max: 1 }) })
        .map(({ shared }) => makeProgram(name, ['/* random program */'], code, { shared })),
    );

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ type: 'tick' } as Action) },
  {
    weight: 3,
    arbitrary: fc.integer({ min: 1, max: 15 }).map((ticks): Action => ({ type: 'run', ticks })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('kill' as const),
      pid: fc.integer({ min: 0, max: 12 }),
      signal: fc.constantFrom(...SIGS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('spawn' as const),
      program: fc.constantFrom('p0', 'p1', 'fork-basics', 'pipe', 'thread-mutex', 'missing'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'connect' } as Action) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('dispatch' as const),
      cpu: fc.integer({ min: 0, max: 2 }),
      tid: fc.integer({ min: 1, max: 12 }),
    }),
  },
);

const worldArb = fc.record({
  seed: fc.integer(),
  ncpu: fc.integer({ min: 1, max: 3 }),
  kind: fc.constantFrom(...KINDS),
  quantum: fc.integer({ min: 1, max: 4 }),
  switchTicks: fc.integer({ min: 0, max: 2 }),
  init: fc.boolean(),
  jitter: fc.integer({ min: 0, max: 2 }),
  reparent: fc.constantFrom('init' as const, 'subreaper' as const),
  pipeCap: fc.integer({ min: 1, max: 8 }),
  p0: programArb('p0'),
  p1: programArb('p1'),
  actions: fc.array(actionArb, { minLength: 1, maxLength: 30 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

function start(w: World): Machine {
  const m = createMachine(
    {
      ncpu: w.ncpu,
      switchTicks: w.switchTicks,
      init: w.init,
      jitter: w.jitter,
      reparent: w.reparent,
      pipeCap: w.pipeCap,
      maxProcs: 24,
      sched: { kind: w.kind, quantum: w.quantum },
    },
    w.seed,
    [w.p0, w.p1],
  );
  let x = step(m, { type: 'spawn', program: 'p0' }).machine;
  x = step(x, { type: 'spawn', program: 'p1', prio: 1 }).machine;
  return x;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const RUNS = { numRuns: 1000 };
const SLOW = 120_000;

describe('properties over random programs and actions', () => {
  it(
    'checkInvariants() is [] after every step, no step throws and every event explains',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          let m = start(w);
          expect(checkInvariants(m)).toEqual([]);
          for (const a of w.actions) {
            const r = step(m, a);
            for (const e of r.events) {
              if (e.type === 'error') expect(e.message).not.toMatch(/Internal error/);
              expect(explain(e)).toMatch(/^\S.*[.!?]$/s);
            }
            m = r.machine;
            expect(checkInvariants(m)).toEqual([]);
          }
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'replay from the same seed and actions is exact',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const run = () => {
            let m = start(w);
            const log: unknown[] = [];
            for (const a of w.actions) {
              const r = step(m, a);
              log.push(r.events);
              m = r.machine;
            }
            return JSON.stringify([m, log]);
          };
          expect(run()).toBe(run());
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'step is privateCopy then stepInPlace: same events, same machine, the input unchanged',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const m0 = start(w);
          const before = JSON.parse(JSON.stringify(m0)) as Machine;
          // one action at a time on a fresh private copy, against step()
          let m = m0;
          for (const a of w.actions) {
            const r = step(m, a);
            const own = privateCopy(m);
            const events = stepInPlace(own, a);
            expect(events).toEqual(r.events);
            expect(r.events.some((e) => e.type === 'error') ? m : own).toEqual(r.machine);
            m = r.machine;
          }
          // a batch client: one private machine stepped through every action in place
          const batch = privateCopy(m0);
          for (const a of w.actions) stepInPlace(batch, a);
          expect(batch).toEqual(m);
          expect(m0).toEqual(before);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'step never mutates its input (deep-frozen) and a JSON round trip of a machine is the identity',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          let m = start(w);
          for (const a of w.actions) {
            const before = JSON.stringify(m);
            deepFreeze(m);
            const r = step(m, a);
            // a write into the frozen input would throw inside step: an internal error event
            for (const e of r.events)
              if (e.type === 'error') expect(e.message).not.toMatch(/Internal error/);
            expect(JSON.stringify(m)).toBe(before);
            const copy = JSON.parse(JSON.stringify(r.machine)) as Machine;
            expect(copy).toEqual(r.machine);
            // stepping the parsed copy gives the same result as stepping the original
            expect(JSON.stringify(step(copy, { type: 'tick' }))).toBe(
              JSON.stringify(step(r.machine, { type: 'tick' })),
            );
            m = r.machine;
          }
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'invariants hold and replay is exact on every named scenario under random policies and actions',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...Object.keys(SCENARIOS)),
          fc.integer({ min: 0, max: 1000 }),
          fc.record({
            policy: fc.constantFrom(...KINDS),
            quantum: fc.integer({ min: 1, max: 4 }),
            ncpu: fc.integer({ min: 1, max: 3 }),
            switchTicks: fc.integer({ min: 0, max: 1 }),
          }),
          fc.array(actionArb, { minLength: 1, maxLength: 25 }),
          (name, seed, options, actions) => {
            const play = () => {
              const r = loadScenario(name, seed, options);
              if (!r.ok) throw new Error(r.error);
              let m = r.value;
              expect(checkInvariants(m)).toEqual([]);
              for (const a of actions) {
                const next = step(deepFreeze(m), a);
                for (const e of next.events)
                  if (e.type === 'error') expect(e.message).not.toMatch(/Internal error/);
                m = next.machine;
                expect(checkInvariants(m)).toEqual([]);
              }
              return JSON.stringify(m);
            };
            expect(play()).toBe(play());
          },
        ),
        RUNS,
      );
    },
    SLOW,
  );
});
