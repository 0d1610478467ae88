/**
 * The metric registry's data model: every metric a team may query, with its type, help, unit, label
 * names (and the values of labels whose values are a closed set) and the scrape interval of the job
 * that collects it. Checks read it to know what an expression can select.
 */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { Duration } from '../core/duration.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'stateset' | 'unknown';

/** Label name → the only values it takes, for labels whose values are a closed set. */
export type ClosedValues<L extends string> = { readonly [K in L]?: readonly string[] };

export interface MetricSpec<L extends string = string, V extends ClosedValues<L> = ClosedValues<L>> {
  readonly help?: string;
  /** Base unit (`seconds`, `bytes`, `ratio`, ...), as in OpenMetrics `# UNIT`. */
  readonly unit?: string;
  /** Label names the metric's own series carry (target labels such as `job` come from the registry). */
  readonly labels?: readonly L[];
  readonly values?: V;
  /** Histograms only: the metric is (also) exposed as a native histogram under its bare name. */
  readonly native?: boolean;
  /**
   * Classic histograms only: the bucket upper bounds (`le`) the client exposes, without `+Inf`
   * (prometheus_client's defaults are 0.005 … 10). Checks then refuse an `le` no bucket has and an
   * SLO threshold between two bounds.
   */
  readonly buckets?: readonly number[];
  /**
   * Summaries only: `false` when the client exposes no quantiles, only `<name>_sum` and
   * `<name>_count` (Python's `Summary`); then `<name>{quantile=...}` is no series.
   */
  readonly quantiles?: boolean;
  /**
   * Label families whose names are data, as `prefix*`: cAdvisor's `container_label_*` (one label per
   * Docker label), kube-state-metrics' `label_*`. A label of a family is known; other labels are
   * still checked.
   */
  readonly labelFamilies?: readonly `${string}*`[];
}

export interface MetricDef<
  T extends MetricType = MetricType,
  L extends string = string,
  V extends ClosedValues<L> = ClosedValues<L>,
> {
  readonly kind: 'metric';
  readonly type: T;
  readonly help?: string;
  readonly unit?: string;
  readonly labels: readonly L[];
  readonly values: V;
  readonly native?: boolean;
  readonly buckets?: readonly number[];
  readonly quantiles?: boolean;
  /** Prefixes of label families (`container_label_`), without the `*`. */
  readonly labelFamilies?: readonly string[];
  readonly site?: SourceLocation;
}

export type MetricDefs = Readonly<Record<string, MetricDef<MetricType, string, ClosedValues<string>>>>;

/** A job that scrapes a registry's metrics at its own interval. */
export interface JobSpec {
  readonly name: string;
  readonly scrapeInterval: Duration;
}

export interface RegistrySpec<M extends MetricDefs, T extends string = string> {
  /** What the registry describes, e.g. `node-exporter`. */
  readonly name: string;
  /** How often the job that collects these metrics scrapes them; range checks compare windows with it. */
  readonly scrapeInterval?: Duration;
  /**
   * The `job` label values of the jobs that scrape these metrics, when known; a job scraped at
   * another interval than `scrapeInterval` is written `{ name, scrapeInterval }`.
   */
  readonly jobs?: readonly (string | JobSpec)[];
  /** Labels Prometheus adds to every scraped series (default `job`, `instance`). */
  readonly targetLabels?: readonly T[];
  /**
   * Whether the registry lists every metric of its namespaces (the first `_`-separated word of
   * its metric names), default true: a near miss of one of its metrics is then an error ("did you
   * mean"). A registry read off one exporter's /metrics knows only the collectors enabled on that
   * machine, platform and version: `complete: false` makes a near miss a warning, since a real
   * metric of another collector or version is no typo.
   */
  readonly complete?: boolean;
  /**
   * Metric names the exporter makes from data, as `prefix*`: node_exporter's `node_vmstat_*` (one
   * metric per /proc/vmstat field), `node_hwmon_*`. A name of a family is known (not an unknown
   * metric, not a near miss); nothing else is known of it.
   */
  readonly families?: readonly `${string}*`[];
  readonly metrics: M;
}

/** The part of a registry the checks read (no type parameters). */
export interface RegistryData {
  readonly kind: 'registry';
  readonly name: string;
  readonly scrapeInterval?: Duration;
  readonly jobs?: readonly string[];
  /** Jobs scraped at their own interval (the others at `scrapeInterval`). */
  readonly jobIntervals?: Readonly<Record<string, Duration>>;
  readonly targetLabels: readonly string[];
  /** See RegistrySpec.complete (absent: true). */
  readonly complete?: boolean;
  /** Prefixes of the metric families whose names are data (see RegistrySpec.families), without the `*`. */
  readonly families?: readonly string[];
  readonly metrics: MetricDefs;
  readonly site?: SourceLocation;
}

/** What one series name means: the metric it belongs to and what this series of it is. */
export type SeriesPart = 'value' | 'bucket' | 'sum' | 'count' | 'quantile';

export interface SeriesInfo {
  readonly series: string;
  readonly metric: string;
  readonly def: MetricDef;
  readonly part: SeriesPart;
  /** The type this series behaves as: `_bucket`, `_sum`, `_count` are counters, a summary's quantiles are gauges. */
  readonly behavesAs: MetricType;
  /** Every label a series of this name can carry, target labels included. */
  readonly labels: readonly string[];
  /** Labels every series of this name carries (the target labels, `le` on buckets). */
  readonly guaranteed: readonly string[];
  readonly values: ClosedValues<string>;
  /** Prefixes of label families the series may carry any member of (see MetricSpec.labelFamilies). */
  readonly labelFamilies?: readonly string[];
  /** A histogram's `_bucket` series: the declared bucket bounds, when every definition declares them. */
  readonly buckets?: readonly number[];
  readonly registry: RegistryData;
  readonly scrapeIntervalMs?: number;
}
