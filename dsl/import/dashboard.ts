/**
 * `obs import dashboard`: a Grafana dashboard (classic JSON, as exported or as the API returns it)
 * as a TS module of the dashboard DSL. What the DSL types (titles, layout, queries, units,
 * thresholds, variables, ...) is written as typed fields; everything else the dashboard sets is
 * found by building the typed part and comparing it with the original, and written as `extra` on
 * the dashboard, panel, query or variable, so the module builds the same dashboard: every value of
 * the original is in the built JSON (test/build/import-dashboard.test.ts checks it on this
 * repository's dashboards and on UI exports). Grafana's own bookkeeping (ids, versions) is dropped.
 * Old dashboards are first migrated as Grafana migrates them on load (the rows model, Angular
 * panels, string data source references: import-grafana-grid.ts, import-grafana-panels.ts), and
 * panels are placed where Grafana's grid shows them. docs/import.md is the user's page.
 */
import { parseDocument } from 'yaml';
import { atCallSite } from '../core/call-site.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import type { Transformation } from '../dashboard/index.ts';
import { pointAt } from '../core/position.ts';
import { identifierFor } from './code/literal.ts';
import { parseDuration } from '../core/duration.ts';
import { dashboardsOf, type DashboardEntry } from '../collect/dashboards.ts';
import { lineIndex } from '../collect/line-index.ts';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../collect/json-source.ts';
import {
  barGauge,
  constantVariable,
  customVariable,
  dashboard,
  datasourceVariable,
  gauge,
  heatmap,
  intervalVariable,
  isKnownUnit,
  logs,
  pieChart,
  barChart,
  histogramPanel,
  GRID_COLUMNS,
  lokiQuery,
  overlaps,
  prometheusQuery,
  queryVariable,
  refIdAt,
  row,
  stat,
  table,
  text,
  textboxVariable,
  timeseries,
  transform,
  typedTransformation,
  type GridPos,
  type JsonObject,
} from '../dashboard/index.ts';
import { dashboardJson } from '../emit/dashboards.ts';
import { DASHBOARD_CHECKS } from '../lint/checks/dashboard/index.ts';
import { runChecks } from '../lint/engine.ts';
import { resolveTarget } from '../promql/index.ts';
import { call, isCall, writeCalls, type Call } from './code/calls.ts';
import { compactGrid, DEFAULT_GRID_POS, upgradeRows } from './grafana-grid.ts';
import { migratePanel } from './grafana-panels.ts';
import { isReducer, isVacuous, overridesSpec, sameValue, thresholdsSpec, typedOptions } from './dashboard-options.ts';

type Json = Record<string, unknown>;

const FACTORIES: Readonly<Record<string, (spec: never) => unknown>> = {
  dashboard,
  row,
  timeseries,
  stat,
  gaugePanel: gauge,
  barGauge,
  table,
  heatmap,
  pieChart,
  barChart,
  histogramPanel,
  text,
  logs,
  prometheusQuery,
  lokiQuery,
  queryVariable,
  customVariable,
  intervalVariable,
  datasourceVariable,
  constantVariable,
  textboxVariable,
};

const NAMESPACES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = { transform };

/** Panel types with a DSL factory; others are imported as a timeseries whose `extra` sets the type back. */
const PANEL_FACTORY: Readonly<Record<string, string>> = {
  timeseries: 'timeseries',
  stat: 'stat',
  gauge: 'gaugePanel',
  bargauge: 'barGauge',
  table: 'table',
  heatmap: 'heatmap',
  piechart: 'pieChart',
  barchart: 'barChart',
  histogram: 'histogramPanel',
  text: 'text',
  logs: 'logs',
};

/** Grafana's bookkeeping, not part of what a dashboard shows. */
// schemaVersion: the built JSON is in the SDK's model, and claiming an older one would make Grafana migrate it again.
const DASHBOARD_IGNORED = new Set([
  'id',
  'version',
  'iteration',
  'gnetId',
  'schemaVersion',
  '__inputs',
  '__requires',
  '__elements',
  'panels',
  'templating',
]);
// gridPos: every panel gets an explicit position within its row (where Grafana's grid shows it), so
// an absolute y from the original must not come back through extra and land a panel in another row.
const PANEL_IGNORED = new Set(['id', 'gridPos', 'targets', 'panels', 'pluginVersion', 'repeatPanelId']);
/** Query variables' options and a custom variable's are recomputed by Grafana (from the query). */
const VARIABLE_IGNORED = new Set(['options']);

