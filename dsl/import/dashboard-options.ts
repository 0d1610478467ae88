/**
 * A panel's visualization options and field config as the typed options of its DSL panel, for
 * `obs import dashboard`: legend, tooltip, line/fill/points/stacking/axis options, reducers, stat and
 * gauge modes, value mappings, colour and overrides. A value is typed only when the DSL emits
 * exactly it back (lists are checked by emitting them); anything else stays in `extra`, one source
 * per field.
 */
import {
  type Color,
  type ColorMode,
  type FieldMatcher,
  type OverrideProperties,
  type Reducer,
  type ValueMapping,
} from '../dashboard/index.ts';
import { FIELD_COLOR_MODES, REDUCERS as CLOSED_REDUCERS } from '../dashboard/closed-options.ts';
import { colorBuilder, overrideModel, thresholdsBuilder, valueMappings } from '../emit/dashboards-fields.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const oneOf = <T extends string>(v: unknown, values: readonly T[]): T | undefined =>
  (values as readonly unknown[]).includes(v) ? (v as T) : undefined;

/** What the DSL's `Color` type takes. */
const COLOR =
  /^(?:(?:super-light-|light-|semi-dark-|dark-)?(?:red|orange|yellow|green|blue|purple)|text|transparent|#.*|rgba?\(.*\))$/;
export const isColor = (v: unknown): v is Color => typeof v === 'string' && COLOR.test(v);

/** The reducers the DSL types (one list: dashboard/closed-options.ts, what the checks accept too). */
const REDUCERS: readonly Reducer[] = CLOSED_REDUCERS;
const COLOR_MODES = FIELD_COLOR_MODES;

/**
 * Options Grafana writes out with their default values when it saves a panel (the timeseries, stat,
 * gauge and table plugins' defaults): the same as not set.
 */
const PLUGIN_DEFAULTS: Readonly<Record<string, unknown>> = {
  axisBorderShow: false,
  axisCenteredZero: false,
  axisColorMode: 'text',
  axisPlacement: 'auto',
  axisLabel: '',
  barAlignment: 0,
  barWidthFactor: 0.6,
  gradientMode: 'none',
  hideFrom: { legend: false, tooltip: false, viz: false },
  insertNulls: false,
  lineInterpolation: 'linear',
  pointSize: 5,
  scaleDistribution: { type: 'linear' },
  stacking: { group: 'A', mode: 'none' },
  group: 'A',
  thresholdsStyle: { mode: 'off' },
  lineStyle: { fill: 'solid' },
  hideZeros: false,
  justifyMode: 'auto',
  wideLayout: true,
  showPercentChange: false,
  percentChangeColorMode: 'standard',
  sizing: 'auto',
  namePlacement: 'auto',
  valueMode: 'color',
  cellOptions: { type: 'auto' },
  inspect: false,
  align: 'auto',
  filterable: false,
  // A Prometheus query's resolution 1/1 (grafonnet-lib writes it on every target).
  intervalFactor: 1,
};

/**
 * What Grafana reads as not set: null, '', [] and {}; a `hide` of 0 or false; a variable's `current`
 * with no value (Grafana selects one on load).
 */
export function isVacuous(k: string, v: unknown): boolean {
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0))
    return true;
  if (Object.hasOwn(PLUGIN_DEFAULTS, k) && sameValue(PLUGIN_DEFAULTS[k], v)) return true;
  if (k === 'hide') return v === 0 || v === false;
  return (
    k === 'current' &&
    isObject(v) &&
    (v.value === undefined || v.value === '' || (Array.isArray(v.value) && v.value.length === 0))
  );
}

/**
 * The same value to Grafana: equal JSON, where a key one side leaves out is unset on the other
 * (`{ color: 'green' }` is the base step `{ color: 'green', value: null }`), and a value mapping's
 * `index` may be left to its position.
 */
export function sameValue(a: unknown, b: unknown, key = ''): boolean {
  if (a === b) return true;
  // PromQL ignores the whitespace around an expression (grafonnet-lib's end in a newline; the build trims them).
  if (key === 'expr' && typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  if (Array.isArray(a)) {
    // Grafana makes the first threshold step's value -Infinity (saved as null) whatever it was.
    const base = (x: unknown, i: number): unknown =>
      key === 'steps' && i === 0 && isObject(x) ? { ...x, value: null } : x;
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(base(x, i), base(b[i], i), key));
  }
  if (!isObject(a) || !isObject(b)) return false;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => {
    if (Object.hasOwn(a, k) && Object.hasOwn(b, k)) return sameValue(a[k], b[k], k);
    const [v] = Object.hasOwn(a, k) ? [a[k]] : [b[k]];
    return isVacuous(k, v) || (k === 'index' && !Object.hasOwn(a, k));
  });
}

