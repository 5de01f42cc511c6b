// Time travel over the OS model: a Timeline is `{ scenario, seed, options, actions }` plus a cursor.
//
// The record is the whole truth: the machine at step i is what you get by loading the scenario
// with the seed and applying the first i actions. Everything else here (checkpoints, the cached
// current snapshot) is a cache that makes seeking fast and can always be rebuilt from the record.
// RaftScope's `state.js` keeps the same idea; the seeded RNG inside the machine is what makes a
// replay exact here.
//
// The core is generic over a small kernel interface so it can be tested against a toy machine;
// `createTimeline` and `timelineFromRecord` at the bottom bind it to the real model.
//
// A record leaves the model as plain JSON-safe data (`Timeline.record()`) and comes back through
// `readRecordWith`, which trusts nothing. Turning that data into a link (text, checksum, version)
// and telling the reader what went wrong is the islands' job (components/sim/share-link.ts).

import type { Action, KEvent, Machine } from '../kernel/types.ts';
import { isFinished, step } from '../kernel/machine.ts';
import { checkActionShape } from '../kernel/action.ts';
import { loadScenario, SCENARIOS } from '../book/registry.ts';

/** A value, or an error of type E. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
type Res<T> = Result<T, string>;

/** What a timeline needs from a kernel. The real binding is `MODEL_KERNEL` below. */
export interface TimelineKernel<M, A extends { type: string }, E> {
  /** Builds the machine at step 0, or says why it cannot. */
  load(scenario: string, seed: number, options?: Record<string, unknown>): Res<M>;
  /** Pure: never mutates `m`. */
  step(m: M, a: A): { machine: M; events: E[] };
  /** Nothing left that can ever run: `forward()` at the end of the record then stops. */
  isFinished(m: M): boolean;
  /** The action `forward()` appends at the end of the record (a tick). */
  defaultAction: A;
  /** True when the kernel refused the action (machine unchanged + an error event): not recorded. */
  rejected(r: { machine: M; events: E[] }): boolean;
  /** Why `a` (untrusted, e.g. from a link) is not an action, or null when it is one. */
  checkAction(a: unknown): string | null;
  /** Whether a scenario of that name exists (used to give a clear message for a bad link). */
  knowsScenario(name: string): boolean;
}

export type TimelineData<A = unknown> = {
  v: 1;
  scenario: string;
  seed: number;
  options?: Record<string, unknown>;
  actions: A[];
};

/** A timeline as read from a link: the record plus the step the reader was looking at. */
export type SavedTimeline<A = unknown> = TimelineData<A> & { cursor: number };

/**
 * The compact form of a record and its cursor (`Timeline.record()`): `s` scenario, `r` seed,
 * `o` options (when set), `a` actions, each an action, its type alone (`"tick"`) or `[n, action]`
 * for n > 1 identical actions in a row, and `c` the cursor. Field order is fixed (s, r, o, a, c),
 * so the JSON of equal records is equal text.
 */
export type TimelineRecord = {
  s: string;
  r: number;
  o?: Record<string, unknown>;
  a: unknown[];
  c: number;
};

/**
 * Why a record could not be read back or started, as data: `kind` says which failure, `detail`
 * is a neutral phrase for it (the islands word the message for readers).
 * - `malformed`: a field or a step is not what `record()` writes; detail says which and how.
 * - `unknown-scenario`: no scenario of that name; detail is the name.
 * - `too-long`: more than `limit` (MAX_ACTIONS) steps once runs are expanded.
 * - `cannot-start`: the scenario refuses the recorded options; detail is the scenario's message.
 */
export type RecordError =
  | { kind: 'malformed' | 'unknown-scenario' | 'cannot-start'; detail: string }
  | { kind: 'too-long'; detail: string; limit: number };

/** The machine after some step and the events that step produced (none at step 0). */
export type Snapshot<M, E> = { machine: M; events: E[] };

/** What `act` did: the step's result, and whether it went into the record. */
export type ActOutcome<M, E> = Snapshot<M, E> & { recorded: boolean };