export type ImportDashboardResult =
  | {
      readonly ok: true;
      readonly title: string;
      readonly uid?: string;
      /** The module, importing the authoring API from `dslImport` (which depends on where it is written). */
      moduleText(dslImport: string): string;
      /** The folder the HTTP API's `meta.folderTitle` names, if any. */
      readonly folder?: string;
      readonly panels: number;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const isDuration = (v: unknown): v is string => typeof v === 'string' && v !== '' && parseDuration(v).ok;

export function importDashboard(src: string, opts: { readonly file: string }): ImportDashboardResult {
  const fail = (message: string, hint: string, offset = 0): ImportDashboardResult => ({
    ok: false,
    diagnostics: [
      {
        checkId: 'file/format',
        severity: 'error',
        message,
        hint,
        location: { file: opts.file, ...pointAt(src, offset) },
      },
    ],
  });
  // Nested deeper than any dashboard, its panels would be dropped silently (and code walking it recurse too deep).
  const deep = jsonTooDeep(src);
  if (deep !== undefined)
    return fail(
      `the JSON nests deeper than ${MAX_JSON_DEPTH} levels; a Grafana dashboard nests about ten`,
      'export the dashboard again (Share → Export → Save to file)',
      deep,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(src.replace(/^\uFEFF/, ''));
  } catch (e) {
    // Node 20's message has no position; the yaml package (JSON is YAML) finds most mistakes' place.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    const pos = parseDocument(src).errors[0]?.linePos?.[0];
    const offset = at !== undefined ? Number(at) : pos ? lineIndex(src).offsetOf(pos.line, pos.col) : 0;
    return fail(
      `invalid JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      'export the dashboard again (Share → Export → Save to file)',
      offset,
    );
  }
  // The HTTP API wraps the model: { dashboard, meta }.
  const given = isObject(parsed) && isObject(parsed.dashboard) ? parsed.dashboard : parsed;
  if (!isObject(given) || (!Array.isArray(given.panels) && !Array.isArray(given.rows))) {
    if (isObject(given) && (given.apiVersion !== undefined || isObject(given.spec)))
      return fail(
        'this is a v2 dashboard resource; obs imports the classic JSON model',
        'export the dashboard as classic JSON (schemaVersion 39 or later)',
      );
    return fail(
      'not a Grafana dashboard: no panels',
      'give the dashboard JSON model (Share → Export), or the /api/dashboards/uid/<uid> response',
    );
  }
  const notes: string[] = [];
  noteDropped(given, notes);
  // The inputs of an export for sharing as variables of the model itself: they are compared with
  // the build like any variable, and data source references to them become variable references.
  const inputs = inputVariables(given);
  const templating = isObject(given.templating) ? given.templating : {};
  const model = migrateModel(
    inputs.length
      ? {
          ...given,
          templating: { ...templating, list: [...inputs, ...(Array.isArray(templating.list) ? templating.list : [])] },
        }
      : given,
    notes,
  );
  const folderTitle = isObject(parsed) && isObject(parsed.meta) ? str(parsed.meta.folderTitle) : undefined;
  const folder = folderTitle !== 'General' ? folderTitle : undefined;
  const spec = dashboardSpec(model, notes);
  if (folder) spec.spec.folder = folder;
  // Build the typed part, compare with the original, and keep every difference as extra.
  const built = buildJson(spec);
  addResiduals(spec, model, built, notes);
  suppressErrors(spec, notes);
  const check = buildJson(spec);
  const lost = residual(strip(model, DASHBOARD_IGNORED), strip(check, DASHBOARD_IGNORED));
  if (lost) notes.push(`not reproduced exactly: ${Object.keys(lost).join(', ')}`);
  const panels = flatPanels(model.panels).filter((p) => p.type !== 'row').length;
  const title = str(model.title);
  const moduleText = (dslImport: string): string =>
    writeCalls([{ name: exportName(title ?? 'dashboard'), value: spec }], {
      header: `// Imported by \`obs import dashboard\` from ${opts.file}; this module is now where the dashboard is defined.`,
      dslImport,
    });
  return {
    ok: true,
    moduleText,
    title: title ?? '',
    ...(str(model.uid) ? { uid: str(model.uid) } : {}),
    ...(folder ? { folder } : {}),
    panels,
    notes,
  };
}

/** What Grafana does to a dashboard when it loads it: the rows model to the grid, default positions, panel auto-migration. */
function migrateModel(model: Json, notes: string[]): Json {
  const { rows, ...rest } = model;
  const upgraded = Array.isArray(rows) && rows.length ? upgradeRows(rows, notes) : [];
  const migrated = new Map<string, number>();
  const dropped = new Map<string, number>();
  let unplaced = 0;
  let rounded = 0;
  const migrate = (p: Json): Json => {
    if (p.type === 'row')
      return { ...p, ...(Array.isArray(p.panels) ? { panels: p.panels.filter(isObject).map(migrate) } : {}) };
    const m = migratePanel(p);
    if (m.migrated) migrated.set(m.migrated, (migrated.get(m.migrated) ?? 0) + 1);
    for (const k of m.dropped) dropped.set(k, (dropped.get(k) ?? 0) + 1);
    if (!isObject(m.panel.gridPos)) {
      unplaced++;
      return { ...m.panel, gridPos: { ...DEFAULT_GRID_POS } };
    }
    const g = m.panel.gridPos;
    const whole = (v: unknown, min: number, max: number, fallback: number): number =>
      Math.min(max, Math.max(min, Math.round(num(v) ?? fallback)));
    const gridPos = {
      x: whole(g.x, 0, GRID_COLUMNS - 1, 0),
      y: whole(g.y, 0, Infinity, 0),
      w: whole(g.w, 1, GRID_COLUMNS, DEFAULT_GRID_POS.w),
      h: whole(g.h, 1, Infinity, DEFAULT_GRID_POS.h),
    };
    if ((['x', 'y', 'w', 'h'] as const).some((k) => g[k] !== gridPos[k])) rounded++;
    return { ...m.panel, gridPos };
  };
  const list = isObject(model.templating) && Array.isArray(model.templating.list) ? model.templating.list : [];
  const names = new Set(
    list
      .filter(isObject)
      .map((v) => str(v.name))
      .filter((n) => n !== undefined),
  );
  const dsRef = (ds: unknown): { datasource?: unknown } => {
    const v = typeof ds === 'string' ? /^\$\{?(\w+)\}?$/.exec(ds)?.[1] : undefined;
    return v !== undefined && names.has(v) ? { datasource: { uid: `\${${v}}` } } : {};
  };
  const withRefs = (p: Json): Json => {
    const targets = Array.isArray(p.targets)
      ? { targets: p.targets.map((t) => (isObject(t) ? { ...t, ...dsRef(t.datasource) } : t)) }
      : {};
    const nested = Array.isArray(p.panels) ? { panels: p.panels.filter(isObject).map(withRefs) } : {};
    return { ...p, ...dsRef(p.datasource), ...targets, ...nested };
  };
  const panels = [...(Array.isArray(model.panels) ? model.panels.filter(isObject) : []), ...upgraded]
    .map(migrate)
    .map(withRefs);
  if (migrated.size) {
    const list = [...migrated].map(([k, n]) => `${n} ${k}`).join(', ');
    notes.push(`Angular panels migrated as Grafana's panel auto-migration does: ${list}`);
  }
  if (dropped.size)
    notes.push(
      `settings of the old panels that Grafana's migration drops too: ${[...dropped].map(([k, n]) => `${k} (${n})`).join(', ')}`,
    );
  if (rounded)
    notes.push(`${rounded} panel(s) had a gridPos off the grid or not in whole grid units: rounded onto the grid`);
  if (unplaced)
    notes.push(
      `${unplaced} panel(s) had no gridPos: placed at Grafana's default (x 0, y 0, 6×3), where Grafana puts them, which moves the panels below`,
    );
  // A data source named by a variable in the old string form ("$datasource") as the reference
  // Grafana's schema migration makes of it; data sources named by their name stay.
  const templating = list.length
    ? {
        templating: {
          ...(model.templating as Json),
          list: list.map((v) => (isObject(v) ? { ...v, ...dsRef(v.datasource) } : v)),
        },
      }
    : {};
  return { ...rest, ...templating, panels };
}

/** Grafana's and grafana.com's bookkeeping the module does not keep, said. */
function noteDropped(model: Json, notes: string[]): void {
  const versions = flatPanels(model.panels).filter((p) => p.pluginVersion !== undefined).length;
  if (versions)
    notes.push(
      `pluginVersion of ${versions} panel(s) dropped: the build writes each panel in the current model, and Grafana migrates older ones on load`,
    );
  if (model.gnetId !== undefined && model.gnetId !== null)
    notes.push(
      `gnetId ${JSON.stringify(model.gnetId)} (the grafana.com dashboard it came from) dropped: note it in the module if you follow upstream updates`,
    );
  const inputs = Array.isArray(model.__inputs) ? model.__inputs.filter(isObject) : [];
  const asVariables = inputVariables(model).map((v) => `\${${String(v.name)}}`);
  if (asVariables.length) {
    notes.push(
      `__inputs ${asVariables.join(', ')} became hidden variables of the same name (a datasource variable picks the default data source of its type, a constant keeps the input's value), as Grafana's import fills them in: show one (hide) to choose`,
    );
  }
  const left = inputs.filter((i) => !asVariables.includes(`\${${String(i.name)}}`));
  if (left.length) {
    notes.push(
      `__inputs dropped (${left.map((i) => `\${${String(i.name)}}`).join(', ')}): provisioning does not fill them in; where the dashboard uses them, replace them with a variable or a data source uid`,
    );
  }
  if (Array.isArray(model.__requires) && model.__requires.length)
    notes.push(
      `__requires dropped (${model.__requires
        .filter(isObject)
        .map((r) => `${String(r.type)} ${String(r.id)} ${String(r.version ?? '')}`.trim())
        .join(', ')})`,
    );
}

/**
 * The `__inputs` of a dashboard exported for sharing (`${DS_PROMETHEUS}`, `${VAR_X}`) as the
 * templating variables that make those references work when provisioned: Grafana's import asks
 * for a data source (or a value) and writes it in; a variable of the input's name does that at
 * run time. Inputs a variable of the dashboard already defines are left alone.
 */
function inputVariables(model: Json): Json[] {
  const inputs = Array.isArray(model.__inputs) ? model.__inputs.filter(isObject) : [];
  const list =
    isObject(model.templating) && Array.isArray(model.templating.list) ? model.templating.list.filter(isObject) : [];
  const taken = new Set(list.map((v) => v.name));
  const { __inputs: _inputs, __requires: _requires, ...rest } = model;
  const text = JSON.stringify(rest);
  return inputs.flatMap((i): Json[] => {
    const name = str(i.name);
    if (!name || taken.has(name) || !/^[A-Za-z_]\w*$/.test(name)) return [];
    // Only inputs the dashboard uses: an unused one would be a variable nothing reads.
    if (!text.includes(`\${${name}}`) && !new RegExp(`\\$${name}\\b`).test(text)) return [];
    const label = str(i.label) ? { label: i.label } : {};
    if (i.type === 'datasource' && str(i.pluginId))
      return [{ type: 'datasource', name, ...label, query: i.pluginId, hide: 2 }];
    if (i.type === 'constant')
      return [{ type: 'constant', name, ...label, query: typeof i.value === 'string' ? i.value : '', hide: 2 }];
    return [];
  });
}

/** A constant named after the title, never one of the factories the module imports. */
function exportName(title: string): string {
  const id = identifierFor(title, 'dashboard');
  return Object.hasOwn(FACTORIES, id) || Object.hasOwn(NAMESPACES, id) ? `${id}Dashboard` : id;
}

const TOOLTIP = ['off', 'crosshair', 'shared'] as const;

function dashboardSpec(d: Json, notes: string[]): Call {
  const spec: Json = { title: str(d.title) ?? 'Untitled' };
  if (str(d.uid)) spec.uid = d.uid;
  if (str(d.description)) spec.description = d.description;
  if (Array.isArray(d.tags) && d.tags.length) spec.tags = d.tags.filter((t) => typeof t === 'string');
  if (isObject(d.time) && str(d.time.from) && str(d.time.to)) spec.time = { from: d.time.from, to: d.time.to };
  if (isDuration(d.refresh)) spec.refresh = d.refresh;
  if (str(d.timezone)) spec.timezone = d.timezone;
  if (d.editable === true) spec.editable = true;
  // Grafana's default is no shared crosshair; the DSL's is the crosshair.
  const tooltip = num(d.graphTooltip) ?? 0;
  if (TOOLTIP[tooltip]) spec.tooltip = TOOLTIP[tooltip];
  const variables = (isObject(d.templating) && Array.isArray(d.templating.list) ? d.templating.list : []).flatMap(
    (v) => {
      const c = isObject(v) ? variableCall(v) : undefined;
      if (!c)
        notes.push(
          `variable ${isObject(v) ? JSON.stringify(v.name) : '?'} of type ${isObject(v) ? JSON.stringify(v.type) : '?'} has no DSL form and was left out`,
        );
      return c ? [c] : [];
    },
  );
  if (variables.length) spec.variables = variables;
  const { top, rows, clones, overlapping, crowded } = sections(d.panels as unknown[]);
  if (crowded)
    notes.push(
      `${crowded} section(s) pile so many panels on each other that Grafana's grid compaction would take minutes: their panels were put below each other in reading order instead; check the layout`,
    );
  if (clones)
    notes.push(
      `${clones} panel(s) that Grafana repeated from another (repeatPanelId) were left out: the repeat makes them`,
    );
  if (overlapping.length) {
    notes.push(
      `${overlapping.length} panel(s) overlap another in the JSON (${overlapping
        .slice(0, 5)
        .map((t) => JSON.stringify(t))
        .join(', ')}${overlapping.length > 5 ? ', ...' : ''}): placed as Grafana's grid shows them`,
    );
  }
  if (top.length) spec.panels = top.map(placedCall);
  if (rows.length) {
    spec.rows = rows.map((r) => {
      if (
        r.json.collapsed !== true &&
        (r.json.datasource !== undefined || (Array.isArray(r.json.targets) && r.json.targets.length))
      ) {
        notes.push(
          `row ${JSON.stringify(r.json.title)}: its datasource and targets (a repeated row's query) are not kept`,
        );
      }
      return call('row', {
        title: str(r.json.title) ?? '',
        ...(r.json.collapsed === true ? { collapsed: true } : {}),
        ...(str(r.json.repeat) ? { repeat: r.json.repeat } : {}),
        panels: r.panels.map(placedCall),
      });
    });
  }
  return call('dashboard', spec);
}

/** A dashboard's panels in JSON order, each row followed by the panels it holds (collapsed). */
function flatPanels(panels: unknown): Json[] {
  const list = Array.isArray(panels) ? panels.filter(isObject) : [];
  return list.flatMap((p) =>
    p.type === 'row' ? [p, ...(Array.isArray(p.panels) ? p.panels.filter(isObject) : [])] : [p],
  );
}

interface Placed {
  readonly json: Json;
  readonly at: { readonly x: number; readonly y: number };
}
interface Section {
  readonly json: Json;
  readonly panels: Placed[];
}

/** A panel's box (its gridPos was made whole and put on the grid by `migrateModel`); a row is a full-width line. */
function box(p: Json): GridPos {
  const g = isObject(p.gridPos) ? p.gridPos : {};
  if (p.type === 'row') return { x: 0, y: num(g.y) ?? 0, w: GRID_COLUMNS, h: 1 };
  return { x: num(g.x) ?? 0, y: num(g.y) ?? 0, w: num(g.w) ?? DEFAULT_GRID_POS.w, h: num(g.h) ?? DEFAULT_GRID_POS.h };
}

const readingOrder = <T extends { at: { x: number; y: number } }>(a: T, b: T): number =>
  a.at.y - b.at.y || a.at.x - b.at.x;

/**
 * The dashboard as Grafana's grid shows it: the panels above the first row, and each row with its
 * panels (nested when collapsed, following it when open), each at the position the grid compacts it
 * to, relative to its section, in reading order. Copies Grafana made of a repeated panel are
 * dropped (the repeat makes them again).
 */
function sections(panels: readonly unknown[]): {
  top: Placed[];
  rows: Section[];
  clones: number;
  overlapping: string[];
  /** Sections too crowded to compact as Grafana does within the budget. */
  crowded: number;
} {
  let clones = 0;
  let crowded = 0;
  const compact = (boxes: readonly GridPos[]): GridPos[] => {
    const { positions, exact } = compactGrid(boxes);
    if (!exact) crowded++;
    return positions;
  };
  const keep = (p: Json): boolean => {
    if (p.repeatPanelId === undefined) return true;
    clones++;
    return false;
  };
  const shown = panels.filter(isObject).filter(keep);
  const boxes = shown.map(box);
  const overlapping = shown
    .filter(
      (p, i) =>
        p.type !== 'row' && boxes.some((b, j) => j < i && shown[j]?.type !== 'row' && overlaps(b, boxes[i] as GridPos)),
    )
    .map((p) => str(p.title) ?? '');
  const compacted = compact(boxes);
  const ordered = shown.map((json, i) => ({ json, at: compacted[i] as GridPos })).sort(readingOrder);
  const top: Placed[] = [];
  const rows: (Section & { readonly top: number })[] = [];
  for (const { json, at } of ordered) {
    if (json.type === 'row') {
      const nested = Array.isArray(json.panels) ? json.panels.filter(isObject).filter(keep) : [];
      // A collapsed row's panels are laid out anew below it when it is opened.
      const inner = compact(nested.map(box));
      rows.push({
        json,
        top: at.y + 1,
        panels:
          json.collapsed === true
            ? nested.map((p, i) => ({ json: p, at: inner[i] as GridPos })).sort(readingOrder)
            : [],
      });
      continue;
    }
    const last = rows[rows.length - 1];
    if (last) last.panels.push({ json, at: { x: at.x, y: at.y - last.top } });
    else top.push({ json, at: { x: at.x, y: at.y } });
  }
  return { top, rows, clones, overlapping, crowded };
}

/** The panel's call, its position written next to its size, as people lay panels out. */
function placedCall({ json, at }: Placed): Call {
  const c = panelCall(json);
  const { title, description, width, height, ...rest } = c.spec;
  return call(c.name, {
    title,
    ...(description !== undefined ? { description } : {}),
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    position: { x: at.x, y: at.y },
    ...rest,
  });
}

function datasourceRef(v: unknown): Json | undefined {
  if (!isObject(v) || typeof v.uid !== 'string' || v.uid.startsWith('$')) return undefined;
  return { ...(str(v.type) ? { type: v.type } : {}), uid: v.uid };
}

const isStep = (v: unknown): v is string => typeof v === 'string' && (isDuration(v) || /^\$\w+$/.test(v));
const isWhole = (v: unknown, min: number, max = Infinity): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const MIXED = '-- Mixed --';

function panelCall(p: Json): Call {
  const type = str(p.type) ?? 'timeseries';
  const targets = Array.isArray(p.targets) ? p.targets.filter(isObject) : [];
  // A panel type with no typed panel keeps its type through extra; without queries it is a text panel underneath.
  // Own keys only: a panel "type" of "constructor" is a type name, not a property of every object.
  const factory =
    (Object.hasOwn(PANEL_FACTORY, type) ? PANEL_FACTORY[type] : undefined) ?? (targets.length ? 'timeseries' : 'text');
  const spec: Json = { title: str(p.title) ?? '' };
  if (str(p.description)) spec.description = p.description;
  if (isObject(p.gridPos)) {
    if (isWhole(p.gridPos.w, 1, GRID_COLUMNS)) spec.width = p.gridPos.w;
    if (isWhole(p.gridPos.h, 1)) spec.height = p.gridPos.h;
  }
  const ds = datasourceRef(p.datasource);
  // A mixed panel's queries name their own data sources.
  if (ds && ds.uid !== MIXED) spec.datasource = ds;
  if (p.transparent === true) spec.transparent = true;
  if (str(p.repeat)) {
    spec.repeat = {
      variable: p.repeat,
      ...(p.repeatDirection === 'h' || p.repeatDirection === 'v' ? { direction: p.repeatDirection } : {}),
      ...(num(p.maxPerRow) !== undefined ? { maxPerRow: p.maxPerRow } : {}),
    };
  }
  if (isStep(p.interval)) spec.interval = p.interval;
  if (num(p.maxDataPoints) !== undefined) spec.maxDataPoints = p.maxDataPoints;
  if (isDuration(p.timeFrom)) spec.timeFrom = p.timeFrom;
  if (isDuration(p.timeShift)) spec.timeShift = p.timeShift;
  if (factory === 'text') {
    const options = isObject(p.options) ? p.options : {};
    return call('text', {
      ...spec,
      content: str(options.content) ?? '',
      ...(options.mode === 'html' ? { mode: 'html' } : {}),
    });
  }
  const loki = (t: Json): boolean =>
    isObject(t.datasource) ? t.datasource.type === 'loki' : isObject(p.datasource) && p.datasource.type === 'loki';
  // refIds A, B, C, ... in order are what the DSL assigns anyway.
  const positional = targets.every((t, i) => t.refId === refIdAt(i));
  if (factory === 'logs') return call('logs', { ...spec, queries: targets.map((t) => lokiCall(t, positional)) });
  spec.queries = targets.map((t) => (loki(t) ? lokiCall(t, positional) : promCall(t, positional)));
  const defaults = isObject(p.fieldConfig) && isObject(p.fieldConfig.defaults) ? p.fieldConfig.defaults : {};
  if (str(defaults.unit) && isKnownUnit(defaults.unit as string)) spec.unit = defaults.unit;
  for (const k of ['decimals', 'min', 'max'] as const) if (num(defaults[k]) !== undefined) spec[k] = defaults[k];
  if (str(defaults.displayName)) spec.displayName = defaults.displayName;
  if (str(defaults.noValue)) spec.noValue = defaults.noValue;
  const thresholds = thresholdsSpec(defaults.thresholds);
  if (thresholds) spec.thresholds = thresholds;
  Object.assign(spec, typedOptions(factory, isObject(p.options) ? p.options : {}, defaults));
  const overrides = isObject(p.fieldConfig) ? overridesSpec(p.fieldConfig.overrides) : undefined;
  if (overrides) spec.overrides = overrides;
  // Typed only when every one is: a partial list would be replaced whole by extra's.
  const transformations = Array.isArray(p.transformations) ? p.transformations.map(typedOrNot) : [];
  if (transformations.length && transformations.every((t) => t !== undefined))
    spec.transformations = transformations.map(transformCall);
  return call(factory, spec);
}

/** The typed transformation, when it is one the build's checks accept (a reducer Grafana knows). */
function typedOrNot(json: unknown): Transformation | undefined {
  const t = typedTransformation(json);
  return t?.id === 'reduce' && !t.reducers.every((r) => isReducer(r)) ? undefined : t;
}

/** `transform.organize({...})`: a call of the `transform` namespace's member. */
function transformCall(t: Transformation | undefined): Call {
  const { id, ...options } = t as Transformation;
  const member = `transform.${id}`;
  if (id === 'merge' || id === 'seriesToRows' || id === 'transpose') return call(member, {}, []);
  if (id === 'limit') return call(member, {}, [(options as { count: number }).count]);
  return call(member, options);
}

function promCall(t: Json, positional: boolean): Call {
  const spec: Json = { expr: str(t.expr) ?? '' };
  if (str(t.legendFormat)) spec.legend = t.legendFormat;
  if (t.instant === true && t.range === true) spec.mode = 'both';
  else if (t.instant === true) spec.mode = 'instant';
  if (t.format === 'table' || t.format === 'heatmap' || t.format === 'time_series') spec.format = t.format;
  if (isStep(t.interval)) spec.interval = t.interval;
  if (str(t.refId) && !positional) spec.refId = t.refId;
  if (t.hide === true) spec.hide = true;
  if (typeof t.exemplar === 'boolean') spec.exemplar = t.exemplar;
  if (isWhole(t.intervalFactor, 1) && t.intervalFactor !== 1) spec.intervalFactor = t.intervalFactor;
  if (t.editorMode === 'code' || t.editorMode === 'builder') spec.editorMode = t.editorMode;
  const ds = datasourceRef(t.datasource);
  if (ds) spec.datasource = ds;
  return call('prometheusQuery', spec);
}

function lokiCall(t: Json, positional: boolean): Call {
  const spec: Json = { expr: str(t.expr) ?? '' };
  if (str(t.legendFormat)) spec.legend = t.legendFormat;
  if (t.queryType === 'instant') spec.mode = 'instant';
  if (num(t.maxLines) !== undefined) spec.maxLines = t.maxLines;
  if (str(t.refId) && !positional) spec.refId = t.refId;
  if (t.hide === true) spec.hide = true;
  const ds = datasourceRef(t.datasource);
  if (ds) spec.datasource = ds;
  return call('lokiQuery', spec);
}

const SORT = [
  'none',
  'alpha',
  'alpha-desc',
  'numeric',
  'numeric-desc',
  'alpha-case',
  'alpha-case-desc',
  'natural',
  'natural-desc',
] as const;

function variableCall(v: Json): Call | undefined {
  const name = str(v.name);
  if (!name) return undefined;
  const common: Json = { name };
  if (str(v.label)) common.label = v.label;
  if (str(v.description)) common.description = v.description;
  if (v.hide === 1) common.hide = 'label';
  if (v.hide === 2) common.hide = 'variable';
  const multi: Json = {
    ...(v.multi === true ? { multi: true } : {}),
    ...(v.includeAll === true ? { includeAll: true } : {}),
    ...(str(v.allValue) ? { allValue: v.allValue } : {}),
  };
  const current = isObject(v.current) ? v.current.value : undefined;
  const def =
    typeof current === 'string' && current !== ''
      ? { default: current }
      : Array.isArray(current) && current.every((c) => typeof c === 'string') && current.length
        ? { default: current }
        : {};
  const query = isObject(v.query) ? str(v.query.query) : str(v.query);
  // The query Grafana runs; `definition` is only what its editor shows.
  switch (v.type) {
    case 'query': {
      const sort = num(v.sort) !== undefined ? SORT[v.sort as number] : undefined;
      const ds = datasourceRef(v.datasource);
      return call('queryVariable', {
        ...common,
        ...multi,
        query: query || str(v.definition) || '',
        ...(ds ? { datasource: ds } : {}),
        ...(v.refresh === 1 ? { refresh: 'load' } : v.refresh === 2 ? { refresh: 'time' } : {}),
        ...(sort && sort !== 'alpha-case' && sort !== 'alpha-case-desc' && sort !== 'none' ? { sort } : {}),
        ...(str(v.regex) ? { regex: v.regex } : {}),
        ...def,
      });
    }
    case 'custom':
      return call('customVariable', {
        ...common,
        ...multi,
        values: (query ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        ...def,
      });
    case 'interval': {
      const values = (query ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(isDuration);
      // Grafana's defaults: 30 steps of at least 10s.
      const steps = num(v.auto_count) !== undefined && v.auto_count !== 30 ? { steps: v.auto_count } : {};
      const min = isDuration(v.auto_min) && v.auto_min !== '10s' ? { min: v.auto_min } : {};
      const auto =
        v.auto !== true
          ? {}
          : Object.keys({ ...steps, ...min }).length
            ? { auto: { ...steps, ...min } }
            : { auto: true };
      return call('intervalVariable', { ...common, values, ...auto });
    }
    case 'datasource':
      return call('datasourceVariable', {
        ...common,
        ...multi,
        plugin: query || 'prometheus',
        ...(str(v.regex) ? { regex: v.regex } : {}),
      });
    case 'constant':
      return call('constantVariable', { ...common, value: query ?? '' });
    case 'textbox':
      return call('textboxVariable', { ...common, ...(query ? { default: query } : {}) });
    default:
      return undefined;
  }
}

/** The DSL value a call tree makes, with the real factories. */
function realize(v: unknown): unknown {
  if (isCall(v)) {
    const [ns, member] = v.name.split('.');
    const f = (member !== undefined ? (NAMESPACES[ns ?? ''] ?? {})[member] : FACTORIES[v.name]) as (
      ...args: unknown[]
    ) => unknown;
    return v.args ? f(...v.args.map(realize)) : f(realize(v.spec));
  }
  if (Array.isArray(v)) return v.map(realize);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, realize(x)]));
  return v;
}

