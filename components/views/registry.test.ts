// The views registry: every entry's file and loader name the same component, the island gets it,
// and every view has one gallery example.
import { describe, expect, it } from 'vitest';
import type { Component } from 'svelte';
import { VIEWS, VIEW_EXAMPLES, VIEW_NAMES, isViewName, viewLayout } from './registry.ts';

const FILES = import.meta.glob<{ default: Component }>('./*.svelte', { eager: true });

describe('views registry', () => {
  it("each entry's load imports the component its file names (the chunk bench reports)", async () => {
    for (const name of VIEW_NAMES) {
      const loaded = await VIEWS[name].load();
      expect(FILES[`./${VIEWS[name].file}`]?.default, name).toBe(loaded.default);
    }
  });

  it('names are the keys, in order; isViewName accepts exactly them', () => {
    expect(VIEW_NAMES).toEqual(Object.keys(VIEWS));
    expect(VIEW_NAMES.every(isViewName)).toBe(true);
    for (const x of ['', 'Table', 'toString', '__proto__', 3, null])
      expect(isViewName(x)).toBe(false);
  });

  it('labels and example anchors are unique; each example shows its view with others', () => {
    expect(new Set(VIEW_NAMES.map((v) => VIEWS[v].label)).size).toBe(VIEW_NAMES.length);
    expect(Object.keys(VIEW_EXAMPLES)).toEqual(VIEW_NAMES);
    const anchors = VIEW_NAMES.map((v) => VIEW_EXAMPLES[v].anchor);
    expect(new Set(anchors).size).toBe(VIEW_NAMES.length);
    for (const v of VIEW_NAMES) expect(VIEW_EXAMPLES[v].props.also ?? []).not.toContain(v);
  });
});

describe('viewLayout: views side by side in a wide island', () => {
  it('pairs the views that are not wide, in order; a wide or unpaired view takes a row', () => {
    expect(viewLayout(['code', 'tree', 'console'])).toEqual(['half', 'half', 'full']);
    expect(viewLayout(['states', 'table', 'cpu'])).toEqual(['half', 'half', 'full']);
    expect(viewLayout(['memory', 'code', 'console'])).toEqual(['full', 'half', 'half']);
    expect(viewLayout(['code', 'cpu', 'table'])).toEqual(['full', 'full', 'full']);
    expect(viewLayout(['table'])).toEqual(['full']);
    expect(viewLayout([])).toEqual([]);
  });

  it('the timeline and the memory map always take a whole row', () => {
    for (const wide of ['cpu', 'memory'] as const)
      for (const other of VIEW_NAMES.filter((v) => v !== wide)) {
        expect(viewLayout([wide, other])[0], `${wide} before ${other}`).toBe('full');
        expect(viewLayout([other, wide])[1], `${wide} after ${other}`).toBe('full');
      }
  });
});
