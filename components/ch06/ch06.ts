// Text for chapter 6's islands, over the schedule checker and the cost models in
// src/os-model/book/ch06-threads/. Pure: no DOM, tested in ch06.test.ts. Numbers come from the
// model; this module only words and formats them.
import {
  census,
  ladderProgram,
  LEVELS,
  outcomeKey,
  simplest,
  type Census,
  type Rung,
  type ThreadProgram,
} from '../../src/os-model/index.ts';

/** A whole number with thousands separators ("2,704,156"). Never fails. */
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A number with `d` decimals and separators. Never fails. */
export const fmtDec = (n: number, d: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/**
 * How the number of schedules follows from the step counts, as a formula in words:
 * "(6)! / (3! × 3!)" for two threads of 3 steps. Never fails.
 */
export function formulaText(p: ThreadProgram): string {
  const ks = p.threads.map((t) => t.steps.length);
  const n = ks.reduce((a, b) => a + b, 0);
  return `${n}! / (${ks.map((k) => `${k}!`).join(' × ')})`;
}

/** "bug in 18 of 20 schedules" or "0 of 2 schedules end badly". Never fails. */
export function verdict(c: Census): string {
  return c.bad === 0
    ? `0 of ${fmtInt(c.total)} schedules end badly`
    : `bug in ${fmtInt(c.bad)} of ${fmtInt(c.total)} schedules`;
}

/** The simplest schedule ending in the outcome with key `key`, or null. Never fails. */
export function scheduleForKey(p: ThreadProgram, key: string): number[] | null {
  return simplest(p, (o) => outcomeKey(o) === key);
}

/** A reader's whole number, or an error naming what is wrong. Never fails. */
export function readWhole(
  text: string,
  what: string,
): { ok: true; value: number } | { ok: false; error: string } {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d{1,16}$/.test(t))
    return {
      ok: false,
      error: `${what} must be a whole number, such as 20; got “${text.trim()}”.`,
    };
  return { ok: true, value: Number(t) };
}

/** A predict-then-reveal question whose answer the model computes. */
export type Question = {
  prompt: string;
  /** The model's answer. */
  answer: () => number;
  /** Why, in one or two sentences, with the model's figures. */
  why: () => string;
};

const countOf = (rung: Rung, n: number, threads = 2): Census =>
  census(ladderProgram(rung, n, threads));

export const QUESTIONS: Record<string, Question> = {
  'count-2x2': {
    prompt: 'Two threads each do two increments (6 steps each). How many schedules are there?',
    answer: () => countOf('none', 2).total,
    why: () =>
      `Choose which 6 of the 12 slots belong to thread A: 12! / (6! × 6!) = ${fmtInt(countOf('none', 2).total)}.`,
  },
  'right-2x2': {
    prompt: 'Of those schedules, how many end with counter = 4, the right answer?',
    answer: () => countOf('none', 2).bars.find((b) => b.outcome.value === 4)?.count ?? 0,
    why: () => {
      const c = countOf('none', 2);
      const ok = c.bars.find((b) => b.outcome.value === 4)?.count ?? 0;
      return `Only ${ok} of ${fmtInt(c.total)}: every increment's load must come after the other thread's last store, so each of the 4 increments runs whole before the next begins; the only freedom is the order of the 4 increments, two from each thread, and C(4,2) = 6.`;
    },
  },
  'min-2x2': {
    prompt: 'What is the smallest value the counter can end with after 2 threads × 2 increments?',
    answer: () => Math.min(...countOf('none', 2).bars.map((b) => b.outcome.value)),
    why: () => {
      const v = Math.min(...countOf('none', 2).bars.map((b) => b.outcome.value));
      return `${v}. Take the thread whose store comes last. Its second load comes after its own first store, and from then on the counter only ever holds values some thread stored, each at least 1; so its last store writes at least 1 + 1 = ${v}.`;
    },
  },
  'count-3x1': {
    prompt: 'Three threads each do one increment (3 steps each). How many schedules?',
    answer: () => countOf('none', 1, 3).total,
    why: () => `9! / (3! × 3! × 3!) = ${fmtInt(countOf('none', 1, 3).total)}.`,
  },
  'flag-overlap': {
    prompt:
      'With the plain flag lock, in how many of the schedules do both threads get into the critical section?',
    answer: () =>
      countOf('flag', 1)
        .bars.filter((b) => b.outcome.overlap)
        .reduce((n, b) => n + b.count, 0),
    why: () => {
      const c = countOf('flag', 1);
      const n = c.bars.filter((b) => b.outcome.overlap).reduce((s, b) => s + b.count, 0);
      return `${fmtInt(n)} of ${fmtInt(c.total)}. Whenever both threads test the flag before either sets it, both go in; the only safe schedules are those in which one thread sets the flag before the other tests it.`;
    },
  },
  'levels-winnable': {
    prompt: 'How many of the four campaign levels can the adversarial scheduler win?',
    answer: () =>
      LEVELS.filter((l) => census(l.program()).bars.some((b) => l.possible(b.outcome))).length,
    why: () =>
      'Three: a lost update, two threads behind a plain flag, and a deadlock. No schedule breaks Peterson’s algorithm; the checker tries every one.',
  },
};
