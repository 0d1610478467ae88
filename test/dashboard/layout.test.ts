import { describe, expect, it } from 'vitest';
import { GRID_COLUMNS, layoutGrid, overlaps, type GridPos, type LayoutBox, type LayoutInput } from '../../dsl/dashboard/index.ts';
import { mulberry32 as prng } from '../helpers/prng.ts';

const flow = (...sizes: [number, number][]): LayoutBox[] => sizes.map(([w, h]) => ({ w, h }));

describe('grid layout', () => {
  it('wraps before a panel would cross the right edge (the SDK puts 16+16 at x=0 and x=16)', () => {
    expect(layoutGrid({ panels: flow([16, 8], [16, 8]), rows: [] }).panels).toEqual([{ x: 0, y: 0, w: 16, h: 8 }, { x: 0, y: 8, w: 16, h: 8 }]);
    expect(layoutGrid({ panels: flow([10, 4], [10, 4], [10, 4]), rows: [] }).panels.map((p) => [p.x, p.y])).toEqual([[0, 0], [10, 0], [0, 4]]);
  });

  it('starts the next line below the tallest panel of the line', () => {
    expect(layoutGrid({ panels: flow([12, 4], [12, 9], [6, 2]), rows: [] }).panels[2]).toEqual({ x: 0, y: 9, w: 6, h: 2 });
  });

  it('places rows below everything above and their panels below the header; collapsed rows take one line', () => {
    const r = layoutGrid({ panels: flow([24, 3]), rows: [{ collapsed: true, panels: flow([12, 8], [12, 8]) }, { collapsed: false, panels: flow([24, 5]) }] });
    expect(r.rows[0]?.header).toEqual({ x: 0, y: 3, w: 24, h: 1 });
    expect(r.rows[0]?.panels).toEqual([{ x: 0, y: 4, w: 12, h: 8 }, { x: 12, y: 4, w: 12, h: 8 }]);
    expect(r.rows[1]?.header.y).toBe(4);
    expect(r.rows[1]?.panels[0]).toEqual({ x: 0, y: 5, w: 24, h: 5 });
  });

  it('keeps explicit positions (relative to the row) and flows the other panels around them', () => {
    const r = layoutGrid({ panels: [{ w: 6, h: 4, at: { x: 6, y: 0 } }, ...flow([6, 4], [12, 4], [12, 4])], rows: [{ collapsed: false, panels: [{ w: 24, h: 2, at: { x: 0, y: 1 } }, ...flow([24, 1])] }] });
    expect(r.panels).toEqual([{ x: 6, y: 0, w: 6, h: 4 }, { x: 0, y: 0, w: 6, h: 4 }, { x: 12, y: 0, w: 12, h: 4 }, { x: 0, y: 4, w: 12, h: 4 }]);
    expect(r.rows[0]?.panels).toEqual([{ x: 0, y: 10, w: 24, h: 2 }, { x: 0, y: 9, w: 24, h: 1 }]);
    expect(r.problems).toEqual([]);
  });

  it('reports explicit panels past the edge or on top of each other, and bad sizes, but still returns a grid', () => {
    const r = layoutGrid({ panels: [{ w: 12, h: 4, at: { x: 16, y: 0 } }, { w: 6, h: 4, at: { x: 14, y: 2 } }, { w: 0, h: 4 }, { w: 30, h: -1 }], rows: [] });
    expect(r.problems.map((p) => p.message)).toEqual([
      'width 0 is not a whole number of columns between 1 and 24',
      'width 30 is not a whole number of columns between 1 and 24',
      'height -1 is not a whole number of grid units of at least 1',
      'explicit position x=16 with width 12 ends at column 28, past the 24-column grid',
      'explicit position overlaps panel 1 of the same section (x=12, y=0, 12x4)',
    ]);
    for (const p of r.panels) expect(p.x + p.w).toBeLessThanOrEqual(GRID_COLUMNS);
  });
});


const COMMON_WIDTHS = [4, 6, 8, 12, 24];