export type TimelineOptions = {
  /** Keep a snapshot every `checkpointEvery` actions (doubled whenever there would be too many). */
  checkpointEvery?: number;
  /** Upper bound on the number of stored checkpoints, to bound memory on long records. */
  maxCheckpoints?: number;
};

/** Longest record `readRecordWith` accepts once runs are expanded (a crafted one cannot hang a tab). */
export const MAX_ACTIONS = 1_000_000;

type Point<M, E> = { index: number; snap: Snapshot<M, E> };

/**
 * A record of actions with a cursor. Its state is plain data (the record, the cursor) plus
 * caches of immutable machines. Machines handed out are shared with the caches: treat them as
 * read-only (the model's `step` never mutates its input, so this costs nothing). Precondition:
 * built through createTimelineWith / timelineFromDataWith, which load the start machine. Failure:
 * its methods never throw; seek clamps to the record and act reports an error outcome.
 */
export class Timeline<M, A extends { type: string }, E> {
  readonly kernel: TimelineKernel<M, A, E>;
  readonly scenario: string;
  readonly seed: number;
  readonly options: Record<string, unknown> | undefined;
  private actions: A[];
  private pos: number;
  private cur: Snapshot<M, E>;
  /** checkpoints[j] is the snapshot after j * every actions (holes are filled lazily). */
  private checkpoints: (Snapshot<M, E> | undefined)[];
  private every: number;
  private readonly maxCheckpoints: number;
  /** The last position computed off the cursor (so reading a transcript in order is linear). */
  private scratch: Point<M, E> | undefined;

  /** Use `createTimelineWith` / `createTimeline`: they report a scenario that fails to load. */
  constructor(
    kernel: TimelineKernel<M, A, E>,
    data: TimelineData<A>,
    start: M,
    settings: TimelineOptions = {},
  ) {
    this.kernel = kernel;
    this.scenario = data.scenario;
    this.seed = data.seed;
    this.options = data.options;
    this.actions = data.actions.slice();
    this.pos = 0;
    this.cur = { machine: start, events: [] };
    this.checkpoints = [this.cur];
    this.every = Math.max(1, Math.floor(settings.checkpointEvery ?? 64));
    this.maxCheckpoints = Math.max(2, Math.floor(settings.maxCheckpoints ?? 1024));
    this.scratch = undefined;
    while (this.actions.length / this.every > this.maxCheckpoints) this.every *= 2;
  }

  /** Number of recorded actions; valid cursor positions are 0..length. */
  get length(): number {
    return this.actions.length;
  }

  /** How many actions of the record the current machine has applied. */
  get cursor(): number {
    return this.pos;
  }

  /** The machine at the cursor and the events of the action that led to it. */
  current(): Snapshot<M, E> {
    return this.cur;
  }

  /** The record as plain data (a copy: changing it does not change the timeline). */
  data(): TimelineData<A> {
    const d: TimelineData<A> = {
      v: 1,
      scenario: this.scenario,
      seed: this.seed,
      actions: this.actions.slice(),
    };
    if (this.options !== undefined) d.options = this.options;
    return d;
  }

  /** The i-th recorded action (1-based, as in "the action that led to step i"), if any. */
  actionAt(i: number): A | undefined {
    return Number.isInteger(i) && i >= 1 && i <= this.actions.length
      ? this.actions[i - 1]
      : undefined;
  }

  /** Snapshot after i actions (clamped to 0..length); does not move the cursor. */
  at(i: number): Snapshot<M, E> {
    return this.compute(this.clamp(i));
  }

  /** Events of the i-th action (1..length); [] outside that range. Does not move the cursor. */
  eventsAt(i: number): E[] {
    if (!Number.isInteger(i) || i < 1 || i > this.actions.length) return [];
    return this.compute(i).events;
  }

  /** Moves the cursor to step i, clamped to 0..length. False when i had to be clamped. */
  seek(i: number): boolean {
    const j = this.clamp(i);
    if (j !== this.pos) {
      this.cur = this.compute(j);
      this.pos = j;
    }
    return j === i;
  }

