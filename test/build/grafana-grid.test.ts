/**
 * Where `obs import dashboard` puts panels, against the reference: react-grid-layout 1.4.4, the
 * library Grafana's grid runs (a test-only dependency), whose `correctBounds` then `compact`
 * (vertical) lay out a dashboard's panels when Grafana loads it. Its compaction pushes the panels a
 * moved panel would land on further down first (resolveCompactionCollision), which decides where
 * overlapping panels end up.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compactGrid } from '../../dsl/import/grafana-grid.ts';
import type { GridPos } from '../../dsl/dashboard/index.ts';

interface RglItem extends GridPos { readonly i: string }
const rgl = createRequire(import.meta.url)('react-grid-layout/build/utils.js') as {
  correctBounds(layout: RglItem[], bounds: { cols: number }): RglItem[];
  compact(layout: RglItem[], compactType: 'vertical', cols: number): RglItem[];
};

/** What Grafana's grid makes of the boxes. */
function grafana(boxes: readonly GridPos[]): GridPos[] {
  const layout = rgl.correctBounds(boxes.map((b, i) => ({ ...b, i: String(i) })), { cols: 24 });
  return rgl.compact(layout, 'vertical', 24).map(({ x, y, w, h }) => ({ x, y, w, h }));
}

/** mulberry32: a seeded generator, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const overlap = (a: GridPos, b: GridPos): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('compactGrid: the grid as Grafana lays it out', () => {
  it('pushes the panels a moved panel lands on down before it moves (the cascade)', () => {
    // A tall panel at the left; a wide one overlapping it must go below it, and on its way down it
    // covers a small one at the right, which is pushed below the wide one's new place rather than
    // sliding up to the top (where it would go without the push).
    const boxes = [{ x: 0, y: 0, w: 6, h: 10 }, { x: 0, y: 2, w: 12, h: 2 }, { x: 7, y: 3, w: 5, h: 2 }];
    const expected = [{ x: 0, y: 0, w: 6, h: 10 }, { x: 0, y: 10, w: 12, h: 2 }, { x: 7, y: 12, w: 5, h: 2 }];
    expect(grafana(boxes)).toEqual(expected);
    expect(compactGrid(boxes)).toEqual({ positions: expected, exact: true });
  });

  it('pushes in a chain, each panel below the one pushed onto it', () => {
    const boxes = [{ x: 0, y: 0, w: 24, h: 4 }, { x: 0, y: 1, w: 12, h: 3 }, { x: 6, y: 2, w: 12, h: 3 }, { x: 12, y: 3, w: 12, h: 2 }];
    const expected = [{ x: 0, y: 0, w: 24, h: 4 }, { x: 0, y: 4, w: 12, h: 3 }, { x: 6, y: 7, w: 12, h: 3 }, { x: 12, y: 10, w: 12, h: 2 }];
    expect(grafana(boxes)).toEqual(expected);
    expect(compactGrid(boxes).positions).toEqual(expected);
  });

  it('lays out 4,000 random dashboards exactly as react-grid-layout does (overlaps, gaps, boxes past the 24 columns)', () => {
    const rnd = random(15);
    let differ = 0;
    const first: string[] = [];
    for (let t = 0; t < 4000; t++) {
      const boxes = Array.from({ length: 2 + rnd(15) }, () => ({ x: rnd(26) - 1, y: rnd(30), w: 1 + rnd(24), h: 1 + rnd(9) }));
      const ours = compactGrid(boxes);
      expect(ours.exact).toBe(true);
      if (JSON.stringify(ours.positions) !== JSON.stringify(grafana(boxes))) {
        differ++;
        if (first.length < 3) first.push(JSON.stringify(boxes));
      }
    }
    expect(first).toEqual([]);
    expect(differ).toBe(0);
  });

  it('stays bounded on thousands of panels piled on one spot: each goes below the ones before it in its columns, in reading order', () => {
    const started = performance.now();
    const pile = Array.from({ length: 20_000 }, (_, i) => ({ x: i % 2 === 0 ? 0 : 12, y: 0, w: 12, h: 1 }));
    const { positions, exact } = compactGrid(pile);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(exact).toBe(false);
    expect(positions.slice(0, 4)).toEqual([{ x: 0, y: 0, w: 12, h: 1 }, { x: 12, y: 0, w: 12, h: 1 }, { x: 0, y: 1, w: 12, h: 1 }, { x: 12, y: 1, w: 12, h: 1 }]);
    expect(positions.at(-1)).toEqual({ x: 12, y: 9999, w: 12, h: 1 });
    // A push chain deeper than the stack is over budget too, not a crash.
    const chain = [{ x: 0, y: 0, w: 24, h: 100 }, ...Array.from({ length: 30_000 }, (_, i) => ({ x: 0, y: i + 1, w: 24, h: 2 }))];
    const deep = compactGrid(chain);
    expect(deep.exact).toBe(false);
    expect(deep.positions.slice(0, 3)).toEqual([{ x: 0, y: 0, w: 24, h: 100 }, { x: 0, y: 100, w: 24, h: 2 }, { x: 0, y: 102, w: 24, h: 2 }]);
    // Past a small budget the fallback layout has no overlap and keeps reading order.
    const rnd = random(3);
    const boxes = Array.from({ length: 40 }, () => ({ x: rnd(20), y: rnd(10), w: 4 + rnd(8), h: 1 + rnd(5) }));
    const small = compactGrid(boxes, 50);
    expect(small.exact).toBe(false);
    small.positions.forEach((a, i) => small.positions.forEach((b, j) => { if (i < j) expect(overlap(a, b), `${i} ${j}`).toBe(false); }));
  });
});
