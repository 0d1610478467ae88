/**
 * What the build derives from an authored dashboard before checking or emitting it: the layout,
 * panel ids (1, 2, ... in reading order, rows included), query refIds (A, B, ... per panel, around
 * explicit ones) and the data source of every query. Pure: the same dashboard always resolves the same.
 */
import { layoutGrid, type GridPos, type LayoutBox } from './layout.ts';
import type { Dashboard, DatasourceRef, Panel, PanelType, Query, Row } from './types.ts';

/** Default sizes: wide graphs, small stats, full-width tables, text and logs. */
export const DEFAULT_SIZE: Readonly<Record<PanelType, { readonly w: number; readonly h: number }>> = {
  timeseries: { w: 12, h: 8 },
  stat: { w: 6, h: 4 },
  gauge: { w: 6, h: 6 },
  bargauge: { w: 12, h: 6 },
  table: { w: 24, h: 8 },
  heatmap: { w: 12, h: 8 },
  piechart: { w: 8, h: 8 },
  barchart: { w: 12, h: 8 },
  histogram: { w: 12, h: 8 },
  text: { w: 24, h: 3 },
  logs: { w: 24, h: 10 },
};

export const MIXED_DATASOURCE: DatasourceRef = { type: 'datasource', uid: '-- Mixed --' };

export interface ResolvedQuery {
  readonly query: Query;
  readonly refId: string;
  readonly datasource?: DatasourceRef;
}

export interface ResolvedPanel {
  readonly panel: Panel;
  readonly id: number;
  readonly gridPos: GridPos;
  /** Index of the row holding the panel; undefined above the first row. */
  readonly row?: number;
  readonly queries: readonly ResolvedQuery[];
  readonly datasource?: DatasourceRef;
}

export interface ResolvedRow {
  readonly row: Row;
  readonly id: number;
  readonly gridPos: GridPos;
  readonly panels: readonly ResolvedPanel[];
}

export interface ResolvedDashboard {
  readonly dashboard: Dashboard;
  /** Panels above the first row. */
  readonly panels: readonly ResolvedPanel[];
  readonly rows: readonly ResolvedRow[];
  /** Every panel, in reading order. */
  readonly allPanels: readonly ResolvedPanel[];
  readonly layoutProblems: readonly { readonly panel: ResolvedPanel; readonly message: string }[];
}

export function queryPlugin(q: Query): 'prometheus' | 'loki' {
  return q.kind === 'loki-query' ? 'loki' : 'prometheus';
}

/** A query's data source: its own, its panel's, the dashboard's variable for its plugin, or the dashboard's fixed one. */
export function datasourceFor(
  d: Dashboard,
  plugin: string,
  ...explicit: (DatasourceRef | undefined)[]
): DatasourceRef | undefined {
  for (const e of explicit) if (e) return e;
  const v = d.variables?.find((x) => x.type === 'datasource' && x.plugin === plugin);
  if (v) return { type: plugin, uid: `\${${v.name}}` };
  return d.datasource && d.datasource.type === plugin ? d.datasource : undefined;
}

/** A, B, ..., Z, AA, AB, ... */
export function refIdAt(n: number): string {
  let s = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function refIds(queries: readonly Query[]): string[] {
  const taken = new Set(queries.map((q) => q.refId).filter((r): r is string => r !== undefined));
  let next = 0;
  return queries.map((q) => {
    if (q.refId !== undefined) return q.refId;
    while (taken.has(refIdAt(next))) next++;
    const r = refIdAt(next++);
    taken.add(r);
    return r;
  });
}

const sameRef = (a: DatasourceRef | undefined, b: DatasourceRef | undefined): boolean =>
  a?.type === b?.type && a?.uid === b?.uid;

function box(p: Panel): LayoutBox {
  const size = DEFAULT_SIZE[p.type];
  return { w: p.width ?? size.w, h: p.height ?? size.h, ...(p.position ? { at: p.position } : {}) };
}

export function panelQueries(p: Panel): readonly Query[] {
  return p.queries ?? [];
}

export function resolveDashboard(d: Dashboard): ResolvedDashboard {
  const top = d.panels ?? [];
  const rows = d.rows ?? [];
  const layout = layoutGrid({
    panels: top.map(box),
    rows: rows.map((r) => ({ collapsed: r.collapsed === true, panels: r.panels.map(box) })),
  });
  let nextId = 1;
  const resolvePanel = (panel: Panel, gridPos: GridPos, row: number | undefined): ResolvedPanel => {
    const qs = panelQueries(panel);
    const ids = refIds(qs);
    const queries = qs.map((query, i) => {
      const datasource = datasourceFor(d, queryPlugin(query), query.datasource, panel.datasource);
      return { query, refId: ids[i] ?? refIdAt(i), ...(datasource ? { datasource } : {}) };
    });
    const first = queries[0]?.datasource;
    const datasource =
      queries.length === 0
        ? panel.datasource
        : queries.every((q) => sameRef(q.datasource, first))
          ? first
          : MIXED_DATASOURCE;
    return {
      panel,
      id: nextId++,
      gridPos,
      ...(row === undefined ? {} : { row }),
      queries,
      ...(datasource ? { datasource } : {}),
    };
  };
  const panels = top.map((p, i) => resolvePanel(p, layout.panels[i] ?? { x: 0, y: 0, w: 1, h: 1 }, undefined));
  const resolvedRows = rows.map((r, ri): ResolvedRow => {
    const rowLayout = layout.rows[ri];
    const id = nextId++;
    return {
      row: r,
      id,
      gridPos: rowLayout?.header ?? { x: 0, y: 0, w: 24, h: 1 },
      panels: r.panels.map((p, i) => resolvePanel(p, rowLayout?.panels[i] ?? { x: 0, y: 0, w: 1, h: 1 }, ri)),
    };
  });
  const allPanels = [...panels, ...resolvedRows.flatMap((r) => r.panels)];
  const layoutProblems = layout.problems.flatMap((p) => {
    const panel = p.row === undefined ? panels[p.panel] : resolvedRows[p.row]?.panels[p.panel];
    return panel ? [{ panel, message: p.message }] : [];
  });
  return { dashboard: d, panels, rows: resolvedRows, allPanels, layoutProblems };
}
