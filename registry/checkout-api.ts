// The checkout API's own metrics (instrumented with the Prometheus client library), written by hand.
import { counter, histogram, registry } from '../dsl/index.ts';

export const checkoutApi = registry({
  name: 'checkout-api',
  scrapeInterval: '15s',
  jobs: ['checkout-api'],
  metrics: {
    http_requests_total: counter({
      help: 'HTTP requests served, by status code, method, route and tenant.',
      labels: ['code', 'method', 'route', 'tenant_id'],
      values: { method: ['DELETE', 'GET', 'POST', 'PUT'] },
    }),
    http_request_duration_seconds: histogram({
      help: 'HTTP request latency, by route.',
      unit: 'seconds',
      labels: ['method', 'route'],
    }),
  },
});
