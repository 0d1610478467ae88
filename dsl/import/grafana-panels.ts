/**
 * The removed Angular panels as Grafana's panel auto-migration rewrites them when it loads a
 * dashboard, for `obs import dashboard`: a `graph` with a series x axis → `barchart` (reduce and
 * transpose transformations; `bargauge` when its legend shows values), with a histogram x axis →
 * `histogram` (changeTo*PanelMigrationHandler), other graphs → `timeseries` (graphPanelChangedHandler:
 * y axes, legend, tooltip, stacking, fill, line width, points, bars, null handling, thresholds,
 * seriesOverrides and aliasColors as field overrides), `singlestat` → `stat` or `gauge`
 * (sharedSingleStatPanelChangedHandler: reducer, unit, thresholds and colours, value and range
 * maps, sparkline, background colour, gauge), `grafana-piechart-panel` → `piechart`, and the old
 * table (`table-old`, or `table` with `styles`) → `table` (styles as overrides). What the
 * migration drops is dropped here too, and counted in a note; so is a graph's legacy `alert`
 * (Grafana 11 has no legacy alerting: such rules belong in the rule files).
 */
import { isReducer } from './dashboard-options.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What every panel keeps across a migration (PanelModel's own fields); the rest was the old plugin's. */
const PANEL_FIELDS = [
  'id',
  'type',
  'title',
  'description',
  'gridPos',
  'datasource',
  'targets',
  'links',
  'repeat',
  'repeatDirection',
  'repeatPanelId',
  'maxPerRow',
  'transparent',
  'interval',
  'maxDataPoints',
  'timeFrom',
  'timeShift',
  'hideTimeOverride',
  'transformations',
  'libraryPanel',
  'cacheTimeout',
  'queryCachingTTL',
  'pluginVersion',
] as const;

/** Kept through any migration, or bookkeeping of the old panel editor. */
const BOOKKEEPING = ['fieldConfig', 'options', 'error', 'isNew', 'editable', 'height', 'span'];

/** Old settings the migration reads; any other old setting is dropped by Grafana and counted here. */
const READ: Readonly<Record<string, ReadonlySet<string>>> = {
  graph: new Set([
    'aliasColors',
    'bars',
    'dashLength',
    'dashes',
    'fill',
    'fillGradient',
    'legend',
    'lines',
    'linewidth',
    'nullPointMode',
    'pointradius',
    'points',
    'seriesOverrides',
    'spaceLength',
    'stack',
    'steppedLine',
    'thresholds',
    'tooltip',
    'yaxes',
    'xaxis',
    'fieldConfig',
    'options',
    // Drawn the same way by the new panel, or bookkeeping.
    'renderer',
    'yaxis',
    'timeRegions',
    'hiddenSeries',
    'percentage',
    'decimals',
    'paceLength',
    'error',
    'isNew',
    'editable',
    'height',
    'span',
  ]),
  singlestat: new Set([
    'valueName',
    'format',
    'tableColumn',
    'nullPointMode',
    'nullText',
    'decimals',
    'thresholds',
    'colors',
    'valueMaps',
    'rangeMaps',
    'mappingType',
    'mappingTypes',
    'gauge',
    'sparkline',
    'colorBackground',
    'colorValue',
    'prefix',
    'postfix',
    'fieldConfig',
    'options',
    'colorPrefix',
    'colorPostfix',
    'prefixFontSize',
    'postfixFontSize',
    'valueFontSize',
    'cacheTimeout',
    'error',
    'isNew',
    'editable',
    'height',
    'span',
  ]),
  'grafana-piechart-panel': new Set([
    'aliasColors',
    'format',
    'decimals',
    'legend',
    'legendType',
    'pieType',
    'valueName',
    'strokeWidth',
    'fontSize',
    'combine',
    'breakPoint',
    'nullPointMode',
    'fieldConfig',
    'options',
    'error',
    'isNew',
    'editable',
    'height',
    'span',
  ]),
  // A graph with a series or histogram x axis: the migration reads only the x axis (and for a
  // histogram the stacking); the y axes, legend and series options are dropped by Grafana too.
  'graph-barchart': new Set(['xaxis', ...BOOKKEEPING]),
  'graph-bargauge': new Set(['xaxis', 'legend', ...BOOKKEEPING]),
  'graph-histogram': new Set(['xaxis', 'stack', 'percentage', ...BOOKKEEPING]),
  table: new Set([
    'styles',
    'transform',
    'columns',
    'sort',
    'fontSize',
    'pageSize',
    'scroll',
    'showHeader',
    'fieldConfig',
    'options',
    'error',
    'isNew',
    'editable',
    'height',
    'span',
  ]),
};

