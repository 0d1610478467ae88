/**
 * Grafana dashboards (the classic JSON model, `out/dashboards/<folder>/<uid>.json`) diffed by uid,
 * their panels by id (title when there is none), queries by refId, variables by name. Layout is
 * compared by grid position and containing row; queries as PromQL tokens.
 */
import { constantChanges, normalizeExpr } from './expr.ts';
import { diffKeyed, uniqueKeys } from './keyed.ts';
import { entity, type EntityChange, type FieldChange } from './model.ts';

type Json = Record<string, unknown>;

interface PanelDoc {
  readonly key: string;
  readonly title: string;
  readonly type: string;
  readonly row: string;
  readonly grid?: { x: number; y: number; w: number; h: number };
  readonly queries: ReadonlyMap<string, { expr: string; legend: string; settings: Json }>;
  readonly unit?: string;
  readonly thresholds?: string;
  /** Everything else the panel sets (options, field config, overrides, transformations, links, ...). */
  readonly settings: Json;
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
  readonly panels: ReadonlyMap<string, PanelDoc>;
  readonly variables: ReadonlyMap<string, VariableDoc>;
  /** Everything else the dashboard sets (time, refresh, links, annotations, ...). */
  readonly settings: Json;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

function gridOf(p: Json): PanelDoc['grid'] {
  const g = obj(p.gridPos);
  const n = (k: string): number => (typeof g[k] === 'number' ? (g[k] as number) : 0);
  return p.gridPos === undefined ? undefined : { x: n('x'), y: n('y'), w: n('w'), h: n('h') };
}

function thresholdsOf(p: Json): string | undefined {
  const t = obj(obj(obj(p.fieldConfig).defaults).thresholds);
  if (!Array.isArray(t.steps)) return undefined;
  const steps = list(t.steps).map((s) => `${s.value === null || s.value === undefined ? 'base' : text(s.value)}:${text(s.color)}`);
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
function changedPaths(a: unknown, b: unknown, path: string, out: [string, unknown, unknown][]): void {
  const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) changedPaths(a[k], b[k], path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => changedPaths(x, b[i], `${path}[${i}]`, out));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push([path, a, b]);
}

// schemaVersion: the model version the SDK writes, not a setting of the dashboard.
const DASHBOARD_COMPARED = new Set(['id', 'uid', 'title', 'panels', 'rows', 'templating', 'version', 'iteration', 'schemaVersion']);

const MAX_SETTINGS = 6;

/** Changed settings by JSON path: the first few, then how many more. */
function settingChanges(a: Json, b: Json, prefix = '', impactOf: (path: string) => FieldChange['impact'] = () => 'presentation'): FieldChange[] {
  const paths: [string, unknown, unknown][] = [];
  changedPaths(a, b, '', paths);
  const out: FieldChange[] = paths.slice(0, MAX_SETTINGS).map(([path, x, y]) => {
    const [before, after] = [short(x), short(y)];
    return { field: `${prefix}${path}`, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), impact: impactOf(path) };
  });
  if (paths.length > MAX_SETTINGS) out.push({ field: `${prefix}${paths.length - MAX_SETTINGS} more settings`, impact: 'presentation' });
  return out;
}
const short = (v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  const t = typeof v === 'string' ? v : JSON.stringify(v);
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
};

