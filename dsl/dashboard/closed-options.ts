/**
 * The closed sets of values the dashboard options accept, as arrays: the one source of both the TS
 * types (panel-types.ts and the others take `(typeof X)[number]`, a type-only import, so authors'
 * modules do not load the Grafana SDK for them) and the run-time check `dashboard/closed-options`,
 * which catches what `tsc` would have (the build does not type-check: `stack: 'normall'` used to
 * reach out/). Sets that are the SDK's enums (named beside each) are written out, not read off the
 * enums at run time: reading them loaded the SDK's modules, about a tenth of the start-up of
 * `obs lint rules.yml`, which has no dashboard. test/dashboard/closed-options-sdk.test.ts pins each
 * to its enum, in values and in type, so an SDK upgrade that changes one fails there.
 */
// common.LegendDisplayMode without 'hidden'
export const LEGEND_MODES = ['list', 'table'] as const;
// common.LegendPlacement
export const LEGEND_PLACEMENTS = ['bottom', 'right'] as const;
// common.TooltipDisplayMode
export const TOOLTIP_MODES = ['single', 'multi', 'none'] as const;
// common.GraphDrawStyle
export const DRAW_STYLES = ['line', 'bars', 'points'] as const;
// common.StackingMode without 'none'
export const STACK_MODES = ['normal', 'percent'] as const;
// common.VisibilityMode
export const VISIBILITY_MODES = ['auto', 'never', 'always'] as const;
// common.GraphThresholdsStyleMode without 'off', 'series'
export const THRESHOLDS_STYLES = ['line', 'dashed', 'area', 'line+area', 'dashed+area'] as const;
// common.VizOrientation
export const ORIENTATIONS = ['auto', 'vertical', 'horizontal'] as const;
// common.BigValueGraphMode
export const GRAPH_MODES = ['none', 'line', 'area'] as const;
// common.BigValueColorMode
export const COLOR_MODES = ['value', 'background', 'background_solid', 'none'] as const;
// common.BigValueTextMode
export const TEXT_MODES = ['auto', 'value', 'value_and_name', 'name', 'none'] as const;
// common.BarGaugeDisplayMode
export const BAR_GAUGE_DISPLAY_MODES = ['basic', 'lcd', 'gradient'] as const;
// common.TableCellHeight
export const CELL_HEIGHTS = ['sm', 'md', 'lg', 'auto'] as const;
// piechart.PieChartType
export const PIE_TYPES = ['pie', 'donut'] as const;
// piechart.PieChartLabels
export const PIE_LABELS = ['name', 'value', 'percent'] as const;
// piechart.PieChartLegendValues
export const PIE_LEGEND_VALUES = ['value', 'percent'] as const;
// common.LogsDedupStrategy
export const LOGS_DEDUP = ['none', 'exact', 'numbers', 'signature'] as const;
export const TEXT_PANEL_MODES = ['markdown', 'html'] as const;
export const LOG_ORDERS = ['newest', 'oldest'] as const;
export const REPEAT_DIRECTIONS = ['h', 'v'] as const;
export const REDUCERS = [
  'lastNotNull',
  'last',
  'firstNotNull',
  'first',
  'min',
  'max',
  'mean',
  'median',
  'sum',
  'count',
  'range',
  'delta',
  'step',
  'diff',
  'diffperc',
  'logmin',
  'allIsZero',
  'allIsNull',
  'changeCount',
  'distinctCount',
  'variance',
  'stdDev',
  'allValues',
  'uniqueValues',
] as const;
export const DASHBOARD_TOOLTIPS = ['off', 'crosshair', 'shared'] as const;
export const LINK_ICONS = ['external link', 'dashboard', 'question', 'info', 'bolt', 'doc', 'cloud'] as const;
export const VARIABLE_REFRESH = ['load', 'time'] as const;
export const VARIABLE_SORT = [
  'none',
  'alpha',
  'alpha-desc',
  'numeric',
  'numeric-desc',
  'natural',
  'natural-desc',
] as const;
export const VARIABLE_HIDE = ['label', 'variable'] as const;
/** Field colour modes written as a string (`fixed` is written `{ fixed: colour }`). */
export const FIELD_COLOR_MODES = [
  'thresholds',
  'palette-classic',
  'palette-classic-by-name',
  'continuous-GrYlRd',
  'continuous-RdYlGr',
  'continuous-BlYlRd',
  'continuous-YlRd',
  'continuous-BlPu',
  'continuous-YlBl',
  'continuous-blues',
  'continuous-reds',
  'continuous-greens',
  'continuous-purples',
  'shades',
] as const; // dash.FieldColorModeId without 'fixed'
export const THRESHOLDS_MODES = ['absolute', 'percentage'] as const; // dash.ThresholdsMode
export const SPECIAL_VALUES = ['true', 'false', 'null', 'nan', 'null+nan', 'empty'] as const; // dash.SpecialValueMatch
/** The key that says what a value mapping matches (Grafana's mapping types). */
export const MAPPING_TYPES = ['value', 'range', 'regex', 'special'] as const; // dash.MappingType
export const FIELD_MATCHERS = ['byName', 'byRegexp', 'byType', 'byQuery'] as const;
export const FIELD_TYPES = ['number', 'string', 'time', 'boolean'] as const;
export const QUERY_MODES = ['range', 'instant', 'both'] as const;
export const QUERY_FORMATS = ['time_series', 'table', 'heatmap'] as const; // prometheus.PromQueryFormat
export const QUERY_EDITOR_MODES = ['builder', 'code'] as const; // prometheus.QueryEditorMode
export const LOKI_QUERY_MODES = ['range', 'instant'] as const;
export const TRANSFORMATION_IDS = [
  'merge',
  'organize',
  'joinByField',
  'filterFieldsByName',
  'labelsToFields',
  'sortBy',
  'limit',
  'seriesToRows',
  'reduce',
  'transpose',
  'renameByRegex',
] as const;
export const JOIN_MODES = ['outer', 'inner', 'outerTabular'] as const;
export const LABELS_TO_FIELDS_MODES = ['columns', 'rows'] as const;
export const REDUCE_TRANSFORMATION_MODES = ['seriesToRows', 'reduceFields'] as const;

