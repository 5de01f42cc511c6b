// Predict-mode questions. The expected answers are worked out by hand from the scenario programs
// (src/os-model/book/) and the scheduler rules (README: RR slices end at the end of a tick;
// a task that blocks or exits hands its CPU over in the same tick), not read from a run.
import { describe, expect, it } from 'vitest';
import { loadScenario, step } from '../../src/os-model/index.ts';
import type { Machine } from '../../src/os-model/index.ts';
import {
  IDLE,
  prints,
  questionFor,
  readAnswers,
  runsNext,
  scoreText,
  stateNext,
  treeNext,
  treeText,
  writeAnswers,
  type Next,
} from './predict.ts';

/** The machine after `n` ticks of a scenario, and the step after it. */
function at(
  name: string,
  n: number,
  options: Record<string, unknown> = {},
): { before: Machine; next: Next } {
  const r = loadScenario(name, 0, options);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  for (let i = 0; i < n; i++) m = step(m, { type: 'tick' }).machine;
  return { before: m, next: step(m, { type: 'tick' }) };
}

const values = (q: { choices: { value: string }[] } | null) => q?.choices.map((c) => c.value);
const labels = (q: { choices: { label: string }[] } | null) => q?.choices.map((c) => c.label);

describe('runs-next', () => {
  it('fork-basics step 0: PID 2 (the only ready process) gets CPU 0; init sleeps in wait', () => {
    const { before, next } = at('fork-basics', 0);
    const q = runsNext(before, next, { step: 0 });
    expect(q?.prompt).toBe('Which process will be running on CPU 0 after the next step?');
    expect(labels(q)).toEqual(['PID 1 (init)', 'PID 2 (fork-basics)', 'None: the CPU is idle']);
    expect(q?.answer).toBe('2');
    expect(q?.explanation).toContain('CPU 0 runs PID 2.');
  });

  it('fork-basics step 2: the third tick ends PID 2 slice (quantum 3), so the child PID 3 runs', () => {
    const { before, next } = at('fork-basics', 2);
    const q = runsNext(before, next, { step: 2 });
    expect(values(q)).toEqual(['1', '2', '3', IDLE]);
    expect(q?.answer).toBe('3');
    expect(q?.answerText).toBe('PID 3 (fork-basics) is running on CPU 0 after this step.');
  });

  it('is not asked when CPU 0 keeps the same process (fork-basics step 1: PID 2 forks)', () => {
    const { before, next } = at('fork-basics', 1);
    expect(runsNext(before, next, { step: 1 })).toBeNull();
  });

  it('a CPU left with nothing to run: job A (2 ticks, no init) exits in tick 2', () => {
    const { before, next } = at('sched-jobs', 1, { jobs: [2] });
    const q = runsNext(before, next, { step: 1 });
    expect(values(q)).toEqual(['1', IDLE]);
    expect(q?.answer).toBe(IDLE);
  });

  it('FIFO, jobs 8, 4, 2: job A exits in tick 8 and B (PID 2) takes CPU 0 at once', () => {
    const { before, next } = at('sched-jobs', 7);
    expect(runsNext(before, next, { step: 7 })?.answer).toBe('2');
  });
});