/**
 * What Grafana shows as is but the build's checks refuse (an empty title, a query of another data
 * source, a unit Grafana does not know, ...) is suppressed on the imported dashboard, per check and
 * said, so the module builds; the author fixes them and removes the suppressions.
 */
function suppressErrors(spec: Call, notes: string[]): void {
  const entries = entriesOf(spec);
  const project = { root: process.cwd(), modules: [], diagnostics: [], dashboards: entries };
  const options = { target: resolveTarget(undefined), policy: { requiredAlertLabels: {}, requiredAnnotations: [] } };
  const errors = runChecks(project, DASHBOARD_CHECKS, options).diagnostics.filter((d) => d.severity === 'error');
  const checks = [...new Set(errors.map((d) => d.checkId))].sort();
  if (!checks.length) return;
  spec.spec.suppress = checks.map((check) => ({
    check,
    reason: 'imported as is: fix what this check reports, then remove this line',
  }));
  for (const check of checks)
    notes.push(
      `${errors.filter((d) => d.checkId === check).length} error(s) of ${check} suppressed on the dashboard (Grafana shows them as they are): fix them, then remove the suppression`,
    );
}

/**
 * The dashboard a call tree makes, as the build collects it. Built only to compare and check: where
 * the definitions were made does not matter, and capturing each one's stack would cost.
 */
