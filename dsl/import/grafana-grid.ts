/**
 * Where Grafana puts a dashboard's panels, for `obs import dashboard`: the pre-5.0 rows model
 * migrated to grid positions as Grafana's DashboardMigrator does (`upgradeToGridLayout`: row height
 * and span to grid units, row titles, collapsed and repeated rows), and the grid as Grafana's grid
 * shows it (react-grid-layout: positions bounded to the 24 columns, then compacted upwards, panels
 * taken in reading order). A panel without `gridPos` gets Grafana's default position (PanelModel).
 */
import { GRID_COLUMNS, type GridPos } from '../dashboard/index.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Grafana's PanelModel default for a panel saved without one. */
export const DEFAULT_GRID_POS: GridPos = { x: 0, y: 0, w: 6, h: 3 };

// DashboardMigrator's constants: 30px cells with an 8px margin, rows 250px high by default,
// panels 4 of the old 12 spans wide, no panel under 3 cells.
const CELL_HEIGHT = 30;
const CELL_MARGIN = 8;
const DEFAULT_ROW_HEIGHT = 250;
const DEFAULT_SPAN = 4;
const MIN_PANEL_HEIGHT = CELL_HEIGHT * 3;

function gridHeight(height: unknown): number {
  const px =
    typeof height === 'string' ? Number.parseInt(height.replace('px', ''), 10) : (num(height) ?? DEFAULT_ROW_HEIGHT);
  return Math.ceil(
    Math.max(Number.isFinite(px) ? px : DEFAULT_ROW_HEIGHT, MIN_PANEL_HEIGHT) / (CELL_HEIGHT + CELL_MARGIN),
  );
}

/**
 * The free columns of one line of an old row (DashboardMigrator's RowArea): each column's filled
 * height; a panel goes into the rightmost free stretch, or onto a new line.
 */
class RowArea {
  private readonly area: number[] = new Array<number>(GRID_COLUMNS).fill(0);
  constructor(
    private readonly height: number,
    public top: number,
  ) {}

  position(w: number, again = false): { x: number; y: number } | undefined {
    let start: number | undefined;
    let end: number | undefined;
    for (let i = this.area.length - 1; i >= 0; i--) {
      const filled = this.area[i] ?? 0;
      if (this.height - filled <= 0) break;
      if (end === undefined) end = i;
      else if (i < this.area.length - 1 && filled <= (this.area[i + 1] ?? 0)) start = i;
      else break;
    }
    if (start !== undefined && end !== undefined && end - start >= w - 1)
      return { x: start, y: Math.max(...this.area.slice(start)) };
    if (again) return undefined;
    this.top += this.height;
    this.area.fill(0);
    return this.position(w, true);
  }

  add(g: GridPos): void {
    for (let i = g.x; i < g.x + g.w && i < this.area.length; i++)
      this.area[i] = Math.max(this.area[i] ?? 0, g.y + g.h - this.top);
  }
}

/**
 * The pre-5.0 `rows` as the panel list Grafana makes of them. Copies Grafana made of a repeated row
 * (`repeatIteration`) are left out: the repeat makes them again.
 */
export function upgradeRows(rows: readonly unknown[], notes: string[]): Json[] {
  const list = rows.filter(isObject);
  const ids = list.flatMap((r) =>
    Array.isArray(r.panels) ? r.panels.filter(isObject).map((p) => num(p.id) ?? 0) : [],
  );
  let nextId = Math.max(0, ...ids) + 1;
  // Row headers only when one row is collapsed, repeated or shows its title; else the panels stand alone.
  const showRows = list.some(
    (r) => r.collapse === true || r.showTitle === true || (typeof r.repeat === 'string' && r.repeat !== ''),
  );
  const out: Json[] = [];
  let y = 0;
  let copies = 0;
  let spanless = 0;
  for (const r of list) {
    if (r.repeatIteration) {
      copies++;
      continue;
    }
    const rowHeight = gridHeight(r.height);
    const collapsed = showRows && r.collapse === true;
    const header: Json | undefined = showRows
      ? {
          id: nextId++,
          type: 'row',
          title: typeof r.title === 'string' ? r.title : '',
          collapsed,
          gridPos: { x: 0, y, w: GRID_COLUMNS, h: rowHeight },
          panels: [] as Json[],
          ...(typeof r.repeat === 'string' && r.repeat !== '' ? { repeat: r.repeat } : {}),
        }
      : undefined;
    if (header) y++;
    const area = new RowArea(rowHeight, y);
    const inside: Json[] = [];
    for (const p of Array.isArray(r.panels) ? r.panels.filter(isObject) : []) {
      if (num(p.span) === undefined) spanless++;
      const w = Math.min(GRID_COLUMNS, Math.max(1, Math.floor(num(p.span) ?? DEFAULT_SPAN) * (GRID_COLUMNS / 12)));
      const h = p.height !== undefined ? gridHeight(p.height) : rowHeight;
      const at = area.position(w) ?? { x: 0, y: 0 };
      y = area.top;
      const gridPos = { x: at.x, y: y + at.y, w, h };
      area.add(gridPos);
      const { span: _span, height: _height, minSpan: _minSpan, ...rest } = p;
      inside.push({ ...rest, gridPos });
    }
    if (header && collapsed) (header.panels as Json[]).push(...inside);
    if (header) out.push(header);
    if (!collapsed) out.push(...inside);
    if (!collapsed) y += rowHeight;
  }
  notes.push(
    `the pre-5.0 rows model (${list.length} row(s)) was migrated to grid positions as Grafana does on load${showRows ? '' : '; no row is collapsed, repeated or shows its title, so there are no row headers (as in Grafana)'}`,
  );
  if (copies) notes.push(`${copies} row(s) that Grafana repeated from another were left out: the repeat makes them`);
  if (spanless)
    notes.push(
      `${spanless} panel(s) of the rows model had no span: ${DEFAULT_SPAN} of 12 columns, as Grafana gives them`,
    );
  return out;
}

