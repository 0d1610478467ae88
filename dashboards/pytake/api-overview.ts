// "1. API Overview Dashboard": service status and uptime, request rate and response times, error
// rate trends, performance percentiles; plus the business row of the team's api-overview.json.
// Queries read the raw series (not the pytake:* recordings) so the job/instance selectors apply.
import { pytakeApiWarnings, pytakeBusinessAlerts, pytakeCriticalAlerts } from '../../alerts/pytake.ts';
import {
  alertAnnotation, dashboard, heatmap, prometheusQuery, row, runbookLink, standardVariables, stat, table, timeseries,
} from '../../dsl/index.ts';

const sel = 'job=~"$job", instance=~"$instance"';

export const apiOverview = dashboard({
  title: 'PyTake API - Overview',
  uid: 'pytake-api-overview',
  folder: 'pytake',
  description: 'Status, traffic, errors and latency of the PyTake API, with its business activity.',
  tags: ['pytake', 'api', 'overview'],
  time: { from: 'now-1h', to: 'now' },
  refresh: '30s',
  variables: standardVariables({ metric: 'http_requests_total' }),
  annotations: [alertAnnotation({ alerts: [pytakeCriticalAlerts, pytakeApiWarnings, pytakeBusinessAlerts] })],
  links: [runbookLink('https://docs.pytake.com/runbooks')],
  rows: [
    row({
      title: 'Service Overview',
      panels: [
        stat({
          title: 'Service Status',
          description: 'Whether Prometheus could scrape each API instance at the last scrape.',
          unit: 'none', colorMode: 'background', graphMode: 'none', width: 4,
          thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
          mappings: [{ value: 0, text: 'DOWN' }, { value: 1, text: 'UP' }],
          queries: [prometheusQuery({ expr: `up{${sel}}`, legend: '{{instance}}' })],
        }),
        stat({
          title: 'Uptime',
          description: 'Share of scrapes that found the API up over the time range (the availability SLI; objective 99.9%).',
          unit: 'percentunit', decimals: 3, colorMode: 'value', graphMode: 'none', width: 4,
          thresholds: { base: 'red', steps: [{ value: 0.999, color: 'green' }] },
          queries: [prometheusQuery({ mode: 'instant', expr: `avg(avg_over_time(up{${sel}}[$__range]))`, legend: 'uptime' })],
        }),
        timeseries({
          title: 'Request Rate by Method',
          description: 'Requests per second, by HTTP method.',
          unit: 'reqps', width: 16,
          queries: [prometheusQuery({ expr: `sum by (method) (rate(http_requests_total{${sel}}[$__rate_interval]))`, legend: '{{method}}' })],
        }),
        timeseries({
          title: 'Request Rate by Endpoint',
          description: 'Requests per second of the ten busiest endpoints, by method.',
          unit: 'reqps', width: 24,
          legend: { mode: 'table', placement: 'right', calcs: ['mean', 'max'] },
          queries: [prometheusQuery({
            expr: `topk(10, sum by (endpoint, method) (rate(http_requests_total{${sel}}[$__rate_interval])))`,
            legend: '{{method}} {{endpoint}}',
          })],
        }),
      ],
    }),
    row({
      title: 'Performance Metrics',
      panels: [
        timeseries({
          title: 'Response Time Percentiles',
          description: 'p50, p95 and p99 of request duration. The latency objective is p95 under 2s; p95 above 5s pages.',
          unit: 's', width: 12, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 2, color: 'orange' }, { value: 5, color: 'red' }] },
          queries: ([['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const).map(([legend, q]) => prometheusQuery({
            legend,
            expr: `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[$__rate_interval])))`,
          })),
        }),
        timeseries({
          title: 'Success vs Error Rate',
          description: 'Share of requests answered 2xx and 5xx. An error rate above 5% for 2 minutes pages.',
          unit: 'percentunit', min: 0, max: 1, width: 12, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 0.05, color: 'red' }] },
          overrides: [{ match: { byName: 'Error Rate' }, set: { color: { fixed: 'red' } } }],
          queries: [
            prometheusQuery({
              legend: 'Success Rate',
              expr: `sum(rate(http_requests_total{${sel}, status=~"2.."}[$__rate_interval])) / sum(rate(http_requests_total{${sel}}[$__rate_interval]))`,
            }),
            prometheusQuery({
              legend: 'Error Rate',
              expr: `sum(rate(http_requests_total{${sel}, status=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{${sel}}[$__rate_interval]))`,
            }),
          ],
        }),
        timeseries({
          title: 'Errors by Status Code',
          description: 'Requests per second answered with a 4xx or 5xx, by status code.',
          unit: 'reqps', width: 12, stack: 'normal', fillOpacity: 30,
          queries: [prometheusQuery({
            legend: '{{status}}',
            expr: `sum by (status) (rate(http_requests_total{${sel}, status=~"[45].."}[$__rate_interval]))`,
          })],
        }),
        timeseries({
          title: 'Error Rate Trend by Endpoint',
          description: 'Share of each endpoint\'s requests answered 5xx; endpoints without errors are left out.',
          unit: 'percentunit', min: 0, width: 12,
          queries: [prometheusQuery({
            legend: '{{endpoint}}',
            expr: `
              sum by (endpoint) (rate(http_requests_total{${sel}, status=~"5.."}[$__rate_interval]))
              / sum by (endpoint) (rate(http_requests_total{${sel}}[$__rate_interval])) > 0`,
          })],
        }),
        heatmap({
          title: 'Latency Distribution',
          description: 'Requests per duration bucket over time (http_request_duration_seconds).',
          unit: 's', cellUnit: 'reqps', scheme: 'Spectral', width: 12,
          queries: [prometheusQuery({
            format: 'heatmap', legend: '{{le}}',
            expr: `sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[$__rate_interval]))`,
          })],
        }),
        table({
          title: 'Slowest Endpoints',
          description: 'p95 duration and traffic per endpoint over the time range, slowest first.',
          width: 12,
          sortBy: [{ column: 'p95', desc: true }],
          overrides: [
            { match: { byName: 'p95' }, set: { unit: 's', decimals: 3 } },
            { match: { byName: 'requests/s' }, set: { unit: 'reqps' } },
          ],
          queries: [
            prometheusQuery({
              mode: 'instant', format: 'table', legend: 'p95',
              expr: `histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{${sel}}[$__range])))`,
            }),
            prometheusQuery({
              mode: 'instant', format: 'table', legend: 'requests/s',
              expr: `sum by (endpoint) (rate(http_requests_total{${sel}}[$__range]))`,
            }),
          ],
        }),
        timeseries({
          title: 'Request Size (p50, p95)',
          description: 'Request body size percentiles (http_request_size_bytes histogram).',
          unit: 'bytes', width: 12,
          queries: ([['p50', 0.5], ['p95', 0.95]] as const).map(([legend, q]) => prometheusQuery({
            legend,
            expr: `histogram_quantile(${q}, sum by (le) (rate(http_request_size_bytes_bucket{${sel}}[$__rate_interval])))`,
          })),
        }),
        timeseries({
          title: 'Response Size (p50, p95)',
          description: 'Response body size percentiles (http_response_size_bytes histogram).',
          unit: 'bytes', width: 12,
          queries: ([['p50', 0.5], ['p95', 0.95]] as const).map(([legend, q]) => prometheusQuery({
            legend,
            expr: `histogram_quantile(${q}, sum by (le) (rate(http_response_size_bytes_bucket{${sel}}[$__rate_interval])))`,
          })),
        }),
      ],
    }),
    row({
      title: 'Business Metrics',
      panels: [
        stat({
          title: 'Active Conversations',
          description: 'Conversations open right now. Zero for an hour raises an info alert.',
          unit: 'short', colorMode: 'value', graphMode: 'area', width: 6,
          thresholds: { base: 'green', steps: [{ value: 1000, color: 'red' }] },
          queries: [prometheusQuery({ expr: `sum(active_conversations_total{${sel}})`, legend: 'Active Conversations' })],
        }),
        timeseries({
          title: 'WhatsApp Message Rate',
          description: 'WhatsApp messages per second, sent and received.',
          unit: 'short', width: 18,
          queries: [prometheusQuery({ expr: `sum by (direction) (rate(whatsapp_messages_total{${sel}}[$__rate_interval]))`, legend: '{{direction}}' })],
        }),
        timeseries({
          title: 'Messages Processed by Platform',
          description: 'User engagement: messages processed per second, by platform and outcome.',
          unit: 'short', width: 12,
          queries: [prometheusQuery({
            expr: `sum by (platform, status) (rate(messages_processed_total{${sel}}[$__rate_interval]))`,
            legend: '{{platform}} {{status}}',
          })],
        }),
        timeseries({
          title: 'WebSocket Activity',
          description: 'User engagement: open WebSocket connections (left) and messages per second over them (right).',
          unit: 'short', width: 12,
          overrides: [{ match: { byRegexp: '^msg' }, set: { unit: 'short', custom: { axisPlacement: 'right' } } }],
          queries: [
            prometheusQuery({ expr: `sum(websocket_connections_active{${sel}})`, legend: 'connections' }),
            prometheusQuery({
              expr: `sum by (direction) (rate(websocket_messages_total{${sel}}[$__rate_interval]))`,
              legend: 'msg {{direction}}',
            }),
          ],
        }),
      ],
    }),
  ],
});
