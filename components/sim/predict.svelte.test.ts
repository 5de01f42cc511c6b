// Predict mode's state class over a real controller, with a map for storage. The questions are
// worked out by hand in predict.test.ts from fork-basics' program: before step 1 PID 2 prints
// "hello (pid:2)" (its r0 is still 0, so the wrong choices are "child (pid:2)" and "parent of 0
// (pid:2)"); step 2 is the fork, which prints nothing.
import { flushSync } from 'svelte';
import { describe, expect, test } from 'vitest';
import { SimController } from './controller.svelte.ts';
import { PredictController, type AnswerStore } from './predict.svelte.ts';
import type { QuestionKind } from './predict.ts';

function mapStore(
  init: Record<string, unknown> = {},
): AnswerStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(init));
  return { data, load: (k) => data.get(k) ?? null, save: (k, v) => void data.set(k, v) };
}

function island(kinds: QuestionKind[] | undefined, store = mapStore(), asking = true) {
  const ctl = new SimController({ scenario: 'fork-basics', seed: 0 });
  const predict = new PredictController(ctl, { asking, kinds, pid: () => 2 }, store);
  return { ctl, predict, store };
}

describe('PredictController', () => {
  test('asks nothing until opened (the server rendering), nor when the island only watches', () => {
    const { predict } = island(['prints']);
    expect(predict.question).toBeNull();
    expect(predict.held).toBe(false);
    const watching = island(['prints'], mapStore(), false).predict;
    watching.open('k');
    expect(watching.question).toBeNull();
  });

  test('holds the step until answered, scores the answer and stores it under the key', () => {
    const { ctl, predict, store } = island(['prints']);
    predict.open('pss:predict:/x/:p');
    flushSync();
    expect(predict.question?.kind).toBe('prints');
    expect(predict.question?.answer).toBe('hello (pid:2)');
    expect(predict.held).toBe(true);
    expect(predict.score).toBe('');

    predict.check('child (pid:2)');
    expect(predict.held).toBe(false);
    expect(predict.answer).toEqual({ choice: 'child (pid:2)', right: false });
    expect(predict.score).toBe('0 of 1 right');
    expect(store.data.get('pss:predict:/x/:p')).toEqual({
      v: 1,
      answers: { [predict.question!.key]: { choice: 'child (pid:2)', right: false } },
    });

    // Step 1 done: the next step is the fork, which prints nothing, so nothing is asked.
    ctl.step();
    flushSync();
    expect(predict.question).toBeNull();
    expect(predict.held).toBe(false);
  });

  test('a skipped question lets the step go, unanswered and unscored', () => {
    const { predict, store } = island(['prints']);
    predict.open('k');
    predict.skip();
    expect(predict.question?.kind).toBe('prints');
    expect(predict.held).toBe(false);
    expect(predict.answer).toBeUndefined();
    expect(predict.score).toBe('');
    expect(store.data.size).toBe(0);
  });

  test('opening reads the stored answers; a corrupt store gives none', () => {
    const first = island(['prints']);
    first.predict.open('k');
    first.predict.check('hello (pid:2)');
    const again = island(['prints'], mapStore({ k: first.store.data.get('k') }));
    again.predict.open('k');
    expect(again.predict.held).toBe(false);
    expect(again.predict.answer).toEqual({ choice: 'hello (pid:2)', right: true });
    expect(again.predict.score).toBe('1 of 1 right');
    const corrupt = island(['prints'], mapStore({ k: { v: 1, answers: [1, 2] } }));
    corrupt.predict.open('k');
    expect(corrupt.predict.held).toBe(true);
    expect(corrupt.predict.score).toBe('');
  });

  test('kinds: none given asks every kind; only unknown kinds asks nothing', () => {
    // Every kind, in QUESTION_KINDS' order: before step 1 the tree does not change, so 'prints'.
    const all = island(undefined).predict;
    all.open('k');
    expect(all.question?.kind).toBe('prints');
    const bogus = island(['bogus' as QuestionKind]).predict;
    bogus.open('k');
    expect(bogus.question).toBeNull();
  });

  test('a scenario that cannot start asks nothing', () => {
    const ctl = new SimController({ scenario: 'no-such-scenario' });
    const predict = new PredictController(ctl, { asking: true, pid: () => 2 }, mapStore());
    predict.open('k');
    expect(predict.question).toBeNull();
  });
});
