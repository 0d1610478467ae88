// "AI Orchestrator" (monitoring README: "orchestrator health"): is the orchestrator up, are
// dispatches to the AI agents (span ai.orchestrator.dispatch) succeeding and fast, is work piling up
// in its queue or in its Kafka consumer group.
import {
  dashboard, heatmap, labelValues, prometheusQuery, queryVariable, redPanels, row, stat, timeseries,
} from '../../dsl/index.ts';
import { folder, hubAnnotations, hubLinks, hubVariables, tags } from './shared.ts';

const orch = 'job="synchron-hub-ai-orchestrator", instance=~"$instance", tenant_id=~"$tenant"';

export const aiOrchestrator = dashboard({
  title: 'Synchron Hub / AI Orchestrator',
  uid: 'synchron-hub-ai-orchestrator',
  folder,
  description: 'Health of the Synchron AI orchestrator: dispatch rate, failures and latency per tenant, its queue and Kafka consumer lag.',
  tags: [...tags, 'ai-orchestrator'],
  refresh: '30s',
  suppress: [{
    check: 'dashboard/job-instance-variables',
    reason: 'one fixed job (synchron-hub-ai-orchestrator): its instances are the $instance variable',
  }],
  variables: [
    ...hubVariables('synchron-hub-ai-orchestrator'),
    queryVariable({
      name: 'consumergroup', label: 'Consumer group', multi: true, includeAll: true, allValue: '.+', sort: 'alpha',
      query: labelValues('consumergroup', 'kafka_consumergroup_lag_sum{job="synchron-hub-kafka"}'),
      description: 'The orchestrator\'s Kafka consumer group(s).',
    }),
  ],
  annotations: hubAnnotations,
  links: hubLinks,
  panels: [
    stat({
      title: 'Orchestrator instances up', description: 'Orchestrator targets that answered their last scrape (page when none for 2m).',
      unit: 'none', width: 4, thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
      queries: [prometheusQuery({ mode: 'instant', expr: 'sum(up{job="synchron-hub-ai-orchestrator", instance=~"$instance"})' })],
    }),
    stat({
      title: 'Dispatches', description: 'Dispatches to the AI agents per second for the selected tenants.',
      unit: 'reqps', width: 5, graphMode: 'area',
      queries: [prometheusQuery({ expr: `sum(rate(ai_orchestrator_dispatch_total{${orch}}[$__rate_interval]))` })],
    }),
    stat({
      title: 'Dispatch failures', description: 'Share of dispatches ending in error or timeout (page above 20% for 10m, all tenants).',
      unit: 'percentunit', width: 5, decimals: 2,
      thresholds: { base: 'green', steps: [{ value: 0.05, color: 'orange' }, { value: 0.2, color: 'red' }] },
      mappings: [{ special: 'null+nan', text: 'no traffic' }],
      queries: [prometheusQuery({
        expr: `sum(rate(ai_orchestrator_dispatch_total{${orch}, outcome=~"error|timeout"}[$__rate_interval])) / sum(rate(ai_orchestrator_dispatch_total{${orch}}[$__rate_interval]))`,
      })],
    }),
    stat({
      title: 'Dispatch p95', description: 'p95 dispatch duration for the selected tenants (ticket above 30s per tenant).',
      unit: 's', width: 5,
      thresholds: { base: 'green', steps: [{ value: 10, color: 'orange' }, { value: 30, color: 'red' }] },
      queries: [prometheusQuery({
        expr: `histogram_quantile(0.95, sum by (le) (rate(ai_orchestrator_dispatch_duration_seconds_bucket{${orch}}[$__rate_interval])))`,
      })],
    }),
    stat({
      title: 'Turns waiting', description: 'Conversation turns waiting for dispatch, selected tenants (ticket above 500 per tenant).',
      unit: 'none', width: 5, graphMode: 'area',
      thresholds: { base: 'green', steps: [{ value: 500, color: 'orange' }] },
      queries: [prometheusQuery({ expr: `sum(ai_orchestrator_queue_depth{${orch}})` })],
    }),
  ],
  rows: [
    row({
      title: 'Dispatch (rate, errors, duration)',
      panels: redPanels({
        service: 'dispatch', requests: 'ai_orchestrator_dispatch_total', duration: 'ai_orchestrator_dispatch_duration_seconds',
        errors: { outcome: 'error|timeout' }, errorBudget: 0.2, latencyObjective: 30,
        selector: { job: 'synchron-hub-ai-orchestrator', instance: '$instance', tenant_id: '$tenant' },
      }),
    }),
    row({
      title: 'Per tenant',
      panels: [
        timeseries({
          title: 'Dispatches by outcome', description: 'Dispatches per second by outcome.',
          unit: 'reqps', stack: 'normal', fillOpacity: 20, width: 8,
          overrides: [
            { match: { byName: 'error' }, set: { color: { fixed: 'red' } } },
            { match: { byName: 'timeout' }, set: { color: { fixed: 'orange' } } },
            { match: { byName: 'success' }, set: { color: { fixed: 'green' } } },
          ],
          queries: [prometheusQuery({ legend: '{{outcome}}', expr: `sum by (outcome) (rate(ai_orchestrator_dispatch_total{${orch}}[$__rate_interval]))` })],
        }),
        timeseries({
          title: 'Failure ratio by tenant', description: 'Share of each tenant\'s dispatches ending in error or timeout over 5m; ticket above 5% for 15m.',
          unit: 'percentunit', min: 0, width: 8, thresholdsStyle: 'line', thresholds: { base: 'green', steps: [{ value: 0.05, color: 'red' }] },
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: 'tenant_id:ai_orchestrator_dispatch_failures:ratio_rate5m{tenant_id=~"$tenant"}' })],
          suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'a per-tenant recorded series: aggregated over job and instance' }],
        }),
        timeseries({
          title: 'Dispatch p95 by tenant', description: 'p95 dispatch duration of each tenant over 5m; ticket above 30s for 15m.',
          unit: 's', min: 0, width: 8, thresholdsStyle: 'line', thresholds: { base: 'green', steps: [{ value: 30, color: 'red' }] },
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: 'tenant_id:ai_orchestrator_dispatch_duration_seconds:p95_5m{tenant_id=~"$tenant"}' })],
          suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'a per-tenant recorded series: aggregated over job and instance' }],
        }),
        heatmap({
          title: 'Dispatch duration distribution', description: 'Dispatches per duration bucket over time (ai_orchestrator_dispatch_duration_seconds).',
          unit: 's', cellUnit: 'reqps', scheme: 'Spectral', width: 12,
          queries: [prometheusQuery({
            format: 'heatmap', legend: '{{le}}',
            expr: `sum by (le) (rate(ai_orchestrator_dispatch_duration_seconds_bucket{${orch}}[$__rate_interval]))`,
          })],
        }),
        timeseries({
          title: 'Queue depth by tenant', description: 'Conversation turns waiting for dispatch per tenant; ticket above 500 for 15m.',
          unit: 'none', min: 0, width: 12, thresholdsStyle: 'line', thresholds: { base: 'green', steps: [{ value: 500, color: 'red' }] },
          queries: [prometheusQuery({ legend: '{{tenant_id}}', expr: `max by (tenant_id) (ai_orchestrator_queue_depth{${orch}})` })],
        }),
      ],
    }),
    row({
      title: 'Kafka consumer',
      suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'kafka_exporter series (job synchron-hub-kafka), selected by $consumergroup, not by orchestrator instance' }],
      panels: [
        timeseries({
          title: 'Consumer lag by topic', description: 'Unconsumed messages of the selected consumer groups per topic; ticket above 1000, page above 10000 and growing.',
          unit: 'none', min: 0, width: 12, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 1000, color: 'orange' }, { value: 10000, color: 'red' }] },
          queries: [prometheusQuery({
            legend: '{{consumergroup}} {{topic}}',
            expr: 'sum by (consumergroup, topic) (kafka_consumergroup_lag_sum{job="synchron-hub-kafka", consumergroup=~"$consumergroup"})',
          })],
        }),
        timeseries({
          title: 'Consumer group members', description: 'Members of the selected consumer groups: 0 while lag grows means nobody consumes.',
          unit: 'none', min: 0, width: 12, decimals: 0,
          queries: [prometheusQuery({
            legend: '{{consumergroup}}',
            expr: 'max by (consumergroup) (kafka_consumergroup_members{job="synchron-hub-kafka", consumergroup=~"$consumergroup"})',
          })],
        }),
      ],
    }),
  ],
});
