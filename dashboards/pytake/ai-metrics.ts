// "4. AI Metrics Dashboard": request volume by model, token usage and costs, performance analysis,
// error tracking. ai_token_usage_total is a histogram of tokens per request, so tokens are its _sum
// (the team's rate(ai_token_usage_total[5m]) selected no series). No cost metric exists: cost is
// tokens times the per-1k-token prices in the two variables, which whoever owns the OpenAI bill sets.
import { pytakeAiAlerts } from '../../alerts/pytake.ts';
import {
  alertAnnotation, constantVariable, dashboard, gaugePanel, labelValues, pieChart, prometheusQuery, queryVariable, row,
  runbookLink, standardVariables, stat, table, timeseries,
} from '../../dsl/index.ts';

const sel = 'job=~"$job", instance=~"$instance", model=~"$model"';
const lastHour = [{ check: 'dashboard/rate-interval', reason: 'the panel is defined as the last hour, whatever the time range' }] as const;

export const aiMetrics = dashboard({
  title: 'PyTake - AI & ML Metrics',
  uid: 'pytake-ai-metrics',
  folder: 'pytake',
  description: 'AI requests by model, token usage and estimated cost, latency and errors.',
  tags: ['pytake', 'ai', 'machine-learning'],
  time: { from: 'now-6h', to: 'now' },
  refresh: '1m',
  variables: [
    ...standardVariables({ metric: 'ai_requests_total' }),
    queryVariable({
      name: 'model', label: 'Model', sort: 'alpha', multi: true, includeAll: true, allValue: '.*',
      query: labelValues('model', 'ai_requests_total{job=~"$job", instance=~"$instance"}'),
    }),
    // Placeholder prices (USD per 1k tokens); not from the document, set them to the contract's.
    constantVariable({ name: 'input_price', value: '0.0005', description: 'USD per 1k input tokens.' }),
    constantVariable({ name: 'output_price', value: '0.0015', description: 'USD per 1k output tokens.' }),
  ],
  annotations: [alertAnnotation({ alerts: [pytakeAiAlerts] })],
  links: [runbookLink('https://docs.pytake.com/runbooks/ai-errors')],
  rows: [
    row({
      title: 'AI Service Performance',
      panels: [
        stat({
          title: 'AI Requests (Last Hour)',
          description: 'AI requests over the last hour.',
          unit: 'short', colorMode: 'value', graphMode: 'area', width: 4,
          thresholds: { base: 'green', steps: [{ value: 100, color: 'yellow' }, { value: 1000, color: 'red' }] },
          queries: [prometheusQuery({ expr: `sum(increase(ai_requests_total{${sel}}[1h]))`, legend: 'AI Requests (1h)' })],
          suppress: lastHour,
        }),
        stat({
          title: 'AI Request p95 Latency',
          description: '95th percentile AI request time; above 10s for 5 minutes opens a ticket.',
          unit: 's', colorMode: 'value', graphMode: 'area', width: 4,
          thresholds: { base: 'green', steps: [{ value: 5, color: 'yellow' }, { value: 10, color: 'red' }] },
          queries: [prometheusQuery({
            legend: 'p95 Latency',
            expr: `histogram_quantile(0.95, sum by (le) (rate(ai_request_duration_seconds_bucket{${sel}}[$__rate_interval])))`,
          })],
        }),
        gaugePanel({
          title: 'AI Success Rate',
          description: 'Share of AI requests that succeeded over the last 5 minutes.',
          unit: 'percentunit', min: 0, max: 1, width: 4,
          thresholds: { base: 'red', steps: [{ value: 0.95, color: 'yellow' }, { value: 0.99, color: 'green' }] },
          queries: [prometheusQuery({
            legend: 'Success Rate',
            expr: `sum(rate(ai_requests_total{${sel}, status="success"}[5m])) / sum(rate(ai_requests_total{${sel}}[5m]))`,
          })],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'a current value over the same 5m window the alerts use' }],
        }),
        timeseries({
          title: 'AI Request Rate by Model and Operation',
          description: 'AI requests per second, by model and operation.',
          unit: 'reqps', width: 12,
          queries: [prometheusQuery({
            expr: `sum by (model, operation) (rate(ai_requests_total{${sel}}[$__rate_interval]))`,
            legend: '{{model}} - {{operation}}',
          })],
        }),
      ],
    }),
    row({
      title: 'Token Usage and Costs',
      panels: [
        timeseries({
          title: 'Token Usage Rate',
          description: 'Tokens per second, by model and type (input, output).',
          unit: 'short', width: 12, stack: 'normal', fillOpacity: 30,
          queries: [prometheusQuery({
            expr: `sum by (model, type) (rate(ai_token_usage_total_sum{${sel}}[$__rate_interval]))`,
            legend: '{{model}} - {{type}}',
          })],
        }),
        // A pie chart, as in the team's dashboard.
        pieChart({
          title: 'Token Usage by Model (1h)',
          description: 'Tokens used per model over the last hour.',
          unit: 'short', pieType: 'donut', legend: { values: ['value', 'percent'] }, width: 12,
          queries: [prometheusQuery({
            mode: 'instant', legend: '{{model}}',
            expr: `sum by (model) (increase(ai_token_usage_total_sum{${sel}}[1h]))`,
          })],
          suppress: lastHour,
        }),
        stat({
          title: 'Estimated Cost (Time Range)',
          description: 'Tokens used over the time range priced at $input_price / $output_price USD per 1k input / output tokens.',
          unit: 'currencyUSD', decimals: 2, colorMode: 'value', graphMode: 'none', width: 6,
          queries: [prometheusQuery({
            mode: 'instant', legend: 'cost',
            expr: `
              sum(increase(ai_token_usage_total_sum{${sel}, type="input"}[$__range])) / 1000 * $input_price
              + sum(increase(ai_token_usage_total_sum{${sel}, type="output"}[$__range])) / 1000 * $output_price`,
          })],
        }),
        timeseries({
          title: 'Estimated Cost per Hour by Model',
          description: 'Spend rate in USD per hour, by model, at the prices of the variables.',
          unit: 'currencyUSD', width: 12,
          queries: [prometheusQuery({
            legend: '{{model}}',
            expr: `
              sum by (model) (rate(ai_token_usage_total_sum{${sel}, type="input"}[$__rate_interval])) * 3600 / 1000 * $input_price
              + sum by (model) (rate(ai_token_usage_total_sum{${sel}, type="output"}[$__rate_interval])) * 3600 / 1000 * $output_price`,
          })],
        }),
        stat({
          title: 'Tokens per Request',
          description: 'Average tokens per AI request over the time range, by type.',
          unit: 'short', decimals: 0, colorMode: 'value', graphMode: 'none', width: 6,
          queries: [prometheusQuery({
            mode: 'instant', legend: '{{type}}',
            expr: `
              sum by (type) (increase(ai_token_usage_total_sum{${sel}}[$__range]))
              / sum by (type) (increase(ai_token_usage_total_count{${sel}}[$__range]))`,
          })],
        }),
      ],
    }),
    row({
      title: 'AI Performance Analysis',
      panels: [
        timeseries({
          title: 'AI Request Duration by Model',
          description: 'p50 and p95 AI request time, by model and operation.',
          unit: 's', width: 12, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 10, color: 'red' }] },
          queries: ([['p50', 0.5], ['p95', 0.95]] as const).map(([p, q]) => prometheusQuery({
            legend: `${p} - {{model}} - {{operation}}`,
            expr: `histogram_quantile(${q}, sum by (le, model, operation) (rate(ai_request_duration_seconds_bucket{${sel}}[$__rate_interval])))`,
          })),
        }),
        table({
          title: 'AI Model Performance Summary',
          description: 'Per model over the last 5 minutes: requests per second, error ratio, average duration.',
          width: 12,
          sortBy: [{ column: 'requests/s', desc: true }],
          overrides: [
            { match: { byName: 'requests/s' }, set: { unit: 'reqps', decimals: 2 } },
            { match: { byName: 'error ratio' }, set: { unit: 'percentunit', decimals: 1 } },
            { match: { byName: 'avg duration' }, set: { unit: 's', decimals: 2 } },
          ],
          queries: [
            prometheusQuery({ mode: 'instant', format: 'table', legend: 'requests/s', expr: `sum by (model) (rate(ai_requests_total{${sel}}[5m]))` }),
            prometheusQuery({
              mode: 'instant', format: 'table', legend: 'error ratio',
              expr: `sum by (model) (rate(ai_requests_total{${sel}, status="error"}[5m])) / sum by (model) (rate(ai_requests_total{${sel}}[5m]))`,
            }),
            prometheusQuery({
              mode: 'instant', format: 'table', legend: 'avg duration',
              expr: `sum by (model) (rate(ai_request_duration_seconds_sum{${sel}}[5m])) / sum by (model) (rate(ai_request_duration_seconds_count{${sel}}[5m]))`,
            }),
          ],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the table shows the last 5 minutes whatever the time range' }],
        }),
      ],
    }),
    row({
      title: 'Error Tracking',
      panels: [
        timeseries({
          title: 'AI Errors by Model and Operation',
          description: 'Failed AI requests per second; above 0.1/s for 2 minutes opens a ticket.',
          unit: 'reqps', width: 12, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 0.1, color: 'red' }] },
          queries: [prometheusQuery({
            expr: `sum by (model, operation) (rate(ai_requests_total{${sel}, status="error"}[$__rate_interval]))`,
            legend: '{{model}} - {{operation}}',
          })],
        }),
        stat({
          title: 'OpenAI API Reachability',
          description: 'Blackbox probe of api.openai.com.',
          unit: 'none', colorMode: 'background', graphMode: 'none', width: 6,
          thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
          mappings: [{ value: 0, text: 'DOWN' }, { value: 1, text: 'UP' }],
          queries: [prometheusQuery({ expr: 'probe_success{job="blackbox", instance=~"https://api.openai.com/.*"}', legend: '{{instance}}' })],
          suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'the probe is a blackbox target, not a PyTake instance' }],
        }),
        timeseries({
          title: 'OpenAI API Probe Duration',
          description: 'How long the blackbox probe of api.openai.com took.',
          unit: 's', width: 6,
          queries: [prometheusQuery({ expr: 'probe_duration_seconds{job="blackbox", instance=~"https://api.openai.com/.*"}', legend: '{{instance}}' })],
          suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'the probe is a blackbox target, not a PyTake instance' }],
        }),
      ],
    }),
  ],
});
