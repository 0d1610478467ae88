/** Panels (one type per visualization, options typed from the SDK's enums) and rows. */
import type * as common from '@grafana/grafana-foundation-sdk/common';
import type * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import type { Duration } from '../core/duration.ts';
import type { DatasourceRef, Extra, Stamped, Suppression } from './base-types.ts';
import type { FieldOptions, Override, Reducer } from './field-types.ts';
import type { LokiQuery, Query, QueryInput, Step } from './query-types.ts';
import type { Transformation } from './transformation-types.ts';
import type { Link } from './types.ts';
import type { Unit } from './units.ts';

/** Width in grid columns; Grafana's grid has 24. */
export type GridWidth =
  | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12
  | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24;

export interface Repeat {
  /** The variable whose values get one panel (or row) each. */
  readonly variable: string;
  readonly direction?: 'h' | 'v';
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
  readonly mode?: Exclude<`${common.LegendDisplayMode}`, 'hidden'>;
  readonly placement?: `${common.LegendPlacement}`;
  readonly calcs?: readonly Reducer[];
}

export interface TimeseriesSpec extends DataPanelSpec {
  readonly legend?: LegendOptions;
  readonly tooltip?: `${common.TooltipDisplayMode}`;
  readonly drawStyle?: `${common.GraphDrawStyle}`;
  readonly lineWidth?: number;
  readonly fillOpacity?: number;
  readonly stack?: Exclude<`${common.StackingMode}`, 'none'>;
  readonly showPoints?: `${common.VisibilityMode}`;
  readonly axisLabel?: string;
  readonly softMin?: number;
  readonly softMax?: number;
  readonly logScale?: 2 | 10;
  /** Draw the thresholds on the graph. */
  readonly thresholdsStyle?: Exclude<`${common.GraphThresholdsStyleMode}`, 'off' | 'series'>;
  readonly spanNulls?: boolean;
}

interface ReducingSpec {
  /** How a series becomes one value (default `lastNotNull`). */
  readonly reduce?: Reducer;
  readonly orientation?: `${common.VizOrientation}`;
}

export interface StatSpec extends DataPanelSpec, ReducingSpec {
  readonly graphMode?: `${common.BigValueGraphMode}`;
  readonly colorMode?: `${common.BigValueColorMode}`;
  readonly textMode?: `${common.BigValueTextMode}`;
}

export interface GaugeSpec extends DataPanelSpec, ReducingSpec {
  readonly showThresholdMarkers?: boolean;
  readonly showThresholdLabels?: boolean;
}

export interface BarGaugeSpec extends DataPanelSpec, ReducingSpec {
  readonly displayMode?: `${common.BarGaugeDisplayMode}`;
  readonly showUnfilled?: boolean;
}

export interface TableSpec extends DataPanelSpec {
  readonly showHeader?: boolean;
  readonly sortBy?: readonly { readonly column: string; readonly desc?: boolean }[];
  /** Reducers shown in a footer row. */
  readonly footer?: readonly Reducer[];
  readonly cellHeight?: `${common.TableCellHeight}`;
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
  readonly pieType?: `${piechart.PieChartType}`;
  /** What each slice shows (default: nothing). */
  readonly labels?: readonly `${piechart.PieChartLabels}`[];
  /** Default shown, at the right, with each slice's percentage. */
  readonly legend?: {
    readonly show?: boolean;
    /** A list (default), or a table with the values in columns. */
    readonly mode?: Exclude<`${common.LegendDisplayMode}`, 'hidden'>;
    readonly placement?: `${common.LegendPlacement}`;
    readonly values?: readonly `${piechart.PieChartLegendValues}`[];
  };
}

export interface TextSpec extends PanelCommon {
  readonly content: string;
  readonly mode?: 'markdown' | 'html';
}

export interface LogsSpec extends PanelCommon {
  readonly queries: readonly LokiQuery[];
  readonly showTime?: boolean;
  readonly showLabels?: boolean;
  readonly wrapLines?: boolean;
  readonly details?: boolean;
  readonly order?: 'newest' | 'oldest';
  readonly dedup?: `${common.LogsDedupStrategy}`;
}

type PanelOf<T extends string, S> = S & Stamped<'panel'> & { readonly type: T };

/** Panels after construction: the shorthand queries became `PrometheusQuery`s. */
type Normalized<S extends { readonly queries: readonly unknown[] }> = Omit<S, 'queries'> & { readonly queries: readonly Query[] };

export type TimeseriesPanel = PanelOf<'timeseries', Normalized<TimeseriesSpec>>;
export type StatPanel = PanelOf<'stat', Normalized<StatSpec>>;
export type GaugePanel = PanelOf<'gauge', Normalized<GaugeSpec>>;
export type BarGaugePanel = PanelOf<'bargauge', Normalized<BarGaugeSpec>>;
export type TablePanel = PanelOf<'table', Normalized<TableSpec>>;
export type HeatmapPanel = PanelOf<'heatmap', Normalized<HeatmapSpec>>;
export type PieChartPanel = PanelOf<'piechart', Normalized<PieChartSpec>>;
export type TextPanel = PanelOf<'text', TextSpec & { readonly queries?: undefined }>;
export type LogsPanel = PanelOf<'logs', LogsSpec>;

export type Panel = TimeseriesPanel | StatPanel | GaugePanel | BarGaugePanel | TablePanel | HeatmapPanel | PieChartPanel | TextPanel | LogsPanel;
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
