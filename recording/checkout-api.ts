// Recording rules for the checkout API: request rate, error ratio and latency percentiles per job,
// precomputed so that dashboards and alerts stay cheap.
import { promql, record, ruleGroup } from '../dsl/index.ts';

const window = '5m';

export const checkoutApiRecording = ruleGroup({
  name: 'checkout-api.recording',
  interval: '30s',
  rules: [
    record({
      name: 'job:http_requests:rate5m',
      expr: promql`sum by (job) (rate(http_requests_total{job="checkout-api"}[${window}]))`,
    }),
    record({
      name: 'job:http_request_errors:ratio_rate5m',
      expr: promql`
        sum by (job) (rate(http_requests_total{job="checkout-api", code=~"5.."}[${window}]))
        /
        sum by (job) (rate(http_requests_total{job="checkout-api"}[${window}]))`,
    }),
    record({
      name: 'job:http_request_duration_seconds:p99_5m',
      expr: 'histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket{job="checkout-api"}[5m])))',
    }),
  ],
});