function randomSection(rand: () => number): LayoutBox[] {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const boxes: LayoutBox[] = [];
  const fixed: GridPos[] = [];
  for (let i = int(0, 12); i > 0; i--) {
    const w = rand() < 0.5 ? (COMMON_WIDTHS[int(0, COMMON_WIDTHS.length - 1)] ?? 12) : int(1, 24);
    const h = int(1, 12);
    if (rand() < 0.2) {
      // An explicit position that fits and does not cover another explicit panel (else skip it).
      const at = { x: int(0, GRID_COLUMNS - w), y: int(0, 30) };
      const pos = { ...at, w, h };
      if (fixed.some((f) => overlaps(f, pos))) continue;
      fixed.push(pos);
      boxes.push({ w, h, at });
    } else boxes.push({ w, h });
  }
  return boxes;
}

function randomInput(rand: () => number): LayoutInput {
  const rows = Array.from({ length: Math.floor(rand() * 5) }, () => ({ collapsed: rand() < 0.3, panels: randomSection(rand) }));
  return { panels: randomSection(rand), rows };
}

function noOverlaps(items: readonly GridPos[]): string | undefined {
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      if (a && b && overlaps(a, b)) return `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`;
    }
  }
  return undefined;
}

/** Checks one section (top, or one row's panels under its header); returns the first violated property. */
function sectionViolation(boxes: readonly LayoutBox[], placed: readonly GridPos[], top: number): string | undefined {
  const explicit = boxes.some((b) => b.at);
  let prev: GridPos | undefined;
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    const p = placed[i];
    if (!b || !p) return `panel ${i} missing`;
    if (p.x < 0 || p.x + p.w > GRID_COLUMNS) return `panel ${i} overflows: ${JSON.stringify(p)}`;
    if (p.y < top) return `panel ${i} above its section (${p.y} < ${top})`;
    if (p.w !== b.w || p.h !== b.h) return `panel ${i} resized`;
    if (b.at) {
      if (p.x !== b.at.x || p.y !== top + b.at.y) return `explicit panel ${i} moved`;
      continue;
    }
    if (prev) {
      if (p.y < prev.y || (p.y === prev.y && p.x < prev.x + prev.w)) return `panel ${i} out of reading order`;
      // Without explicit panels a new line starts only when the panel would not fit on the current one.
      if (!explicit && p.y > prev.y && prev.x + prev.w + p.w <= GRID_COLUMNS) return `panel ${i} wrapped although it fit`;
    }
    prev = p;
  }
  return noOverlaps(placed);
}

describe('grid layout properties (seeded random dashboards)', () => {
  const RUNS = 3000;
  it(`never overflows 24 columns, never overlaps, keeps explicit positions and reading order (${RUNS} runs)`, () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const input = randomInput(prng(seed));
      const r = layoutGrid(input);
      const fail = (why: string): never => {
        throw new Error(`seed ${seed}: ${why}\ninput: ${JSON.stringify(input)}`);
      };
      if (r.problems.length) fail(`problems on valid input: ${r.problems.map((p) => p.message).join('; ')}`);
      const top = sectionViolation(input.panels, r.panels, 0);
      if (top) fail(top);
      const visible: GridPos[] = [...r.panels];
      let floor = r.panels.reduce((m, p) => Math.max(m, p.y + p.h), 0);
      input.rows.forEach((row, i) => {
        const out = r.rows[i];
        if (!out) return fail(`row ${i} missing`);
        if (out.header.x !== 0 || out.header.w !== GRID_COLUMNS || out.header.h !== 1) fail(`row ${i} header is not full width`);
        if (out.header.y < floor) fail(`row ${i} header at ${out.header.y} overlaps what is above (${floor})`);
        const v = sectionViolation(row.panels, out.panels, out.header.y + 1);
        if (v) fail(`row ${i}: ${v}`);
        visible.push(out.header);
        if (!row.collapsed) visible.push(...out.panels);
        floor = row.collapsed ? out.header.y + 1 : out.panels.reduce((m, p) => Math.max(m, p.y + p.h), out.header.y + 1);
      });
      const o = noOverlaps(visible);
      if (o) fail(`visible items overlap: ${o}`);
    }
  });
});
