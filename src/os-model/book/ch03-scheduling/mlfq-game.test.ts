// Game the MLFQ (mlfq-game.ts), on the kernel's mlfq policy. Expected schedules worked out by
// hand from OSTEP's MLFQ rules as kernel/policy/mlfq.ts states them, with the model's I/O taking a
// tick to issue and a tick to complete.
import { describe, expect, it } from 'vitest';
import { checkGame, GAME_DEFAULT, playGame } from './mlfq-game.ts';

describe('game the MLFQ', () => {
  it('with -S, a gamer that blocks after 7 ticks of a 10-tick slice takes 261 of 300 ticks', () => {
    // Ticks 1-10: the hog (spawned first) uses its top-level slice and drops to level 1. The
    // gamer runs 11-17 (work) and 18 (issue the I/O): 8 ticks, then -S gives it a fresh slice.
    // The hog runs 19 while it sleeps; from 20 each round is io_done + 7 work + issue = 9 gamer
    // ticks and 1 hog tick, the gamer always on top. 300 = 10 + 9 + 28 × 10 + 1 (tick 300: G).
    const r = playGame({ ...GAME_DEFAULT, stay: true, boost: 0 });
    expect(r.ran.slice(0, 30)).toBe('HHHHHHHHHH' + 'GGGGGGGGH' + 'GGGGGGGGGH' + 'G');
    expect([r.gamerTicks, r.hogTicks]).toEqual([261, 39]);
    expect(r.gamerLevel.every((l) => l === 2)).toBe(true);
    expect(r.stolen).toBeCloseTo(261 / 300 - 0.5, 12);
  });

  it('with allotment accounting the gamer is demoted like anyone else', () => {
    // Ticks 1-10 hog (then level 1); gamer 11-18 (8 of its 10 ticks); hog 19; gamer 20
    // (io_done) and 21 (work): its 10th tick, so it drops to level 1, behind the hog, which ran
    // 1 of its level-1 slice at 19 and runs the other 9 (22-30), dropping to level 0. The gamer
    // (6 ticks of work left) runs 31-36, issues at 37; hog 38; gamer 39 (io_done), 40, 41: its
    // 10th tick at level 1, so it drops to level 0.
    const r = playGame({ ...GAME_DEFAULT, stay: false, boost: 0 });
    expect(r.ran.slice(0, 41)).toBe(
      'HHHHHHHHHH' + 'GGGGGGGGH' + 'GG' + 'HHHHHHHHH' + 'GGGGGGGH' + 'GGG',
    );
    expect(r.gamerLevel[20]).toBe(1);
    expect(r.gamerLevel[40]).toBe(0);
    expect(r.share).toBeLessThan(0.5);
  });

  it('a gamer that waits one tick too long loses its level even with -S', () => {
    // burst 8: io_done + 8 + issue = 10 ticks, the whole slice: demoted at its first full round.
    const r = playGame({ ...GAME_DEFAULT, burst: 8, stay: true });
    expect(r.gamerLevel.some((l) => l < 2)).toBe(true);
    expect(r.share).toBeLessThan(playGame({ ...GAME_DEFAULT, stay: true }).share);
  });

  it('a priority boost gives the hog back some CPU', () => {
    const without = playGame({ ...GAME_DEFAULT, stay: true, boost: 0 });
    const withBoost = playGame({ ...GAME_DEFAULT, stay: true, boost: 50 });
    expect(withBoost.hogTicks).toBeGreaterThan(without.hogTicks);
  });

  it('names the field at fault', () => {
    expect(checkGame({ ...GAME_DEFAULT, burst: 0 })).toBe(
      'Ticks before each I/O must be a whole number from 1 to 50.',
    );
    expect(checkGame({ ...GAME_DEFAULT, boost: -1 })).toContain('boost');
    expect(checkGame(GAME_DEFAULT)).toBeNull();
  });
});