  /** One step back. False at step 0. */
  back(): boolean {
    if (this.pos === 0) return false;
    return this.seek(this.pos - 1);
  }

  /**
   * One step forward: replays the recorded next action when there is one; at the end of the
   * record appends the default action (a tick) unless the machine has finished. False when it
   * could not move.
   */
  forward(): boolean {
    if (this.pos < this.actions.length) return this.seek(this.pos + 1);
    if (this.kernel.isFinished(this.cur.machine)) return false;
    return this.act(this.kernel.defaultAction).recorded;
  }

  /**
   * Applies `a` at the cursor. When the cursor is in the past, this BRANCHES: the recorded future
   * is dropped and `a` becomes the next action. An action the kernel refuses (an error event and
   * an unchanged machine) is not recorded and does not branch; its events are still returned so
   * the reader can be told why.
   */
  act(a: A): ActOutcome<M, E> {
    const r = this.kernel.step(this.cur.machine, a);
    if (this.kernel.rejected(r)) return { machine: r.machine, events: r.events, recorded: false };
    if (this.pos < this.actions.length) this.truncate(this.pos);
    this.actions.push(a);
    this.pos += 1;
    this.cur = { machine: r.machine, events: r.events };
    this.remember(this.pos, this.cur);
    return { machine: r.machine, events: r.events, recorded: true };
  }

  /** Drops every action after step n (n clamped to 0..length); the cursor stays at or before n. */
  truncate(n: number): void {
    const k = this.clamp(n);
    this.actions.length = k;
    this.checkpoints.length = Math.floor(k / this.every) + 1;
    if (this.scratch !== undefined && this.scratch.index > k) this.scratch = undefined;
    if (this.pos > k) this.seek(k);
  }

  /**
   * The record and the cursor as compact, JSON-safe data (what a shared link holds; read it back
   * with `readRecordWith`). A run of n > 1 identical actions is written once as `[n, action]` and
   * an action with only a type as its type, so 500 ticks cost a dozen bytes.
   */
  record(): TimelineRecord {
    const a: unknown[] = [];
    const acts = this.actions;
    let i = 0;
    while (i < acts.length) {
      const key = JSON.stringify(acts[i]);
      let n = 1;
      while (i + n < acts.length && JSON.stringify(acts[i + n]) === key) n += 1;
      const keys = Object.keys(acts[i]);
      const enc = keys.length === 1 && keys[0] === 'type' ? acts[i].type : acts[i];
      a.push(n > 1 ? [n, enc] : enc);
      i += n;
    }
    const { scenario: s, seed: r, options: o, pos: c } = this;
    return o === undefined ? { s, r, a, c } : { s, r, o, a, c };
  }

  private clamp(i: number): number {
    if (Number.isNaN(i)) return this.pos;
    return Math.min(this.actions.length, Math.max(0, Math.trunc(i)));
  }

  private remember(index: number, snap: Snapshot<M, E>): void {
    if (index % this.every !== 0) return;
    const j = index / this.every;
    if (j > this.maxCheckpoints) {
      // Too many checkpoints: keep every other one and double the spacing.
      const kept: (Snapshot<M, E> | undefined)[] = [];
      for (let q = 0; q < this.checkpoints.length; q += 2) kept.push(this.checkpoints[q]);
      this.checkpoints = kept;
      this.every *= 2;
      this.remember(index, snap);
      return;
    }
    this.checkpoints[j] = snap;
  }

