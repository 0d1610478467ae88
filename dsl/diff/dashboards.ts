/**
 * Grafana dashboards (the classic JSON model, `out/dashboards/<folder>/<uid>.json`) diffed by uid,
 * their rows, panels and variables matched by identity (match.ts: title, type, queries, never the
 * generated panel id or the array index), queries by refId. A panel moved when its order among the
 * panels both sides have changed, or its row; queries are compared as PromQL tokens.
 */
import { constantDeltas, constantText, normalizeExpr, tokens } from './expr.ts';
import { diffKeyed } from './keyed.ts';
import { jaccard, longestIncreasing, matchEntities, words, type Match } from './match.ts';
import { entity, type EntityChange, type FieldChange } from './model.ts';

type Json = Record<string, unknown>;

interface PanelDoc {
  readonly title: string;
  readonly type: string;
  /** Index of the row it is in (into DashboardDoc.rows), -1 above the first row. */
  readonly row: number;
  /** Reading order: rows and panels top to bottom, left to right, a collapsed row's panels after it. */
  readonly order: number;
  readonly grid?: { x: number; y: number; w: number; h: number };
  readonly queries: ReadonlyMap<string, { expr: string; legend: string; settings: Json }>;
  readonly unit?: string;
  readonly thresholds?: string;
  /** Everything else the panel sets (options, field config, overrides, transformations, links, ...). */
  readonly settings: Json;
}

interface RowDoc {
  readonly title: string;
  readonly order: number;
  readonly collapsed: boolean;
  readonly panelTitles: ReadonlySet<string>;
}

