// The document's "Backend Dashboard": request rate and error rate, response time percentiles, active
// agent count, API endpoint performance. Thresholds drawn are the alerts' (10% errors, 1s p95).
// Every query filters by $job/$instance (and $endpoint where it splits by endpoint).
import { keikoBackendAlerts } from '../../alerts/keiko.ts';
import {
  alertAnnotation, barGauge, dashboard, heatmap, labelValues, link, prometheusQuery, queryVariable, row,
  standardVariables, stat, table, timeseries, transform,
} from '../../dsl/index.ts';
import { keikoInfrastructure } from './infrastructure.ts';

const sel = 'job=~"$job", instance=~"$instance"';
const ep = `${sel}, endpoint=~"$endpoint"`;

// A handler that raises is counted in api_errors_total only (see registry/keiko.ts), so "requests"
// and "failed requests" both take those in; `or` keeps both kinds of series.
const requests = (m: string, w = '$__rate_interval') =>
  `rate(http_requests_total{${m}}[${w}]) or rate(api_errors_total{${m}}[${w}])`;
const failed = (m: string, w = '$__rate_interval') =>
  `rate(http_requests_total{${m}, status_code=~"5.."}[${w}]) or rate(api_errors_total{${m}}[${w}])`;

// The backend only exposes registrations as a counter that never decrements; its raw value (the
// successful registrations since the backend started) is the only "active agents" number it has.
const rawAgentCounter = [{
  check: 'dashboard/counter-rate',
  reason: 'registered_agents_total is the documented "active agent count"; the backend exposes no gauge for it yet',
}];