/**
 * One closed option: where it sits in a spec (`[]`: each item of a list), its allowed values, whether
 * it holds a list of them, an object key that stands for a value (`color: { fixed }`), or, with
 * `key`, that the option is an object that says what it is by holding exactly one of the allowed
 * keys (an override's `match: { byName }`), beside the keys named in `key.besides`.
 */
export interface ClosedOption {
  readonly name: string;
  readonly path: readonly string[];
  readonly allowed: readonly string[];
  readonly list?: boolean;
  readonly object?: string;
  readonly key?: { readonly besides: readonly string[] };
}

interface Shape {
  readonly list?: boolean;
  readonly object?: string;
  readonly key?: { readonly besides: readonly string[] };
}

const o = (name: string, allowed: readonly string[], shape: Shape = {}): ClosedOption => ({
  name,
  path: name.split('.').flatMap((k) => (k.endsWith('[]') ? [k.slice(0, -2), '[]'] : [k])),
  allowed,
  ...shape,
});
const LIST = { list: true };

const fieldOptions = (at: string): ClosedOption[] => [
  o(`${at}color`, FIELD_COLOR_MODES, { object: 'fixed' }),
  o(`${at}thresholds.mode`, THRESHOLDS_MODES),
  o(`${at}mappings[]`, MAPPING_TYPES, { key: { besides: ['text', 'color'] } }),
  o(`${at}mappings[].special`, SPECIAL_VALUES),
];
/** The field options (of a panel, and of what its overrides set) and the overrides' matchers. */
const FIELD_OPTIONS = [
  ...fieldOptions(''),
  o('overrides[].match', FIELD_MATCHERS, { key: { besides: [] } }),
  o('overrides[].match.byType', FIELD_TYPES),
  ...fieldOptions('overrides[].set.'),
];
const PANEL_COMMON = [o('repeat.direction', REPEAT_DIRECTIONS), ...FIELD_OPTIONS];
const REDUCING = [o('reduce', REDUCERS), o('orientation', ORIENTATIONS)];
/** The legend and tooltip of the graph panels (time series, bar chart, histogram). */
const GRAPH_LEGEND = [
  o('legend.mode', LEGEND_MODES),
  o('legend.placement', LEGEND_PLACEMENTS),
  o('legend.calcs', REDUCERS, LIST),
  o('tooltip', TOOLTIP_MODES),
];

