// The controller of one simulation island: a rune-backed state class over the model's Timeline
// (the shape of svelte.dev's Workspace.svelte.ts). Views read its getters; the player calls its
// verbs. It decides nothing about the OS: every machine it hands out comes from the model.
import {
  SCENARIOS,
  createMachine,
  createTimeline,
  explain,
  isFinished,
  step as stepMachine,
} from '../../src/os-model/index.ts';
import type { Action, KEvent, Machine, ModelTimeline } from '../../src/os-model/index.ts';
import { openTimelineLink, timelineLink } from './timeline-link.ts';
import { type StepSample, type Transition, describeSample, sampleOf } from './history.ts';

export type { StepSample, Transition } from './history.ts';

export type SimSetup = {
  scenario: string;
  seed?: number;
  options?: Record<string, unknown>;
  /**
   * Steps worked out ahead when the island starts, so the scrubber knows the length of the run
   * (the run may end sooner). Default 400; 0 for the manual scheduler, which never moves alone.
   */
  horizon?: number;
};

/** Where autoplay gets its one timer (tests pass a fake). */
export type Timers = {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

export type TranscriptEntry = { step: number; t: number; sentences: string[] };

/** Speeds offered by the player, in steps per second. */
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
export const DEFAULT_HORIZON = 400;

type View = {
  cursor: number;
  length: number;
  machine: Machine;
  events: KEvent[];
  finished: boolean;
};

type Cached = { events: KEvent[]; sample: StepSample; said?: string[] };

const defaultTimers: Timers = {
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * One island's simulation. Precondition: none (a scenario that cannot load leaves `error` set and
 * an empty machine; a link that cannot be restored leaves `notice` set and starts afresh).
 * Failure: its methods never throw.
 */
export class SimController {
  readonly setup: Required<Omit<SimSetup, 'options' | 'horizon'>> & {
    options?: Record<string, unknown>;
    horizon?: number;
  };
  #timers: Timers;
  #tl: ModelTimeline | null = null;
  #cache: Cached[] = [];
  #timer: unknown = null;

  #view: View = $state.raw({
    cursor: 0,
    length: 0,
    machine: createMachine(),
    events: [],
    finished: true,
  });
  #playing = $state(false);
  #speed = $state(2);
  #error: string | null = $state(null);
  #notice: string | null = $state(null);

  constructor(setup: SimSetup, env: { timers?: Timers; link?: string | null } = {}) {
    this.setup = { scenario: setup.scenario, seed: setup.seed ?? 1 };
    if (setup.options !== undefined) this.setup.options = setup.options;
    if (setup.horizon !== undefined) this.setup.horizon = Math.max(0, Math.floor(setup.horizon));
    this.#timers = env.timers ?? defaultTimers;
    if (env.link) this.#restore(env.link);
    if (this.#tl === null) this.#start();
  }

  // ---- state ----------------------------------------------------------------------------

  get machine(): Machine {
    return this.#view.machine;
  }
  get events(): KEvent[] {
    return this.#view.events;
  }
  get cursor(): number {
    return this.#view.cursor;
  }
  get length(): number {
    return this.#view.length;
  }
  get atStart(): boolean {
    return this.#view.cursor === 0;
  }
  get atEnd(): boolean {
    return this.#view.cursor >= this.#view.length;
  }
  /** At the end of the record and nothing can run any more. */
  get finished(): boolean {
    return this.#view.finished;
  }
  get playing(): boolean {
    return this.#playing;
  }
  get speed(): number {
    return this.#speed;
  }
  get error(): string | null {
    return this.#error;
  }
  get notice(): string | null {
    return this.#notice;
  }
  get title(): string {
    return Object.hasOwn(SCENARIOS, this.setup.scenario)
      ? SCENARIOS[this.setup.scenario].title
      : this.setup.scenario;
  }
  get description(): string {
    return Object.hasOwn(SCENARIOS, this.setup.scenario)
      ? SCENARIOS[this.setup.scenario].description
      : '';
  }

  /** What the current step did, in plain sentences (the live region reads it). */
  get narration(): string {
    const v = this.#view;
    if (this.#error !== null) return this.#error;
    if (v.cursor === 0) return `Step 0, before anything runs. ${this.description}`.trim();
    const lines = this.sentences(v.cursor);
    const end = v.finished ? ' The simulation has finished.' : '';
    return `Step ${v.cursor} (tick ${v.machine.clock}): ${lines.join(' ')}${end}`;
  }

  /** What each CPU did in steps 1..cursor. */
  get samples(): StepSample[] {
    const n = this.#view.cursor;
    this.#ensure(n);
    return this.#cache.slice(0, n).map((c) => c.sample);
  }

  /** The sentences of step i (1..length): the model's explanations, or what the CPUs did. */
  sentences(i: number): string[] {
    if (!Number.isInteger(i) || i < 1 || i > this.#view.length) return [];
    this.#ensure(i);
    const c = this.#cache[i - 1];
    if (c.said === undefined) {
      const said = c.events.map(explain);
      c.said = said.length > 0 ? said : [describeSample(c.sample)];
    }
    return c.said;
  }

  /** Steps 1..upTo (default: the cursor) with their sentences. */
  transcript(upTo: number = this.#view.cursor): TranscriptEntry[] {
    const n = Math.min(Math.max(0, Math.floor(upTo)), this.#view.length);
    this.#ensure(n);
    const out: TranscriptEntry[] = [];
    for (let i = 1; i <= n; i++)
      out.push({ step: i, t: this.#cache[i - 1].sample.t, sentences: this.sentences(i) });
    return out;
  }

  /** The events of each step 1..upTo (default: the cursor), in order. */
  eventsThrough(upTo: number = this.#view.cursor): KEvent[][] {
    const n = Math.min(Math.max(0, Math.floor(upTo)), this.#view.length);
    this.#ensure(n);
    return this.#cache.slice(0, n).map((c) => c.events);
  }

  /** The latest change of state of the main task of `pid` at or before the cursor. */
  lastTransition(pid: number): Transition | null {
    const n = this.#view.cursor;
    this.#ensure(n);
    for (let i = n; i >= 1; i--) {
      const evs = this.#cache[i - 1].events;
      for (let k = evs.length - 1; k >= 0; k--) {
        const e = evs[k];
        if (e.type === 'state' && e.tid === pid)
          return { from: e.from, to: e.to, reason: e.reason, step: i, t: e.t };
      }
    }
    return null;
  }

  /** The next step, worked out without moving (for predict mode); null when nothing can run. */
  peek(): { machine: Machine; events: KEvent[] } | null {
    const tl = this.#tl;
    if (tl === null) return null;
    const v = this.#view;
    if (v.cursor < v.length) return tl.at(v.cursor + 1);
    if (v.finished) return null;
    return stepMachine(v.machine, { type: 'tick' });
  }

  // ---- verbs ----------------------------------------------------------------------------

  /** One step forward (extends the run at its end unless it has finished). */
  step(): boolean {
    const tl = this.#tl;
    if (tl === null) return false;
    const moved = tl.forward();
    this.#refresh();
    return moved;
  }

  back(): boolean {
    const tl = this.#tl;
    if (tl === null) return false;
    const moved = tl.back();
    this.#refresh();
    return moved;
  }

  seek(i: number): void {
    if (this.#tl === null || !Number.isFinite(i)) return;
    this.#tl.seek(i);
    this.#refresh();
  }

  first(): void {
    this.seek(0);
  }

  last(): void {
    this.seek(this.#view.length);
  }

  play(): void {
    if (this.#tl === null || this.#playing) return;
    if (this.finished) this.seek(0);
    this.#playing = true;
    this.#arm();
  }

  pause(): void {
    this.#playing = false;
    this.#disarm();
  }

  toggle(): void {
    if (this.#playing) this.pause();
    else this.play();
  }

  setSpeed(s: number): void {
    if (!(SPEEDS as readonly number[]).includes(s)) return;
    this.#speed = s;
    if (this.#playing) {
      this.#disarm();
      this.#arm();
    }
  }

  /** Back to step 0 of the original run: the reader's own actions are dropped. */
  reset(): void {
    this.pause();
    this.#start();
  }

  /**
   * Opens a shared link's state (an island calls this after mounting, so the page's static
   * rendering stays the scenario's step 0). Failure: false, with `notice` saying why, and the
   * simulation left as it was.
   */
  restore(link: string): boolean {
    const before = this.#tl;
    this.pause();
    this.#restore(link);
    return this.#tl !== before;
  }

  /** Like reset, and forgets the notice about a bad link. */
  startOver(): void {
    this.#notice = null;
    this.reset();
  }

  /**
   * Applies a reader's action at the cursor (branching when the cursor is in the past). Failure:
   * `{ ok: false, message }` with the model's reason when the model refuses it.
   */
  act(a: Action): { ok: boolean; message: string } {
    const tl = this.#tl;
    if (tl === null) return { ok: false, message: this.#error ?? 'The simulation is not running.' };
    const before = tl.cursor;
    const out = tl.act(a);
    if (!out.recorded) {
      const err = out.events.find((e) => e.type === 'error');
      return { ok: false, message: err ? explain(err) : 'The model refused that action.' };
    }
    this.#cache.length = Math.min(this.#cache.length, before);
    this.#extend();
    this.#refresh();
    return { ok: true, message: out.events.map(explain).join(' ') };
  }

  /** Autoplay stops when the island leaves the screen. */
  setVisible(visible: boolean): void {
    if (!visible) this.pause();
  }

  /** The state for a shared link (record and cursor). Never fails. */
  serialise(): string {
    return this.#tl === null ? '' : timelineLink(this.#tl);
  }

  destroy(): void {
    this.pause();
  }

  // ---- internals ------------------------------------------------------------------------

  #start(): void {
    const r = createTimeline(this.setup.scenario, this.setup.seed, this.setup.options);
    this.#cache = [];
    if (!r.ok) {
      this.#tl = null;
      this.#error = r.error;
      return;
    }
    this.#error = null;
    this.#tl = r.value;
    this.#extend();
    this.#refresh();
  }

  #restore(link: string): void {
    const r = openTimelineLink(link);
    if (!r.ok) {
      this.#notice = `This link's simulation state could not be restored: ${r.error} The simulation starts from the beginning instead.`;
      return;
    }
    if (r.value.scenario !== this.setup.scenario) {
      this.#notice = `This link holds a different simulation ("${r.value.scenario}") from this one ("${this.setup.scenario}"), so it starts from the beginning instead.`;
      return;
    }
    this.#notice = null;
    this.#error = null;
    this.#tl = r.value;
    this.#cache = [];
    this.#extend();
    this.#refresh();
  }

  /**
   * Works the run out to the horizon from the end of the record, keeping the cursor. Without a
   * horizon from the author: DEFAULT_HORIZON, or 0 when the machine's scheduler is the manual one
   * (it never moves on its own; ticks would only add idle steps).
   */
  #extend(): void {
    const tl = this.#tl;
    if (tl === null) return;
    const manual = tl.at(0).machine.config.sched.kind === 'manual';
    const horizon = this.setup.horizon ?? (manual ? 0 : DEFAULT_HORIZON);
    if (tl.length >= horizon) return;
    const at = tl.cursor;
    tl.seek(tl.length);
    while (tl.length < horizon && tl.forward());
    tl.seek(at);
  }

  #refresh(): void {
    const tl = this.#tl;
    if (tl === null) return;
    const snap = tl.current();
    const atEnd = tl.cursor >= tl.length;
    this.#view = {
      cursor: tl.cursor,
      length: tl.length,
      machine: snap.machine,
      events: snap.events,
      finished: atEnd && isFinished(snap.machine),
    };
  }

  /** Fills the per-step cache up to step n, in order (the timeline replays linearly). */
  #ensure(n: number): void {
    const tl = this.#tl;
    if (tl === null) return;
    for (let i = this.#cache.length + 1; i <= n && i <= tl.length; i++) {
      const snap = tl.at(i);
      this.#cache.push({ events: snap.events, sample: sampleOf(i, snap.machine) });
    }
  }

  #arm(): void {
    this.#disarm();
    this.#timer = this.#timers.setInterval(() => {
      if (!this.step() || this.finished) this.pause();
    }, 1000 / this.#speed);
  }

  #disarm(): void {
    if (this.#timer !== null) this.#timers.clearInterval(this.#timer);
    this.#timer = null;
  }
}
