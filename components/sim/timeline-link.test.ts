import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCENARIOS, createTimeline, type Action } from '../../src/os-model/index.ts';
import { checkInvariants } from '../../src/os-model/kernel/invariants.ts';
import { encodeLink } from './share-link.ts';
import { openTimelineLink, recordMessage, timelineLink } from './timeline-link.ts';

const DAMAGED = 'This link is damaged: ';

function timeline(scenario: string, seed: number, actions: Action[], cursor = actions.length) {
  const r = createTimeline(scenario, seed);
  if (!r.ok) throw new Error(r.error);
  for (const a of actions) r.value.act(a);
  r.value.seek(cursor);
  return r.value;
}

describe('simulation links', () => {
  it('open links made before the codec left the model, at the same step and machine', () => {
    // Made by the model's own serialiseTimeline at ca4a93b: zombie-orphan, seed 1, two ticks, a
    // SIGTERM to PID 2, a tick, seen at step 3.
    const old =
      '1.eyJzIjoiem9tYmllLW9ycGhhbiIsInIiOjEsImEiOltbMiwidGljayJdLHsidHlwZSI6ImtpbGwiLCJwaWQiOjIsInNpZ25hbCI6IlNJR1RFUk0ifSwidGljayJdLCJjIjozfQ.1cwn505';
    const want = timeline(
      'zombie-orphan',
      1,
      [
        { type: 'tick' },
        { type: 'tick' },
        { type: 'kill', pid: 2, signal: 'SIGTERM' },
        { type: 'tick' },
      ],
      3,
    );
    expect(timelineLink(want)).toBe(old);
    const r = openTimelineLink(old);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.cursor).toBe(3);
    expect(r.value.length).toBe(4);
    expect(r.value.current()).toEqual(want.current());
  });

  it('word what the model finds wrong with a record for the reader', () => {
    const cases: [unknown, string][] = [
      [
        { s: 'dinosaur', r: 1, a: [], c: 0 },
        `${DAMAGED}it names a simulation the book does not have ("dinosaur").`,
      ],
      [[1, 2], `${DAMAGED}the record is not a set of fields.`],
      [
        { s: 'fork-basics', r: 1, a: [{ type: 'kill', pid: 2, signal: 'SIGHUP' }], c: 0 },
        `${DAMAGED}step 1 is not a valid action: kill.signal must be a signal name.`,
      ],
      [
        { s: 'fork-basics', r: 1, a: [[1_000_001, 'tick']], c: 0 },
        `${DAMAGED}it holds more than 1,000,000 steps.`,
      ],
    ];
    for (const [rec, error] of cases)
      expect(openTimelineLink(encodeLink(rec))).toEqual({ ok: false, error });
    // Options the scenario refuses: the scenario's own message.
    const refused = openTimelineLink(
      encodeLink({ s: 'fork-basics', r: 1, o: { ncpu: 99 }, a: [], c: 0 }),
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/ncpu/);
    expect(recordMessage({ kind: 'cannot-start', detail: 'forks must be 0 to 6.' })).toBe(
      'forks must be 0 to 6.',
    );
  });

  it('never throw when damaged; what opens is a machine whose invariants hold', () => {
    const base = timelineLink(
      timeline(
        'postgres',
        5,
        Array.from({ length: 30 }, (_, i): Action =>
          i % 10 === 0 ? { type: 'connect' } : { type: 'tick' },
        ),
        17,
      ),
    );
    const names = Object.keys(SCENARIOS);
    const cut = fc.nat({ max: base.length });
    fc.assert(
      fc.property(
        fc.oneof(
          cut.map((n) => base.slice(0, n)),
          cut.map((n) => base.slice(0, n) + 'x' + base.slice(n + 1)),
          fc
            .record({
              s: fc.constantFrom(...names),
              r: fc.nat(99),
              a: fc.array(fc.constantFrom('tick', 'connect', [3, 'tick'])),
              c: fc.nat(12),
            })
            .map(encodeLink),
        ),
        (s) => {
          const r = openTimelineLink(s);
          if (!r.ok) {
            expect(r.error.startsWith(DAMAGED)).toBe(true);
            return;
          }
          expect(checkInvariants(r.value.current().machine)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
