/** Panels (one type per visualization, options typed from the SDK's enums) and rows. */
import type * as C from './closed-options.ts';
import type { Duration } from '../core/duration.ts';
import type { DatasourceRef, Extra, Stamped, Suppression } from './base-types.ts';
import type { FieldOptions, Override, Reducer } from './field-types.ts';
import type { LokiQuery, Query, QueryInput, Step } from './query-types.ts';
import type { Transformation } from './transformation-types.ts';
import type { Link } from './link-types.ts';
import type { Unit } from './units.ts';

/** Width in grid columns; Grafana's grid has 24. */
export type GridWidth =
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24;

export interface Repeat {
  /** The variable whose values get one panel (or row) each. */
  readonly variable: string;
  readonly direction?: (typeof C.REPEAT_DIRECTIONS)[number];
  readonly maxPerRow?: number;
}

export interface PanelCommon extends Extra {
  readonly title: string;
  readonly description?: string;
  readonly width?: GridWidth;
  /** Height in grid units (one is 30px). */
  readonly height?: number;
  /** An explicit position (x column, y row within the section); without it the panel is flowed. */
  readonly position?: { readonly x: number; readonly y: number };
  readonly datasource?: DatasourceRef;
  readonly links?: readonly Link[];
  readonly repeat?: Repeat;
  readonly transparent?: boolean;
  /** Minimum query step for the panel's queries. */
  readonly interval?: Step;
  readonly maxDataPoints?: number;
  readonly timeFrom?: Duration;
  readonly timeShift?: Duration;
  readonly suppress?: readonly Suppression[];
}

interface DataPanelSpec extends PanelCommon, FieldOptions {
  readonly queries: readonly QueryInput[];
  readonly overrides?: readonly Override[];
  /** Applied in order to the queries' results: `[transform.merge(), transform.organize({...})]`. */
  readonly transformations?: readonly Transformation[];
}

export interface LegendOptions {
  /** Default true (the SDK's default hides it). */
  readonly show?: boolean;
  readonly mode?: (typeof C.LEGEND_MODES)[number];
  readonly placement?: (typeof C.LEGEND_PLACEMENTS)[number];
  readonly calcs?: readonly Reducer[];
}

export interface TimeseriesSpec extends DataPanelSpec, AxisSpec {
  readonly legend?: LegendOptions;
  readonly tooltip?: (typeof C.TOOLTIP_MODES)[number];
  readonly drawStyle?: (typeof C.DRAW_STYLES)[number];
  readonly lineWidth?: number;
  readonly fillOpacity?: number;
  readonly stack?: (typeof C.STACK_MODES)[number];
  readonly showPoints?: (typeof C.VISIBILITY_MODES)[number];
  /** Draw the thresholds on the graph. */
  readonly thresholdsStyle?: (typeof C.THRESHOLDS_STYLES)[number];
  readonly spanNulls?: boolean;
}

interface ReducingSpec {
  /** How a series becomes one value (default `lastNotNull`). */
  readonly reduce?: Reducer;
  readonly orientation?: (typeof C.ORIENTATIONS)[number];
}

export interface StatSpec extends DataPanelSpec, ReducingSpec {
  readonly graphMode?: (typeof C.GRAPH_MODES)[number];
  readonly colorMode?: (typeof C.COLOR_MODES)[number];
  readonly textMode?: (typeof C.TEXT_MODES)[number];
}

export interface GaugeSpec extends DataPanelSpec, ReducingSpec {
  readonly showThresholdMarkers?: boolean;
  readonly showThresholdLabels?: boolean;
}

export interface BarGaugeSpec extends DataPanelSpec, ReducingSpec {
  readonly displayMode?: (typeof C.BAR_GAUGE_DISPLAY_MODES)[number];
  readonly showUnfilled?: boolean;
}

export interface TableSpec extends DataPanelSpec {
  readonly showHeader?: boolean;
  readonly sortBy?: readonly { readonly column: string; readonly desc?: boolean }[];
  /** Reducers shown in a footer row. */
  readonly footer?: readonly Reducer[];
  readonly cellHeight?: (typeof C.CELL_HEIGHTS)[number];
}

export interface HeatmapSpec extends DataPanelSpec {
  /** Let Grafana bucket raw series; leave false for Prometheus histograms (`format: 'heatmap'`). */
  readonly calculate?: boolean;
  /** Colour scheme name, e.g. `Oranges`, `Spectral`. */
  readonly scheme?: string;
  /** Unit of the cell values (`unit` is the y axis, the bucket bounds). */
  readonly cellUnit?: Unit;
  readonly showLegend?: boolean;
}

export interface PieChartSpec extends DataPanelSpec, ReducingSpec {
  readonly pieType?: (typeof C.PIE_TYPES)[number];
  /** What each slice shows (default: nothing). */
  readonly labels?: readonly (typeof C.PIE_LABELS)[number][];
  /** Default shown, at the right, with each slice's percentage. */
  readonly legend?: {
    readonly show?: boolean;
    /** A list (default), or a table with the values in columns. */
    readonly mode?: (typeof C.LEGEND_MODES)[number];
    readonly placement?: (typeof C.LEGEND_PLACEMENTS)[number];
    readonly values?: readonly (typeof C.PIE_LEGEND_VALUES)[number][];
  };
}

