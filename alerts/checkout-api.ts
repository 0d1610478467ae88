// Alerts for the checkout API. The unit tests below run with the real promtool (`npx obs test`).
import { alert, promql, ruleGroup, ruleTest } from '../dsl/index.ts';

export const checkoutApiAlerts = ruleGroup({
  name: 'checkout-api.alerts',
  rules: [
    alert({
      name: 'CheckoutApiDown',
      expr: 'up{job="checkout-api"} == 0',
      for: '2m',
      labels: { severity: 'page', team: 'payments' },
      annotations: {
        summary: 'checkout-api instance {{ $labels.instance }} is down',
        runbook_url: 'https://runbooks.example.com/checkout-api#down',
      },
    }),
    alert({
      name: 'CheckoutApiHighErrorRate',
      expr: promql`job:http_request_errors:ratio_rate5m{job="checkout-api"} > 0.05`,
      for: '10m',
      labels: { severity: 'page', team: 'payments' },
      annotations: {
        runbook_url: 'https://runbooks.example.com/checkout-api#errors',
        summary: 'checkout-api errors at {{ $value | humanizePercentage }} of requests',
        description: 'More than 5% of checkout requests fail with 5xx for 10 minutes.',
      },
    }),
    alert({
      name: 'CheckoutApiSlow',
      expr: 'job:http_request_duration_seconds:p99_5m{job="checkout-api"} > 1.5',
      for: '15m',
      keepFiringFor: '5m',
      labels: { severity: 'ticket', team: 'payments' },
      annotations: { summary: 'checkout-api p99 latency is {{ $value | humanizeDuration }}', runbook_url: 'https://runbooks.example.com/checkout-api#latency' },
    }),
  ],
});

export const checkoutApiDownTest = ruleTest({
  name: 'a scrape target that stays down pages after 2 minutes',
  groups: [checkoutApiAlerts],
  input: [{ metric: 'up', labels: { job: 'checkout-api', instance: 'api-1:8080' }, values: '1 1 0 0 0 0 0' }],
  alerts: [
    { at: '3m', alertname: 'CheckoutApiDown', expect: [] },
    {
      at: '5m',
      alertname: 'CheckoutApiDown',
      expect: [{
        labels: { job: 'checkout-api', instance: 'api-1:8080', severity: 'page', team: 'payments' },
        annotations: { summary: 'checkout-api instance api-1:8080 is down', runbook_url: 'https://runbooks.example.com/checkout-api#down' },
      }],
    },
  ],
});

export const checkoutApiErrorTest = ruleTest({
  name: 'an error ratio above 5% for 10 minutes pages; below it does not',
  groups: [checkoutApiAlerts],
  input: [
    { metric: 'job:http_request_errors:ratio_rate5m', labels: { job: 'checkout-api' }, values: '0.01x5 0.2x20' },
  ],
  alerts: [
    { at: '5m', alertname: 'CheckoutApiHighErrorRate', expect: [] },
    {
      at: '20m',
      alertname: 'CheckoutApiHighErrorRate',
      expect: [{
        labels: { job: 'checkout-api', severity: 'page', team: 'payments' },
        annotations: {
          runbook_url: 'https://runbooks.example.com/checkout-api#errors',
          summary: 'checkout-api errors at 20% of requests',
          description: 'More than 5% of checkout requests fail with 5xx for 10 minutes.',
        },
      }],
    },
  ],
});