export interface PanelMigration {
  /** The panel as Grafana shows it after its migration, or the input unchanged. */
  readonly panel: Json;
  /** `graph → timeseries`, when migrated. */
  readonly migrated?: string;
  /** Old settings Grafana's migration drops too. */
  readonly dropped: readonly string[];
}

/** Which migration Grafana's auto-migration picks for a panel (autoMigrateAngular), if any. */
function migrationOf(p: Json): string | undefined {
  switch (p.type) {
    case 'graph': {
      // getPanelPluginToMigrateTo: a series x axis becomes a bar chart (a bar gauge when the legend
      // shows values), a histogram x axis a histogram, any other a time series.
      const mode = isObject(p.xaxis) ? p.xaxis.mode : undefined;
      if (mode === 'series') return isObject(p.legend) && p.legend.values ? 'graph-bargauge' : 'graph-barchart';
      if (mode === 'histogram') return 'graph-histogram';
      return 'graph';
    }
    case 'singlestat':
    case 'grafana-singlestat-panel':
      return 'singlestat';
    case 'grafana-piechart-panel':
      return 'grafana-piechart-panel';
    case 'table-old':
      return 'table';
    case 'table':
      return Array.isArray(p.styles) ? 'table' : undefined;
    default:
      return undefined;
  }
}

