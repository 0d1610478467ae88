// "AI Companion Overview" (README: monitoring/grafana/dashboards/ai-companion-overview.json):
// application status and health, request rate and response times, error rates, memory and CPU,
// database connection pools, cache hit rates and LLM request metrics. The first twelve panels are the
// team's JSON panel for panel (titles, thresholds, percentiles); the LLM latency/tokens, health check
// and query latency panels fill in bullets of the README the JSON left out.
import {
  aiCompanionAppAlerts, aiCompanionHealthAlerts,
} from '../../alerts/ai-companion.ts';
import { alertAnnotation, dashboard, link, prometheusQuery, promql, row, stat, standardVariables, timeseries } from '../../dsl/index.ts';
import { aiCompanionSystem } from './system.ts';

const sel = 'job=~"$job", instance=~"$instance"';

/** histogram_quantile of a histogram's buckets over the panel's rate interval. */
const quantile = (q: number, metric: string, by = '') =>
  `histogram_quantile(${q}, sum by (le${by ? `, ${by}` : ''}) (rate(${metric}_bucket{${sel}}[$__rate_interval])))`;

export const aiCompanionOverview = dashboard({
  title: 'AI Companion - Application Overview',
  uid: 'ai-companion-overview',
  folder: 'AI Companion',
  description: 'Status, traffic, errors, latency, resources, database pools, caches, memory system and LLM calls of the AI Companion application.',
  tags: ['ai-companion', 'overview'],
  refresh: '30s',
  time: { from: 'now-1h', to: 'now' },
  // The job list comes from the application's own metric, so only AI Companion jobs are offered.
  variables: standardVariables({ metric: 'app_requests_total' }),
  annotations: [alertAnnotation({ alerts: [aiCompanionAppAlerts, aiCompanionHealthAlerts] })],
  links: [link({ title: 'System metrics', to: aiCompanionSystem, tooltip: 'Hosts, containers, Redis and PostgreSQL' })],
  panels: [
    stat({
      title: 'Application Status',
      description: 'Whether Prometheus could scrape the application\'s /metrics endpoint (up).',
      unit: 'none', width: 6, height: 4, colorMode: 'background', graphMode: 'none',
      thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
      mappings: [{ value: 0, text: 'DOWN' }, { value: 1, text: 'UP' }],
      queries: [prometheusQuery({ expr: `up{${sel}}`, legend: '{{instance}}' })],
    }),
    stat({
      title: 'Request Rate',
      description: 'Requests per second over all endpoints (app_requests_total).',
      unit: 'reqps', width: 6, height: 4, graphMode: 'area',
      queries: [prometheusQuery({ expr: `sum(rate(app_requests_total{${sel}}[$__rate_interval]))`, legend: 'Requests/sec' })],
    }),
    // The team's JSON divides an app_errors_total nobody exposes; a failed request is status="error".
    stat({
      title: 'Error Rate',
      description: 'Share of requests that ended with status="error". Yellow from 1%, red from 5% (the paging threshold).',
      unit: 'percentunit', decimals: 2, width: 6, height: 4, colorMode: 'background',
      thresholds: { base: 'green', steps: [{ value: 0.01, color: 'yellow' }, { value: 0.05, color: 'red' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
      queries: [prometheusQuery({
        legend: 'Error Rate',
        expr: `sum(rate(app_requests_total{${sel}, status="error"}[$__rate_interval])) / sum(rate(app_requests_total{${sel}}[$__rate_interval]))`,
      })],
    }),
    stat({
      title: 'Response Time (95th percentile)',
      description: '95th percentile request duration (app_request_duration_seconds). Yellow from 10s, red from 30s (the alert threshold).',
      unit: 's', width: 6, height: 4, colorMode: 'background',
      thresholds: { base: 'green', steps: [{ value: 10, color: 'yellow' }, { value: 30, color: 'red' }] },
      queries: [prometheusQuery({ expr: quantile(0.95, 'app_request_duration_seconds'), legend: '95th percentile' })],
    }),
    timeseries({
      title: 'Requests Over Time',
      description: 'Requests per second by method and endpoint.',
      unit: 'reqps', min: 0, width: 12, height: 8,
      queries: [prometheusQuery({
        expr: `sum by (method, endpoint) (rate(app_requests_total{${sel}}[$__rate_interval]))`,
        legend: '{{method}} {{endpoint}}',
      })],
    }),
    timeseries({
      title: 'Response Time Distribution',
      description: '50th, 90th, 95th and 99th percentile request duration.',
      unit: 's', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: quantile(0.5, 'app_request_duration_seconds'), legend: '50th percentile' }),
        prometheusQuery({ expr: quantile(0.9, 'app_request_duration_seconds'), legend: '90th percentile' }),
        prometheusQuery({ expr: quantile(0.95, 'app_request_duration_seconds'), legend: '95th percentile' }),
        prometheusQuery({ expr: quantile(0.99, 'app_request_duration_seconds'), legend: '99th percentile' }),
      ],
    }),
    timeseries({
      title: 'Memory Usage',
      description: 'Application memory (app_memory_usage_bytes) against its limit (app_memory_limit_bytes); the alert fires above 80%.',
      unit: 'bytes', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `app_memory_usage_bytes{${sel}}`, legend: 'Memory Usage {{instance}}' }),
        prometheusQuery({ expr: `app_memory_limit_bytes{${sel}}`, legend: 'Limit {{instance}}' }),
      ],
      overrides: [{ match: { byQuery: 'B' }, set: { custom: { lineStyle: { fill: 'dash', dash: [10, 10] } }, color: { fixed: 'red' } } }],
    }),
    timeseries({
      title: 'CPU Usage',
      description: 'CPU time of the application process in percent of one core (process_cpu_seconds_total).',
      unit: 'percent', min: 0, max: 100, width: 12, height: 8,
      queries: [prometheusQuery({
        expr: `rate(process_cpu_seconds_total{${sel}}[$__rate_interval]) * 100`,
        legend: 'CPU Usage % {{instance}}',
      })],
    }),
    timeseries({
      title: 'Database Connection Pool',
      description: 'Active connections and pool size per database (postgres, redis, neo4j); the pool alert pages above 90% for 5m.',
      unit: 'none', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `sum by (database) (db_connections_active{${sel}})`, legend: 'Active Connections {{database}}' }),
        prometheusQuery({ expr: `sum by (database) (db_connections_max{${sel}})`, legend: 'Max Connections {{database}}' }),
      ],
    }),
    // The team's JSON reads a cache_hit_rate gauge nobody sets: computed from the hit/miss counters.
    timeseries({
      title: 'Cache Hit Rate',
      description: 'Share of cache lookups that hit, per cache type (cache_hits_total, cache_misses_total); the alert fires below 70% for 15m.',
      unit: 'percentunit', min: 0, max: 1, width: 12, height: 8, thresholdsStyle: 'dashed',
      thresholds: { base: 'red', steps: [{ value: 0.7, color: 'green' }] },
      queries: [prometheusQuery({
        legend: 'Cache Hit Rate {{cache_type}}',
        expr: `sum by (cache_type) (rate(cache_hits_total{${sel}}[$__rate_interval]))
  / (sum by (cache_type) (rate(cache_hits_total{${sel}}[$__rate_interval])) + sum by (cache_type) (rate(cache_misses_total{${sel}}[$__rate_interval])))`,
      })],
    }),
    timeseries({
      title: 'Memory System Metrics',
      description: 'Memories waiting for consolidation (left axis) and memory system operations per second (right axis).',
      unit: 'none', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `memory_consolidation_backlog{${sel}}`, legend: 'Consolidation Backlog' }),
        prometheusQuery({ expr: `sum by (operation) (rate(memory_operations_total{${sel}}[$__rate_interval]))`, legend: 'Memory Ops/sec {{operation}}' }),
      ],
      overrides: [{ match: { byQuery: 'B' }, set: { unit: 'ops', custom: { axisPlacement: 'right' } } }],
    }),
    timeseries({
      title: 'LLM Request Metrics',
      description: 'LLM requests per second by model and outcome, and LLM timeouts per second.',
      unit: 'reqps', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `sum by (model, status) (rate(llm_requests_total{${sel}}[$__rate_interval]))`, legend: 'LLM Requests/sec {{model}} {{status}}' }),
        prometheusQuery({ expr: `sum by (model) (rate(llm_timeouts_total{${sel}}[$__rate_interval]))`, legend: 'LLM Timeouts/sec {{model}}' }),
      ],
      overrides: [{ match: { byQuery: 'B' }, set: { color: { fixed: 'red' } } }],
    }),
  ],
  rows: [
    row({
      title: 'LLM, databases and health',
      panels: [
        timeseries({
          title: 'LLM Response Time (95th percentile)',
          description: '95th percentile LLM response duration per model (llm_response_duration_seconds).',
          unit: 's', min: 0, width: 8, height: 8,
          queries: [prometheusQuery({ expr: quantile(0.95, 'llm_response_duration_seconds', 'model'), legend: '{{model}}' })],
        }),
        timeseries({
          title: 'LLM Token Usage',
          description: 'Tokens per second by model and direction (input/output) (llm_tokens_total).',
          unit: 'short', min: 0, width: 8, height: 8, stack: 'normal',
          queries: [prometheusQuery({
            expr: `sum by (model, token_type) (rate(llm_tokens_total{${sel}}[$__rate_interval]))`,
            legend: '{{model}} {{token_type}}',
          })],
        }),
        timeseries({
          title: 'Database Query Time (95th percentile)',
          description: '95th percentile query duration per database (db_query_duration_seconds).',
          unit: 's', min: 0, width: 8, height: 8,
          queries: [prometheusQuery({ expr: quantile(0.95, 'db_query_duration_seconds', 'database'), legend: '{{database}}' })],
        }),
        stat({
          title: 'Health Checks',
          description: 'Status of each health check of health_manager (health_check_status: 1 healthy).',
          unit: 'none', width: 12, height: 6, colorMode: 'background', graphMode: 'none', textMode: 'value_and_name',
          thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
          mappings: [{ value: 0, text: 'FAILING' }, { value: 1, text: 'OK' }],
          queries: [prometheusQuery({ expr: `min by (check_name) (health_check_status{${sel}})`, legend: '{{check_name}}' })],
        }),
        stat({
          title: 'Active Users',
          description: 'Concurrent active users (concurrent_users_active) and rate-limited requests per second (rate_limit_hits_total).',
          unit: 'none', width: 12, height: 6, graphMode: 'area', textMode: 'value_and_name',
          queries: [
            prometheusQuery({ expr: promql`sum(concurrent_users_active{job=~"$job", instance=~"$instance"})`, legend: 'Active users' }),
            prometheusQuery({ expr: `sum(rate(rate_limit_hits_total{${sel}}[$__rate_interval]))`, legend: 'Rate-limited/sec' }),
          ],
          overrides: [{ match: { byQuery: 'B' }, set: { unit: 'reqps' } }],
        }),
      ],
    }),
  ],
});