/** The closed options of each panel type. */
export const PANEL_OPTIONS: Readonly<Record<string, readonly ClosedOption[]>> = {
  timeseries: [
    ...PANEL_COMMON,
    ...GRAPH_LEGEND,
    o('drawStyle', DRAW_STYLES),
    o('stack', STACK_MODES),
    o('showPoints', VISIBILITY_MODES),
    o('thresholdsStyle', THRESHOLDS_STYLES),
  ],
  stat: [
    ...PANEL_COMMON,
    ...REDUCING,
    o('graphMode', GRAPH_MODES),
    o('colorMode', COLOR_MODES),
    o('textMode', TEXT_MODES),
  ],
  gauge: [...PANEL_COMMON, ...REDUCING],
  bargauge: [...PANEL_COMMON, ...REDUCING, o('displayMode', BAR_GAUGE_DISPLAY_MODES)],
  table: [...PANEL_COMMON, o('footer', REDUCERS, LIST), o('cellHeight', CELL_HEIGHTS)],
  heatmap: [...PANEL_COMMON],
  piechart: [
    ...PANEL_COMMON,
    ...REDUCING,
    o('pieType', PIE_TYPES),
    o('labels', PIE_LABELS, LIST),
    o('legend.mode', LEGEND_MODES),
    o('legend.placement', LEGEND_PLACEMENTS),
    o('legend.values', PIE_LEGEND_VALUES, LIST),
  ],
  barchart: [
    ...PANEL_COMMON,
    ...GRAPH_LEGEND,
    o('orientation', ORIENTATIONS),
    o('stack', STACK_MODES),
    o('showValue', VISIBILITY_MODES),
    o('thresholdsStyle', THRESHOLDS_STYLES),
  ],
  histogram: [...PANEL_COMMON, ...GRAPH_LEGEND, o('stack', STACK_MODES)],
  text: [...PANEL_COMMON, o('mode', TEXT_PANEL_MODES)],
  logs: [...PANEL_COMMON, o('order', LOG_ORDERS), o('dedup', LOGS_DEDUP)],
};

export const DASHBOARD_OPTIONS: readonly ClosedOption[] = [o('tooltip', DASHBOARD_TOOLTIPS)];
export const LINK_OPTIONS: readonly ClosedOption[] = [o('icon', LINK_ICONS)];
export const VARIABLE_OPTIONS: readonly ClosedOption[] = [
  o('refresh', VARIABLE_REFRESH),
  o('sort', VARIABLE_SORT),
  o('hide', VARIABLE_HIDE),
];

export const PROMETHEUS_QUERY_OPTIONS: readonly ClosedOption[] = [
  o('mode', QUERY_MODES),
  o('format', QUERY_FORMATS),
  o('editorMode', QUERY_EDITOR_MODES),
];
export const LOKI_QUERY_OPTIONS: readonly ClosedOption[] = [o('mode', LOKI_QUERY_MODES)];
export const TRANSFORMATION_ID: ClosedOption = o('id', TRANSFORMATION_IDS);
/** The closed options of each transformation, by id. */
export const TRANSFORMATION_OPTIONS: Readonly<Record<string, readonly ClosedOption[]>> = {
  joinByField: [o('mode', JOIN_MODES)],
  labelsToFields: [o('mode', LABELS_TO_FIELDS_MODES)],
  reduce: [o('reducers', REDUCERS, LIST), o('mode', REDUCE_TRANSFORMATION_MODES)],
};