export function migratePanel(p: Json): PanelMigration {
  const kind = migrationOf(p);
  const migration = kind ? MIGRATIONS[kind] : undefined;
  if (!kind || !migration) return { panel: p, dropped: [] };
  const base: Json = Object.fromEntries(PANEL_FIELDS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
  // The old panel's field config (rarely set) is kept where the migration does not set its own.
  const old = isObject(p.fieldConfig) ? p.fieldConfig : {};
  const oldDefaults = isObject(old.defaults) ? old.defaults : {};
  const oldOverrides = Array.isArray(old.overrides) ? old.overrides.filter(isObject) : [];
  const read = READ[kind] ?? new Set<string>();
  const dropped = Object.keys(p).filter(
    (k) => !read.has(k) && !(PANEL_FIELDS as readonly string[]).includes(k) && p[k] !== null && p[k] !== undefined,
  );
  const { type, fieldConfig, options, transformations } = migration(p, oldDefaults, oldOverrides);
  const kept = Array.isArray(base.transformations) ? base.transformations : [];
  // The bar chart's reduce and transpose come after the panel's own transformations (it pushes them).
  const all = kind === 'graph-barchart' ? [...kept, ...(transformations ?? [])] : [...(transformations ?? []), ...kept];
  return {
    panel: {
      ...base,
      type,
      // An empty field config is none (what a bar gauge gets of a graph).
      ...(isEmptyFieldConfig(fieldConfig) ? {} : { fieldConfig }),
      options,
      ...(all.length ? { transformations: all } : {}),
    },
    migrated: `${str(p.type) ?? kind} → ${type}`,
    dropped,
  };
}

interface Migrated {
  readonly type: string;
  readonly fieldConfig: Json;
  readonly options: Json;
  readonly transformations?: readonly Json[];
}

const isEmptyFieldConfig = (f: Json): boolean =>
  (!isObject(f.defaults) || Object.keys(f.defaults).length === 0) &&
  (!Array.isArray(f.overrides) || f.overrides.length === 0);

type Migration = (p: Json, oldDefaults: Json, oldOverrides: Json[]) => Migrated;

/** What clearPropertiesBeforePluginChange keeps of the old field config: its standard (not `custom.`) options. */
function standardFieldConfig(oldDefaults: Json, oldOverrides: Json[]): { defaults: Json; overrides: Json[] } {
  const { custom: _custom, ...defaults } = oldDefaults;
  const overrides = oldOverrides.flatMap((o) => {
    const properties = Array.isArray(o.properties)
      ? o.properties.filter((q) => !(isObject(q) && typeof q.id === 'string' && q.id.startsWith('custom.')))
      : [];
    return properties.length ? [{ ...o, properties }] : [];
  });
  return { defaults, overrides };
}

/**
 * A graph with a series x axis (changeToBarChartPanelMigrationHandler): each series reduced with the
 * x axis' values (sum when none), transposed to one column per series, the `Field` axis hidden and
 * the groups full width; the y axes, legend and series options are not carried over.
 */
function fromSeriesGraph(p: Json, oldDefaults: Json, oldOverrides: Json[]): Migrated {
  const { defaults, overrides } = standardFieldConfig(oldDefaults, oldOverrides);
  const xaxis = isObject(p.xaxis) ? p.xaxis : {};
  // No values: sum. Names Grafana does not know are skipped (with a console warning); so is a
  // string, whose characters the migration walks.
  const reducers =
    xaxis.values === undefined || xaxis.values === null
      ? ['sum']
      : (Array.isArray(xaxis.values) ? xaxis.values : []).flatMap((v) =>
          typeof v === 'string' && (REDUCER[v] ?? (isReducer(v) ? v : undefined)) ? [REDUCER[v] ?? v] : [],
        );
  return {
    type: 'barchart',
    fieldConfig: {
      defaults,
      overrides: [
        ...overrides,
        { matcher: { id: 'byName', options: 'Field' }, properties: [{ id: 'custom.axisPlacement', value: 'hidden' }] },
      ],
    },
    options: { groupWidth: 1 },
    transformations: [
      { id: 'reduce', options: { reducers } },
      { id: 'transpose', options: {} },
    ],
  };
}

/** A series graph whose legend shows values: a bar gauge with its defaults (sharedSingleStatPanelChangedHandler keeps nothing of a graph). */
function fromSeriesGraphWithValues(_p: Json, oldDefaults: Json, oldOverrides: Json[]): Migrated {
  return { type: 'bargauge', fieldConfig: standardFieldConfig(oldDefaults, oldOverrides), options: {} };
}

/**
 * A graph with a histogram x axis (changeToHistogramPanelMigrationHandler): a histogram with a list
 * legend and a single tooltip, stacked when the graph was; the field config is replaced whole.
 */
function fromHistogramGraph(p: Json): Migrated {
  return {
    type: 'histogram',
    fieldConfig: {
      defaults: p.stack ? { custom: { stacking: { mode: p.percentage ? 'percent' : 'normal', group: 'A' } } } : {},
      overrides: [],
    },
    options: {
      legend: { displayMode: 'list', showLegend: true, placement: 'bottom', calcs: [] },
      tooltip: { mode: 'single', sort: 'none' },
      combine: false,
    },
  };
}

/** Grafana's reducer ids, with the names the old panels used (fieldReducers' aliases). */
const REDUCER: Readonly<Record<string, string>> = {
  avg: 'mean',
  mean: 'mean',
  current: 'lastNotNull',
  last: 'last',
  lastNotNull: 'lastNotNull',
  total: 'sum',
  sum: 'sum',
  min: 'min',
  max: 'max',
  first: 'first',
  firstNotNull: 'firstNotNull',
  delta: 'delta',
  diff: 'diff',
  range: 'range',
  count: 'count',
  median: 'median',
  diffperc: 'diffperc',
  logmin: 'logmin',
  step: 'step',
  changeCount: 'changeCount',
  distinctCount: 'distinctCount',
};

const fixedColor = (name: string, color: string, regex = false): Json => ({
  matcher: { id: regex ? 'byRegexp' : 'byName', options: name },
  properties: [{ id: 'color', value: { fixedColor: color, mode: 'fixed' } }],
});

function aliasColorOverrides(aliasColors: unknown): Json[] {
  if (!isObject(aliasColors)) return [];
  return Object.entries(aliasColors).flatMap(([alias, color]) =>
    typeof color === 'string' && color !== '' ? [fixedColor(alias, color)] : [],
  );
}

/** One old y axis as field options: unit, decimals, min, max, label, log scale, shown or not. */
function axisConfig(axis: unknown): Json {
  if (!isObject(axis)) return {};
  // Grafana writes `auto` (the default) too; left out, as the DSL leaves defaults out.
  const custom: Json = axis.show === false ? { axisPlacement: 'hidden' } : {};
  if (str(axis.label)) custom.axisLabel = axis.label;
  const log = num(axis.logBase);
  if (log === 2 || log === 10) custom.scaleDistribution = { type: 'log', log };
  return {
    ...(str(axis.format) ? { unit: axis.format } : {}),
    ...(num(axis.decimals) !== undefined ? { decimals: num(axis.decimals) } : {}),
    ...(num(axis.min) !== undefined ? { min: num(axis.min) } : {}),
    ...(num(axis.max) !== undefined ? { max: num(axis.max) } : {}),
    custom,
  };
}

function thresholdColor(t: Json): string {
  if (t.colorMode === 'warning') return 'orange';
  if (t.colorMode === 'custom') return str(t.fillColor) ?? str(t.lineColor) ?? 'red';
  return 'red';
}

/** The graph's threshold lines and areas as threshold steps (a `null` step is Grafana's -Infinity base). */
function graphThresholds(list: readonly Json[]): { steps: Json[]; style: string } | undefined {
  const sorted = list
    .filter((t) => num(t.value) !== undefined)
    .sort((a, b) => (num(a.value) ?? 0) - (num(b.value) ?? 0));
  if (!sorted.length) return undefined;
  const steps: Json[] = [];
  sorted.forEach((t, i) => {
    const next = sorted[i + 1];
    if (t.op === 'gt') steps.push({ value: num(t.value), color: thresholdColor(t) });
    if (t.op === 'lt') {
      if (!steps.length) steps.push({ value: null, color: thresholdColor(t) });
      steps.push({ value: num(t.value), color: next && next.op === 'lt' ? thresholdColor(next) : 'transparent' });
    }
  });
  if (steps.length && steps[0]?.value !== null) steps.unshift({ value: null, color: 'transparent' });
  const area = sorted.some((t) => t.fill === true);
  const line = sorted.some((t) => t.line === true);
  return { steps, style: area && line ? 'line+area' : area ? 'area' : 'line' };
}

function seriesOverride(o: Json, y1: Json, y2: Json): Json | undefined {
  const alias = str(o.alias);
  if (!alias) return undefined;
  const props: Json[] = [];
  const put = (id: string, value: unknown): void => {
    props.push({ id, value });
  };
  let dash: { fill: string; dash: number[] } | undefined;
  for (const [k, v] of Object.entries(o)) {
    switch (k) {
      case 'yaxis':
        if (v === 2) {
          for (const [key, value] of Object.entries(y2))
            if (key !== 'custom' && JSON.stringify(value) !== JSON.stringify(y1[key])) put(key, value);
          const c1 = isObject(y1.custom) ? y1.custom : {};
          for (const [key, value] of Object.entries(isObject(y2.custom) ? y2.custom : {}))
            if (JSON.stringify(value) !== JSON.stringify(c1[key])) put(`custom.${key}`, value);
          // Grafana puts the second axis on the right.
          if (!props.some((p) => p.id === 'custom.axisPlacement')) put('custom.axisPlacement', 'right');
        }
        break;
      case 'fill':
        if (num(v) !== undefined) put('custom.fillOpacity', (num(v) ?? 0) * 10);
        break;
      case 'fillBelowTo':
        put('custom.fillBelowTo', v);
        break;
      case 'fillGradient':
        if (num(v)) {
          put('custom.gradientMode', 'opacity');
          put('custom.fillOpacity', (num(v) ?? 0) * 10);
        }
        break;
      case 'points':
        put('custom.showPoints', v ? 'always' : 'never');
        break;
      case 'bars':
        put('custom.drawStyle', v ? 'bars' : 'line');
        if (v) put('custom.fillOpacity', 100);
        break;
      case 'lines':
        if (v === false) put('custom.lineWidth', 0);
        break;
      case 'linewidth':
        put('custom.lineWidth', v);
        break;
      case 'pointradius':
        if (num(v) !== undefined) put('custom.pointSize', 2 + (num(v) ?? 0) * 2);
        break;
      case 'dashes':
      case 'dashLength':
      case 'spaceLength':
        dash ??= { fill: 'solid', dash: [10, 10] };
        if (k === 'dashes') dash.fill = v ? 'dash' : 'solid';
        else dash.dash[k === 'dashLength' ? 0 : 1] = num(v) ?? 10;
        break;
      case 'stack':
        put('custom.stacking', { group: String(v), mode: v === false ? 'none' : 'normal' });
        break;
      case 'color':
        if (str(v)) put('color', { fixedColor: v, mode: 'fixed' });
        break;
      case 'transform':
        if (v === 'negative-Y') put('custom.transform', 'negative-Y');
        break;
      case 'legend':
        if (v === false) put('custom.hideFrom', { legend: true, tooltip: false, viz: false });
        break;
      case 'hiddenSeries':
        if (v === true) put('custom.hideFrom', { legend: false, tooltip: false, viz: true });
        break;
      default:
        break;
    }
  }
  if (dash) put('custom.lineStyle', dash);
  if (!props.length) return undefined;
  return {
    matcher: {
      id: alias.length > 1 && alias.startsWith('/') && alias.endsWith('/') ? 'byRegexp' : 'byName',
      options: alias,
    },
    properties: props,
  };
}

function fromGraph(p: Json, oldDefaults: Json, oldOverrides: Json[]): Migrated {
  const yaxes = Array.isArray(p.yaxes) ? p.yaxes : [];
  const y1: Json = { ...oldDefaults, ...axisConfig(yaxes[0]) };
  const y2 = axisConfig(yaxes[1]);
  const overrides: Json[] = [...oldOverrides, ...aliasColorOverrides(p.aliasColors)];
  const seriesOverrides = Array.isArray(p.seriesOverrides) ? p.seriesOverrides.filter(isObject) : [];
  for (const o of seriesOverrides) {
    const rule = seriesOverride(o, y1, y2);
    if (rule) overrides.push(rule);
  }
  const custom: Json = isObject(y1.custom) ? { ...y1.custom } : {};
  custom.drawStyle = p.bars === true ? 'bars' : p.lines === false ? 'points' : 'line';
  if (p.points === true) {
    custom.showPoints = 'always';
    if (num(p.pointradius) !== undefined) custom.pointSize = 2 + (num(p.pointradius) ?? 0) * 2;
  } else if (custom.drawStyle !== 'points') custom.showPoints = 'never';
  if (num(p.linewidth) !== undefined) custom.lineWidth = num(p.linewidth);
  if (p.dashes === true) custom.lineStyle = { fill: 'dash', dash: [num(p.dashLength) ?? 10, num(p.spaceLength) ?? 10] };
  if (seriesOverrides.some((o) => o.fillBelowTo !== undefined)) custom.fillOpacity = 35;
  else if (num(p.fill) !== undefined) custom.fillOpacity = (num(p.fill) ?? 0) * 10;
  if ((num(p.fillGradient) ?? 0) > 0) {
    custom.gradientMode = 'opacity';
    custom.fillOpacity = (num(p.fillGradient) ?? 0) * 10;
  }
  custom.spanNulls = p.nullPointMode === 'connected';
  if (p.steppedLine === true) custom.lineInterpolation = 'stepAfter';
  if (custom.drawStyle === 'bars') custom.fillOpacity = 100;
  // Group A, Grafana's default group, left out.
  if (p.stack === true) custom.stacking = { mode: p.percentage === true ? 'percent' : 'normal' };
  const defaults: Json = { ...y1, custom };
  if (p.nullPointMode === 'null as zero') defaults.nullValueMode = 'null as zero';
  const thresholds = graphThresholds(Array.isArray(p.thresholds) ? p.thresholds.filter(isObject) : []);
  if (thresholds) {
    custom.thresholdsStyle = { mode: thresholds.style };
    defaults.thresholds = { mode: 'absolute', steps: thresholds.steps };
  }
  const legend = isObject(p.legend) ? p.legend : {};
  const shown = legend.show !== false;
  const options: Json = {
    legend: {
      // In the legend's own key order, as Grafana reads them.
      calcs:
        legend.values === true
          ? Object.keys(legend)
              .filter((k) => ['min', 'max', 'avg', 'current', 'total'].includes(k) && legend[k] === true)
              .map((k) => REDUCER[k] as string)
          : [],
      displayMode: !shown ? 'hidden' : legend.alignAsTable === true ? 'table' : 'list',
      placement: legend.rightSide === true ? 'right' : 'bottom',
      showLegend: shown,
    },
    tooltip: {
      mode: isObject(p.tooltip) && p.tooltip.shared === false ? 'single' : 'multi',
      sort:
        isObject(p.tooltip) && p.tooltip.sort === 1
          ? 'asc'
          : isObject(p.tooltip) && p.tooltip.sort === 2
            ? 'desc'
            : 'none',
    },
  };
  return { type: 'timeseries', fieldConfig: { defaults, overrides }, options };
}

/** Old value and range maps (`valueMaps`, `rangeMaps`) as value mappings, in Grafana's JSON. */
function oldMappings(p: Json): Json[] {
  const out: Json[] = [];
  const result = (text: unknown): Json => ({
    index: out.length,
    text: typeof text === 'string' ? text : String(text ?? ''),
  });
  const type = num(p.mappingType) ?? 1;
  if (type === 1) {
    for (const m of Array.isArray(p.valueMaps) ? p.valueMaps.filter(isObject) : []) {
      const value = String(m.value ?? '');
      if (value === 'null') out.push({ type: 'special', options: { match: 'null', result: result(m.text) } });
      else out.push({ type: 'value', options: { [value]: result(m.text) } });
    }
  } else {
    for (const m of Array.isArray(p.rangeMaps) ? p.rangeMaps.filter(isObject) : []) {
      const from = num(m.from);
      const to = num(m.to);
      if (m.from === 'null' && m.to === 'null')
        out.push({ type: 'special', options: { match: 'null', result: result(m.text) } });
      else out.push({ type: 'range', options: { from: from ?? null, to: to ?? null, result: result(m.text) } });
    }
  }
  return out;
}

/** Old `thresholds: "80,90"` with one more colour than values as threshold steps. */
function oldThresholds(values: unknown, colors: unknown): Json | undefined {
  if (!Array.isArray(colors) || !colors.length) return undefined;
  const levels =
    typeof values === 'string'
      ? values
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
          .map(Number)
      : [];
  if (!levels.length) return undefined;
  const steps = colors
    .filter((c): c is string => typeof c === 'string')
    .slice(0, levels.length + 1)
    .map((color, i) => ({ value: i === 0 ? null : (levels[i - 1] ?? null), color }));
  return { mode: 'absolute', steps };
}

function fromSinglestat(p: Json, oldDefaults: Json, oldOverrides: Json[]): Migrated {
  const gauge = isObject(p.gauge) && p.gauge.show === true ? p.gauge : undefined;
  const defaults: Json = { ...oldDefaults };
  if (str(p.format)) defaults.unit = p.format;
  if (str(p.nullPointMode)) defaults.nullValueMode = p.nullPointMode;
  if (str(p.nullText)) defaults.noValue = p.nullText;
  if (num(p.decimals) !== undefined) defaults.decimals = num(p.decimals);
  const thresholds = oldThresholds(p.thresholds, p.colors);
  if (thresholds) defaults.thresholds = thresholds;
  const mappings = oldMappings(p);
  if (mappings.length) defaults.mappings = mappings;
  if (gauge) {
    if (num(gauge.minValue) !== undefined) defaults.min = num(gauge.minValue);
    if (num(gauge.maxValue) !== undefined) defaults.max = num(gauge.maxValue);
  }
  const reduceOptions: Json = {
    calcs: [REDUCER[str(p.valueName) ?? ''] ?? 'mean'],
    fields: str(p.tableColumn) ? `/^${p.tableColumn as string}$/` : '',
    values: false,
  };
  if (gauge) {
    return {
      type: 'gauge',
      fieldConfig: { defaults, overrides: oldOverrides },
      options: {
        orientation: 'horizontal',
        reduceOptions,
        showThresholdLabels: gauge.thresholdLabels === true,
        showThresholdMarkers: gauge.thresholdMarkers !== false,
      },
    };
  }
  const options: Json = {
    colorMode: p.colorBackground === true ? 'background' : p.colorValue === true ? 'value' : 'none',
    graphMode: isObject(p.sparkline) && p.sparkline.show === true ? 'area' : 'none',
    justifyMode: 'auto',
    orientation: 'horizontal',
    reduceOptions,
    textMode: p.valueName === 'name' ? 'name' : 'auto',
  };
  return { type: 'stat', fieldConfig: { defaults, overrides: oldOverrides }, options };
}

function fromPiechart(p: Json, oldDefaults: Json, oldOverrides: Json[]): Migrated {
  const defaults: Json = {
    ...oldDefaults,
    ...(str(p.format) ? { unit: p.format } : {}),
    decimals: num(p.decimals) ?? 0,
  };
  const legend = isObject(p.legend) ? p.legend : {};
  const values = [...(legend.values === true ? ['value'] : []), ...(legend.percentage === true ? ['percent'] : [])];
  const shown = legend.show !== false && p.legendType !== 'On graph';
  const options: Json = {
    legend: {
      calcs: [],
      displayMode: !shown ? 'hidden' : values.length ? 'table' : 'list',
      placement: p.legendType === 'Under graph' ? 'bottom' : 'right',
      showLegend: shown,
      values,
    },
    pieType: p.pieType === 'donut' ? 'donut' : 'pie',
    reduceOptions: { calcs: [REDUCER[str(p.valueName) ?? ''] ?? 'lastNotNull'], fields: '', values: false },
    ...(p.legendType === 'On graph' ? { displayLabels: ['name'] } : {}),
  };
  return {
    type: 'piechart',
    fieldConfig: { defaults, overrides: [...oldOverrides, ...aliasColorOverrides(p.aliasColors)] },
    options,
  };
}

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  graph: fromGraph,
  'graph-barchart': fromSeriesGraph,
  'graph-bargauge': fromSeriesGraphWithValues,
  'graph-histogram': fromHistogramGraph,
  singlestat: fromSinglestat,
  table: fromOldTable,
  'grafana-piechart-panel': fromPiechart,
};