/** The axis options the bar chart and the histogram share with the time series. */
interface AxisSpec {
  readonly axisLabel?: string;
  readonly softMin?: number;
  readonly softMax?: number;
  readonly logScale?: 2 | 10;
}

/**
 * Categories as bars: one bar per row of the x field (a string field, e.g. after a `reduce`
 * transformation of the series), a bar per number field in each group.
 */
export interface BarChartSpec extends DataPanelSpec, AxisSpec {
  readonly legend?: LegendOptions;
  /** Default `single`. */
  readonly tooltip?: (typeof C.TOOLTIP_MODES)[number];
  /** The field whose values label the bars (default: the first string field). */
  readonly xField?: string;
  /** Default `auto` (horizontal bars when the panel is taller than wide). */
  readonly orientation?: (typeof C.ORIENTATIONS)[number];
  readonly stack?: (typeof C.STACK_MODES)[number];
  /** Values written on the bars (default `auto`: when they fit). */
  readonly showValue?: (typeof C.VISIBILITY_MODES)[number];
  /** Share of its slot a bar fills, 0 to 1 (default 0.97). */
  readonly barWidth?: number;
  /** Share of its slot a group of bars fills, 0 to 1 (default 0.7). */
  readonly groupWidth?: number;
  /** Rotation of the x axis labels in degrees, -90 to 90. */
  readonly xTickLabelRotation?: number;
  readonly lineWidth?: number;
  readonly fillOpacity?: number;
  readonly thresholdsStyle?: (typeof C.THRESHOLDS_STYLES)[number];
}

/** How values are distributed: Grafana buckets the values of each series and counts them. */
export interface HistogramSpec extends DataPanelSpec, AxisSpec {
  readonly legend?: LegendOptions;
  /** Default `single`. */
  readonly tooltip?: (typeof C.TOOLTIP_MODES)[number];
  /** Number of buckets when `bucketSize` is not given (default 30). */
  readonly bucketCount?: number;
  /** Width of a bucket, in the values' unit (default: from `bucketCount`). */
  readonly bucketSize?: number;
  /** Where the first bucket starts, 0 to `bucketSize`. */
  readonly bucketOffset?: number;
  /** One histogram of all series together instead of one per series. */
  readonly combine?: boolean;
  readonly stack?: (typeof C.STACK_MODES)[number];
  readonly lineWidth?: number;
  readonly fillOpacity?: number;
}

export interface TextSpec extends PanelCommon {
  readonly content: string;
  readonly mode?: (typeof C.TEXT_PANEL_MODES)[number];
}

export interface LogsSpec extends PanelCommon {
  readonly queries: readonly LokiQuery[];
  readonly showTime?: boolean;
  readonly showLabels?: boolean;
  readonly wrapLines?: boolean;
  readonly details?: boolean;
  readonly order?: (typeof C.LOG_ORDERS)[number];
  readonly dedup?: (typeof C.LOGS_DEDUP)[number];
}

type PanelOf<T extends string, S> = S & Stamped<'panel'> & { readonly type: T };

/** Panels after construction: the shorthand queries became `PrometheusQuery`s. */
type Normalized<S extends { readonly queries: readonly unknown[] }> = Omit<S, 'queries'> & {
  readonly queries: readonly Query[];
};

export type TimeseriesPanel = PanelOf<'timeseries', Normalized<TimeseriesSpec>>;
export type StatPanel = PanelOf<'stat', Normalized<StatSpec>>;
export type GaugePanel = PanelOf<'gauge', Normalized<GaugeSpec>>;
export type BarGaugePanel = PanelOf<'bargauge', Normalized<BarGaugeSpec>>;
export type TablePanel = PanelOf<'table', Normalized<TableSpec>>;
export type HeatmapPanel = PanelOf<'heatmap', Normalized<HeatmapSpec>>;
export type PieChartPanel = PanelOf<'piechart', Normalized<PieChartSpec>>;
export type BarChartPanel = PanelOf<'barchart', Normalized<BarChartSpec>>;
export type HistogramPanel = PanelOf<'histogram', Normalized<HistogramSpec>>;
export type TextPanel = PanelOf<'text', TextSpec & { readonly queries?: undefined }>;
export type LogsPanel = PanelOf<'logs', LogsSpec>;

export type Panel =
  | TimeseriesPanel
  | StatPanel
  | GaugePanel
  | BarGaugePanel
  | TablePanel
  | HeatmapPanel
  | PieChartPanel
  | BarChartPanel
  | HistogramPanel
  | TextPanel
  | LogsPanel;
export type PanelType = Panel['type'];

export interface RowSpec {
  readonly title: string;
  /** Collapsed rows load their panels' queries only when opened. */
  readonly collapsed?: boolean;
  /** One copy of the row per value of this variable. */
  readonly repeat?: string;
  readonly panels: readonly Panel[];
  readonly suppress?: readonly Suppression[];
}

export interface Row extends RowSpec, Stamped<'row'> {}
