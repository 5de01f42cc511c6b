// Predict mode's state for one island: the question before the next step, the reader's answers
// (remembered in this browser) and the questions skipped, as a rune-backed class beside
// SimController. The island wires it to the player: a step forward is held while a question
// waits for its answer. The questions and their right answers come from predict.ts, which reads
// them from the model's next step.
import type { SimController } from './controller.svelte.ts';
import { loadJSON, saveJSON } from './store.ts';
import {
  QUESTION_KINDS,
  questionFor,
  readAnswers,
  scoreText,
  writeAnswers,
  type Answer,
  type AnswerBook,
  type Question,
  type QuestionKind,
} from './predict.ts';

/** Where answers are kept (tests pass a map; the island uses localStorage through store.ts). */
export type AnswerStore = {
  load(key: string): unknown;
  save(key: string, value: unknown): void;
};

const browserStore: AnswerStore = {
  load: loadJSON,
  save: (key, value) => void saveJSON(key, value),
};

export type PredictSetup = {
  /** Whether the island asks at all (its `mode` is "predict"). */
  asking: boolean;
  /**
   * The question kinds to ask, in order of preference; unknown kinds are ignored. Default (absent
   * or empty): every kind.
   */
  kinds?: readonly QuestionKind[];
  /** The process the 'state' question is about (the island's followed process). */
  pid: () => number;
};

/**
 * One island's predict mode over `ctl`. It asks nothing until `open` is called (after mounting:
 * the server rendering and a reader without JavaScript see no question). Precondition: none.
 * Failure: its methods never throw; storage that fails keeps the answers for this visit only.
 */
export class PredictController {
  readonly #ctl: SimController;
  readonly #setup: PredictSetup;
  readonly #kinds: readonly QuestionKind[];
  readonly #store: AnswerStore;
  #key: string | null = $state(null);
  #answers: AnswerBook = $state({});
  #skipped: string[] = $state([]);

  #question: Question | null = $derived.by(() => {
    const ctl = this.#ctl;
    if (this.#key === null || !this.#setup.asking || ctl.error !== null) return null;
    return questionFor(this.#kinds, ctl.machine, ctl.peek(), {
      step: ctl.cursor,
      pid: this.#setup.pid(),
    });
  });

  constructor(ctl: SimController, setup: PredictSetup, store: AnswerStore = browserStore) {
    this.#ctl = ctl;
    this.#setup = setup;
    this.#store = store;
    const kinds = setup.kinds ?? [];
    this.#kinds =
      kinds.length > 0 ? kinds.filter((k) => QUESTION_KINDS.includes(k)) : QUESTION_KINDS;
  }

  /** The question before the next step, or null (not asking, not opened, or nothing to ask). */
  get question(): Question | null {
    return this.#question;
  }

  /** A question waits for its answer: the next step is held until it is answered or skipped. */
  get held(): boolean {
    const q = this.#question;
    return q !== null && !Object.hasOwn(this.#answers, q.key) && !this.#skipped.includes(q.key);
  }

  /** The reader's answer to the current question, if given. */
  get answer(): Answer | undefined {
    const q = this.#question;
    return q === null ? undefined : this.#answers[q.key];
  }

  /** "3 of 4 right", or '' before any answer. */
  get score(): string {
    return scoreText(this.#answers);
  }

  /** Starts asking, with the answers stored under `key` (corrupt ones are dropped). */
  open(key: string): void {
    this.#answers = readAnswers(this.#store.load(key));
    this.#key = key;
  }

  /** Answers the current question with the value of `choice`, and stores the answers. */
  check(choice: string): void {
    const q = this.#question;
    if (q === null || this.#key === null) return;
    this.#answers = { ...this.#answers, [q.key]: { choice, right: choice === q.answer } };
    this.#store.save(this.#key, writeAnswers(this.#answers));
  }

  /** Lets the current question go unanswered (for this visit). */
  skip(): void {
    const q = this.#question;
    if (q !== null) this.#skipped = [...this.#skipped, q.key];
  }
}
