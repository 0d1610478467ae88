// "Backend Overview" (monitoring README): the backend API and event hub of the Synchron AI Hub and
// the platform under them (Redis, PostgreSQL, Kafka, nodes). The README names only the dashboard; its
// content is what the on-call of a multi-tenant hub opens first: is the API up and healthy, is
// tenant routing working, are queues and tokens fine, and which dependency is not.
import {
  barGauge, dashboard, prometheusQuery, redPanels, row, stat, timeseries, useRow,
} from '../../dsl/index.ts';
import { folder, hubAnnotations, hubLinks, hubVariables, tags } from './shared.ts';

const api = 'job="synchron-hub-backend", instance=~"$instance", tenant_id=~"$tenant"';
// /hub/metrics is served by the same backend processes as /metrics, so $instance applies to it too.
const hub = 'job="synchron-hub-backend-hub", instance=~"$instance", tenant_id=~"$tenant"';

// The exporter rows show the platform under the backend: their series belong to other jobs and
// instances than the backend instances $instance lists.
const platformRow = [{
  check: 'dashboard/job-instance-matchers',
  reason: 'exporter panels select their own job (synchron-hub-redis/-postgres/-kafka/-node); $instance lists backend instances',
}] as const;

export const backendOverview = dashboard({
  title: 'Synchron Hub / Backend Overview',
  uid: 'synchron-hub-backend-overview',
  folder,
  description: 'Backend API and event hub of the Synchron AI Hub, per tenant, with Redis, PostgreSQL, Kafka and the nodes.',
  tags: [...tags, 'backend'],
  refresh: '30s',
  suppress: [{
    check: 'dashboard/job-instance-variables',
    reason: 'overview of several fixed jobs (backend, backend-hub, exporters): each panel names its job, a job picker would only break panels',
  }],
  variables: hubVariables('synchron-hub-backend'),
  annotations: hubAnnotations,
  links: hubLinks,
  panels: [
    stat({
      title: 'Backend instances up', description: 'Backend targets that answered their last /metrics scrape.',
      unit: 'none', width: 4, thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
      queries: [prometheusQuery({ mode: 'instant', expr: 'sum(up{job="synchron-hub-backend", instance=~"$instance"})' })],
    }),
    stat({
      title: 'API requests', description: 'Requests per second answered by the backend API for the selected tenants.',
      unit: 'reqps', width: 4, graphMode: 'area',
      queries: [prometheusQuery({ expr: `sum(rate(hub_http_requests_total{${api}}[$__rate_interval]))` })],
    }),
    stat({
      title: 'API 5xx ratio', description: 'Share of API requests answered with a server error (page above 5%, all tenants).',
      unit: 'percentunit', width: 4, decimals: 2,
      thresholds: { base: 'green', steps: [{ value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic' }],
      queries: [prometheusQuery({
        expr: `sum(rate(hub_http_requests_total{${api}, status_code=~"5.."}[$__rate_interval])) / sum(rate(hub_http_requests_total{${api}}[$__rate_interval]))`,
      })],
    }),
    stat({
      title: 'Hub events', description: 'Hub events received per second (hub_tenant_request_total) for the selected tenants.',
      unit: 'reqps', width: 4, graphMode: 'area',
      queries: [prometheusQuery({ expr: `sum(rate(hub_tenant_request_total{${hub}}[$__rate_interval]))` })],
    }),
    stat({
      title: 'Events waiting', description: 'Events waiting in all hub queues of the selected tenants (ticket above 1000 per queue).',
      unit: 'none', width: 4, graphMode: 'area',
      thresholds: { base: 'green', steps: [{ value: 1000, color: 'orange' }, { value: 5000, color: 'red' }] },
      queries: [prometheusQuery({ expr: `sum(hub_queue_depth{${hub}})` })],
    }),
    stat({
      title: 'Token expiry failures', description: 'Outbound channel calls failed on an expired token over the time range.',
      unit: 'none', width: 4, decimals: 0,
      thresholds: { base: 'green', steps: [{ value: 1, color: 'red' }] },
      queries: [prometheusQuery({ mode: 'instant', expr: `sum(increase(hub_token_expiry_failures_total{${hub}}[$__range]))` })],
    }),
  ],
  rows: [
    row({
      title: 'API (rate, errors, duration)',
      panels: redPanels({
        service: 'backend API', requests: 'hub_http_requests_total', duration: 'hub_http_request_duration_seconds',
        errors: { status_code: '5..' }, errorBudget: 0.05,
        selector: { job: 'synchron-hub-backend', instance: '$instance', tenant_id: '$tenant' },
      }),
    }),
    row({
      title: 'Tenant routing',
      panels: [
        timeseries({
          title: 'Hub events by tenant', description: 'Hub events received per second per tenant (hub_tenant_request_total).',
          unit: 'reqps', stack: 'normal', fillOpacity: 20, width: 12,
          legend: { mode: 'table', placement: 'right', calcs: ['mean', 'max'] },
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: `sum by (tenant_id) (rate(hub_tenant_request_total{${hub}}[$__rate_interval]))` })],
        }),
        timeseries({
          title: 'Hub events by outcome', description: 'Routed, rejected (caller\'s fault) and failed (ours) hub events per second.',
          unit: 'reqps', stack: 'normal', fillOpacity: 20, width: 12,
          overrides: [
            { match: { byName: 'failed' }, set: { color: { fixed: 'red' } } },
            { match: { byName: 'rejected' }, set: { color: { fixed: 'orange' } } },
            { match: { byName: 'routed' }, set: { color: { fixed: 'green' } } },
          ],
          queries: [prometheusQuery({ legend: '{{outcome}}', expr: `sum by (outcome) (rate(hub_tenant_request_total{${hub}}[$__rate_interval]))` })],
        }),
        timeseries({
          title: 'Events published to Kafka', description: 'Hub events published per second, per Kafka topic (hub.topic).',
          unit: 'reqps', width: 12,
          queries: [prometheusQuery({ legend: '{{topic}}', expr: `sum by (topic) (rate(hub_events_published_total{${hub}}[$__rate_interval]))` })],
        }),
        timeseries({
          title: 'Event processing time', description: 'p50 and p95 time from receiving a hub event to handing it to Kafka.',
          unit: 's', min: 0, width: 12,
          queries: [
            prometheusQuery({ legend: 'p50', expr: `histogram_quantile(0.5, sum by (le) (rate(hub_event_processing_duration_seconds_bucket{${hub}}[$__rate_interval])))` }),
            prometheusQuery({ legend: 'p95', expr: `histogram_quantile(0.95, sum by (le) (rate(hub_event_processing_duration_seconds_bucket{${hub}}[$__rate_interval])))` }),
          ],
        }),
      ],
    }),
    row({
      title: 'Queues and channel tokens',
      panels: [
        timeseries({
          title: 'Queue depth', description: 'Events waiting per tenant and queue; ticket above 1000 for 15m, page above 5000 and growing.',
          unit: 'none', min: 0, width: 8, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 1000, color: 'orange' }, { value: 5000, color: 'red' }] },
          queries: [prometheusQuery({ legend: '{{tenant_id}} {{queue}}', expr: `max by (tenant_id, queue) (hub_queue_depth{${hub}})` })],
        }),
        timeseries({
          title: 'Token expiry failures', description: 'Outbound channel calls failing on an expired token, per tenant and channel.',
          unit: 'reqps', min: 0, width: 8,
          queries: [prometheusQuery({
            legend: '{{tenant_id}} {{channel}}',
            expr: 'sum by (tenant_id, channel) (tenant_id_channel:hub_token_expiry_failures:rate5m{tenant_id=~"$tenant"})',
          })],
          suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'a per-tenant recorded series: aggregated over job and instance' }],
        }),
        timeseries({
          title: 'Cached channel tokens', description: 'Keys matching *:onlychannel:token in Redis (redis_exporter --count-keys).',
          unit: 'none', min: 0, width: 8, decimals: 0,
          queries: [prometheusQuery({ legend: '{{instance}}', expr: 'max by (instance) (redis_keys_count{job="synchron-hub-redis", key="*:onlychannel:token"})' })],
          suppress: platformRow,
        }),
      ],
    }),
    row({
      title: 'Node.js runtime',
      collapsed: true,
      panels: [
        timeseries({
          title: 'Event loop lag p99', description: 'p99 event loop delay per backend instance; ticket above 500ms for 10m.',
          unit: 's', min: 0, width: 6, thresholdsStyle: 'line', thresholds: { base: 'green', steps: [{ value: 0.5, color: 'red' }] },
          queries: [prometheusQuery({ legend: '{{instance}}', expr: 'nodejs_eventloop_lag_p99_seconds{job="synchron-hub-backend", instance=~"$instance"}' })],
        }),
        timeseries({
          title: 'Heap used', description: 'V8 heap used per backend instance.',
          unit: 'bytes', min: 0, width: 6,
          queries: [prometheusQuery({ legend: '{{instance}}', expr: 'nodejs_heap_size_used_bytes{job="synchron-hub-backend", instance=~"$instance"}' })],
        }),
        timeseries({
          title: 'Resident memory', description: 'Resident set size per backend instance.',
          unit: 'bytes', min: 0, width: 6,
          queries: [prometheusQuery({ legend: '{{instance}}', expr: 'process_resident_memory_bytes{job="synchron-hub-backend", instance=~"$instance"}' })],
        }),
        timeseries({
          title: 'CPU', description: 'CPU seconds used per second per backend instance.',
          unit: 'percentunit', min: 0, width: 6,
          queries: [prometheusQuery({ legend: '{{instance}}', expr: 'rate(process_cpu_seconds_total{job="synchron-hub-backend", instance=~"$instance"}[$__rate_interval])' })],
        }),
      ],
    }),
    row({
      title: 'Redis',
      collapsed: true,
      suppress: platformRow,
      panels: [
        stat({
          title: 'Redis up', description: 'redis_exporter reaches Redis (page when down for 2m).',
          unit: 'none', width: 4, mappings: [{ value: '0', text: 'DOWN', color: 'red' }, { value: '1', text: 'UP', color: 'green' }],
          queries: [prometheusQuery({ mode: 'instant', expr: 'min(redis_up{job="synchron-hub-redis"})' })],
        }),
        timeseries({
          title: 'Redis memory', description: 'Memory used against maxmemory; ticket above 90%.',
          unit: 'bytes', min: 0, width: 10,
          queries: [
            prometheusQuery({ legend: 'used {{instance}}', expr: 'redis_memory_used_bytes{job="synchron-hub-redis"}' }),
            prometheusQuery({ legend: 'max {{instance}}', expr: 'redis_memory_max_bytes{job="synchron-hub-redis"} > 0' }),
          ],
        }),
        timeseries({
          title: 'Redis clients and commands', description: 'Connected clients and commands per second.',
          unit: 'short', min: 0, width: 10,
          queries: [
            prometheusQuery({ legend: 'clients {{instance}}', expr: 'redis_connected_clients{job="synchron-hub-redis"}' }),
            prometheusQuery({ legend: 'commands/s {{instance}}', expr: 'sum by (instance) (rate(redis_commands_total{job="synchron-hub-redis"}[$__rate_interval]))' }),
          ],
        }),
        barGauge({
          title: 'Context entries per tenant', description: 'Size of each tenant\'s <tenant>:hub:context key in Redis (redis_exporter --check-keys).',
          unit: 'none', displayMode: 'gradient', orientation: 'horizontal', width: 24,
          queries: [prometheusQuery({
            mode: 'instant', legend: '{{tenant_id}}',
            expr: 'max by (tenant_id) (label_replace(redis_key_size{job="synchron-hub-redis", key=~"$tenant:hub:context"}, "tenant_id", "$1", "key", "(.+):hub:context"))',
          })],
        }),
      ],
    }),
    row({
      title: 'PostgreSQL',
      collapsed: true,
      suppress: platformRow,
      panels: [
        stat({
          title: 'PostgreSQL up', description: 'postgres_exporter reaches the database (page when down for 2m).',
          unit: 'none', width: 4, mappings: [{ value: '0', text: 'DOWN', color: 'red' }, { value: '1', text: 'UP', color: 'green' }],
          queries: [prometheusQuery({ mode: 'instant', expr: 'min(pg_up{job="synchron-hub-postgres"})' })],
        }),
        timeseries({
          title: 'Connections', description: 'Backends connected against max_connections; ticket above 80%.',
          unit: 'none', min: 0, width: 20,
          queries: [
            prometheusQuery({ legend: 'connections {{instance}}', expr: 'sum by (instance) (pg_stat_database_numbackends{job="synchron-hub-postgres"})' }),
            prometheusQuery({ legend: 'max {{instance}}', expr: 'max by (instance) (pg_settings_max_connections{job="synchron-hub-postgres"})' }),
          ],
        }),
      ],
    }),
    row({
      title: 'Kafka',
      collapsed: true,
      suppress: platformRow,
      panels: [
        timeseries({
          title: 'Consumer lag by group', description: 'Unconsumed messages per consumer group, all topics; ticket above 1000 per topic, page above 10000 and growing.',
          unit: 'none', min: 0, width: 12,
          queries: [prometheusQuery({ legend: '{{consumergroup}}', expr: 'consumergroup:kafka_consumergroup_lag:sum' })],
        }),
        timeseries({
          title: 'Under-replicated partitions', description: 'Partitions with fewer in-sync replicas than replicas, per topic.',
          unit: 'none', min: 0, width: 6, decimals: 0,
          queries: [prometheusQuery({ legend: '{{topic}}', expr: 'sum by (topic) (kafka_topic_partition_under_replicated_partition{job="synchron-hub-kafka"})' })],
        }),
        stat({
          title: 'Brokers', description: 'Brokers in the cluster metadata seen by kafka_exporter.',
          unit: 'none', width: 6,
          queries: [prometheusQuery({ mode: 'instant', expr: 'max(kafka_brokers{job="synchron-hub-kafka"})' })],
        }),
      ],
    }),
    useRow({
      title: 'Nodes (node_exporter)', collapsed: true, selector: { job: 'synchron-hub-node' },
      suppress: platformRow,
    }),
  ],
});
