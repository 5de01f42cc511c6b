import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IslandState, field, type IslandSetup } from './island-state.svelte.ts';
import { readHashEntry } from './link.ts';
import { arrayOf, isBoolean, isCount, isString, objectOf, oneOf } from './persist.ts';
import { decodeLink, encodeLink } from './share-link.ts';

/** A localStorage that keeps strings in a map, and can be told to refuse writes. */
function fakeStorage() {
  const data = new Map<string, string>();
  let refuse = false;
  return {
    data,
    refuse(on: boolean) {
      refuse = on;
    },
    getItem: (k: string) => data.get(k) ?? null,
    setItem(k: string, v: string) {
      if (refuse) throw new Error('QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
}

type Flags = { l: string; S: 'A' | 'B' };
type State = { flags: Flags; guess: string; shown: boolean; at: number; results: number[] };
const FLAGS = objectOf<Flags>({ l: isString, S: oneOf(['A', 'B'] as const) });
const PATH = '/ch99/';
const KEY = `pss:hw:${PATH}:hw1`;

function setup(over: Partial<IslandSetup<State, Flags>> = {}): IslandSetup<State, Flags> {
  return {
    kind: 'hw',
    id: 'hw1',
    fields: {
      flags: field(FLAGS, { l: '1:0', S: 'A' }),
      guess: field(isString, ''),
      shown: field(isBoolean, false),
      at: field(isCount, 0),
      results: field(arrayOf(isCount), []),
    },
    settle: (v) => (v.at === v.results.length ? v : { ...v, at: 0, results: [] }),
    link: {
      check: FLAGS,
      of: (v) => v.flags,
      open: (flags, v) => ({ ...v, flags: { ...flags }, guess: '', shown: false }),
    },
    ...over,
  };
}

let storage: ReturnType<typeof fakeStorage>;
let hash = '';
let stops: (() => void)[] = [];

beforeEach(() => {
  storage = fakeStorage();
  hash = '';
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('location', {
    get pathname() {
      return PATH;
    },
    get hash() {
      return hash;
    },
  });
});
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  vi.unstubAllGlobals();
});

/** An island's state created as an island would (inside an effect root), then mounted. */
function island(s = setup(), mount = true): IslandState<State, Flags> {
  let st!: IslandState<State, Flags>;
  stops.push($effect.root(() => void (st = new IslandState(s))));
  if (mount) st.mount();
  flushSync();
  return st;
}

const stored = () => JSON.parse(storage.data.get(KEY) ?? 'null') as unknown;

describe('IslandState', () => {
  it('starts from the fields’ defaults and reads and writes nothing before mounting', () => {
    storage.data.set(KEY, JSON.stringify({ guess: 'kept' }));
    const st = island(setup(), false);
    expect(st.mounted).toBe(false);
    expect(st.state).toEqual({
      flags: { l: '1:0', S: 'A' },
      guess: '',
      shown: false,
      at: 0,
      results: [],
    });
    st.state.guess = 'typed';
    flushSync();
    expect(stored()).toEqual({ guess: 'kept' });
  });

  it('restores every stored field under pss:<kind>:<pathname>:<id>, and is mounted', () => {
    const saved = {
      flags: { l: '5:100', S: 'B' },
      guess: 'a+b',
      shown: true,
      at: 2,
      results: [1, 0],
    };
    storage.data.set(KEY, JSON.stringify(saved));
    const st = island();
    expect(st.mounted).toBe(true);
    expect(st.state).toEqual(saved);
    expect(st.linkBroken).toBe(false);
  });

  it('ignores a corrupt field on its own and keeps the others', () => {
    storage.data.set(
      KEY,
      JSON.stringify({ flags: { l: 5, S: 'B' }, guess: 'kept', shown: 'yes', at: -1, results: [] }),
    );
    const st = island();
    expect(st.state).toEqual({
      flags: { l: '1:0', S: 'A' },
      guess: 'kept',
      shown: false,
      at: 0,
      results: [],
    });
  });

  it('restores nothing from an entry that is not a JSON object', () => {
    for (const raw of ['{not json', '[1,2]', '"text"', 'null']) {
      storage.data.set(KEY, raw);
      expect(island().state.guess).toBe('');
    }
  });

  it('settles the restored state (a rule between fields) before any link', () => {
    storage.data.set(KEY, JSON.stringify({ at: 5, results: [1] }));
    const st = island();
    expect(st.state.at).toBe(0);
    expect(st.state.results).toEqual([]);
  });

  it('saves after every change, deep ones included, as plain JSON', () => {
    const st = island();
    expect(stored()).toEqual({
      flags: { l: '1:0', S: 'A' },
      guess: '',
      shown: false,
      at: 0,
      results: [],
    });
    st.state.flags.l = '3:50';
    flushSync();
    expect(stored()).toMatchObject({ flags: { l: '3:50', S: 'A' } });
    st.state.results.push(1);
    st.state.at = 1;
    flushSync();
    expect(stored()).toMatchObject({ at: 1, results: [1] });
    st.set({ ...st.state, guess: 'x' });
    flushSync();
    expect(stored()).toMatchObject({ guess: 'x', at: 1 });
  });

  it('keeps working for this visit when the browser refuses to store', () => {
    storage.refuse(true);
    const st = island();
    st.state.guess = 'still here';
    flushSync();
    expect(st.state.guess).toBe('still here');
    expect(storage.data.size).toBe(0);
  });

  it('lets a shared link’s flags win over what the browser kept', () => {
    storage.data.set(
      KEY,
      JSON.stringify({ flags: { l: '5:100', S: 'B' }, guess: 'old', shown: true }),
    );
    hash = `#other=x&hw1=${encodeLink({ l: '2:50', S: 'A' })}`;
    const st = island();
    expect(st.state.flags).toEqual({ l: '2:50', S: 'A' });
    expect(st.state.guess).toBe('');
    expect(st.state.shown).toBe(false);
    expect(st.linkBroken).toBe(false);
    flushSync();
    expect(stored()).toMatchObject({ flags: { l: '2:50', S: 'A' }, guess: '' });
  });

  it('still reads the older URI-encoded JSON entries', () => {
    hash = '#hw1=' + encodeURIComponent(JSON.stringify({ l: '4:10', S: 'B' }));
    expect(island().state.flags).toEqual({ l: '4:10', S: 'B' });
  });

  it('flags a damaged or mistyped link, keeps its own state, and can dismiss the alert', () => {
    storage.data.set(KEY, JSON.stringify({ guess: 'kept' }));
    const good = encodeLink({ l: '2:50', S: 'A' });
    const damaged = [good.slice(0, -3), encodeLink({ l: 2, S: 'A' }), '%7Bnot', '9.abc.1'];
    for (const entry of damaged) {
      hash = `#hw1=${entry}`;
      const st = island();
      expect(st.linkBroken).toBe(true);
      expect(st.state.flags).toEqual({ l: '1:0', S: 'A' });
      expect(st.state.guess).toBe('kept');
      st.dismissLinkAlert();
      expect(st.linkBroken).toBe(false);
    }
  });

  it('ignores another island’s entry and plain anchors', () => {
    hash = `#hw2=${encodeLink({ l: '2:50', S: 'A' })}`;
    expect(island().linkBroken).toBe(false);
    hash = '#fig-controls';
    expect(island().linkBroken).toBe(false);
  });

  it('an island without a link never reads the hash', () => {
    hash = '#hw1=damaged';
    const st = island(setup({ link: undefined }));
    expect(st.linkBroken).toBe(false);
  });

  it('gives the copy-link text of the current flags in the one link codec', () => {
    const st = island();
    st.state.flags = { l: '7:20', S: 'B' };
    const text = st.linkText();
    expect(decodeLink(text)).toEqual({ ok: true, value: { l: '7:20', S: 'B' } });
    // What it copies, another page opens.
    hash = `#hw1=${text}`;
    expect(readHashEntry(hash, 'hw1')).toBe(text);
    expect(island().state.flags).toEqual({ l: '7:20', S: 'B' });
  });

  it('mounts once', () => {
    const st = island();
    st.state.guess = 'typed';
    storage.data.set(KEY, JSON.stringify({ guess: 'other' }));
    st.mount();
    expect(st.state.guess).toBe('typed');
  });
});