describe('prints', () => {
  it('fork-basics step 0: hello, with the program’s other lines as wrong choices', () => {
    const { before, next } = at('fork-basics', 0);
    const q = prints(before, next, { step: 0 });
    expect(q?.answer).toBe('hello (pid:2)');
    // r0 of PID 2 is still 0 before its fork.
    expect([...(labels(q) ?? [])].sort()).toEqual(
      ['child (pid:2)', 'hello (pid:2)', 'parent of 0 (pid:2)'].sort(),
    );
    expect(q?.explanation).toContain('PID 2 prints "hello (pid:2)\\n".');
  });

  it('fork-basics step 5: the child prints child (pid:3) in tick 6', () => {
    // child: t4 br ge (taken), t5 br ne (not taken: fork returned 0), t6 printf
    const { before, next } = at('fork-basics', 5);
    const q = prints(before, next, { step: 5 });
    expect(q?.answer).toBe('child (pid:3)');
    expect([...(labels(q) ?? [])].sort()).toEqual(
      ['child (pid:3)', 'hello (pid:3)', 'parent of 0 (pid:3)'].sort(),
    );
  });

  it('fork-basics step 7: the parent prints parent of 3 in tick 8 (its r0 holds the child)', () => {
    const { before, next } = at('fork-basics', 7);
    const q = prints(before, next, { step: 7 });
    expect(q?.answer).toBe('parent of 3 (pid:2)');
    expect(labels(q)).toContain('hello (pid:2)');
    expect(labels(q)).toContain('child (pid:2)');
  });

  it('is not asked when the step prints nothing (fork-basics step 1: the fork)', () => {
    const { before, next } = at('fork-basics', 1);
    expect(prints(before, next, { step: 1 })).toBeNull();
  });

  it('is not asked when there is no other line to offer (a job that only computes)', () => {
    const { before, next } = at('sched-jobs', 0);
    expect(prints(before, next, { step: 0 })).toBeNull();
  });
});

describe('state', () => {
  it('fork-basics step 0: PID 2 goes from ready to running', () => {
    const { before, next } = at('fork-basics', 0);
    const q = stateNext(before, next, { step: 0, pid: 2 });
    expect(q?.prompt).toBe('What state will PID 2 be in after the next step? It is ready now.');
    expect(values(q)).toEqual(['EMBRYO', 'RUNNABLE', 'RUNNING', 'SLEEPING', 'STOPPED', 'ZOMBIE']);
    expect(q?.answer).toBe('RUNNING');
  });

  it('fork-basics step 2: the slice ends, PID 2 goes back to ready', () => {
    const { before, next } = at('fork-basics', 2);
    expect(stateNext(before, next, { step: 2, pid: 2 })?.answer).toBe('RUNNABLE');
  });

  it('FIFO jobs: B (PID 2, 4 ticks) finishes in tick 12 and is a zombie (no parent waits)', () => {
    const { before, next } = at('sched-jobs', 11);
    expect(stateNext(before, next, { step: 11, pid: 2 })?.answer).toBe('ZOMBIE');
  });

  it('is not asked when the followed process keeps its state, or has no pid', () => {
    const { before, next } = at('fork-basics', 1);
    expect(stateNext(before, next, { step: 1, pid: 2 })).toBeNull();
    expect(stateNext(before, next, { step: 1 })).toBeNull();
    expect(stateNext(before, next, { step: 1, pid: 42 })).toBeNull();
  });
});

describe('questionFor', () => {
  it('takes the first kind that applies, in the order given', () => {
    const { before, next } = at('fork-basics', 0);
    expect(questionFor(['prints', 'runs-next'], before, next, { step: 0 })?.kind).toBe('prints');
    expect(questionFor(['runs-next', 'prints'], before, next, { step: 0 })?.kind).toBe('runs-next');
  });

  it('null when no kind applies or there is no next step', () => {
    const { before, next } = at('fork-basics', 1);
    expect(questionFor(['runs-next', 'prints', 'state'], before, next, { step: 1, pid: 2 })).toBe(
      null,
    );
    expect(questionFor(['runs-next'], before, null, { step: 1 })).toBeNull();
  });

  it('keys differ between steps and between questions', () => {
    const a = at('fork-basics', 0);
    const b = at('fork-basics', 2);
    const k1 = runsNext(a.before, a.next, { step: 0 })?.key;
    const k2 = runsNext(b.before, b.next, { step: 2 })?.key;
    const k3 = prints(a.before, a.next, { step: 0 })?.key;
    expect(new Set([k1, k2, k3]).size).toBe(3);
  });
});

