import { describe, expect, test } from 'vitest';
import { ISLAND_ID } from '../../components/sim/link.ts';
import { SCENARIOS } from '../os-model/index.ts';
import { GALLERY, mdxLine } from './gallery.ts';

describe('gallery', () => {
  test('an MDX line is written the way an author would type it', () => {
    expect(
      mdxLine({ id: 'a', scenario: 'fork-basics', views: ['tree', 'table'], options: { ncpu: 2 } }),
    ).toBe(
      `<Simulation client:visible id="a" scenario="fork-basics" views={['tree', 'table']} options={{ ncpu: 2 }} />`,
    );
    expect(mdxLine({ id: 'b', scenario: 's', views: [], follow: 3, title: "It's" })).toBe(
      `<Simulation client:visible id="b" scenario="s" views={[]} follow={3} title="It's" />`,
    );
  });

  test('every example has a unique, valid island id and anchor, and a real scenario but one', () => {
    const ids = GALLERY.map((e) => e.props.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(GALLERY.map((e) => e.anchor)).size).toBe(GALLERY.length);
    for (const id of ids) expect(id).toMatch(ISLAND_ID);
    const unknown = GALLERY.filter((e) => !Object.hasOwn(SCENARIOS, e.props.scenario));
    expect(unknown.map((e) => e.anchor)).toEqual(['errors']);
  });
});
