/** Panel factories, one per visualization. Sizes and positions are decided by the layout at build time. */
import { toQuery } from './queries.ts';
import { authorSite, stampAt } from './stamp.ts';
import type {
  BarChartPanel,
  BarChartSpec,
  BarGaugePanel,
  BarGaugeSpec,
  GaugePanel,
  GaugeSpec,
  HeatmapPanel,
  HeatmapSpec,
  HistogramPanel,
  HistogramSpec,
  LogsPanel,
  LogsSpec,
  Panel,
  PieChartPanel,
  PieChartSpec,
  QueryInput,
  StatPanel,
  StatSpec,
  TablePanel,
  TableSpec,
  TextPanel,
  TextSpec,
  TimeseriesPanel,
  TimeseriesSpec,
} from './types.ts';

type WithQueries = { readonly queries: readonly QueryInput[] };

function dataPanel<T extends Panel['type'], S extends WithQueries>(type: T, spec: S) {
  const site = authorSite();
  const queries = Object.freeze(spec.queries.map((q) => toQuery(q, site)));
  return { ...stampAt(site, 'panel', { ...spec, queries }), type };
}

/** A time series graph. The legend is shown unless `legend: { show: false }`. */
export function timeseries(spec: TimeseriesSpec): TimeseriesPanel {
  return Object.freeze(dataPanel('timeseries', spec));
}

/** One big number per series (reduced with `reduce`, default last non-null value). */
export function stat(spec: StatSpec): StatPanel {
  return Object.freeze(dataPanel('stat', spec));
}

export function gauge(spec: GaugeSpec): GaugePanel {
  return Object.freeze(dataPanel('gauge', spec));
}

/** `gauge`, under the name the authoring surface exports (where `gauge` is the registry's metric type). */
export const gaugePanel = gauge;

export function barGauge(spec: BarGaugeSpec): BarGaugePanel {
  return Object.freeze(dataPanel('bargauge', spec));
}

/** A table; use instant queries with `format: 'table'` for one row per series. */
export function table(spec: TableSpec): TablePanel {
  return Object.freeze(dataPanel('table', spec));
}

/** A heatmap; for a Prometheus histogram query `rate(x_bucket[...])` by `le` with `format: 'heatmap'`. */
export function heatmap(spec: HeatmapSpec): HeatmapPanel {
  return Object.freeze(dataPanel('heatmap', spec));
}

/** Shares of a whole: one slice per series, reduced with `reduce` (default last non-null value). */
export function pieChart(spec: PieChartSpec): PieChartPanel {
  return Object.freeze(dataPanel('piechart', spec));
}

/** Bars per category: for series reduced to one value each, `transformations: [transform.reduce(...), transform.transpose()]`. */
export function barChart(spec: BarChartSpec): BarChartPanel {
  return Object.freeze(dataPanel('barchart', spec));
}

/** The distribution of the values of each series (Grafana buckets them). `histogram` is the registry's metric type. */
export function histogramPanel(spec: HistogramSpec): HistogramPanel {
  return Object.freeze(dataPanel('histogram', spec));
}

/** Markdown (or HTML) text. */
export function text(spec: TextSpec): TextPanel {
  const site = authorSite();
  return Object.freeze({ ...stampAt(site, 'panel', spec), type: 'text' as const });
}

/** Log lines from Loki queries. */
export function logs(spec: LogsSpec): LogsPanel {
  const site = authorSite();
  return Object.freeze({ ...stampAt(site, 'panel', spec), type: 'logs' as const });
}

export function isPanel(v: unknown): v is Panel {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'panel';
}