function entriesOf(spec: Call): DashboardEntry[] {
  return dashboardsOf('dashboards/imported.ts', { imported: atCallSite(undefined, () => realize(spec)) });
}

function buildJson(spec: Call): Json {
  const entries = entriesOf(spec);
  const entry = entries[0];
  return entry ? dashboardJson(entry, entries) : {};
}

function strip(j: Json, ignored: ReadonlySet<string>): Json {
  return Object.fromEntries(Object.entries(j).filter(([k]) => !ignored.has(k)));
}

/** What `original` sets that `built` does not have (deeply for objects; arrays and values whole). */
function residual(original: Json, built: Json | undefined): JsonObject | undefined {
  const out: Json = {};
  for (const [k, v] of Object.entries(original)) {
    const b = built?.[k];
    if (sameValue(v, b, k)) continue;
    if (isObject(v) && isObject(b)) {
      const r = residual(v, b);
      if (r) out[k] = r;
    } else if (v !== undefined && !(b === undefined && isVacuous(k, v))) out[k] = v;
  }
  return Object.keys(out).length ? (out as JsonObject) : undefined;
}

/**
 * A Prometheus query variable's query in Grafana 10's object form (`{ query, refId, qryType }`) is
 * what Grafana makes of the query text itself: the typed `query` is the one source of it.
 */
