// The reader state of an island that is not the generic Simulation (a homework's flags and
// predictions, a chosen client count), as a rune-backed class beside SimController. It owns the
// whole round trip the islands used to repeat: restoring from this browser's storage (every
// stored field checked, a corrupt field ignored on its own; persist.ts), loading a shared link's
// entry (share-link.ts, placed by link.ts), saving after every change, and the text a copied link
// carries. The island owns what the state means: its fields' types and defaults, how a link's
// flags become a fresh state, and any rule that ties fields together.
import { readHashEntry } from './link.ts';
import { islandKey, loadState, saveState, type Check, type Shape } from './persist.ts';
import { decodeLinkState, encodeLinkState } from './share-link.ts';

/** One stored field: the check a stored value must pass, and the value before anything is read. */
export type Field<T> = { check: Check<T>; initial: T };
/** Every field of an island's state. */
export type Schema<T> = { [K in keyof T]: Field<T[K]> };

/** `check` and `initial` as a field. Never fails. */
export function field<T>(check: Check<T>, initial: T): Field<T> {
  return { check, initial };
}

/** What an island keeps in its entry of a shared link (its flags), and what opening one does. */
export type LinkSpec<T, L> = {
  /** The check the link's value must pass; a value that fails is a damaged link. */
  check: Check<L>;
  /** The value a copied link carries. Must return JSON-safe data. */
  of: (state: T) => L;
  /** The state after opening a link holding `value` (the restored state is `state`). */
  open: (value: L, state: T) => T;
};

export type IslandSetup<T, L> = {
  /** The storage kind: the key is `pss:<kind>:<pathname>:<id>` (persist.ts islandKey). */
  kind: string;
  /** The island's id: its storage key and its entry in a shared link. */
  id: string;
  fields: Schema<T>;
  /**
   * Applied to the state restored from storage, before any link: a rule between fields that the
   * per-field checks cannot see (an edited entry). Default: none.
   */
  settle?: (state: T) => T;
  /** The island's entry in a shared link. Default: the island has no link. */
  link?: LinkSpec<T, L>;
};

/**
 * One island's reader state. Construct it while the island's component initialises (its saving is
 * an $effect); nothing is read or saved until `mount` (after mounting: the server rendering and a
 * reader without JavaScript see the initial state). Precondition: `setup.id` matches
 * link.ts ISLAND_ID when the island has a link. Failure: never throws; storage that fails keeps
 * the state for this visit only; a damaged link sets `linkBroken` and keeps the island's state.
 */
export class IslandState<T extends object, L = never> {
  /** The state itself: read it and write its fields (or bind to them) in the island. */
  readonly state: T;
  readonly #setup: IslandSetup<T, L>;
  readonly #shape: Shape<T>;
  #key: string | null = $state(null);
  #linkBroken = $state(false);

  constructor(setup: IslandSetup<T, L>) {
    this.#setup = setup;
    const shape = {} as Shape<T>;
    const initial = {} as T;
    for (const k of Object.keys(setup.fields) as (keyof T)[]) {
      shape[k] = setup.fields[k].check;
      initial[k] = setup.fields[k].initial;
    }
    this.#shape = shape;
    this.state = $state(initial);
    $effect(() => {
      if (this.#key !== null) saveState(this.#key, this.#plain());
    });
  }

  /** The state as plain data (read deeply, so an $effect calling it tracks every field). */
  #plain(): T {
    return $state.snapshot(this.state) as T;
  }

  /** Whether `mount` has run (controls are enabled from then on). */
  get mounted(): boolean {
    return this.#key !== null;
  }

  /** The page was opened with a link whose entry for this island could not be read. */
  get linkBroken(): boolean {
    return this.#linkBroken;
  }

  /** Hides the damaged-link alert (the reader has set new flags). Never fails. */
  dismissLinkAlert(): void {
    this.#linkBroken = false;
  }

  /**
   * Restores what this browser kept, then lets the page's link win over it (a shared link is a
   * new homework), then starts saving. Call once, from onMount. Precondition: in the browser.
   * Never fails.
   */
  mount(): void {
    if (this.#key !== null) return;
    const { kind, id, settle, link } = this.#setup;
    const key = islandKey(kind, id);
    let next = loadState(key, this.#shape, this.#plain());
    if (settle) next = settle(next);
    const entry = link ? readHashEntry(globalThis.location?.hash ?? '', id) : null;
    if (link && entry !== null) {
      const value = decodeLinkState(entry, link.check);
      if (value === null) this.#linkBroken = true;
      else next = link.open(value, next);
    }
    this.set(next);
    this.#key = key;
  }

  /** Replaces every field of the state at once. Never fails. */
  set(next: T): void {
    for (const k of Object.keys(this.#shape) as (keyof T)[]) this.state[k] = next[k];
  }

  /**
   * The entry a copied link carries for this island (share-link.ts's codec). Precondition: the
   * island has a link. Never fails.
   */
  linkText(): string {
    const link = this.#setup.link;
    return encodeLinkState(link ? link.of(this.#plain()) : null);
  }
}
