// Service level objectives of the checkout API. Each slo(...) becomes SLI recording rules, burn-rate
// alerts, promtool tests proving them, and a row of the checkout-api error-budget dashboard.
import { promql, slo } from '../dsl/index.ts';
import { checkoutApi } from '../registry/checkout-api.ts';

const runbook = 'https://runbooks.example.com/checkout-api#slo';

/** 99.9% of checkout requests succeed (no 5xx) over 30 days. */
export const availability = slo({
  service: 'checkout-api',
  name: 'availability',
  description: 'Checkout requests that do not fail with a server error.',
  objective: 99.9,
  // Typed selectors: tsc refuses a metric or label the registry does not have.
  sli: {
    ratio: {
      bad: checkoutApi.sel('http_requests_total', { job: 'checkout-api', code: { re: '5..' } }),
      total: checkoutApi.sel('http_requests_total', { job: 'checkout-api' }),
    },
  },
  labels: { team: 'payments' },
  alerting: { annotations: { runbook_url: runbook } },
});

/** 99% of checkout requests are served within 300ms over 30 days. */
export const latency = slo({
  service: 'checkout-api',
  name: 'latency',
  description: 'Checkout requests served within 300ms.',
  objective: 99,
  sli: { latency: { histogram: checkoutApi.sel('http_request_duration_seconds_bucket', { job: 'checkout-api' }), threshold: 0.3 } },
  labels: { team: 'payments' },
  alerting: { annotations: { runbook_url: runbook } },
});

/** Per tenant: 99.5% of each tenant's requests succeed over 28 days (one objective per tenant_id). */
export const tenantAvailability = slo({
  service: 'checkout-api',
  name: 'tenant-availability',
  description: 'Checkout requests of one tenant answered with 2xx or 3xx.',
  objective: 99.5,
  period: '28d',
  grouping: ['tenant_id'],
  sli: {
    ratio: {
      // Expressions with the window left open: obs fills in each window the alerts need.
      good: (window) => promql`sum by (tenant_id) (increase(http_requests_total{job="checkout-api", code=~"[23].."}[${window}]))`,
      total: (window) => promql`sum by (tenant_id) (increase(http_requests_total{job="checkout-api"}[${window}]))`,
    },
  },
  labels: { team: 'payments' },
  alerting: {
    name: 'CheckoutApiTenantErrorBudgetBurn',
    annotations: { runbook_url: `${runbook}-tenants` },
    // A single tenant's fast burn is worth an urgent ticket, not a page.
    page: { name: 'CheckoutApiTenantFastErrorBudgetBurn', labels: { severity: 'ticket' } },
  },
});