const TABLE_TRANSFORM: Readonly<Record<string, string>> = {
  timeseries_to_rows: 'seriesToRows',
  timeseries_to_columns: 'seriesToColumns',
  timeseries_aggregations: 'reduce',
  table: 'merge',
};

/** One old table style as field options (the `/.*\/` style becomes the defaults). */
function styleProperties(s: Json): Json[] {
  const props: Json[] = [];
  const put = (id: string, value: unknown): void => {
    props.push({ id, value });
  };
  if (str(s.alias)) put('displayName', s.alias);
  if (s.type === 'date') put('unit', `time: ${str(s.dateFormat) ?? 'YYYY-MM-DD HH:mm:ss'}`);
  else if (s.type === 'number' && str(s.unit) && s.unit !== 'short') put('unit', s.unit);
  if (num(s.decimals) !== undefined) put('decimals', num(s.decimals));
  if (s.type === 'hidden') put('custom.hidden', true);
  if (str(s.link === true ? s.linkUrl : undefined)) {
    put('links', [
      {
        targetBlank: s.linkTargetBlank === true,
        title: str(s.linkTooltip) ?? '',
        url: String(s.linkUrl)
          .replace(/\$__cell_\d+/g, '${__data.fields[$&]}')
          .replace(/\$__cell\b/g, '${__value.text}'),
      },
    ]);
  }
  if (s.colorMode === 'cell') put('custom.cellOptions', { type: 'color-background' });
  else if (s.colorMode === 'value') put('custom.cellOptions', { type: 'color-text' });
  if (str(s.align) && s.align !== 'auto') put('custom.align', s.align);
  const thresholds = Array.isArray(s.thresholds) ? oldThresholds(s.thresholds.join(','), s.colors) : undefined;
  if (thresholds && s.colorMode) put('thresholds', thresholds);
  const mappings = oldMappings(s);
  if (mappings.length) put('mappings', mappings);
  return props;
}