describe('stored answers', () => {
  it('round-trips and scores', () => {
    const book = { a: { choice: '2', right: true }, b: { choice: 'idle', right: false } };
    expect(readAnswers(JSON.parse(JSON.stringify(writeAnswers(book))))).toEqual(book);
    expect(scoreText(book)).toBe('1 of 2 right');
    expect(scoreText({})).toBe('');
  });

  it('ignores corrupt values', () => {
    expect(readAnswers(null)).toEqual({});
    expect(readAnswers('nonsense')).toEqual({});
    expect(readAnswers([1, 2])).toEqual({});
    expect(readAnswers({ v: 2, answers: {} })).toEqual({});
    expect(readAnswers({ v: 1, answers: [] })).toEqual({});
    expect(
      readAnswers({
        v: 1,
        answers: { ok: { choice: 'x', right: false }, bad: { choice: 3, right: 'yes' }, n: null },
      }),
    ).toEqual({ ok: { choice: 'x', right: false } });
  });
});

describe('tree', () => {
  it('writes a tree on one line: children after an arrow, several in braces, zombies marked', () => {
    const n = (pid: number, ppid: number, zombie = false) => ({ pid, ppid, zombie });
    expect(treeText([n(1, 0), n(2, 1), n(3, 2)])).toBe('PID 1 → PID 2 → PID 3');
    expect(treeText([n(1, 0), n(4, 1), n(2, 1, true), n(5, 4), n(6, 4)])).toBe(
      'PID 1 → {PID 2 (zombie), PID 4 → {PID 5, PID 6}}',
    );
    // Without init, top-level processes are separate roots.
    expect(treeText([n(2, 0), n(3, 0)])).toBe('PID 2; PID 3');
  });

  it('fork-basics step 1: the fork adds PID 3 under PID 2; wrong: no change, or under init', () => {
    const { before, next } = at('fork-basics', 1);
    const q = treeNext(before, next, { step: 1 });
    expect(q?.prompt).toBe(
      'What will the process tree look like after the next step? Now it is: PID 1 → PID 2.',
    );
    expect(q?.answer).toBe('PID 1 → PID 2 → PID 3');
    // The right choice goes in at index step % 3 = 1.
    expect(labels(q)).toEqual(['PID 1 → PID 2', 'PID 1 → PID 2 → PID 3', 'PID 1 → {PID 2, PID 3}']);
  });

  it('is not asked when the tree does not change (fork-basics step 0: a printf)', () => {
    const { before, next } = at('fork-basics', 0);
    expect(treeNext(before, next, { step: 0 })).toBeNull();
  });

  it('zombie-orphan tick 5: the child exits and stays in the tree as a zombie', () => {
    // t1 fork, t2 branch, t3 first tick of work(6) ends PID 2's slice, t4 PID 3 branches,
    // t5 PID 3 calls exit(7).
    const { before, next } = at('zombie-orphan', 4);
    const q = treeNext(before, next, { step: 4 });
    expect(q?.answer).toBe('PID 1 → PID 2 → PID 3 (zombie)');
    expect(labels(q)).toEqual([
      'PID 1 → PID 2 → PID 3',
      'PID 1 → PID 2 → PID 3 (zombie)',
      'PID 1 → PID 2',
    ]);
  });

  it('zombie-orphan: when PID 2 exits, init adopts its child PID 4 (wrong: it stays under PID 2)', () => {
    // PID 2 reaps PID 3, forks PID 4 (which sleeps 8 ticks) and exits first.
    const r = loadScenario('zombie-orphan', 0);
    if (!r.ok) throw new Error(r.error);
    let m = r.value;
    let q = null;
    for (let i = 0; i < 100 && q === null; i++) {
      const next = step(m, { type: 'tick' });
      if (next.events.some((e) => e.type === 'reparent')) q = treeNext(m, next, { step: 0 });
      m = next.machine;
    }
    expect(q?.prompt).toContain('Now it is: PID 1 → PID 2 → PID 4.');
    expect(q?.answer).toBe('PID 1 → {PID 2 (zombie), PID 4}');
    expect(labels(q)).toEqual([
      'PID 1 → {PID 2 (zombie), PID 4}',
      'PID 1 → PID 2 → PID 4',
      'PID 1 → PID 4',
      'PID 1 → PID 2 (zombie) → PID 4',
    ]);
  });
});