/** The typed thresholds when they are what the DSL writes back. */
export function thresholdsSpec(t: unknown): Json | undefined {
  if (!isObject(t) || !Array.isArray(t.steps) || t.steps.length === 0) return undefined;
  const [first, ...rest] = t.steps.filter(isObject);
  if (!first || !isColor(first.color) || rest.some((s) => num(s.value) === undefined || !isColor(s.color)))
    return undefined;
  const spec = {
    ...(t.mode === 'percentage' ? { mode: 'percentage' as const } : {}),
    base: first.color,
    ...(rest.length ? { steps: rest.map((s) => ({ value: s.value as number, color: s.color as Color })) } : {}),
  };
  return sameValue({ mode: t.mode ?? 'absolute', steps: t.steps }, thresholdsBuilder(spec).build()) ? spec : undefined;
}

export function colorSpec(c: unknown): ColorMode | undefined {
  if (!isObject(c)) return undefined;
  const spec: ColorMode | undefined =
    c.mode === 'fixed' && isColor(c.fixedColor) ? { fixed: c.fixedColor } : oneOf(c.mode, COLOR_MODES);
  return spec !== undefined && sameValue(c, colorBuilder(spec).build()) ? spec : undefined;
}

function mappingSpec(m: unknown): ValueMapping | undefined {
  if (!isObject(m) || !isObject(m.options)) return undefined;
  const o = m.options;
  const result = (r: unknown): { text?: string; color?: Color } | undefined => {
    if (!isObject(r)) return undefined;
    if (r.color !== undefined && !isColor(r.color)) return undefined;
    return { ...(typeof r.text === 'string' ? { text: r.text } : {}), ...(isColor(r.color) ? { color: r.color } : {}) };
  };
  if (m.type === 'value') {
    const keys = Object.keys(o);
    const r = keys.length === 1 ? result(o[keys[0] as string]) : undefined;
    return r && keys[0] !== undefined ? { value: keys[0], ...r } : undefined;
  }
  if (m.type === 'range') {
    const r = result(o.result);
    return r
      ? {
          range: {
            ...(num(o.from) !== undefined ? { from: num(o.from) } : {}),
            ...(num(o.to) !== undefined ? { to: num(o.to) } : {}),
          },
          ...r,
        }
      : undefined;
  }
  if (m.type === 'regex' && typeof o.pattern === 'string') {
    const r = result(o.result);
    return r ? { regex: o.pattern, ...r } : undefined;
  }
  if (m.type === 'special') {
    const special = oneOf(o.match, ['null', 'nan', 'null+nan', 'true', 'false', 'empty'] as const);
    const r = result(o.result);
    return special && r ? { special, ...r } : undefined;
  }
  return undefined;
}

export function mappingsSpec(ms: unknown): ValueMapping[] | undefined {
  if (!Array.isArray(ms) || !ms.length) return undefined;
  const typed = ms.map(mappingSpec);
  if (!typed.every((m): m is ValueMapping => m !== undefined)) return undefined;
  return sameValue(ms, valueMappings(typed)) ? typed : undefined;
}

const MATCHERS: Readonly<Record<string, string>> = {
  byName: 'byName',
  byRegexp: 'byRegexp',
  byType: 'byType',
  byFrameRefID: 'byQuery',
};
const STANDARD = new Set(['displayName', 'unit', 'decimals', 'min', 'max', 'noValue']);

function overrideSpec(o: unknown): { match: FieldMatcher; set: OverrideProperties } | undefined {
  if (!isObject(o) || !isObject(o.matcher) || !Array.isArray(o.properties)) return undefined;
  const kind = MATCHERS[String(o.matcher.id)];
  if (!kind || typeof o.matcher.options !== 'string') return undefined;
  const set: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const p of o.properties) {
    if (!isObject(p) || typeof p.id !== 'string' || p.value === undefined) return undefined;
    const id = p.id;
    if (STANDARD.has(id)) set[id] = p.value;
    else if (id === 'color') set.color = colorSpec(p.value);
    else if (id === 'thresholds') set.thresholds = thresholdsSpec(p.value);
    else if (id === 'mappings') set.mappings = mappingsSpec(p.value);
    else if (id.startsWith('custom.')) custom[id.slice(7)] = p.value;
    else return undefined;
  }
  if (Object.keys(custom).length) set.custom = custom;
  const spec = { match: { [kind]: o.matcher.options } as FieldMatcher, set: set as OverrideProperties };
  // Typed only when it writes the same override back (property order, values, nothing lost).
  return sameValue(o, overrideModel(spec)) ? spec : undefined;
}

