/** Panel queries: Prometheus (checked expression by expression) and Loki (for logs panels). */
import { isPromQL } from '../promql/template.ts';
import { stamp, stampAt, type Site } from './stamp.ts';
import type { LokiQuery, LokiQuerySpec, PrometheusQuery, PrometheusQuerySpec, Query, QueryInput } from './types.ts';

/** A Prometheus query: an expression (string or `promql` template), legend, instant/range, step. */
export function prometheusQuery(spec: PrometheusQuerySpec): PrometheusQuery {
  return stamp('prometheus-query', spec);
}

/** Short for `prometheusQuery`. */
export const query = prometheusQuery;

/** A Loki (LogQL) query, for logs panels. */
export function lokiQuery(spec: LokiQuerySpec): LokiQuery {
  return stamp('loki-query', spec);
}

export function isQuery(v: unknown): v is Query {
  const kind = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
  return kind === 'prometheus-query' || kind === 'loki-query';
}

/** The shorthand `queries: ['up']` becomes a query located at the panel that holds it. */
export function toQuery(q: QueryInput, panelSite: Site): Query {
  if (typeof q === 'string' || isPromQL(q)) return stampAt(panelSite, 'prometheus-query', { expr: q });
  return q;
}