function panelsOf(dashboard: Json): PanelDoc[] {
  const out: Omit<PanelDoc, 'key'>[] = [];
  const ids: (number | undefined)[] = [];
  const add = (p: Json, row: string): void => {
    const queries = new Map<string, { expr: string; legend: string; settings: Json }>();
    list(p.targets).forEach((t, i) => {
      // Instant or range, format, hidden, interval, data source: what the query returns.
      const settings = Object.fromEntries(Object.entries(t).filter(([k]) => !['expr', 'query', 'rawSql', 'legendFormat', 'refId'].includes(k)));
      queries.set(text(t.refId) || String.fromCharCode(65 + i), { expr: text(t.expr ?? t.query ?? t.rawSql), legend: text(t.legendFormat), settings });
    });
    const unit = text(obj(obj(p.fieldConfig).defaults).unit);
    const thresholds = thresholdsOf(p);
    const grid = gridOf(p);
    out.push({ title: text(p.title), type: text(p.type), row, ...(grid ? { grid } : {}), queries, ...(unit ? { unit } : {}), ...(thresholds ? { thresholds } : {}), settings: settingsOf(p) });
    ids.push(typeof p.id === 'number' ? p.id : undefined);
  };
  // Panels below a row panel belong to it until the next row; a collapsed row holds its panels.
  const top = list(dashboard.panels).sort((a, b) => (gridOf(a)?.y ?? 0) - (gridOf(b)?.y ?? 0) || (gridOf(a)?.x ?? 0) - (gridOf(b)?.x ?? 0));
  let row = '';
  for (const p of top) {
    if (p.type === 'row') {
      row = text(p.title);
      for (const c of list(p.panels)) add(c, row);
      continue;
    }
    add(p, row);
  }
  for (const r of list(dashboard.rows)) for (const p of list(r.panels)) add(p, text(r.title));
  const keyed = uniqueKeys(out.map((p, i) => ({ p, id: ids[i] })), ({ p, id }) => (id !== undefined ? `id ${id}` : `title ${p.title}`));
  return [...keyed].map(([key, { p }]) => ({ ...p, key }));
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
    file, uid: text(d.uid) || file, title: text(d.title), folder,
    panels: new Map(panelsOf(d).map((p) => [p.key, p])),
    settings: Object.fromEntries(Object.entries(d).filter(([k]) => !DASHBOARD_COMPARED.has(k))),
    variables: uniqueKeys(variablesOf(d), (v) => v.name),
  };
}

const VARIABLE_BEHAVIOUR = new Set(['type', 'query', 'regex']);

function panelFields(a: PanelDoc, b: PanelDoc): FieldChange[] {
  const out: FieldChange[] = [];
  const field = (name: string, x: string | undefined, y: string | undefined, impact: FieldChange['impact']): void => {
    if (x !== y) out.push({ field: name, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}), impact });
  };
  field('title', a.title, b.title, 'presentation');
  field('type', a.type, b.type, 'presentation');
  const q = diffKeyed(a.queries, b.queries);
  for (const [ref, x, y] of q.common) {
    if (normalizeExpr(x.expr) !== normalizeExpr(y.expr)) {
      const notes = constantChanges(x.expr, y.expr);
      out.push({ field: `query ${ref}`, before: x.expr, after: y.expr, ...(notes?.length ? { note: notes.join('; ') } : {}), impact: 'behaviour' });
    }
    field(`legend ${ref}`, x.legend, y.legend, 'presentation');
    out.push(...settingChanges(x.settings, y.settings, `query ${ref} `, () => 'behaviour'));
  }
  for (const [ref, x] of q.removed) out.push({ field: `query ${ref}`, before: x.expr, impact: 'behaviour' });
  for (const [ref, y] of q.added) out.push({ field: `query ${ref}`, after: y.expr, impact: 'behaviour' });
  field('unit', a.unit, b.unit, 'presentation');
  field('thresholds', a.thresholds, b.thresholds, 'presentation');
  // Anything else (a renamed column, a legend moved, an override added) is named by its JSON path.
  out.push(...settingChanges(a.settings, b.settings, '', (path) => (BEHAVIOUR.test(path) ? 'behaviour' : 'presentation')));
  return out;
}

const gridText = (g: PanelDoc['grid']): string | undefined => (g ? `x=${g.x} y=${g.y} w=${g.w} h=${g.h}` : undefined);

function diffPanels(a: ReadonlyMap<string, PanelDoc>, b: ReadonlyMap<string, PanelDoc>): EntityChange[] {
  const d = diffKeyed(a, b);
  const out: EntityChange[] = [];
  for (const [, x, y] of d.common) {
    const fields = panelFields(x, y);
    const moved = x.row !== y.row || x.grid?.x !== y.grid?.x || x.grid?.y !== y.grid?.y;
    const resized = x.grid?.w !== y.grid?.w || x.grid?.h !== y.grid?.h;
    if (x.row !== y.row) fields.push({ field: 'row', before: x.row || '(top)', after: y.row || '(top)', impact: 'presentation' });
    if (moved || resized) {
      const [before, after] = [gridText(x.grid), gridText(y.grid)];
      fields.push({ field: 'gridPos', ...(before ? { before } : {}), ...(after ? { after } : {}), impact: 'presentation' });
    }
    const contentChanged = fields.some((f) => f.field !== 'gridPos' && f.field !== 'row');
    if (fields.length) out.push(entity({ entity: 'panel', change: moved && !contentChanged ? 'moved' : 'changed', name: y.title, fields }));
  }
  for (const [, x] of d.removed) out.push(entity({ entity: 'panel', change: 'removed', name: x.title, impact: 'presentation' }));
  for (const [, y] of d.added) out.push(entity({ entity: 'panel', change: 'added', name: y.title, impact: 'presentation' }));
  return out;
}

