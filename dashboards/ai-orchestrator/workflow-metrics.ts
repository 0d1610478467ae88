// "Workflow Metrics" (monitoring/grafana/dashboards/workflow-metrics.json): workflow execution
// (success rate, duration, queue size), the engine adapters behind it, and the business KPIs of
// lib/monitoring/business-metrics.ts (MAU, workflow success rate, average response time, MRR,
// customer satisfaction, API usage) with the activity the business alerts watch.
import { aiOrchestratorApplicationAlerts, aiOrchestratorBusinessAlerts } from '../../alerts/ai-orchestrator.ts';
import {
  alertAnnotation, barGauge, customVariable, dashboard, datasourceVariable, heatmap, labelValues, prometheusQuery, queryVariable,
  row, stat, table, timeseries,
} from '../../dsl/index.ts';

const app = 'job=~"$job", instance=~"$instance"';
const wf = `${app}, engine_type=~"$engine_type", workflow_name=~"$workflow"`;
const failed = 'status=~"failed|timeout"';

export const workflowMetrics = dashboard({
  title: 'AI Orchestrator / Workflow Metrics',
  uid: 'ai-orchestrator-workflow-metrics',
  folder: 'AI Orchestrator',
  description: 'Workflow execution, engine adapters and business KPIs of the AI Orchestrator.',
  tags: ['ai-orchestrator', 'workflows', 'business'],
  refresh: '30s',
  time: { from: 'now-24h', to: 'now' },
  tooltip: 'shared',
  variables: [
    datasourceVariable({ name: 'datasource', label: 'Data source', plugin: 'prometheus' }),
    queryVariable({ name: 'job', label: 'Job', query: labelValues('job', 'up'), regex: '/^ai-orchestrator.*/', default: 'ai-orchestrator', sort: 'alpha' }),
    queryVariable({
      name: 'instance', label: 'Instance', query: labelValues('instance', 'up{job=~"$job"}'),
      multi: true, includeAll: true, allValue: '.+', sort: 'natural',
    }),
    customVariable({
      name: 'engine_type', label: 'Engine', values: ['langflow', 'n8n', 'langsmith'], multi: true, includeAll: true, allValue: '.+',
    }),
    queryVariable({
      name: 'workflow', label: 'Workflow',
      query: labelValues('workflow_name', 'workflow_executions_total{job=~"$job", instance=~"$instance", engine_type=~"$engine_type"}'),
      multi: true, includeAll: true, allValue: '.+', sort: 'alpha',
    }),
  ],
  annotations: [alertAnnotation({ alerts: [aiOrchestratorApplicationAlerts, aiOrchestratorBusinessAlerts] })],
  panels: [
    stat({
      title: 'Workflow success rate',
      description: 'Executions over the time range that did not fail or time out. Target > 95% (performance review, SLO).',
      unit: 'percentunit', decimals: 2, width: 6, colorMode: 'background', graphMode: 'none',
      thresholds: { base: 'red', steps: [{ value: 0.95, color: 'green' }] },
      mappings: [{ special: 'null+nan', text: 'no executions', color: 'text' }],
      queries: [prometheusQuery({
        mode: 'instant',
        expr: `1 - sum(increase(workflow_executions_total{${wf}, ${failed}}[$__range])) / sum(increase(workflow_executions_total{${wf}}[$__range]))`,
      })],
    }),
    stat({
      title: 'Executions',
      description: 'Workflow executions that finished over the time range (workflow_executions_total).',
      unit: 'short', decimals: 0, width: 6, graphMode: 'none',
      queries: [prometheusQuery({ mode: 'instant', expr: `sum(increase(workflow_executions_total{${wf}}[$__range]))` })],
    }),
    stat({
      title: 'Queue size',
      description: 'Workflow executions waiting, all selected engines (workflow_queue_size). Alert: above 100 per engine for 10 minutes.',
      unit: 'short', width: 6, graphMode: 'area', colorMode: 'background',
      thresholds: { base: 'green', steps: [{ value: 100, color: 'red' }] },
      // max per engine: every replica reports the same shared queue.
      queries: [prometheusQuery({ expr: `sum(max by (engine_type) (workflow_queue_size{${app}, engine_type=~"$engine_type"}))` })],
    }),
    stat({
      title: 'Execution duration p95',
      description: '95th percentile of workflow execution duration (workflow_execution_duration_seconds).',
      unit: 's', width: 6, graphMode: 'area',
      queries: [prometheusQuery({
        expr: `histogram_quantile(0.95, sum by (le) (rate(workflow_execution_duration_seconds_bucket{${wf}}[$__rate_interval])))`,
      })],
    }),
  ],
  rows: [
    row({
      title: 'Workflow execution',
      panels: [
        timeseries({
          title: 'Executions by status',
          description: 'Workflow executions finishing per second, by terminal status.',
          unit: 'ops', stack: 'normal', fillOpacity: 30, width: 12,
          overrides: [
            { match: { byName: 'failed' }, set: { color: { fixed: 'red' } } },
            { match: { byName: 'timeout' }, set: { color: { fixed: 'orange' } } },
            { match: { byName: 'completed' }, set: { color: { fixed: 'green' } } },
          ],
          queries: [prometheusQuery({ expr: `sum by (status) (rate(workflow_executions_total{${wf}}[$__rate_interval]))`, legend: '{{status}}' })],
        }),
        timeseries({
          title: 'Failure rate by engine',
          description: 'Share of executions that failed or timed out, per engine. Alert (P1): above 10% for 5 minutes.',
          unit: 'percentunit', min: 0, width: 12, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 0.1, color: 'red' }] },
          queries: [prometheusQuery({
            expr: `sum by (engine_type) (rate(workflow_executions_total{${wf}, ${failed}}[$__rate_interval]))\n/ sum by (engine_type) (rate(workflow_executions_total{${wf}}[$__rate_interval]))`,
            legend: '{{engine_type}}',
          })],
        }),
        timeseries({
          title: 'Execution duration',
          description: 'Workflow execution duration quantiles per engine (workflow_execution_duration_seconds).',
          unit: 's', min: 0, width: 12,
          queries: [0.5, 0.95, 0.99].map((q) => prometheusQuery({
            expr: `histogram_quantile(${q}, sum by (le, engine_type) (rate(workflow_execution_duration_seconds_bucket{${wf}}[$__rate_interval])))`,
            legend: `p${q * 100} {{engine_type}}`,
          })),
        }),
        timeseries({
          title: 'Queue size by engine',
          description: 'Workflow executions waiting per engine queue (workflow_queue_size). Alert: above 100 for 10 minutes.',
          unit: 'short', min: 0, width: 12, thresholdsStyle: 'line',
          thresholds: { base: 'green', steps: [{ value: 100, color: 'red' }] },
          queries: [prometheusQuery({ expr: `max by (engine_type) (workflow_queue_size{${app}, engine_type=~"$engine_type"})`, legend: '{{engine_type}}' })],
        }),
        heatmap({
          title: 'Execution duration distribution',
          description: 'Executions per duration bucket over time (workflow_execution_duration_seconds histogram).',
          unit: 's', cellUnit: 'ops', scheme: 'Oranges', width: 12,
          queries: [prometheusQuery({
            format: 'heatmap', legend: '{{le}}',
            expr: `sum by (le) (rate(workflow_execution_duration_seconds_bucket{${wf}}[$__rate_interval]))`,
          })],
        }),
        table({
          title: 'Workflows',
          description: 'Executions and failure share per workflow over the time range, most executed first.',
          width: 12,
          sortBy: [{ column: 'Value #A', desc: true }],
          overrides: [
            { match: { byName: 'Value #A' }, set: { unit: 'short', decimals: 0, displayName: 'executions' } },
            { match: { byName: 'Value #B' }, set: { unit: 'percentunit', decimals: 1, displayName: 'failed' } },
          ],
          queries: [
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: `sum by (workflow_name, engine_type) (increase(workflow_executions_total{${wf}}[$__range]))`,
            }),
            prometheusQuery({
              mode: 'instant', format: 'table',
              expr: `sum by (workflow_name, engine_type) (increase(workflow_executions_total{${wf}, ${failed}}[$__range]))\n/ sum by (workflow_name, engine_type) (increase(workflow_executions_total{${wf}}[$__range]))`,
            }),
          ],
        }),
      ],
    }),
    row({
      title: 'Engine adapters',
      panels: [
        timeseries({
          title: 'Engine calls',
          description: 'Calls per second from the orchestrator to each engine API, by operation (engine_calls_total).',
          unit: 'reqps', min: 0, width: 8,
          queries: [prometheusQuery({
            expr: `sum by (engine_type, operation) (rate(engine_calls_total{${app}, engine_type=~"$engine_type"}[$__rate_interval]))`,
            legend: '{{engine_type}} {{operation}}',
          })],
        }),
        timeseries({
          title: 'Engine call errors',
          description: 'Share of engine API calls that failed, per engine (engine_calls_total{status="error"}).',
          unit: 'percentunit', min: 0, width: 8,
          queries: [prometheusQuery({
            expr: `sum by (engine_type) (rate(engine_calls_total{${app}, engine_type=~"$engine_type", status="error"}[$__rate_interval]))\n/ sum by (engine_type) (rate(engine_calls_total{${app}, engine_type=~"$engine_type"}[$__rate_interval]))`,
            legend: '{{engine_type}}',
          })],
        }),
        timeseries({
          title: 'Engine call latency p95',
          description: '95th percentile latency of engine API calls, per engine and operation (engine_call_duration_seconds).',
          unit: 's', min: 0, width: 8,
          queries: [prometheusQuery({
            expr: `histogram_quantile(0.95, sum by (le, engine_type, operation) (rate(engine_call_duration_seconds_bucket{${app}, engine_type=~"$engine_type"}[$__rate_interval])))`,
            legend: '{{engine_type}} {{operation}}',
          })],
        }),
      ],
    }),
    row({
      title: 'Business KPIs',
      panels: [
        stat({
          title: 'Monthly active users',
          description: 'Distinct users active over the last 30 days (business_active_users{period="monthly"}).',
          unit: 'short', decimals: 0, width: 4, graphMode: 'area',
          // max: every replica exports the same value computed from the database.
          queries: [prometheusQuery({ expr: `max(business_active_users{${app}, period="monthly"})` })],
        }),
        stat({
          title: 'Monthly recurring revenue',
          description: 'MRR in US dollars (business_monthly_recurring_revenue_dollars).',
          unit: 'currencyUSD', decimals: 0, width: 4, graphMode: 'area',
          queries: [prometheusQuery({ expr: `max(business_monthly_recurring_revenue_dollars{${app}})` })],
        }),
        stat({
          title: 'Customer satisfaction',
          description: 'CSAT: share of satisfied survey answers (business_customer_satisfaction_score, 0-100).',
          unit: 'percent', decimals: 1, width: 4, graphMode: 'area',
          thresholds: { base: 'red', steps: [{ value: 70, color: 'orange' }, { value: 85, color: 'green' }] },
          queries: [prometheusQuery({ expr: `max(business_customer_satisfaction_score{${app}})` })],
        }),
        stat({
          title: 'Average response time',
          description: 'Mean HTTP request duration over the time range (http_request_duration_seconds _sum / _count).',
          unit: 's', decimals: 3, width: 4, graphMode: 'none',
          thresholds: { base: 'green', steps: [{ value: 1, color: 'red' }] },
          queries: [prometheusQuery({
            mode: 'instant',
            expr: `sum(increase(http_request_duration_seconds_sum{${app}}[$__range])) / sum(increase(http_request_duration_seconds_count{${app}}[$__range]))`,
          })],
        }),
        stat({
          title: 'API usage',
          description: 'HTTP API requests served over the time range (http_requests_total).',
          unit: 'short', decimals: 0, width: 4, graphMode: 'none',
          queries: [prometheusQuery({ mode: 'instant', expr: `sum(increase(http_requests_total{${app}}[$__range]))` })],
        }),
        stat({
          title: 'Daily active users',
          description: 'Distinct users active over the last day (business_active_users{period="daily"}).',
          unit: 'short', decimals: 0, width: 4, graphMode: 'area',
          queries: [prometheusQuery({ expr: `max(business_active_users{${app}, period="daily"})` })],
        }),
        timeseries({
          title: 'Logins per hour',
          description: 'Successful logins per hour (user_logins_total). Alert (info): below 10/hour for 30 minutes.',
          unit: 'short', min: 0, width: 8, thresholdsStyle: 'line', axisLabel: 'logins / hour',
          thresholds: { base: 'red', steps: [{ value: 10, color: 'green' }] },
          queries: [prometheusQuery({ expr: `sum(rate(user_logins_total{${app}, status="success"}[$__rate_interval])) * 3600`, legend: 'logins/h' })],
        }),
        timeseries({
          title: 'Workflows created per hour',
          description: 'Workflow definitions created per hour (workflows_created_total). Alert (info): below 5/hour.',
          unit: 'short', min: 0, width: 8, thresholdsStyle: 'line', axisLabel: 'workflows / hour',
          thresholds: { base: 'red', steps: [{ value: 5, color: 'green' }] },
          queries: [prometheusQuery({
            expr: `sum by (engine_type) (rate(workflows_created_total{${app}, engine_type=~"$engine_type"}[$__rate_interval])) * 3600`,
            legend: '{{engine_type}}',
          })],
          stack: 'normal',
        }),
        timeseries({
          title: 'Executions per 5 minutes',
          description: 'Workflow executions per 5 minutes (workflow_executions_total). Alert (info): above 100/5min.',
          unit: 'short', min: 0, width: 8, thresholdsStyle: 'line', axisLabel: 'executions / 5 min',
          thresholds: { base: 'green', steps: [{ value: 100, color: 'red' }] },
          queries: [prometheusQuery({ expr: `sum(rate(workflow_executions_total{${wf}}[$__rate_interval])) * 300`, legend: 'executions/5m' })],
        }),
        barGauge({
          title: 'API usage by route',
          description: 'The ten most requested routes over the time range (http_requests_total).',
          unit: 'short', displayMode: 'gradient', orientation: 'horizontal', width: 24, height: 8,
          queries: [prometheusQuery({
            mode: 'instant', legend: '{{service}} {{route}}',
            expr: `topk(10, sum by (service, route) (increase(http_requests_total{${app}}[$__range])))`,
          })],
        }),
      ],
    }),
  ],
});