  /** Snapshot after i actions, 0 <= i <= length, from the nearest known point at or before i. */
  private compute(i: number): Snapshot<M, E> {
    if (i === this.pos) return this.cur;
    const sc = this.scratch;
    if (sc !== undefined && sc.index === i) return sc.snap;
    let j = Math.min(Math.floor(i / this.every), this.checkpoints.length - 1);
    while (this.checkpoints[j] === undefined) j -= 1;
    let from: Point<M, E> = { index: j * this.every, snap: this.checkpoints[j] as Snapshot<M, E> };
    if (this.pos <= i && this.pos > from.index) from = { index: this.pos, snap: this.cur };
    if (sc !== undefined && sc.index <= i && sc.index > from.index) from = sc;
    let snap = from.snap;
    for (let k = from.index; k < i; k++) {
      const r = this.kernel.step(snap.machine, this.actions[k]);
      snap = { machine: r.machine, events: r.events };
      this.remember(k + 1, snap);
    }
    this.scratch = { index: i, snap };
    return snap;
  }
}

/**
 * Starts a timeline at step 0 of a scenario, or says why the scenario cannot load. Precondition:
 * none. Failure: `{ ok: false, error }` when the scenario cannot load.
 */
export function createTimelineWith<M, A extends { type: string }, E>(
  kernel: TimelineKernel<M, A, E>,
  scenario: string,
  seed: number,
  options?: Record<string, unknown>,
  settings?: TimelineOptions,
): Res<Timeline<M, A, E>> {
  return timelineFromDataWith(kernel, { v: 1, scenario, seed, options, actions: [] }, settings);
}

/**
 * Rebuilds a timeline from a record (e.g. a parsed link) and moves to its cursor, if any.
 * Precondition: `data` is a validated record (readRecordWith checks untrusted ones). Failure: `{
 * ok: false, error }` when its scenario cannot load.
 */
export function timelineFromDataWith<M, A extends { type: string }, E>(
  kernel: TimelineKernel<M, A, E>,
  data: TimelineData<A> & { cursor?: number },
  settings?: TimelineOptions,
): Res<Timeline<M, A, E>> {
  let start: Res<M>;
  try {
    start = kernel.load(data.scenario, data.seed, data.options);
  } catch (e) {
    return { ok: false, error: `Could not start "${data.scenario}": ${describe(e)}` };
  }
  if (!start.ok) return start;
  const d: TimelineData<A> = {
    v: 1,
    scenario: data.scenario,
    seed: data.seed,
    actions: data.actions,
  };
  if (data.options !== undefined) d.options = data.options;
  const tl = new Timeline(kernel, d, start.value, settings);
  if (data.cursor !== undefined) tl.seek(data.cursor);
  return { ok: true, value: tl };
}

// ---------------------------------------------------------------------------------------------
// Reading a record back. Every field and every action is checked: the record may come from a link
// a reader edited, cut short or crafted.

/**
 * The record held by `raw` (untrusted: any parsed JSON value, e.g. what a link decodes to), in the
 * form `record()` writes, expanded and validated: the scenario must exist and every action pass
 * `kernel.checkAction`. Whether the scenario accepts the options is checked when the timeline is
 * built (`timelineFromDataWith`). Precondition: none. Failure: `{ ok: false, error }` with a
 * RecordError; never throws.
 */
