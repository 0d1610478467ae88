// The checkout API service dashboard: health at a glance, RED panels, latency distribution, routes,
// logs and the nodes it runs on. Every query is checked as PromQL for the configured Prometheus.
import { checkoutApiAlerts } from '../../alerts/checkout-api.ts';
import {
  alertAnnotation, barGauge, constantVariable, customVariable, dashboard, datasourceVariable, gaugePanel, heatmap, intervalVariable,
  link, logs, lokiQuery, prometheusAnnotation, prometheusQuery, promql, redPanels, row, runbookLink, standardVariables, stat, table,
  text, textboxVariable, timeseries, useRow,
} from '../../dsl/index.ts';
import { nodes } from '../platform/nodes.ts';

const service = { job: '$job', instance: '$instance' };

export const checkoutApi = dashboard({
  title: 'Checkout API',
  uid: 'checkout-api',
  folder: 'Checkout',
  description: 'Traffic, errors, latency and logs of the checkout API, with the nodes it runs on.',
  tags: ['checkout', 'service', 'red'],
  refresh: '30s',
  variables: [
    ...standardVariables({ tenant: { label: 'namespace' } }),
    datasourceVariable({ name: 'logs', label: 'Logs', plugin: 'loki' }),
    customVariable({ name: 'status', label: 'Status class', values: ['2..', '4..', '5..'], multi: true, includeAll: true, allValue: '.+' }),
    intervalVariable({ name: 'window', label: 'Window', values: ['5m', '30m', '1h', '6h'], default: '30m' }),
    constantVariable({ name: 'objective', value: '0.999', description: 'Availability objective of the checkout SLO.' }),
    textboxVariable({ name: 'search', label: 'Log search', default: 'error' }),
  ],
  annotations: [
    alertAnnotation({ alerts: [checkoutApiAlerts] }),
    prometheusAnnotation({
      name: 'Deploys', color: 'blue', title: 'deploy of {{deployment}}', tags: ['namespace'],
      expr: 'changes(kube_deployment_status_observed_generation{namespace=~"$namespace", deployment="checkout-api"}[2m]) > 0',
    }),
  ],
  links: [
    runbookLink('https://runbooks.example.com/checkout-api'),
    link({ title: 'Nodes', to: nodes, tooltip: 'The nodes the checkout API runs on' }),
  ],
  panels: [
    text({
      title: '',
      height: 2,
      content: 'Checkout API: **payments** team. Pages go to `#payments-oncall`; the [runbook](https://runbooks.example.com/checkout-api) says what to do.',
    }),
    stat({
      title: 'Availability',
      description: 'Share of requests that did not fail with a 5xx over the dashboard time range, against the $objective objective.',
      unit: 'percentunit', decimals: 3, colorMode: 'background', graphMode: 'none',
      thresholds: { base: 'red', steps: [{ value: 0.995, color: 'orange' }, { value: 0.999, color: 'green' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
      queries: [prometheusQuery({
        mode: 'instant',
        expr: promql`
          1 - sum(increase(http_requests_total{job=~"$job", instance=~"$instance", code=~"5.."}[$__range]))
            / sum(increase(http_requests_total{job=~"$job", instance=~"$instance"}[$__range]))`,
      })],
    }),
    stat({
      title: 'Request rate',
      description: 'Requests per second handled by the selected instances.',
      unit: 'reqps', graphMode: 'area',
      queries: [prometheusQuery({ expr: 'sum(rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))', legend: 'requests' })],
    }),
    gaugePanel({
      title: 'Error budget left',
      description: 'Share of the error budget ($objective availability) not yet spent over the time range; below 0 the objective is missed.',
      unit: 'percentunit', min: -1, max: 1, showThresholdMarkers: true, height: 4,
      thresholds: { base: 'red', steps: [{ value: 0, color: 'orange' }, { value: 0.5, color: 'green' }] },
      queries: [prometheusQuery({
        mode: 'instant',
        expr: promql`
          1 - (
            sum(increase(http_requests_total{job=~"$job", instance=~"$instance", code=~"5.."}[$__range]))
            / sum(increase(http_requests_total{job=~"$job", instance=~"$instance"}[$__range]))
          ) / (1 - $objective)`,
      })],
    }),
    stat({
      title: 'Instances up',
      description: 'Scrape targets of the job that answered the last scrape, of all selected.',
      unit: 'none', textMode: 'value_and_name', graphMode: 'area', width: 6, position: { x: 18, y: 2 },
      thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
      queries: [prometheusQuery({ expr: 'sum(up{job=~"$job", instance=~"$instance"})', legend: 'up' })],
    }),
    barGauge({
      title: 'Busiest routes',
      description: 'The ten routes with the most requests per second right now.',
      unit: 'reqps', displayMode: 'gradient', orientation: 'horizontal', width: 12, height: 8,
      queries: [prometheusQuery({
        mode: 'instant', legend: '{{route}}',
        expr: 'topk(10, sum by (route) (rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval])))',
      })],
    }),
    timeseries({
      title: 'Requests by status class',
      description: 'Requests per second split by HTTP status class; 5xx drawn in red.',
      unit: 'reqps', stack: 'normal', fillOpacity: 30, width: 12, height: 8,
      legend: { mode: 'table', placement: 'right', calcs: ['mean', 'max'] },
      overrides: [
        { match: { byName: '5xx' }, set: { color: { fixed: 'red' } } },
        { match: { byRegexp: '^4' }, set: { color: { fixed: 'orange' } } },
      ],
      queries: [prometheusQuery({
        legend: '{{code}}',
        expr: 'sum by (code) (label_replace(rate(http_requests_total{job=~"$job", instance=~"$instance", code=~"$status"}[$__rate_interval]), "code", "${1}xx", "code", "(.).."))',
      })],
      extra: { options: { tooltip: { hideZeros: true } } },
    }),
  ],
  rows: [
    row({
      title: 'Rate, errors, duration',
      panels: redPanels({
        service: 'checkout-api', requests: 'http_requests_total', duration: 'http_request_duration_seconds',
        errors: { code: '5..' }, latencyObjective: 1.5,
      }),
    }),
    row({
      title: 'Latency and routes',
      panels: [
        heatmap({
          title: 'Latency distribution',
          description: 'Requests per latency bucket over time (http_request_duration_seconds histogram).',
          unit: 's', cellUnit: 'reqps', scheme: 'Spectral',
          queries: [prometheusQuery({
            format: 'heatmap', legend: '{{le}}',
            expr: 'sum by (le) (rate(http_request_duration_seconds_bucket{job=~"$job", instance=~"$instance"}[$__rate_interval]))',
          })],
        }),
        timeseries({
          title: 'Error ratio over $window',
          description: 'Share of failed requests averaged over the selected window, against the objective.',
          unit: 'percentunit', min: 0, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 0.001, color: 'red' }] },
          queries: [
            prometheusQuery({
              legend: 'errors',
              expr: promql`
                sum(rate(http_requests_total{job=~"$job", instance=~"$instance", code=~"5.."}[$window]))
                / sum(rate(http_requests_total{job=~"$job", instance=~"$instance"}[$window]))`,
            }),
            prometheusQuery({ legend: 'budget', expr: '1 - $objective' }),
          ],
          overrides: [{ match: { byQuery: 'B' }, set: { custom: { lineStyle: { fill: 'dash', dash: [10, 10] } }, color: { fixed: 'text' } } }],
        }),
        table({
          title: 'Slowest routes',
          description: 'p99 latency and traffic per route over the last 5 minutes, slowest first.',
          sortBy: [{ column: 'p99', desc: true }],
          overrides: [
            { match: { byName: 'p99' }, set: { unit: 's', decimals: 2 } },
            { match: { byName: 'requests/s' }, set: { unit: 'reqps' } },
          ],
          queries: [
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: 'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job=~"$job", instance=~"$instance"}[5m])))',
              extra: { editorMode: 'code' },
            }),
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: 'sum by (route) (rate(http_requests_total{job=~"$job", instance=~"$instance"}[5m]))',
            }),
          ],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the table shows the last 5 minutes whatever the time range' }],
        }),
      ],
    }),
    row({
      title: 'Per instance',
      collapsed: true,
      panels: [
        timeseries({
          title: 'Requests on $instance',
          description: 'Requests per second handled by one instance, one panel per selected instance.',
          unit: 'reqps', width: 8, repeat: { variable: 'instance', maxPerRow: 3 },
          queries: [prometheusQuery({
            legend: '{{route}}',
            expr: 'sum by (route) (rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))',
          })],
        }),
      ],
    }),
    row({
      title: 'Logs',
      collapsed: true,
      panels: [
        logs({
          title: 'Error logs',
          description: 'Log lines of the checkout API that contain the search text.',
          order: 'newest',
          queries: [lokiQuery({ expr: '{namespace=~"$namespace", app="checkout-api"} |= "$search"' })],
        }),
      ],
    }),
    useRow({ title: 'Nodes running checkout-api', collapsed: true, selector: service }),
  ],
});