function fromOldTable(p: Json, oldDefaults: Json, oldOverrides: Json[]): Migrated {
  const defaults: Json = { ...oldDefaults, custom: { align: 'auto', cellOptions: { type: 'auto' } } };
  const overrides: Json[] = [...oldOverrides];
  for (const s of Array.isArray(p.styles) ? p.styles.filter(isObject) : []) {
    const pattern = str(s.pattern);
    if (!pattern) continue;
    const props = styleProperties(s);
    if (pattern === '/.*/') {
      for (const { id, value } of props as { id: string; value: unknown }[]) {
        if (id.startsWith('custom.')) (defaults.custom as Json)[id.slice(7)] = value;
        else defaults[id] = value;
      }
    } else if (props.length)
      overrides.push({
        matcher: {
          id: pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/') ? 'byRegexp' : 'byName',
          options: pattern,
        },
        properties: props,
      });
  }
  const transform = str(p.transform);
  const id = transform ? TABLE_TRANSFORM[transform] : undefined;
  const columns = Array.isArray(p.columns) ? p.columns.filter(isObject) : [];
  const transformations = id
    ? [
        {
          id,
          options:
            id === 'reduce'
              ? { includeTimeField: false, reducers: columns.map((c) => REDUCER[str(c.value) ?? ''] ?? 'lastNotNull') }
              : {},
        },
      ]
    : [];
  const options: Json = {
    cellHeight: 'sm',
    footer: { countRows: false, fields: '', reducer: ['sum'], show: false },
    showHeader: p.showHeader !== false,
  };
  return { type: 'table', fieldConfig: { defaults, overrides }, options, transformations };
}