export function readRecordWith<A extends { type: string }>(
  kernel: Pick<TimelineKernel<unknown, A, unknown>, 'checkAction' | 'knowsScenario'>,
  raw: unknown,
): Result<SavedTimeline<A>, RecordError> {
  const bad = (detail: string): Result<SavedTimeline<A>, RecordError> => ({
    ok: false,
    error: { kind: 'malformed', detail },
  });
  if (!isPlainObject(raw)) return bad('the record is not a set of fields');
  for (const k of Object.keys(raw)) {
    if (!['s', 'r', 'o', 'a', 'c'].includes(k))
      return bad(`the record has an unknown field "${k.slice(0, 20)}"`);
  }
  const scenario = raw.s;
  if (typeof scenario !== 'string' || scenario === '' || scenario.length > 100) {
    return bad('the simulation name is missing');
  }
  if (!kernel.knowsScenario(scenario)) {
    return { ok: false, error: { kind: 'unknown-scenario', detail: scenario } };
  }
  const seed = raw.r;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    return bad('the random seed is missing or not a whole number');
  }
  let options: Record<string, unknown> | undefined;
  if ('o' in raw) {
    if (!isPlainObject(raw.o)) return bad('the simulation options are not a set of settings');
    options = raw.o;
  }
  if (!Array.isArray(raw.a)) return bad('the list of steps is missing');
  const actions: A[] = [];
  for (let i = 0; i < raw.a.length; i++) {
    const entry: unknown = raw.a[i];
    let count = 1;
    let enc: unknown = entry;
    if (Array.isArray(entry)) {
      if (entry.length !== 2) return bad(`step entry ${i + 1} is malformed`);
      const n: unknown = entry[0];
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 2) {
        return bad(`step entry ${i + 1} has a bad repeat count`);
      }
      count = n;
      enc = entry[1];
    }
    const action = typeof enc === 'string' ? { type: enc } : enc;
    const why = kernel.checkAction(action);
    if (why !== null) return bad(`step ${actions.length + 1} is not a valid action: ${why}`);
    if (actions.length + count > MAX_ACTIONS) {
      return {
        ok: false,
        error: {
          kind: 'too-long',
          detail: `more than ${MAX_ACTIONS} steps`,
          limit: MAX_ACTIONS,
        },
      };
    }
    for (let k = 0; k < count; k++) actions.push(action as A);
  }
  const cursor = raw.c;
  if (typeof cursor !== 'number' || !Number.isSafeInteger(cursor)) {
    return bad('the current step is missing');
  }
  if (cursor < 0 || cursor > actions.length) {
    return bad(`the current step (${cursor}) is outside the ${actions.length} recorded steps`);
  }
  const out: SavedTimeline<A> = { v: 1, scenario, seed, actions, cursor };
  if (options !== undefined) out.options = options;
  return { ok: true, value: out };
}

/**
 * `readRecordWith` then `timelineFromDataWith`: untrusted record data straight back to a live
 * timeline at its cursor. Precondition: none. Failure: `{ ok: false, error }` with a RecordError
 * (`cannot-start` when the scenario refuses the options); never throws.
 */
export function timelineFromRecordWith<M, A extends { type: string }, E>(
  kernel: TimelineKernel<M, A, E>,
  raw: unknown,
  settings?: TimelineOptions,
): Result<Timeline<M, A, E>, RecordError> {
  const r = readRecordWith<A>(kernel, raw);
  if (!r.ok) return r;
  const tl = timelineFromDataWith(kernel, r.value, settings);
  return tl.ok ? tl : { ok: false, error: { kind: 'cannot-start', detail: tl.error } };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

// ---------------------------------------------------------------------------------------------
// The binding to the real model.

/** A timeline of the OS model. */
export type ModelTimeline = Timeline<Machine, Action, KEvent>;

/** The OS model seen through the interface a timeline needs. */
export const MODEL_KERNEL: TimelineKernel<Machine, Action, KEvent> = {
  load: (scenario, seed, options) => loadScenario(scenario, seed, options),
  step,
  isFinished,
  defaultAction: { type: 'tick' },
  rejected: (r) => r.events.some((e) => e.type === 'error'),
  checkAction: checkActionShape,
  knowsScenario: (name) => Object.hasOwn(SCENARIOS, name),
};

/**
 * A timeline at step 0 of the named scenario. Failure: `{ ok: false, error }` for an unknown
 * scenario or options it refuses (the scenario's own message). Precondition: none.
 */
export function createTimeline(
  scenario: string,
  seed = 0,
  options?: Record<string, unknown>,
  settings?: TimelineOptions,
): Res<ModelTimeline> {
  return createTimelineWith(MODEL_KERNEL, scenario, seed, options, settings);
}

/**
 * A timeline of the model rebuilt from untrusted record data (`ModelTimeline.record()` after a
 * trip through a link), at its cursor. Precondition: none. Failure: `{ ok: false, error }` with a
 * RecordError; never throws.
 */
export function timelineFromRecord(
  raw: unknown,
  settings?: TimelineOptions,
): Result<ModelTimeline, RecordError> {
  return timelineFromRecordWith(MODEL_KERNEL, raw, settings);
}
