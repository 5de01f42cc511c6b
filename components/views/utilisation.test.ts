// The utilisation view: utilisationData and the server render on io-mix. The view runs no
// simulation: it is handed the policies' runs, here written out from the figures worked out by
// hand in src/os-model/book/compare.test.ts's header: run to completion 15 of 23 ticks, switch
// on I/O 15 of 19, immediate wake-up 15 of 15 (components/sim/comparison.test.ts checks that the
// island's comparison gives them).
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import {
  SIMPLE_POLICIES,
  loadScenario,
  step,
  type Action,
  type Machine,
  type PolicyResult,
  type Result,
} from '../../src/os-model/index.ts';
import Utilisation from './Utilisation.svelte';
import { formatRatio, utilisationData } from './utilisation.data.ts';

const [END, IO, IMMEDIATE] = SIMPLE_POLICIES;
const row = (spec: (typeof SIMPLE_POLICIES)[number], busy: number, total: number) => ({
  ...spec,
  busy,
  total,
  ratio: busy / total,
  finished: true,
});
const IO_MIX: Result<PolicyResult[]> = {
  ok: true,
  value: [row(END, 15, 23), row(IO, 15, 19), row(IMMEDIATE, 15, 15)],
};

function manual(actions: Action[]): Machine {
  const r = loadScenario('io-mix', 1, { policy: 'manual' });
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  for (const a of actions) m = step(m, a).machine;
  return m;
}
const T: Action = { type: 'tick' };
const d = (tid: number): Action => ({ type: 'dispatch', cpu: 0, tid });
// FIFO by hand: the reader until it blocks, then the cruncher to its end, then the reader:
// t1-2 reader (c, io; its I/O completes at t7), t3-10 cruncher, dispatch the reader:
// t11 io_done, t12 c, t13 io (completes at t18), t14-18 idle, dispatch: t19 io_done, t20 c.
const fifoByHand: Action[] = [
  d(1),
  T,
  T,
  d(2),
  T,
  T,
  T,
  T,
  T,
  T,
  T,
  T,
  d(1),
  T,
  T,
  T,
  T,
  T,
  T,
  T,
  T,
  d(1),
  T,
  T,
];

describe('utilisationData', () => {
  it('before anything runs says so, and lists the three policies', () => {
    const u = utilisationData(manual([]), IO_MIX);
    expect(u.you.ratio).toBeNull();
    expect(u.verdict).toMatch(/^Nothing has run yet/);
    expect(u.policies.map((p) => [p.id, p.busy, p.total])).toEqual([
      ['end', 15, 23],
      ['io', 15, 19],
      ['io-immediate', 15, 15],
    ]);
    expect(u.error).toBeNull();
  });

  it('scores a run so far, then the finished run against each policy', () => {
    const part = utilisationData(manual(fifoByHand.slice(0, 5)), IO_MIX);
    expect(part.verdict).toBe(
      'So far the CPU was busy in 3 of 3 ticks (100%). The score is final when every process has finished.',
    );
    const end = utilisationData(manual(fifoByHand), IO_MIX);
    expect([end.you.busy, end.you.total, end.you.finished]).toEqual([15, 20, true]);
    // 15/20 = 75%: above 15/23 = 65.2%, below 15/19 = 78.9% and 100%
    expect(end.verdict).toBe(
      'Finished: the CPU was busy in 15 of 20 ticks (75%). You beat run to completion (65.2%). You did not reach switch on I/O (78.9%) and switch on I/O with immediate wake-up (100%).',
    );
  });

  it('names the run after its policy when the reader is not the scheduler', () => {
    // io-mix under its default ostep policy (switch on I/O, I/O done later) is the 'io' row's run:
    // 15 busy ticks of 19, so it matches that row, beats run to completion, misses immediate.
    const r = loadScenario('io-mix', 1);
    if (!r.ok) throw new Error(r.error);
    const m = step(r.value, { type: 'run', ticks: 1000 }).machine;
    const u = utilisationData(m, IO_MIX);
    expect(u.you.label).toBe('This run (ostep)');
    expect(u.verdict).toBe(
      'Finished: the CPU was busy in 15 of 19 ticks (78.9%). This run beat run to completion (65.2%). This run matched switch on I/O (78.9%). This run did not reach switch on I/O with immediate wake-up (100%).',
    );
  });

  it('reports a comparison that failed', () => {
    const u = utilisationData(manual([]), { ok: false, error: 'No scenario "x".' });
    expect(u.policies).toEqual([]);
    expect(u.error).toBe('No scenario "x".');
  });

  it('formats ratios with one decimal', () => {
    expect([formatRatio(null), formatRatio(1), formatRatio(15 / 19), formatRatio(2 / 3)]).toEqual([
      '—',
      '100%',
      '78.9%',
      '66.7%',
    ]);
  });
});

describe('<Utilisation> server render', () => {
  it('shows the reader row and the policies in a table', () => {
    const html = render(Utilisation, {
      props: { machine: manual(fifoByHand), compared: IO_MIX },
    }).body;
    expect(html).toMatch(/<section class="view view-utilisation[^"]*" role="group"/);
    expect(html).toContain('CPU utilisation');
    expect(html).toContain('Your schedule');
    expect(html).toContain('(finished)');
    expect(html).toContain('Run to completion (-S SWITCH_ON_END)');
    expect(html).toContain('78.9%');
    expect(html).not.toContain('role="alert"');
  });
});
