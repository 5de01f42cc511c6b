// lottery.py parity. The golden cases (lottery.golden.json) are the Python original's own
// output, recorded once by running it on each argv (stdout, exit code, and stderr unless it
// crashed with a traceback); nothing in them comes from this port. The unit cases below are
// worked out by hand from ../shared/ostep-spec-2.md §2.
import { describe, expect, it } from 'vitest';
import golden from './lottery.golden.json' with { type: 'json' };
import { lotteryRounds, parseLottery, type LotterySetup, type Round } from './lottery.ts';
import { lotteryMain } from './lottery-text.ts';
import { collect } from './output.ts';

type Case = { argv: string[]; code: number; stdout: string; stderr: string | null };

describe('lottery.py golden cases (recorded from the original)', () => {
  it.each((golden.cases as Case[]).map((c) => [c.argv.join(' '), c] as const))(
    'lottery.py %s',
    (_, c) => {
      const r = collect(lotteryMain(c.argv));
      expect(r.code).toBe(c.code);
      expect(r.stdout).toBe(c.stdout);
      if (c.stderr === null) expect(r.stderr).toMatch(/^lottery\.py: error: .+\n$/);
      else expect(r.stderr).toBe(c.stderr);
    },
  );
});

function setupOf(argv: string[]): LotterySetup {
  const cmd = parseLottery(argv);
  if (cmd.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(cmd)}`);
  return cmd.setup;
}

function rounds(argv: string[]) {
  const all: Round[] = [];
  const it = lotteryRounds(setupOf(argv));
  let r = it.next();
  for (; !r.done; r = it.next()) all.push(r.value);
  return { all, end: r.value };
}

describe('lottery.py parsed and played (hand-derived from the spec)', () => {
  it('§2.5: -j 2 -s 0 gives jobs of 8 and 4 with 75 and 25 tickets; the first draw is job 1', () => {
    const s = setupOf(['-j', '2', '-s', '0']);
    expect(s.jobs).toEqual([
      { id: 0, length: 8, tickets: 75 },
      { id: 1, length: 4, tickets: 25 },
    ]);
    const { all } = rounds(['-j', '2', '-s', '0', '-c']);
    expect(all[0]).toEqual({
      r: 511275,
      ticket: 75,
      total: 100,
      winner: 1,
      jobs: [
        { id: 0, left: 8, tickets: 75 },
        { id: 1, left: 4, tickets: 25 },
      ],
      done: null,
    });
  });

  it('a lone job wins every round; a job shorter than the quantum still uses all of it', () => {
    // -l 5:10 -q 2: rounds leave 3, 1, 0; the clock advances 2 a round, so DONE at 6.
    const { all, end } = rounds(['-l', '5:10', '-q', '2', '-c']);
    expect(all.map((r) => [r.winner, r.jobs[0].left, r.done])).toEqual([
      [0, 5, null],
      [0, 3, null],
      [0, 1, 6],
    ]);
    expect(end).toEqual({ kind: 'finished' });
  });

  it('runs out of rounds with -q 0: a job longer than 0 never finishes (§2.4)', () => {
    const { all, end } = rounds(['-l', '2:1', '-q', '0', '-c']);
    expect(all).toHaveLength(2);
    expect(all.every((r) => r.done === null)).toBe(true);
    expect(end).toEqual({ kind: 'out-of-rounds' });
  });

  it('without -c, prints runTotal random numbers, none for a total of 0 or less (L4)', () => {
    const out = collect(lotteryMain(['-l', '0:5,-2:5'])).stdout;
    expect(out.endsWith('Here is the set of random numbers you will need (at most):\n')).toBe(true);
    expect(collect(lotteryMain(['-l', '2:5,1:5'])).stdout.match(/^Random \d+$/gm)).toHaveLength(3);
  });

  it('refuses random jobs that can never be drawn (-m 1), after the ARG lines', () => {
    const r = collect(lotteryMain(['-m', '1']));
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('Here is the job list, with the run time of each job: \n')).toBe(true);
    expect(r.stderr).toMatch(/-m 1/);
  });
});