function diffVariables(a: ReadonlyMap<string, VariableDoc>, b: ReadonlyMap<string, VariableDoc>): EntityChange[] {
  const d = diffKeyed(a, b);
  const out: EntityChange[] = [];
  for (const [, x, y] of d.common) {
    const fields: FieldChange[] = [];
    for (const k of Object.keys({ ...x.fields, ...y.fields })) {
      const [p, q] = [x.fields[k] ?? '', y.fields[k] ?? ''];
      if (k === 'query' ? normalizeExpr(p) === normalizeExpr(q) : p === q) continue;
      fields.push({ field: k, before: p, after: q, impact: VARIABLE_BEHAVIOUR.has(k) ? 'behaviour' : 'presentation' });
    }
    if (fields.length) out.push(entity({ entity: 'variable', change: 'changed', name: y.name, fields }));
  }
  // Variables are referenced by name in queries and URLs (`var-job=...`).
  for (const [, x] of d.removed) out.push(entity({ entity: 'variable', change: 'removed', name: x.name, impact: 'identity' }));
  for (const [, y] of d.added) out.push(entity({ entity: 'variable', change: 'added', name: y.name, impact: 'behaviour' }));
  return out;
}

export function diffDashboards(before: readonly DashboardDoc[], after: readonly DashboardDoc[]): EntityChange[] {
  const d = diffKeyed(uniqueKeys(before, (x) => x.uid), uniqueKeys(after, (x) => x.uid));
  const out: EntityChange[] = [];
  const compare = (a: DashboardDoc, b: DashboardDoc, change: 'changed' | 'renamed'): EntityChange | undefined => {
    const fields: FieldChange[] = [];
    if (a.title !== b.title) fields.push({ field: 'title', before: a.title, after: b.title, impact: 'presentation' });
    if (a.folder !== b.folder) fields.push({ field: 'folder', before: a.folder, after: b.folder, impact: 'presentation' });
    if (change === 'renamed') fields.push({ field: 'uid', before: a.uid, after: b.uid, impact: 'identity' });
    fields.push(...settingChanges(a.settings, b.settings));
    const children = [...diffPanels(a.panels, b.panels), ...diffVariables(a.variables, b.variables)];
    if (!fields.length && !children.length) return undefined;
    return entity({ entity: 'dashboard', change, name: b.title || b.uid, file: b.file, ...(change === 'renamed' ? { from: a.uid } : {}), fields, children });
  };
  for (const [, a, b] of d.common) {
    const c = compare(a, b, 'changed');
    if (c) out.push(c);
  }
  const added = [...d.added];
  for (const [, a] of d.removed) {
    // A new uid on a dashboard with the same title: links and bookmarks to the old uid break.
    const i = added.findIndex(([, b]) => b.title === a.title && a.title !== '');
    if (i >= 0) {
      const [[, b]] = added.splice(i, 1) as [[string, DashboardDoc]];
      const c = compare(a, b, 'renamed');
      if (c) out.push(c);
      continue;
    }
    out.push(entity({ entity: 'dashboard', change: 'removed', name: a.title || a.uid, file: a.file, impact: 'identity' }));
  }
  for (const [, b] of added) {
    out.push(entity({ entity: 'dashboard', change: 'added', name: b.title || b.uid, file: b.file, impact: 'presentation', children: [...b.panels.values()].map((p) => entity({ entity: 'panel', change: 'added', name: p.title, impact: 'presentation' })) }));
  }
  return out.sort((x, y) => (x.file ?? '').localeCompare(y.file ?? '') || x.name.localeCompare(y.name));
}