interface VariableDoc {
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface DashboardDoc {
  readonly file: string;
  readonly uid: string;
  readonly title: string;
  readonly folder: string;
  readonly panels: readonly PanelDoc[];
  readonly rows: readonly RowDoc[];
  readonly variables: readonly VariableDoc[];
  /** Everything else the dashboard sets (time, refresh, links, annotations, ...). */
  readonly settings: Json;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);

function gridOf(p: Json): PanelDoc['grid'] {
  const g = obj(p.gridPos);
  const n = (k: string): number => (typeof g[k] === 'number' ? (g[k] as number) : 0);
  return p.gridPos === undefined ? undefined : { x: n('x'), y: n('y'), w: n('w'), h: n('h') };
}

function thresholdsOf(p: Json): string | undefined {
  const t = obj(obj(obj(p.fieldConfig).defaults).thresholds);
  if (!Array.isArray(t.steps)) return undefined;
  const steps = list(t.steps).map(
    (s) => `${s.value === null || s.value === undefined ? 'base' : text(s.value)}:${text(s.color)}`,
  );
  return `${t.mode === 'percentage' ? 'percentage ' : ''}${steps.join(', ')}`;
}

/** What is compared field by field elsewhere (or is layout or identity) is left out. */
const COMPARED = new Set(['id', 'gridPos', 'title', 'type', 'targets', 'panels', 'collapsed', 'pluginVersion']);

function settingsOf(p: Json): Json {
  const rest = Object.fromEntries(Object.entries(p).filter(([k]) => !COMPARED.has(k)));
  if (p.fieldConfig !== undefined) {
    // Unit and thresholds are fields of their own; what is left empty is no setting (adding a unit is not a fieldConfig change).
    const { defaults: _d, ...fc } = obj(p.fieldConfig);
    const { unit: _u, thresholds: _t, ...defaults } = obj(obj(p.fieldConfig).defaults);
    const kept: Json = { ...fc, ...(Object.keys(defaults).length ? { defaults } : {}) };
    if (Object.keys(kept).length) rest.fieldConfig = kept;
    else delete rest.fieldConfig;
  }
  return rest;
}

/** Panel settings that change what the panel queries, not only how it shows it. */
const BEHAVIOUR = /^(?:datasource|interval|maxDataPoints|timeFrom|timeShift|transformations)\b/;

/** Leaf paths where two JSON values differ (objects by key, arrays by position, else whole). */
/**
 * Values Grafana uses when a panel leaves a setting out (its timeseries, legend and tooltip
 * defaults): a setting appearing or disappearing with this value changes nothing on screen (Grafana
 * writes them into the JSON when a dashboard is saved with a newer version).
 */
const GRAFANA_DEFAULTS: Readonly<Record<string, unknown>> = {
  'fieldConfig.defaults.custom.axisBorderShow': false,
  'fieldConfig.defaults.custom.axisCenteredZero': false,
  'fieldConfig.defaults.custom.axisColorMode': 'text',
  'fieldConfig.defaults.custom.axisLabel': '',
  'fieldConfig.defaults.custom.axisPlacement': 'auto',
  'fieldConfig.defaults.custom.barAlignment': 0,
  'fieldConfig.defaults.custom.barWidthFactor': 0.6,
  'fieldConfig.defaults.custom.drawStyle': 'line',
  'fieldConfig.defaults.custom.fillOpacity': 0,
  'fieldConfig.defaults.custom.gradientMode': 'none',
  'fieldConfig.defaults.custom.hideFrom.legend': false,
  'fieldConfig.defaults.custom.hideFrom.tooltip': false,
  'fieldConfig.defaults.custom.hideFrom.viz': false,
  'fieldConfig.defaults.custom.insertNulls': false,
  'fieldConfig.defaults.custom.lineInterpolation': 'linear',
  'fieldConfig.defaults.custom.lineWidth': 1,
  'fieldConfig.defaults.custom.pointSize': 5,
  'fieldConfig.defaults.custom.scaleDistribution.type': 'linear',
  'fieldConfig.defaults.custom.showPoints': 'auto',
  'fieldConfig.defaults.custom.spanNulls': false,
  'fieldConfig.defaults.custom.stacking.group': 'A',
  'fieldConfig.defaults.custom.stacking.mode': 'none',
  'fieldConfig.defaults.custom.thresholdsStyle.mode': 'off',
  'fieldConfig.overrides': [],
  'options.legend.calcs': [],
  'options.legend.displayMode': 'list',
  'options.legend.placement': 'bottom',
  'options.legend.showLegend': true,
  'options.tooltip.mode': 'single',
  'options.tooltip.sort': 'none',
};

/** A setting absent on one side and Grafana's default on the other. */
function isDefaultSwap(path: string, a: unknown, b: unknown): boolean {
  if (!Object.hasOwn(GRAFANA_DEFAULTS, path)) return false;
  const d = JSON.stringify(GRAFANA_DEFAULTS[path]);
  return (a === undefined && JSON.stringify(b) === d) || (b === undefined && JSON.stringify(a) === d);
}

function changedPaths(a: unknown, b: unknown, path: string, out: [string, unknown, unknown][]): void {
  const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  // A settings object added or removed whole is compared with an empty one, setting by setting.
  if (a === undefined && isObj(b)) a = {};
  if (b === undefined && isObj(a)) b = {};
  if (isDefaultSwap(path, a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      changedPaths(a[k], b[k], path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => changedPaths(x, b[i], `${path}[${i}]`, out));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push([path, a, b]);
}

// schemaVersion: the model version the SDK writes, not a setting of the dashboard.
const DASHBOARD_COMPARED = new Set([
  'id',
  'uid',
  'title',
  'panels',
  'rows',
  'templating',
  'version',
  'iteration',
  'schemaVersion',
]);

const MAX_SETTINGS = 6;

/** Changed settings by JSON path: the first few, then how many more. */
function settingChanges(
  a: Json,
  b: Json,
  prefix = '',
  impactOf: (path: string) => FieldChange['impact'] = () => 'presentation',
): FieldChange[] {
  const paths: [string, unknown, unknown][] = [];
  changedPaths(a, b, '', paths);
  const out: FieldChange[] = paths.slice(0, MAX_SETTINGS).map(([path, x, y]) => {
    const [before, after] = [short(x), short(y)];
    return {
      field: `${prefix}${path}`,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      impact: impactOf(path),
    };
  });
  if (paths.length > MAX_SETTINGS)
    out.push({ field: `${prefix}${paths.length - MAX_SETTINGS} more settings`, impact: 'presentation' });
  return out;
}
/** A value as text (whole: the formats show the part that differs). */
const short = (v: unknown): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * Query settings that do not change what Grafana shows: the editor the query was written in, and
 * values equal to Grafana's defaults (a range query unless `instant`, nothing hidden, no exemplars).
 */
function isDefaultQuerySetting(key: string, value: unknown, target: Json): boolean {
  if (key === 'editorMode') return true;
  if (key === 'range') return value === true && target.instant !== true;
  return (key === 'instant' || key === 'hide' || key === 'exemplar') && value === false;
}

function panelsOf(dashboard: Json): { panels: PanelDoc[]; rows: RowDoc[] } {
  const panels: PanelDoc[] = [];
  const rows: { title: string; order: number; collapsed: boolean; panelTitles: Set<string> }[] = [];
  let order = 0;
  const add = (p: Json, row: number): void => {
    const queries = new Map<string, { expr: string; legend: string; settings: Json }>();
    list(p.targets).forEach((t, i) => {
      // Instant or range, format, hidden, interval, data source: what the query returns.
      const settings = Object.fromEntries(
        Object.entries(t).filter(
          ([k, v]) =>
            !['expr', 'query', 'rawSql', 'legendFormat', 'refId'].includes(k) && !isDefaultQuerySetting(k, v, t),
        ),
      );
      queries.set(text(t.refId) || String.fromCharCode(65 + i), {
        expr: text(t.expr ?? t.query ?? t.rawSql),
        legend: text(t.legendFormat),
        settings,
      });
    });
    const unit = text(obj(obj(p.fieldConfig).defaults).unit);
    const thresholds = thresholdsOf(p);
    const grid = gridOf(p);
    panels.push({
      title: text(p.title),
      type: text(p.type),
      row,
      order: order++,
      ...(grid ? { grid } : {}),
      queries,
      ...(unit ? { unit } : {}),
      ...(thresholds ? { thresholds } : {}),
      settings: settingsOf(p),
    });
    rows[row]?.panelTitles.add(text(p.title));
  };
  const addRow = (title: string, collapsed: boolean): number =>
    rows.push({ title, order: order++, collapsed, panelTitles: new Set() }) - 1;
  // Panels below a row panel belong to it until the next row; a collapsed row holds its panels.
  const top = list(dashboard.panels).sort(
    (a, b) => (gridOf(a)?.y ?? 0) - (gridOf(b)?.y ?? 0) || (gridOf(a)?.x ?? 0) - (gridOf(b)?.x ?? 0),
  );
  let row = -1;
  for (const p of top) {
    if (p.type === 'row') {
      row = addRow(text(p.title), p.collapsed === true);
      for (const c of list(p.panels)) add(c, row);
      continue;
    }
    add(p, row);
  }
  for (const r of list(dashboard.rows)) {
    const i = addRow(text(r.title), r.collapse === true);
    for (const p of list(r.panels)) add(p, i);
  }
  return { panels, rows };
}

function variablesOf(dashboard: Json): VariableDoc[] {
  return list(obj(dashboard.templating).list).map((v) => {
    const q = v.query;
    const fields: Record<string, string> = {
      type: text(v.type),
      query: typeof q === 'object' && q !== null ? text((q as Json).query ?? q) : text(q),
      regex: text(v.regex),
      label: text(v.label),
      multi: text(v.multi),
      includeAll: text(v.includeAll),
      hide: text(v.hide),
    };
    return { name: text(v.name), fields };
  });
}

/** The dashboard of a file; undefined when it is not one. `folder` is the path segment after `dashboards/`. */
export function parseDashboardFile(file: string, content: string): DashboardDoc | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return undefined;
  }
  const root = obj(doc);
  const d = root.dashboard !== undefined ? obj(root.dashboard) : root;
  if (!Array.isArray(d.panels) && !Array.isArray(d.rows)) return undefined;
  const parts = file.split('/');
  const folder = parts.length > 2 ? parts.slice(1, -1).join('/') : '';
  return {
    file,
    uid: text(d.uid) || file,
    title: text(d.title),
    folder,
    ...panelsOf(d),
    settings: Object.fromEntries(Object.entries(d).filter(([k]) => !DASHBOARD_COMPARED.has(k))),
    variables: variablesOf(d),
  };
}

const VARIABLE_BEHAVIOUR = new Set(['type', 'query', 'regex']);

function panelFields(a: PanelDoc, b: PanelDoc): FieldChange[] {
  const out: FieldChange[] = [];
  const field = (name: string, x: string | undefined, y: string | undefined, impact: FieldChange['impact']): void => {
    if (x !== y)
      out.push({
        field: name,
        ...(x !== undefined ? { before: x } : {}),
        ...(y !== undefined ? { after: y } : {}),
        impact,
      });
  };
  field('type', a.type, b.type, 'presentation');
  const q = diffKeyed(a.queries, b.queries);
  for (const [ref, x, y] of q.common) {
    if (normalizeExpr(x.expr) !== normalizeExpr(y.expr)) {
      const constants = constantDeltas(x.expr, y.expr);
      out.push({
        field: `query ${ref}`,
        before: x.expr,
        after: y.expr,
        ...(constants?.length ? { note: constants.map((c) => constantText(c)).join('; '), constants } : {}),
        impact: 'behaviour',
      });
    }
    field(`legend ${ref}`, x.legend, y.legend, 'presentation');
    out.push(...settingChanges(x.settings, y.settings, `query ${ref} `, () => 'behaviour'));
  }
  for (const [ref, x] of q.removed) out.push({ field: `query ${ref}`, before: x.expr, impact: 'behaviour' });
  for (const [ref, y] of q.added) out.push({ field: `query ${ref}`, after: y.expr, impact: 'behaviour' });
  field('unit', a.unit, b.unit, 'presentation');
  field('thresholds', a.thresholds, b.thresholds, 'presentation');
  // Anything else (a renamed column, a legend moved, an override added) is named by its JSON path.
  out.push(
    ...settingChanges(a.settings, b.settings, '', (path) => (BEHAVIOUR.test(path) ? 'behaviour' : 'presentation')),
  );
  return out;
}

const gridText = (g: PanelDoc['grid']): string | undefined => (g ? `x=${g.x} y=${g.y} w=${g.w} h=${g.h}` : undefined);
const exprSet = (p: PanelDoc): Set<string> =>
  new Set([...p.queries.values()].map((q) => normalizeExpr(q.expr)).filter(Boolean));
const exprKey = (p: PanelDoc): string => [...exprSet(p)].sort().join('\n');
const PROMQL_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'atan2',
]);

