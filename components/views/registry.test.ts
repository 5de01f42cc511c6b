// The views registry: every entry's file and loader name the same component, the island gets it,
// and every entry has a gallery example whose other views are views too.
import { describe, expect, it } from 'vitest';
import { viewComponent } from './components.ts';
import { VIEWS, VIEW_NAMES, isViewName } from './registry.ts';

describe('views registry', () => {
  it("each entry's load imports the component its file names, which the island renders", async () => {
    for (const name of VIEW_NAMES) {
      const loaded = await VIEWS[name].load();
      expect(viewComponent(name), name).toBe(loaded.default);
    }
  });

  it('names are the keys, in order; isViewName accepts exactly them', () => {
    expect(VIEW_NAMES).toEqual(Object.keys(VIEWS));
    expect(VIEW_NAMES.every(isViewName)).toBe(true);
    for (const x of ['', 'Table', 'toString', '__proto__', 3, null])
      expect(isViewName(x)).toBe(false);
  });

  it('labels and example anchors are unique; example islands show known views', () => {
    const entries = Object.values(VIEWS);
    expect(new Set(entries.map((e) => e.label)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.example.anchor)).size).toBe(entries.length);
    for (const e of entries)
      for (const v of e.example.props.also ?? []) expect(isViewName(v)).toBe(true);
  });
});
