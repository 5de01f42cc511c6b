// The OOM killer's choice: expectations from mm/oom_kill.c, fs/proc/base.c and the kubelet's
// policy, worked out by hand.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  kubeletOomScoreAdj,
  oomBadness,
  oomScore,
  selectVictim,
  type OomCandidate,
} from './oom.ts';

const MiB = 256; // pages
const cand = (pid: number, mib: number, adj = 0): OomCandidate => ({
  name: `p${pid}`,
  pid,
  rss: mib * MiB,
  swap: 0,
  pgtables: 0,
  adj,
});

describe('oom_badness', () => {
  it('is rss + swap + page tables, plus adj thousandths of the memory', () => {
    // 64 MiB limit = 16384 pages; adj 500 × (16384 / 1000 = 16) = 8000 pages
    expect(oomBadness({ ...cand(1, 10, 500), swap: 5, pgtables: 3 }, 16384)).toBe(2560 + 8 + 8000);
    expect(oomBadness(cand(1, 10, -1000), 16384)).toBeNull();
  });

  it('reproduces the measured choice: the larger idle process, unless adj 500 says otherwise', () => {
    // calibration §11b: A holds 40 MiB idle; B grows to about 24 MiB when the 64 MiB limit is hit.
    const total = 64 * MiB;
    expect(selectVictim([cand(1, 40), cand(2, 24)], total).victim?.pid).toBe(1);
    // adj 500 adds 500 × 16 = 8000 pages (31.25 MiB) to B: 6144 + 8000 = 14144 > 10240
    expect(selectVictim([cand(1, 40), cand(2, 24, 500)], total).victim?.pid).toBe(2);
  });

  it('takes the later of two equal scores, skips -1000, and finds none when all are exempt', () => {
    expect(selectVictim([cand(1, 10), cand(2, 10)], 1000).victim?.pid).toBe(2);
    expect(selectVictim([cand(1, 50, -1000), cand(2, 1)], 1000).victim?.pid).toBe(2);
    expect(selectVictim([cand(1, 50, -1000)], 1000).victim).toBeNull();
  });

  it('scales oom_score as /proc does: (1000 + badness × 1000 / total) × 2 / 3', () => {
    // a process using half the memory, adj 0: (1000 + 500) × 2 / 3 = 1000
    expect(oomScore(cand(1, 32), 64 * MiB)).toBe(1000);
    // nothing used, adj 0: 1000 × 2 / 3 = 666
    expect(oomScore(cand(1, 0), 64 * MiB)).toBe(666);
    expect(oomScore(cand(1, 32, -1000), 64 * MiB)).toBe(0);
  });
});

describe("the kubelet's oom_score_adj", () => {
  it('Guaranteed -997, BestEffort 1000, Burstable 1000 − 1000 × request / capacity in 3..999', () => {
    expect(kubeletOomScoreAdj('Guaranteed')).toBe(-997);
    expect(kubeletOomScoreAdj('BestEffort')).toBe(1000);
    const GiB = 2 ** 30;
    expect(kubeletOomScoreAdj('Burstable', 4 * GiB, 16 * GiB)).toBe(750);
    expect(kubeletOomScoreAdj('Burstable', 16 * GiB, 16 * GiB)).toBe(3);
    expect(kubeletOomScoreAdj('Burstable', 1, 16 * GiB)).toBe(999);
  });
});

describe('select_bad_process', () => {
  it('the victim has the highest badness of the killable candidates; none when all are exempt', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            mib: fc.integer({ min: 0, max: 100 }),
            adj: fc.integer({ min: -1000, max: 1000 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 100000 }),
        (cs, total) => {
          const cands = cs.map((c, i) => cand(i + 1, c.mib, c.adj));
          const { victim } = selectVictim(cands, total);
          const killable = cands.filter((c) => c.adj !== -1000);
          if (killable.length === 0) {
            expect(victim).toBeNull();
            return;
          }
          // a second, simple method: the score written out, compared with every other
          const score = (c: OomCandidate) => c.rss + c.adj * Math.trunc(total / 1000);
          expect(victim).not.toBeNull();
          for (const c of killable) expect(score(victim!)).toBeGreaterThanOrEqual(score(c));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
