/**
 * Service level objectives as authored values. One `slo({...})` in slos/**.ts becomes SLI recording
 * rules, error-budget rules, multi-window multi-burn-rate alerts, promtool tests proving the alerts,
 * and a panel row of the service's error-budget dashboard.
 */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { Duration } from '../core/duration.ts';
import type { PromQL } from '../promql/template.ts';
import type { Suppression } from '../rules/index.ts';
import type { Naming } from './naming.ts';

/** A PromQL vector selector: `http_requests_total{job="api"}`, a `promql` fragment or a registry `sel(...)`. */
export type Selector = string | { readonly kind: 'promql'; readonly text: string };

/**
 * An expression counting events over a window, with the window left open: a function of the window
 * (`(w) => promql\`sum(rate(x[${w}]))\``) or a string with Sloth's placeholder
 * (`'sum(rate(x[{{.window}}]))'`).
 */
export type WindowExpression = ((window: Duration) => string | PromQL) | string;

/** Events as a selector (obs aggregates `increase(...)` by the SLO's grouping) or as a window expression. */
export type EventSource = Selector | WindowExpression;

/** Share of bad events: `bad / total`, or `1 - good / total`. */
export type RatioSli =
  | { readonly bad: EventSource; readonly total: EventSource; readonly good?: undefined }
  | { readonly good: EventSource; readonly total: EventSource; readonly bad?: undefined };

/** Share of requests slower than `threshold` seconds, from a histogram. */
export interface LatencySli {
  /**
   * The histogram's selector by its base name, e.g. `http_request_duration_seconds{job="api"}`
   * (a `_bucket` selector is accepted too). Classic histograms read `_bucket{le}` and `_count`.
   */
  readonly histogram: Selector;
  /** Seconds; for a classic histogram an existing bucket boundary (`le`). */
  readonly threshold: number;
  /** Read a native histogram (`histogram_fraction`) instead of the classic series. */
  readonly native?: boolean;
}

/** Share of time a 0/1 gauge (`up`, `probe_success`) was 0, counted over its samples. */
export interface AvailabilitySli {
  readonly gauge: Selector;
}

export type SliSpec =
  | { readonly ratio: RatioSli; readonly latency?: undefined; readonly availability?: undefined }
  | { readonly latency: LatencySli; readonly ratio?: undefined; readonly availability?: undefined }
  | { readonly availability: AvailabilitySli; readonly ratio?: undefined; readonly latency?: undefined };

/** A whole number of days: `'30d'`, `'28d'`, `'7d'`. */
export type Period = `${number}d`;

export interface AlertSeveritySpec {
  /** Alert name for this severity (default: `alerting.name`). */
  readonly name?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface AlertingSpec {
  /** Name of both alerts (default `<Service><Name>ErrorBudgetBurn`, e.g. `CheckoutApiAvailabilityErrorBudgetBurn`). */
  readonly name?: string;
  /** Labels of both alerts (`severity` defaults to `page` / `ticket`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of both alerts, e.g. `runbook_url` (`summary` and `description` have defaults). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The fast-burn alert (1h & 5m, 6h & 30m); `false` records the SLI without paging. */
  readonly page?: false | AlertSeveritySpec;
  /** The slow-burn alert (1d & 2h, 3d & 6h); `false` disables it. */
  readonly ticket?: false | AlertSeveritySpec;
}

/** `obs` names (`slo:error_ratio:rate5m{service, slo}`), or Sloth's (`slo:sli_error:ratio_rate5m{sloth_id, ...}`). */
export type { Naming };

export interface SloSpec {
  /** The service the objective is about, e.g. `checkout-api`. */
  readonly service: string;
  /** The objective's name within the service, e.g. `availability` (`[a-z0-9]([a-z0-9._-]*[a-z0-9])?`). */
  readonly name: string;
  readonly description?: string;
  /** Percent of good events, e.g. 99.9 (0 < objective < 100). */
  readonly objective: number;
  /** The rolling window the objective holds over (default `30d`). */
  readonly period?: Period;
  readonly sli: SliSpec;
  /** One objective per value of these labels (e.g. `['tenant_id']`): the rules keep them. */
  readonly grouping?: readonly string[];
  /** Labels for the alerts and the SLO's info series (kept off the SLI series so editing them does not split them). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly alerting?: AlertingSpec;
  /** Rule and label names (default `obs`); `sloth` keeps existing Sloth dashboards working. */
  readonly naming?: Naming;
  /** Silences checks on what the SLO generates: its rules and its dashboard row (e.g. `registry/unknown-metric` for a metric not registered yet). */
  readonly suppress?: readonly Suppression[];
}

export interface Slo extends SloSpec {
  readonly kind: 'slo';
  readonly site?: SourceLocation;
}