/**
 * What a panel shows: the names and values its queries read (metric and label names, strings;
 * not functions, keywords, numbers or punctuation, which all queries share), else the words of
 * its text (a text panel's content).
 */
const contentWords = (p: PanelDoc): Set<string> => {
  const exprs = [...p.queries.values()].map((q) => q.expr).filter(Boolean);
  if (!exprs.length) return words(text(obj(p.settings.options).content));
  return new Set(
    exprs.flatMap((e) => {
      const ts = tokens(e);
      return ts.filter(
        (t, i) => /^["'`]/.test(t) || (/^[A-Za-z_:][\w:.]*$/.test(t) && ts[i + 1] !== '(' && !PROMQL_KEYWORDS.has(t)),
      );
    }),
  );
};

/**
 * Panel similarity (0..1) for panels no exact key paired: 0.5 × Jaccard of what it shows (the
 * names and strings its queries read, or a text panel's words) + 0.3 × Jaccard of title words + 0.1 same type + 0.1 same row.
 */
export const PANEL_THRESHOLD = 0.6;
function panelSimilarity(a: PanelDoc, b: PanelDoc, sameRow: boolean): number {
  return (
    0.5 * jaccard(contentWords(a), contentWords(b)) +
    0.3 * jaccard(words(a.title), words(b.title)) +
    (a.type === b.type ? 0.1 : 0) +
    (sameRow ? 0.1 : 0)
  );
}

/** Rows by title, else 0.5 × title words + 0.5 × the titles of their panels (threshold 0.5). */
function matchRows(a: readonly RowDoc[], b: readonly RowDoc[]): Match<RowDoc> {
  return matchEntities(a, b, {
    stages: [{ name: 'same', key: (r) => r.title }],
    similarity: (x, y) => 0.5 * jaccard(words(x.title), words(y.title)) + 0.5 * jaccard(x.panelTitles, y.panelTitles),
    threshold: 0.5,
  });
}

const within = (d: DashboardDoc, p: PanelDoc): { within?: string } =>
  d.rows[p.row] ? { within: (d.rows[p.row] as RowDoc).title } : {};

function diffPanels(a: DashboardDoc, b: DashboardDoc): EntityChange[] {
  const rows = matchRows(a.rows, b.rows);
  // A row's identity on both sides: its index before; a new row has none before.
  const rowId = new Map<RowDoc, string>();
  a.rows.forEach((r, i) => rowId.set(r, `r${i}`));
  b.rows.forEach((r, i) => rowId.set(r, `new${i}`));
  for (const p of rows.pairs) rowId.set(p.after, rowId.get(p.before) ?? '');
  const rowOf = (d: DashboardDoc, p: PanelDoc): string => {
    const r = d.rows[p.row];
    return r ? (rowId.get(r) ?? '') : 'top';
  };
  const ka = new Map(a.panels.map((p) => [p, rowOf(a, p)]));
  const kb = new Map(b.panels.map((p) => [p, rowOf(b, p)]));
  const rowKey = (p: PanelDoc): string => ka.get(p) ?? kb.get(p) ?? '';
  const m = matchEntities(a.panels, b.panels, {
    stages: [
      { name: 'same', key: (p) => `${rowKey(p)}\n${p.type}\n${p.title}\n${exprKey(p)}` },
      { name: 'same', key: (p) => `${rowKey(p)}\n${p.type}\n${p.title}` },
      { name: 'same', key: (p) => (p.title ? `${p.type}\n${p.title}` : undefined) },
      // Same queries, another title: a rename.
      { name: 'same', key: (p) => (exprKey(p) ? `${p.type}\n${exprKey(p)}` : undefined) },
    ],
    similarity: (x, y) => panelSimilarity(x, y, rowKey(x) === rowKey(y)),
    threshold: PANEL_THRESHOLD,
  });

  // Moves: the pairs that kept their relative order (a longest increasing subsequence) did not move,
  // even when an insertion above shifted them down; the others did. A panel whose position changed
  // with nothing added, removed, resized or reordered before it was moved on purpose.
  const pairs = [...m.pairs].sort((x, y) => x.before.order - y.before.order);
  const kept = longestIncreasing(pairs.map((p) => p.after.order));
  const resized = (x: PanelDoc, y: PanelDoc): boolean => x.grid?.w !== y.grid?.w || x.grid?.h !== y.grid?.h;
  const disturbed = pairs.filter((p, i) => !kept.has(i) || resized(p.before, p.after));
  const disturbedAfter = [
    ...m.added.map((p) => p.order),
    ...rows.added.map((r) => r.order),
    ...disturbed.map((p) => p.after.order),
  ];
  const disturbedBefore = [
    ...m.removed.map((p) => p.order),
    ...rows.removed.map((r) => r.order),
    ...disturbed.map((p) => p.before.order),
  ];
  const out: EntityChange[] = [];
  for (const r of rows.pairs) {
    const fields: FieldChange[] = [];
    if (r.before.title !== r.after.title)
      fields.push({ field: 'title', before: r.before.title, after: r.after.title, impact: 'presentation' });
    if (r.before.collapsed !== r.after.collapsed)
      fields.push({
        field: 'collapsed',
        before: String(r.before.collapsed),
        after: String(r.after.collapsed),
        impact: 'presentation',
      });
    if (fields.length)
      out.push(
        entity({
          entity: 'row',
          change: 'changed',
          name: r.after.title,
          within: r.after.title,
          ...(r.before.title !== r.after.title ? { from: r.before.title } : {}),
          fields,
        }),
      );
  }
  pairs.forEach(({ before: x, after: y }, i) => {
    const fields = panelFields(x, y);
    const rowChanged = rowKey(x) !== rowKey(y);
    const shifted = x.grid?.x !== y.grid?.x || x.grid?.y !== y.grid?.y;
    const quiet = !disturbedAfter.some((o) => o < y.order) && !disturbedBefore.some((o) => o < x.order);
    const moved = rowChanged || !kept.has(i) || (shifted && quiet);
    if (rowChanged)
      fields.push({
        field: 'row',
        before: a.rows[x.row]?.title ?? '(top)',
        after: b.rows[y.row]?.title ?? '(top)',
        impact: 'presentation',
      });
    if (moved || resized(x, y)) {
      const [before, after] = [gridText(x.grid), gridText(y.grid)];
      if (before !== after)
        fields.push({
          field: 'gridPos',
          ...(before ? { before } : {}),
          ...(after ? { after } : {}),
          impact: 'presentation',
        });
    }
    const contentChanged = fields.some((f) => f.field !== 'gridPos' && f.field !== 'row');
    const renamed = x.title !== y.title;
    if (!fields.length && !renamed) return;
    const change = renamed ? 'renamed' : moved && !contentChanged ? 'moved' : 'changed';
    out.push(
      entity({
        entity: 'panel',
        change,
        name: y.title,
        ...within(b, y),
        ...(renamed ? { from: x.title } : {}),
        fields,
        ...(fields.length ? {} : { impact: 'presentation' }),
      }),
    );
  });
  for (const r of rows.removed)
    out.push(entity({ entity: 'row', change: 'removed', name: r.title, within: r.title, impact: 'presentation' }));
  for (const r of rows.added)
    out.push(entity({ entity: 'row', change: 'added', name: r.title, within: r.title, impact: 'presentation' }));
  for (const x of m.removed)
    out.push(entity({ entity: 'panel', change: 'removed', name: x.title, ...within(a, x), impact: 'presentation' }));
  for (const y of m.added)
    out.push(entity({ entity: 'panel', change: 'added', name: y.title, ...within(b, y), impact: 'presentation' }));
  return out;
}

function diffVariables(a: readonly VariableDoc[], b: readonly VariableDoc[]): EntityChange[] {
  // By name; a variable under another name with the same type and query is a rename.
  const m = matchEntities(a, b, {
    stages: [
      { name: 'same', key: (v) => v.name },
      { name: 'same', key: (v) => (v.fields.query ? `${v.fields.type}\n${normalizeExpr(v.fields.query)}` : undefined) },
    ],
  });
  const out: EntityChange[] = [];
  for (const { before: x, after: y } of m.pairs) {
    const fields: FieldChange[] = [];
    for (const k of Object.keys({ ...x.fields, ...y.fields })) {
      const [p, q] = [x.fields[k] ?? '', y.fields[k] ?? ''];
      if (k === 'query' ? normalizeExpr(p) === normalizeExpr(q) : p === q) continue;
      fields.push({ field: k, before: p, after: q, impact: VARIABLE_BEHAVIOUR.has(k) ? 'behaviour' : 'presentation' });
    }
    // Variables are referenced by name in queries and URLs (`var-job=...`).
    if (x.name !== y.name)
      out.push(
        entity({ entity: 'variable', change: 'renamed', name: y.name, from: x.name, fields, impact: 'identity' }),
      );
    else if (fields.length) out.push(entity({ entity: 'variable', change: 'changed', name: y.name, fields }));
  }
  for (const x of m.removed)
    out.push(entity({ entity: 'variable', change: 'removed', name: x.name, impact: 'identity' }));
  for (const y of m.added) out.push(entity({ entity: 'variable', change: 'added', name: y.name, impact: 'behaviour' }));
  return out;
}

export function diffDashboards(before: readonly DashboardDoc[], after: readonly DashboardDoc[]): EntityChange[] {
  // By uid (the authored, stable key: links and bookmarks use it); a new uid with the same title is a rename.
  const m = matchEntities(before, after, {
    stages: [
      { name: 'same', key: (d) => d.uid },
      { name: 'renamed', key: (d) => (d.title ? d.title : undefined) },
    ],
  });
  const out: EntityChange[] = [];
  const compare = (a: DashboardDoc, b: DashboardDoc, change: 'changed' | 'renamed'): EntityChange | undefined => {
    const fields: FieldChange[] = [];
    if (a.title !== b.title) fields.push({ field: 'title', before: a.title, after: b.title, impact: 'presentation' });
    if (a.folder !== b.folder)
      fields.push({ field: 'folder', before: a.folder, after: b.folder, impact: 'presentation' });
    if (change === 'renamed') fields.push({ field: 'uid', before: a.uid, after: b.uid, impact: 'identity' });
    fields.push(...settingChanges(a.settings, b.settings));
    const children = [...diffPanels(a, b), ...diffVariables(a.variables, b.variables)];
    if (!fields.length && !children.length) return undefined;
    return entity({
      entity: 'dashboard',
      change,
      name: b.title || b.uid,
      key: b.uid,
      file: b.file,
      ...(change === 'renamed' ? { from: a.uid } : {}),
      fields,
      children,
    });
  };
  for (const p of m.pairs) {
    const c = compare(p.before, p.after, p.before.uid === p.after.uid ? 'changed' : 'renamed');
    if (c) out.push(c);
  }
  for (const a of m.removed)
    out.push(
      entity({
        entity: 'dashboard',
        change: 'removed',
        name: a.title || a.uid,
        key: a.uid,
        file: a.file,
        impact: 'identity',
      }),
    );
  for (const b of m.added) {
    out.push(
      entity({
        entity: 'dashboard',
        change: 'added',
        name: b.title || b.uid,
        key: b.uid,
        file: b.file,
        impact: 'presentation',
        children: b.panels.map((p) =>
          entity({ entity: 'panel', change: 'added', name: p.title, impact: 'presentation' }),
        ),
      }),
    );
  }
  return out.sort((x, y) => (x.file ?? '').localeCompare(y.file ?? '') || x.name.localeCompare(y.name));
}
