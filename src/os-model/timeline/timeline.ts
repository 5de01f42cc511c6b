// Time travel over the OS model: a Timeline is `{ scenario, seed, options, actions }` plus a cursor.
//
// The record is the whole truth: the machine at step i is what you get by loading the scenario
// with the seed and applying the first i actions. Everything else here (checkpoints, the cached
// current snapshot) is a cache that makes seeking fast and can always be rebuilt from the record.
// RaftScope's `state.js` keeps the same idea; the seeded RNG inside the machine is what makes a
// replay exact here.
//
// The core is generic over a small kernel interface so it can be tested against a toy machine;
// `createTimeline`, `serialiseTimeline`, `parseTimeline` and `restoreTimeline` at the bottom bind
// it to the real model.

import type { Action, KEvent, Machine, Signal } from '../kernel/types.ts';
import { isFinished, MAX_RUN, step } from '../kernel/machine.ts';
import { loadScenario, SCENARIOS } from '../book/registry.ts';

type Res<T> = { ok: true; value: T } | { ok: false; error: string };

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

/** Longest record a link may hold once runs are expanded (keeps a crafted link from hanging a tab). */
export const MAX_ACTIONS = 1_000_000;
/** Longest serialised string `parseTimeline` will look at. */
export const MAX_LINK_CHARS = 2_000_000;
/** The format version written by `serialise`; `parse` refuses anything newer. */
export const FORMAT_VERSION = 1;

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

  /** Compact, URL-safe, versioned string of the record and the cursor (see `parseTimelineWith`). */
  serialise(): string {
    return serialiseData(this.scenario, this.seed, this.options, this.actions, this.pos);
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
 * Precondition: `data` is a validated record (parseTimelineWith checks untrusted ones). Failure: `{
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
// Serialisation: "1." + base64url(UTF-8(compact JSON)) + "." + checksum
//
// The compact JSON is { s: scenario, r: seed, o?: options, a: actions, c: cursor }. In `a`, an
// action that has only a type is written as its type ("tick"), and a run of n > 1 identical
// actions as [n, action], so 500 ticks cost a dozen bytes. The checksum (FNV-1a of the JSON, in
// base 36) tells a damaged link from a different one.

const DAMAGED = 'This link is damaged: ';
const NEWER = 'This link was made by a newer version of the book; reload the page to get it.';

function serialiseData(
  scenario: string,
  seed: number,
  options: Record<string, unknown> | undefined,
  actions: readonly { type: string }[],
  cursor: number,
): string {
  const a: unknown[] = [];
  let i = 0;
  while (i < actions.length) {
    const key = JSON.stringify(actions[i]);
    let n = 1;
    while (i + n < actions.length && JSON.stringify(actions[i + n]) === key) n += 1;
    const keys = Object.keys(actions[i]);
    const enc = keys.length === 1 && keys[0] === 'type' ? actions[i].type : actions[i];
    a.push(n > 1 ? [n, enc] : enc);
    i += n;
  }
  const compact: Record<string, unknown> = { s: scenario, r: seed };
  if (options !== undefined) compact.o = options;
  compact.a = a;
  compact.c = cursor;
  const json = JSON.stringify(compact);
  return `${FORMAT_VERSION}.${base64urlEncode(utf8Encode(json))}.${checksum(json)}`;
}

/**
 * Serialises any timeline (same as `tl.serialise()`). Precondition: none. Never fails.
 */
export function serialiseTimelineWith<M, A extends { type: string }, E>(
  tl: Timeline<M, A, E>,
): string {
  return tl.serialise();
}

/**
 * Reads a serialised timeline. Never throws: a damaged, truncated, foreign or newer string gives
 * `{ ok: false, error }` with a message meant for the reader. Every field and every action is
 * checked; the scenario must exist. Whether the scenario accepts the options is checked when the
 * timeline is built (`timelineFromDataWith`). Precondition: none.
 */
export function parseTimelineWith<A extends { type: string }>(
  kernel: Pick<TimelineKernel<unknown, A, unknown>, 'checkAction' | 'knowsScenario'>,
  s: unknown,
): Res<SavedTimeline<A>> {
  try {
    return parseUnsafe(kernel, s);
  } catch (e) {
    return { ok: false, error: DAMAGED + describe(e) };
  }
}

function parseUnsafe<A extends { type: string }>(
  kernel: Pick<TimelineKernel<unknown, A, unknown>, 'checkAction' | 'knowsScenario'>,
  s: unknown,
): Res<SavedTimeline<A>> {
  const bad = (why: string): Res<SavedTimeline<A>> => ({ ok: false, error: DAMAGED + why });
  if (typeof s !== 'string') return bad('it is not text.');
  const text = s.trim();
  if (text === '') return bad('it is empty.');
  if (text.length > MAX_LINK_CHARS) return bad('it is far longer than any link the book makes.');
  const m = /^(\d{1,9})\.([A-Za-z0-9_-]*)\.([0-9a-z]{1,7})$/.exec(text);
  if (m === null) {
    const v = /^(\d{1,9})\./.exec(text);
    if (v !== null && Number(v[1]) > FORMAT_VERSION) return { ok: false, error: NEWER };
    if (v === null) return bad('it is not a saved simulation from this book.');
    return bad('part of it is missing or changed (was it cut short when copied?).');
  }
  const version = Number(m[1]);
  if (version > FORMAT_VERSION) return { ok: false, error: NEWER };
  if (version !== FORMAT_VERSION) return bad(`version ${m[1]} is not one the book ever wrote.`);
  const bytes = base64urlDecode(m[2]);
  if (bytes === null)
    return bad('part of it is missing or changed (was it cut short when copied?).');
  const json = utf8Decode(bytes);
  if (json === null || checksum(json) !== m[3]) {
    return bad('part of it is missing or changed (was it cut short when copied?).');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return bad('its contents cannot be read.');
  }
  if (!isPlainObject(raw)) return bad('its contents are not a saved simulation.');
  for (const k of Object.keys(raw)) {
    if (!['s', 'r', 'o', 'a', 'c'].includes(k)) return bad(`it has an unknown field "${k}".`);
  }
  const scenario = raw.s;
  if (typeof scenario !== 'string' || scenario === '' || scenario.length > 100) {
    return bad('the simulation name is missing.');
  }
  if (!kernel.knowsScenario(scenario)) {
    return bad(`it names a simulation the book does not have ("${scenario}").`);
  }
  const seed = raw.r;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    return bad('the random seed is missing or not a whole number.');
  }
  let options: Record<string, unknown> | undefined;
  if ('o' in raw) {
    if (!isPlainObject(raw.o)) return bad('the simulation options are not a set of settings.');
    options = raw.o;
  }
  if (!Array.isArray(raw.a)) return bad('the list of steps is missing.');
  const actions: A[] = [];
  for (let i = 0; i < raw.a.length; i++) {
    const entry: unknown = raw.a[i];
    let count = 1;
    let enc: unknown = entry;
    if (Array.isArray(entry)) {
      if (entry.length !== 2) return bad(`step entry ${i + 1} is malformed.`);
      const n: unknown = entry[0];
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 2) {
        return bad(`step entry ${i + 1} has a bad repeat count.`);
      }
      count = n;
      enc = entry[1];
    }
    const action = typeof enc === 'string' ? { type: enc } : enc;
    const why = kernel.checkAction(action);
    if (why !== null) return bad(`step ${actions.length + 1} is not a valid action: ${why}`);
    if (actions.length + count > MAX_ACTIONS) {
      return bad(`it holds more than ${MAX_ACTIONS.toLocaleString('en')} steps.`);
    }
    for (let k = 0; k < count; k++) actions.push(action as A);
  }
  const cursor = raw.c;
  if (typeof cursor !== 'number' || !Number.isSafeInteger(cursor)) {
    return bad('the current step is missing.');
  }
  if (cursor < 0 || cursor > actions.length) {
    return bad(`the current step (${cursor}) is outside the ${actions.length} recorded steps.`);
  }
  const out: SavedTimeline<A> = { v: 1, scenario, seed, actions, cursor };
  if (options !== undefined) out.options = options;
  return { ok: true, value: out };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** FNV-1a over the UTF-16 code units, as 1 to 7 base-36 digits. */
function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

// --- UTF-8 and base64url, written out because the model's lib (ES2023) has no TextEncoder/btoa.

/**
 * UTF-8 bytes of a string; a lone surrogate becomes U+FFFD (JSON.stringify never makes one).
 * Precondition: none. Never fails.
 */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0) as number;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  return Uint8Array.from(out);
}

/**
 * Strict UTF-8 decoding: null on any malformed, overlong or surrogate sequence. Precondition: none.
 * Failure: null as above.
 */
export function utf8Decode(b: Uint8Array): string | null {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const x = b[i];
    let c: number;
    let n: number;
    let min: number;
    if (x < 0x80) {
      c = x;
      n = 0;
      min = 0;
    } else if (x >= 0xc2 && x <= 0xdf) {
      c = x & 0x1f;
      n = 1;
      min = 0x80;
    } else if (x >= 0xe0 && x <= 0xef) {
      c = x & 0x0f;
      n = 2;
      min = 0x800;
    } else if (x >= 0xf0 && x <= 0xf4) {
      c = x & 0x07;
      n = 3;
      min = 0x10000;
    } else return null;
    for (let k = 1; k <= n; k++) {
      const y = b[i + k];
      if (y === undefined || (y & 0xc0) !== 0x80) return null;
      c = (c << 6) | (y & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return null;
    out += String.fromCodePoint(c);
    i += n + 1;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * base64url without padding. Precondition: none. Never fails.
 */
export function base64urlEncode(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (b.length - i === 1) {
    const n = b[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (b.length - i === 2) {
    const n = (b[i] << 16) | (b[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

/**
 * Strict base64url (no padding, unused trailing bits zero): null when the text is not one.
 * Precondition: none. Failure: null as above.
 */
export function base64urlDecode(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const v = B64.indexOf(s[i]);
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
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
  checkAction: (a) => checkActionShape(a),
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
 * A timeline rebuilt from a record, moved to its cursor when it has one. Precondition: `data` is a
 * validated record (see parseTimeline). Failure: `{ ok: false, error }` when its scenario cannot
 * load.
 */
export function timelineFromData(
  data: TimelineData<Action> & { cursor?: number },
  settings?: TimelineOptions,
): Res<ModelTimeline> {
  return timelineFromDataWith(MODEL_KERNEL, data, settings);
}

/**
 * The compact, URL-safe, versioned string of a timeline's record and cursor. Precondition: none.
 * Never fails.
 */
export function serialiseTimeline(tl: ModelTimeline): string {
  return tl.serialise();
}

/**
 * Reads a string made by `serialiseTimeline`. Never throws: anything else gives
 * `{ ok: false, error }` with a message for the reader. Precondition: none.
 */
export function parseTimeline(s: unknown): Res<SavedTimeline<Action>> {
  return parseTimelineWith(MODEL_KERNEL, s);
}

/**
 * `parseTimeline` then `timelineFromData`: a shared link straight back to a live timeline.
 * Precondition: none. Failure: `{ ok: false, error }` from either step; never throws.
 */
export function restoreTimeline(s: unknown, settings?: TimelineOptions): Res<ModelTimeline> {
  const r = parseTimeline(s);
  return r.ok ? timelineFromData(r.value, settings) : r;
}

// ---------------------------------------------------------------------------------------------
// The real model's actions, checked field by field when they come from a link. The table's type
// is derived from `Action`, so adding an action type or a field to it without updating this
// table fails to type-check.

type FieldRule = { is: 'nat' | 'pos' | 'int' | 'name' | 'signal' | 'ints'; optional?: true };
type ActionSpec = {
  [K in Action['type']]: {
    [F in Exclude<keyof Extract<Action, { type: K }>, 'type'>]-?: FieldRule;
  };
};

const ACTION_SPEC: ActionSpec = {
  tick: {},
  run: { ticks: { is: 'pos' } },
  dispatch: { cpu: { is: 'nat' }, tid: { is: 'nat' } },
  kill: { pid: { is: 'int' }, signal: { is: 'signal' } },
  spawn: {
    program: { is: 'name' },
    parent: { is: 'int', optional: true },
    args: { is: 'ints', optional: true },
    prio: { is: 'int', optional: true },
  },
  connect: {},
};

const SIGNALS: Record<Signal, true> = {
  SIGKILL: true,
  SIGTERM: true,
  SIGCHLD: true,
  SIGSTOP: true,
  SIGCONT: true,
  SIGSEGV: true,
};

function checkField(rule: FieldRule, v: unknown): string | null {
  switch (rule.is) {
    case 'nat':
      return Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'must be a whole number >= 0';
    case 'pos':
      return Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_RUN
        ? null
        : `must be a whole number from 1 to ${MAX_RUN}`;
    case 'int':
      return Number.isSafeInteger(v) ? null : 'must be a whole number';
    case 'name':
      return typeof v === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(v)
        ? null
        : 'must be a program name';
    case 'signal':
      return typeof v === 'string' && Object.hasOwn(SIGNALS, v) ? null : 'must be a signal name';
    case 'ints':
      return Array.isArray(v) && v.length <= 16 && v.every((x) => Number.isSafeInteger(x))
        ? null
        : 'must be a short list of whole numbers';
  }
}

/**
 * Why `a` (untrusted) is not an `Action` of the model, or null when it is one. Precondition: none.
 * Never fails: the failure result is the reason string.
 */
export function checkActionShape(a: unknown): string | null {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return 'it is not an action';
  const o = a as Record<string, unknown>;
  if (typeof o.type !== 'string' || !Object.hasOwn(ACTION_SPEC, o.type)) {
    return `unknown action "${String(o.type).slice(0, 20)}"`;
  }
  const spec = ACTION_SPEC[o.type as Action['type']] as Record<string, FieldRule>;
  for (const k of Object.keys(o)) {
    if (k !== 'type' && !Object.hasOwn(spec, k))
      return `${o.type} has no field "${k.slice(0, 20)}"`;
  }
  for (const [k, rule] of Object.entries(spec)) {
    if (!Object.hasOwn(o, k)) {
      if (rule.optional) continue;
      return `${o.type} needs "${k}"`;
    }
    const why = checkField(rule, o[k]);
    if (why !== null) return `${o.type}.${k} ${why}`;
  }
  return null;
}