export const keikoBackend = dashboard({
  title: 'Keiko Backend',
  uid: 'keiko-backend',
  folder: 'Keiko',
  description: 'Traffic, errors, latency, agents and per-endpoint performance of the Keiko backend (FastAPI).',
  tags: ['keiko', 'backend'],
  refresh: '30s',
  variables: [
    ...standardVariables({ metric: 'http_requests_total' }),
    queryVariable({
      name: 'endpoint', label: 'Endpoint', multi: true, includeAll: true, allValue: '.+', sort: 'alpha',
      query: labelValues('endpoint', 'http_requests_total{job=~"$job", instance=~"$instance"}'),
    }),
  ],
  annotations: [alertAnnotation({ alerts: [keikoBackendAlerts] })],
  links: [link({ title: 'Keiko Infrastructure', to: keikoInfrastructure, tooltip: 'Hosts, PostgreSQL and Redis behind the backend' })],
  panels: [
    stat({
      title: 'Request rate', description: 'Requests per second handled by the selected instances, including requests whose handler raised.',
      unit: 'reqps', graphMode: 'area', width: 5,
      queries: [prometheusQuery({ expr: `sum(${requests(sel)})`, legend: 'requests' })],
    }),
    stat({
      title: 'Error rate', description: 'Share of requests that failed with a 5xx or an unhandled exception; the critical alert fires above 10%.',
      unit: 'percentunit', decimals: 2, graphMode: 'area', colorMode: 'background', width: 5,
      thresholds: { base: 'green', steps: [{ value: 0.05, color: 'orange' }, { value: 0.1, color: 'red' }] },
      mappings: [{ special: 'null+nan', text: 'no errors', color: 'green' }],
      queries: [prometheusQuery({ expr: `sum(${failed(sel)})\n/\nsum(${requests(sel)})`, legend: 'errors' })],
    }),
    stat({
      title: 'p95 response time', description: '95th percentile of request duration; the latency warning fires above 1s.',
      unit: 's', graphMode: 'area', colorMode: 'background', width: 5,
      thresholds: { base: 'green', steps: [{ value: 0.8, color: 'orange' }, { value: 1, color: 'red' }] },
      queries: [prometheusQuery({
        expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[$__rate_interval])))`, legend: 'p95',
      })],
    }),
    stat({
      title: 'Active agents',
      description: 'Successful agent registrations since the backend started (registered_agents_total). The backend exposes no live-agent gauge, so agents that went away are still counted and a restart resets it.',
      unit: 'none', graphMode: 'area', width: 5, suppress: rawAgentCounter,
      queries: [prometheusQuery({ expr: `sum(registered_agents_total{${sel}, status="success"})`, legend: 'agents' })],
    }),
    stat({
      title: 'Instances up', description: 'Backend scrape targets that answered the last scrape.',
      unit: 'none', width: 4,
      thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
      queries: [prometheusQuery({ expr: `sum(up{${sel}})`, legend: 'up' })],
    }),
  ],
  rows: [
    row({
      title: 'Request rate and error rate',
      panels: [
        timeseries({
          title: 'Requests by status code', description: 'Requests per second by HTTP status code; 5xx in red.',
          unit: 'reqps', stack: 'normal', fillOpacity: 30, width: 8, min: 0,
          overrides: [{ match: { byRegexp: '^5' }, set: { color: { fixed: 'red' } } }, { match: { byRegexp: '^4' }, set: { color: { fixed: 'orange' } } }],
          queries: [prometheusQuery({ expr: `sum by (status_code) (rate(http_requests_total{${sel}}[$__rate_interval]))`, legend: '{{status_code}}' })],
        }),
        timeseries({
          title: 'Error rate', description: 'Share of requests that failed with a 5xx or an unhandled exception, against the 10% paging threshold.',
          unit: 'percentunit', min: 0, width: 8, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 0.1, color: 'red' }] },
          queries: [prometheusQuery({ expr: `sum(${failed(sel)})\n/\nsum(${requests(sel)})`, legend: 'errors' })],
        }),
        timeseries({
          title: 'Unhandled exceptions by type', description: 'Handler exceptions per second by exception class (api_errors_total).',
          unit: 'ops', min: 0, width: 8,
          queries: [prometheusQuery({ expr: `sum by (error_type) (rate(api_errors_total{${sel}}[$__rate_interval]))`, legend: '{{error_type}}' })],
        }),
      ],
    }),
    row({
      title: 'Response time percentiles',
      panels: [
        timeseries({
          title: 'Response time percentiles', description: 'p50, p95 and p99 of request duration, against the 1s p95 threshold.',
          unit: 's', min: 0, width: 12, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 1, color: 'red' }] },
          queries: [0.5, 0.95, 0.99].map((q) => prometheusQuery({
            expr: `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[$__rate_interval])))`,
            legend: `p${Math.round(q * 100)}`,
          })),
        }),
        heatmap({
          title: 'Response time distribution', description: 'Requests per duration bucket over time (http_request_duration_seconds).',
          unit: 's', cellUnit: 'reqps', scheme: 'Spectral', width: 12,
          queries: [prometheusQuery({
            format: 'heatmap', legend: '{{le}}',
            expr: `sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[$__rate_interval]))`,
          })],
        }),
      ],
    }),
    row({
      title: 'Agents',
      panels: [
        timeseries({
          title: 'Active agents by type',
          description: 'Successful registrations since the backend started, per agent type (registered_agents_total; see the Active agents stat).',
          unit: 'none', min: 0, width: 8, suppress: rawAgentCounter,
          queries: [prometheusQuery({ expr: `sum by (agent_type) (registered_agents_total{${sel}, status="success"})`, legend: '{{agent_type}}' })],
        }),
        timeseries({
          title: 'Agent registrations by outcome', description: 'Registrations per second by status; anything but success is what the registration-failure ticket counts.',
          unit: 'ops', min: 0, width: 8,
          queries: [prometheusQuery({ expr: `sum by (status) (rate(registered_agents_total{${sel}}[$__rate_interval]))`, legend: '{{status}}' })],
        }),
        timeseries({
          title: 'Agent operations', description: 'Agent operations per second by operation and status (agent_operations_total).',
          unit: 'ops', min: 0, width: 8,
          queries: [prometheusQuery({
            expr: `sum by (operation, status) (rate(agent_operations_total{${sel}}[$__rate_interval]))`, legend: '{{operation}} {{status}}',
          })],
        }),
      ],
    }),
    // `endpoint` is the raw request path, so ids in paths make many series: the top-10 views keep
    // the panels readable whatever the cardinality.
    row({
      title: 'API endpoint performance',
      panels: [
        table({
          title: 'Endpoints over the time range',
          description: 'Per endpoint over the dashboard time range: request rate, share of 5xx responses and p95 duration.',
          sortBy: [{ column: 'requests/s', desc: true }],
          width: 24, height: 9,
          overrides: [
            { match: { byName: 'requests/s' }, set: { unit: 'reqps' } },
            { match: { byName: '5xx ratio' }, set: { unit: 'percentunit' } },
            { match: { byName: 'p95' }, set: { unit: 's' } },
          ],
          queries: [
            prometheusQuery({ mode: 'instant', format: 'table', expr: `sum by (endpoint) (rate(http_requests_total{${ep}}[$__range]))` }),
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: `sum by (endpoint) (rate(http_requests_total{${ep}, status_code=~"5.."}[$__range]))\n/\nsum by (endpoint) (rate(http_requests_total{${ep}}[$__range]))`,
            }),
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: `histogram_quantile(0.95, sum by (endpoint, le) (rate(http_request_duration_seconds_bucket{${ep}}[$__range])))`,
            }),
          ],
          // Join the three queries on `endpoint`.
          transformations: [
            transform.merge(),
            transform.organize({ exclude: ['Time'], rename: { 'Value #A': 'requests/s', 'Value #B': '5xx ratio', 'Value #C': 'p95' } }),
          ],
        }),
        barGauge({
          title: 'Busiest endpoints', description: 'The ten endpoints with the most requests per second.',
          unit: 'reqps', displayMode: 'gradient', orientation: 'horizontal', width: 8, height: 8,
          queries: [prometheusQuery({
            mode: 'instant', legend: '{{endpoint}}',
            expr: `topk(10, sum by (endpoint) (rate(http_requests_total{${ep}}[$__rate_interval])))`,
          })],
        }),
        timeseries({
          title: 'p95 of the slowest endpoints', description: 'p95 request duration of the ten slowest endpoints.',
          unit: 's', min: 0, width: 8, height: 8, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 1, color: 'red' }] },
          queries: [prometheusQuery({
            legend: '{{endpoint}}',
            expr: `topk(10, histogram_quantile(0.95, sum by (endpoint, le) (rate(http_request_duration_seconds_bucket{${ep}}[$__rate_interval]))))`,
          })],
        }),
        timeseries({
          title: 'Errors by endpoint', description: 'Failed requests per second (5xx or unhandled exception) per endpoint.',
          unit: 'reqps', min: 0, width: 8, height: 8,
          queries: [prometheusQuery({ expr: `sum by (endpoint) (${failed(ep)})`, legend: '{{endpoint}}' })],
        }),
      ],
    }),
  ],
});