interface Item {
  readonly key: number;
  x: number;
  y: number;
  readonly w: number;
  readonly h: number;
  /** Position in reading order. */
  order: number;
}

/**
 * Collision tests one compaction may make: far more than any real dashboard needs (a 300-panel
 * dashboard makes under a million), about a second of work. Thousands of panels piled on one spot
 * make react-grid-layout's compaction take minutes (in Grafana too).
 */
export const COMPACTION_BUDGET = 50_000_000;

class OverBudget extends Error {}

/** Collision tests, counted against the budget. */
class Grid {
  private tests = 0;
  constructor(private readonly budget: number) {}

  collides(a: Item, b: Item): boolean {
    if (++this.tests > this.budget) throw new OverBudget();
    return a.key !== b.key && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  firstHit(placed: readonly Item[], l: Item): Item | undefined {
    return placed.find((p) => this.collides(l, p));
  }

  /**
   * Moves `item` down to `to`, first pushing down the boxes after it in reading order that it would
   * cover on its way, each to below where it lands (react-grid-layout's resolveCompactionCollision:
   * the cascade that keeps a box from sliding under the one pushed onto it).
   */
  pushDown(sorted: readonly Item[], item: Item, to: number): void {
    item.y += 1;
    for (let i = item.order + 1; i < sorted.length; i++) {
      const other = sorted[i] as Item;
      // Sorted by row (when the compaction began): nothing further down is reached.
      if (other.y > item.y + item.h) break;
      if (this.collides(item, other)) this.pushDown(sorted, other, to + item.h);
    }
    item.y = to;
  }
}

/**
 * react-grid-layout's vertical compaction as Grafana's grid runs it (correctBounds, then compact):
 * each box kept inside the 24 columns, then in reading order (top to bottom, left to right) moved up
 * as far as it goes, then down below anything it covers, pushing down the boxes it would land on.
 * Returns the new positions in the input's order. Past the budget (thousands of panels on one spot)
 * each box is instead put below the boxes before it in its columns, and `exact` is false.
 */
export function compactGrid(
  boxes: readonly GridPos[],
  budget = COMPACTION_BUDGET,
): { readonly positions: GridPos[]; readonly exact: boolean } {
  const bounded = (): Item[] =>
    boxes.map((b, key) => {
      let { x, w } = b;
      if (x + w > GRID_COLUMNS) x = GRID_COLUMNS - w;
      if (x < 0) {
        x = 0;
        w = GRID_COLUMNS;
      }
      return { key, x, y: b.y, w, h: b.h, order: 0 };
    });
  // Reading order, fixed before anything moves (Array.prototype.sort is stable: equal boxes keep the input's order).
  const readingOrder = (items: Item[]): Item[] => {
    const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
    sorted.forEach((item, i) => {
      item.order = i;
    });
    return sorted;
  };
  const items = bounded();
  const sorted = readingOrder(items);
  const grid = new Grid(budget);
  try {
    const placed: Item[] = [];
    let bottom = 0;
    for (const l of sorted) {
      l.y = Math.min(bottom, l.y);
      while (l.y > 0 && !grid.firstHit(placed, l)) l.y--;
      for (let hit = grid.firstHit(placed, l); hit; hit = grid.firstHit(placed, l))
        grid.pushDown(sorted, l, hit.y + hit.h);
      l.y = Math.max(l.y, 0);
      placed.push(l);
      bottom = Math.max(bottom, l.y + l.h);
    }
    return { positions: items.map(({ x, y, w, h }) => ({ x, y, w, h })), exact: true };
  } catch (e) {
    // A push cascade deeper than the stack (tens of thousands of panels in a chain) is over budget too.
    if (!(e instanceof OverBudget) && !(e instanceof RangeError)) throw e;
  }
  // Each box below what is already in its columns: linear, reading order kept, no overlap.
  const fresh = bounded();
  const skyline = new Array<number>(GRID_COLUMNS).fill(0);
  for (const l of readingOrder(fresh)) {
    l.y = Math.max(...skyline.slice(l.x, l.x + l.w));
    for (let c = l.x; c < l.x + l.w; c++) skyline[c] = l.y + l.h;
  }
  return { positions: fresh.map(({ x, y, w, h }) => ({ x, y, w, h })), exact: false };
}