function objectQueryIsTyped(o: Json, c: Call): boolean {
  if (!isObject(o.query) || typeof o.query.query !== 'string') return false;
  const extraKeys = Object.keys(o.query).filter((k) => !['query', 'refId', 'qryType'].includes(k));
  return extraKeys.length === 0 && o.query.query === c.spec.query;
}

/** Sets `extra` on the dashboard, each panel, query and variable to what the built JSON misses. */
function addResiduals(spec: Call, original: Json, built: Json, notes: string[]): void {
  const d = spec.spec;
  const top = residual(strip(original, DASHBOARD_IGNORED), strip(built, DASHBOARD_IGNORED));
  if (top) d.extra = top;
  // In the order the calls were made: top panels, then each row and its panels, by grid position.
  const { top: origTop, rows: origRows } = sections(original.panels as unknown[]);
  const origFlat = [
    ...origTop.map((p) => p.json),
    ...origRows.flatMap((r) => [r.json, ...r.panels.map((p) => p.json)]),
  ];
  const builtFlat = flatPanels(built.panels);
  // Panels are numbered anew; queries that read another panel's data (-- Dashboard --) follow.
  const newId = new Map<unknown, unknown>(origFlat.map((o, i) => [o.id, builtFlat[i]?.id]));
  const calls = [
    ...((d.panels as Call[] | undefined) ?? []),
    ...((d.rows as Call[] | undefined) ?? []).flatMap((r) => [r, ...(r.spec.panels as Call[])]),
  ];
  calls.forEach((c, i) => {
    const o = origFlat[i];
    const b = builtFlat[i];
    if (!o) return;
    if (c.name === 'row') {
      const r = residual(
        strip(o, new Set([...PANEL_IGNORED, 'collapsed'])),
        b ? strip(b, new Set([...PANEL_IGNORED, 'collapsed'])) : undefined,
      );
      if (r)
        notes.push(`row ${JSON.stringify(o.title)}: ${Object.keys(r).join(', ')} not reproduced (rows take no extra)`);
      return;
    }
    const r = residual(strip(o, PANEL_IGNORED), b ? strip(b, PANEL_IGNORED) : undefined);
    if (r) c.spec.extra = r;
    if (!Object.hasOwn(PANEL_FACTORY, str(o.type) ?? ''))
      notes.push(
        `panel ${JSON.stringify(o.title)}: type ${JSON.stringify(o.type)} has no typed DSL panel; imported as ${c.name} with extra.type`,
      );
    const targets = Array.isArray(o.targets) ? o.targets.filter(isObject) : [];
    const builtTargets = b && Array.isArray(b.targets) ? b.targets.filter(isObject) : [];
    ((c.spec.queries as Call[] | undefined) ?? []).forEach((q, j) => {
      const t = targets[j];
      if (!t) return;
      const tr = residual(t, builtTargets[j]);
      if (tr && newId.has(tr.panelId)) q.spec.extra = { ...tr, panelId: newId.get(tr.panelId) as number };
      else if (tr) q.spec.extra = tr;
    });
  });
  const vars =
    isObject(original.templating) && Array.isArray(original.templating.list)
      ? original.templating.list.filter(isObject)
      : [];
  const builtVars =
    isObject(built.templating) && Array.isArray(built.templating.list) ? built.templating.list.filter(isObject) : [];
  const imported = vars.filter((v) => variableCall(v) !== undefined);
  ((d.variables as Call[] | undefined) ?? []).forEach((c, i) => {
    const o = imported[i];
    if (!o) return;
    const r = residual(
      strip(o, objectQueryIsTyped(o, c) ? new Set([...VARIABLE_IGNORED, 'query']) : VARIABLE_IGNORED),
      builtVars[i],
    );
    if (r) c.spec.extra = r;
  });
}
