// "2. WhatsApp Metrics Dashboard": message volume and success rates, API request performance,
// instance analysis, failure investigation. "Instance" is the WhatsApp business instance, stored as
// exported_instance (the app's `instance` label collides with the scrape target's; see the registry).
import { pytakeWhatsAppAlerts } from '../../alerts/pytake.ts';
import {
  alertAnnotation, dashboard, gaugePanel, labelValues, link, pieChart, prometheusQuery, queryVariable, row,
  runbookLink, sloDashboard, standardVariables, stat, table, timeseries,
} from '../../dsl/index.ts';

const sel = 'job=~"$job", instance=~"$instance", exported_instance=~"$wa_instance"';

export const whatsappMetrics = dashboard({
  title: 'PyTake - WhatsApp Metrics',
  uid: 'pytake-whatsapp-metrics',
  folder: 'pytake',
  description: 'WhatsApp message volume, delivery, Cloud API performance and failures, per WhatsApp instance.',
  tags: ['pytake', 'whatsapp', 'messaging'],
  time: { from: 'now-6h', to: 'now' },
  refresh: '1m',
  variables: [
    ...standardVariables({ metric: 'whatsapp_messages_total' }),
    queryVariable({
      name: 'wa_instance', label: 'WhatsApp instance', sort: 'alpha', multi: true, includeAll: true, allValue: '.*',
      query: labelValues('exported_instance', 'whatsapp_messages_total{job=~"$job", instance=~"$instance"}'),
    }),
  ],
  annotations: [alertAnnotation({ alerts: [pytakeWhatsAppAlerts] })],
  links: [
    runbookLink('https://docs.pytake.com/runbooks/whatsapp-failures'),
    link({ title: 'WhatsApp delivery SLO', to: sloDashboard('pytake-whatsapp') }),
  ],
  rows: [
    row({
      title: 'WhatsApp Message Statistics',
      panels: [
        stat({
          title: 'Messages Sent (Last Hour)',
          description: 'Outbound WhatsApp messages over the last hour.',
          unit: 'short', colorMode: 'value', graphMode: 'area', width: 4,
          queries: [prometheusQuery({ expr: `sum(increase(whatsapp_messages_total{${sel}, direction="sent"}[1h]))`, legend: 'Messages Sent (1h)' })],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the panel is defined as the last hour, whatever the time range' }],
        }),
        stat({
          title: 'Messages Received (Last Hour)',
          description: 'Inbound WhatsApp messages over the last hour.',
          unit: 'short', colorMode: 'value', graphMode: 'area', width: 4,
          queries: [prometheusQuery({ expr: `sum(increase(whatsapp_messages_total{${sel}, direction="received"}[1h]))`, legend: 'Messages Received (1h)' })],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the panel is defined as the last hour, whatever the time range' }],
        }),
        gaugePanel({
          title: 'Message Success Rate',
          description: 'Outbound messages that did not fail, over the last 5 minutes; the delivery SLO is 95%.',
          unit: 'percentunit', min: 0, max: 1, width: 4,
          thresholds: { base: 'red', steps: [{ value: 0.9, color: 'yellow' }, { value: 0.95, color: 'green' }] },
          queries: [prometheusQuery({
            legend: 'Success Rate',
            expr: `
              1 - sum(rate(whatsapp_messages_total{${sel}, direction="sent", status="failed"}[5m]))
                / sum(rate(whatsapp_messages_total{${sel}, direction="sent"}[5m]))`,
          })],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'a current value over the same 5m window the alerts use' }],
        }),
        timeseries({
          title: 'Message Rate by Status',
          description: 'WhatsApp messages per second, by status.',
          unit: 'short', width: 12,
          overrides: [{ match: { byName: 'failed' }, set: { color: { fixed: 'red' } } }],
          queries: [prometheusQuery({ expr: `sum by (status) (rate(whatsapp_messages_total{${sel}}[$__rate_interval]))`, legend: '{{status}}' })],
        }),
      ],
    }),
    row({
      title: 'WhatsApp API Performance',
      panels: [
        timeseries({
          title: 'WhatsApp API Request Duration',
          description: 'p50 and p95 of WhatsApp Cloud API calls, by operation. A p95 above 30s for 3 minutes opens a ticket.',
          unit: 's', width: 12, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 30, color: 'red' }] },
          queries: ([['p50', 0.5], ['p95', 0.95]] as const).map(([p, q]) => prometheusQuery({
            legend: `${p} - {{operation}}`,
            expr: `histogram_quantile(${q}, sum by (le, operation) (rate(whatsapp_api_request_duration_seconds_bucket{${sel}}[$__rate_interval])))`,
          })),
        }),
        timeseries({
          title: 'WhatsApp API Request Rate',
          description: 'WhatsApp Cloud API calls per second, by operation and status.',
          unit: 'reqps', width: 12,
          queries: [prometheusQuery({
            expr: `sum by (operation, status) (rate(whatsapp_api_requests_total{${sel}}[$__rate_interval]))`,
            legend: '{{operation}} - {{status}}',
          })],
        }),
        stat({
          title: 'WhatsApp Cloud API Reachability',
          description: 'Blackbox probe of graph.facebook.com: whether it answered, and how long the probe took.',
          unit: 'none', colorMode: 'background', graphMode: 'none', width: 6,
          thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
          mappings: [{ value: 0, text: 'DOWN' }, { value: 1, text: 'UP' }],
          queries: [prometheusQuery({ expr: 'probe_success{job="blackbox", instance=~"https://graph.facebook.com/.*"}', legend: '{{instance}}' })],
          suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'the probe is a blackbox target, not a PyTake instance' }],
        }),
        timeseries({
          title: 'WhatsApp Cloud API Probe Duration',
          description: 'How long the blackbox probe of graph.facebook.com took.',
          unit: 's', width: 18,
          queries: [prometheusQuery({ expr: 'probe_duration_seconds{job="blackbox", instance=~"https://graph.facebook.com/.*"}', legend: '{{instance}}' })],
          suppress: [{ check: 'dashboard/job-instance-matchers', reason: 'the probe is a blackbox target, not a PyTake instance' }],
        }),
      ],
    }),
    row({
      title: 'Instance Analysis',
      panels: [
        // A pie chart, as the team drew it.
        pieChart({
          title: 'Messages by Instance',
          description: 'Messages per WhatsApp instance over the last hour.',
          unit: 'short', legend: { values: ['value', 'percent'] }, width: 12, height: 8,
          queries: [prometheusQuery({
            mode: 'instant', legend: '{{exported_instance}}',
            expr: `sum by (exported_instance) (increase(whatsapp_messages_total{${sel}}[1h]))`,
          })],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the panel is defined as the last hour, whatever the time range' }],
        }),
        table({
          title: 'Instance Performance Table',
          description: 'Per WhatsApp instance: messages per second, share failed, and p95 Cloud API duration (last 5 minutes).',
          width: 12, height: 8,
          sortBy: [{ column: 'failed', desc: true }],
          overrides: [
            { match: { byName: 'messages/s' }, set: { unit: 'short', decimals: 2 } },
            { match: { byName: 'failed' }, set: { unit: 'percentunit', decimals: 1 } },
            { match: { byName: 'API p95' }, set: { unit: 's', decimals: 2 } },
          ],
          queries: [
            prometheusQuery({
              mode: 'instant', format: 'table', legend: 'messages/s',
              expr: `sum by (exported_instance) (rate(whatsapp_messages_total{${sel}}[5m]))`,
            }),
            prometheusQuery({
              mode: 'instant', format: 'table', legend: 'failed',
              expr: `
                sum by (exported_instance) (rate(whatsapp_messages_total{${sel}, status="failed"}[5m]))
                / sum by (exported_instance) (rate(whatsapp_messages_total{${sel}}[5m]))`,
            }),
            prometheusQuery({
              mode: 'instant', format: 'table', legend: 'API p95',
              expr: `histogram_quantile(0.95, sum by (le, exported_instance) (rate(whatsapp_api_request_duration_seconds_bucket{${sel}}[5m])))`,
            }),
          ],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the table shows the last 5 minutes whatever the time range' }],
        }),
      ],
    }),
    row({
      title: 'Failure Investigation',
      panels: [
        timeseries({
          title: 'Failed Messages by Instance',
          description: 'Failed WhatsApp messages per second, by WhatsApp instance and direction.',
          unit: 'short', width: 12, stack: 'normal', fillOpacity: 30,
          queries: [prometheusQuery({
            expr: `sum by (exported_instance, direction) (rate(whatsapp_messages_total{${sel}, status="failed"}[$__rate_interval]))`,
            legend: '{{exported_instance}} {{direction}}',
          })],
        }),
        timeseries({
          title: 'Failure Ratio',
          description: 'Share of messages that failed over 10 minutes; above 10% for 5 minutes opens a ticket.',
          unit: 'percentunit', min: 0, width: 12, thresholdsStyle: 'dashed',
          thresholds: { base: 'green', steps: [{ value: 0.1, color: 'red' }] },
          queries: [prometheusQuery({
            legend: '{{exported_instance}}',
            expr: `
              sum by (exported_instance) (rate(whatsapp_messages_total{${sel}, status="failed"}[10m]))
              / sum by (exported_instance) (rate(whatsapp_messages_total{${sel}}[10m]))`,
          })],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the same 10m window as PyTakeWhatsAppHighFailureRate' }],
        }),
        timeseries({
          title: 'Unsuccessful API Calls by Operation',
          description: 'WhatsApp Cloud API calls per second whose status is not success (status values come from the API client).',
          unit: 'reqps', width: 24,
          queries: [prometheusQuery({
            expr: `sum by (operation, status) (rate(whatsapp_api_requests_total{${sel}, status!~"success|2.."}[$__rate_interval]))`,
            legend: '{{operation}} - {{status}}',
          })],
        }),
      ],
    }),
  ],
});