/** The overrides, typed when every one is (a partial list would be replaced whole by extra's). */
export function overridesSpec(os: unknown): Json[] | undefined {
  if (!Array.isArray(os) || !os.length) return undefined;
  const typed = os.map(overrideSpec);
  return typed.every((o) => o !== undefined) ? (typed as unknown as Json[]) : undefined;
}

export const isReducer = (v: unknown): v is Reducer => oneOf(v, REDUCERS) !== undefined;
const reducerList = (v: unknown): Reducer[] | undefined => (Array.isArray(v) && v.every(isReducer) ? v : undefined);

/** `reduce` when the reducer options are one reducer over the values' last value (what the DSL writes). */
function reduceSpec(options: Json): Json {
  const r = isObject(options.reduceOptions) ? options.reduceOptions : undefined;
  const calcs = r ? reducerList(r.calcs) : undefined;
  return calcs?.length === 1 && calcs[0] !== 'lastNotNull' && r?.values !== true ? { reduce: calcs[0] } : {};
}

const orientationSpec = (options: Json): Json => {
  const o = oneOf(options.orientation, ['auto', 'vertical', 'horizontal'] as const);
  return o ? { orientation: o } : {};
};

function legendSpec(options: Json, defaultPlacement: 'bottom' | 'right'): Json | undefined {
  const l = isObject(options.legend) ? options.legend : undefined;
  if (!l) return undefined;
  const hidden = l.showLegend === false || l.displayMode === 'hidden';
  const out: Json = {};
  if (hidden) out.show = false;
  else if (l.displayMode === 'table') out.mode = 'table';
  const placement = oneOf(l.placement, ['bottom', 'right'] as const);
  if (placement && placement !== defaultPlacement) out.placement = placement;
  const calcs = reducerList(l.calcs);
  if (calcs?.length) out.calcs = calcs;
  return Object.keys(out).length ? out : undefined;
}

const stackSpec = (stacking: unknown): 'normal' | 'percent' | undefined =>
  isObject(stacking) ? oneOf(stacking.mode, ['normal', 'percent'] as const) : undefined;

const thresholdsStyleSpec = (style: unknown): string | undefined =>
  isObject(style) ? oneOf(style.mode, ['line', 'area', 'line+area', 'dashed', 'dashed+area'] as const) : undefined;

/**
 * What the graph panels (time series, bar chart, histogram) share: legend, tooltip (left out when it
 * is the panel's default), line width, fill, axis label, soft min/max and log scale.
 */
function graphSpec(options: Json, custom: Json, tooltipDefault: 'single' | 'multi'): Json {
  const out: Json = {};
  const legend = legendSpec(options, 'bottom');
  if (legend) out.legend = legend;
  const tooltip = isObject(options.tooltip)
    ? oneOf(options.tooltip.mode, ['single', 'multi', 'none'] as const)
    : undefined;
  if (tooltip && tooltip !== tooltipDefault) out.tooltip = tooltip;
  if (num(custom.lineWidth) !== undefined) out.lineWidth = custom.lineWidth;
  if (num(custom.fillOpacity) !== undefined) out.fillOpacity = custom.fillOpacity;
  if (typeof custom.axisLabel === 'string' && custom.axisLabel !== '') out.axisLabel = custom.axisLabel;
  if (num(custom.axisSoftMin) !== undefined) out.softMin = custom.axisSoftMin;
  if (num(custom.axisSoftMax) !== undefined) out.softMax = custom.axisSoftMax;
  const scale = isObject(custom.scaleDistribution) ? custom.scaleDistribution : undefined;
  if (scale?.type === 'log' && (scale.log === 2 || scale.log === 10)) out.logScale = scale.log;
  return out;
}

