/**
 * Our grid layout (the SDK's wraps only after a panel has overflowed the 24 columns). Panels flow
 * left to right and wrap *before* a panel would cross the right edge; panels with an explicit
 * position stay where they were put and flowed panels go around them. A row is a full-width header
 * and starts a new section below everything above it; positions in a row are relative to the row.
 *
 * Problems (an explicit panel past the edge, two explicit panels on top of each other, sizes that are
 * not whole grid units) are returned, not thrown: the lint check reports them at the panel, and the
 * result is still a valid grid (clamped) so the other checks can run.
 */
export const GRID_COLUMNS = 24;

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface LayoutBox {
  readonly w: number;
  readonly h: number;
  readonly at?: { readonly x: number; readonly y: number };
}

export interface LayoutRowBox {
  readonly collapsed: boolean;
  readonly panels: readonly LayoutBox[];
}

export interface LayoutInput {
  readonly panels: readonly LayoutBox[];
  readonly rows: readonly LayoutRowBox[];
}

export interface LayoutProblem {
  /** Index of the row (undefined: the panels above the first row) and of the panel in it. */
  readonly row?: number;
  readonly panel: number;
  readonly message: string;
}

export interface LayoutResult {
  readonly panels: readonly GridPos[];
  readonly rows: readonly { readonly header: GridPos; readonly panels: readonly GridPos[] }[];
  readonly problems: readonly LayoutProblem[];
}

export function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const isWhole = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;

/** Lays out one section (the top, or one row's panels) starting at grid row `top`. */
function layoutSection(
  boxes: readonly LayoutBox[],
  top: number,
  report: (panel: number, message: string) => void,
): { positions: GridPos[]; bottom: number } {
  const sized = boxes.map((b, i) => {
    let w = b.w;
    let h = b.h;
    if (!isWhole(w, 1) || w > GRID_COLUMNS) {
      report(i, `width ${w} is not a whole number of columns between 1 and ${GRID_COLUMNS}`);
      w = Math.min(GRID_COLUMNS, Math.max(1, Math.round(w) || 1));
    }
    if (!isWhole(h, 1)) {
      report(i, `height ${h} is not a whole number of grid units of at least 1`);
      h = Math.max(1, Math.round(h) || 1);
    }
    return { w, h };
  });
  const positions: (GridPos | undefined)[] = boxes.map(() => undefined);
  const fixed: { pos: GridPos; index: number }[] = [];
  boxes.forEach((b, i) => {
    if (!b.at) return;
    const { w, h } = sized[i] ?? { w: 1, h: 1 };
    let { x, y } = b.at;
    if (!isWhole(x, 0) || !isWhole(y, 0)) {
      report(i, `position (${x}, ${y}) must be whole, non-negative grid coordinates`);
      x = Math.max(0, Math.round(x) || 0);
      y = Math.max(0, Math.round(y) || 0);
    }
    if (x + w > GRID_COLUMNS) {
      report(
        i,
        `explicit position x=${b.at.x} with width ${w} ends at column ${x + w}, past the ${GRID_COLUMNS}-column grid`,
      );
      x = Math.max(0, GRID_COLUMNS - w);
    }
    const pos = { x, y: top + y, w, h };
    const hit = fixed.find((f) => overlaps(f.pos, pos));
    if (hit)
      report(
        i,
        `explicit position overlaps panel ${hit.index + 1} of the same section (x=${hit.pos.x}, y=${hit.pos.y - top}, ${hit.pos.w}x${hit.pos.h})`,
      );
    fixed.push({ pos, index: i });
    positions[i] = pos;
  });
  const occupied = fixed.map((f) => f.pos);
  let x = 0;
  let y = top;
  let lineBottom = top;
  boxes.forEach((b, i) => {
    if (b.at) return;
    const { w, h } = sized[i] ?? { w: 1, h: 1 };
    for (;;) {
      if (x + w > GRID_COLUMNS) {
        // Wrap before overflowing; an empty line (all blocked by explicit panels) moves down by one.
        y = lineBottom > y ? lineBottom : y + 1;
        x = 0;
        lineBottom = y;
        continue;
      }
      const candidate = { x, y, w, h };
      const blocker = occupied.find((o) => overlaps(o, candidate));
      if (blocker) {
        x = blocker.x + blocker.w;
        continue;
      }
      positions[i] = candidate;
      occupied.push(candidate);
      x += w;
      lineBottom = Math.max(lineBottom, y + h);
      return;
    }
  });
  // Every box was placed above (explicit or flowed); the fallback only satisfies the type.
  const placed = positions.map((p) => p ?? { x: 0, y: top, w: 1, h: 1 });
  return { positions: placed, bottom: placed.reduce((m, p) => Math.max(m, p.y + p.h), top) };
}

export function layoutGrid(input: LayoutInput): LayoutResult {
  const problems: LayoutProblem[] = [];
  const top = layoutSection(input.panels, 0, (panel, message) => problems.push({ panel, message }));
  let y = top.bottom;
  const rows = input.rows.map((r, row) => {
    const header = { x: 0, y, w: GRID_COLUMNS, h: 1 };
    const section = layoutSection(r.panels, y + 1, (panel, message) => problems.push({ row, panel, message }));
    // A collapsed row shows only its header; its panels keep their expanded positions inside it.
    y = r.collapsed ? y + 1 : Math.max(section.bottom, y + 1);
    return { header, panels: section.positions };
  });
  return { panels: top.positions, rows, problems };
}
