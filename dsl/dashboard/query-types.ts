/** Panel queries: Prometheus (checked as PromQL) and Loki (logs panels). */
import type { Duration } from '../core/duration.ts';
import type * as C from './closed-options.ts';
import type { DatasourceRef, Expression, Extra, Stamped } from './base-types.ts';

export type QueryMode = (typeof C.QUERY_MODES)[number];

/** A minimum step: a duration or a variable (`$interval`). */
export type Step = Duration | `$${string}`;

export interface PrometheusQuerySpec extends Extra {
  readonly expr: Expression;
  /** `legendFormat`, e.g. `{{route}}`. */
  readonly legend?: string;
  /** Range (default), instant, or both. */
  readonly mode?: QueryMode;
  readonly format?: (typeof C.QUERY_FORMATS)[number];
  readonly interval?: Step;
  /** Normally assigned (A, B, ...); set it when an override must name the query. */
  readonly refId?: string;
  readonly hide?: boolean;
  readonly exemplar?: boolean;
  readonly datasource?: DatasourceRef;
  /** Resolution 1/N: the step is N times the minimum (Grafana's `intervalFactor`, default 1). */
  readonly intervalFactor?: number;
  /** Which editor Grafana opens the query in (default: its own choice). */
  readonly editorMode?: (typeof C.QUERY_EDITOR_MODES)[number];
}

export interface PrometheusQuery extends PrometheusQuerySpec, Stamped<'prometheus-query'> {}

export interface LokiQuerySpec extends Extra {
  /** LogQL; checked for undefined variables (not parsed). */
  readonly expr: string;
  readonly legend?: string;
  readonly mode?: (typeof C.LOKI_QUERY_MODES)[number];
  readonly maxLines?: number;
  readonly refId?: string;
  readonly hide?: boolean;
  readonly datasource?: DatasourceRef;
}

export interface LokiQuery extends LokiQuerySpec, Stamped<'loki-query'> {}

export type Query = PrometheusQuery | LokiQuery;

/** A query, or a PromQL expression as shorthand for `prometheusQuery({ expr })`. */
export type QueryInput = Query | Expression;