/** The typed options of one panel type, read from its Grafana options and field config defaults. */
export function typedOptions(factory: string, options: Json, defaults: Json): Json {
  const custom = isObject(defaults.custom) ? defaults.custom : {};
  const out: Json = {};
  const color = colorSpec(defaults.color);
  if (color) out.color = color;
  const mappings = mappingsSpec(defaults.mappings);
  if (mappings) out.mappings = mappings;
  switch (factory) {
    case 'timeseries': {
      Object.assign(out, graphSpec(options, custom, 'multi'));
      const drawStyle = oneOf(custom.drawStyle, ['line', 'bars', 'points'] as const);
      if (drawStyle) out.drawStyle = drawStyle;
      const stack = stackSpec(custom.stacking);
      if (stack) out.stack = stack;
      const points = oneOf(custom.showPoints, ['auto', 'always', 'never'] as const);
      if (points) out.showPoints = points;
      const thresholdsStyle = thresholdsStyleSpec(custom.thresholdsStyle);
      if (thresholdsStyle) out.thresholdsStyle = thresholdsStyle;
      if (typeof custom.spanNulls === 'boolean') out.spanNulls = custom.spanNulls;
      break;
    }
    case 'barChart': {
      Object.assign(out, graphSpec(options, custom, 'single'), orientationSpec(options));
      if (typeof options.xField === 'string' && options.xField !== '') out.xField = options.xField;
      const stack = oneOf(options.stacking, ['normal', 'percent'] as const);
      if (stack) out.stack = stack;
      const showValue = oneOf(options.showValue, ['auto', 'always', 'never'] as const);
      if (showValue) out.showValue = showValue;
      for (const k of ['barWidth', 'groupWidth', 'xTickLabelRotation'] as const)
        if (num(options[k]) !== undefined) out[k] = options[k];
      const thresholdsStyle = thresholdsStyleSpec(custom.thresholdsStyle);
      if (thresholdsStyle) out.thresholdsStyle = thresholdsStyle;
      break;
    }
    case 'histogramPanel': {
      Object.assign(out, graphSpec(options, custom, 'single'));
      for (const k of ['bucketCount', 'bucketSize', 'bucketOffset'] as const)
        if (num(options[k]) !== undefined) out[k] = options[k];
      if (typeof options.combine === 'boolean') out.combine = options.combine;
      const stack = stackSpec(custom.stacking);
      if (stack) out.stack = stack;
      break;
    }
    case 'stat': {
      Object.assign(out, reduceSpec(options), orientationSpec(options));
      for (const [k, values] of [
        ['graphMode', ['none', 'area']],
        ['colorMode', ['value', 'background', 'background_solid', 'none']],
        ['textMode', ['auto', 'value', 'value_and_name', 'name', 'none']],
      ] as const) {
        const v = oneOf(options[k], values);
        if (v) out[k] = v;
      }
      break;
    }
    case 'gaugePanel':
    case 'barGauge': {
      Object.assign(out, reduceSpec(options), orientationSpec(options));
      for (const k of ['showThresholdMarkers', 'showThresholdLabels', 'showUnfilled'] as const) {
        if (typeof options[k] === 'boolean' && (factory === 'barGauge') === (k === 'showUnfilled')) out[k] = options[k];
      }
      const mode =
        factory === 'barGauge' ? oneOf(options.displayMode, ['basic', 'lcd', 'gradient'] as const) : undefined;
      if (mode) out.displayMode = mode;
      break;
    }
    case 'pieChart': {
      Object.assign(out, reduceSpec(options), orientationSpec(options));
      const pieType = oneOf(options.pieType, ['pie', 'donut'] as const);
      if (pieType) out.pieType = pieType;
      const l = isObject(options.legend) ? options.legend : undefined;
      if (l) {
        const legend: Json = {};
        if (l.showLegend === false || l.displayMode === 'hidden') legend.show = false;
        else if (l.displayMode === 'table') legend.mode = 'table';
        const placement = oneOf(l.placement, ['bottom', 'right'] as const);
        if (placement && placement !== 'right') legend.placement = placement;
        if (Array.isArray(l.values) && l.values.every((v) => v === 'value' || v === 'percent'))
          legend.values = l.values;
        if (Object.keys(legend).length) out.legend = legend;
      }
      if (
        Array.isArray(options.displayLabels) &&
        options.displayLabels.every((v) => v === 'name' || v === 'value' || v === 'percent')
      )
        out.labels = options.displayLabels;
      break;
    }
    case 'table': {
      if (typeof options.showHeader === 'boolean' && !options.showHeader) out.showHeader = false;
      const cellHeight = oneOf(options.cellHeight, ['sm', 'md', 'lg'] as const);
      if (cellHeight) out.cellHeight = cellHeight;
      break;
    }
    default:
      break;
  }
  return out;
}
