// "Tenant Experience" (monitoring README): the hub as one tenant sees it, filtered by tenant_id
// (e.g. tenant_id="chat365"). Everything here is per tenant and answers "is this tenant's traffic
// accepted, fast, delivered to its channels and answered by the AI?"; the infrastructure behind it is
// on the Backend Overview and AI Orchestrator dashboards.
import { dashboard, prometheusQuery, row, stat, table, timeseries, transform } from '../../dsl/index.ts';
import { folder, hubAnnotations, hubLinks, hubVariables, tags } from './shared.ts';

const hub = 'job="synchron-hub-backend-hub", instance=~"$instance", tenant_id=~"$tenant"';
const api = 'job="synchron-hub-backend", instance=~"$instance", tenant_id=~"$tenant"';
const recorded = [{ check: 'dashboard/job-instance-matchers', reason: 'per-tenant recorded series: aggregated over job and instance' }] as const;

export const tenantExperience = dashboard({
  title: 'Synchron Hub / Tenant Experience',
  uid: 'synchron-hub-tenant-experience',
  folder,
  description: 'What each tenant of the Synchron AI Hub experiences: hub events accepted, API errors and latency, channel tokens, queues, AI answers.',
  tags: [...tags, 'tenants'],
  refresh: '1m',
  suppress: [{
    check: 'dashboard/job-instance-variables',
    reason: 'a per-tenant view across the backend jobs: $tenant is the filter, each panel names its job',
  }],
  variables: hubVariables('synchron-hub-backend'),
  annotations: hubAnnotations,
  links: hubLinks,
  panels: [
    stat({
      title: 'Events routed', description: 'Share of the selected tenants\' hub events routed over the time range (rejected = caller errors, failed = ours).',
      unit: 'percentunit', decimals: 2, width: 6, colorMode: 'background', graphMode: 'none',
      thresholds: { base: 'red', steps: [{ value: 0.95, color: 'orange' }, { value: 0.99, color: 'green' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
      queries: [prometheusQuery({
        mode: 'instant',
        expr: `sum(increase(hub_tenant_request_total{${hub}, outcome="routed"}[$__range])) / sum(increase(hub_tenant_request_total{${hub}}[$__range]))`,
      })],
    }),
    stat({
      title: 'API availability', description: 'Share of the selected tenants\' API requests not answered with a 5xx over the time range.',
      unit: 'percentunit', decimals: 3, width: 6, colorMode: 'background', graphMode: 'none',
      thresholds: { base: 'red', steps: [{ value: 0.95, color: 'orange' }, { value: 0.99, color: 'green' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
      queries: [prometheusQuery({
        mode: 'instant',
        expr: `1 - sum(increase(hub_http_requests_total{${api}, status_code=~"5.."}[$__range])) / sum(increase(hub_http_requests_total{${api}}[$__range]))`,
      })],
    }),
    stat({
      title: 'Token expiry failures', description: 'Outbound channel calls of the selected tenants that failed on an expired token over the time range.',
      unit: 'none', decimals: 0, width: 6, colorMode: 'background', graphMode: 'none',
      thresholds: { base: 'green', steps: [{ value: 1, color: 'red' }] },
      queries: [prometheusQuery({ mode: 'instant', expr: `sum(increase(hub_token_expiry_failures_total{${hub}}[$__range]))` })],
    }),
    stat({
      title: 'AI answers', description: 'Share of the selected tenants\' AI dispatches that succeeded over the time range.',
      unit: 'percentunit', decimals: 2, width: 6, colorMode: 'background', graphMode: 'none',
      thresholds: { base: 'red', steps: [{ value: 0.8, color: 'orange' }, { value: 0.95, color: 'green' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
      queries: [prometheusQuery({
        mode: 'instant',
        expr: 'sum(increase(ai_orchestrator_dispatch_total{job="synchron-hub-ai-orchestrator", tenant_id=~"$tenant", outcome="success"}[$__range])) / sum(increase(ai_orchestrator_dispatch_total{job="synchron-hub-ai-orchestrator", tenant_id=~"$tenant"}[$__range]))',
      })],
      suppress: [{ check: 'dashboard/job-instance-matchers', reason: '$instance lists backend instances; the orchestrator is another job' }],
    }),
    table({
      title: 'Tenants now', description: 'Per tenant over the last 5 minutes: hub events/s, failed share, API p95, events waiting, token failures/s.',
      width: 24, height: 8,
      sortBy: [{ column: 'Hub events/s', desc: true }],
      overrides: [
        { match: { byName: 'Hub events/s' }, set: { unit: 'reqps' } },
        { match: { byName: 'Failed' }, set: { unit: 'percentunit', decimals: 2 } },
        { match: { byName: 'API p95' }, set: { unit: 's', decimals: 3 } },
        { match: { byName: 'Waiting' }, set: { unit: 'none', decimals: 0 } },
        { match: { byName: 'Token failures/s' }, set: { unit: 'reqps' } },
      ],
      queries: [
        prometheusQuery({ mode: 'instant', format: 'table', expr: 'sum by (tenant_id) (tenant_id_outcome:hub_tenant_request:rate5m{tenant_id=~"$tenant"})' }),
        prometheusQuery({ mode: 'instant', format: 'table', expr: 'tenant_id:hub_tenant_request_failures:ratio_rate5m{tenant_id=~"$tenant"}' }),
        prometheusQuery({ mode: 'instant', format: 'table', expr: 'tenant_id:hub_http_request_duration_seconds:p95_5m{tenant_id=~"$tenant"}' }),
        prometheusQuery({ mode: 'instant', format: 'table', expr: `sum by (tenant_id) (hub_queue_depth{${hub}})` }),
        prometheusQuery({ mode: 'instant', format: 'table', expr: 'sum by (tenant_id) (tenant_id_channel:hub_token_expiry_failures:rate5m{tenant_id=~"$tenant"})' }),
      ],
      // One row per tenant: join the five instant results on tenant_id and name the value columns.
      transformations: [
        transform.merge(),
        transform.organize({
          exclude: ['Time'],
          rename: { tenant_id: 'Tenant', 'Value #A': 'Hub events/s', 'Value #B': 'Failed', 'Value #C': 'API p95', 'Value #D': 'Waiting', 'Value #E': 'Token failures/s' },
        }),
      ],
      suppress: [...recorded],
    }),
  ],
  rows: [
    row({
      title: 'Hub events',
      panels: [
        timeseries({
          title: 'Hub events by event type', description: 'Hub events received per second by event type (hub_tenant_request_total).',
          unit: 'reqps', stack: 'normal', fillOpacity: 20, width: 12,
          queries: [prometheusQuery({ legend: '{{event_type}}', expr: `sum by (event_type) (rate(hub_tenant_request_total{${hub}}[$__rate_interval]))` })],
        }),
        timeseries({
          title: 'Failed events by tenant', description: 'Share of each tenant\'s hub events that failed in routing, over 5m; ticket above 5% for 15m.',
          unit: 'percentunit', min: 0, width: 12, thresholdsStyle: 'line', thresholds: { base: 'green', steps: [{ value: 0.05, color: 'red' }] },
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: 'tenant_id:hub_tenant_request_failures:ratio_rate5m{tenant_id=~"$tenant"}' })],
          suppress: [...recorded],
        }),
        timeseries({
          title: 'API errors by tenant', description: 'Share of each tenant\'s API requests answered with a 5xx, over 5m.',
          unit: 'percentunit', min: 0, width: 12,
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: 'tenant_id:hub_http_request_errors:ratio_rate5m{tenant_id=~"$tenant"}' })],
          suppress: [...recorded],
        }),
        timeseries({
          title: 'API p95 by tenant', description: 'p95 latency of each tenant\'s API requests, over 5m.',
          unit: 's', min: 0, width: 12,
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: 'tenant_id:hub_http_request_duration_seconds:p95_5m{tenant_id=~"$tenant"}' })],
          suppress: [...recorded],
        }),
      ],
    }),
    row({
      title: 'Delivery: queues, channel tokens, AI answers',
      panels: [
        timeseries({
          title: 'Events waiting', description: 'Hub events waiting per tenant and queue; ticket above 1000 for 15m, page above 5000 and growing.',
          unit: 'none', min: 0, width: 8, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 1000, color: 'orange' }, { value: 5000, color: 'red' }] },
          queries: [prometheusQuery({ legend: '{{tenant_id}} {{queue}}', expr: `max by (tenant_id, queue) (hub_queue_depth{${hub}})` })],
        }),
        timeseries({
          title: 'Token expiry failures by channel', description: 'Outbound calls failing on an expired token per tenant and channel; ticket after 10m, page after 30m.',
          unit: 'reqps', min: 0, width: 8,
          queries: [prometheusQuery({ legend: '{{tenant_id}} {{channel}}', expr: 'tenant_id_channel:hub_token_expiry_failures:rate5m{tenant_id=~"$tenant"}' })],
          suppress: [...recorded],
        }),
        timeseries({
          title: 'AI dispatch p95 by tenant', description: 'How long each tenant\'s users wait for an AI answer (p95 over 5m); ticket above 30s.',
          unit: 's', min: 0, width: 8,
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: 'tenant_id:ai_orchestrator_dispatch_duration_seconds:p95_5m{tenant_id=~"$tenant"}' })],
          suppress: [...recorded],
        }),
      ],
    }),
    row({
      title: 'Tenant data in Redis',
      suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'redis_exporter series (job synchron-hub-redis): $instance lists backend instances' }],
      panels: [
        timeseries({
          title: 'Context entries', description: 'Size of each tenant\'s <tenant>:hub:context key (redis_exporter --check-keys).',
          unit: 'none', min: 0, width: 12,
          queries: [prometheusQuery({
            legend: '{{tenant_id}}',
            expr: 'max by (tenant_id) (label_replace(redis_key_size{job="synchron-hub-redis", key=~"$tenant:hub:context"}, "tenant_id", "$1", "key", "(.+):hub:context"))',
          })],
        }),
        timeseries({
          title: 'Metrics freshness', description: 'Age of each tenant\'s <tenant>:hub:metrics:last-seen key; ticket above 10 minutes.',
          unit: 's', min: 0, width: 12, thresholdsStyle: 'line', thresholds: { base: 'green', steps: [{ value: 600, color: 'red' }] },
          queries: [prometheusQuery({
            legend: '{{tenant_id}}',
            expr: 'time() - max by (tenant_id) (label_replace(redis_key_value{job="synchron-hub-redis", key=~"$tenant:hub:metrics:last-seen"}, "tenant_id", "$1", "key", "(.+):hub:metrics:last-seen"))',
          })],
        }),
      ],
    }),
  ],
});
