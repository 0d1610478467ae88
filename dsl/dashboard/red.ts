/**
 * RED panels for a service: request rate, error ratio and duration quantiles from a request counter
 * and a latency histogram. Queries use `$__rate_interval` and the dashboard's job/instance variables.
 */
import { formatNumber } from '../promql/template.ts';
import { row } from './dashboard.ts';
import { timeseries } from './panels.ts';
import { prometheusQuery } from './queries.ts';
import { matcherList, type Matchers } from './selectors.ts';
import type { Row, Suppression, TimeseriesPanel } from './types.ts';

export interface RedOptions {
  /** What the panels are about, used in titles (e.g. `checkout-api`). */
  readonly service: string;
  /** Counter of handled requests, e.g. `http_requests_total`. */
  readonly requests: string;
  /** Histogram of request durations in seconds, without `_bucket`, e.g. `http_request_duration_seconds`. */
  readonly duration: string;
  /** Matchers (regex) that select failed requests, e.g. `{ code: '5..' }`. */
  readonly errors: Matchers;
  /** Matchers (regex) that select the service (default `job=~"$job", instance=~"$instance"`). */
  readonly selector?: Matchers;
  /** Split every graph by this label, e.g. `route`. */
  readonly by?: string;
  /** Default 0.5, 0.9, 0.99. */
  readonly quantiles?: readonly number[];
  /** Error ratio drawn as a threshold (default 0.01). */
  readonly errorBudget?: number;
  /** Latency drawn as a threshold, in seconds. */
  readonly latencyObjective?: number;
  readonly suppress?: readonly Suppression[];
}

const DEFAULT_SELECTOR: Matchers = { job: '$job', instance: '$instance' };

export function redPanels(o: RedOptions): TimeseriesPanel[] {
  const sel = matcherList(o.selector ?? DEFAULT_SELECTOR);
  const errSel = matcherList({ ...(o.selector ?? DEFAULT_SELECTOR), ...o.errors });
  const sum = o.by ? `sum by (${o.by}) ` : 'sum';
  const legend = o.by ? `{{${o.by}}}` : o.service;
  const rate = (s: string): string => `${sum}(rate(${o.requests}{${s}}[$__rate_interval]))`;
  const suppress = o.suppress ? { suppress: o.suppress } : {};
  const quantiles = o.quantiles ?? [0.5, 0.9, 0.99];
  return [
    timeseries({
      title: `${o.service}: requests`,
      description: `Requests per second handled by ${o.service} (${o.requests}).`,
      width: 8,
      unit: 'reqps',
      min: 0,
      ...suppress,
      queries: [prometheusQuery({ expr: rate(sel), legend })],
    }),
    timeseries({
      title: `${o.service}: errors`,
      description: `Share of ${o.service} requests that failed (${matcherList(o.errors)}).`,
      width: 8,
      unit: 'percentunit',
      min: 0,
      thresholdsStyle: 'line',
      thresholds: { base: 'green', steps: [{ value: o.errorBudget ?? 0.01, color: 'red' }] },
      ...suppress,
      queries: [prometheusQuery({ expr: `${rate(errSel)}\n/\n${rate(sel)}`, legend })],
    }),
    timeseries({
      title: `${o.service}: duration`,
      description: `Request duration quantiles of ${o.service} from the ${o.duration} histogram.`,
      width: 8,
      unit: 's',
      min: 0,
      ...suppress,
      ...(o.latencyObjective !== undefined
        ? {
            thresholdsStyle: 'line' as const,
            thresholds: { base: 'green' as const, steps: [{ value: o.latencyObjective, color: 'red' as const }] },
          }
        : {}),
      queries: quantiles.map((q) =>
        prometheusQuery({
          expr: `histogram_quantile(${formatNumber(q)}, sum by (le${o.by ? `, ${o.by}` : ''}) (rate(${o.duration}_bucket{${sel}}[$__rate_interval])))`,
          legend: `p${formatNumber(q * 100)}${o.by ? ` {{${o.by}}}` : ''}`,
        }),
      ),
    }),
  ];
}

/** The RED panels in a row titled after the service. */
export function redRow(o: RedOptions & { readonly title?: string; readonly collapsed?: boolean }): Row {
  return row({
    title: o.title ?? `${o.service} (rate, errors, duration)`,
    ...(o.collapsed ? { collapsed: true } : {}),
    panels: redPanels(o),
  });
}
