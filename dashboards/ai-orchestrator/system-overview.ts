// "System Overview" (monitoring/grafana/dashboards/system-overview.json): system health and
// performance of the AI Orchestrator: targets up, HTTP traffic, errors and latency per service,
// the Node.js processes, and the nodes underneath. Thresholds are the README's alert lines and
// performance-review targets, so a panel turns red exactly when its alert would.
import {
  aiOrchestratorApplicationAlerts, aiOrchestratorSystemAlerts,
} from '../../alerts/ai-orchestrator.ts';
import {
  alertAnnotation, dashboard, datasourceVariable, heatmap, labelValues, link, prometheusQuery, queryVariable,
  redPanels, row, runbookLink, stat, table, timeseries,
} from '../../dsl/index.ts';
import { workflowMetrics } from './workflow-metrics.ts';

const app = 'job=~"$job", instance=~"$instance", service=~"$service"';
const node = 'job="node-exporter", instance=~"$node"';

export const systemOverview = dashboard({
  title: 'AI Orchestrator / System Overview',
  uid: 'ai-orchestrator-system-overview',
  folder: 'AI Orchestrator',
  description: 'System health and performance overview of the AI Orchestrator platform.',
  tags: ['ai-orchestrator', 'overview'],
  // "Real-time metrics visualization": refresh every 30s, two scrape intervals.
  refresh: '30s',
  time: { from: 'now-6h', to: 'now' },
  tooltip: 'shared',
  variables: [
    datasourceVariable({ name: 'datasource', label: 'Data source', plugin: 'prometheus' }),
    queryVariable({ name: 'job', label: 'Job', query: labelValues('job', 'up'), regex: '/^ai-orchestrator.*/', default: 'ai-orchestrator', sort: 'alpha' }),
    queryVariable({
      name: 'instance', label: 'Instance', query: labelValues('instance', 'up{job=~"$job"}'),
      multi: true, includeAll: true, allValue: '.+', sort: 'natural',
    }),
    queryVariable({
      name: 'service', label: 'Service', query: labelValues('service', 'http_requests_total{job=~"$job", instance=~"$instance"}'),
      multi: true, includeAll: true, allValue: '.+', sort: 'alpha',
    }),
    queryVariable({
      name: 'node', label: 'Node', query: labelValues('instance', 'node_uname_info{job="node-exporter"}'),
      multi: true, includeAll: true, allValue: '.+', sort: 'natural',
    }),
  ],
  // "Alerting integration": firing alerts are drawn on every graph.
  annotations: [alertAnnotation({ alerts: [aiOrchestratorSystemAlerts, aiOrchestratorApplicationAlerts] })],
  links: [
    link({ title: 'Workflow Metrics', to: workflowMetrics, tooltip: 'Workflow execution and business metrics' }),
    runbookLink('https://github.com/ai-orchestrator/ai-orchestrator/blob/main/monitoring/runbooks/incident-response.md', 'Incident response runbook'),
  ],
  panels: [
    stat({
      title: 'Targets up',
      description: 'Scrape targets of the job that answered the last scrape, of all discovered (up). Below all: AiOrchestratorServiceDown.',
      unit: 'percentunit', width: 6, graphMode: 'area', colorMode: 'background',
      thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
      queries: [prometheusQuery({ expr: 'avg(up{job=~"$job", instance=~"$instance"})', legend: 'up' })],
    }),
    stat({
      title: 'Request rate',
      description: 'HTTP requests per second handled by the selected services (http_requests_total).',
      unit: 'reqps', width: 6, graphMode: 'area',
      queries: [prometheusQuery({ expr: `sum(rate(http_requests_total{${app}}[$__rate_interval]))`, legend: 'requests' })],
    }),
    stat({
      title: 'Error rate',
      description: 'Share of requests answered with 5xx. Target < 1% (performance review); alert above 5% for 5 minutes.',
      unit: 'percentunit', decimals: 2, width: 6, graphMode: 'area', colorMode: 'background',
      thresholds: { base: 'green', steps: [{ value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
      queries: [prometheusQuery({
        expr: `sum(rate(http_requests_total{${app}, status_code=~"5.."}[$__rate_interval]))\n/ sum(rate(http_requests_total{${app}}[$__rate_interval]))`,
        legend: '5xx',
      })],
    }),
    stat({
      title: 'Response time p95',
      description: '95th percentile of HTTP request duration over all selected services. Target and alert line: 1 second.',
      unit: 's', decimals: 2, width: 6, graphMode: 'area', colorMode: 'background',
      thresholds: { base: 'green', steps: [{ value: 1, color: 'red' }] },
      queries: [prometheusQuery({
        expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${app}}[$__rate_interval])))`,
        legend: 'p95',
      })],
    }),
  ],
  rows: [
    row({
      title: 'HTTP: rate, errors, duration per service',
      panels: [
        ...redPanels({
          service: 'AI Orchestrator', requests: 'http_requests_total', duration: 'http_request_duration_seconds',
          selector: { job: '$job', instance: '$instance', service: '$service' },
          errors: { status_code: '5..' }, by: 'service', quantiles: [0.5, 0.95, 0.99],
          // The performance-review targets: error rate < 1%, p95 < 1s.
          errorBudget: 0.01, latencyObjective: 1,
        }),
        timeseries({
          title: 'Requests by status code',
          description: 'HTTP requests per second by status code class; 5xx in red, 4xx in orange.',
          unit: 'reqps', stack: 'normal', fillOpacity: 30, width: 12,
          overrides: [
            { match: { byName: '5xx' }, set: { color: { fixed: 'red' } } },
            { match: { byName: '4xx' }, set: { color: { fixed: 'orange' } } },
          ],
          queries: [prometheusQuery({
            legend: '{{status_code}}',
            expr: `sum by (status_code) (label_replace(rate(http_requests_total{${app}}[$__rate_interval]), "status_code", "\${1}xx", "status_code", "(.).."))`,
          })],
        }),
        heatmap({
          title: 'Latency distribution',
          description: 'Requests per latency bucket over time (http_request_duration_seconds histogram).',
          unit: 's', cellUnit: 'reqps', scheme: 'Spectral', width: 12,
          queries: [prometheusQuery({
            format: 'heatmap', legend: '{{le}}',
            expr: `sum by (le) (rate(http_request_duration_seconds_bucket{${app}}[$__rate_interval]))`,
          })],
        }),
        table({
          title: 'Slowest routes',
          description: 'p95 latency and request rate per service and route over the last 5 minutes, slowest first.',
          width: 24,
          sortBy: [{ column: 'Value #A', desc: true }],
          overrides: [
            { match: { byName: 'Value #A' }, set: { unit: 's', decimals: 2, displayName: 'p95' } },
            { match: { byName: 'Value #B' }, set: { unit: 'reqps', displayName: 'requests/s' } },
          ],
          queries: [
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: `topk(15, histogram_quantile(0.95, sum by (le, service, route) (rate(http_request_duration_seconds_bucket{${app}}[5m]))))`,
            }),
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: `sum by (service, route) (rate(http_requests_total{${app}}[5m]))`,
            }),
          ],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the table ranks routes by the last 5 minutes whatever the time range, like the alert' }],
        }),
      ],
    }),
    row({
      title: 'Service processes (Node.js)',
      panels: [
        timeseries({
          title: 'Process CPU',
          description: 'CPU cores used by each service process (process_cpu_seconds_total).',
          unit: 'short', min: 0, width: 6,
          queries: [prometheusQuery({ expr: 'sum by (pod) (rate(process_cpu_seconds_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))', legend: '{{pod}}' })],
        }),
        timeseries({
          title: 'Process memory',
          description: 'Resident memory of each service process (process_resident_memory_bytes).',
          unit: 'bytes', min: 0, width: 6,
          queries: [prometheusQuery({ expr: 'process_resident_memory_bytes{job=~"$job", instance=~"$instance"}', legend: '{{pod}}' })],
        }),
        timeseries({
          title: 'Heap used',
          description: 'V8 heap used against heap size (nodejs_heap_size_used_bytes / nodejs_heap_size_total_bytes).',
          unit: 'percentunit', min: 0, max: 1, width: 6,
          queries: [prometheusQuery({
            expr: 'nodejs_heap_size_used_bytes{job=~"$job", instance=~"$instance"} / nodejs_heap_size_total_bytes{job=~"$job", instance=~"$instance"}',
            legend: '{{pod}}',
          })],
        }),
        timeseries({
          title: 'Event loop lag',
          description: 'Node.js event loop lag (nodejs_eventloop_lag_seconds): above ~100ms every request on the pod waits.',
          unit: 's', min: 0, width: 6, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 0.1, color: 'red' }] },
          queries: [prometheusQuery({ expr: 'nodejs_eventloop_lag_seconds{job=~"$job", instance=~"$instance"}', legend: '{{pod}}' })],
        }),
      ],
    }),
    row({
      title: 'Nodes: CPU, memory, disk',
      // These panels read node_exporter, whose job and instances are not the application's:
      // they are filtered by job="node-exporter" and the $node variable instead.
      suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'node_exporter series are selected by job="node-exporter" and $node, not the application $job/$instance' }],
      panels: [
        timeseries({
          title: 'CPU usage',
          description: 'Share of CPU time not idle per node (node_cpu_seconds_total). Alert: above 80% for 5 minutes.',
          unit: 'percentunit', min: 0, max: 1, width: 8, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 0.8, color: 'red' }] },
          queries: [prometheusQuery({ expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{${node}, mode="idle"}[$__rate_interval]))`, legend: '{{instance}}' })],
        }),
        timeseries({
          title: 'Memory usage',
          description: 'Share of memory not available per node (node_memory_MemAvailable_bytes). Alert: above 85% for 5 minutes.',
          unit: 'percentunit', min: 0, max: 1, width: 8, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 0.85, color: 'red' }] },
          queries: [prometheusQuery({ expr: `1 - node_memory_MemAvailable_bytes{${node}} / node_memory_MemTotal_bytes{${node}}`, legend: '{{instance}}' })],
        }),
        timeseries({
          title: 'Disk space free',
          description: 'Share of each filesystem still free (node_filesystem_avail_bytes). Alert: below 10%.',
          unit: 'percentunit', min: 0, max: 1, width: 8, thresholdsStyle: 'line',
          thresholds: { base: 'red', steps: [{ value: 0.1, color: 'green' }] },
          queries: [prometheusQuery({
            expr: `node_filesystem_avail_bytes{${node}, fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{${node}, fstype!~"tmpfs|overlay|squashfs"}`,
            legend: '{{instance}} {{mountpoint}}',
          })],
        }),
      ],
    }),
  ],
});
